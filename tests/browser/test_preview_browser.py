"""`invoke livereload` and `invoke serve` in Chromium (issue 9 point 4): the
page reloads by itself after a save, a content error is shown over the last
good page and goes away with the next good save, and a missing address gets
the site's 404 page.

The preview runs as the tasks run it (`python -m eduweb.preview`) over a tmp
site, on a free port it picks itself (--port 0) and prints. These tests use
their own browser context, never the `page` fixture, whose base_url would
build the consent test site.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest
from conftest import Site, article
from playwright.sync_api import Browser, expect

ARTICLE = "news/forsta.md"
ARTICLE_URL = "nyheter/2024/forsta/"
# Build, save and reload: a small site builds in about 2 s on a busy machine.
TIMEOUT = 60.0
# expect() has its own timeout (5 s), not the context's.
WAIT_MS = TIMEOUT * 1000


class Preview:
    """A running preview process and the lines it has printed."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float = TIMEOUT, count: int = 1) -> re.Match:
        """The `count`th printed line (from the start) that matches pattern."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for line in self.seen if (m := re.search(pattern, line))]
            if len(found) >= count:
                return found[count - 1]
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self.proc.poll() is not None and self.lines.empty()):
                raise AssertionError(f"no line like {pattern!r}; printed: {self.seen}")
            with suppress(queue.Empty):
                self.seen.append(self.lines.get(timeout=min(remaining, 0.5)))


@contextmanager
def preview(
    site: Site, *args: str, module: str = "eduweb.preview"
) -> Iterator[tuple[Preview, str]]:
    """Start the preview (or `module`, which serves the same way: the CMS's
    local mode) in the site folder; stop it and its builds at the end."""
    env = dict(os.environ, PYTHONPATH=str(site.root / "plugins"))
    env.pop("PUBLIC_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0", *args],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: a build under way goes too
    )
    running = Preview(proc)
    try:
        url = running.wait_for_line(r"(http://127\.0\.0\.1:\d+/)").group(1)
        yield running, url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        # Nothing left of the process group (a build child would still be in it).
        with pytest.raises(ProcessLookupError):
            os.killpg(proc.pid, 0)
        proc.stdout.close()


@pytest.fixture
def new_page(browser: Browser):
    """A page in a fresh context; the test fails if the site's
    Content-Security-Policy blocked anything (the preview script must pass it)."""
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not [text for text in errors if "Content Security Policy" in text]


def test_livereload_reloads_and_shows_content_errors_over_the_last_good_page(tmp_path, new_page):
    site = Site(tmp_path / "site")
    site.write(ARTICLE, article(body="Första versionen."))
    with preview(site, "--watch") as (running, url):
        page = new_page
        page.goto(url + ARTICLE_URL)
        expect(page.get_by_text("Första versionen.")).to_be_visible(timeout=WAIT_MS)
        # The page marks itself; a reload (and only a reload) takes the mark away.
        page.evaluate("window.__notReloaded = true")

        site.write(ARTICLE, article(body="Andra versionen."))
        expect(page.get_by_text("Andra versionen.")).to_be_visible(timeout=WAIT_MS)
        assert page.evaluate("window.__notReloaded === undefined")
        page.evaluate("window.__notReloaded = true")

        site.write(ARTICLE, article(date="2024-13-03", body="Trasig version."))
        problem = "content/news/forsta.md:3: date: '2024-13-03'"
        running.wait_for_line(re.escape(problem))
        box = page.get_by_role("alert")
        expect(box).to_be_visible(timeout=WAIT_MS)
        expect(box.get_by_role("heading", name="Sidan kunde inte byggas om")).to_be_visible(
            timeout=WAIT_MS
        )
        expect(box.get_by_role("listitem").first).to_contain_text(problem, timeout=WAIT_MS)
        # Still the last good page, not reloaded.
        expect(page.get_by_text("Andra versionen.")).to_be_visible(timeout=WAIT_MS)
        assert page.evaluate("window.__notReloaded === true")

        site.write(ARTICLE, article(body="Rättad version."))
        expect(page.get_by_text("Rättad version.")).to_be_visible(timeout=WAIT_MS)
        expect(page.get_by_role("alert")).to_have_count(0, timeout=WAIT_MS)
        # The page is shown before the rest of its build: the build ends too.
        running.wait_for_line(r"byggdes om", count=3)


def test_an_edited_article_reloads_once_and_the_pages_the_build_changes_follow(tmp_path, new_page):
    """The preview shows the edited article's page first; the rest of the
    build changes the lists but not that page, which is not reloaded again."""
    site = Site(tmp_path / "site")
    site.write(ARTICLE, article(title="Första rubriken"))
    site.write("news/andra.md", article(title="Den andra nyheten", date="2024-05-02"))
    with preview(site, "--watch") as (running, url):
        edited, listing = new_page, new_page.context.new_page()
        loads = {"edited": 0, "listing": 0}
        edited.goto(url + ARTICLE_URL)
        listing.goto(url + "nyheter/")
        expect(listing.get_by_text("Första rubriken")).to_be_visible(timeout=WAIT_MS)
        edited.on("load", lambda: loads.__setitem__("edited", loads["edited"] + 1))
        listing.on("load", lambda: loads.__setitem__("listing", loads["listing"] + 1))

        site.write(ARTICLE, article(title="Ny rubrik"))
        heading = edited.get_by_role("heading", level=1)
        expect(heading).to_have_text("Ny rubrik", timeout=WAIT_MS)
        expect(listing.get_by_text("Ny rubrik")).to_be_visible(timeout=WAIT_MS)
        # The second good build (the first was the start) is done, and its
        # event has had time to reach the pages (waiting in Playwright, which
        # hands over the pages' events meanwhile).
        running.wait_for_line(r"byggdes om", count=2)
        edited.wait_for_timeout(1500)
        assert loads == {"edited": 1, "listing": 1}


def test_a_page_opened_while_the_build_is_broken_shows_the_problems(tmp_path, new_page):
    site = Site(tmp_path / "site")
    site.write(ARTICLE, article(body="Första versionen."))
    with preview(site, "--watch") as (running, url):
        site.write(ARTICLE, article(date="2024-13-03"))
        running.wait_for_line(r"forsta\.md:3: date")
        page = new_page
        response = page.goto(url + ARTICLE_URL)
        assert response.status == 200
        expect(page.get_by_role("alert")).to_contain_text("forsta.md:3: date", timeout=WAIT_MS)
        expect(page.get_by_text("Första versionen.")).to_be_visible(timeout=WAIT_MS)


def test_serve_answers_a_missing_address_with_the_sites_404_page(tmp_path, new_page):
    site = Site(tmp_path / "site")
    site.write(ARTICLE, article())
    assert site.build().returncode == 0
    with preview(site) as (_, url):
        page = new_page
        response = page.goto(url + "finns-inte/")
        assert response.status == 404
        expect(page).to_have_title(re.compile(r"^Sidan finns inte – "), timeout=WAIT_MS)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Sidan finns inte", timeout=WAIT_MS
        )
        assert page.goto(url + ARTICLE_URL).status == 200
