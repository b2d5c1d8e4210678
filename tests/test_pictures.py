"""Pictures made light at build time (issue 11, point 7; plugins/eduweb/pictures.py).

In-process: the checks of originals (limits, unreadable files), the
variants (sizes, orientation, metadata, cache, determinism) and the
<picture> markup; one build for the whole flow.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import Site, article, png
from eduweb import messages, pictures
from eduweb.content_index import scan
from eduweb.pictures import Picture, PictureError, Pictures, check, rewrite_html, variant_widths
from PIL import Image, features

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def camera_jpeg(width: int = 4000, height: int = 3000, quality: int = 92) -> bytes:
    """A photo as a camera saves it: smooth light and fine grain, stored
    sideways with EXIF orientation 6 (turn 90° clockwise to view), and GPS.
    At 4000×3000 it weighs about 3.7 MB. The left quarter is red, so the
    orientation can be seen: upright, the red is at the top."""
    light = Image.linear_gradient("L").resize((width, height))
    grain = Image.effect_noise((width // 2, height // 2), 21).resize((width, height))
    shade = Image.radial_gradient("L").resize((width, height))
    photo = Image.merge("RGB", (light, grain, shade))
    photo.paste((220, 20, 20), (0, 0, width // 4, height))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Kamera AB"
    exif[GPS_IFD] = {1: "N", 2: (59.0, 19.0, 42.0), 3: "E", 4: (18.0, 4.0, 7.0)}
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=quality, exif=exif, comment=b"Lat 59.33 Lon 18.07")
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be width×height (its header is all the check reads)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", 0)
        + b"IEND"
        + struct.pack(">I", zlib.crc32(b"IEND"))
    )


@pytest.fixture(scope="module")
def small_photo() -> bytes:
    return camera_jpeg(1200, 900, quality=90)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, small_photo) -> Pictures:
    """A shelf with small_photo prepared once, at images/foto.jpg."""
    root = tmp_path_factory.mktemp("prepared")
    shelf = Pictures(str(root / "content"), str(root / "cache"))
    put(shelf, "images/foto.jpg", small_photo)
    shelf.prepare("images/foto.jpg")
    return shelf


@pytest.fixture
def shelf(tmp_path) -> Pictures:
    (tmp_path / "content" / "images").mkdir(parents=True)
    return Pictures(str(tmp_path / "content"), str(tmp_path / "cache"))


def put(shelf: Pictures, rel: str, data: bytes) -> str:
    path = Path(shelf.content_path) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


# ------------------------------------------------------------- the checks


def test_too_many_pixels_is_refused_with_its_size(tmp_path):
    path = tmp_path / "panorama.png"
    path.write_bytes(png_header(12000, 9000))
    with pytest.raises(PictureError) as err:
        check(str(path))
    assert "12000×9000 px" in str(err.value)
    assert "40 megapixels" in str(err.value)


def test_a_decompression_bomb_is_a_message_not_a_traceback(tmp_path):
    """Pillow itself raises DecompressionBombError above 179 megapixels."""
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header(30000, 30000))
    limit = Image.MAX_IMAGE_PIXELS
    with pytest.raises(PictureError) as err:
        check(str(path))
    assert "30000×30000 px" in str(err.value)
    assert limit == Image.MAX_IMAGE_PIXELS  # the guard is back for everyone else


def test_too_many_bytes_is_refused_with_its_size(tmp_path, monkeypatch, small_photo):
    monkeypatch.setattr(pictures, "MAX_BYTES", 100_000)
    path = tmp_path / "foto.jpg"
    path.write_bytes(small_photo)
    with pytest.raises(PictureError) as err:
        check(str(path))
    megabytes = f"{len(small_photo) / 1e6:.1f} MB"
    assert f"the picture is {megabytes} / 900×1200 px" in str(err.value)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bild.png", b"\x89PNG\r\n\x1a\n"),
        ("bild.jpg", b"Hej, det har ar text"),
        ("bild.svg", b"<html>inte svg</html>"),
        ("bild.svg", b"<svg"),
    ],
)
def test_a_file_that_is_not_a_picture_is_refused(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PictureError, match="cannot be opened as a picture"):
        check(str(path))


def test_sizes_are_read_as_displayed(tmp_path, small_photo):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(small_photo)
    assert (check(str(photo)).width, check(str(photo)).height) == (900, 1200)
    svg = tmp_path / "a.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 450"/>')
    assert (check(str(svg)).width, check(str(svg)).height) == (800, 450)
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="2em"/>')
    assert check(str(svg)).width is None


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (4000, [320, 640, 960, 1280, 1920]),
        (1920, [320, 640, 960, 1280, 1920]),
        (1000, [320, 640, 960, 1000]),
        (192, [192]),
    ],
)
def test_variant_widths_never_upscale(width, widths):
    assert variant_widths(width) == widths


# ------------------------------------------------------------- the variants


def test_variants_are_upright_sized_and_carry_no_metadata(prepared):
    shelf = prepared
    picture = shelf.get("images/foto.jpg")
    assert (picture.width, picture.height) == (900, 1200)
    formats = ["avif", "webp", "jpg"] if features.check("avif") else ["webp", "jpg"]
    assert picture.formats == formats
    assert [(v.width, v.height) for v in picture.variants if v.fmt == "jpg"] == [
        (320, 427),
        (640, 853),
        (900, 1200),
    ]
    for variant in picture.variants:
        data = (Path(shelf.cache_dir) / variant.name).read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (variant.width, variant.height)
            assert not image.getexif(), variant.name
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info), variant.name
            # Upright: the camera's left quarter (red) is now at the top.
            top = image.convert("RGB").getpixel((variant.width // 2, 2))
            bottom = image.convert("RGB").getpixel((variant.width // 2, variant.height - 3))
            assert top[0] > 150 and top[1] < 90, (variant.name, top)
            assert bottom[0] < 150 or bottom[1] > 90, (variant.name, bottom)
        assert b"Exif" not in data and b"Kamera AB" not in data and b"Lat 59" not in data


def test_a_cached_picture_is_not_encoded_again(prepared, small_photo):
    first = prepared.get("images/foto.jpg")
    assert prepared.encodes == len(first.variants)  # each variant encoded once
    # The next build, with the cache on disk: nothing is encoded, and the
    # same bytes under another name are the same variants.
    again = Pictures(prepared.content_path, prepared.cache_dir)
    put(again, "images/kopia.jpg", small_photo)
    assert again.prepare("images/foto.jpg") == first
    assert again.prepare("images/kopia.jpg").variants == first.variants
    assert again.encodes == 0


def test_two_builds_encode_the_same_bytes(prepared, shelf, small_photo):
    put(shelf, "images/foto.jpg", small_photo)
    made = []
    for done in (prepared, shelf):
        picture = done.prepare("images/foto.jpg")
        cache = Path(done.cache_dir)
        made.append({v.name: (cache / v.name).read_bytes() for v in picture.variants})
    assert shelf.encodes == len(made[1])  # a cache of its own: encoded anew
    assert made[0] == made[1]


def test_transparency_is_kept_and_png_falls_back_to_png(shelf):
    image = Image.new("RGBA", (700, 400), (0, 0, 0, 0))
    image.paste((29, 78, 137, 255), (0, 0, 350, 400))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    put(shelf, "images/logo.png", buffer.getvalue())
    picture = shelf.prepare("images/logo.png")
    assert picture.formats[-1] == "png"
    with Image.open(Path(shelf.cache_dir) / picture.variants[0].name) as variant:
        assert variant.mode == "RGBA"
        assert variant.getpixel((variant.width - 2, 2))[3] == 0


def test_an_animation_passes_through(shelf):
    frames = [Image.new("RGB", (400, 300), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:])
    put(shelf, "images/rorlig.webp", buffer.getvalue())
    assert shelf.prepare("images/rorlig.webp") == Picture("/images/rorlig.webp", 400, 300)
    assert shelf.encodes == 0


def test_a_cached_webp_original_is_not_decoded_again(shelf, monkeypatch):
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (29, 78, 137, 128)).save(buffer, "WEBP")
    put(shelf, "images/halvgenomskinlig.webp", buffer.getvalue())
    first = shelf.prepare("images/halvgenomskinlig.webp")
    assert first.formats[-1] == "png"  # transparent: PNG, not JPEG, for old browsers
    monkeypatch.setattr(pictures, "decode", lambda *args: pytest.fail("decoded again"))
    again = Pictures(shelf.content_path, shelf.cache_dir)
    assert again.prepare("images/halvgenomskinlig.webp") == first


def test_a_damaged_picture_is_a_problem_where_it_is_shown(shelf, small_photo):
    put(shelf, "images/trasig.jpg", small_photo[: len(small_photo) // 3])
    errors = shelf.prepare_all({"images/trasig.jpg": ("content/news/2024/x.md", 6, "body")})
    assert [str(e) for e in errors] == [
        "content/news/2024/x.md:6: body: 'images/trasig.jpg' cannot be shown: the file cannot be "
        "opened as a picture (it is damaged or not a picture); open it in an image editor and "
        "save it again as JPG or PNG"
    ]


# ------------------------------------------------------------- the markup


def test_body_pictures_become_responsive_and_only_the_first_is_eager(prepared):
    shelf = prepared
    body = (
        '<p><img alt="Första" src="/images/foto.jpg"></p>\n'
        '<p><img alt="Andra &amp; sista" src="/images/foto.jpg" title="x"></p>\n'
        '<p><img alt="Annan" src="https://example.se/a.jpg"></p>\n'
        '<p><img alt="Pelicans" src="{static}/images/foto.jpg"></p>'
    )
    out = BeautifulSoup(rewrite_html(body, shelf, ["images"], eager_first=True), "html.parser")
    first, second, third = out.find_all("picture")
    types = [s["type"] for s in first.find_all("source")]
    assert types == (["image/avif", "image/webp"] if features.check("avif") else ["image/webp"])
    img = first.img
    assert (img["width"], img["height"]) == ("900", "1200")
    assert img["src"].startswith("/bilder/") and img["src"].endswith("-900.jpg")
    assert img["srcset"].count("w,") == 2 and img["sizes"] == pictures.BODY_SIZES
    assert "loading" not in img.attrs and img["decoding"] == "async"
    assert second.img["loading"] == "lazy" and second.img["alt"] == "Andra & sista"
    assert second.img["title"] == "x"
    assert out.find("img", alt="Annan")["src"] == "https://example.se/a.jpg"
    assert third.img["alt"] == "Pelicans" and third.img["src"] == img["src"]
    assert "/images/foto.jpg" not in str(out)  # the original is never what a page loads
    lazy_first = BeautifulSoup(rewrite_html(body, shelf, ["images"], False), "html.parser")
    assert lazy_first.img["loading"] == "lazy"


def test_svg_passes_through_with_its_size():
    picture = Picture("/images/a.svg", 800, 450)
    html = pictures.picture_html(picture, {"alt": "A"}, pictures.BODY_SIZES, eager=False)
    assert html == (
        '<img src="/images/a.svg" alt="A" width="800" height="450" loading="lazy" decoding="async">'
    )


# ------------------------------------------------------------- validation


def scan_errors(root: Path) -> list[str]:
    settings = {
        "PATH": str(root / "content"),
        "_eduweb_tz": STOCKHOLM,
        "STATIC_PATHS": ["images"],
        "_EDUWEB_NOW": NOW,
    }
    return [str(error) for error in scan(settings).errors]


def content(tmp_path: Path, files: dict) -> Path:
    for folder in ("news", "programmes", "contacts", "pages", "images"):
        (tmp_path / "content" / folder).mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return tmp_path


NEWS = "news/2024/x.md"


def news(fields: str = "", body: str = "Text.\n") -> str:
    return f"---\ntitle: Nyhet\ndate: 2024-06-03\n{fields}---\n{body}"


# The table of messages (tests/test_messages.py reads it): key, content
# files, the whole Swedish line.
MESSAGE_CASES = [
    (
        "picture.too_large",
        {
            "images/stor.png": png_header(12000, 9000),
            NEWS: news("image: images/stor.png\nimage_alt: En bild\n"),
        },
        "content/news/2024/x.md:4: image: bilden är 45 byte / 12000×9000 px; största tillåtna "
        "är 20 MB och 40 miljoner bildpunkter (t.ex. 6000×4000 px); förminska den (3000 px "
        "bredd räcker gott) och spara den igen",
    ),
    (
        "picture.unreadable",
        {
            "images/bild.jpg": b"inte en bild",
            NEWS: news("image: images/bild.jpg\nimage_alt: En bild\n"),
        },
        "content/news/2024/x.md:4: image: filen går inte att öppna som en bild (den är skadad "
        "eller något annat än en bild); öppna den i ett bildprogram och spara den igen som JPG "
        "eller PNG",
    ),
    (
        "picture.in_body",
        {
            "images/bild.jpg": b"inte en bild",
            NEWS: news(body="Text.\n\n![En bild](images/bild.jpg)\n"),
        },
        "content/news/2024/x.md:7: texten: 'images/bild.jpg' går inte att visa: filen går inte "
        "att öppna som en bild (den är skadad eller något annat än en bild); öppna den i ett "
        "bildprogram och spara den igen som JPG eller PNG",
    ),
]


@pytest.mark.parametrize(
    ("key", "files", "expected"), MESSAGE_CASES, ids=[case[0] for case in MESSAGE_CASES]
)
def test_each_picture_message(tmp_path, swedish_messages, key, files, expected):
    assert scan_errors(content(tmp_path, files)) == [expected]


def test_every_picture_key_has_a_case():
    keys = {key for key in messages.CATALOGUE if key.startswith("picture.")}
    assert keys == {case[0] for case in MESSAGE_CASES}


def test_pictures_are_checked_once_per_scan(tmp_path, monkeypatch):
    root = content(
        tmp_path,
        {
            "images/bild.png": png(),
            NEWS: news("image: images/bild.png\nimage_alt: A\n", "![B](images/bild.png)\n"),
            "news/2024/y.md": news(
                body="![B](/images/bild.png)\n![C](./images/bild.png)\n"
                "![D]({static}/images/bild.png)\n"
            ),
            "contacts/anna.yml": "name: Anna\nimage: images/bild.png\nimage_alt: Anna\n",
        },
    )
    calls = []
    real = pictures.check
    monkeypatch.setattr(pictures, "check", lambda path: calls.append(path) or real(path))
    assert scan_errors(root) == []
    assert calls == [os.path.join(str(root / "content"), "images/bild.png")]


# ------------------------------------------------------------- a build


def test_a_built_article_never_loads_the_original(tmp_path):
    site = Site(tmp_path / "site")
    photo = camera_jpeg(800, 600, quality=90)
    site.write_bytes("images/foto.jpg", photo)
    icon = b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"/>'
    site.write_bytes("images/ikon.svg", icon)
    site.write(
        "news/2024/foto.md",
        article(
            image="images/foto.jpg",
            image_alt="Ett foto",
            body="Text.\n\n![Samma foto](images/foto.jpg)\n\n![Ikon](images/ikon.svg)\n",
        ),
    )
    site.write(
        "programmes/ledarskap.md",
        "---\ntitle: Ledarskap\nsummary: Ett program.\n---\n![Gruppen](images/foto.jpg)\n",
    )
    first = site.build()
    assert first.returncode == 0, first.stderr
    programme = first.html("utbildningar/ledarskap/").find("picture")
    assert programme.img["alt"] == "Gruppen" and "loading" not in programme.img.attrs
    page = first.html("nyheter/2024/foto/")
    lead, body = page.find_all("picture")
    assert "loading" not in lead.img.attrs and body.img["loading"] == "lazy"
    assert page.find("img", alt="Ikon")["width"] == "64"
    assert 'src="/images/foto.jpg"' not in str(page) and "/images/foto.jpg " not in str(page)
    og = page.find("meta", property="og:image")["content"]
    assert "/bilder/" in og and og.endswith("-600.jpg")
    published = sorted((first.output / "bilder").iterdir())
    for source in lead.find_all("source"):
        for candidate in source["srcset"].split(", "):
            assert (first.output / candidate.split()[0].lstrip("/")).is_file()
    # Links to the original still work; the copy published there has lost
    # its position and nothing else (content/ keeps the file as uploaded).
    original = first.output / "images/foto.jpg"
    assert pictures.without_location(str(site.root / "content/images/foto.jpg")) == (
        original.read_bytes()
    )
    assert (site.root / "content/images/foto.jpg").read_bytes() == photo
    assert position_of(original.read_bytes()) == {}
    cache = site.root / ".cache" / "images"
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    again = site.build()
    assert again.returncode == 0, again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # nothing re-encoded
    republished = sorted((again.output / "bilder").iterdir())
    assert [p.read_bytes() for p in republished] == [p.read_bytes() for p in published]


# ------------------------------------------------------------ published originals
def position_of(data: bytes) -> dict:
    return dict(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))


def image_data(data: bytes) -> bytes:
    """From the start of scan to the end: the picture itself."""
    return data[data.index(b"\xff\xda") :]


def with_xmp(data: bytes, xmp: bytes) -> bytes:
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    segment = b"\xff\xe1" + (2 + len(payload)).to_bytes(2, "big") + payload
    return data[:2] + segment + data[2:]


def test_a_published_original_loses_its_position_and_nothing_else(tmp_path):
    photo = camera_jpeg(400, 300)
    assert position_of(photo)  # the camera's position is there
    path = tmp_path / "foto.jpg"
    path.write_bytes(with_xmp(photo, b"<x:xmpmeta><exif:GPSLatitude>59,19N</exif:GPSLatitude>"))
    stripped = pictures.without_location(str(path))
    assert position_of(stripped) == {}
    assert b"GPSLatitude" not in stripped and b"http://ns.adobe.com/xap" not in stripped
    exif = Image.open(io.BytesIO(stripped)).getexif()
    assert exif[ORIENTATION] == 6 and exif[0x010F] == "Kamera AB"
    assert image_data(stripped) == image_data(photo)  # not re-encoded
    assert Image.open(io.BytesIO(stripped)).size == (400, 300)


@pytest.mark.parametrize(
    "data",
    [
        camera_jpeg(40, 30)[:2] + b"",  # cut after the first marker
        b"GIF89a not a jpeg",
    ],
)
def test_a_file_without_a_readable_position_is_left_alone(tmp_path, data):
    path = tmp_path / "x.jpg"
    path.write_bytes(data)
    assert pictures.without_location(str(path)) is None


def test_a_jpeg_without_a_position_is_left_alone(tmp_path):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[ORIENTATION] = 3
    Image.new("RGB", (40, 30), (10, 90, 160)).save(buffer, "JPEG", exif=exif)
    data = with_xmp(buffer.getvalue(), "<x:xmpmeta><dc:title>Möte</dc:title></x:xmpmeta>".encode())
    path = tmp_path / "x.jpg"
    path.write_bytes(data)
    assert pictures.without_location(str(path)) is None


def test_only_the_outputs_copies_change(tmp_path):
    source = tmp_path / "content/images/foto.jpg"
    source.parent.mkdir(parents=True)
    source.write_bytes(camera_jpeg(40, 30))
    output = tmp_path / "output/images/sub/foto.JPG"
    output.parent.mkdir(parents=True)
    os.link(source, output)  # a copy that shares the uploaded file's inode
    assert pictures.strip_locations(str(tmp_path / "output"), ["images"]) == 1
    assert position_of(output.read_bytes()) == {}
    assert position_of(source.read_bytes())  # content/ is untouched
    assert pictures.strip_locations(str(tmp_path / "output"), ["images"]) == 0


def test_exif_that_cannot_be_written_back_is_dropped_whole(tmp_path, monkeypatch):
    path = tmp_path / "foto.jpg"
    path.write_bytes(camera_jpeg(40, 30))

    def cannot(self, offset=8):
        raise ValueError("an odd tag")

    monkeypatch.setattr(Image.Exif, "tobytes", cannot)
    stripped = pictures.without_location(str(path))
    assert b"Exif\x00\x00" not in stripped and position_of(stripped) == {}
    assert image_data(stripped) == image_data(path.read_bytes())
