"""Who is responsible for a page and when it was last updated, shown on
every article, programme and page ("Sidansvarig", "Senast uppdaterad"), as
webbriktlinjer.se recommends for public-sector sites (issue 11).

The date is the first of:
1. `modified:` in the file (news);
2. the date of the file's last commit (for news, not before its `date`);
3. the news article's `date`;
4. the file's modification time.
Every date is clamped to the build moment, so a build at SOURCE_DATE_EPOCH
shows no date after it (as reproducible builds clamp file times).

The commit dates come from ONE `git log` over the content folder per build,
not a process per file. Without git, outside a repository, or if git fails,
the list is empty and the next source applies: no traceback, no warning.
A shallow clone would give every file the date of its newest commit, so the
CI build checks out the whole history (.github/workflows/site.yml).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .content_index import Document, SiteIndex

KINDS = ("news", "page", "programme")
GIT_TIMEOUT = 60  # seconds; a hung git must not hang the build


@dataclass(frozen=True)
class PageFacts:
    owner: str  # "Sidansvarig"
    updated: dt.date  # "Senast uppdaterad", in the site's time zone


def commit_dates(folder: str, paths: tuple[str, ...] = (".",)) -> dict[str, dt.datetime]:
    """The date of the last commit of every file below `folder` (or of
    `paths`, files or folders below it), by normalised absolute path; {}
    where git cannot tell."""
    command = [
        "git",
        "-C",
        folder,
        # -z: names as they are (å, spaces), not quoted; --relative: below `folder`.
        "log",
        "-z",
        "--format=%x1e%cI",
        "--name-only",
        "--no-renames",
        "--relative",
        "--",
        *paths,
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    return parse_log(done.stdout, folder)


def parse_log(output: bytes, folder: str) -> dict[str, dt.datetime]:
    """`git log -z --format=%x1e%cI --name-only` -> path: newest commit date.
    The log runs newest first, so a path's first record is its last commit."""
    dates: dict[str, dt.datetime] = {}
    for record in output.split(b"\x1e")[1:]:
        head, *names = record.split(b"\0")
        try:
            when = dt.datetime.fromisoformat(head.decode("ascii").strip())
        except (UnicodeDecodeError, ValueError):
            continue
        for name in names:
            name = name.lstrip(b"\n")
            if name:
                path = os.path.normpath(os.path.join(folder, os.fsdecode(name)))
                dates.setdefault(path, when)
    return dates


def _moment(value: dt.datetime | dt.date, tz: ZoneInfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return dt.datetime.combine(value, dt.time(), tz)


def last_updated(
    doc: Document, commits: dict[str, dt.datetime], now: dt.datetime, tz: ZoneInfo
) -> dt.date:
    """The date a reader is told the page was last updated (see above)."""
    meta = doc.meta
    published = getattr(meta, "date", None)
    committed = commits.get(os.path.normpath(doc.source_path))
    if getattr(meta, "modified", None):
        moment = _moment(meta.modified, tz)
    elif committed:
        moment = max(committed, _moment(published, tz)) if published else committed
    elif published:
        moment = _moment(published, tz)
    else:
        try:
            moment = dt.datetime.fromtimestamp(os.stat(doc.source_path).st_mtime, dt.UTC)
        except OSError:
            moment = now
    return min(moment, now).astimezone(tz).date()


def page_facts(index: SiteIndex, settings: dict) -> dict[str, PageFacts]:
    """Owner and last update of every article, programme and page, by the
    file's absolute path."""
    commits = commit_dates(settings["PATH"])
    return {
        doc.source_path: facts_of(doc, commits, settings)
        for doc in index.documents.values()
        if doc.kind in KINDS
    }


def facts_of(doc: Document, commits: dict[str, dt.datetime] | None, settings: dict) -> PageFacts:
    """One page's facts; `commits` None: its file's own last commit, asked of git."""
    if commits is None:
        folder = os.path.abspath(settings["PATH"])
        commits = commit_dates(folder, (os.path.relpath(doc.source_path, folder),))
    default_owner = (
        settings.get("CONTENT_OWNER") or settings.get("ORGANIZATION") or settings["SITENAME"]
    )
    return PageFacts(
        getattr(doc.meta, "owner", None) or default_owner,
        last_updated(doc, commits, settings["_EDUWEB_NOW"], settings["_eduweb_tz"]),
    )
