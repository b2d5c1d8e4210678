"""The page-weight budget with a camera photo (issue 11, point 7): an
article whose lead picture is a 3–4 MB JPEG, loaded at 360 px, transfers
less than 300 KB in its first view, and the browser picks a small copy."""

from __future__ import annotations

import http.server
import threading

import pytest
from conftest import Site, article
from playwright.sync_api import Browser
from test_pictures import camera_jpeg

BUDGET = 300_000
PHONE = {"width": 360, "height": 740}
ARTICLE = "nyheter/2026/kamerabild/"


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The sample site plus an article with a camera photo above and below the fold."""
    site = Site(tmp_path_factory.mktemp("pictures") / "site", with_sample=True)
    photo = camera_jpeg()
    assert 3_000_000 < len(photo) < 4_500_000, len(photo)
    site.write_bytes("images/kamerabild.jpg", photo)
    filler = "\n\n".join(f"Stycke {n} om hur träffarna gick till." * 6 for n in range(12))
    site.write(
        "news/2026/kamerabild.md",
        article(
            title="Kamerabild",
            date="2026-11-01",
            image="images/kamerabild.jpg",
            image_alt="Deltagare vid ett bord",
            body=f"{filler}\n\n![Samma bild längre ner](images/kamerabild.jpg)\n",
        ),
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    root = str(result.output)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_first_view_at_360_px_stays_under_the_budget(browser: Browser, photo_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    transferred: dict[str, int] = {}

    def count(request) -> None:
        sizes = request.sizes()
        transferred[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", count)
    page.goto(f"{photo_site}/{ARTICLE}")
    page.wait_for_load_state("networkidle")
    lead = page.locator(".figure img")
    lead.evaluate("img => img.decode()")
    chosen = lead.evaluate("img => [img.currentSrc, img.naturalWidth]")
    context.close()

    total = sum(transferred.values())
    assert total < BUDGET, sorted(transferred.items(), key=lambda item: -item[1])
    assert not any("/images/kamerabild.jpg" in url for url in transferred)
    # 360 css px wide: a copy of at most twice that (the 640 px one).
    assert "/bilder/" in chosen[0] and chosen[1] <= 2 * PHONE["width"], chosen
    # The picture far below the fold is not fetched in the first view.
    pictures = [url for url in transferred if "/bilder/" in url]
    assert len(pictures) == 1, pictures
