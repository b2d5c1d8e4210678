"""The GitHub login proxy (plugins/eduweb/cms_oauth.py) in Chromium: a page
of the site's origin that opens the login popup the way Decap CMS does
receives the token; a page of another origin that opens the same popup
receives nothing, even when it answers the handshake itself (issue 10,
point 5).

Four servers on 127.0.0.1, each its own origin: a fake GitHub (authorize
says yes at once; the token endpoint answers), the proxy, the site and a
foreign site. The opener page does what decap-cms-lib-auth 3.3.2
(dist/esm/netlify-auth.js, Authenticator.authenticate) does: open
`{base_url}/auth?provider=github&site_id=...&scope=repo`, echo
"authorizing:github" from the proxy's origin back to the popup, then take
"authorization:github:success:{json}" from the proxy's origin.
These tests use their own browser context, never the `page` fixture, whose
base_url would build the consent test site.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from eduweb.cms_oauth import App, Config
from playwright.sync_api import Browser

TOKEN = "gho_browser-token-42"

OPENER = """<!doctype html>
<html><head><meta charset="utf-8"><title>opener</title></head>
<body><button id="login">Logga in</button>
<script>
  // Every message this page gets, from anywhere.
  window.received = [];
  window.addEventListener("message", (e) => window.received.push([e.origin, String(e.data)]));
  const BASE_URL = "%(proxy)s";
  const ANSWER_ANYWAY = location.search === "?answer-anyway";
  let authWindow;
  // As decap-cms-lib-auth's netlify-auth.js: the handshake, then the result.
  window.addEventListener("message", function handshake(e) {
    if (e.data === "authorizing:github" && e.origin === BASE_URL) {
      window.removeEventListener("message", handshake);
      window.addEventListener("message", (r) => {
        if (r.origin === BASE_URL && String(r.data).startsWith("authorization:github:")) {
          window.result = String(r.data);
          authWindow.close();
        }
      });
      authWindow.postMessage(e.data, e.origin);
    }
  });
  document.getElementById("login").addEventListener("click", () => {
    authWindow = window.open(
      BASE_URL + "/auth?provider=github&site_id=" + location.hostname + "&scope=repo",
      "Netlify Authorization", "width=960,height=600");
    if (ANSWER_ANYWAY) {
      // A hostile opener: answer the handshake without being asked.
      setInterval(() => {
        try { authWindow.postMessage("authorizing:github", "*"); } catch (e) {}
      }, 20);
    }
  });
</script></body></html>
"""


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingWSGIServer(http.server.ThreadingHTTPServer, WSGIServer):
    pass


@contextmanager
def serving(server) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_server(page: dict[str, str]) -> http.server.ThreadingHTTPServer:
    """Serves page["html"] at every address."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = page["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)


def fake_github() -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            # The writer says yes: back to the proxy with a code and the state.
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            back = (
                query["redirect_uri"][0]
                + "?"
                + urllib.parse.urlencode({"code": "code-1", "state": query["state"][0]})
            )
            self.send_response(302)
            self.send_header("Location", back)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.dumps({"access_token": TOKEN, "scope": "repo"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, str]]:
    """github, proxy, site and foreign: four origins on 127.0.0.1."""
    opener: dict[str, str] = {}
    site_server = page_server(opener)
    foreign_server = page_server(opener)
    proxy_server = make_server(
        "127.0.0.1", 0, lambda e, s: [], server_class=ThreadingWSGIServer, handler_class=Quiet
    )
    with (
        serving(fake_github()) as github,
        serving(site_server) as site,
        serving(foreign_server) as foreign,
        serving(proxy_server) as proxy,
    ):
        config = Config("client-id", "secret", site, proxy, github_url=github)
        proxy_server.set_app(App(config))
        opener["html"] = OPENER % {"proxy": proxy}
        yield {"github": github, "proxy": proxy, "site": site, "foreign": foreign}


def login(browser: Browser, opener_url: str, answer_anyway: bool = False):
    """Open the opener page, click the login button; the popup and the page."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(opener_url + ("/?answer-anyway" if answer_anyway else "/"))
    with page.expect_popup() as popup_info:
        page.click("#login")
    popup = popup_info.value
    return context, page, popup


def test_the_site_origin_receives_the_token(browser: Browser, servers):
    context, page, popup = login(browser, servers["site"])
    try:
        page.wait_for_function("window.result !== undefined", timeout=10_000)
        result = page.evaluate("window.result")
        assert result == (
            'authorization:github:success:{"token": "' + TOKEN + '", "provider": "github"}'
        )
        # Every message came from the proxy's origin.
        assert {origin for origin, _ in page.evaluate("window.received")} == {servers["proxy"]}
        for _ in range(100):  # the editor closes it (perhaps already has)
            if popup.is_closed():
                break
            page.wait_for_timeout(50)
        assert popup.is_closed()
    finally:
        context.close()


@pytest.mark.parametrize("answer_anyway", [False, True], ids=["polite", "answers-anyway"])
def test_another_origin_receives_nothing(browser: Browser, servers, answer_anyway):
    context, page, popup = login(browser, servers["foreign"], answer_anyway)
    try:
        # The popup went through GitHub and holds the token page...
        popup.wait_for_url(servers["proxy"] + "/callback?**", timeout=10_000)
        popup.wait_for_load_state("load")
        assert "Inloggningen är klar" in popup.inner_text("body")
        # ...and has tried to hand it over, to the site's origin only.
        page.wait_for_timeout(500)
        assert page.evaluate("window.received") == []
        assert page.evaluate("window.result") is None
    finally:
        context.close()


def test_a_popup_without_an_opener_says_what_to_do(browser: Browser, servers):
    """The login opened by hand (no editor behind it): a Swedish line, no error."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(servers["proxy"] + "/auth?provider=github")
        assert page.url.startswith(servers["proxy"] + "/callback?")
        assert page.inner_text("#cms-status").startswith(
            "Inloggningen är klar, men redigeringsverktyget som öppnade fönstret finns inte"
        )
        assert errors == []  # the CSP let the script run, and nothing failed
    finally:
        context.close()
