"""Site search (issue 11, point 2): the page /sok/ and the index Pagefind
builds over the finished site.

What is indexed is chosen in the templates: articles, programmes and pages
mark their main content with `data-pagefind-body` and carry the filters
(kind, tag) and the meta (title, date, summary) the search page shows
(components/search_data.html). Pagefind then skips every page without that
mark: lists, tag pages, the calendar, contacts, cookies, 404. The pages say
`<html lang="sv">`, so Pagefind stems Swedish: "utbildningen" finds
"utbildning".

The index is built by the `pagefind` binary from PyPI (`pagefind[bin]`,
requirements.txt) over the staging folder, after Pelican has written every
file and before staging.py swaps it in: a failure stops the build with one
line and the published site stays as it was.

Pagefind holds every page it indexes in memory (about 0.18 MB a page; 970 MB
for the 5,136 pages of 5,000 articles), so the index is built in shards
(issue 12): the marked pages are split by a hash of their path into
ceil(pages / SEARCH_SHARD_PAGES) shards, and Pagefind runs over each in
turn, given a folder of hard links to that shard's pages alone (under their
paths in the site, so their addresses are the same; it never reads the
lists, tag and calendar pages it would drop). Shard 0's bundle is
pagefind/, shard n's pagefind/n/ (without the script and WebAssembly, which
only the first one's are loaded), and pagefind/shards.json lists them:
search.mjs merges them with Pagefind's mergeIndex, the maintainer's way for
large sites (Pagefind #256, "multisite"). The hash makes the shards like
samples of the site, so the scores each computes over its own pages
compare, and puts an edited page's shard alone out of date.

Each finished bundle is kept in .cache/search/ beside the content folder
under a key made of its pages' paths and bytes, the Pagefind binary and
this module's code; a shard whose key is there is linked from the cache
without running Pagefind (a build with nothing changed runs none; the
preview's background run after a one-article edit runs one). An entry is
written under a temporary name and renamed when whole, one that cannot be
read is built again, and each build removes the entries it did not use.
The output's index files are hard links to the cache's (a copy across
disks): the build and the preview only ever replace a published file,
never write into it.

Pagefind's output is a function of its input except for one thing: it
writes the values of each filter, and the filters in its metadata file, in
the order of a Rust hash map, which changes from run to run (Pagefind issue
#638: "other files will still change, such as the filter/metadata
indexes"). `make_stable` rewrites those files sorted, under names from their
new content, so two builds of the same site are byte-identical
(tests/test_news.py holds the whole site to that). The files are gzip'ed
CBOR after a 12-byte signature; the Pagefind version is pinned, and a
format this code does not know stops the build with one line.

The search page runs Pagefind's WebAssembly, which a Content-Security-Policy
allows only with 'wasm-unsafe-eval' in script-src: /sok/ alone gets it, in
its <meta> policy and in the host header files (host_files.py). Pagefind is
told not to start its web worker (search.mjs), so its code runs only under
the search page's own policy.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cbor2
from pelican.generators import Generator

from . import messages, urls
from .collation import swedish_sort_key
from .errors import ContentError, ContentValidationError
from .generators import add_sitemap_entry

# Pagefind's ready-made interfaces and its worker; the search page has its
# own (theme/static/js/search.mjs), so these are not published.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
WASM_EVAL = "'wasm-unsafe-eval'"
# The kinds a result can be of: the value the index records (the templates
# pass it to components/search_data.html) -> the filter's label.
KINDS = {"Nyhet": "Nyheter", "Utbildning": "Utbildningar", "Sida": "Sidor"}
TIMEOUT_SECONDS = 300
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def search_page_csp(csp: str) -> str:
    """The site's policy with 'wasm-unsafe-eval' added to script-src: what
    Pagefind's WebAssembly needs, and nothing else."""
    directives = []
    for directive in csp.split("; "):
        if directive.split(" ", 1)[0] == "script-src" and WASM_EVAL not in directive.split():
            directive = f"{directive} {WASM_EVAL}"
        directives.append(directive)
    return "; ".join(directives)


def pagefind_executable() -> str | None:
    """The binary of the pagefind package (PAGEFIND_BINARY_PATH overrides)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return str(found) if found and os.path.isfile(found) else None


def _failure(site: str, message: str) -> ContentValidationError:
    return ContentValidationError(
        [ContentError(_shown(site), 0, messages.text("where.search"), message)]
    )


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith(os.pardir) else rel


def _reason(output: str) -> str:
    """Pagefind's last word on what went wrong, as one line."""
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    lines = [line for line in lines if line]
    return lines[-1] if lines else "?"


# What marks a page's main content for the index (article.html, page.html,
# programme.html). Pagefind reads and parses every HTML file it is given and,
# once one page has the mark, drops the pages without it.
MARK = b"data-pagefind-body"
# The Pagefind binary allocates with jemalloc, which by default keeps freed
# memory for 10 s before giving it back; the whole indexing takes a few
# seconds, so its peak held memory it no longer used. Giving it back at once
# lowers the peak by about a sixth (issue 12).
PAGEFIND_ENV = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
# Pages per shard, at most on average: Pagefind holds every page it indexes
# in memory, some 0.18 MB a page of the benchmark's articles plus 10 MB
# (600 pages: 119 MB, 800: 155 MB, 1,000: 192 MB), so a shard of 800 stays
# well under the 250 MB of issue 12 even when its share of pages or their
# length is above the average. SEARCH_SHARD_PAGES (site_settings.py)
# overrides it.
SHARD_PAGES = 800
# In the primary bundle: the folders of the other shards, for search.mjs.
SHARDS_FILE = "shards.json"
# Only the primary bundle's are loaded: Pagefind's mergeIndex reads a
# shard's entry, metadata, index and fragments, and runs them with the
# primary's WebAssembly.
PRIMARY_ONLY = ("pagefind.js", "wasm.")
CACHE_FOLDER = os.path.join(".cache", "search")
# Part of every cache key: this module (it writes what is cached: the files
# dropped, make_stable) and the shape of an entry.
CODE_KEY = hashlib.sha256(b"1\0" + Path(__file__).read_bytes()).digest()


@dataclass(frozen=True)
class Shard:
    number: int
    pages: tuple[str, ...]  # paths below the site, sorted
    key: str  # of its finished bundle in the cache


# path -> (its stat, its digest or None when unmarked), from the last scan:
# the preview's process reads again only the files a build replaced.
_SCANNED: dict[str, tuple[tuple[int, int, int, int], bytes | None]] = {}


def marked_pages(site: str, marked: dict[str, bool] | None = None) -> list[tuple[str, bytes]]:
    """(path below `site`, digest of its bytes) of every HTML file carrying
    the mark, sorted: the pages Pagefind indexes (and perhaps a page that
    only quotes the mark in its text, which Pagefind then indexes whole, as
    it would in the site). The index itself (pagefind/) is not looked in.
    `marked`: whether a file (by its path as os.walk of `site` gives it)
    carries the mark, as the writer that wrote it knows
    (writer.SiteWriter.marked); a file it names as unmarked is not read,
    any other file is."""
    global _SCANNED
    scanned = {}
    found = []
    bundle = urls.SEARCH_BUNDLE.rstrip("/")
    for root, dirs, names in os.walk(site):
        if root == site and bundle in dirs:
            dirs.remove(bundle)
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            stat = os.stat(path)
            seen = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            known = _SCANNED.get(path)
            if marked is not None and marked.get(path) is False:
                digest = None
            elif known is not None and known[0] == seen:
                digest = known[1]
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
                digest = hashlib.sha256(data).digest() if MARK in data else None
            scanned[path] = (seen, digest)
            if digest is not None:
                found.append((os.path.relpath(path, site).replace(os.sep, "/"), digest))
    _SCANNED = scanned
    found.sort()
    return found


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    return max(1, -(-pages // shard_pages))


def shard_of(rel: str, count: int) -> int:
    """A page's shard: by a hash of its path, so that every shard is a like
    sample of the site (Pagefind ranks the results of all shards together
    by scores each shard computes over its own pages) and an edit to one
    page changes one shard."""
    return int.from_bytes(hashlib.sha256(rel.encode()).digest()[:8], "big") % count


def plan_shards(pages: list[tuple[str, bytes]], identity: bytes, shard_pages: int) -> list[Shard]:
    """The non-empty shards of the marked pages, numbered from 0."""
    count = shard_count(len(pages), shard_pages)
    groups: list[list[tuple[str, bytes]]] = [[] for _ in range(count)]
    for rel, digest in pages:
        groups[shard_of(rel, count)].append((rel, digest))
    shards = []
    for group in groups:
        if group:
            key = hashlib.sha256(identity)
            for rel, digest in group:
                key.update(rel.encode() + b"\0" + digest)
            shards.append(Shard(len(shards), tuple(rel for rel, _ in group), key.hexdigest()))
    return shards


_IDENTITY: dict[tuple, bytes] = {}


def pagefind_identity(executable: str) -> bytes:
    """The Pagefind binary (its path, size and time) and this code: what,
    besides the pages, a bundle depends on."""
    stat = os.stat(executable)
    known = (os.path.realpath(executable), stat.st_size, stat.st_mtime_ns)
    if known not in _IDENTITY:
        _IDENTITY.clear()
        _IDENTITY[known] = hashlib.sha256(CODE_KEY + repr(known).encode()).digest()
    return _IDENTITY[known]


def build_index(
    site: str,
    shown_as: str | None = None,
    bundle: str | None = None,
    running: Callable[[subprocess.Popen], None] | None = None,
    cache: str | None = None,
    shard_pages: int = SHARD_PAGES,
    marked: dict[str, bool] | None = None,
) -> None:
    """Index the built site in `site` into `site`/pagefind/, or into the
    folder `bundle`: a bundle per shard of at most about `shard_pages`
    marked pages, each taken from the folder `cache` when it holds one for
    the same pages (None: no cache). Raises ContentValidationError (one
    line, located at `shown_as`, the output folder as the person building
    named it) when Pagefind is missing or fails. `running` is given each
    Pagefind process (the preview stops one that a newer build makes
    useless: incremental.py). `marked`: see marked_pages."""
    where = shown_as or site
    executable = pagefind_executable()
    if executable is None:
        raise _failure(where, messages.text("search.missing"))
    if bundle is None:
        bundle = os.path.join(site, urls.SEARCH_BUNDLE.rstrip("/"))
    try:
        pages = marked_pages(site, marked)
        os.makedirs(bundle, exist_ok=True)
        if not pages:
            # Pagefind's own rule then: every page whole, in one bundle.
            _run_pagefind(executable, site, bundle, where, running)
            _finish(bundle, where)
            _write_shards(bundle, [])
            return
        shards = plan_shards(pages, pagefind_identity(executable), shard_pages)
        work = tempfile.mkdtemp(prefix=".work-", dir=bundle)
        try:
            ready = [
                _shard_bundle(executable, site, shard, work, cache, where, running)
                for shard in shards
            ]
            _empty(bundle, keep=os.path.basename(work))
            _place(ready, bundle)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _write_shards(bundle, shards[1:])
        if cache is not None:
            _prune(cache, {shard.key for shard in shards})
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise  # reported as any write that fails (build.py, staging.write_failure)
        raise _failure(where, messages.text("search.failed", reason=err.strerror)) from None


def _write_shards(bundle: str, others: list[Shard]) -> None:
    """shards.json: the folders of the shards search.mjs merges into the first."""
    listed = {"shards": [f"{shard.number}/" for shard in others]}
    with open(os.path.join(bundle, SHARDS_FILE), "w", encoding="utf-8") as handle:
        handle.write(json.dumps(listed, separators=(",", ":")))


def _shard_bundle(
    executable: str,
    site: str,
    shard: Shard,
    work: str,
    cache: str | None,
    where: str,
    running: Callable[[subprocess.Popen], None] | None,
) -> str:
    """The finished bundle of one shard, in a folder below `work`: from the
    cache, or built by Pagefind over a folder holding the shard's pages
    alone (hard links, under their paths in the site, so their addresses
    are the same) and then stored in the cache."""
    out = os.path.join(work, f"bundle-{shard.number}")
    if cache is not None and _from_cache(cache, shard.key, out):
        return out
    pages = os.path.join(work, f"pages-{shard.number}")
    for rel in shard.pages:
        target = os.path.join(pages, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _link(os.path.join(site, rel), target)
    _run_pagefind(executable, pages, out, where, running)
    shutil.rmtree(pages)
    _finish(out, where)
    if cache is not None:
        _to_cache(cache, shard.key, out)
    return out


def _place(ready: list[str], bundle: str) -> None:
    """The first shard's bundle becomes `bundle`'s files, shard n its
    folder n/, without the files only the first one's are used."""
    for number, folder in enumerate(ready):
        if number == 0:
            for name in os.listdir(folder):
                os.rename(os.path.join(folder, name), os.path.join(bundle, name))
            continue
        for name in os.listdir(folder):
            if name.startswith(PRIMARY_ONLY):
                os.remove(os.path.join(folder, name))
        os.rename(folder, os.path.join(bundle, str(number)))


def _empty(folder: str, keep: str) -> None:
    """Remove what `folder` holds but `keep`: an index built before."""
    for name in os.listdir(folder):
        if name == keep:
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)


def _link(source: str, target: str) -> None:
    """A hard link, or a copy where links cannot be made (another disk)."""
    try:
        os.link(source, target)
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.copyfile(source, target)


def _link_tree(source: str, target: str) -> None:
    shutil.copytree(source, target, copy_function=_link)


def _from_cache(cache: str, key: str, out: str) -> bool:
    """Put the cached bundle `key` in `out`; False when there is none or it
    cannot be read (the shard is then built)."""
    entry = os.path.join(cache, key)
    if not os.path.isfile(os.path.join(entry, ENTRY)):
        return False
    try:
        _link_tree(entry, out)
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.rmtree(out, ignore_errors=True)
        return False
    return True


def _to_cache(cache: str, key: str, out: str) -> None:
    """Store a finished bundle under a temporary name, then rename it: an
    entry is whole or absent. A cache that cannot be written is no error."""
    temporary = None
    try:
        os.makedirs(cache, exist_ok=True)
        temporary = tempfile.mkdtemp(prefix=".tmp-", dir=cache)
        os.rmdir(temporary)
        _link_tree(out, temporary)
        os.rename(temporary, os.path.join(cache, key))
    except OSError:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def _prune(cache: str, used: set[str]) -> None:
    """Remove the entries this build did not use and writes cut short, so
    the folder holds one build's shards."""
    try:
        names = os.listdir(cache)
    except OSError:
        return
    for name in names:
        if name not in used:
            shutil.rmtree(os.path.join(cache, name), ignore_errors=True)


def cache_dir(settings: dict) -> str:
    """.cache/search/ beside the content folder, as the other caches."""
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), CACHE_FOLDER)


def _run_pagefind(
    executable: str,
    site: str,
    bundle: str,
    where: str,
    running: Callable[[subprocess.Popen], None] | None,
) -> None:
    command = [executable, "--site", site, "--output-path", bundle, "--silent"]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        env={**PAGEFIND_ENV, **os.environ},
    ) as proc:
        if running is not None:
            running(proc)
        try:
            stdout, stderr = proc.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            message = messages.text("search.timeout", seconds=TIMEOUT_SECONDS)
            raise _failure(where, message) from None
    if proc.returncode != 0:
        reason = _reason(stderr or stdout)
        raise _failure(where, messages.text("search.failed", reason=reason))
    if not os.path.isfile(os.path.join(bundle, "pagefind.js")):
        raise _failure(where, messages.text("search.failed", reason="pagefind.js missing"))


def _finish(bundle: str, where: str) -> None:
    """Check what Pagefind wrote, drop what is not published, sort it."""
    try:
        check_written(bundle)
        for name in UNUSED_FILES:
            path = os.path.join(bundle, name)
            if os.path.exists(path):
                os.remove(path)
        make_stable(bundle)
    except (ValueError, KeyError, IndexError, TypeError, EOFError, cbor2.CBORError) as err:
        reason = f"unexpected index files ({type(err).__name__}: {err})"
        raise _failure(where, messages.text("search.failed", reason=reason)) from None


# Less room than this left on the disk after Pagefind means it ran out.
FULL_DISK_BYTES = 64 * 1024
INDEX_SUFFIXES = (".pf_meta", ".pf_filter", ".pf_fragment", ".pf_index", ".pagefind")


def check_written(bundle: str) -> None:
    """Pagefind (1.5.2) exits with 0 when a write fails, e.g. on a full disk,
    leaving empty or cut files. Its index files are gzip'ed, with a checksum:
    each must read back whole. A cut file on a disk that is (nearly) full is
    reported as a full disk."""
    try:
        for root, _dirs, files in os.walk(bundle):
            for name in sorted(files):
                if name.endswith(INDEX_SUFFIXES):
                    with gzip.open(os.path.join(root, name)) as handle:
                        while handle.read(1 << 20):
                            pass
        with open(os.path.join(bundle, ENTRY), encoding="utf-8") as handle:
            json.load(handle)
    except (EOFError, OSError, ValueError):
        disk = os.statvfs(bundle)
        if disk.f_bavail * disk.f_frsize < FULL_DISK_BYTES:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from None
        raise


# What every Pagefind index file starts with once un-gzip'ed.
SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def _load(path: str) -> object:
    with open(path, "rb") as handle:
        data = gzip.decompress(handle.read())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{os.path.basename(path)} has no Pagefind signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def _store(folder: str, prefix: str, digits: int, file_name: str, value: object) -> str:
    """Write `value` as Pagefind does, named by its content (`file_name` has
    {} for the name); return the name."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, file_name.format(name)), "wb") as handle:
        handle.write(gzip.compress(data, mtime=0))
    return name


def _prefix(name: str) -> str:
    """'sv_34bdf63' -> 'sv': Pagefind names index files after their language."""
    return name.rsplit("_", 1)[0]


def make_stable(bundle: str) -> None:
    """Rewrite the filter indexes and the metadata files that list them in
    sorted order, each under a name from its new content, and point
    pagefind-entry.json to the new metadata files."""
    entry_path = os.path.join(bundle, ENTRY)
    with open(entry_path, encoding="utf-8") as handle:
        entry = json.load(handle)
    filter_folder = os.path.join(bundle, "filter")
    for info in entry["languages"].values():
        meta_path = os.path.join(bundle, f"pagefind.{info['hash']}.pf_meta")
        meta = _load(meta_path)
        filters = []
        for filter_name, chunk in meta[3]:
            chunk_path = os.path.join(filter_folder, f"{chunk}.pf_filter")
            name, values = _load(chunk_path)
            values = sorted([value, sorted(pages)] for value, pages in values)
            os.remove(chunk_path)
            stored = _store(filter_folder, _prefix(chunk), 7, "{}.pf_filter", [name, values])
            filters.append([filter_name, stored])
        meta[3] = sorted(filters)
        os.remove(meta_path)
        info["hash"] = _store(bundle, _prefix(info["hash"]), 10, "pagefind.{}.pf_meta", meta)
    with open(entry_path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def searchable_count(context: dict) -> int:
    """Articles, pages and programmes this build publishes: what is indexed."""
    return (
        len(context.get("articles", []))
        + len(context.get("pages", []))
        + len(context.get("programmes_by_slug", {}))
    )


class SearchGenerator(Generator):
    """Writes /sok/; the index itself is built at the end (build.after_build)."""

    def generate_context(self) -> None:
        add_sitemap_entry(self.context, urls.SEARCH_PAGE)
        # With nothing marked for it, Pagefind would index every page whole.
        self.settings["_EDUWEB_SEARCHABLE"] = searchable_count(self.context)

    def generate_output(self, writer) -> None:
        tags = {tag.name for tag, _articles in self.context.get("tags", [])}
        for programme in self.context.get("programmes_by_slug", {}).values():
            tags.update(programme.tags)
        writer.write_file(
            urls.save_as(urls.SEARCH_PAGE),
            self.get_template("search"),
            self.context,
            url=urls.SEARCH_PAGE,
            page_csp=search_page_csp(self.settings["_EDUWEB_CONSENT"].csp),
            search_kinds=list(KINDS.items()),
            search_tags=sorted(tags, key=swedish_sort_key),
        )


def index_site(pelican) -> None:
    """After every file is written: the index, over the staging folder."""
    if not pelican.settings.get("_EDUWEB_SEARCHABLE"):
        return
    shown = getattr(pelican, "_eduweb_final_output", None) or pelican.output_path
    writer = pelican.settings.get("_EDUWEB_WRITER")
    build_index(
        pelican.output_path,
        shown,
        marked=getattr(writer, "marked", None),
        **index_options(pelican.settings),
    )


def index_options(settings: dict) -> dict:
    """build_index's cache and shard size for a site's settings."""
    return {
        "cache": cache_dir(settings),
        "shard_pages": settings.get("SEARCH_SHARD_PAGES") or SHARD_PAGES,
    }
