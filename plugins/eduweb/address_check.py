"""Before a deploy: no address the published site has may disappear.

`python -m eduweb.address_check [--live URL] [--output DIR] [--settings FILE]
[--allow-unreachable]` (`invoke check-addresses`) reads the live site's
sitemap.xml and the newly built output folder, and names every published
address that the new build neither has nor redirects (an `aliases:` entry
of the page that replaced it writes the redirect, host_files.py). Exit
status 1 when an address would be dropped, or when the live sitemap cannot
be fetched (unless --allow-unreachable: the first deploy has no live site).

The news list's pages 2, 3, … are not checked: they come and go as news are
added and removed, and redirecting them would mean nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import messages, urls

# The sitemap protocol's limit for one file; more is not a sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
TIMEOUT_SECONDS = 20.0
DEFAULT_SETTINGS = "publishconf.py"


class FetchError(Exception):
    """The live sitemap could not be fetched; the text says why."""


class SitemapError(Exception):
    """The live sitemap is not one; the text says why."""


def sitemap_url(live: str) -> str:
    """The site's address, or its sitemap's -> the sitemap's address."""
    live = live.strip()
    if urlsplit(live).path.endswith(".xml"):
        return live
    return f"{live.rstrip('/')}/{urls.SITEMAP}"


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "eduweb check-addresses"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_SITEMAP_BYTES + 1)
    except urllib.error.HTTPError as err:
        raise FetchError(f"HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise FetchError(str(err.reason)) from None
    except (OSError, ValueError) as err:  # timeouts, resets, a malformed address
        raise FetchError(str(err) or type(err).__name__) from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise FetchError(f"över {MAX_SITEMAP_BYTES // 1024 // 1024} MB")
    return data


def sitemap_addresses(xml: bytes) -> list[str]:
    """The paths of a sitemap's <loc> addresses, decoded: ['/', '/nyheter/']."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as err:
        raise SitemapError(f"XML-fel: {err}") from None
    if root.tag != f"{{{SITEMAP_NAMESPACE}}}urlset":
        raise SitemapError(f"ingen <urlset>, utan <{root.tag.rsplit('}', 1)[-1]}>")
    addresses = set()
    for loc in root.iter(f"{{{SITEMAP_NAMESPACE}}}loc"):
        if loc.text and loc.text.strip():
            addresses.add(unquote(urlsplit(loc.text.strip()).path) or "/")
    return sorted(addresses)


def built_addresses(output: Path) -> set[str]:
    """Every address the built site answers: its files (a folder's
    index.html answers the folder) and the old addresses in _redirects."""
    found: set[str] = set()
    for root, _dirs, files in os.walk(output):
        folder = Path(root).relative_to(output).as_posix()
        prefix = "/" if folder == "." else f"/{folder}/"
        for name in files:
            found.add(prefix if name == "index.html" else prefix + name)
    redirects = output / urls.HOST_REDIRECTS
    if redirects.is_file():
        for line in redirects.read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                found.add(unquote(fields[0]))
    return found


def dropped_addresses(live: Iterable[str], built: set[str]) -> list[str]:
    """The live addresses the build would drop, in the sitemap's order."""
    dropped = []
    for address in live:
        if urls.is_news_list_page(address.removeprefix("/")):
            continue
        # /a and /a/ are one page: hosts send /a on to the folder /a/.
        if address in built or (address.rstrip("/") + "/") in built:
            continue
        dropped.append(address)
    return dropped


def public_url(settings_file: str) -> str:
    from pelican.settings import read_settings

    return read_settings(settings_file)["PUBLIC_URL"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check-addresses", description=__doc__.split("\n")[0])
    parser.add_argument("--live", help="the published site's address (default: PUBLIC_URL)")
    parser.add_argument("--output", default="output", help="the new build (default: output)")
    parser.add_argument("--settings", default=DEFAULT_SETTINGS, help="for PUBLIC_URL")
    parser.add_argument("--allow-unreachable", action="store_true")
    args = parser.parse_args(argv)
    output = Path(args.output)
    if not output.is_dir() or not any(output.iterdir()):
        print(messages.text("addresses.no_output", output=output), file=sys.stderr)
        return 1
    if not args.live and not os.path.isfile(args.settings):
        print(messages.text("addresses.no_settings", settings=args.settings), file=sys.stderr)
        return 1
    sitemap = sitemap_url(args.live or public_url(args.settings))
    try:
        live = sitemap_addresses(fetch(sitemap))
    except FetchError as err:
        if args.allow_unreachable:
            print(messages.text("addresses.unreachable_allowed", sitemap=sitemap, reason=err))
            return 0
        print(messages.text("addresses.unreachable", sitemap=sitemap, reason=err), file=sys.stderr)
        return 1
    except SitemapError as err:
        print(messages.text("addresses.bad_sitemap", sitemap=sitemap, reason=err), file=sys.stderr)
        return 1
    dropped = dropped_addresses(live, built_addresses(output))
    for address in dropped:
        print(messages.text("addresses.dropped", address=address), file=sys.stderr)
    if dropped:
        print(messages.text("addresses.summary", count=len(dropped)), file=sys.stderr)
        return 1
    print(messages.text("addresses.ok", count=len(live), sitemap=sitemap))
    return 0


if __name__ == "__main__":
    sys.exit(main())
