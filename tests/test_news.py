"""News: addresses, escaping, drafts and scheduling, lists, tags, feed, sitemap, determinism."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import Site, article, epoch
from lxml import etree


def write_news(site: Site, count: int, **fields) -> None:
    for number in range(count):
        site.write(
            f"news/2024/nyhet-{number:02d}.md",
            article(title=f"Nyhet {number:02d}", date=f"2024-05-{number + 1:02d} 09:00", **fields),
        )


def test_article_address_comes_from_year_and_folded_file_name(site):
    site.write("news/2024/Åsa möter Örebro.md", article(date="2024-06-03"))
    site.write("news/2023/valfri.md", article(date="2023-01-10", slug="eget-namn"))
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (result.output / "nyheter/2024/asa-moter-orebro/index.html").exists()
    assert (result.output / "nyheter/2023/eget-namn/index.html").exists()
    assert not (result.output / "nyheter/2023/valfri").exists()


def test_article_page_shows_what_the_writer_wrote(site):
    site.write_bytes("images/bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    site.write(
        "news/2024/eskilstuna.md",
        """\
        ---
        title: Eskilstuna satsar på chefer
        date: 2024-06-03
        summary: Fem chefer går programmet tillsammans.
        tags: [Digitalisering, Förändringsledning]
        author: Emil Hägglund
        image: images/bild.svg
        image_alt: Chefer i ett möte
        image_caption: Chefsgruppen samlad.
        ---
        Första stycket.

        ## Mellanrubrik

        !!! facts "Fakta om programmet"
            Fem träffar under våren.
        """,
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.html("nyheter/2024/eskilstuna/")
    assert page.html["lang"] == "sv"
    assert page.h1.get_text() == "Eskilstuna satsar på chefer"
    assert page.title.get_text() == "Eskilstuna satsar på chefer – Digitalt ledarskap"
    time = page.select_one(".article-meta time")
    assert (time["datetime"], time.get_text()) == ("2024-06-03", "3 juni 2024")
    assert "Av Emil Hägglund" in page.select_one(".article-meta").get_text()
    assert [a.get_text() for a in page.select(".tag-list a")] == [
        "Digitalisering",
        "Förändringsledning",
    ]
    assert page.select(".tag-list a")[1]["href"] == "/nyheter/amne/forandringsledning/"
    assert page.select_one(".lead").get_text() == "Fem chefer går programmet tillsammans."
    figure = page.select_one("figure")
    assert figure.img["src"] == "/images/bild.svg"
    assert figure.img["alt"] == "Chefer i ett möte"
    assert figure.figcaption.get_text() == "Chefsgruppen samlad."
    assert (result.output / "images/bild.svg").exists()
    facts = page.select_one("aside.facts")
    heading = facts.find("h2")
    assert facts["aria-labelledby"] == heading["id"]
    assert heading.get_text() == "Fakta om programmet"
    back = page.find("a", string="Tillbaka till nyhetslistan")
    assert back["href"] == "/nyheter/"
    skip = page.select_one("a.skip-link")
    assert page.find(id=skip["href"][1:]).name == "main"
    nav = [a.get_text() for a in page.select("nav[aria-label=Huvudmeny] a")]
    assert nav[:3] == ["Nyheter", "Utbildningar", "Kalender"]
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == "Fem chefer går programmet tillsammans."


def test_summary_defaults_to_the_first_paragraph(site):
    site.write("news/2024/a.md", article(body="Det *första* stycket.\n\nDet andra."))
    result = site.build()
    item = result.html("nyheter/").select_one(".news-item__lead")
    assert item.get_text() == "Det första stycket."
    assert result.html("nyheter/2024/a/").select_one(".lead") is None  # not shown twice


def test_front_matter_is_escaped_and_only_the_body_may_hold_html(site):
    site.write(
        "news/2024/x.md",
        article(
            title='"<script>alert(1)</script> & co"',
            summary='"<b>fet</b> ingress"',
            tags='["<i>tagg</i>"]',
            body="Text med <mark>markering</mark>.",
        ),
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    raw = result.text("nyheter/2024/x/index.html")
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in raw
    assert "<b>fet</b>" not in raw and "&lt;b&gt;fet&lt;/b&gt; ingress" in raw
    assert "<i>tagg</i>" not in raw
    assert "<mark>markering</mark>" in raw
    listing = result.text("nyheter/index.html")
    assert "<script>alert(1)</script>" not in listing


def test_drafts_are_never_written_anywhere(site):
    site.write("news/2024/publicerad.md", article(title="Publicerad"))
    site.write(
        "news/2024/hemlig.md", article(title="Hemligt utkast", status="draft", tags="[Hemlis]")
    )
    site.write("pages/utkastsida.md", "---\ntitle: Hemlig sida\nstatus: draft\n---\nText.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    for path in result.output.rglob("*"):
        assert "drafts" not in path.parts
        assert "hemlig" not in path.name and "utkastsida" not in path.name
        if path.is_file() and path.suffix in {".html", ".xml", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert "Hemligt utkast" not in text and "Hemlig sida" not in text, path
            assert "hemlis" not in text.lower(), path


def test_scheduled_article_appears_from_its_moment_on(site):
    site.write("news/2024/nu.md", article(title="Redan ute", date="2024-06-01"))
    site.write("news/2024/sedan.md", article(title="Schemalagd", date="2024-06-10 08:00"))
    before = site.build(at=epoch(2024, 6, 10, 5, 59))  # 07:59 in Stockholm
    assert before.returncode == 0, before.stderr
    assert not (before.output / "nyheter/2024/sedan").exists()
    assert "Schemalagd" not in before.text("nyheter/atom.xml")
    assert "Schemalagd" not in before.text("sitemap.xml") + before.text("index.html")
    after = site.build(at=epoch(2024, 6, 10, 6, 0))  # 08:00 in Stockholm
    assert (after.output / "nyheter/2024/sedan/index.html").exists()
    assert "Schemalagd" in after.text("nyheter/atom.xml")


def test_news_list_is_paginated_newest_first(site):
    write_news(site, 23)
    result = site.build()
    assert result.returncode == 0, result.stderr
    first = result.html("nyheter/")
    titles = [a.get_text() for a in first.select(".news-item__title a")]
    assert titles == [f"Nyhet {n:02d}" for n in range(22, 12, -1)]
    second = result.html("nyheter/sida/2/")
    assert len(second.select(".news-item")) == 10
    third = result.html("nyheter/sida/3/")
    assert [a.get_text() for a in third.select(".news-item__title a")] == [
        "Nyhet 02",
        "Nyhet 01",
        "Nyhet 00",
    ]
    assert not (result.output / "nyheter/sida/4").exists()
    sitemap = result.text("sitemap.xml")
    assert "/nyheter/sida/3/</loc>" in sitemap and "/nyheter/sida/4/" not in sitemap
    assert first.find("a", rel="next")["href"] == "/nyheter/sida/2/"
    assert third.find("a", rel="prev")["href"] == "/nyheter/sida/2/"
    assert second.title.get_text() == "Nyheter – sida 2 – Digitalt ledarskap"
    assert second.select_one(".pagination [aria-current=page]").get_text(strip=True).startswith("2")
    item = first.select_one(".news-item")
    assert item.select_one("time").get_text() == "23 maj 2024"


def test_tag_pages_list_their_articles(site):
    site.write("news/2024/a.md", article(title="A", date="2024-01-01", tags="[Digital mognad]"))
    site.write(
        "news/2024/b.md", article(title="B", date="2024-02-01", tags="[Digital mognad, Ledarskap]")
    )
    site.write("news/2024/c.md", article(title="C", date="2024-03-01", tags="[Ledarskap]"))
    result = site.build()
    mognad = result.html("nyheter/amne/digital-mognad/")
    assert mognad.h1.get_text() == "Nyheter om digital mognad"  # mid-sentence
    assert [a.get_text() for a in mognad.select(".news-item__title a")] == ["B", "A"]
    ledarskap = result.html("nyheter/amne/ledarskap/")
    assert [a.get_text() for a in ledarskap.select(".news-item__title a")] == ["C", "B"]


def test_atom_feed_is_valid_and_absolute(site):
    site.write("news/2024/a.md", article(title="Första", date="2024-01-01", author="Anna Berg"))
    site.write("news/2024/b.md", article(title="Andra & sista", date="2024-02-01 10:30"))
    site.write("news/2024/c.md", article(title="Utkast", date="2024-03-01", status="draft"))
    result = site.build()
    raw = result.text("nyheter/atom.xml")
    ElementTree.fromstring(raw.encode())  # well-formed XML
    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert feed.feed.title == "Digitalt ledarskap"
    assert [e.title for e in feed.entries] == ["Andra & sista", "Första"]
    entry = feed.entries[0]
    assert entry.link == "https://digitaltledarskap.example.se/nyheter/2024/b/"
    assert entry.id.startswith("tag:digitaltledarskap.example.se,2024-02-01:")
    assert entry.published == "2024-02-01T10:30:00+01:00"
    assert feed.entries[1].author == "Anna Berg"
    assert feed.feed.author == "Digitalt ledarskap"
    page = result.html("nyheter/")
    assert page.find("link", type="application/atom+xml")["href"] == "/nyheter/atom.xml"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "A < B & C > D",
    "&amp; &lt;b&gt;",
    "\"citat\" och 'apostrof'",
]
ATOM = "{http://www.w3.org/2005/Atom}"


def _html_text(markup: str) -> str:
    """The text an HTML reader shows for type="html" content; refuses live markup."""
    fragment = BeautifulSoup(markup, "html.parser")
    assert fragment.find() is None, f"live markup reached the feed reader: {markup!r}"
    return fragment.get_text()


def _raw_atom_entries(raw: bytes) -> dict[str, dict]:
    """Entries by link, read with lxml alone; each text construct is decoded by its type."""

    def text(element) -> str:
        if element.get("type") == "html":
            return _html_text(element.text or "")
        assert element.get("type") in (None, "text"), element.get("type")
        return element.text or ""

    entries = {}
    for entry in etree.fromstring(raw).iter(ATOM + "entry"):
        summary = entry.find(ATOM + "summary")
        entries[entry.find(ATOM + "link").get("href")] = {
            "title": text(entry.find(ATOM + "title")),
            "summary": text(summary) if summary is not None else None,
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "tags": [c.get("term") for c in entry.iter(ATOM + "category")],
        }
    return entries


def test_feed_readers_get_the_text_the_page_shows(site):
    """Title, summary (written and first-paragraph), author and tags reach two
    independent feed readers as exactly the text the HTML page shows."""
    quoted = json.dumps  # a JSON string is a YAML double-quoted string
    for number, value in enumerate(HOSTILE):
        site.write(
            f"news/2024/egen-{number}.md",
            article(
                title=quoted(f"Rubrik {value} slut"),
                date=f"2024-02-0{number + 1}",
                summary=quoted(f"Ingress {value} slut"),
                author=quoted(f"Anna {value} Berg"),
                tags=quoted([f"Tagg {value}", "Ledarskap"]),
            ),
        )
        # Markdown's own escaping: the paragraph shows `value` as text on the page.
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        site.write(
            f"news/2024/forsta-{number}.md",
            article(
                title=f"Stycke {number}",
                date=f"2024-01-0{number + 1}",
                body=f"Första *stycket* {escaped} slut.\n\nTvå.",
            ),
        )
    result = site.build()
    assert result.returncode == 0, result.stderr

    leads = {
        item.select_one(".news-item__title a")["href"]: item.select_one(".news-item__lead")
        for page in ("nyheter/",)
        for item in result.html(page).select(".news-item")
    }
    shown = {}
    for number, value in enumerate(HOSTILE):
        for slug in (f"egen-{number}", f"forsta-{number}"):
            page = result.html(f"nyheter/2024/{slug}/")
            byline = page.select_one(".article-meta__byline")
            shown[f"https://digitaltledarskap.example.se/nyheter/2024/{slug}/"] = {
                "title": page.select_one(".article__title").get_text(),
                "summary": leads[f"/nyheter/2024/{slug}/"].get_text(),
                "author": byline.get_text().removeprefix("Av ") if byline else None,
                "tags": [a.get_text() for a in page.select(".tag-list__tag")],
            }
        own = shown[f"https://digitaltledarskap.example.se/nyheter/2024/egen-{number}/"]
        assert own["title"] == f"Rubrik {value} slut"
        assert own["summary"] == f"Ingress {value} slut"
        first = shown[f"https://digitaltledarskap.example.se/nyheter/2024/forsta-{number}/"]
        assert first["summary"] == f"Första stycket {value} slut."

    raw = (result.output / "nyheter/atom.xml").read_bytes()
    assert _raw_atom_entries(raw) == shown

    feed = feedparser.parse(raw)
    assert not feed.bozo
    assert len(feed.entries) == len(shown)
    for entry in feed.entries:
        expected = shown[entry.link]
        assert entry.title == expected["title"]
        assert entry.title_detail.type == "text/plain"
        assert entry.summary_detail.type == "text/html"
        assert _html_text(entry.summary) == expected["summary"]
        assert entry.get("author") == expected["author"]
        assert [t.term for t in entry.get("tags", [])] == expected["tags"]


def test_sitemap_lists_every_public_page(site):
    site.write("news/2024/a.md", article(title="A", tags="[Ledarskap]", modified="2024-07-01"))
    site.write("news/2024/utkast.md", article(title="U", status="draft"))
    site.write("pages/om-oss.md", "---\ntitle: Om oss\n---\nText.\n")
    result = site.build()
    root = ElementTree.fromstring(result.text("sitemap.xml").encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {
        u.find("s:loc", ns).text: getattr(u.find("s:lastmod", ns), "text", None)
        for u in root.findall("s:url", ns)
    }
    base = "https://digitaltledarskap.example.se/"
    assert entries[base + "nyheter/2024/a/"] == "2024-07-01"
    for url in ("", "nyheter/", "nyheter/amne/ledarskap/", "om-oss/"):
        assert base + url in entries
    assert not any("utkast" in url for url in entries)
    assert "Sitemap: " + base + "sitemap.xml" in result.text("robots.txt")


def test_page_at_its_slug(site):
    site.write("pages/om-oss.md", "---\ntitle: Om oss\nsummary: Kort.\n---\nText.\n")
    result = site.build()
    page = result.html("om-oss/")
    assert page.h1.get_text() == "Om oss"
    assert page.select_one(".lead").get_text() == "Kort."


def digest(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    site = Site(tmp_path / "site", with_sample=True)
    write_news(site, 3, tags="[Ledarskap, Innovation]")  # same-day ties in the order
    one = site.build(output=tmp_path / "one")
    two = site.build(output=tmp_path / "two")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert digest(one.output) == digest(two.output)


def test_failed_build_of_new_site_leaves_no_output(site):
    site.write("news/2024/a.md", article(date="2024-13-01"))
    result = site.build()
    assert result.returncode == 1
    assert not result.output.exists()


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_sample_content_builds_with_warnings_fatal(tmp_path, settings):
    site = Site(tmp_path / "site", with_sample=True)
    result = site.build(settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert len(list(result.output.glob("nyheter/*/*/index.html"))) >= 5
