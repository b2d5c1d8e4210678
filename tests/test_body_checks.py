"""The body's text: what the build used to accept and render wrong is an
error saying what to write, or works (issue 9, point 3). In-process via
scan(); one build checks a body picture end to end."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PNG, Site, article
from eduweb import messages
from eduweb.content_index import scan
from eduweb.dates import site_timezone

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


STOCKHOLM = site_timezone("Europe/Stockholm")
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
# article(): line 1 ---, 2 title, 3 date, 4 ---, 5 blank, 6 the body's first line.
BODY = 6

PROGRAMME = """\
---
title: Chefsprogrammet
summary: Ett program.
rounds:
  - name: Våren 2024
    sessions:
      - date: 2024-04-03
  - name: Hösten 2024
    sessions:
      - date: 2024-09-03
---
## Så ansöker du

Text.
"""
CONTACT = "name: Tommy Eriksson\nrole: Utbildningsansvarig\nemail: tommy@example.se\n"


def scan_errors(site: Site, **settings) -> list[str]:
    base = {
        "PATH": str(site.root / "content"),
        "_eduweb_tz": STOCKHOLM,
        "STATIC_PATHS": ["images"],
        "_EDUWEB_NOW": NOW,
        "PUBLIC_URL": "https://www.example.se",
    }
    return [str(error) for error in scan(base | settings).errors]


@pytest.fixture
def body_site(site: Site) -> Site:
    """A site with a picture, a programme, a contact, a page and a draft."""
    site.write_bytes("images/diagram.png", PNG)
    site.write_bytes("images/program.pdf", b"%PDF")
    site.write("programmes/chefsprogrammet.md", PROGRAMME)
    site.write("contacts/tommy-eriksson.yml", CONTACT)
    site.write("pages/om.md", "---\ntitle: Om oss\n---\n## Vilka vi är\n\nText.\n")
    site.write("pages/utkast.md", "---\ntitle: Utkast\nstatus: draft\n---\nText.\n")
    site.write("news/2024/annan.md", article(body="## Bakgrund\n\nText."))
    return site


def body_errors(site: Site, body: str) -> list[str]:
    site.write("news/2024/a.md", article(body=body))
    return scan_errors(site)


def at(line: int, message: str) -> str:
    return f"content/news/2024/a.md:{line}: texten: {message}"


# (key, how to trigger it, the Swedish line): every key of the body group.
MESSAGE_CASES = [
    (
        "body.h1",
        "# Bakgrund",
        at(
            BODY,
            "'# Bakgrund' blir en andra huvudrubrik: sidans titel (title:) är redan "
            "huvudrubriken (skriv ## Bakgrund för en underrubrik)",
        ),
    ),
    (
        "body.h1_underline",
        "Bakgrund\n========",
        at(
            BODY + 1,
            "raden med === gör 'Bakgrund' till en andra huvudrubrik: sidans titel är redan "
            "huvudrubriken (ta bort ===-raden och skriv ## före rubriken)",
        ),
    ),
    (
        "body.box_not_indented",
        'Text.\n\n!!! facts "Fakta om projekten"\nTre kommuner deltar.',
        at(
            BODY + 2,
            "rutan 'Fakta om projekten' blir tom: texten i rutan ska skrivas på raderna under, "
            "med indrag med fyra mellanslag först på varje rad",
        ),
    ),
    (
        "body.inline_script",
        "<script>alert(1)</script>",
        at(
            BODY,
            "<script> i texten stoppas av webbplatsens säkerhetsregler och körs inte i någon "
            "webbläsare (en film bäddas in som README visar; be annars en utvecklare om hjälp)",
        ),
    ),
    (
        "body.inline_style",
        "<style>p { color: red }</style>",
        at(
            BODY,
            "<style> i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
            "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en "
            "utvecklare kan ändra)",
        ),
    ),
    (
        "body.style_attribute",
        '<p style="color: red">Röd text</p>',
        at(
            BODY,
            "style= i texten stoppas av webbplatsens säkerhetsregler och gäller inte i någon "
            "webbläsare (ta bort det; utseendet sätts i webbplatsens stilmall, som en "
            "utvecklare kan ändra)",
        ),
    ),
    (
        "body.event_handler",
        '<a href="/kontakt/" onClick="visa()">Kontakt</a>',
        at(
            BODY,
            "onclick= är ett skript, som webbplatsens säkerhetsregler stoppar i alla "
            "webbläsare (ta bort det; be en utvecklare om hjälp med det som ska hända)",
        ),
    ),
    (
        "body.javascript_link",
        "[Skriv ut](javascript:print())",
        at(
            BODY,
            "en javascript:-länk är ett skript, som webbplatsens säkerhetsregler stoppar i "
            "alla webbläsare (länka till en adress, t.ex. /kontakt/ eller https://…)",
        ),
    ),
    (
        "body.picture_missing",
        "Text.\n\n![Ett diagram](images/diagram.jpg)",
        at(
            BODY + 2,
            "bilden 'images/diagram.jpg' finns inte (lägg bilden i content/images/ och skriv "
            "images/namn.jpg; menade du images/diagram.png?)",
        ),
    ),
    (
        "body.picture_outside",
        "![Ett diagram](../bilder/diagram.png)",
        at(
            BODY,
            "bilden '../bilder/diagram.png' ligger inte i content/images/ (lägg bilden där "
            "och skriv images/namn.jpg, räknat från mappen content/)",
        ),
    ),
    (
        "body.file_missing",
        "[Programmet som pdf](images/programmet.pdf)",
        at(
            BODY,
            "filen 'images/programmet.pdf' finns inte (lägg filen i content/images/ eller "
            "rätta namnet; menade du images/program.pdf?)",
        ),
    ),
    (
        "body.page_missing",
        "[Läs mer](/utbildningar/chefsprogram/)",
        at(
            BODY,
            "länken '/utbildningar/chefsprogram/' går till en sida som inte finns på "
            "webbplatsen (skriv sidans adress från roten, t.ex. /utbildningar/namn/ eller "
            "/nyheter/2024/namn/; menade du /utbildningar/chefsprogrammet/?)",
        ),
    ),
    (
        "link.to_draft",
        "[Utkastet](/utkast/)",
        at(
            BODY,
            "länken '/utkast/' pekar på ett utkast (content/pages/utkast.md har status: draft), "
            "som inte publiceras (publicera det eller ta bort länken)",
        ),
    ),
    (
        "body.anchor_missing",
        "[Om oss](/om/#kontakt)",
        at(
            BODY,
            "länken '/om/#kontakt' pekar på #kontakt, som inte finns på sidan /om/ (en rubrik "
            "får sitt #-namn av texten: ## Så ansöker du blir #sa-ansoker-du)",
        ),
    ),
    (
        "body.anchor_hint",
        "[Ansök](/utbildningar/chefsprogrammet/#hur-man-gor)",
        at(
            BODY,
            "länken '/utbildningar/chefsprogrammet/#hur-man-gor' pekar på #hur-man-gor, som "
            "inte finns på sidan /utbildningar/chefsprogrammet/ (en rubrik får sitt #-namn "
            "av texten: ## Så ansöker du blir #sa-ansoker-du)",
        ),
    ),
    (
        "body.anchor_close",
        "[Ansök](/utbildningar/chefsprogrammet/#sa-ansoker)",
        at(
            BODY,
            "länken '/utbildningar/chefsprogrammet/#sa-ansoker' pekar på #sa-ansoker, som inte "
            "finns på sidan /utbildningar/chefsprogrammet/ (menade du #sa-ansoker-du?)",
        ),
    ),
    (
        "body.this_page",
        "## Bakgrund\n\nSe [ovan](#bakgrunden).",
        at(
            BODY + 2,
            "länken '#bakgrunden' pekar på #bakgrunden, som inte finns på den här sidan "
            "(menade du #bakgrund?)",
        ),
    ),
    (
        "body.that_page",
        "[Kontakt](/kontakt/#tommy)",
        at(
            BODY,
            "länken '/kontakt/#tommy' pekar på #tommy, som inte finns på sidan /kontakt/ "
            "(menade du #tommy-eriksson?)",
        ),
    ),
    (
        "body.did_you_mean",
        "[Den andra](/nyheter/2024/annat/)",
        at(
            BODY,
            "länken '/nyheter/2024/annat/' går till en sida som inte finns på webbplatsen "
            "(skriv sidans adress från roten, t.ex. /utbildningar/namn/ eller "
            "/nyheter/2024/namn/; menade du /nyheter/2024/annan/?)",
        ),
    ),
]


@pytest.mark.parametrize(
    ("key", "body", "expected"), MESSAGE_CASES, ids=[case[0] for case in MESSAGE_CASES]
)
def test_each_body_message(body_site, key, body, expected):
    assert body_errors(body_site, body) == [expected]


def test_every_body_key_has_a_case():
    # body.link and the two alt-text messages have their rows in test_messages.py.
    elsewhere = {"body.link", "body.image_without_alt", "body.img_without_alt"}
    keys = {key for key in messages.CATALOGUE if key.startswith("body.")} - elsewhere
    assert keys == {case[0] for case in MESSAGE_CASES if case[0].startswith("body.")}


def test_english_texts_exist_for_every_body_key():
    for key in (k for k in messages.CATALOGUE if k.startswith("body.")):
        message = messages.CATALOGUE[key]
        assert message.en and message.en != message.sv, key


# What works, and is not reported.
GOOD_BODIES = {
    "picture relative to content/": "![Ett diagram](images/diagram.png)",
    "picture from the root": "![Ett diagram](/images/diagram.png)",
    "picture with {static}": "![Ett diagram]({static}/images/diagram.png)",
    "file link": "[Programmet](images/program.pdf)",
    "html picture": '<img src="images/diagram.png" alt="Ett diagram">',
    "programme round": "[Våren](/utbildningar/chefsprogrammet/#omgang-varen-2024)",
    "programme heading": "[Ansök](/utbildningar/chefsprogrammet/#sa-ansoker-du)",
    "contact card": "[Tommy](/kontakt/#tommy-eriksson)",
    "page heading": "[Om oss](/om/#vilka-vi-ar)",
    "without trailing slash": "[Om oss](/om)",
    "with index.html": "[Om oss](/om/index.html)",
    "relative to the page": "[Den andra](../annan/)",
    "public address": "[Om oss](https://www.example.se/om/)",
    "{filename} with anchor": "[Den andra]({filename}annan.md#bakgrund)",
    "site's own pages": "[Nyheter](/nyheter/) [Kalender](/kalender/) [Hem](/)",
    "tag page": "[Ämne](/nyheter/amne/ledarskap/)",
    "vcard": "[Kort](/kontakter/tommy-eriksson.vcf)",
    "programme calendar": "[Kalender](/utbildningar/chefsprogrammet/kalender.ics)",
    "the site's calendar and feed": "[ics](/kalender.ics) [Flöde](/nyheter/atom.xml)",
    "same-page heading": "## Bakgrund\n\n[Upp](#bakgrund)",
    "facts box indented after a blank line": '!!! facts "Fakta"\n\n    Text i rutan.',
    "facts box indented": '!!! facts "Fakta"\n    Text i rutan.',
    "heading in a code block": "```\n# inte en rubrik\n<script>x()</script>\n```",
    "html in inline code": 'Skriv `<p style="x">` eller `# rubrik`.',
    "subheadings": "## Bakgrund\n\n### Mer",
    "hash in text": "Vi är #1 på området.\n\n  #2 med indrag är text.",
    "equals under an indented line": "Rubrik\n ===",
    "script waiting for consent": (
        '<script type="text/plain" data-consent="statistik" data-src="/x.js"></script>'
    ),
    "external and mail links": "[DIGG](https://www.digg.se/x) [Mejl](mailto:a@example.se)",
    "onward is not a handler": "Text about onward=1 and styles.",
}


@pytest.mark.parametrize("body", GOOD_BODIES.values(), ids=GOOD_BODIES.keys())
def test_what_works_is_not_reported(body_site, body):
    body_site.write("news/2024/a.md", article(tags="[Ledarskap]", body=body))
    assert scan_errors(body_site) == []


@pytest.mark.parametrize(
    "target",
    [
        "/kontakter/okand.vcf",
        "/utbildningar/okand/kalender.ics",
        "/nyheter/amne/okant-amne/",
        "/nyheter/sida/2/",
        "/images/",
        "om/",
        "/om/vilka-vi-ar/",
    ],
)
def test_addresses_the_site_will_not_have(body_site, target):
    errors = body_errors(body_site, f"[Länk]({target})")
    assert len(errors) == 1
    assert errors[0].startswith(at(BODY, f"länken {target!r} går till en sida som inte finns"))


@pytest.mark.parametrize(
    ("body", "key", "values"),
    [
        ('## Rubrik {: style="color: red" }', "body.style_attribute", {}),
        ("<STYLE>p {}</STYLE>", "body.inline_style", {}),
        (
            '<img src="images/diagram.png" alt="A" onload="x()">',
            "body.event_handler",
            {"attribute": "onload"},
        ),
        (
            '<script type="text/plain" data-consent="statistik">x()</script>',
            "body.inline_script",
            {},
        ),
        (
            "#Bakgrund",
            "body.h1",
            {"heading": "'# Bakgrund'", "text": "Bakgrund"},
        ),
        (
            "Text.\n#",
            "body.h1",
            {"heading": "'# '", "text": "Rubrik"},
        ),
        ('!!! facts "Fakta"', "body.box_not_indented", {"title": "'Fakta'"}),
        ("!!! facts\n\nText.", "body.box_not_indented", {"title": "'facts'"}),
    ],
)
def test_variants(body_site, body, key, values):
    errors = body_errors(body_site, body)
    assert [e.split(": texten: ", 1)[1] for e in errors] == [messages.text(key, **values)]


def test_scheduled_article_is_not_yet_a_page(body_site):
    body_site.write("news/2027/senare.md", article(date="2027-01-01"))
    errors = body_errors(body_site, "[Snart](/nyheter/2027/senare/)")
    assert errors == [
        at(
            BODY,
            "länken '/nyheter/2027/senare/' pekar på en schemalagd nyhet, som publiceras "
            "först 2027-01-01 (länka till den när den har publicerats)",
        )
    ]


def test_problems_on_several_lines_each_get_their_line(body_site):
    body = "# Ett\n\nText.\n\n<p style='x'>a</p>\n\n![Bild](images/nej.png)"
    errors = body_errors(body_site, body)
    assert [e.split(": texten:")[0] for e in errors] == [
        f"content/news/2024/a.md:{line}" for line in (BODY, BODY + 4, BODY + 6)
    ]


def test_anchors_are_rendered_once_per_page(body_site, monkeypatch):
    from eduweb import body_checks

    calls = []
    real = body_checks.render
    monkeypatch.setattr(body_checks, "render", lambda md, text: calls.append(1) or real(md, text))
    links = "\n\n".join(f"[{n}](/om/#vilka-vi-ar)" for n in range(50))
    assert body_errors(body_site, links) == []
    assert len(calls) == 1


def test_body_picture_is_published_where_the_page_points(site):
    """images/x.png in an article at /nyheter/2024/x/ used to point to
    /nyheter/2024/x/images/x.png; now it is /images/x.png, which exists."""
    site.write_bytes("images/diagram.png", PNG)
    site.write("programmes/chefsprogrammet.md", PROGRAMME)
    site.write(
        "news/2024/x.md",
        article(
            body="![Ett diagram](images/diagram.png)\n\n[Programmet](images/diagram.png)\n\n"
            "[Våren](/utbildningar/chefsprogrammet/#omgang-varen-2024)"
        ),
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.html("nyheter/2024/x/")
    # The page shows a copy made for it (pictures.py); the original stays published.
    src = page.select_one(".prose img, article img")["src"]
    assert src.startswith("/bilder/")
    assert (result.output / src.lstrip("/")).is_file()
    assert (result.output / "images/diagram.png").is_file()
    assert page.find("a", string="Programmet")["href"] == "/images/diagram.png"
    # The ids the link check takes from the programme template are on the page.
    programme = result.html("utbildningar/chefsprogrammet/")
    for anchor in ("omgang-varen-2024", "omgang-hosten-2024", "omgang-varen-2024-namn"):
        assert programme.find(id=anchor) is not None, anchor
    assert programme.find(id="sa-ansoker-du") is not None
