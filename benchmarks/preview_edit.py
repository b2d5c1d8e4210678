"""How long the preview (`invoke livereload`) takes to show an edit.

    python -m benchmarks.preview_edit SITE [--edits 5] [--port 0]

SITE is a site folder (content/ and pelicanconf.py, e.g. a copy of a
benchmark corpus); it is edited in place, so use a copy. Starts the preview
server with --watch, waits for its first (full) build, then edits the title
of one news article after another and measures, for each edit, from the
save to

- served: the preview's event stream announcing a build that changed the
  article's page (the preview puts the edited page in place before the
  rest of its build), and that page fetched over HTTP showing the new
  title;
- complete: the search index of that build in place (pagefind/ replaced).

Prints each edit and the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def events(port: int):
    """The preview's event stream, one decoded event at a time."""
    stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/__preview__/events", timeout=600)
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            yield json.loads(line[len("data: ") :])


def article_page(site: Path, source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    year = re.search(r"^date: (\d{4})", text, re.MULTILINE)[1]
    slug = re.search(r"^slug: (.*)$", text, re.MULTILINE)
    return f"nyheter/{year}/{slug[1].strip() if slug else source.stem}/"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    site = args.site.resolve()
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    server = subprocess.Popen(
        [sys.executable, "-m", "eduweb.preview", "--watch", "--port", str(port)],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        started = time.monotonic()
        for line in server.stdout:
            if "http://" in line:
                break
        print(f"first (full) build and start: {time.monotonic() - started:.1f} s", flush=True)
        stream = events(port)
        generation = next(stream)["generation"]
        # Written anew by every index (its other files may be hard links to
        # the same cached files as before: search_index.py).
        entry = site / "output" / "pagefind" / "shards.json"
        drafts = re.compile(r"^draft: true|^status: draft", re.MULTILINE)
        sources = [
            p
            for p in sorted((site / "content" / "news").rglob("*.md"))
            if not drafts.search(p.read_text(encoding="utf-8"))
        ]
        served, complete = [], []
        for number in range(args.edits):
            source = sources[(number * 997) % len(sources)]
            page = article_page(site, source)
            title = f"Mätning {number} {time.time_ns()}"
            text = source.read_text(encoding="utf-8")
            text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
            time.sleep(1.0)  # the index of the last edit is in place
            before = entry.stat().st_ino
            saved = time.monotonic()
            source.write_text(text, encoding="utf-8")
            for event in stream:
                # The first build that changed the page (the preview shows the
                # edited page first; the rest of that build comes after).
                files = event.get("files")
                if event["problems"] or (
                    event["generation"] > generation
                    and (files is None or page + "index.html" in files)
                ):
                    generation = event["generation"]
                    break
            body = urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}").read()
            served.append(time.monotonic() - saved)
            assert title.encode() in body, (page, event)
            while entry.stat().st_ino == before:
                time.sleep(0.02)
            complete.append(time.monotonic() - saved)
            print(f"edit {number}: {page} served {served[-1]:.2f} s, complete {complete[-1]:.2f} s")
        print(
            f"median of {len(served)}: served {statistics.median(served):.2f} s, "
            f"complete {statistics.median(complete):.2f} s"
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
