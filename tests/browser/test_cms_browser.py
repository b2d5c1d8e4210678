"""The web editor (/admin/, Decap CMS) in Chromium against the local mode
(`invoke cms`, plugins/eduweb/cms_local.py) over a copy of the fixture
site: the Swedish interface, the four collections with the fixture's files,
the media library, an entry open in the editor, and not one Content-Security-Policy violation
or console error on the way (the page's own policy, cms_policy.admin_csp).

Screenshots at 1280 px go to $EDUWEB_SCREENSHOTS (default: the test's tmp
folder): the collection list and an entry's editor.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, Site
from playwright.sync_api import Browser, Page, expect

from browser.test_preview_browser import WAIT_MS, preview

CMS = {
    "backend": "github",
    "repo": "organisation/webbplats",
    "branch": "main",
    "base_url": "https://cms-inloggning.example.se",
    "editorial_workflow": True,
}
# collection name -> (its label in the editor, its folder, the files' extension)
COLLECTIONS = {
    "news": ("Nyheter", "news", ".md"),
    "programmes": ("Utbildningar", "programmes", ".md"),
    "contacts": ("Kontakter", "contacts", ".yml"),
    "pages": ("Sidor", "pages", ".md"),
}
# Collects every violation of the page's policy, from the first script on.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${where}`);
}, true);
"""


def fixture_files(folder: str, extension: str) -> list[Path]:
    return sorted(p for p in (FIXTURE / "content" / folder).rglob("*" + extension))


@pytest.fixture
def editor_site(tmp_path) -> Site:
    site = Site(tmp_path / "site", with_sample=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nCMS = {CMS!r}\n")
    return site


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = Path(os.environ.get("EDUWEB_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def editor_page(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    yield page
    context.close()


def no_problems(page: Page) -> None:
    assert page.evaluate("window.__violations") == []
    assert page.problems == []


def test_the_editor_opens_the_fixture_site_in_swedish(editor_site, editor_page, screenshots):
    page = editor_page
    with preview(editor_site, module="eduweb.cms_local") as (running, url):
        # The address printed is the editor's.
        running.wait_for_line(r"http://127\.0\.0\.1:\d+/admin/ ")
        url += "admin/"
        page.goto(url)
        # Swedish from the first screen on (locale: sv in config.yml).
        page.get_by_role("button", name="Logga in").click()
        for label, _folder, _ext in COLLECTIONS.values():
            expect(page.get_by_role("link", name=label, exact=True).first).to_be_visible()
        expect(page.get_by_text("Samlingar")).to_be_visible()

        for name, (_label, folder, extension) in COLLECTIONS.items():
            page.goto(f"{url}#/collections/{name}")
            entries = page.locator(f"a[href*='#/collections/{name}/entries/']")
            expected = fixture_files(folder, extension)
            expect(entries).to_have_count(len(expected))
            if name == "news":
                page.screenshot(path=str(screenshots / "cms-collection-news.png"))

        # The media library shows content/images/ (pictures from blob: addresses).
        page.get_by_text("Media", exact=True).first.click()
        for picture in sorted((FIXTURE / "content" / "images").glob("*.*")):
            expect(page.get_by_text(picture.name, exact=True)).to_be_visible()
        expect(page.locator("img[src^='blob:']").first).to_be_visible()
        page.keyboard.press("Escape")

        # A programme: nested rounds and sessions in the form, and the preview.
        page.goto(f"{url}#/collections/programmes")
        first = fixture_files("programmes", ".md")[0]
        page.locator(f"a[href$='#/collections/programmes/entries/{first.stem}']").click()
        front_matter = yaml.safe_load(first.read_text(encoding="utf-8").split("---")[1])
        expect(page.get_by_role("textbox", name="Namn", exact=True)).to_have_value(
            front_matter["title"]
        )
        expect(page.get_by_text("Omgångar", exact=False).first).to_be_visible()
        page.wait_for_timeout(1000)  # the preview pane renders after the form
        page.screenshot(path=str(screenshots / "cms-entry-programme.png"))
        # Opened, not changed: the file on disk is as it was.
        saved = editor_site.root / "content" / "programmes" / first.name
        assert saved.read_bytes() == first.read_bytes()
    no_problems(page)
