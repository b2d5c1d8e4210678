"""A writer's work in the web editor (Decap CMS at /admin/), driven in
Chromium against the local mode (`python -m eduweb.cms_local`, what
`invoke cms` runs) over a copy of the fixture site plus the hand-written
files of tests/fixtures/cms/:

- a new news article (tags, a contact, a picture uploaded through the media
  library with its description, a body), a new programme with two rounds of
  three sessions (one all day), and a booking status changed on an existing
  programme are written to disk as the contract wants them, pass
  `eduweb.check` and build into pages that show them;
- saving without a required field shows Decap's own error and writes nothing;
- a hand-written article and programme opened, changed in one field and
  saved keep every other value and the body byte for byte;
- axe's findings on the editor's main views are recorded (the editor is a
  third-party UI: recorded, not failed on), and screenshots of the views
  are taken at 1280 px and 360 px.

One server and one browser page serve the whole module; the tests run in
file order (the creation test comes first, the others do not depend on it).
Screenshots and the axe summary go to $EDUWEB_SCREENSHOTS, or else to a
folder under pytest's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, Site
from eduweb.frontmatter import load_yaml, split_front_matter
from playwright.sync_api import Browser, Locator, Page, expect

from browser.conftest import axe_script
from browser.test_consent_browser import AXE_TAGS
from browser.test_preview_browser import WAIT_MS, preview

CMS = {
    "backend": "github",
    "repo": "organisation/webbplats",
    "branch": "main",
    "base_url": "https://cms-inloggning.example.se",
    "editorial_workflow": True,
}
HANDWRITTEN = ROOT / "tests" / "fixtures" / "cms" / "content"
PICTURE = "Blå bild.png"  # uploaded; Decap names it bla-bild.png (slug rules)
NEWS_TITLE = "Ny kurs för Örebros chefer"
NEWS_FILE = "content/news/2026/ny-kurs-for-orebros-chefer.md"
PROGRAMME_TITLE = "Ledarskap i Ängelholm"
PROGRAMME_FILE = "content/programmes/ledarskap-i-angelholm.md"
# Two rounds of three sessions; the third of the first round is all day.
ROUNDS = {
    "Våren 2027": ["2027-03-10", "2027-04-14", "2027-05-19"],
    "Hösten 2027": ["2027-09-08", "2027-10-13", "2027-11-17"],
}
ALL_DAY = 2
EDITED = "content/programmes/att-leda-digital-omstallning.md"
EDITED_ROUND = "Hösten 2027"


def front_matter(path: Path) -> tuple[dict, str]:
    """The front matter (parsed by PyYAML) and the body (as written)."""
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def as_written(path: Path) -> dict:
    """The front matter as the site reads it: every scalar the text written
    (PyYAML's YAML 1.1 would read 12:30 as the number 750)."""
    split = split_front_matter(path.read_text(encoding="utf-8"))
    return load_yaml(split.yaml_text, split.yaml_first_line, "front matter").data


def wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT_MS / 1000) -> None:
    """Poll a condition on disk (a save reaches the file after the request)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def png(path: Path) -> Path:
    """A tiny valid PNG, written without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + b"\x20\x40\xa0" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The fixture site with the hand-written CMS files, and CMS set."""
    site = Site(tmp_path_factory.mktemp("cms-editor") / "site", with_sample=True)
    shutil.copytree(HANDWRITTEN, site.root / "content", dirs_exist_ok=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nCMS = {CMS!r}\n")
    return site


@pytest.fixture(scope="module")
def admin_url(site) -> Iterator[str]:
    with preview(site, module="eduweb.cms_local") as (running, url):
        running.wait_for_line(r"http://127\.0\.0\.1:\d+/admin/ ")
        yield url + "admin/"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("EDUWEB_SCREENSHOTS")
    folder = Path(folder) if folder else tmp_path_factory.mktemp("cms-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def editor(browser: Browser, admin_url: str) -> Iterator[Page]:
    """One logged-in editor page for the module (local mode: no account)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    # Leaving an entry with unsaved changes asks first (the required-field test).
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(admin_url)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("link", name="Nyheter", exact=True).first).to_be_visible(
        timeout=WAIT_MS
    )
    yield page
    context.close()


def go(page: Page, admin_url: str, route: str) -> None:
    """Open a view of the editor by its address (#/collections/...). An
    entry is opened from its collection's list, as a writer does: Decap keeps
    the form of the entry open before when only the address changes."""
    collection = route.split("/entries/")[0].removesuffix("/new")
    if collection != route:
        page.goto(f"{admin_url}#/{collection}")
        name = collection.rsplit("/", 1)[-1]
        expect(page.locator(f"a[href*='#/collections/{name}/entries/']").first).to_be_visible()
    page.goto(f"{admin_url}#/{route}")


def publish(page: Page) -> None:
    """Publicera → Publicera nu (local mode publishes directly)."""
    page.get_by_role("button", name="Publicera", exact=True).first.click()
    page.get_by_text("Publicera nu", exact=True).click()


def list_item(page: Page, summary: str) -> Locator:
    """The list item (a round, a session) whose collapsed summary starts so."""
    starts = re.compile("^" + re.escape(summary))
    label = page.locator(":scope > [class*=NestedObjectLabel]", has_text=starts)
    return page.locator("[class*=SortableListItem]").filter(has=label)


def expand(item: Locator) -> None:
    # The expand button has no name (an accessibility gap of Decap's lists).
    item.locator(":scope > [class*=StyledListItemTopBar] > button").first.click()


# ------------------------------------------------------------------ create, edit, build
def create_news(page: Page, admin_url: str, picture: Path) -> None:
    go(page, admin_url, "collections/news/new")
    page.get_by_label("Rubrik", exact=False).first.fill(NEWS_TITLE)
    # Date and time in one native datetime-local input.
    page.get_by_label("Publiceringsdatum").fill("2026-03-16T09:30")
    for i, tag in enumerate(["Digitalisering", "Ledarskap"]):
        page.get_by_role("button", name="Add ämnen").click()
        page.locator("input[id^=tags-field]").nth(i).fill(tag)
    page.get_by_label("Kontaktpersoner").fill("Tommy")
    page.get_by_role("option", name="Tommy Eriksson").click()
    page.get_by_role("button", name="Välj en bild").click()
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="Välj markerad").click()
    page.get_by_label("Bildbeskrivning").fill("En blå ruta")
    page.locator("[data-slate-editor=true]").click()
    page.keyboard.type("Första stycket i nyheten.")
    publish(page)
    page.wait_for_url("**/entries/2026/ny-kurs-for-orebros-chefer")


def create_programme(page: Page, admin_url: str) -> None:
    go(page, admin_url, "collections/programmes/new")
    page.get_by_label("Namn", exact=True).first.fill(PROGRAMME_TITLE)
    page.get_by_label("Sammanfattning").fill("Ett program skapat i redigeraren.")
    # A new programme starts without rounds (default: [] in the config).
    expect(page.locator("input[id^=name-field]")).to_have_count(0)
    for r, name in enumerate(ROUNDS):
        page.get_by_role("button", name="Add omgångar").click()
        page.locator("input[id^=name-field]").nth(r).fill(name)
        for _ in range(3):
            page.get_by_role("button", name="Add träffar").nth(r).click()
    dates = page.locator("input[id^=date-field]")
    starts = page.locator("input[id^=start_time-field]")
    ends = page.locator("input[id^=end_time-field]")
    expect(dates).to_have_count(6)
    for i, date in enumerate(d for days in ROUNDS.values() for d in days):
        dates.nth(i).fill(date)
        if i != ALL_DAY:
            starts.nth(i).fill("09:00")
            ends.nth(i).fill("12:30")
    page.locator("[data-slate-editor=true]").click()
    page.keyboard.type("Programmet beskrivs här.")
    publish(page)
    page.wait_for_url("**/entries/ledarskap-i-angelholm")


def edit_booking_status(page: Page, admin_url: str, site: Site) -> None:
    before = (site.root / EDITED).read_bytes()
    go(page, admin_url, "collections/programmes/entries/att-leda-digital-omstallning")
    expect(page.get_by_label("Namn", exact=True).first).to_have_value(
        "Att leda digital omställning"
    )
    round_item = list_item(page, EDITED_ROUND)
    expand(round_item)
    round_item.locator("input[id^=status-field]").click()
    page.get_by_role("option", name="Fullbokad", exact=True).click()
    round_item.locator("input[id^=booked_percent-field]").fill("100")
    publish(page)
    wait_for(lambda: (site.root / EDITED).read_bytes() != before, EDITED)


def check(site: Site) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site.root / "plugins"))
    env.pop("PUBLIC_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "eduweb.check", "pelicanconf.py"],
        cwd=site.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def page_main(output: Path, address: str) -> BeautifulSoup:
    html = (output / address / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("main")


def test_a_writer_creates_and_edits_entries_and_the_site_shows_them(
    editor, admin_url, site, tmp_path
):
    create_news(editor, admin_url, png(tmp_path / PICTURE))
    create_programme(editor, admin_url)
    edit_booking_status(editor, admin_url, site)
    root = site.root

    # The article: in the folder of its date's year, the name folded to ASCII.
    wait_for(lambda: (root / NEWS_FILE).exists(), NEWS_FILE)
    news, body = front_matter(root / NEWS_FILE)
    assert as_written(root / NEWS_FILE)["date"] == "2026-03-16 09:30"
    assert news["title"] == NEWS_TITLE
    assert news["tags"] == ["Digitalisering", "Ledarskap"]
    assert news["contacts"] == ["tommy-eriksson"]
    # The picture went to content/images/, and the value is its address.
    assert news["image"] == "/images/bla-bild.png"
    assert news["image_alt"] == "En blå ruta"
    assert (root / "content/images/bla-bild.png").read_bytes() == (tmp_path / PICTURE).read_bytes()
    assert not list((root / "content/news/2026").glob("*.png"))
    assert body.strip() == "Första stycket i nyheten."

    # The programme: dates stay dates, times HH:MM, the all-day session has none.
    programme = as_written(root / PROGRAMME_FILE)
    assert programme["title"] == PROGRAMME_TITLE
    assert [r["name"] for r in programme["rounds"]] == list(ROUNDS)
    sessions = [s for r in programme["rounds"] for s in r["sessions"]]
    assert [s["date"] for s in sessions] == [d for days in ROUNDS.values() for d in days]
    for i, session in enumerate(sessions):
        if i == ALL_DAY:
            # Decap writes '' for an untouched optional field; '' is no value.
            assert "start_time" not in session and "end_time" not in session
        else:
            assert (session["start_time"], session["end_time"]) == ("09:00", "12:30")

    # The edited round, and nothing else changed in value.
    edited, edited_body = front_matter(root / EDITED)
    original, original_body = front_matter(ROOT / "tests/fixtures/site" / EDITED)
    changed = next(r for r in edited["rounds"] if r["name"] == EDITED_ROUND)
    assert changed["status"] == "full"
    assert changed["booked_percent"] == 100
    assert (
        next(r for r in as_written(root / EDITED)["rounds"] if r["name"] == EDITED_ROUND)[
            "sessions"
        ][0]["start_time"]
        == "09:00"
    )
    del changed["booked_percent"]
    changed["status"] = "few-places"
    assert edited == original
    assert edited_body == original_body

    # They validate, and the site builds with them.
    checked = check(site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = site.build(output=root / "built")
    assert built.returncode == 0, built.stderr
    out = built.output

    article = page_main(out, "nyheter/2026/ny-kurs-for-orebros-chefer")
    assert article.h1.get_text(strip=True) == NEWS_TITLE
    tags = [a.get_text(strip=True) for a in article.select(".tag-list a")]
    assert tags == ["Digitalisering", "Ledarskap"]
    picture = article.select_one("figure img")
    assert (picture["src"], picture["alt"]) == ("/images/bla-bild.png", "En blå ruta")
    assert (out / "images/bla-bild.png").exists()
    card = article.select_one(".contact-card")
    assert card.select_one(".contact-card__name").get_text(strip=True) == "Tommy Eriksson"
    assert "Första stycket i nyheten." in article.get_text()

    page = page_main(out, "utbildningar/ledarskap-i-angelholm")
    rounds = page.select("section.round")
    assert [r.h3.get_text(strip=True) for r in rounds] == list(ROUNDS)
    sessions = [s for r in rounds for s in r.select(".session")]
    assert len(sessions) == 6
    for i, session in enumerate(sessions):
        times = session.select(".session__time time")
        if i == ALL_DAY:
            assert times == []
            assert session.select_one(".session__time").get_text(strip=True) == "Heldag"
        else:
            assert [t["datetime"] for t in times] == ["09:00", "12:30"]

    page = page_main(out, "utbildningar/att-leda-digital-omstallning")
    round_section = page.select_one("#omgang-hosten-2027")
    assert "Fullbokad" in round_section.select_one(".status").get_text()


# ------------------------------------------------------------------ required field
def test_saving_without_a_required_field_shows_the_editors_error_and_writes_nothing(
    editor, admin_url, site, shots
):
    content = site.root / "content"
    before = sorted(p for p in content.rglob("*") if p.is_file())
    go(editor, admin_url, "collections/news/new")
    editor.get_by_label("Publiceringsdatum").fill("2026-04-01T10:00")
    editor.locator("[data-slate-editor=true]").click()
    editor.keyboard.type("En nyhet utan rubrik.")
    editor.get_by_label("Rubrik", exact=False).first.scroll_into_view_if_needed()
    publish(editor)
    # The toast slides in from the right, then goes after a few seconds.
    toast = editor.get_by_text("Oops, du har missat ett obligatoriskt fält", exact=False)
    expect(toast).to_be_in_viewport(ratio=1)
    editor.screenshot(path=str(shots / "cms-required-field-error-1280.png"))
    expect(editor.get_by_text("Rubrik är obligatoriskt", exact=False)).to_be_visible()
    # Still the new-entry form: nothing was saved.
    assert editor.url.endswith("#/collections/news/new")
    assert sorted(p for p in content.rglob("*") if p.is_file()) == before


# ------------------------------------------------------------------ round trip
@pytest.mark.parametrize(
    ("route", "path", "label", "key", "value"),
    [
        (
            "collections/news/entries/2024/handskriven-nyhet",
            "content/news/2024/handskriven-nyhet.md",
            "Skribent",
            "author",
            "Åsa Öberg Lind",
        ),
        (
            "collections/programmes/entries/handskrivet-program",
            "content/programmes/handskrivet-program.md",
            "Pris",
            "price",
            "5 000 kr exkl. moms",
        ),
    ],
    ids=["news", "programme"],
)
def test_a_hand_written_file_changed_in_one_field_keeps_everything_else(
    editor, admin_url, site, route, path, label, key, value
):
    file = site.root / path
    original, original_body = front_matter(file)
    assert original[key] != value
    before = file.read_bytes()
    go(editor, admin_url, route)
    field = editor.get_by_label(label, exact=False).first
    expect(field).to_have_value(str(original[key]))
    field.fill(value)
    publish(editor)
    wait_for(lambda: file.read_bytes() != before, path)

    saved, saved_body = front_matter(file)
    assert saved[key] == value
    assert {k: v for k, v in saved.items() if k != key} == {
        k: v for k, v in original.items() if k != key
    }
    # Typed values (PyYAML) and the text of every scalar (the site's reader).
    written, original_written = as_written(file), as_written(ROOT / "tests/fixtures/cms" / path)
    assert written[key] == value
    del written[key], original_written[key]
    assert written == original_written
    assert saved_body == original_body
    checked = check(site)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# ------------------------------------------------------------------ axe and screenshots
def run_axe(page: Page) -> list[dict]:
    """axe's violations on the page as it is (evaluated by the driver, so
    /admin/'s Content-Security-Policy does not block it)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script().read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "count": len(v["nodes"]),
            "example": v["nodes"][0]["target"] if v["nodes"] else None,
            "html": v["nodes"][0]["html"][:160] if v["nodes"] else None,
            "help": v["help"],
        }
        for v in result["violations"]
    ]


def settle(page: Page) -> None:
    """Wait until Decap's transitions (views fade and slide in) have ended."""
    page.evaluate(
        """() => new Promise((done) => requestAnimationFrame(() =>
            Promise.all(document.getAnimations().map((a) => a.finished)).then(done, done)))"""
    )


def views(page: Page, admin_url: str) -> Iterator[str]:
    """Open each main view in turn and yield its name once it is ready."""
    go(page, admin_url, "collections/news")
    expect(page.locator("a[href*='#/collections/news/entries/']").first).to_be_visible()
    yield "collection-list"

    go(page, admin_url, "collections/news/entries/2024/handskriven-nyhet")
    expect(page.get_by_label("Rubrik", exact=False).first).to_have_value(
        "Nu: nästa steg för Umeås chefer"
    )
    yield "news-editor"

    go(page, admin_url, "collections/programmes/entries/handskrivet-program")
    expect(page.get_by_label("Namn", exact=True).first).to_have_value("Handskrivet program")
    round_item = list_item(page, "Våren 2025")
    expand(round_item)
    expect(round_item.locator("input[id^=name-field]")).to_have_value("Våren 2025")
    # Its sessions stay collapsed until opened: open the first.
    session = list_item(page, "2025-02-10")
    expand(session)
    expect(session.locator("input[id^=start_time-field]")).to_have_value("13:00")
    yield "programme-editor"

    go(page, admin_url, "collections/news")
    page.get_by_text("Media", exact=True).first.click()
    expect(page.get_by_text("mognad.svg", exact=True)).to_be_visible()
    expect(page.locator("img[src^='blob:']").first).to_be_visible()
    yield "media-library"
    page.keyboard.press("Escape")


def test_axe_on_the_editors_main_views_is_recorded(editor, admin_url, shots, capsys):
    summary = {}
    for view in views(editor, admin_url):
        settle(editor)
        summary[view] = run_axe(editor)
        editor.screenshot(path=str(shots / f"cms-{view}-1280.png"))
    report = shots / "cms-axe-summary.json"
    report.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    with capsys.disabled():
        print(f"\naxe on the web editor ({report}):")
        for view, violations in summary.items():
            for v in violations:
                print(f"  {view}: {v['id']} ({v['impact']}) x{v['count']} e.g. {v['example']}")
    # Recorded, not judged (third-party UI); the runs themselves must work.
    assert set(summary) == {"collection-list", "news-editor", "programme-editor", "media-library"}


def test_screenshots_at_360_px(browser, admin_url, shots):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="sv-SE")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        page.goto(admin_url)
        page.get_by_role("button", name="Logga in").click()
        go(page, admin_url, "collections/programmes/entries/handskrivet-program")
        expect(page.get_by_label("Namn", exact=True).first).to_have_value("Handskrivet program")
        page.screenshot(path=str(shots / "cms-programme-editor-360.png"))
        go(page, admin_url, "collections/news")
        expect(page.locator("a[href*='#/collections/news/entries/']").first).to_be_visible()
        page.screenshot(path=str(shots / "cms-collection-list-360.png"))
    finally:
        context.close()
