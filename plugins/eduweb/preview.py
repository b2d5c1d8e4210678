"""The preview server behind `invoke serve` and `invoke livereload`:
`python -m eduweb.preview [--watch] [--bind HOST] [--port N] [-s SETTINGS] [-o OUTPUT]`.

Plain mode (`invoke serve`) serves the output folder as it is, with one
difference from Pelican's --listen: an address that does not exist gets the
site's own 404.html with status 404, as on the real host.

With --watch (`invoke livereload`) it also builds the site, then rebuilds it
whenever something under content/, theme/ or plugins/, or the settings file,
is saved, and tells the open pages to reload. The rules behind that:

* The builds run in a child process that stays (`--build-server`,
  incremental.py): the first build, and any after a change to anything but
  a news article, is the one `invoke build` makes (the settings check, then
  Pelican with --fatal warnings, into a staging folder that is swapped in:
  staging.py); after a news article is edited, added or removed only the
  pages it affects are rendered and only changed files are replaced. After
  a save to one published article, once the site has validated, that
  article's page is put in place and the open pages told first; the other
  pages the edit affects follow with the rest of the build. The
  child is started again (and makes a full build) when it has ended and
  when anything under theme/ or plugins/, or the settings file, changed.
  A content error gives its one-line messages and leaves the last good
  site in the output folder, which goes on being served; the preview
  itself never stops.
* Pages served in this mode get one extra element, a module script from
  /__preview__/ on the same origin, so the site's Content-Security-Policy
  (script-src 'self', connect-src 'self', no inline script or style) allows
  it unchanged; the published pages are never touched. The script listens to
  /__preview__/events (Server-Sent Events): after a good build it reloads the
  page, unless the build says which files it changed and the page is not
  among them; after a failed one it lays the problem lines over the last good page
  in a role="alert" box, which the next good build takes away.

Saves made while a build runs lead to one more build after it. Not watched:
folders beside content/, theme/ and plugins/, and settings files that the
settings file imports. The preview's own texts are Swedish whatever
MESSAGES_LANGUAGE says (the build's lines follow it).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import html
import http.server
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import messages
from .contact_pages import register_media_types
from .incremental import FIRST_PAGE_MARK, RESULT_MARK

PREFIX = "/__preview__/"
EVENTS = PREFIX + "events"
CLIENT = Path(__file__).with_name("preview_client")
CLIENT_FILES = {"preview.js": "text/javascript", "preview.css": "text/css"}
WATCHED_FOLDERS = ("content", "theme", "plugins")
# An event stream sends a comment this often, so a dead connection is noticed.
KEEPALIVE_SECONDS = 15.0
# The overlay shows at most this many lines (a broken template can print many).
MAX_PROBLEM_LINES = 60
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


@dataclass
class BuildState:
    """What the open pages are told: the number of the last good build, and
    the problem lines of the last build if it failed."""

    generation: int = 0
    problems: list[str] = field(default_factory=list)
    # The files the last good build changed, relative to the output folder
    # (None: any may have): the pages that must reload.
    files: list[str] | None = None
    version: int = 0
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, ok: bool, problems: list[str], files: list[str] | None = None) -> None:
        with self.changed:
            if ok:
                self.generation += 1
                self.files = files
            self.problems = [] if ok else problems[:MAX_PROBLEM_LINES]
            self.version += 1
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def event(self) -> dict:
        """The state as the page script reads it (texts from the catalogue)."""
        with self.changed:
            return {
                "generation": self.generation,
                "files": self.files,
                "problems": list(self.problems),
                "heading": messages.text("preview.overlay_heading"),
                "note": messages.text("preview.overlay_note"),
                "hide": messages.text("preview.overlay_hide"),
            }

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the state is newer than `seen`, closed, or timeout; the
        current version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version


def inject(page: bytes, generation: int) -> bytes:
    """The page with the preview script added at the end of <head> (or first,
    for a page without one). The generation the page was built in goes with
    it, so a page that missed a rebuild reloads as soon as it connects."""
    tag = f'<script type="module" src="{PREFIX}preview.js?g={generation}"></script>'.encode()
    match = _HEAD_END.search(page)
    at = match.start() if match else 0
    return page[:at] + tag + page[at:]


def not_found_fallback() -> bytes:
    """A 404 page for an output folder without 404.html (nothing built yet)."""
    title = html.escape(messages.text("preview.not_found"))
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1></body></html>"
    ).encode()


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; /__preview__/ holds the preview's own files."""

    server: PreviewServer

    def __init__(self, request, client_address, server: PreviewServer):
        super().__init__(request, client_address, server, directory=str(server.output))

    def do_GET(self) -> None:
        self.respond(with_body=True)

    def do_HEAD(self) -> None:
        self.respond(with_body=False)

    def respond(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if self.server.watching and path == EVENTS:
            return self.stream_events()
        if self.server.watching and path.startswith(PREFIX):
            name = path[len(PREFIX) :]
            if name in CLIENT_FILES:
                body = (CLIENT / name).read_bytes()
                return self.send(200, f"{CLIENT_FILES[name]}; charset=utf-8", body, with_body)
        # Read before the file: a page from a newer build than it says only
        # reloads once more, never shows stale text as current.
        generation = self.server.state.generation
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        try:
            body = target.read_bytes()
            status = 200
        except OSError:  # missing, or a folder without index.html
            status, target = 404, self.server.output / "404.html"
            try:
                body = target.read_bytes()
            except OSError:
                body = not_found_fallback()
        ctype = self.guess_type(str(target))
        if ctype == "text/html" or status == 404:
            ctype = "text/html; charset=utf-8"
            if self.server.watching and self.reloads(path):
                body = inject(body, generation)
        self.send(status, ctype, body, with_body)
        return None

    def reloads(self, path: str) -> bool:
        """Whether the page at `path` gets the reload script (in --watch)."""
        return True

    def send(self, status: int, ctype: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def stream_events(self) -> None:
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not state.closed:
                version = state.wait(seen, KEEPALIVE_SECONDS)
                if version != seen:
                    seen = version
                    data = json.dumps(state.event(), ensure_ascii=False)
                    self.wfile.write(f"data: {data}\n\n".encode())
                else:
                    self.wfile.write(b": keepalive\n\n")
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            pass

    def end_headers(self) -> None:
        # A reload must fetch the new build, never a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    start_page = ""  # the address printed when the site is served

    def __init__(self, address: tuple[str, int], output: Path, watching: bool):
        register_media_types()  # .vcf as the hosts serve it, whatever mime.types says
        self.output = output
        self.watching = watching
        self.state = BuildState()
        super().__init__(address, PreviewHandler)


@dataclass
class Builder:
    """Runs the builds, one at a time, in a build process that stays
    (incremental.py): it rebuilds only what a change to a news article
    affects. It is started again, for a full build, when it has ended and
    when anything under theme/ or plugins/, or the settings file, has
    changed since it started."""

    root: Path
    settings: str
    output: Path
    current: subprocess.Popen | None = None
    stopped: bool = False
    server: subprocess.Popen | None = None
    server_code: tuple | None = None
    # The last build's result: full or incremental, pages rendered, seconds.
    last: dict = field(default_factory=dict)
    # Called when a build has put the edited article's page in place ahead
    # of the rest (incremental.Session.first_page), with what it says.
    on_first_page: Callable[[dict], None] | None = None

    def environment(self) -> dict[str, str]:
        plugins = str(self.root / "plugins")
        path = os.pathsep.join(p for p in (plugins, os.environ.get("PYTHONPATH")) if p)
        # Pelican's log lines are as wide as the terminal the preview runs in,
        # not the 80 columns a pipe gets.
        columns = os.environ.get("COLUMNS") or str(shutil.get_terminal_size((120, 24)).columns)
        return dict(os.environ, PYTHONPATH=path, COLUMNS=columns)

    def run(self, *args: str) -> tuple[int, str, str]:
        """Run `python *args` in the site folder; (exit status, stdout, stderr)."""
        with subprocess.Popen(
            [sys.executable, *args],
            cwd=self.root,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            self.current = proc
            stdout, stderr = proc.communicate()
            self.current = None
        return proc.returncode, stdout, stderr

    def code_state(self) -> tuple:
        """What the build process's memory is only valid for: the stat of
        the settings file and of every file under theme/ and plugins/."""
        found = []
        for path in [self.root / self.settings]:
            with contextlib.suppress(OSError):
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino))
        for name in ("theme", "plugins"):
            for parent, folders, files in os.walk(self.root / name):
                folders[:] = sorted(f for f in folders if f != "__pycache__" and f[:1] != ".")
                for file in sorted(files):
                    path = os.path.join(parent, file)
                    with contextlib.suppress(OSError):
                        stat = os.stat(path)
                        found.append((path, stat.st_mtime_ns, stat.st_size, stat.st_ino))
        return tuple(found)

    def build(self) -> tuple[bool, list[str]]:
        """Build once; (True, []) or (False, the lines that say what is wrong)."""
        code = self.code_state()
        if self.server is not None and code != self.server_code:
            self.close_server()
        result = self.request("build", code)
        if result is None and not self.stopped:  # it ended (a crash, a kill): once more
            self.close_server()
            result = self.request("build", code)
        if result is None:
            if self.stopped:
                return False, []
            return False, self.close_server() or [messages.text("preview.failed")]
        self.last = result
        return bool(result["ok"]), list(result["problems"])

    def wait_for_search(self) -> bool:
        """Wait until the search index of the last build is in place."""
        result = self.request("wait", self.server_code) if self.server else None
        return bool(result and result["ok"])

    def request(self, command: str, code: tuple | None) -> dict | None:
        """Send the build process a command; its result, or None when it ended."""
        if self.stopped:
            return None
        if self.server is None:
            self.server = subprocess.Popen(
                [sys.executable, "-m", "eduweb.preview", "--build-server"]
                + ["-s", self.settings, "-o", str(self.output)],
                cwd=self.root,
                env=self.environment(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=tempfile.TemporaryFile(),  # noqa: SIM115 (closed by close_server)
                text=True,
            )
            self.server_code = code
        server = self.server
        self.current = server
        try:
            server.stdin.write(command + "\n")
            server.stdin.flush()
            for line in server.stdout:
                if line.startswith(RESULT_MARK):
                    return json.loads(line[len(RESULT_MARK) :])
                if line.startswith(FIRST_PAGE_MARK) and self.on_first_page is not None:
                    self.on_first_page(json.loads(line[len(FIRST_PAGE_MARK) :]))
        except (OSError, ValueError):
            pass
        finally:
            self.current = None
        return None

    def close_server(self) -> list[str]:
        """End the build process; the lines it wrote to stderr."""
        server, self.server = self.server, None
        if server is None:
            return []
        with contextlib.suppress(OSError):
            server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        lines = []
        errors = server.stderr
        if errors is not None:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
            lines = [line.rstrip() for line in text.splitlines() if line.strip()]
            errors.close()
        return lines

    def stop(self) -> None:
        self.stopped = True
        for proc in (self.current, self.server):
            if proc is None:
                continue
            with contextlib.suppress(OSError):
                proc.terminate()
            # Reap it before the server exits: a child left to the system's
            # init can linger as a zombie in the process group of the server.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)


def build_and_report(builder: Builder, state: BuildState) -> None:
    ok, problems = builder.build()
    if builder.stopped:
        return
    if ok:
        say(messages.text("preview.rebuilt", time=time.strftime("%H:%M:%S")))
    else:
        sys.stderr.write("".join(f"{line}\n" for line in problems))
        say(messages.text("preview.failed"), stream=sys.stderr)
    state.publish(ok, problems, builder.last.get("changed") if ok else None)


def say(line: str, stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(line + "\n")
    stream.flush()


def watch_paths(root: Path, settings: str) -> list[tuple[list[Path], bool, object]]:
    """(paths, recursive, filter) for each watcher. The settings file is
    watched through its folder, non-recursively, because editors that save by
    writing a new file and renaming it would leave a watch on the file itself
    looking at the old one."""
    import watchfiles

    folders = [root / name for name in WATCHED_FOLDERS if (root / name).exists()]
    settings_path = (root / settings).resolve()

    def only_settings(change, path: str) -> bool:
        return Path(path).resolve() == settings_path

    return [
        (folders, True, watchfiles.DefaultFilter()),
        ([settings_path.parent], False, only_settings),
    ]


def watch(root: Path, settings: str, builder: Builder, state: BuildState, stop: threading.Event):
    """Start the watchers and the build loop (daemon threads), which makes a
    first build at once. The watchers start first, so a save made during the
    first build is not missed."""
    import watchfiles

    saved: queue.Queue = queue.Queue()

    def watcher(paths, recursive, watch_filter) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=watch_filter,
            recursive=recursive,
            stop_event=stop,
            raise_interrupt=False,
        ):
            saved.put(changes)

    def build_loop() -> None:
        while not stop.is_set():
            try:
                saved.get(timeout=0.5)
            except queue.Empty:
                continue
            # Saves made while the last build ran become one build.
            with contextlib.suppress(queue.Empty):
                while True:
                    saved.get_nowait()
            build_and_report(builder, state)

    # The page a writer edited is shown before the rest of its build is done
    # (incremental.Session.first_page): it reloads then; other open pages
    # reload when the build is done, if it changed them.
    builder.on_first_page = lambda info: state.publish(True, [], [info["page"]])
    saved.put(set())  # the first build, made by the same loop as the others
    threads = [
        threading.Thread(target=watcher, args=w, daemon=True) for w in watch_paths(root, settings)
    ]
    threads.append(threading.Thread(target=build_loop, daemon=True))
    for thread in threads:
        thread.start()
    return threads


def open_server(
    host: str, port: int, output: Path, watching: bool, server_class: type = PreviewServer
) -> PreviewServer:
    try:
        return server_class((host, port), output, watching)
    except OSError as error:
        reason = (
            messages.text("preview.port_busy")
            if error.errno == errno.EADDRINUSE
            else (error.strerror or str(error))
        )
        say(messages.text("preview.cannot_listen", host=host, port=port, reason=reason), sys.stderr)
        raise SystemExit(1) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def arguments(prog: str, description: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--watch", action="store_true", help="rebuild on save and reload pages")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("--build-server", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = arguments("python -m eduweb.preview", __doc__).parse_args(argv)
    if args.build_server:
        from .incremental import serve_builds

        return serve_builds(args.settings, args.output)
    return serve(args)


def serve(args: argparse.Namespace, server_class: type = PreviewServer) -> int:
    """Serve (and with --watch, build and rebuild) until Ctrl+C or SIGTERM;
    `server_class` may add to what is served (cms_local.py)."""
    root = Path.cwd()
    output = (root / args.output).absolute()

    server = open_server(args.bind, args.port, output, args.watch, server_class)
    stop = threading.Event()
    builder = Builder(root, args.settings, output)
    # Stopped by a signal (the tests, a service manager): end like Ctrl+C, so
    # a build running at that moment is stopped too.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.watch:
            watch(root, args.settings, builder, server.state, stop)
            server.state.wait(0, None)  # the address is shown once there is a site
        host, port = server.server_address[:2]
        say(messages.text("preview.serving", url=f"http://{host}:{port}/{server.start_page}"))
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builder.stop()
        server.state.close()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
