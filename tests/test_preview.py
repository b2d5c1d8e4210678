"""The preview server (eduweb.preview) in-process: what it serves, the 404
page, the event stream, the busy port, and a build that fails. The browser
side (reload, the problem box) is in tests/browser/test_preview_browser.py."""

from __future__ import annotations

import http.client
import importlib.util
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, Site, article
from eduweb import messages
from eduweb.preview import Builder, PreviewServer, inject, open_server
from invoke import MockContext, Result

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


# (key, how a writer triggers it, the Swedish line) for the table of messages.
MESSAGE_CASES = [
    (
        "preview.serving",
        "invoke serve / invoke livereload, once the site is served",
        "Webbplatsen visas på http://127.0.0.1:8000/ (avsluta med Ctrl+C)",
    ),
    (
        "preview.rebuilt",
        "invoke livereload, a save that builds",
        "12:00:00 Webbplatsen byggdes om; öppna sidor laddas om av sig själva",
    ),
    (
        "preview.failed",
        "invoke livereload, a save that does not build",
        "Sidan kunde inte byggas om: rätta raderna ovan och spara igen. "
        "Webbläsaren visar felen ovanpå den senaste versionen som gick att bygga.",
    ),
    (
        "preview.overlay_heading",
        "invoke livereload, a save that does not build (heading of the box on the page)",
        "Sidan kunde inte byggas om",
    ),
    (
        "preview.overlay_note",
        "invoke livereload, a save that does not build (text of the box on the page)",
        "Du ser den senaste versionen som gick att bygga. Rätta det som står nedan och "
        "spara, så laddas sidan om av sig själv.",
    ),
    ("preview.overlay_hide", "the button that hides the box", "Dölj"),
    (
        "preview.not_found",
        "a missing address before anything was built (no 404.html yet)",
        "Sidan finns inte",
    ),
    (
        "preview.cannot_listen",
        "invoke serve while another program uses port 8000",
        "webbplatsen kan inte visas på 127.0.0.1:8000: porten används redan av ett annat "
        "program (avsluta det, eller välj en annan port med --port, t.ex. --port 8001)",
    ),
]
SAMPLE_VALUES = {
    "url": "http://127.0.0.1:8000/",
    "time": "12:00:00",
    "host": "127.0.0.1",
    "port": 8000,
    "reason": messages.CATALOGUE["preview.port_busy"].sv,
}


@pytest.mark.parametrize(("key", "trigger", "expected"), MESSAGE_CASES)
def test_message_texts(key, trigger, expected):
    template = messages.CATALOGUE[key].sv
    values = {name: value for name, value in SAMPLE_VALUES.items() if f"{{{name}}}" in template}
    assert messages.text(key, **values) == expected


def test_every_preview_message_has_a_case():
    keys = {key for key in messages.CATALOGUE if key.startswith("preview.")}
    assert keys - {"preview.port_busy"} == {case[0] for case in MESSAGE_CASES}


def test_inject_puts_the_script_at_the_end_of_head():
    page = b'<html><head><meta charset="utf-8"></HEAD ><body>x</body></html>'
    assert inject(page, 3) == (
        b'<html><head><meta charset="utf-8">'
        b'<script type="module" src="/__preview__/preview.js?g=3"></script>'
        b"</HEAD ><body>x</body></html>"
    )
    assert inject(b"<p>x</p>", 0).startswith(b'<script type="module"')


@pytest.fixture
def output(tmp_path) -> Path:
    out = tmp_path / "output"
    (out / "nyheter").mkdir(parents=True)
    (out / "tom").mkdir()
    (out / "index.html").write_text("<html><head></head><body>Start</body></html>")
    (out / "nyheter" / "index.html").write_text("<html><head></head><body>Nyheter</body></html>")
    (out / "404.html").write_text(
        "<html><head><title>Sidan finns inte – Webbplatsen</title></head><body></body></html>"
    )
    (out / "kalender.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (out / "kontakt.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n")
    return out


@contextmanager
def serving(output: Path, watching: bool) -> Iterator[PreviewServer]:
    server = PreviewServer(("127.0.0.1", 0), output, watching)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.state.close()
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(server: PreviewServer, path: str, method: str = "GET") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=5)
    conn.request(method, path)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def test_plain_server_serves_pages_as_built(output):
    with serving(output, watching=False) as server:
        home = get(server, "/")
        assert home.status == 200
        assert home.body == (output / "index.html").read_bytes()
        assert home.getheader("Content-Type") == "text/html; charset=utf-8"
        assert home.getheader("Cache-Control") == "no-store"
        assert get(server, "/nyheter/").body.endswith(b"Nyheter</body></html>")
        moved = get(server, "/nyheter")
        assert (moved.status, moved.getheader("Location")) == (301, "/nyheter/")
        assert get(server, "/kalender.ics").getheader("Content-Type").startswith("text/calendar")
        assert get(server, "/kontakt.vcf").getheader("Content-Type") == "text/vcard; charset=utf-8"
        # The preview's own files exist only while watching.
        assert get(server, "/__preview__/preview.js").status == 404


@pytest.mark.parametrize("path", ["/finns-inte/", "/finns/inte.html", "/tom/", "/../../etc/passwd"])
def test_missing_address_gets_the_sites_404_page(output, path):
    with serving(output, watching=False) as server:
        response = get(server, path)
        assert response.status == 404
        assert response.body == (output / "404.html").read_bytes()
        head = get(server, path, method="HEAD")
        assert head.status == 404
        assert head.getheader("Content-Length") == str(len(response.body))


def test_missing_404_page_falls_back_to_a_swedish_one(output):
    (output / "404.html").unlink()
    with serving(output, watching=False) as server:
        response = get(server, "/finns-inte/")
        assert response.status == 404
        assert b"<h1>Sidan finns inte</h1>" in response.body


def test_watching_server_adds_the_preview_script_to_pages_only(output):
    with serving(output, watching=True) as server:
        server.state.publish(True, [])
        assert b'src="/__preview__/preview.js?g=1"></script></head>' in get(server, "/").body
        assert b"preview.js?g=1" in get(server, "/finns-inte/").body
        assert get(server, "/kalender.ics").body == (output / "kalender.ics").read_bytes()
        script = get(server, "/__preview__/preview.js")
        assert script.status == 200
        assert script.getheader("Content-Type") == "text/javascript; charset=utf-8"
        assert get(server, "/__preview__/preview.css").status == 200


def read_event(stream) -> dict:
    """The next `data:` event of a Server-Sent Events stream."""
    while True:
        line = stream.readline()
        assert line, "the event stream ended"
        if line.startswith(b"data: "):
            return json.loads(line[len(b"data: ") :])


def test_event_stream_tells_pages_about_each_build(output):
    with serving(output, watching=True) as server:
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=5)
        conn.request("GET", "/__preview__/events")
        stream = conn.getresponse()
        assert stream.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        assert read_event(stream)["generation"] == 0
        server.state.publish(False, ["content/news/a.md:3: date: fel"])
        event = read_event(stream)
        assert (event["generation"], event["problems"]) == (0, ["content/news/a.md:3: date: fel"])
        assert event["heading"] == "Sidan kunde inte byggas om"
        server.state.publish(True, [])
        assert read_event(stream) | {"heading": ""} == {
            "generation": 1,
            "files": None,
            "problems": [],
            "heading": "",
            "note": messages.text("preview.overlay_note"),
            "hide": "Dölj",
        }
        # A build that says which files it changed; a failed one after it
        # keeps the good build's list.
        server.state.publish(True, [], ["nyheter/index.html"])
        assert read_event(stream)["files"] == ["nyheter/index.html"]
        server.state.publish(False, ["x"])
        assert read_event(stream)["files"] == ["nyheter/index.html"]
        conn.close()


def test_busy_port_is_one_line_and_exit_1(output, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            open_server("127.0.0.1", port, output, watching=False)
    assert stopped.value.code == 1
    assert capsys.readouterr().err == (
        f"webbplatsen kan inte visas på 127.0.0.1:{port}: porten används redan av ett annat "
        "program (avsluta det, eller välj en annan port med --port, t.ex. --port 8001)\n"
    )


def test_failed_builds_give_their_lines_and_leave_the_last_good_site(tmp_path):
    site = Site(tmp_path / "site")
    site.write("news/forsta.md", article(body="Gammal text."))
    builder = Builder(site.root, "pelicanconf.py", site.output)
    assert builder.build() == (True, [])
    page = site.output / "nyheter" / "2024" / "forsta" / "index.html"
    built = page.read_bytes()

    site.write("news/forsta.md", article(date="2024-13-03", body="Ny text."))
    ok, lines = builder.build()
    assert not ok
    assert lines[0].startswith("content/news/forsta.md:3: date: '2024-13-03'")
    assert len(lines) == 2  # the problem and the summary, no traceback
    assert page.read_bytes() == built

    # A settings file that does not run: the settings check's one line.
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text() + "\nBROKEN = [\n", encoding="utf-8")
    ok, lines = builder.build()
    assert not ok
    assert lines[0].startswith("pelicanconf.py:") and len(lines) == 2
    assert page.read_bytes() == built


def test_serve_and_livereload_tasks_run_the_preview_server():
    spec = importlib.util.spec_from_file_location("project_tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    c = MockContext(run=Result(), repeat=True)
    tasks.livereload(c, port=8001)
    (livereload,) = [call.args[0] for call in c.run.call_args_list]
    assert " -m eduweb.preview --watch " in livereload
    assert "--port 8001" in livereload

    c = MockContext(run=Result(), repeat=True)
    tasks.serve(c)
    *building, serving = [call.args[0] for call in c.run.call_args_list]
    assert any(" -m pelican content " in command for command in building)
    assert " -m eduweb.preview " in serving and "--watch" not in serving
    assert "--port 8000" in serving
