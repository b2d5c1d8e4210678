"""The built site served with the headers of its own _headers file (as
Netlify or Cloudflare Pages would send them): every kind of page loads in
Chromium without a Content-Security-Policy violation or a console error,
and gets the security, cache and media type headers (issue 9, point 8)."""

from __future__ import annotations

import http.server
import re
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import netlify_headers
import pytest
from playwright.sync_api import Page

from .conftest import POLICY_VERSIONS

IMMUTABLE = "public, max-age=31536000, immutable"
PAGE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cache-control": "no-cache",
}


@pytest.fixture(scope="session")
def host(consent_builds):
    """The first build on 127.0.0.1, each response with the headers its
    path gets from output/_headers; a missing file gets 404.html, as hosts
    serve it."""
    root = consent_builds[POLICY_VERSIONS[0]]
    rules = netlify_headers.parse((root / "_headers").read_text(encoding="utf-8"))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def rule_headers(self) -> dict[str, str]:
            return netlify_headers.headers_for(rules, urlsplit(self.path).path)

        def send_header(self, keyword, value):
            # The rules' Content-Type replaces the guessed one, as on the host.
            if keyword.lower() not in {name.lower() for name in self.rule_headers()}:
                super().send_header(keyword, value)

        def end_headers(self):
            for name, value in self.rule_headers().items():
                super().send_header(name, value)
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (root / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def first(root: Path, pattern: str) -> str:
    """The first address of the sitemap that matches `pattern`."""
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    paths = re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", sitemap)
    return next(p for p in paths if re.fullmatch(pattern, p))


PAGE_KINDS = {
    "home": "/",
    "news list": "/nyheter/",
    "article": r"/nyheter/\d{4}/[^/]+/",
    "tag": r"/nyheter/amne/[^/]+/",
    "programme list": "/utbildningar/",
    "programme": r"/utbildningar/[^/]+/",
    "calendar": "/kalender/",
    "contacts": "/kontakt/",
    "cookies": "/cookies/",
    "page": "/om-webbplatsen/",
    "search": "/sok/",
}


@pytest.mark.parametrize("kind", [*PAGE_KINDS, "404"])
def test_every_kind_of_page_under_the_header_policy(page: Page, host, kind):
    root, url = host
    path = "/finns-inte/" if kind == "404" else first(root, PAGE_KINDS[kind])
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    theme = {}
    page.on(
        "response",
        lambda r: theme.update({r.url: r.headers}) if "/theme/" in r.url else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    response = page.goto(url + path)
    page.wait_for_load_state("load")
    assert response.status == (404 if kind == "404" else 200)
    headers = response.headers
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert headers["content-security-policy"] == meta + "; frame-ancestors 'none'"
    for name, value in PAGE_HEADERS.items():
        assert headers[name] == value, name
    # The banner's script ran: the page is the one readers get.
    assert page.locator(".js-consent").count() == 1
    assert page.evaluate("window.__csp || []") == []
    # A 404 is itself logged as a failed load; nothing else may be.
    expected = ["Failed to load resource: the server responded with a status of 404"]
    assert [p for p in problems if not (kind == "404" and p.startswith(expected[0]))] == []
    stylesheets = [u for u in theme if u.endswith(".css")]
    assert stylesheets and all(theme[u]["cache-control"] == IMMUTABLE for u in theme), theme


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/kalender.ics", "text/calendar; charset=utf-8"), ("vcard", "text/vcard; charset=utf-8")],
)
def test_calendars_and_vcards_get_their_media_types(host, path, media_type):
    root, url = host
    if path == "vcard":
        path = "/" + next(root.glob("kontakter/*.vcf")).relative_to(root).as_posix()
    with urllib.request.urlopen(url + path, timeout=10) as response:
        assert response.headers["Content-Type"] == media_type
        assert response.headers["X-Content-Type-Options"] == "nosniff"
