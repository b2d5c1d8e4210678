"""The validation pass: read every content file once, check it against the
contract and the cross-references, and keep the result for the build.

Everything here runs before Pelican deletes or writes anything, so a site
with bad content never replaces the previous output.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from typing import Any

from . import model
from .errors import ContentError, field_path
from .frontmatter import FrontMatterError, load_yaml, split_front_matter
from .slugs import is_slug, slugify

KIND_FOLDERS = {"news": "news", "page": "pages", "programme": "programmes", "contact": "contacts"}
MARKDOWN_EXTENSIONS = (".md",)
# Addresses the site generates itself; a page may not take them.
RESERVED_SLUGS = {
    "nyheter",
    "utbildningar",
    "kalender",
    "kontakt",
    "kontakter",
    "cookies",
    "theme",
    "images",
    "sitemap",
    "404",
    "robots",
}


@dataclass
class Document:
    """One content file, validated: its schema model, body and address parts."""

    kind: str
    source_path: str  # absolute
    rel_path: str  # as shown to writers: content/news/2024/x.md
    meta: Any  # a model.* schema instance
    slug: str
    body: str = ""
    body_first_line: int = 1
    lines: dict = field(default_factory=dict)

    @property
    def is_draft(self) -> bool:
        return getattr(self.meta, "status", None) == "draft"

    def line_of(self, path: tuple) -> int:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


@dataclass
class SiteIndex:
    """All content of one build, keyed the way templates look it up."""

    documents: dict[str, Document] = field(default_factory=dict)  # by source path
    contacts: dict[str, Document] = field(default_factory=dict)  # by id
    programmes: dict[str, Document] = field(default_factory=dict)  # by slug
    errors: list[ContentError] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents.values() if d.kind == kind]


def read_text(source_path: str) -> str:
    with open(source_path, "rb") as handle:
        raw = handle.read()
    text = raw.decode("utf-8")  # UnicodeDecodeError is reported by the caller
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_document(kind: str, source_path: str, rel_path: str, context: dict):
    """Path in, validated Document (or None) and problems out. No site state."""
    errors: list[ContentError] = []

    def problem(line: int, where: str, message: str) -> None:
        errors.append(ContentError(rel_path, line, where, message))

    try:
        text = read_text(source_path)
    except UnicodeDecodeError:
        problem(1, "file", "is not UTF-8 text (save it with the encoding UTF-8)")
        return None, errors
    body, body_first_line = "", 1
    try:
        if kind == "contact":
            loaded = load_yaml(text, 1, "file")
        else:
            split = split_front_matter(text)
            body, body_first_line = split.body, split.body_first_line
            loaded = load_yaml(split.yaml_text, split.yaml_first_line, "front matter")
    except FrontMatterError as err:
        problem(err.line, "front matter" if kind != "contact" else "file", err.message)
        return None, errors
    for err in loaded.errors:
        problem(err.line, err.field, err.message)
    meta, problems = model.validate(kind, loaded.data, context)
    for loc, message in problems:
        problem(loaded.line_of(loc), field_path(loc), message)
    if meta is None or errors:
        return None, errors

    stem = os.path.splitext(os.path.basename(source_path))[0]
    if kind == "contact":
        slug = stem
        if not is_slug(stem):
            suggestion = slugify(stem) or "fornamn-efternamn"
            problem(
                1,
                "file",
                (
                    f"the file name {stem!r} is used as the contact's id and must be "
                    f"lower-case a-z, 0-9 and hyphens (rename it to {suggestion}.yml)"
                ),
            )
    else:
        slug = meta.slug or slugify(stem)
        if not slug:
            problem(1, "slug", f"the file name {stem!r} gives no address (add slug: ett-namn)")
    doc = Document(kind, source_path, rel_path, meta, slug, body, body_first_line, loaded.lines)
    return (None if errors else doc), errors


def scan(settings: dict) -> SiteIndex:
    """Read and validate every content file under the settings' PATH."""
    content_path = os.path.abspath(settings["PATH"])
    site_root = os.path.dirname(content_path)
    context = {
        "tz": settings["_eduweb_tz"],
        "content_path": content_path,
        "static_paths": settings.get("STATIC_PATHS", ["images"]),
    }
    index = SiteIndex()
    for kind, folder in KIND_FOLDERS.items():
        for source_path in _files_under(os.path.join(content_path, folder)):
            rel_path = os.path.relpath(source_path, site_root).replace(os.sep, "/")
            ext = os.path.splitext(source_path)[1].lower()
            wrong = _wrong_file_type(kind, ext)
            if wrong:
                index.errors.append(ContentError(rel_path, 1, "file", wrong))
                continue
            doc, errors = parse_document(kind, source_path, rel_path, context)
            index.errors.extend(errors)
            if doc:
                index.documents[source_path] = doc
    _check_site(index)
    index.errors.sort()
    return index


def _files_under(folder: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(os.path.join(dirpath, f) for f in sorted(filenames) if not f.startswith("."))
    return found


def _wrong_file_type(kind: str, ext: str) -> str | None:
    if kind == "contact":
        if ext == ".yaml":
            return "contact files end in .yml (rename the file to end in .yml)"
        if ext != ".yml":
            return "only contact files ending in .yml belong in content/contacts/"
        return None
    if ext in MARKDOWN_EXTENSIONS:
        return None
    folder = KIND_FOLDERS[kind]
    if ext in model.IMAGE_EXTENSIONS:
        return f"pictures belong in content/images/, not in content/{folder}/ (move the file)"
    return f"only Markdown files ending in .md belong in content/{folder}/"


def _check_site(index: SiteIndex) -> None:
    """Rules across files: unique addresses and references that resolve."""
    errors = index.errors
    taken: dict[tuple, Document] = {}
    for doc in sorted(index.documents.values(), key=lambda d: d.rel_path):
        if doc.kind == "news":
            key = ("news", doc.meta.date.year, doc.slug)
            address = f"/nyheter/{doc.meta.date.year}/{doc.slug}/"
        elif doc.kind == "page":
            key, address = ("root", doc.slug), f"/{doc.slug}/"
            if doc.slug in RESERVED_SLUGS:
                errors.append(
                    ContentError(
                        doc.rel_path,
                        doc.line_of(("slug",)),
                        "slug",
                        (
                            f"{address} is an address the site makes itself (give the page "
                            "another slug:)"
                        ),
                    )
                )
                continue
        elif doc.kind == "programme":
            key, address = ("programme", doc.slug), f"/utbildningar/{doc.slug}/"
        else:
            key, address = ("contact", doc.slug), f"/kontakter/{doc.slug}.vcf"
        if key in taken:
            errors.append(
                ContentError(
                    doc.rel_path,
                    doc.line_of(("slug",)),
                    "slug",
                    (
                        f"{address} is already the address of {taken[key].rel_path} "
                        "(give one of them another slug:)"
                    ),
                )
            )
            continue
        taken[key] = doc
        if doc.kind == "programme":
            index.programmes[doc.slug] = doc
        elif doc.kind == "contact":
            index.contacts[doc.slug] = doc

    for doc in index.documents.values():
        for index_, contact_id in enumerate(getattr(doc.meta, "contacts", [])):
            if contact_id not in index.contacts:
                errors.append(
                    _unknown_ref(
                        doc,
                        ("contacts", index_),
                        contact_id,
                        index.contacts,
                        "content/contacts/{}.yml",
                    )
                )
        for index_, slug in enumerate(getattr(doc.meta, "programmes", [])):
            target = index.programmes.get(slug)
            if target is None:
                errors.append(
                    _unknown_ref(
                        doc,
                        ("programmes", index_),
                        slug,
                        index.programmes,
                        "a programme with slug {}",
                    )
                )
            elif target.is_draft and not doc.is_draft:
                errors.append(
                    ContentError(
                        doc.rel_path,
                        doc.line_of(("programmes", index_)),
                        field_path(("programmes", index_)),
                        f"{slug!r} is a draft ({target.rel_path} has status: draft; "
                        "publish it or remove it from the list)",
                    )
                )


def _unknown_ref(doc: Document, loc: tuple, value: str, known: dict, what: str) -> ContentError:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = (
        f"did you mean {close[0]}?"
        if close
        else ("known: " + ", ".join(sorted(known)) if known else "there are none yet")
    )
    return ContentError(
        doc.rel_path,
        doc.line_of(loc),
        field_path(loc),
        f"{value!r} does not exist (no {what.format(value)}; {hint})",
    )
