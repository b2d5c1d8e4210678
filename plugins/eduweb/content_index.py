"""The validation pass: read every content file once, check it against the
contract and the cross-references, and keep the result for the build.

Everything here runs before Pelican deletes or writes anything, so a site
with bad content never replaces the previous output.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from . import body_checks, content_cache, messages, model, urls
from .errors import ContentError, field_path
from .frontmatter import (
    UNPRINTABLE_NAME_RE,
    FrontMatterError,
    control_character_message,
    describe_character,
    field_at_line,
    line_of,
    load_yaml,
    printable,
    remove_control_characters,
    split_front_matter,
)
from .markdown_render import make_markdown, render
from .messages import text
from .slugs import MAX_SLUG_LENGTH, is_slug, slugify

KIND_FOLDERS = {"news": "news", "page": "pages", "programme": "programmes", "contact": "contacts"}
MARKDOWN_EXTENSIONS = (".md",)
# A content file is text a person writes; anything larger is a mistake
# (a pasted export, a picture saved as .md), and is refused before it is read.
MAX_FILE_BYTES = 1_000_000
# Addresses the site generates itself; a page may not take them.
RESERVED_SLUGS = urls.reserved_slugs()
# Pages the site builds from a setting: a content page there is told where
# its facts go instead (the hand-written statement the generated one replaced).
GENERATED_FROM_SETTINGS = {
    urls.ACCESSIBILITY_PAGE: "ACCESSIBILITY",
    urls.PRIVACY_PAGE: "PRIVACY",
}


@dataclass
class Document:
    """One content file, validated: its schema model, body and address parts."""

    kind: str
    source_path: str  # absolute
    rel_path: str  # as shown to writers: content/news/2024/x.md
    meta: Any  # a model.* schema instance
    slug: str
    # The Markdown text; None once rendered to `html` (read_and_render): a
    # build keeps only the HTML, in memory and in the content cache.
    body: str | None = ""
    body_first_line: int = 1
    lines: dict = field(default_factory=dict)
    links: list = field(default_factory=list)  # body_checks.Link, to site pages and files
    # The body as HTML, rendered with the file's other per-file work
    # (read_and_render); the link checks and the reader use it.
    html: str | None = None

    @property
    def is_draft(self) -> bool:
        return getattr(self.meta, "status", None) == "draft"

    def is_scheduled(self, now) -> bool:
        """A news article dated after the build moment: published by a later build."""
        return self.kind == "news" and now is not None and self.meta.date > now

    def line_of(self, path: tuple) -> int:
        return line_of(self.lines, path)


@dataclass
class References:
    """The cross-references of one file, kept even when the file has other errors."""

    rel_path: str
    lines: dict
    contacts: list
    programmes: list
    is_draft: bool

    @classmethod
    def from_data(cls, rel_path: str, lines: dict, data: object) -> References:
        data = data if isinstance(data, dict) else {}

        def names(key: str) -> list:
            value = data.get(key)
            if not isinstance(value, list):
                return []
            return [v.strip() if isinstance(v, str) else None for v in value]

        return cls(
            rel_path,
            lines,
            names("contacts"),
            names("programmes"),
            model.publish_status(data.get("status")) == "draft",
        )

    def line_of(self, path: tuple) -> int:
        return line_of(self.lines, path)


@dataclass
class SiteIndex:
    """All content of one build, keyed the way templates look it up."""

    documents: dict[str, Document] = field(default_factory=dict)  # by source path
    contacts: dict[str, Document] = field(default_factory=dict)  # by id
    programmes: dict[str, Document] = field(default_factory=dict)  # by slug
    errors: list[ContentError] = field(default_factory=list)
    references: list[References] = field(default_factory=list)
    # Ids of every contact and programme file, valid or not, so a reference
    # to a file with errors of its own is not reported as missing as well.
    present: dict[str, set] = field(default_factory=lambda: {"contact": set(), "programme": set()})
    # Old addresses (aliases:, with a leading /) -> the file that now has them.
    aliases: dict[str, Document] = field(default_factory=dict)


def read_raw(source_path: str) -> bytes:
    """A content file's bytes; FileTooLargeError past MAX_FILE_BYTES."""
    with open(source_path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise FileTooLargeError(source_path)
    return raw


def read_text(source_path: str, raw: bytes | None = None) -> str:
    """The file's text (or `raw`'s, already read), with Windows and old Mac
    line ends made \\n and a byte order mark dropped."""
    if raw is None:
        raw = read_raw(source_path)
    text = raw.decode("utf-8")  # UnicodeDecodeError is reported by the caller
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class FileTooLargeError(OSError):
    """A content file over MAX_FILE_BYTES."""


def parse_document(
    kind: str, source_path: str, rel_path: str, context: dict, raw: bytes | None = None
):
    """Path in (and its bytes, when they are read already); validated
    Document (or None), problems and references out.

    A pure step: it reads one file and no site state. What it may look at
    besides the file is listed in content_cache.py, which caches it.
    """
    errors: list[ContentError] = []
    refs = None

    def problem(line: int, where: str, message: str) -> None:
        errors.append(ContentError(rel_path, line, where, message))

    file = text("where.file")
    whole = file if kind == "contact" else text("where.front_matter")
    try:
        source = read_text(source_path, raw)
    except UnicodeDecodeError:
        problem(1, file, text("file.not_utf8"))
        return None, errors, refs
    except FileTooLargeError:
        problem(1, file, text("file.too_large", mb=MAX_FILE_BYTES // 1_000_000))
        return None, errors, refs
    except OSError as err:
        problem(1, file, text("file.unreadable", reason=err.strerror or err))
        return None, errors, refs
    # Invisible characters are reported, then taken out, so that the rest of
    # the file is checked as usual.
    source, controls = remove_control_characters(source)
    body, body_first_line = "", None
    loaded = None
    try:
        if kind == "contact":
            loaded = load_yaml(source, 1, "file")
        else:
            split = split_front_matter(source)
            body, body_first_line = split.body, split.body_first_line
            loaded = load_yaml(split.yaml_text, split.yaml_first_line, "front matter")
    except FrontMatterError as err:
        problem(err.line, err.field or whole, err.message)
    for line, column, char in controls:
        if body_first_line is not None and line >= body_first_line:
            where = text("where.body")
        else:
            where = field_path(field_at_line(loaded.lines if loaded else {}, line) or ()) or whole
        problem(line, where, control_character_message(char, column))
    if loaded is None:
        return None, errors, refs
    body_first_line = body_first_line or 1
    for err in loaded.errors:
        problem(err.line, err.field, err.message)
    refs = References.from_data(rel_path, loaded.lines, loaded.data)
    meta, problems = model.validate(kind, loaded.data, context)
    for loc, message in problems:
        problem(loaded.line_of(loc), field_path(loc), message)
    for line, message in body_problems(body, body_first_line, source_path, context):
        problem(line, text("where.body"), message)
    links: list[body_checks.Link] = []
    for line, message in body_checks.line_problems(body, body_first_line, context, links):
        problem(line, text("where.body"), message)
    if meta is None or errors:
        return None, errors, refs

    stem = os.path.splitext(os.path.basename(source_path))[0]
    if kind == "contact":
        slug = stem
        if len(stem) > MAX_SLUG_LENGTH:
            problem(
                1, file, text("file.contact_id_too_long", length=len(stem), max=MAX_SLUG_LENGTH)
            )
        elif not is_slug(stem):
            suggestion = slugify(stem) or "fornamn-efternamn"
            problem(1, file, text("file.contact_id_characters", value=stem, suggestion=suggestion))
    else:
        slug = meta.slug or slugify(stem)
        if not slug:
            problem(1, "slug", text("address.file_name_gives_none", value=stem))
        elif len(slug) > MAX_SLUG_LENGTH:
            problem(
                1,
                "slug",
                text("address.file_name_too_long", length=len(slug), max=MAX_SLUG_LENGTH),
            )
    doc = Document(
        kind, source_path, rel_path, meta, slug, body, body_first_line, loaded.lines, links
    )
    return (None if errors else doc), errors, refs


_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(([^)\s]*)")
# [^<>]: a line full of "<img" without ">" is read once, not once per "<img".
_HTML_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\S[^\"]*\"|'[^']*\S[^']*')", re.IGNORECASE)
_INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\s\"'>#?]+)")
# Where Pelican looks up {filename} links: the news and pages it reads.
LINKABLE_FOLDERS = (KIND_FOLDERS["news"], KIND_FOLDERS["page"])


def body_problems(body: str, first_line: int, source_path: str, context: dict):
    """Problems in the Markdown text: pictures without alt text, broken
    internal links. Pelican would only warn about these, deep in the build."""
    for number, written in enumerate(body.split("\n")):
        line = first_line + number
        for match in _IMAGE_WITHOUT_ALT.finditer(written):
            yield line, text("body.image_without_alt", value=match[1], target=match[1])
        for tag in _HTML_IMG.findall(written):
            if not _HTML_ALT.search(tag):
                yield line, text("body.img_without_alt")
        for kind, target in _INTERNAL_LINK.findall(written):
            message = link_problem(kind, target, source_path, context)
            if message:
                yield line, text("body.link", link=f"{{{kind}}}{target}", problem=message)


def link_problem(kind: str, target: str, source_path: str, context: dict) -> str | None:
    """Why Pelican could not resolve {kind}target in this file, or None.

    Pelican finds {filename} targets among the news and pages it reads, and
    {static} and {attach} targets among the files of STATIC_PATHS; for any
    other target it only warns, which --fatal warnings turns into a crash.
    """
    content = context["content_path"]
    full = link_path(target, source_path, content)
    rel = os.path.relpath(full, content).replace(os.sep, "/")
    if rel == "." or rel == ".." or rel.startswith("../"):
        return text("link.outside_content")
    if not content_cache.isfile(context, full):
        return text("link.missing")
    if any(part.startswith(".") for part in rel.split("/")):
        return text("link.hidden")
    static = _in_folders(rel, context["static_paths"])
    if kind == "filename":
        if static:
            return text("link.static_not_page", suggestion=f"{{static}}{target}")
        if not (_in_folders(rel, LINKABLE_FOLDERS) and rel.endswith(MARKDOWN_EXTENSIONS)):
            return text("link.not_a_page")
    elif not static:
        folders = ", ".join(f"content/{d.strip('/')}/" for d in context["static_paths"])
        return text("link.not_published", kind=f"{{{kind}}}", folders=folders)
    return None


def link_path(target: str, source_path: str, content: str) -> str:
    """The file a {filename}, {static} or {attach} link points to: relative
    to the linking file, or to content/ when it starts with /."""
    path = unquote(target)
    base = content if path.startswith("/") else os.path.dirname(source_path)
    return os.path.normpath(os.path.join(base, path.lstrip("/")))


def _in_folders(rel: str, folders) -> bool:
    return any(rel.startswith(folder.strip("/") + "/") for folder in folders)


def scan(settings: dict, render: bool = False) -> SiteIndex:
    """Read and validate every content file under the settings' PATH; with
    `render`, also render every body to HTML (Document.html), as the build
    does, in the same pass (in workers, and cached with the file)."""
    content_path = os.path.abspath(settings["PATH"])
    site_root = os.path.dirname(content_path)
    context = {
        "tz": settings["_eduweb_tz"],
        "content_path": content_path,
        "static_paths": settings.get("STATIC_PATHS", ["images"]),
        "now": settings.get("_EDUWEB_NOW"),
        "public_url": settings.get("PUBLIC_URL"),
        "news_per_page": settings.get("NEWS_PER_PAGE"),
        "render": render,
    }
    index = SiteIndex()

    below = os.path.join(site_root, "")

    def relative(path: str) -> str:
        # os.path.relpath makes both paths absolute and compares their parts:
        # a tenth of a preview save's validation at 5,000 articles.
        rel = path[len(below) :] if path.startswith(below) else os.path.relpath(path, site_root)
        return rel.replace(os.sep, "/")

    # First, so that body pictures can be looked up among them.
    static_files: set[str] = set()
    for folder in context["static_paths"]:
        files, problems = _static_problems(os.path.join(content_path, folder), relative)
        index.errors.extend(problems)
        static_files.update(os.path.relpath(f, content_path).replace(os.sep, "/") for f in files)
    context["static_files"] = frozenset(static_files)

    jobs: list[content_cache.Job] = []
    for kind, folder in KIND_FOLDERS.items():
        files, problems = walk_content(os.path.join(content_path, folder), relative)
        index.errors.extend(problems)
        for source_path in files:
            rel_path = relative(source_path)
            ext = os.path.splitext(source_path)[1].lower()
            wrong = _wrong_file_type(kind, ext)
            if wrong:
                index.errors.append(ContentError(rel_path, 1, text("where.file"), wrong))
                continue
            jobs.append(content_cache.Job(kind, source_path, rel_path, _raw_or_none(source_path)))
    results = content_cache.read_all(jobs, context, settings, read_and_render)
    for job, (doc, errors, refs) in zip(jobs, results, strict=True):
        index.errors.extend(errors)
        if refs:
            index.references.append(refs)
        if doc:
            index.documents[job.source_path] = doc
        if job.kind in index.present:
            stem = os.path.splitext(os.path.basename(job.source_path))[0]
            index.present[job.kind].add(doc.slug if doc else slugify(stem))
    _check_site(index)
    _check_links(index, context)
    index.errors.sort()
    return index


def _raw_or_none(source_path: str) -> bytes | None:
    """The bytes a cache entry is keyed by; None when they cannot be read,
    so that parse_document reads the file and says what is wrong."""
    try:
        return read_raw(source_path)
    except OSError:
        return None


# One Markdown instance per process and STATIC_PATHS (workers are forked).
_MARKDOWN: dict[tuple, object] = {}


def read_and_render(job: content_cache.Job, context: dict) -> tuple:
    """The per-file work of a build: parse_document, and the body as HTML
    (Document.html) for the link checks and the reader."""
    doc, errors, refs = parse_document(job.kind, job.source_path, job.rel_path, context, job.raw)
    if context["render"] and doc is not None and doc.kind != "contact":
        static_paths = tuple(context["static_paths"])
        if static_paths not in _MARKDOWN:
            _MARKDOWN[static_paths] = make_markdown(static_paths)
        doc.html = render(_MARKDOWN[static_paths], doc.body)
        # Nothing reads the Markdown once it is HTML: kept, it was some
        # 30 MB at 5,000 articles, in the build process and every worker
        # forked from it, and a quarter of each cache entry (issue 12).
        doc.body = None
    return doc, errors, refs


def walk_content(folder: str, relative) -> tuple[list[str], list[ContentError]]:
    """The files below `folder`, sorted, and problems with what is there.

    Hidden files and folders (.x.md, macOS's ._x.md, .git) are skipped on
    purpose; Pelican skips them too (IGNORE_FILES in settings.py). Symbolic
    links are refused rather than followed: a link can point outside
    content/ (publishing what it points to), to nothing, or in a loop.
    So are sockets, pipes and devices, which cannot be read as files.
    """
    files: list[str] = []
    problems: list[ContentError] = []

    def problem(path: str, message: str) -> None:
        problems.append(ContentError(printable(relative(path)), 1, text("where.file"), message))

    if os.path.islink(folder):
        problem(folder, _symlink_message(folder))
        return files, problems
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scanned:
                entries = sorted(scanned, key=lambda entry: entry.name)
        except FileNotFoundError:
            continue  # the folder is optional
        except OSError as err:
            problem(current, text("folder.unreadable", reason=err.strerror or err))
            continue
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            odd = UNPRINTABLE_NAME_RE.search(entry.name)
            if odd:
                problem(
                    entry.path,
                    f"the name contains {describe_character(odd[0])} (rename it with "
                    "letters, digits and hyphens)",
                )
                continue
            try:
                if entry.is_symlink():
                    problem(entry.path, _symlink_message(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(entry.path)
                else:
                    problem(entry.path, text("file.not_ordinary"))
            except OSError as err:
                problem(entry.path, text("entry.unreadable", reason=err.strerror or err))
        pending.extend(reversed(folders))
    return sorted(files), problems


def _symlink_message(path: str) -> str:
    try:
        target = text("file.symlink_target", target=printable(os.readlink(path)))
    except OSError:
        target = ""
    return text("file.symlink", target=target)


def _static_problems(folder: str, relative) -> tuple[list[str], list[ContentError]]:
    """The files of a static folder (content/images/), which are copied as
    they are, and problems: what does not belong there is refused before
    Pelican copies it."""
    files, problems = walk_content(folder, relative)
    for path in files:
        if path.lower().endswith(MARKDOWN_EXTENSIONS):
            problems.append(
                ContentError(relative(path), 1, text("where.file"), text("file.markdown_in_static"))
            )
        elif not os.access(path, os.R_OK):
            problems.append(
                ContentError(relative(path), 1, text("where.file"), text("file.static_unreadable"))
            )
    return files, problems


def _wrong_file_type(kind: str, ext: str) -> str | None:
    if kind == "contact":
        if ext == ".yaml":
            return text("file.contact_yaml_extension")
        if ext != ".yml":
            return text("file.contact_wrong_type")
        return None
    if ext in MARKDOWN_EXTENSIONS:
        return None
    folder = KIND_FOLDERS[kind]
    if ext in model.IMAGE_EXTENSIONS:
        return text("file.picture_in_content_folder", folder=folder)
    return text("file.wrong_type", folder=folder)


def _check_site(index: SiteIndex) -> None:
    """Rules across files: unique addresses and references that resolve."""
    errors = index.errors
    taken: dict[str, Document] = {}

    # A file that takes its address from its name keeps it; one that sets a
    # slug: that clashes is the one told to change.
    def claim_order(doc: Document) -> tuple:
        return (getattr(doc.meta, "slug", None) is not None, doc.rel_path)

    for doc in sorted(index.documents.values(), key=claim_order):
        address = "/" + body_checks.address_of(doc)
        if doc.kind == "page" and doc.slug in RESERVED_SLUGS:
            setting = GENERATED_FROM_SETTINGS.get(urls.page_url(doc.slug))
            message = (
                text("statements.page_generated", address=address, setting=setting)
                if setting
                else text("address.reserved", address=address)
            )
            errors.append(ContentError(doc.rel_path, doc.line_of(("slug",)), "slug", message))
            continue
        # Files clash when their addresses do, whatever their kinds.
        if address in taken:
            errors.append(
                ContentError(
                    doc.rel_path,
                    doc.line_of(("slug",)),
                    "slug",
                    text("address.taken", address=address, other=taken[address].rel_path),
                )
            )
            continue
        taken[address] = doc
        if doc.kind == "programme":
            index.programmes[doc.slug] = doc
            taken["/" + urls.programme_ics_url(doc.slug)] = doc
        elif doc.kind == "contact":
            index.contacts[doc.slug] = doc

    _check_tags(index)
    _check_aliases(index, taken)
    for refs in index.references:
        for number, contact_id in enumerate(refs.contacts):
            if contact_id and contact_id not in index.present["contact"]:
                errors.append(
                    _unknown_ref(
                        refs,
                        ("contacts", number),
                        contact_id,
                        index.present["contact"],
                        "reference.contact_file",
                    )
                )
        for number, slug in enumerate(refs.programmes):
            target = index.programmes.get(slug) if slug else None
            if slug and slug not in index.present["programme"]:
                errors.append(
                    _unknown_ref(
                        refs,
                        ("programmes", number),
                        slug,
                        index.present["programme"],
                        "reference.programme",
                    )
                )
            elif target and target.is_draft and not refs.is_draft:
                errors.append(
                    ContentError(
                        refs.rel_path,
                        refs.line_of(("programmes", number)),
                        field_path(("programmes", number)),
                        text("reference.draft", value=slug, other=target.rel_path),
                    )
                )


def _check_aliases(index: SiteIndex, taken: dict[str, Document]) -> None:
    """An old address leads to one page, and never hides a live one."""
    tags = {
        "/" + urls.tag_url(slugify(name))
        for doc in index.documents.values()
        if doc.kind == "news" and not doc.is_draft
        for name in doc.meta.tags
    }
    own_addresses: dict[str, set[str]] = {}
    for address, owner in taken.items():
        own_addresses.setdefault(owner.rel_path, set()).add(address)
    documents = (d for d in index.documents.values() if getattr(d.meta, "aliases", None))
    for doc in sorted(documents, key=lambda d: d.rel_path):
        own = own_addresses.get(doc.rel_path, set())
        seen: dict[str, int] = {}
        for number, alias in enumerate(doc.meta.aliases):
            where = ("aliases", number)
            line = doc.line_of(where)
            shown = messages.quote(alias)
            if alias in seen:
                message = messages.text("alias.repeated", value=shown, line=seen[alias])
            elif alias in own:
                message = messages.text("alias.own_address", value=shown)
            elif alias in taken:
                message = messages.text("alias.taken", value=shown, other=taken[alias].rel_path)
            elif alias in tags:
                message = messages.text("alias.tag_page", value=shown)
            elif urls.is_reserved_address(alias.removeprefix("/")):
                message = messages.text("alias.reserved", value=shown)
            elif alias in index.aliases:
                other = index.aliases[alias]
                message = messages.text(
                    "alias.claimed",
                    value=shown,
                    other=f"{other.rel_path}:{_alias_line(other, alias)}",
                )
            else:
                seen[alias] = line
                index.aliases[alias] = doc
                continue
            seen.setdefault(alias, line)
            index.errors.append(ContentError(doc.rel_path, line, field_path(where), message))


def _alias_line(doc: Document, alias: str) -> int:
    return doc.line_of(("aliases", doc.meta.aliases.index(alias)))


def _check_links(index: SiteIndex, context: dict) -> None:
    """Links in bodies to pages of the site, against the addresses this build
    will make (built once), and anchors against the ids of their pages."""
    site = body_checks.site_addresses(index, context)
    for doc in index.documents.values():
        for line, message in body_checks.link_problems(
            doc, doc.links, site, context, index.documents
        ):
            index.errors.append(ContentError(doc.rel_path, line, text("where.body"), message))


def _check_tags(index: SiteIndex) -> None:
    """News tags that fold to one address (`C++` and `C`, `Ö` and `o`) would
    share one tag page headed by whichever name came first."""
    first: dict[str, tuple[str, Document, int]] = {}  # tag slug -> name, file, position
    news = (d for d in index.documents.values() if d.kind == "news" and not d.is_draft)
    for doc in sorted(news, key=lambda d: d.rel_path):
        in_this_file: dict[str, tuple[str, int]] = {}
        for number, name in enumerate(doc.meta.tags):
            slug = slugify(name)
            where = ("tags", number)
            if not slug:  # model._tag has refused the file already
                continue
            address = "/" + urls.tag_url(slug)
            if slug in in_this_file:
                other, other_number = in_this_file[slug]
                if other != name:
                    index.errors.append(
                        ContentError(
                            doc.rel_path,
                            doc.line_of(where),
                            field_path(where),
                            text(
                                "tag.same_address_in_file",
                                value=name,
                                other=other,
                                line=doc.line_of(("tags", other_number)),
                                address=address,
                            ),
                        )
                    )
                continue
            in_this_file[slug] = (name, number)
            if slug not in first:
                first[slug] = (name, doc, number)
                continue
            other, other_doc, other_number = first[slug]
            other_line = other_doc.line_of(("tags", other_number))
            if other != name:
                index.errors.append(
                    ContentError(
                        doc.rel_path,
                        doc.line_of(where),
                        field_path(where),
                        text(
                            "tag.same_address",
                            value=name,
                            address=address,
                            other=other,
                            where=f"{other_doc.rel_path}:{other_line}",
                        ),
                    )
                )


def _unknown_ref(refs: References, loc: tuple, value: str, known: set, what: str) -> ContentError:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        hint = text("reference.did_you_mean", name=close[0])
    elif known:
        hint = text("reference.known", names=", ".join(sorted(known)))
    else:
        hint = text("reference.none_yet")
    return ContentError(
        refs.rel_path,
        refs.line_of(loc),
        field_path(loc),
        text("reference.unknown", value=value, what=text(what, value=value), hint=hint),
    )
