"""Checks of the Markdown text (the body) of news, pages and programmes.

Two steps, both in the validation pass before anything is written:

- `line_problems` reads one body and yields what is wrong in it alone (a
  `#` heading, an empty fact box, inline script or style, a picture that is
  not in content/images/), and collects its links with their lines;
- `link_problems` resolves every site link of every file against the set of
  addresses the site will have (`SiteAddresses`, built once per scan), and
  anchors (`#…`) against the ids of the target page: its headings' ids as
  Markdown's toc extension makes them, plus the ids its template gives.

External links (http, https) are not checked here: the nightly
`invoke check-links` reports them (links.py).
"""

from __future__ import annotations

import difflib
import functools
import math
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from . import pictures, urls
from .markdown_render import content_relative, make_markdown, render
from .messages import quote, text
from .programmes import round_anchors, round_start
from .reader_calendar import month_addresses
from .slugs import slugify


@dataclass(frozen=True)
class Link:
    line: int
    target: str
    is_picture: bool


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# As Python-Markdown reads them: `#` first on a line, with or without a
# space (#Bakgrund is a heading), or a line of `=` under text. Possessive
# quantifiers (*+, ++): a long line of spaces or = is read once.
_ATX_H1 = re.compile(r"^#(?!#)[ \t]*+(.*+)$")
_SETEXT_H1 = re.compile(r"^=++ *+$")
# Python-Markdown's admonition: `!!! type "title"` at the start of a line.
_ADMONITION = re.compile(r'^!!! ?([\w-]++(?: ++[\w-]++)*+)(?: ++"(.*?)")? *+$')
_INDENTED = re.compile(r"^(?: {4}|\t)")
_SCRIPT_OR_STYLE = re.compile(r"<\s*(script|style)\b([^<>]*)>?", re.IGNORECASE)
_SCRIPT_SOURCE = re.compile(r"\s(?:data-)?src\s*=", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
_STYLE_ATTRIBUTE = re.compile(r"(?:^|[\s{:])style\s*=", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"(?:^|[\s{:])(on[a-z]+)\s*=", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)")
# A link reference definition, `[label]: address`; `[^1]: text` is a footnote.
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)")
_HTML_LINK = re.compile(
    r"<(a|img)\b[^<>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_ID = re.compile(r"\sid=\"([^\"]+)\"")


def line_problems(
    body: str, first_line: int, context: dict, links: list[Link]
) -> Iterator[tuple[int, str]]:
    """(line, message) for each problem of this body alone; its links are
    appended to `links`. context["static_files"]: paths under content/ of
    every file in the static folders (images/x.jpg)."""
    static_files = context.get("static_files", frozenset())
    lines = body.split("\n")
    fence = None
    previous = ""
    for number, raw in enumerate(lines):
        line = first_line + number
        opening = _FENCE.match(raw)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            previous = ""
            continue
        if opening:
            fence = opening[1]
            previous = ""
            continue
        code_free = _CODE_SPAN.sub("", raw) if "`" in raw else raw
        if raw.startswith(("#", "=")):
            yield from _heading_problems(line, code_free, previous)
        yield from _facts_problems(line, raw, lines, number + 1)
        if "<" in code_free or "{" in code_free:
            yield from _inline_code_problems(line, code_free)
        for link in _links_of(line, code_free):
            links.append(link)
            problem = _picture_problem(link, static_files, context)
            if problem:
                yield line, problem
        previous = raw


def _heading_problems(line: int, code_free: str, previous: str) -> Iterator[tuple[int, str]]:
    atx = _ATX_H1.match(code_free)
    if atx:
        heading = (atx[1] or "").rstrip().rstrip("#").strip()
        yield line, text("body.h1", heading=quote("# " + heading), text=heading or "Rubrik")
    elif _SETEXT_H1.match(code_free) and previous.strip() and not previous.startswith("    "):
        yield line, text("body.h1_underline", heading=quote(previous.strip()))


def _facts_problems(line: int, raw: str, lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    if not raw.startswith("!!!"):
        return
    box = _ADMONITION.match(raw)
    if not box:
        return
    following = ""
    for index in range(start, len(lines)):  # no copy of the rest: boxes may be many
        if lines[index].strip():
            following = lines[index]
            break
    if not _INDENTED.match(following):
        title = box[2] if box[2] is not None else box[1]
        yield line, text("body.box_not_indented", title=quote(title))


def _inline_code_problems(line: int, code_free: str) -> Iterator[tuple[int, str]]:
    for match in _SCRIPT_OR_STYLE.finditer(code_free):
        element = match[1].lower()
        if element == "script" and _SCRIPT_SOURCE.search(match[2]):
            continue  # a script file of the site, or one waiting for consent (README)
        yield line, text(f"body.inline_{element}")
    places = _HTML_TAG.findall(code_free) + _ATTR_LIST.findall(code_free)
    for place in places:
        if _STYLE_ATTRIBUTE.search(place):
            yield line, text("body.style_attribute")
        for handler in _EVENT_HANDLER.findall(place):
            yield line, text("body.event_handler", attribute=handler.lower())


def _links_of(line: int, code_free: str) -> Iterator[Link]:
    if "](" in code_free:
        for match in _MARKDOWN_LINK.finditer(code_free):
            yield Link(line, match[2], match[1] == "!")
    reference = _REFERENCE.match(code_free) if "]:" in code_free else None
    if reference:
        yield Link(line, reference[1], False)
    if "<" not in code_free:
        return
    for match in _HTML_LINK.finditer(code_free):
        yield Link(line, match[2] if match[2] is not None else match[3], match[1].lower() == "img")


def _picture_problem(link: Link, static_files: frozenset[str], context: dict) -> str | None:
    """Pictures and files written relative to content/ (images/x.jpg)."""
    target = link.target
    scheme = _SCHEME.match(target)
    if scheme and scheme[1].lower() == "javascript":
        return text("body.javascript_link")
    if not content_relative(target):
        if not link.is_picture:
            return None
        rel = pictures.static_picture(unquote(target), context.get("static_paths", ["images"]))
        return _original_problem(rel, target, context) if rel in static_files else None
    path = unquote(urlsplit(target).path)
    normal = posixpath.normpath(path)
    in_static = _in_static(normal, context)
    if not link.is_picture and not in_static:
        return None  # an address relative to the page; checked by link_problems
    if normal.startswith("../") or normal == ".." or not in_static:
        return text("body.picture_outside", path=quote(target))
    if normal in static_files:
        return _original_problem(normal, target, context) if link.is_picture else None
    close = difflib.get_close_matches(normal, list(static_files), n=1, cutoff=0.6)
    hint = text("body.did_you_mean", value=close[0]) if close else ""
    key = "body.picture_missing" if link.is_picture else "body.file_missing"
    return text(key, path=quote(target), hint=hint)


def _original_problem(rel: str, target: str, context: dict) -> str | None:
    """A picture the page shows must be one the build can make variants of."""
    content = context.get("content_path")
    problem = pictures.checked(os.path.join(content, rel), context) if content else None
    return text("picture.in_body", path=quote(target), problem=problem) if problem else None


# ----------------------------------------------------------------- the site


@dataclass
class Target:
    """One address of the site: what is there, and the ids on its page."""

    rel_path: str | None = None  # the content file, if it is one
    ids: Callable[[], set[str]] | None = None  # None: anchors are not checked
    published: bool = True
    scheduled_from: str | None = None  # a scheduled article: the day it is published


@dataclass
class SiteAddresses:
    """Every address the site will have (no leading slash), built once per scan."""

    targets: dict[str, Target] = field(default_factory=dict)
    prefixes: tuple[str, ...] = (urls.THEME_STATIC,)

    def find(self, path: str) -> Target | None:
        for candidate in (path, path + "/", path.removesuffix("index.html")):
            if candidate in self.targets:
                return self.targets[candidate]
        if path.startswith(self.prefixes):
            return Target()
        return None


def address_of(doc) -> str:
    """A document's address (no leading slash), as the contract gives it."""
    year = doc.meta.date.year if doc.kind == "news" else None
    return _content_url(doc.kind, doc.slug, year)


# A scan asks for each file's address three times (some 17,000 formatted
# addresses at 5,000 articles, in every build and every preview save).
_content_url = functools.lru_cache(maxsize=1 << 16)(urls.content_url)


# The site's own pages that are not made from a content file.
SINGLE_ADDRESSES = (
    urls.HOME,
    urls.NEWS_LIST,
    urls.NEWS_FEED,
    urls.PROGRAMME_LIST,
    urls.CALENDAR,
    urls.CALENDAR_ICS,
    urls.CALENDAR_JSON,
    urls.CONTACTS_PAGE,
    urls.COOKIES_PAGE,
    urls.SITEMAP,
    urls.ROBOTS,
    urls.NOT_FOUND,
)
# The ids home.html gives its sections.
HOME_IDS = frozenset({"kommande-utbildningar", "nasta-traffar", "senaste-nyheter"})
# The ids base.html gives every page (the skip link's target).
PAGE_IDS = frozenset({"huvudinnehall"})


def site_addresses(index, context: dict) -> SiteAddresses:
    """The addresses of the site this scan will build, and their anchors."""
    md = make_markdown(context.get("static_paths", ["images"]))
    now = context.get("now")
    site = SiteAddresses()
    targets = site.targets

    def rendered_ids(doc, template_ids: frozenset[str]) -> Callable[[], set[str]]:
        cache: list[set[str]] = []

        def ids() -> set[str]:
            if not cache:  # needed only when a link points at the page
                if doc.html is None:  # rendered with the file (content_index), as a rule
                    doc.html = render(md, doc.body)  # kept: the build does not render it again
                cache.append(set(_ID.findall(doc.html)) | PAGE_IDS | template_ids)
            return cache[0]

        return ids

    news_count = 0
    tags: set[str] = set()
    for doc in index.documents.values():
        if doc.kind == "contact":
            targets[address_of(doc)] = Target(doc.rel_path)
            continue
        scheduled = doc.is_scheduled(now)
        published = not doc.is_draft and not scheduled
        if doc.kind == "news" and published:
            news_count += 1
            tags.update(slugify(tag) for tag in doc.meta.tags)
        targets[address_of(doc)] = Target(
            doc.rel_path,
            rendered_ids(doc, _template_ids(doc)),
            published,
            doc.meta.date.date().isoformat() if scheduled and not doc.is_draft else None,
        )
        if doc.kind == "programme" and published:
            targets[urls.programme_ics_url(doc.slug)] = Target(doc.rel_path)
            targets[urls.calendar_programme_url(doc.slug)] = Target(doc.rel_path)
            for month in month_addresses(doc.meta.rounds, context["tz"]):
                targets[month] = Target()
    contact_ids = frozenset(index.contacts) | PAGE_IDS
    fixed = {
        urls.HOME: HOME_IDS | PAGE_IDS,
        urls.CONTACTS_PAGE: contact_ids,
    }
    for address in SINGLE_ADDRESSES:
        ids = fixed.get(address)
        targets.setdefault(address, Target(ids=(lambda ids=ids: set(ids)) if ids else None))
    per_page = context.get("news_per_page") or 10
    for number in range(2, math.ceil(news_count / per_page) + 1):
        targets[urls.news_page_url(number)] = Target()
    for tag in tags:
        if tag:
            targets[urls.tag_url(tag)] = Target()
    for name in context.get("static_files", ()):
        targets[name] = Target()
    return site


def _template_ids(doc) -> frozenset[str]:
    """Ids the templates give a document's page besides its body's."""
    if doc.kind == "news" and doc.meta.programmes:
        return frozenset({"utbildningar-i-artikeln"})
    if doc.kind == "programme" and doc.meta.rounds:
        anchors = round_anchors(sorted(doc.meta.rounds, key=round_start))
        # Which of the two round lists a page has depends on the day of the
        # build; a link to either stays valid while the programme has rounds.
        return frozenset(
            {"omgangar", "tidigare-omgangar", *anchors, *(a + "-namn" for a in anchors)}
        )
    return frozenset()


def link_problems(
    doc, links: Iterable[Link], site: SiteAddresses, context: dict, files: dict
) -> Iterator[tuple[int, str]]:
    """Problems of a document's links to pages of the site. `files` maps a
    content file's absolute path to its Document ({filename} links)."""
    here = address_of(doc)
    linking_unpublished = doc.is_draft or doc.is_scheduled(context.get("now"))
    public = context.get("public_url") or ""
    for link in links:
        target = link.target
        if public and target.startswith(public + "/"):
            target = target[len(public) :]
        if target.startswith("{filename}"):
            target = _filename_address(doc, target, files, context)
            if target is None:
                continue  # content_index.link_problem has said what is wrong
        elif target.startswith("{") or _SCHEME.match(target) or target.startswith("//"):
            continue  # {static}: content_index; other schemes: external or mail
        elif content_relative(target) and (link.is_picture or _in_static(target, context)):
            continue  # checked with the file itself (_picture_problem)
        parts = urlsplit(urljoin("/" + here, target))
        path = unquote(parts.path).lstrip("/")
        found = site.find(path)
        shown = quote(link.target)
        if found is None:
            suggestion = difflib.get_close_matches(path, list(site.targets), n=1, cutoff=0.75)
            hint = text("body.did_you_mean", value="/" + suggestion[0]) if suggestion else ""
            key = "body.picture_missing" if link.is_picture else "body.page_missing"
            yield link.line, text(key, path=shown, hint=hint)
            continue
        if not found.published and not linking_unpublished:
            # Neither is written, so the link would lead nowhere; a draft or a
            # scheduled article may link to one (it is not published either).
            if found.scheduled_from:
                problem = text("link.to_scheduled", date=found.scheduled_from)
            else:
                problem = text("link.to_draft", other=found.rel_path)
            yield link.line, text("body.link", link=shown, problem=problem)
            continue
        anchor = unquote(parts.fragment)
        if anchor and found.ids is not None:
            ids = found.ids()
            if anchor not in ids:
                close = _closest(anchor, sorted(ids - PAGE_IDS))
                hint = (
                    text("body.anchor_close", value="#" + close[0])
                    if close
                    else text("body.anchor_hint")
                )
                page = text("body.that_page", path="/" + path)
                if path == here:
                    page = text("body.this_page")
                yield (
                    link.line,
                    text("body.anchor_missing", url=shown, anchor=anchor, page=page, hint=hint),
                )


def _closest(value: str, candidates: list[str]) -> list[str]:
    """The candidate the writer most likely meant: one that begins with what
    was written (#tommy for #tommy-eriksson), else the most similar."""
    starting = [c for c in candidates if c.startswith(value)]
    return starting[:1] or difflib.get_close_matches(value, candidates, n=1)


def _in_static(target: str, context: dict) -> bool:
    folders = {folder.strip("/") for folder in context.get("static_paths", ["images"])}
    return posixpath.normpath(target).split("/", 1)[0] in folders


def _filename_address(doc, target: str, files: dict, context: dict) -> str | None:
    """`{filename}../2023/x.md#del` as the address it becomes, or None."""
    path, _, anchor = target[len("{filename}") :].partition("#")
    path = unquote(path.split("?", 1)[0])
    base = context["content_path"] if path.startswith("/") else os.path.dirname(doc.source_path)
    full = os.path.normpath(os.path.join(base, path.lstrip("/")))
    other = files.get(full)
    if other is None:
        return None
    return "/" + address_of(other) + (f"#{anchor}" if anchor else "")
