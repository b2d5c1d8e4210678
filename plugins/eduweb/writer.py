"""Pelican's writer, with feeds that use the site's public address, and
pages rendered after every generator has said what it writes.

Pelican's Writer renders each page the moment a generator asks for it. Here
write_file only records a WriteJob (the template and the page's own context,
which holds references, not copies), and write_data a DataJob (a function
that makes a file's bytes: calendars, vCards, JSON); `flush()` renders and
writes them all once every generator is done (build.after_build). That gives
one place where pages are rendered, so that they can be rendered by several
processes (parallel.py, BUILD_WORKERS) and an incremental rebuild can render
only some of them. Pelican's checks against writing one file twice run when
the job is recorded, as before.

The worker processes are forked in flush(), after every job is recorded, so
each inherits the jobs and everything they refer to; it is told only which
indices to do. Files are written by whichever process renders them; what is
logged and signalled afterwards (Pelican's 'Writing "…"' and content_written)
is done by the build's own process, in the order the jobs were recorded.
"""

from __future__ import annotations

import html
import logging
import mmap
import os
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Template
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from . import parallel
from .search_index import MARK

logger = logging.getLogger(__name__)
_TEXT_MARK = MARK.decode("ascii")
_MISSING = object()

# In the preview's builds, fewer files than this are written by the build's
# own process: starting a worker (a fork of the whole build) costs more
# than it saves.
MIN_PARALLEL_JOBS = 50


@dataclass
class WriteJob:
    """One page to render: `name` relative to the output folder, `path` absolute.

    The page's context is `shared`, a copy of the generator's context that
    every page recorded while that context stayed the same refers to, with
    the page's own names (`own`) over it. One copy per page, as Pelican
    makes, held for thousands of pages until they are rendered, came to
    some 45 MB at 5,000 articles, in the build process and in every worker
    forked from it (issue 12)."""

    name: str
    path: str
    template: Template
    shared: dict
    own: dict

    # Pelican logs and signals every page it writes.
    announced = True

    @property
    def localcontext(self) -> dict:
        """The context Pelican's writer renders the page with: the
        generator's context as it was when the page was asked for, with
        the page's own names set over it (in the same order)."""
        localcontext = self.shared.copy()
        localcontext.update(self.own)
        return localcontext

    def render(self) -> str:
        # Pelican memoizes each article's content (its links resolved) for
        # the whole build, and only the article's own page shows it: kept,
        # the pages a process rendered held some 15 MB more in each one
        # (issue 12). What this page added is let go of once it is made.
        memo = Content.get_content.cache
        known = len(memo)
        try:
            return self.template.render(self.localcontext)
        finally:
            while len(memo) > known:
                memo.popitem()


@dataclass
class DataJob:
    """One file that is not a page: `make()` gives its text or bytes."""

    name: str
    path: str
    make: Callable[[], str | bytes]
    announced = False

    def render(self) -> bytes:
        data = self.make()
        # Text as UTF-8 with its line ends as they are (iCalendar and vCard need CRLF).
        return data.encode("utf-8") if isinstance(data, str) else data


def write_job(job: WriteJob | DataJob, folders: set[str] | None = None) -> bool:
    """Render one file and write it (pages in UTF-8, as Pelican writes them).
    `folders`: those known to exist (each article has a folder of its own,
    and a makedirs of an existing one still costs system calls). True when
    the file carries the search index's mark (search_index.MARK)."""
    output = job.render()
    _make_folder(os.path.dirname(job.path), folders)
    if isinstance(output, bytes):
        with open(job.path, "wb") as handle:
            handle.write(output)
        return MARK in output
    with open(job.path, "w", encoding="utf-8") as handle:
        handle.write(output)
    return _TEXT_MARK in output


def create_in_order(jobs: list[WriteJob | DataJob], folders: set[str]) -> None:
    """Create the jobs' folders and (empty) files in the order one process
    would write them. Some file systems (tmpfs, btrfs) list a folder in the
    order its entries were made, and Pagefind numbers pages in the order it
    finds them: so the search index stays the same however the workers
    share out the pages."""
    for job in jobs:
        _make_folder(os.path.dirname(job.path), folders)
        os.close(os.open(job.path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o666))


def _make_folder(folder: str, made: set[str] | None) -> None:
    if made is None or folder not in made:
        os.makedirs(folder, exist_ok=True)
        if made is not None:
            made.add(folder)


class SiteWriter(Writer):
    """Links in the site are root-relative (SITEURL is empty), but a feed
    is read outside the site and needs absolute addresses. Pages are
    recorded by write_file and rendered by flush()."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        # build.after_build flushes the writer of the build.
        self.settings["_EDUWEB_WRITER"] = self
        # Output path -> job, in the order generators asked; an overriding
        # write replaces the job it overrides, as it replaced the file.
        self.jobs: dict[str, WriteJob | DataJob] = {}
        self._last_snapshot: dict | None = None
        # Absolute path -> carries the search mark, of each file flush() wrote.
        self.marked: dict[str, bool] = {}

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Pelican's write_file (pelican/writers.py, 4.12), with the page
        recorded instead of rendered. Relative URLs are not supported: the
        site's links are root-relative (settings.py sets RELATIVE_URLS off)."""
        if not name:
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (
                self.settings["PAGINATED_TEMPLATES"][template_name]
                or self.settings["DEFAULT_PAGINATION"]
            )
            paginators = {
                key: Paginator(name, url, val, self.settings, per_page)
                for key, val in paginated.items()
            }
            for page_num in range(next(iter(paginators.values())).num_pages):
                paginated_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    previous_page = paginator.page(page_num) if page_num > 0 else None
                    page = paginator.page(page_num + 1)
                    next_page = (
                        paginator.page(page_num + 2) if page_num + 1 < paginator.num_pages else None
                    )
                    paginated_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": previous_page,
                            f"{key}_next_page": next_page,
                        }
                    )
                self._record(template, context, page.save_as, paginated_kwargs, override_output)
        else:
            self._record(template, context, name, kwargs, override_output)

    def _record(self, template, context, name, kwargs, override) -> None:
        own = {"localsiteurl": context.get("localsiteurl", None), "output_file": name}
        own.update(kwargs)
        path = sanitised_join(self.output_path, name)
        # Pelican's _open_w, at the time the page is asked for.
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', path)
            return
        if path in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" as Pelican has already '
                    "written to it previously (set `override=True` if intended)"
                )
            logger.info('Overwriting "%s"', path)
            del self.jobs[path]
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        self.jobs[path] = WriteJob(name, path, template, self._snapshot(context), own)

    def _snapshot(self, context: dict) -> dict:
        """A shallow copy of `context`, shared with the pages recorded
        before while nothing in it changed: the same names bound to the
        same objects is what a copy of it would hold. (A value changed in
        place shows in any shallow copy, Pelican's included.)"""
        last = self._last_snapshot
        if last is not None and len(last) == len(context):
            missing = _MISSING
            get = context.get
            if all(get(key, missing) is value for key, value in last.items()):
                return last
        self._last_snapshot = context.copy()
        return self._last_snapshot

    def write_data(self, name: str, make: Callable[[], str | bytes]) -> None:
        """Record a file that is not a page (`name` relative to the output
        folder), made by `make` when the jobs are flushed. A later file of
        the same name replaces it, as writing the file again would have."""
        path = sanitised_join(self.output_path, name)
        self.jobs.pop(path, None)
        self.jobs[path] = DataJob(name, path, make)

    def flush(self) -> None:
        """Render and write every recorded file, in BUILD_WORKERS processes,
        then log each page and tell Pelican's content_written listeners, in
        the order the pages were asked for."""
        jobs = list(self.jobs.values())
        self.jobs = {}
        self._last_snapshot = None
        # The preview's incremental builds render only the pages whose
        # inputs changed (incremental.py); other builds render them all.
        select = self.settings.get("_EDUWEB_SELECT_JOBS")
        workers = parallel.worker_count(self.settings)
        if select is not None:
            jobs = select(jobs)
            if len(jobs) < MIN_PARALLEL_JOBS:  # an edit's few pages
                workers = 1
        folders: set[str] = set()  # made by this flush (a forked worker has a copy)
        if workers > 1:
            create_in_order(jobs, folders)
        # Which files carry the search index's mark, one byte each, in
        # memory the workers share: the index step need not read every
        # page again to find them (search_index.page_glob).
        marks = mmap.mmap(-1, max(1, len(jobs)))

        def task(index: int) -> None:
            marks[index] = write_job(jobs[index], folders)

        parallel.run(len(jobs), task, workers)
        self.marked = {job.path: bool(marks[index]) for index, job in enumerate(jobs)}
        marks.close()
        for job in jobs:
            if job.announced:
                logger.info('Writing "%s"', job.path)
                signals.content_written.send(job.path, context=job.localcontext)

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        context = dict(context, SITEURL=self.settings["PUBLIC_URL"])
        return super().write_feed(
            elements, context, path, url, feed_type, override_output, feed_title
        )

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        # Atom wants an author; the organisation stands for articles without a byline.
        feed.feed["author_name"] = self.settings.get("ORGANIZATION") or context["SITENAME"]
        feed.feed["language"] = "sv"
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        # Titles and summaries are plain text (pages autoescape them). Pelican
        # takes the title for HTML and strips "tags" from it, so "A < B & C > D"
        # lost words; Atom's <title> is text, so it goes as written.
        entry["title"] = str(item.title)
        # <summary type="html"> is HTML that the XML writer escapes once more:
        # escape the text here so a reader decodes it back to the same text.
        entry["description"] = html.escape(item.summary, quote=False) if item.summary else None
        if not entry.get("author_name"):
            entry["author_name"] = None  # no empty <author>: the feed's author applies
        else:
            entry["author_name"] = str(entry["author_name"])
