"""Incremental rebuilds for the preview (`invoke livereload`).

The preview (preview.py) keeps one build process running:
`python -m eduweb.preview --build-server -s SETTINGS -o OUTPUT`. It reads one
command a line on stdin ("build" or "wait") and answers each with one line
that starts with RESULT_MARK and holds JSON (a build may write a
FIRST_PAGE_MARK line before it). The process keeps what the last
good build knew in memory (a `Session`), so that after a content-only change
only what the change affects is rendered and written. The preview restarts
the process (and so makes a full build) when it dies, and when anything
under theme/ or plugins/, or the settings file, changes: what is in memory
is only ever reused under the same code, templates and settings.

A build is *full* (as `invoke build` makes it: the settings check, every
page rendered into a staging folder, the search index, the swap of
staging.py) when it is the first one, when anything but a news article
(content/news/*.md) was added, changed or removed since the last good build,
or when the build time it pins is older than NOW_REFRESH_SECONDS.

Otherwise it is *incremental*:

* Content is validated as always (content_index.scan); a file whose bytes
  and build key are unchanged is taken from the content cache's memory
  layer (content_cache.py), not parsed again; Markdown is rendered once per
  body text (`_Memo.render`), and the queries of add-to-calendar links and
  the slugs of tags and authors once per value (`_Memo.query`,
  `_Memo.slug`): pure functions of their arguments, kept while a build
  uses them. An article's or page's relative source path is worked out
  once per object, not for each address made from it
  (`remember_relative_path`), and templates are compiled once per process
  (`Session.templates`).
  Pelican then builds its context as usual, with fresh Article and Page
  objects, so nothing of an old build's context leaks into the new one.
* After a save to one news article that the last good build published,
  once the whole site has validated, that article's own page is made
  first from the new file and the last build's context (its page shows
  the article and the site's settings, contacts and programmes, none of
  which a news edit changes), put in place and announced with a
  FIRST_PAGE_MARK line (`Session.first_page`), so the writer sees the
  edit before the lists are done. The build then goes on as below, with
  that validation (`Session._scan`); it makes the page again, with the
  same bytes, so it is not replaced twice.
* Every page is still recorded as a WriteJob (writer.py). A job's signature
  is a digest of its template, its output name and the value of every
  context name its template tree mentions (`template_names`, from Jinja's
  own analysis of the templates, their parents, includes and imports). Only
  jobs whose signature differs from the last good build are rendered
  (`select_jobs`). Values are digested deeply (`Digest`): a list page
  depends on the articles on it and the size of the list, an article page
  on the article, its tags and anything else it shows.
* Files that are not pages and that generators write themselves (the
  feed, sitemap, robots.txt, the theme's files, pictures) are written as in
  a full build, into the staging folder. Those recorded as data jobs
  (writer.DataJob: vCards, calendar files, kalender.json) are made in
  memory and written only when their bytes differ from the served file's;
  the calendar files, which depend only on programmes, contacts, the
  settings and the pinned time, are reused from the last full build
  (`_Memo.calendar_file`).
* Then, instead of swapping folders, each file of the staging folder whose
  bytes differ from the served one replaces it (os.replace, one file at a
  time, so no file is ever half written), and files the last good build
  wrote that this one does not are removed. Bad content stops the build
  before any of this, leaving the served site untouched.
* The Pagefind search index reads the whole site's marked pages, so it is
  rebuilt after the pages are served, in the background, into a folder
  beside the output folder that then replaces pagefind/. Its shards come
  from the search cache but the one holding an edited page (search_index.py).
  Until it is done, search shows the previous build's index. A new build
  stops a background run and starts it again after its own files are in
  place, so the final state is the one a full build makes.

After each build's result is sent, its garbage is collected and what is
left is frozen (`settle_heap`); an incremental build makes no full
collection of its own (`no_full_collections`), so that the collector goes
through neither the whole heap nor the build's context while a writer
waits.

The time a build runs at (dates.build_now, used for scheduled articles,
coming sessions and the calendar files) is pinned by a full build and
reused by the incremental ones after it (SOURCE_DATE_EPOCH, when set, pins
it for good), so that an incremental build equals a full build made at that
time, byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from types import BuiltinFunctionType, FunctionType, MethodType

RESULT_MARK = "\x1eeduweb-build "
# Written before RESULT_MARK's line when the edited article's own page is
# served ahead of the rest of the build (Session.first_page).
FIRST_PAGE_MARK = "\x1eeduweb-first-page "
# A build's result lists the files it changed, up to this many (the preview
# reloads the open pages among them; with more, every open page).
MAX_LISTED = 200
# A full build at least this often, so that scheduled articles and past
# sessions follow the clock (the time an incremental build runs at is the
# last full build's).
NOW_REFRESH_SECONDS = 3600
# Attributes never digested: settings are the same for the whole process,
# and _context is the whole site's context (digested by name where used).
_SKIP_ATTRIBUTES = frozenset({"settings", "_context", "context"})
# Values pickled as they are (an object with attributes otherwise counts as
# the digest of its attributes).
_PLAIN_VALUES = (dt.tzinfo, dt.date, dt.time, dt.timedelta)
# Types whose repr tells one value from another of the same type.
_ATOMIC = frozenset({type(None), bool, int, float, str, bytes, dt.date, dt.datetime, dt.time})
# Markers Pelican replaces in content by the current address of another file.
_LINK_MARKERS = ("{filename}", "|filename|", "{static}", "|static|", "{attach}", "|attach|")
_LINK_MARKERS += ("{tag}", "|tag|", "{index}", "|index|", "{category}", "{author}")


logger = logging.getLogger(__name__)


# -- Digests of the values a page is made from ---------------------------------


def _rebuilt(*_args: object) -> None:
    """Named in digests' pickles; they are only hashed, never loaded."""
    raise TypeError("a digest is not loaded")


class _DigestPickler(pickle.Pickler):
    """Pickles a value for its digest: built-in values in C; every other
    object as the digest of its own state (`Digest.state`), which is made
    once per build however many pages show the object."""

    def __init__(self, file: io.BytesIO, digest: Digest) -> None:
        super().__init__(file, protocol=5)
        self.digest = digest

    def reducer_override(self, obj: object):
        if obj is _rebuilt:
            return NotImplemented  # by its name
        if isinstance(obj, (FunctionType, BuiltinFunctionType, MethodType, partial, type)):
            # Code is the same for the whole process (the preview restarts it
            # when plugins change); what a function reads is not tracked.
            return _rebuilt, ("code", getattr(obj, "__qualname__", repr(obj)))
        if getattr(obj, "__dict__", None) is None or isinstance(obj, _PLAIN_VALUES):
            return NotImplemented
        return _rebuilt, ("object", self.digest.state(obj))


class Digest:
    """Digests of context values, for one build: a value or object is
    digested once (by identity, kept alive meanwhile), whatever number of
    pages use it."""

    def __init__(self, links: LinkedContent | None = None) -> None:
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.active: set[int] = set()
        self.links = links or LinkedContent()
        # Picklers not in use, with their buffers: one is made per level of
        # nesting, not per value (making one costs as much as a small dump).
        self.idle: list[tuple[_DigestPickler, io.BytesIO]] = []

    def __call__(self, value: object) -> bytes:
        if value is None or type(value) in (bool, int, float, str):
            return repr(value).encode("utf-8", "surrogatepass")
        known = self.memo.get(id(value))
        if known is not None:
            return known[1]
        result = self._pickled(value)
        self.memo[id(value)] = (value, result)
        return result

    def _pickled(self, value: object) -> bytes:
        if self.idle:
            pickler, buffer = self.idle.pop()
        else:
            buffer = io.BytesIO()
            pickler = _DigestPickler(buffer, self)
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            # Something that cannot be pickled: a new value every build,
            # so the pages that show it are always rendered. (The pickler
            # is dropped: it may have stopped half way.)
            return os.urandom(20)
        with buffer.getbuffer() as view:
            result = hashlib.blake2b(view, digest_size=20).digest()
        # As a new one: the same bytes for the same value.
        buffer.seek(0)
        buffer.truncate()
        pickler.clear_memo()
        self.idle.append((pickler, buffer))
        return result

    def state(self, obj: object) -> bytes:
        """An object's digest: its class and attributes, without the
        settings and the whole site's context it points to."""
        key = id(obj)
        known = self.memo.get(key)
        if known is not None:
            return known[1]
        kind = type(obj)
        name = f"{kind.__module__}.{kind.__qualname__}"
        if key in self.active:  # a cycle: the object is being digested above
            return name.encode()
        Content, Paginator, opaque = _digest_classes()  # noqa: N806 (classes)
        if isinstance(obj, opaque):
            return f"{name}:{getattr(obj, 'name', '')}".encode()
        state = {k: v for k, v in vars(obj).items() if k not in _SKIP_ATTRIBUTES}
        if isinstance(obj, Paginator):
            # A list page shows its own articles (the page's object_list) and
            # the number of pages, not the other pages' articles.
            del state["object_list"]
            state["count"] = obj.count
        if isinstance(obj, Content):
            raw = getattr(obj, "_content", None) or ""
            if any(marker in raw for marker in _LINK_MARKERS):
                # The page shows the current addresses of the files it links to.
                state["content (links replaced)"] = self.links.content(obj, raw)
        if all(type(value) in _ATOMIC for value in state.values()):
            # Only plain values (a tag, an author, a link): their repr says
            # all, without a pickler.
            text = repr((name, state)).encode("utf-8", "surrogatepass")
            result = hashlib.blake2b(text, digest_size=20).digest()
            self.memo[key] = (obj, result)
            return result
        self.active.add(key)
        try:
            result = self._pickled((name, state))
        finally:
            self.active.discard(key)
        self.memo[key] = (obj, result)
        return result


@functools.cache
def _digest_classes() -> tuple[type, type, tuple[type, ...]]:
    """Pelican's Content and Paginator, and the classes digested by name
    only (imported once, not per object)."""
    from jinja2 import Environment, Template
    from pelican.contents import Content
    from pelican.paginator import Paginator

    return Content, Paginator, (Template, Environment, Session, _Memo, _BackgroundSearch)


class _Recording(dict):
    """One of the context's dicts of files by source path, telling
    `LinkedContent` which paths a replacement looked up."""

    def __init__(self, source: dict, key: str, seen: list) -> None:
        super().__init__()
        self.source, self.key, self.seen = source, key, seen

    def get(self, path, default=None):
        found = self.source.get(path, default)
        self.seen.append((self.key, path, getattr(found, "url", None)))
        return found


class LinkedContent:
    """An article's content with {filename}-style links replaced by the
    addresses of the files they point to, as Pelican makes it, reused from
    build to build while the article's HTML and the address of every file
    its links looked up are the same (link replacement at 5,000 articles
    costs as much as the rest of an incremental build)."""

    def __init__(self) -> None:
        # Source path -> (raw HTML, [(context key, path, address)], content).
        self.known: dict[str, tuple[str, list, str]] = {}
        self.used: dict[str, tuple[str, list, str]] = {}

    def content(self, obj, raw: str) -> str:
        context = obj._context
        known = self.known.get(obj.source_path)
        if (
            known is not None
            and known[0] == raw
            and all(
                getattr(context[key].get(path), "url", None) == url for key, path, url in known[1]
            )
        ):
            self.used[obj.source_path] = known
            return known[2]
        seen: list = []
        recording = dict(context)
        for key in ("generated_content", "static_content"):
            recording[key] = _Recording(context.get(key, {}), key, seen)
        obj._context = recording
        try:
            content = obj.content
        finally:
            obj._context = context
        self.used[obj.source_path] = (raw, seen, content)
        return content

    def next_build(self) -> None:
        self.known, self.used = self.used, {}


def template_names(env, name: str, memo: dict) -> frozenset[str] | None:
    """The context names a template, its parents, includes and imports
    mention (None when one of them is chosen at run time: then every name
    counts)."""
    from jinja2 import meta

    if name in memo:
        return memo[name]
    memo[name] = frozenset()  # a template that includes itself
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    result: frozenset[str] | None = None
    for ref in meta.find_referenced_templates(tree):
        sub = None if ref is None else template_names(env, ref, memo)
        if sub is None:
            break
        names |= sub
    else:
        result = frozenset(names)
    memo[name] = result
    return result


_NAMES_BY_FILE: dict[str, frozenset[str] | None] = {}


def job_signature(job, digest: Digest, names_memo: dict) -> bytes:
    """What a page is made from: its template, its name and the values of
    the context names its templates mention."""
    template = job.template
    # By file: templates are the same for the whole process (the preview
    # restarts it when theme/ changes), though each build has its own
    # Jinja environments.
    key = template.filename or template.name
    if key not in _NAMES_BY_FILE:
        memo = names_memo.setdefault(id(template.environment), {})
        _NAMES_BY_FILE[key] = template_names(template.environment, template.name, memo)
    names = _NAMES_BY_FILE[key]
    context = job.localcontext
    keys = sorted(context) if names is None else sorted(names.intersection(context))
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{template.name}\0{job.name}\0".encode())
    for key in keys:
        hasher.update(key.encode() + b"=" + digest(context[key]) + b"\0")
    return hasher.digest()


# -- What is reused between builds ----------------------------------------------


class _Memo:
    """The wrappers that let a build reuse the work of the last one. They
    are installed in the build process only (`install`)."""

    def __init__(self) -> None:
        self.rendered: dict[tuple, str] = {}
        self.rendered_used: set[tuple] = set()
        self.calendar: dict[tuple, object] = {}
        self.reuse_calendar = False
        self.queries: dict[tuple, str] = {}
        self.queries_used: set[tuple] = set()
        self.slugs: dict[tuple, str] = {}
        self.slugs_used: set[tuple] = set()

    def install(self) -> None:
        from pelican import signals, urlwrappers

        from . import body_checks, programme_pages, reader, reader_calendar

        for module in (reader, programme_pages, body_checks):
            module.render = partial(self.render, module.render)
        programme_pages.calendar_ics = partial(self.calendar_file, programme_pages.calendar_ics)
        programme_pages.calendar_json = partial(self.calendar_file, programme_pages.calendar_json)
        reader_calendar._query = partial(self.query, reader_calendar._query)
        signals.content_object_init.connect(remember_relative_path)
        urlwrappers.slugify = partial(self.slug, urlwrappers.slugify)

    def render(self, render: Callable, md, text: str) -> str:
        """Markdown to HTML, once per text (the Markdown set-up is the
        same for the whole process: it depends on STATIC_PATHS only)."""
        key = (id(render), text)
        self.rendered_used.add(key)
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = render(md, text)
        return html

    def query(self, make: Callable, params: dict[str, str]) -> str:
        """The query of an add-to-calendar link, once per set of values
        (quoting a session's texts for thousands of links cost a tenth of
        an incremental build at 5,000 articles)."""
        key = tuple(params.items())
        self.queries_used.add(key)
        found = self.queries.get(key)
        if found is None:
            found = self.queries[key] = make(params)
        return found

    def slug(
        self, slugify: Callable, value: str, regex_subs=(), preserve_case=False, use_unicode=False
    ) -> str:
        """Pelican's slugify for tags and authors (urlwrappers.py), once per
        name: each article has Tag and Author objects of its own, each
        slugified anew (17,000 a build at 5,000 articles)."""
        key = (value, tuple(map(tuple, regex_subs)), preserve_case, use_unicode)
        self.slugs_used.add(key)
        found = self.slugs.get(key)
        if found is None:
            found = self.slugs[key] = slugify(
                value,
                regex_subs=regex_subs,
                preserve_case=preserve_case,
                use_unicode=use_unicode,
            )
        return found

    def calendar_file(self, make: Callable, *args, **kwargs):
        """calendar_ics / calendar_json: made in a full build, reused in an
        incremental one, where programmes, contacts, settings and the time
        are the same by definition."""
        key = (id(make), kwargs.get("name"), kwargs.get("source_url"), kwargs.get("description"))
        if self.reuse_calendar and key in self.calendar:
            return self.calendar[key]
        data = self.calendar[key] = make(*args, **kwargs)
        return data

    def after_build(self, full: bool) -> None:
        """Forget what the build did not use (files removed or changed)."""
        self.rendered = {k: v for k, v in self.rendered.items() if k in self.rendered_used}
        self.rendered_used = set()
        self.queries = {k: v for k, v in self.queries.items() if k in self.queries_used}
        self.queries_used = set()
        self.slugs = {k: v for k, v in self.slugs.items() if k in self.slugs_used}
        self.slugs_used = set()


class _RelativePath:
    """Content.get_relative_source_path for one article or page, with the
    answer for its own file known. Pelican works it out (two absolute
    paths, a relative one) each time an address is made from the settings,
    three times per article. Pickled by value (digests), as plain fields."""

    __slots__ = ("content_path", "relative", "source_path")

    def __init__(self, content_path: str, source_path: str | None, relative: str | None) -> None:
        self.content_path, self.source_path, self.relative = content_path, source_path, relative

    def __call__(self, source_path: str | None = None) -> str | None:
        if not source_path or source_path == self.source_path:
            return self.relative
        # Pelican's own (pelican/contents.py, 4.12), for another file.
        path = os.path.abspath(os.path.join(self.content_path, source_path))
        return os.path.relpath(path, os.path.abspath(self.content_path)).replace(os.sep, "/")


def remember_relative_path(content) -> None:
    """content_object_init (in the build process): an article's or page's
    relative source path, as Pelican has just worked it out, is its
    answer to get_relative_source_path from now on."""
    from pelican.contents import Article, Page

    if type(content) in (Article, Page) and content.source_path is not None:
        content.get_relative_source_path = _RelativePath(
            content.settings["PATH"], content.source_path, content.relative_source_path
        )


# -- The build process ---------------------------------------------------------


def content_snapshot(content_path: str) -> dict[str, tuple[int, int, int]]:
    """Every file below content/ with its stat: what a build was made from.
    Hidden files and folders (an editor's swap files) are left out, as the
    build leaves them out."""
    found: dict[str, tuple[int, int, int]] = {}
    pending = [content_path]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(entry.path)
                        else:
                            stat = entry.stat(follow_symlinks=False)
                            found[entry.path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
                    except OSError:
                        found[entry.path] = (0, 0, 0)
        except OSError:
            continue
    return found


def fast_path_allowed(changed: list[str], news_folder: str) -> bool:
    """Whether only news articles (Markdown files below content/news/) were
    added, changed or removed: `changed`, from changed_files."""
    prefix = news_folder.rstrip(os.sep) + os.sep
    return all(p.startswith(prefix) and p.lower().endswith(".md") for p in changed)


def output_files(folder: str, skip: str | None = None) -> set[str]:
    """Every file below `folder`, relative to it, with / between parts."""
    found: set[str] = set()
    for parent, folders, files in os.walk(folder):
        rel = os.path.relpath(parent, folder)
        if skip is not None and rel == ".":
            folders[:] = [f for f in folders if f != skip]
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in files)
    return found


def same_bytes(a: str, b: str) -> bool:
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as one, open(b, "rb") as other:
            return one.read() == other.read()
    except OSError:
        return False


def changed_files(before: dict | None, after: dict) -> list[str]:
    """The paths whose stat differs between two content snapshots."""
    if before is None:
        return sorted(after)
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def article_pages(jobs: list) -> dict[str, object]:
    """Each article's own page among a build's page jobs, by source path."""
    from pelican.contents import Article

    found = {}
    for job in jobs:
        article = job.own.get("article")
        if type(article) is Article and article.save_as == job.name:
            found[article.source_path] = job
    return found


def served_equals(path: str, data: bytes) -> bool:
    """Whether the file at `path` holds `data` (its size compared first)."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


class Session:
    """The build process's memory of the last good build."""

    def __init__(self, settings_file: str, output: str) -> None:
        self.settings_file = settings_file
        self.output = output
        self.memo = _Memo()
        self.memo.install()
        self.signatures: dict[str, bytes] = {}  # output name -> signature
        self.produced: set[str] | None = None  # files of the served site (without the index)
        self.snapshot: dict | None = None
        self.pinned: int | None = None
        self.pinned_at = 0.0
        self.fixed_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.full = True
        self.rendered: list[str] = []
        self.changed: list[str] | None = None  # by the last incremental build
        self.search = _BackgroundSearch()
        self.links = LinkedContent()
        self._pending: dict | None = None
        from .templating import SharedBytecode

        self.templates = SharedBytecode()
        # Of the last good build: its article generator (its context, readers
        # and settings) and the job of each article's page, by source path
        # (first_page); the validation of this build, when first_page made it.
        self.generator = None
        self.article_pages: dict[str, object] = {}
        self.validated: tuple | None = None
        # Called with a dict once the edited article's page is served.
        self.on_first_page: Callable[[dict], None] | None = None
        from pelican import signals

        from . import build

        signals.article_generator_finalized.connect(self._keep_generator)
        self.scan = build.scan
        build.scan = self._scan

    # The steps of one build, in order.

    def plan(self, changed: list[str], news_folder: str) -> bool:
        """True for a full build; `changed`: the content files changed since
        the last good build (changed_files)."""
        if self.produced is None or self.snapshot is None:
            return True
        if self.fixed_epoch is None and time.monotonic() - self.pinned_at > NOW_REFRESH_SECONDS:
            return True
        return not fast_path_allowed(changed, news_folder)

    def build(self) -> dict:
        """One build; the result the preview is sent."""
        from .content_index import KIND_FOLDERS

        started = time.monotonic()
        # The next claim of the output folder removes the index's folder.
        self.search.cancel()
        content_path = os.path.abspath("content")
        snapshot = content_snapshot(content_path)
        news = os.path.join(content_path, KIND_FOLDERS["news"])
        changed = changed_files(self.snapshot, snapshot)
        self.full = self.plan(changed, news)
        if self.full:
            # (A changed picture is noticed by the content cache: an entry
            # keeps the facts about other files it was checked against.)
            self.pinned = None
        if self.fixed_epoch is None:
            if self.pinned is None:
                self.pinned, self.pinned_at = int(time.time()), time.monotonic()
            os.environ["SOURCE_DATE_EPOCH"] = str(self.pinned)
        self.memo.reuse_calendar = not self.full
        self.rendered = []
        self.changed = None
        first = None
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            no_full_collections(not self.full),
        ):
            if not self.full:
                first = self.first_page(changed, started)
            try:
                code = self._run()
            finally:
                self.validated = None
        self._forget_caches()
        ok = code == 0
        if ok:
            self.snapshot = snapshot
            pending = self._pending or {}
            self.signatures = pending.get("signatures", self.signatures)
            self.produced = pending.get("produced", self.produced)
            self.generator = pending.get("generator")
            self.article_pages = pending.get("article_pages", {})
            self.links.next_build()
        else:
            self._pending = None
            self.links.used = {}
        self.memo.after_build(self.full)
        text = err.getvalue() or out.getvalue()
        return {
            "ok": ok,
            "problems": [] if ok else [line.rstrip() for line in text.splitlines() if line.strip()],
            "full": self.full,
            "rendered": len(self.rendered),
            "first_page": first,
            # The files an incremental build replaced or removed (None: a
            # full build, or too many to list).
            "changed": self.changed if ok and len(self.changed or ()) <= MAX_LISTED else None,
            "seconds": round(time.monotonic() - started, 3),
        }

    # The edited article's page first.

    def first_page(self, changed: list[str], started: float) -> float | None:
        """After a save to one news article that the last good build
        published: validate the site, and if it is right, make that
        article's page from the new file and the last build's context, put
        it in place and tell the preview (on_first_page), before the rest
        of the build. The writer sees the page they edited at once; the
        lists, tag pages, feed and search index follow with the build,
        which makes the page again (the same bytes) and leaves the site
        the same as a full build.

        Only when the page's address stays the same and it shows no picture
        the last build did not make. Anything else, or anything wrong (the
        build says what), and the page waits for the build. The seconds
        from the build's start to the page in place, or None."""
        if len(changed) != 1 or changed[0] not in self.article_pages or self.generator is None:
            return None
        try:
            page = self._first_page(changed[0])
        except Exception:  # the build that follows reports it, or succeeds
            logger.debug("first page not made", exc_info=True)
            return None
        if page is None:
            return None
        seconds = round(time.monotonic() - started, 3)
        if self.on_first_page is not None:
            self.on_first_page({"page": page, "seconds": seconds})
        return seconds

    def _first_page(self, source_path: str) -> str | None:
        from pelican import signals
        from pelican.contents import Article

        from . import pictures
        from .files import write_whole
        from .page_facts import facts_of
        from .writer import WriteJob

        generator = self.generator
        settings = generator.settings
        old_index = settings["_EDUWEB_INDEX"]
        index = self.scan(settings, render=True)
        now = settings["_EDUWEB_NOW"]
        self.validated = (index, now)  # the build's, problems and all
        if index.errors:
            return None
        doc, old = index.documents.get(source_path), old_index.documents.get(source_path)
        if doc is None or old is None or doc.kind != "news" or doc.is_draft:
            return None
        if doc.is_scheduled(now):
            return None
        static = settings.get("STATIC_PATHS", ["images"])
        shown = pictures.references([doc], static, "")
        if not shown.keys() <= pictures.references([old], static, "").keys():
            return None
        job = self.article_pages[source_path]
        before = job.own["article"]
        facts = dict(settings.get("_EDUWEB_FACTS") or {})
        facts[source_path] = facts_of(doc, None, settings)
        kept = {key: settings.get(key) for key in ("_EDUWEB_INDEX", "_EDUWEB_FACTS")}
        settings.update(_EDUWEB_INDEX=index, _EDUWEB_FACTS=facts)
        try:
            article = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(source_path, generator.path),
                content_class=Article,
                context=generator.context,
                context_signal=signals.article_generator_context,
                context_sender=generator,
            )
        finally:
            settings.update(kept)
        if (article.url, article.save_as) != (before.url, before.save_as):
            return None
        # As freeze_addresses leaves every article (generators.py).
        article.override_url, article.override_save_as = article.url, article.save_as
        # As Pelican records the page (generate_articles, pelican/generators.py 4.12).
        own = dict(job.own, article=article, category=getattr(article, "category", None))
        target = os.path.join(os.path.realpath(self.output), job.name)
        data = WriteJob(job.name, target, job.template, job.shared, own).render().encode("utf-8")
        self._forget_caches()
        if not served_equals(target, data):
            mode = os.stat(target).st_mode & 0o777  # as the page it replaces
            write_whole(target, data, prefix=".first-page-", mode=mode)
        return job.name

    def _scan(self, settings: dict, render: bool = False):
        """build.scan: the validation first_page made in this build, if
        any, made at the same moment; otherwise a new one."""
        validated, self.validated = self.validated, None
        if validated is not None and render and validated[1] == settings.get("_EDUWEB_NOW"):
            return validated[0]
        return self.scan(settings, render=render)

    def _keep_generator(self, generator) -> None:
        """article_generator_finalized: the build's article generator."""
        if self._pending is not None:
            self._pending["generator"] = generator

    def _run(self) -> int:
        from pelican import get_instance, parse_arguments
        from pelican.log import LimitFilter

        from .check import main as check_main

        # A warning already seen by an earlier build must stop this one too.
        LimitFilter._ignore.clear()
        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()
        self._pending = {}
        try:
            if self.full and check_main(["--settings-only", self.settings_file]) != 0:
                return 1
            args = parse_arguments(
                ["content", "-s", self.settings_file, "-o", self.output, "--fatal", "warnings"]
            )
            pelican, _settings = get_instance(args)
            environment = pelican.settings.get("JINJA_ENVIRONMENT")
            if isinstance(environment, dict) and "bytecode_cache" in environment:
                # Templates compiled once per process, not per build (Jinja
                # checks each against its source before using it).
                pelican.settings["JINJA_ENVIRONMENT"] = {
                    **environment,
                    "bytecode_cache": self.templates,
                }
            pelican.settings["_EDUWEB_SESSION"] = self
            pelican.settings["_EDUWEB_SELECT_JOBS"] = self.select_jobs
            pelican.run()
        except SystemExit as stop:
            return stop.code if isinstance(stop.code, int) else 1
        except Exception as error:  # as pelican's main reports it
            logging.getLogger("pelican").critical(
                "%s: %s", error.__class__.__name__, error, exc_info=True
            )
            return getattr(error, "exitcode", 1)
        return 0

    def _forget_caches(self) -> None:
        """Pelican memoizes content per object in class-wide caches; in one
        process they would keep every build's articles alive."""
        from pelican.contents import Content

        for name in ("get_content", "get_summary"):
            cache = getattr(getattr(Content, name, None), "cache", None)
            if isinstance(cache, dict):
                cache.clear()

    def select_jobs(self, jobs: list) -> list:
        """writer.SiteWriter.flush's hook: the pages to render."""
        digest, names_memo = Digest(self.links), {}
        # Files that are not pages (writer.DataJob: .ics, .vcf, kalender.json)
        # have no template to follow; they are cheap (the calendars are
        # reused, see _Memo.calendar_file), so they are always made, and
        # written only when their bytes differ from the served file's.
        pages = [job for job in jobs if hasattr(job, "template")]
        signatures = {job.name: job_signature(job, digest, names_memo) for job in pages}
        self._pending["signatures"] = signatures
        self._pending["jobs"] = {job.name for job in jobs}
        self._pending["article_pages"] = article_pages(pages)
        if self.full:
            chosen = jobs
        else:
            served = os.path.realpath(self.output)
            chosen = []
            for job in jobs:
                if job.name in signatures:
                    if self.signatures.get(job.name) != signatures[job.name]:
                        chosen.append(job)
                    continue
                # A file that is not a page: made here (the calendars are
                # reused), written only when the served file differs.
                data = job.render()
                if not served_equals(os.path.join(served, job.name), data):
                    chosen.append(replace(job, make=partial(bytes, data)))
        self.rendered = [job.name for job in chosen if job.name in signatures]  # pages
        return chosen

    def finish(self, pelican) -> bool:
        """build.after_build's hook, before the search index and the swap.
        True when this build's files are in place (an incremental build);
        False lets the full build go on as `invoke build` makes it."""
        from . import staging
        from .search_index import index_options

        scratch = pelican.output_path
        written = output_files(scratch)
        produced = written | self._pending.get("jobs", set())
        self._pending["produced"] = produced
        if self.full:
            self.search.cancel()
            return False
        given = pelican._eduweb_final_output
        final = os.path.realpath(given)
        self.search.cancel()  # it reads the files replaced now
        try:
            self._put_in_place(pelican, scratch, final, written, produced)
        except BaseException:
            # Some files may be new, some old (a full disk): the next build
            # is a full one, which puts the whole site right.
            self.produced = None
            raise
        staging.abandon(pelican)
        if pelican.settings.get("_EDUWEB_SEARCHABLE"):
            self.search.start(final, index_options(pelican.settings))
        return True

    def _put_in_place(self, pelican, scratch: str, final: str, written: set, produced: set) -> None:
        kept = set(pelican.settings.get("OUTPUT_RETENTION", []))
        changed = []
        for rel in sorted(written):
            source, target = os.path.join(scratch, rel), os.path.join(final, rel)
            if not same_bytes(source, target):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(source, target)
                changed.append(rel)
        for rel in sorted((self.produced or set()) - produced):
            if rel.split("/", 1)[0] in kept:
                continue
            target = os.path.join(final, rel)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            with contextlib.suppress(OSError):  # only folders left empty
                os.removedirs(os.path.dirname(target))
            changed.append(rel)
        self.changed = changed


class _BackgroundSearch:
    """Pagefind over the served site, in a thread, into a folder beside it
    that then takes pagefind/'s place."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.proc: subprocess.Popen | None = None
        self.cancelled = threading.Event()
        self.problem: str | None = None

    def start(self, final: str, options: dict) -> None:
        """`options`: build_index's cache and shard size (index_options)."""
        self.cancel()
        self.cancelled = threading.Event()
        args = (final, options, self.cancelled)
        self.thread = threading.Thread(target=self._run, args=args, daemon=True)
        self.thread.start()

    def _run(self, final: str, options: dict, cancelled: threading.Event) -> None:
        from . import staging, urls
        from .errors import ContentValidationError
        from .search_index import build_index

        parent, name = os.path.split(final)
        bundle = os.path.join(final, urls.SEARCH_BUNDLE.rstrip("/"))
        # A name staging.recover removes if this process is killed meanwhile.
        fresh = tempfile.mkdtemp(prefix=f".{name}.building-search-", dir=parent)
        try:
            os.chmod(fresh, os.stat(final).st_mode & 0o7777)

            def running(proc: subprocess.Popen) -> None:
                self.proc = proc
                if cancelled.is_set():
                    proc.terminate()

            build_index(final, None, bundle=fresh, running=running, **options)
            if cancelled.is_set():
                return
            if os.path.isdir(bundle):
                staging._exchange(fresh, bundle)
            else:
                os.rename(fresh, bundle)
            self.problem = None
        except (ContentValidationError, OSError) as err:
            if not cancelled.is_set():
                self.problem = str(getattr(err, "errors", [err])[0])
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    def end_run(self) -> None:
        """Stop a Pagefind run under way and wait for it, not for the thread."""
        self.cancelled.set()
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def cancel(self) -> None:
        self.end_run()
        self.wait()

    def wait(self) -> None:
        thread = self.thread
        if thread is not None:
            thread.join()
        self.thread = None
        self.proc = None


@contextlib.contextmanager
def no_full_collections(active: bool):
    """While an incremental build runs: no automatic full collection (the
    young generations are still collected). What the build leaves is
    collected by `settle_heap` once its result is sent; a full collection
    in between would go through the whole build's objects (about half a
    second at 5,000 articles) and free little, as the build's context is
    alive until it ends."""
    if not active:
        yield
        return
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1 << 30)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def settle_heap() -> None:
    """After a build's result is sent: collect its garbage, then move every
    object left (the modules, the Session's memory, the content cache's) to
    the collector's permanent generation. A build allocates enough to start
    several full collections, and each would go through the whole heap of
    a large site (over a second per edit at 5,000 articles); with the heap
    frozen they go through what the build made. It is taken out of the
    permanent generation first, so what an earlier build left and is now
    garbage is freed too."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def serve_builds(settings_file: str, output: str) -> int:
    """The build process: a build per "build" line on stdin, one result
    line each on stdout; "wait" answers when the background search index
    is done. Ends at the end of stdin."""
    from pelican import LOG_HANDLERS, parse_arguments
    from pelican.log import init as init_logging

    reply = sys.stdout
    args = parse_arguments(["content", "-s", settings_file, "-o", output, "--fatal", "warnings"])
    init_logging(  # as pelican's main sets it up
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler],
        logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
    )
    session = Session(settings_file, output)

    def stop(signum: int, frame: object) -> None:
        session.search.end_run()
        os._exit(0)

    # Stopped by the preview (or the tests' process-group SIGTERM): end at
    # once, after ending the background search index's run, so that no
    # Pagefind outlives this process as an orphan. Not by raising
    # SystemExit, which a build under way takes for the end of a failed
    # build (Session._run): the process then read commands on, from a
    # preview waiting for it to end. What a build under way leaves beside
    # the output folder is put right by the next (staging.recover).
    signal.signal(signal.SIGTERM, stop)
    try:
        return _serve(session, reply)
    finally:
        session.search.cancel()


def _serve(session: Session, reply) -> int:
    def first_page(info: dict) -> None:
        reply.write(FIRST_PAGE_MARK + json.dumps(info, ensure_ascii=False) + "\n")
        reply.flush()

    session.on_first_page = first_page
    for line in sys.stdin:
        command = line.strip()
        if command == "build":
            result = session.build()
        elif command == "wait":
            session.search.wait()
            result = {"ok": session.search.problem is None, "problems": []}
        else:
            continue
        reply.write(RESULT_MARK + json.dumps(result, ensure_ascii=False) + "\n")
        reply.flush()
        if command == "build":
            settle_heap()
    return 0
