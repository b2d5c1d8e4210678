"""Content pictures made light at build time (issue 11, point 7).

A picture a writer puts in content/images/ (a camera photo of several MB)
is published as it is at /images/…, so links to it keep working, but no
page refers to it. Pages get, per picture, resized variants under
/bilder/<hash>-<width>.<format>: AVIF (when this Pillow can write it),
WebP, and the original's format as the fallback, in a <picture> element
with `srcset`, `sizes`, `width` and `height`.

Three steps:

- `check` (the validation pass, cheap: the file's size and its header) turns
  away what is not a readable picture, or too large to be sensible (a
  decompression bomb never reaches the decoder);
- `Pictures.prepare` (before Pelican writes anything) decodes each
  referenced picture once, applies its EXIF orientation, converts it to
  sRGB and encodes the variants that the cache lacks; metadata (EXIF, GPS,
  XMP, comments) is never copied into a variant;
- `Pictures.publish` copies the variants into the output, and the reader
  and templates write <picture> elements (`rewrite_html`, `picture_html`).

The cache (.cache/images/ beside content/, kept by CI) holds each variant
under the SHA-256 of the original's bytes, PIPELINE and Pillow's version, so an unchanged
picture is never encoded again, and a changed encoder setting makes new
names. Encoding is deterministic: two builds give the same bytes.

SVG, GIF and any animated picture pass through, with the width and height
their file states.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import os
import posixpath
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import PIL
from markupsafe import Markup
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError, features

from . import messages, urls
from .errors import ContentError
from .files import write_whole
from .markdown_render import content_relative

# Widths of the variants; a picture is never made larger than it is.
WIDTHS = (320, 640, 960, 1280, 1920)
# Beyond these an original is a mistake (a scan at 1200 dpi, a panorama
# straight from the camera): the writer is asked to make it smaller.
MAX_BYTES = 20_000_000
MAX_PIXELS = 40_000_000
# Part of every cache key: change it when the encoding below changes. The
# encoder's version too: another Pillow may encode other bytes.
PIPELINE = "eduweb-pictures-1"
CACHE_SALT = f"{PIPELINE}/Pillow {PIL.__version__}\0".encode()
CACHE_FOLDER = os.path.join(".cache", "images")
# The column of running text (--measure in site.css) and a contact's photo.
BODY_SIZES = "(min-width: 42rem) 42rem, 100vw"
PASS_THROUGH = {".svg", ".gif"}
RESIZED = {".jpg", ".jpeg", ".png", ".webp", ".avif"}
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}
# Encoder settings: fixed, so that output is deterministic (one AVIF thread).
ENCODERS = {
    "avif": ("AVIF", {"quality": 55, "speed": 8, "max_threads": 1}),
    "webp": ("WEBP", {"quality": 75, "method": 4}),
    "jpg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
# EXIF orientations that turn the picture a quarter: width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112


def modern_formats() -> tuple[str, ...]:
    """The formats offered before the fallback, best first."""
    return ("avif", "webp") if features.check("avif") else ("webp",)


class PictureError(ValueError):
    """An original that cannot be published as a picture: the message says why."""


@dataclass(frozen=True)
class Probe:
    """What the header of an original says: its size as displayed."""

    width: int | None
    height: int | None
    pass_through: bool


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    fmt: str  # a key of ENCODERS
    name: str  # file name in the cache and under /bilder/

    @property
    def url(self) -> str:
        return f"/{urls.PICTURES}{self.name}"


@dataclass(frozen=True)
class Picture:
    """One original, ready for a page."""

    src: str  # the original's address, /images/x.jpg
    width: int | None
    height: int | None
    variants: tuple[Variant, ...] = ()

    def srcset(self, fmt: str) -> str:
        return ", ".join(f"{v.url} {v.width}w" for v in self.variants if v.fmt == fmt)

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(v.fmt for v in self.variants))

    def fallback(self, max_width: int = 960) -> Variant | None:
        """The fallback variant nearest below `max_width` (or the smallest)."""
        own = [v for v in self.variants if v.fmt == self.formats[-1]] if self.variants else []
        fitting = [v for v in own if v.width <= max_width]
        return (fitting or own[:1])[-1] if own else None


# ------------------------------------------------------------- checking


def _message(key: str, **values: object) -> PictureError:
    return PictureError(messages.text(key, **values))


def _megabytes(size: int) -> str:
    """48 MB, 3,7 MB (a decimal comma in Swedish), 57 byte."""
    if size < 100_000:
        return f"{size} byte" if size < 1000 else f"{size // 1000} kB"
    shown = f"{size / 1_000_000:.1f}".removesuffix(".0")
    return (shown.replace(".", ",") if messages.language() == "sv" else shown) + " MB"


@contextlib.contextmanager
def _header_only() -> Iterator[None]:
    """Pillow refuses to even open a picture of more than 2 × 89 megapixels
    (its decompression-bomb guard, with a traceback-worthy error); here only
    the header is read and MAX_PIXELS is enforced before any decoding."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    try:
        orientation = image.getexif().get(_EXIF_ORIENTATION)
    except Exception:  # a broken EXIF block: the picture as stored
        orientation = None
    return (height, width) if orientation in _QUARTER_TURNS else (width, height)


def check(path: str) -> Probe:
    """The displayed size of the picture at `path`; PictureError when it is
    not a readable picture or too large. Reads the header only."""
    ext = os.path.splitext(path)[1].lower()
    size = os.path.getsize(path)
    if ext == ".svg":
        if size > MAX_BYTES:
            raise _too_large(size, None)
        return _svg_probe(path)
    dimensions = None
    try:
        with _header_only(), Image.open(path) as image:
            dimensions = _oriented_size(image)
            # An animation (GIF, animated WebP or PNG) would stop in a copy.
            animated = getattr(image, "is_animated", False)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        if size > MAX_BYTES:
            raise _too_large(size, None) from err
        raise _message("picture.unreadable") from None
    width, height = dimensions
    if size > MAX_BYTES or width * height > MAX_PIXELS:
        raise _too_large(size, dimensions)
    return Probe(width, height, ext in PASS_THROUGH or animated)


def _too_large(size: int, dimensions: tuple[int, int] | None) -> PictureError:
    shown = f"{dimensions[0]}×{dimensions[1]} px" if dimensions else "?"
    return _message(
        "picture.too_large",
        size=_megabytes(size),
        dimensions=shown,
        max_size=_megabytes(MAX_BYTES),
        max_pixels=MAX_PIXELS // 1_000_000,
    )


_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*$")


def _svg_probe(path: str) -> Probe:
    """An SVG's width and height in px, from its attributes or its viewBox
    (None when it states neither, or in other units)."""
    try:
        root = next(ElementTree.iterparse(path, events=("start",)))[1]
    except (ElementTree.ParseError, StopIteration, OSError):
        raise _message("picture.unreadable") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise _message("picture.unreadable")
    width, height = (_LENGTH.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return Probe(round(float(width[1])), round(float(height[1])), True)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    with contextlib.suppress(ValueError):
        if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
            return Probe(round(float(box[2])), round(float(box[3])), True)
    return Probe(None, None, True)


def checked(path: str, context: dict) -> str | None:
    """The validation pass's check of one original, done once per path per
    scan (context["picture_checks"]): the problem's message, or None."""
    memo = context.setdefault("picture_checks", {})
    if path not in memo:
        try:
            check(path)
            memo[path] = None
        except PictureError as err:
            memo[path] = str(err)
        except OSError as err:  # the file vanished or cannot be read
            memo[path] = messages.text("file.unreadable", reason=err.strerror or err)
    return memo[path]


# ------------------------------------------------------------- encoding


def variant_widths(width: int) -> list[int]:
    """WIDTHS up to the picture's own width, plus that width when it is
    smaller than the largest: never upscaled, and the full size offered."""
    chosen = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        chosen.append(width)
    elif not chosen or chosen[-1] != WIDTHS[-1]:
        chosen.append(WIDTHS[-1])
    return chosen


def fallback_format(ext: str, has_alpha: bool) -> str:
    """The original's format when a browser takes no modern one; a WebP or
    AVIF original falls back to JPEG, or PNG when it is transparent."""
    if ext in (".jpg", ".jpeg"):
        return "jpg"
    if ext == ".png" or has_alpha:
        return "png"
    return "jpg"


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels in sRGB, as browsers assume for a picture without a profile;
    a profile that cannot be read is ignored."""
    alpha = _has_alpha(image)
    profile = image.info.get("icc_profile")
    mode = "RGBA" if alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
        image = image.convert("RGBA" if alpha else "RGB")
    if profile:
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
            if converted is not None:
                return converted
    return image.convert(mode) if image.mode != mode else image


def decode(path: str, largest: int) -> Image.Image:
    """The picture upright, in sRGB, with no metadata, at least `largest`
    pixels wide (JPEG is decoded at a reduced scale when that is enough).
    PictureError when the file's pixels cannot be read (a truncated file)."""
    try:
        return _decode(path, largest)
    except PictureError:
        raise
    except Exception:  # Pillow's decoders raise many kinds for a damaged file
        raise _message("picture.unreadable") from None


def _decode(path: str, largest: int) -> Image.Image:
    with _header_only(), Image.open(path) as image:
        width = _oriented_size(image)[0]
        if image.format == "JPEG" and largest < width:
            scale = largest / width
            stored = (round(image.width * scale), round(image.height * scale))
            image.draft(image.mode, stored)
        image.load()
        upright = ImageOps.exif_transpose(image)
        has_alpha = _has_alpha(upright)
        pixels = _to_srgb(upright)
    pixels.info = {"has_alpha": has_alpha}  # nothing of the original's metadata
    return pixels


def encode(image: Image.Image, fmt: str) -> bytes:
    name, options = ENCODERS[fmt]
    if fmt == "jpg" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    clean = image.copy()
    clean.info = {}  # no EXIF, XMP, ICC or comments: Pillow copies some from info
    clean.save(buffer, name, **options)
    return buffer.getvalue()


@dataclass
class Pictures:
    """The pictures of one build: originals prepared once, by path and by
    content (the same bytes at two paths are encoded once)."""

    content_path: str
    cache_dir: str
    formats: tuple[str, ...] = field(default_factory=modern_formats)
    by_path: dict[str, Picture] = field(default_factory=dict)  # "images/x.jpg" -> Picture
    by_digest: dict[str, tuple[Picture, ...]] = field(default_factory=dict)
    encodes: int = 0  # variants encoded in this build (not taken from the cache)

    def begin(self) -> None:
        """Forget the previous build's pictures (a rebuild under --autoreload);
        the cache on disk stays."""
        self.by_path, self.by_digest, self.encodes = {}, {}, 0

    def get(self, rel: str) -> Picture | None:
        return self.by_path.get(rel)

    def prepare_all(self, wanted: dict[str, tuple[str, int, str]]) -> list[ContentError]:
        """Prepare every picture the pages show: `wanted` maps a path below
        content/ to the first place that shows it (file, line, field), where
        a problem is reported."""
        errors = []
        for rel, (where, line, field_name) in sorted(wanted.items()):
            try:
                self.prepare(rel)
            except PictureError as err:
                message = str(err)
                if field_name != "image":
                    message = messages.text(
                        "picture.in_body", path=messages.quote(rel), problem=message
                    )
                errors.append(ContentError(where, line, field_name, message))
        return errors

    def prepare(self, rel: str) -> Picture:
        """Make (or find in the cache) the variants of content/<rel>."""
        if rel in self.by_path:
            return self.by_path[rel]
        path = os.path.join(self.content_path, rel)
        probe = check(path)
        src = "/" + rel
        if probe.pass_through:
            picture = Picture(src, probe.width, probe.height)
        else:
            with open(path, "rb") as handle:
                data = handle.read()
            digest = hashlib.sha256(CACHE_SALT + data).hexdigest()
            if digest not in self.by_digest:
                self.by_digest[digest] = self._variants(path, digest, probe)
            variants = self.by_digest[digest]
            largest = variants[-1]
            picture = Picture(src, largest.width, largest.height, variants)
        self.by_path[rel] = picture
        return picture

    def _variants(self, path: str, digest: str, probe: Probe) -> tuple[Variant, ...]:
        widths = variant_widths(probe.width)
        ext = os.path.splitext(path)[1].lower()

        def plan(fallback: str) -> list[Variant]:
            return [
                Variant(
                    w, max(1, round(probe.height * w / probe.width)), fmt, f"{digest}-{w}.{fmt}"
                )
                for fmt in (*self.formats, fallback)
                for w in widths
            ]

        # The fallback depends on transparency, known from the header for a
        # PNG (its format) and a JPEG (none); a WebP or AVIF original is
        # decoded to find out, unless the cache already has one of the two.
        known = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg"}.get(ext)
        image = None
        if known is None:
            for fallback in ("jpg", "png"):
                if all(os.path.exists(self._cached(v)) for v in plan(fallback)):
                    known = fallback
                    break
            else:
                image = decode(path, widths[-1])
                known = fallback_format(ext, image.info["has_alpha"])
        planned = plan(known)
        missing = [v for v in planned if not os.path.exists(self._cached(v))]
        if missing:
            image = image or decode(path, widths[-1])
            if image.size[0] < widths[-1]:  # a decoder that read less than the header said
                raise _message("picture.unreadable")
            os.makedirs(self.cache_dir, exist_ok=True)
            resized: dict[int, Image.Image] = {}
            for variant in missing:
                if variant.width not in resized:
                    size = (variant.width, variant.height)
                    resized[variant.width] = (
                        image
                        if image.size == size
                        else image.resize(size, Image.Resampling.LANCZOS)
                    )
                self._store(variant, encode(resized[variant.width], variant.fmt))
                self.encodes += 1
        return tuple(planned)  # by format, fallback last; by width within each

    def _cached(self, variant: Variant) -> str:
        return os.path.join(self.cache_dir, variant.name)

    def _store(self, variant: Variant, data: bytes) -> None:
        # A build stopped midway leaves no half file.
        write_whole(self._cached(variant), data, prefix=".part-")

    def publish(self, output_path: str) -> None:
        """Copy every variant of this build to /bilder/ in the output."""
        folder = os.path.join(output_path, urls.PICTURES)
        names = {v.name for variants in self.by_digest.values() for v in variants}
        if names:
            os.makedirs(folder, exist_ok=True)
        for name in sorted(names):
            shutil.copyfile(os.path.join(self.cache_dir, name), os.path.join(folder, name))

    # --------------------------------------------------------- for pages

    def url(self, rel: str, max_width: int = 1280) -> str:
        """The address of a page-sized copy (og:image), or the original's."""
        picture = self.get(rel)
        variant = picture.fallback(max_width) if picture else None
        return variant.url if variant else "/" + rel

    def html(
        self,
        rel: str,
        alt: str,
        sizes: str = BODY_SIZES,
        eager: bool = False,
        attributes: dict[str, str] | None = None,
    ) -> Markup:
        """A <picture> (or, for SVG, GIF and unknown files, an <img>) for a
        template: `picture('images/x.jpg', 'Alt')`; `eager` for the first
        picture of a page, which may be the largest element on the screen."""
        picture = self.get(rel.lstrip("/")) or Picture("/" + rel.lstrip("/"), None, None)
        return Markup(picture_html(picture, {"alt": alt, **(attributes or {})}, sizes, eager))


# --------------------------------------------------- published originals
_GPS_IFD = 0x8825
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # JPEG markers without a length


def _jpeg_segments(handle) -> Iterator[tuple[int, int, int]]:
    """(marker, offset, length) of each segment before the image data, read
    from the segment headers only (a photo's megabytes are never read)."""
    if handle.read(2) != b"\xff\xd8":
        return
    offset = 2
    while True:
        head = handle.read(2)
        if len(head) < 2 or head[0] != 0xFF:
            return
        marker = head[1]
        if marker == 0xDA or marker == 0xD9:  # start of scan, end of image
            return
        if marker in _STANDALONE:
            offset += 2
            continue
        size = handle.read(2)
        if len(size) < 2:
            return
        length = int.from_bytes(size, "big")
        yield marker, offset, 2 + length
        handle.seek(offset + 2 + length)
        offset += 2 + length


def _located(marker: int, payload: bytes) -> bytes | None:
    """What a segment becomes without the position it holds (b"" to drop
    it), or None to keep it as it is."""
    if marker != 0xE1:
        return None
    if payload.startswith(_XMP):
        return b"" if b"GPS" in payload else None
    if payload.startswith(b"Exif\x00\x00"):
        exif = Image.Exif()
        try:
            exif.load(payload)
        except Exception:  # a damaged EXIF block: drop it rather than publish it
            return b""
        if _GPS_IFD not in exif:
            return None
        del exif[_GPS_IFD]
        try:
            data = exif.tobytes()
        except Exception:  # EXIF Pillow cannot write back: drop all of it
            return b""
        return b"\xff\xe1" + (2 + len(data)).to_bytes(2, "big") + data
    return None


def without_location(path: str) -> bytes | None:
    """The bytes of the JPEG at `path` with its GPS position removed
    (the EXIF GPS directory, and XMP that holds GPS fields), losslessly: the
    image data and the rest of EXIF, orientation included, are kept. None
    when there is nothing to remove or the file is not a JPEG."""
    changes = []
    with open(path, "rb") as handle:
        for marker, offset, length in _jpeg_segments(handle):
            if marker != 0xE1:
                continue
            handle.seek(offset + 4)
            replacement = _located(marker, handle.read(length - 4))
            if replacement is not None:
                changes.append((offset, length, replacement))
        if not changes:
            return None
        handle.seek(0)
        data = handle.read()
    parts, start = [], 0
    for offset, length, replacement in changes:
        parts += [data[start:offset], replacement]
        start = offset + length
    return b"".join([*parts, data[start:]])


def strip_locations(output_path: str, static_paths) -> int:
    """Remove the GPS position from every JPEG published as it was uploaded
    (content/images/ copied to the output): no page shows these originals,
    but a link to one, or a guessed address, would otherwise tell where a
    photo was taken. Only the output's copies change; returns how many."""
    changed = 0
    for folder in static_paths:
        for dirpath, dirnames, files in os.walk(os.path.join(output_path, folder.strip("/"))):
            dirnames.sort()
            for name in sorted(files):
                if os.path.splitext(name)[1].lower() not in (".jpg", ".jpeg"):
                    continue
                path = os.path.join(dirpath, name)
                data = without_location(path)
                if data is None:
                    continue
                # A new file: a copy that shares its inode with content/ is never written through.
                temporary = path + ".utan-position"
                with open(temporary, "wb") as handle:
                    handle.write(data)
                os.replace(temporary, path)
                changed += 1
    return changed


def picture_html(picture: Picture, attributes: dict[str, str], sizes: str, eager: bool) -> str:
    """The markup of one picture; `attributes` are the <img>'s own (alt, class…)."""
    img = {k: v for k, v in attributes.items() if k not in ("src", "srcset", "sizes")}
    if picture.width and picture.height and "width" not in img:
        img["width"], img["height"] = str(picture.width), str(picture.height)
    if eager:
        img.pop("loading", None)
    else:
        img["loading"] = "lazy"
    img["decoding"] = "async"
    if not picture.variants:
        return _tag("img", {"src": picture.src, **img})
    formats = picture.formats
    sources = [
        _tag("source", {"type": MEDIA_TYPES[fmt], "srcset": picture.srcset(fmt), "sizes": sizes})
        for fmt in formats[:-1]
    ]
    fallback = {
        "src": picture.fallback().url,
        "srcset": picture.srcset(formats[-1]),
        "sizes": sizes,
    }
    return "<picture>" + "".join(sources) + _tag("img", {**fallback, **img}) + "</picture>"


def _tag(name: str, attributes: dict[str, str]) -> str:
    written = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attributes.items())
    return f"<{name}{written}>"


# ------------------------------------------------------------- body HTML

# A start tag, with quoted values that may hold ">"; and a <picture> a
# writer made by hand, whose pictures are left as they are.
_IMG = re.compile(r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_OWN_PICTURE = re.compile(r"<picture\b.*?</picture>", re.IGNORECASE | re.DOTALL)


class _Attributes(HTMLParser):
    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def static_picture(src: str, static_paths) -> str | None:
    """The path below content/ of a picture on the site (/images/x.jpg and
    Pelican's {static}/images/x.jpg -> images/x.jpg), or None for any other
    address."""
    src = src.removeprefix("{static}")
    if not src.startswith("/") or src.startswith("//"):
        return None
    rel = src[1:].split("?", 1)[0].split("#", 1)[0]
    folders = tuple(folder.strip("/") + "/" for folder in static_paths)
    return rel if rel.startswith(folders) else None


def rewrite_html(
    body: str, pictures: Pictures, static_paths, eager_first: bool, sizes: str = BODY_SIZES
) -> str:
    """Every <img> of a rendered body that shows a prepared picture becomes
    a <picture>; the first of them is not lazy when `eager_first`."""
    kept = [(m.start(), m.end()) for m in _OWN_PICTURE.finditer(body)]
    out: list[str] = []
    position = 0
    first = eager_first
    for match in _IMG.finditer(body):
        if any(start <= match.start() < end for start, end in kept):
            continue
        attributes = _Attributes(match[0]).attributes
        rel = static_picture(unquote(attributes.get("src", "")), static_paths)
        picture = pictures.get(rel) if rel and "srcset" not in attributes else None
        if picture is None:
            continue
        out.append(body[position : match.start()])
        out.append(picture_html(picture, attributes, sizes, eager=first))
        first = False
        position = match.end()
    out.append(body[position:])
    return "".join(out)


def with_pictures(html: str, settings: dict, eager_first: bool) -> str:
    """The body's pictures as <picture> elements ; the first is
    not lazy when the page has no lead picture above it."""
    shelf = settings.get("_EDUWEB_PICTURES")
    if shelf is None:
        return html
    return rewrite_html(html, shelf, settings.get("STATIC_PATHS", ["images"]), eager_first)


def body_picture(target: str, static_paths) -> str | None:
    """The path below content/ of a picture as a body writes it
    (images/x.jpg, ./images/x.jpg, /images/x.jpg), or None."""
    target = unquote(target)
    if content_relative(target):
        return posixpath.normpath(urlsplit(target).path)
    return static_picture(target, static_paths)


def references(documents, static_paths, where_body: str) -> dict[str, tuple[str, int, str]]:
    """Every picture the published pages show (a news article's or a
    contact's `image:`, the bodies' pictures), with the first place that
    shows it. Drafts are never written, so their pictures are not made."""
    wanted: dict[str, tuple[str, int, str]] = {}
    for doc in sorted(documents, key=lambda d: d.rel_path):
        if doc.is_draft:
            continue
        image = getattr(doc.meta, "image", None)
        if image:
            wanted.setdefault(image, (doc.rel_path, doc.line_of(("image",)), "image"))
        for link in doc.links:
            rel = body_picture(link.target, static_paths) if link.is_picture else None
            if rel:
                wanted.setdefault(rel, (doc.rel_path, link.line, where_body))
    return wanted


def cache_dir(settings: dict) -> str:
    """PICTURE_CACHE, or .cache/images/ beside the content folder."""
    configured = settings.get("PICTURE_CACHE")
    if configured:
        return os.path.abspath(configured)
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), CACHE_FOLDER)
