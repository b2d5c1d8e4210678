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
line and the published site stays as it was. Its --glob names only the
pages with the mark (page_glob), so that it does not read and parse the
lists, tag and calendar pages it would drop: the same index, for less time
and memory (issue 12). Pagefind's output is a function
of its input except for one thing: it writes the values of each filter, and
the filters in its metadata file, in the order of a Rust hash map, which
changes from run to run (Pagefind issue #638: "other files will still
change, such as the filter/metadata indexes"). `make_stable` rewrites those
files sorted, under names from their new content, so two builds of the same
site are byte-identical (tests/test_news.py holds the whole site to that).
The files are gzip'ed CBOR after a 12-byte signature; the Pagefind version is
pinned, and a format this code does not know stops the build with one line.

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
import subprocess
from collections.abc import Callable

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
# Pagefind 1.5.2 refuses a glob of some thousands of names (5,136 failed,
# 2,000 did not); far fewer is the rule here, as a folder of pages is one
# pattern.
GLOB_MAX = 1000
# What a glob matches as written: addresses are made of slugs (a-z, 0-9, -).
_LITERAL = re.compile(r"[A-Za-z0-9_./*-]+")


def page_glob(site: str, marked: dict[str, bool] | None = None) -> str | None:
    """A glob (Pagefind's --glob) that matches exactly the HTML files of
    `site` carrying the mark: every page Pagefind indexes, and perhaps a
    page that only quotes the mark in its text. A folder whose subfolders
    all hold a marked page of one name becomes one pattern
    (`nyheter/2024/*/index.html`), other pages are named one by one. None
    when no page is marked (Pagefind then indexes every page whole) or when
    the glob would be too long or have a character that is not written as
    itself in a glob: then Pagefind reads the whole site, as it decides
    anyway what to index. `marked`: whether a file (by its path under
    `site` as os.walk gives it) carries the mark, where the build knows
    it (writer.SiteWriter.marked); other files are read."""
    # (folder, file name) -> {subfolder: marked}, for the files one level
    # below the folder's subfolders; files at the top are their own group.
    groups: dict[tuple[str | None, str], dict[str, bool]] = {}
    known = marked or {}
    for root, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".html"):
                path = os.path.join(root, name)
                marked = known.get(path)
                if marked is None:
                    with open(path, "rb") as handle:
                        marked = MARK in handle.read()
                parts = os.path.relpath(path, site).split(os.sep)
                if len(parts) == 1:
                    groups[(None, name)] = {name: marked}
                else:
                    folder = "".join(part + "/" for part in parts[:-2])
                    groups.setdefault((folder, name), {})[parts[-2]] = marked
    patterns = []
    for (folder, name), pages in groups.items():
        if folder is None:
            patterns.extend(sub for sub, marked in pages.items() if marked)
        elif len(pages) > 1 and all(pages.values()):
            patterns.append(f"{folder}*/{name}")
        else:
            patterns.extend(f"{folder}{sub}/{name}" for sub, marked in pages.items() if marked)
    if not patterns or len(patterns) > GLOB_MAX or not all(map(_LITERAL.fullmatch, patterns)):
        return None
    return "{" + ",".join(sorted(patterns)) + "}"


def build_index(
    site: str,
    shown_as: str | None = None,
    bundle: str | None = None,
    running: Callable[[subprocess.Popen], None] | None = None,
    marked: dict[str, bool] | None = None,
) -> None:
    """Run Pagefind over the built site in `site`; its index goes to
    `site`/pagefind/, or to the folder `bundle`. Raises
    ContentValidationError (one line, located at `shown_as`, the output
    folder as the person building named it) when Pagefind is missing or
    fails. `running` is given the Pagefind process (the preview stops one
    that a newer build makes useless: incremental.py). `marked`: see
    page_glob."""
    where = shown_as or site
    executable = pagefind_executable()
    if executable is None:
        raise _failure(where, messages.text("search.missing"))
    if bundle is None:
        bundle = os.path.join(site, urls.SEARCH_BUNDLE.rstrip("/"))
    command = [executable, "--site", site, "--output-path", bundle, "--silent"]
    try:
        glob = page_glob(site, marked)
        if glob:
            command += ["--glob", glob]
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
    except OSError as err:
        raise _failure(where, messages.text("search.failed", reason=err.strerror)) from None
    if proc.returncode != 0:
        reason = _reason(stderr or stdout)
        raise _failure(where, messages.text("search.failed", reason=reason))
    if not os.path.isfile(os.path.join(bundle, "pagefind.js")):
        raise _failure(where, messages.text("search.failed", reason="pagefind.js missing"))
    try:
        check_written(bundle)
        for name in UNUSED_FILES:
            path = os.path.join(bundle, name)
            if os.path.exists(path):
                os.remove(path)
        make_stable(bundle)
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise  # reported as any write that fails (build.py, staging.write_failure)
        raise _failure(where, messages.text("search.failed", reason=err.strerror)) from None
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
    build_index(pelican.output_path, shown, marked=getattr(writer, "marked", None))
