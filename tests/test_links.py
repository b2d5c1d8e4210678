"""The nightly check of external links (`invoke check-links`, eduweb/links.py),
against a local server on 127.0.0.1: never the internet."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import Site, article
from eduweb import links, messages

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


TIMEOUT = 0.5


class _Handler(BaseHTTPRequestHandler):
    active = 0
    most_active = 0
    lock = threading.Lock()
    requests: list[tuple[str, str]] = []  # noqa: RUF012 (shared by the test server)

    def log_message(self, *args) -> None:  # quiet
        pass

    def _answer(self) -> None:
        with self.lock:
            self.requests.append((self.command, self.path))
        self._route()

    def _busy(self) -> None:
        """Count the requests being answered at once; the count goes down
        before the answer is sent, so the client cannot be ahead of it."""
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.most_active = max(cls.most_active, cls.active)
        time.sleep(0.1)
        with cls.lock:
            cls.active -= 1

    def _route(self) -> None:
        path = self.path
        if path == "/ok" or path.startswith("/busy/"):
            if path.startswith("/busy/"):
                self._busy()
            self._status(200)
        elif path == "/moved":
            self._status(301, location="/ok")
        elif path == "/temporary":
            self._status(302, location="/ok")
        elif path == "/moved-to-gone":
            self._status(308, location="/gone")
        elif path == "/gone":
            self._status(404)
        elif path == "/no-head":
            self._status(405 if self.command == "HEAD" else 200)
        elif path == "/slow":
            time.sleep(TIMEOUT * 4)
            self._status(200)
        elif path == "/loop":
            self._status(302, location="/loop")
        else:
            self._status(500)

    def _status(self, code: int, location: str | None = None) -> None:
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer  # noqa: N815 (http.server's names)
    do_GET = _answer  # noqa: N815


@pytest.fixture
def server():
    _Handler.requests = []
    _Handler.active = _Handler.most_active = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_report_names_each_broken_or_moved_link_where_it_is_written(site: Site, server):
    site.write(
        "news/2024/a.md",
        article(
            body=(
                f"[Fungerar]({server}/ok) och [flyttad]({server}/moved).\n\n"
                f"[Borta]({server}/gone), [tillfälligt]({server}/temporary).\n\n"
                f"<{server}/slow>\n\n"
                f"[Bara GET]({server}/no-head) [Flyttad och borta]({server}/moved-to-gone)\n\n"
                f"[Slinga]({server}/loop) [Borta igen]({server}/gone)."
            )
        ),
    )
    site.write(
        "programmes/p.md",
        f"---\ntitle: P\nsummary: S.\nregistration_url: {server}/gone\n---\nText.\n",
    )
    site.write("pages/egen.md", "---\ntitle: E\n---\n[Hem](https://www.example.se/om/)\n")
    occurrences = links.collect(str(site.root / "content"), ["https://www.example.se"])
    results = links.check_all((o.url for o in occurrences), timeout=TIMEOUT)
    lines = links.report_lines(occurrences, results, TIMEOUT)
    assert lines == [
        f"content/news/2024/a.md:6: länk: {server}/moved har flyttat till {server}/ok "
        "(byt till den nya adressen)",
        f"content/news/2024/a.md:8: länk: {server}/gone svarar 404 (Not Found)",
        f"content/news/2024/a.md:10: länk: {server}/slow svarar inte inom 0.5 sekunder "
        "(kontrollera adressen i en webbläsare)",
        f"content/news/2024/a.md:12: länk: {server}/moved-to-gone svarar 404 (Not Found)",
        f"content/news/2024/a.md:14: länk: {server}/loop går inte att nå (skickas vidare för "
        "många gånger; kontrollera adressen i en webbläsare)",
        f"content/news/2024/a.md:14: länk: {server}/gone svarar 404 (Not Found)",
        f"content/programmes/p.md:4: länk: {server}/gone svarar 404 (Not Found)",
        "8 externa länkar kontrollerade; 5 behöver ses över",
    ]
    # Each address asked once however often it is written; HEAD first.
    heads = [path for method, path in _Handler.requests if method == "HEAD"]
    assert heads.count("/gone") == 2  # HEAD, then the redirect from /moved-to-gone
    assert ("GET", "/no-head") in _Handler.requests
    assert results[f"{server}/no-head"].status == 200


# (key, how to trigger it: the link written on line 6, the Swedish line);
# {server} is the local test server.
MESSAGE_CASES = [
    (
        "links.status",
        "{server}/gone",
        "content/news/2024/a.md:6: länk: {server}/gone svarar 404 (Not Found)",
    ),
    (
        "links.field",
        "{server}/gone",
        "content/news/2024/a.md:6: länk: {server}/gone svarar 404 (Not Found)",
    ),
    (
        "links.moved",
        "{server}/moved",
        "content/news/2024/a.md:6: länk: {server}/moved har flyttat till {server}/ok (byt till "
        "den nya adressen)",
    ),
    (
        "links.timeout",
        "{server}/slow",
        "content/news/2024/a.md:6: länk: {server}/slow svarar inte inom 0.5 sekunder "
        "(kontrollera adressen i en webbläsare)",
    ),
    (
        "links.unreachable",
        "http://127.0.0.1:9/",
        "content/news/2024/a.md:6: länk: http://127.0.0.1:9/ går inte att nå (Connection "
        "refused; kontrollera adressen i en webbläsare)",
    ),
    (
        "links.too_many_redirects",
        "{server}/loop",
        "content/news/2024/a.md:6: länk: {server}/loop går inte att nå (skickas vidare för "
        "många gånger; kontrollera adressen i en webbläsare)",
    ),
    (
        "links.summary",
        "{server}/gone",
        "1 externa länkar kontrollerade; 1 behöver ses över",
    ),
]


@pytest.mark.parametrize(
    ("key", "link", "expected"), MESSAGE_CASES, ids=[case[0] for case in MESSAGE_CASES]
)
def test_each_links_message(site: Site, server, key, link, expected):
    site.write("news/2024/a.md", article(body=f"[Länk]({link.format(server=server)})"))
    occurrences = links.collect(str(site.root / "content"))
    results = links.check_all((o.url for o in occurrences), timeout=TIMEOUT)
    assert expected.format(server=server) in links.report_lines(occurrences, results, TIMEOUT)


def test_every_links_key_has_a_case():
    keys = {key for key in messages.CATALOGUE if key.startswith("links.")}
    assert keys == {case[0] for case in MESSAGE_CASES}


def test_unreachable_host_is_reported_not_raised():
    # Port 9 on 127.0.0.1: nothing listens there, so the connection is refused.
    result = links.check_url("http://127.0.0.1:9/x", timeout=TIMEOUT)
    assert result.broken and result.status is None
    assert "kontrollera adressen" in links.describe(result, TIMEOUT)


def test_requests_to_one_host_are_limited(server):
    urls = [f"{server}/busy/{n}" for n in range(12)]
    results = links.check_all(urls, timeout=5, workers=8, per_host=2)
    assert all(result.status == 200 for result in results.values())
    assert _Handler.most_active == 2


def test_links_are_found_in_text_and_fields(tmp_path):
    content = tmp_path / "content"
    (content / "contacts").mkdir(parents=True)
    (content / "contacts" / "a.yml").write_text(
        "name: A\nextra:\n  webb: https://a.example.se/sida.\n", encoding="utf-8"
    )
    (content / "news").mkdir()
    (content / "news" / "b.md").write_text(
        "---\ntitle: B\n---\nSe (https://b.example.se/x), <https://c.example.se/y>!\n"
        '<a href="https://d.example.se/?q=1&r=2">d</a>\n',
        encoding="utf-8",
    )
    found = [(o.rel_path, o.line, o.url) for o in links.collect(str(content))]
    assert found == [
        ("content/contacts/a.yml", 3, "https://a.example.se/sida"),
        ("content/news/b.md", 4, "https://b.example.se/x"),
        ("content/news/b.md", 4, "https://c.example.se/y"),
        ("content/news/b.md", 5, "https://d.example.se/?q=1&r=2"),
    ]


def test_command_exits_0_and_writes_the_report(site: Site, server, capsys, monkeypatch):
    site.write("news/2024/a.md", article(body=f"[Borta]({server}/gone)"))
    monkeypatch.chdir(site.root)
    report = site.root / "rapport.txt"
    status = links.main(["pelicanconf.py", "--report", str(report), "--timeout", "2"])
    expected = (
        f"content/news/2024/a.md:6: länk: {server}/gone svarar 404 (Not Found)\n"
        "1 externa länkar kontrollerade; 1 behöver ses över\n"
    )
    assert status == 0
    assert capsys.readouterr().out == expected
    assert report.read_text(encoding="utf-8") == expected
