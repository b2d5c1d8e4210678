"""External links: find every http(s) link in content/ and ask each site
whether it still answers, for the nightly report (`invoke check-links`):

    python -m eduweb.links [settings file] [--report FILE] [--timeout SECONDS]

One line per broken or moved link, in the form of every other message:
`content/<path>:<line>: länk: https://… svarar 404 (Not Found)`, then a
summary. A dead link elsewhere is not the writer's mistake today, so the
command always exits 0: broken links are reported, never a failed build.

Each address is asked once however often it is written, with HEAD (GET
when a server does not answer HEAD), a timeout, a bounded number of
requests at a time, and a few at a time per host, so no site is flooded.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .messages import text

# Up to whitespace, quotes, brackets and Markdown's closing parenthesis.
_URL = re.compile(r"https?://[^\s<>\"'`()\[\]{}]+")
_TRAILING = ".,;:!?*_"
CONTENT_EXTENSIONS = (".md", ".yml", ".yaml")
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
DEFAULT_PER_HOST = 2
MAX_REDIRECTS = 5
USER_AGENT = "eduweb-link-check/1.0"
PERMANENT = (301, 308)
# Servers that do not answer HEAD (or refuse it) are asked again with GET.
_TRY_GET = (400, 403, 404, 405, 406, 429, 500, 501, 503)


@dataclass(frozen=True)
class Occurrence:
    """One external link as written: file (content/…), line and address."""

    rel_path: str
    line: int
    url: str


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None = None  # the final answer's status; None: no answer
    reason: str = ""
    moved_to: str | None = None  # where a permanent redirect points
    timed_out: bool = False

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def needs_attention(self) -> bool:
        return self.broken or self.moved_to is not None


def urls_in(line: str) -> list[str]:
    found = []
    for match in _URL.finditer(line):
        url = match[0].rstrip(_TRAILING)
        if urlsplit(url).hostname:
            found.append(url)
    return found


def collect(content_path: str, skip_prefixes: Iterable[str] = ()) -> list[Occurrence]:
    """Every external link in the content files below `content_path`, in
    file and line order; links starting with a skipped prefix (the site's
    own address, which the build checks) are left out."""
    site_root = os.path.dirname(os.path.abspath(content_path))
    skip = tuple(prefix for prefix in skip_prefixes if prefix)
    found: list[Occurrence] = []
    for folder, folders, files in os.walk(content_path):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(CONTENT_EXTENSIONS):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site_root).replace(os.sep, "/")
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except OSError:
                continue  # the build reports unreadable files
            for number, line in enumerate(lines, start=1):
                for url in urls_in(line):
                    if not (skip and url.startswith(skip)):
                        found.append(Occurrence(rel, number, url))
    return found


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by check_url, so permanent ones can be reported."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str, str | None]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.reason, response.headers.get("Location")
    except urllib.error.HTTPError as err:
        with err:
            return err.code, str(err.reason), err.headers.get("Location")


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Ask one address, following up to MAX_REDIRECTS redirects."""
    moved_to = None
    current = url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            status, reason, location = _ask(current, "HEAD", timeout)
            if status in _TRY_GET:
                status, reason, location = _ask(current, "GET", timeout)
            if 300 <= status < 400 and location:
                current = urljoin(current, location)
                if hop == 0 and status in PERMANENT:
                    moved_to = current  # the address as written has moved
                continue
            return Result(url, status, reason, moved_to)
        return Result(url, None, text("links.too_many_redirects"))
    except TimeoutError:
        return Result(url, None, "", timed_out=True)
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            return Result(url, None, "", timed_out=True)
        return Result(url, None, str(getattr(err.reason, "strerror", None) or err.reason))
    except (OSError, ValueError) as err:  # a reset connection, a malformed address
        return Result(url, None, str(err) or type(err).__name__)


def check_all(
    urls: Iterable[str],
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    per_host: int = DEFAULT_PER_HOST,
) -> dict[str, Result]:
    """Check each distinct address once, `workers` at a time and at most
    `per_host` at a time on one host."""
    unique = sorted(set(urls))
    limits: dict[str, threading.BoundedSemaphore] = defaultdict(
        lambda: threading.BoundedSemaphore(per_host)
    )
    lock = threading.Lock()

    def one(url: str) -> Result:
        host = (urlsplit(url).hostname or "").lower()
        with lock:
            limit = limits[host]
        with limit:
            return check_url(url, timeout)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(unique, pool.map(one, unique), strict=True))


def describe(result: Result, timeout: float) -> str:
    if result.timed_out:
        return text("links.timeout", url=result.url, seconds=f"{timeout:g}")
    if result.status is None:
        return text("links.unreachable", url=result.url, reason=result.reason)
    if result.broken:
        return text("links.status", url=result.url, status=result.status, reason=result.reason)
    return text("links.moved", url=result.url, location=result.moved_to)


def report_lines(
    occurrences: list[Occurrence], results: dict[str, Result], timeout: float
) -> list[str]:
    """One line per written link that needs attention, then the summary."""
    field = text("links.field")
    lines = [
        f"{o.rel_path}:{o.line}: {field}: {describe(results[o.url], timeout)}"
        for o in occurrences
        if results[o.url].needs_attention
    ]
    attention = sum(result.needs_attention for result in results.values())
    lines.append(text("links.summary", total=len(results), attention=attention))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eduweb.links", description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--report", help="also write the report to this file")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--per-host", type=int, default=DEFAULT_PER_HOST)
    args = parser.parse_args(argv)
    content_path, public_url = _site_of(args.settings)
    occurrences = collect(content_path, skip_prefixes=[public_url])
    results = check_all(
        (o.url for o in occurrences), args.timeout, args.workers, max(1, args.per_host)
    )
    report = "\n".join(report_lines(occurrences, results, args.timeout)) + "\n"
    sys.stdout.write(report)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as handle:
            handle.write(report)
    return 0


def _site_of(settings_file: str) -> tuple[str, str]:
    """The content folder and public address the settings file names."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    return settings["PATH"], (settings.get("PUBLIC_URL") or "").rstrip("/")


if __name__ == "__main__":
    sys.exit(main())
