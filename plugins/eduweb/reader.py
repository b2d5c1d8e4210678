"""Pelican reader for Markdown with YAML front matter (news and pages)."""

from __future__ import annotations

from typing import ClassVar

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag

from .content_index import Document
from .markdown_render import first_paragraph_text, make_markdown, render
from .pictures import with_pictures


class FrontMatterReader(BaseReader):
    """Turns a validated content file into Pelican metadata and HTML.

    The validation pass has already parsed every file and rendered its body
    (content_index.read_and_render, in worker processes or from the content
    cache); the reader takes the document from it and adds the pictures.
    """

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._md = None

    def read(self, source_path: str):
        index = self.settings.get("_EDUWEB_INDEX")
        doc = index.documents.get(source_path) if index else None
        if doc is None:  # a file outside the validated folders: refuse loudly
            raise ValueError(f"{source_path} was not validated by the eduweb plugin")
        html = doc.html if doc.html is not None else self._render(doc.body)
        html = with_pictures(html, self.settings, eager_first=not getattr(doc.meta, "image", None))
        return html, document_metadata(doc, html, self.settings)

    def _render(self, body: str) -> str:
        """A document the validation pass did not render (kept for callers
        that build a SiteIndex themselves)."""
        if self._md is None:
            self._md = make_markdown(self.settings.get("STATIC_PATHS", ["images"]))
        return render(self._md, body)


def document_metadata(doc: Document, html: str, settings: dict) -> dict:
    """The metadata Pelican's Article and Page classes expect, from a Document."""
    meta = doc.meta
    lead = meta.summary or first_paragraph_text(html)
    metadata = {
        "title": meta.title,
        "slug": doc.slug,
        "summary": lead,
        "has_own_summary": meta.summary is not None,
        "extra": meta.extra,
        "kind": doc.kind,
        "status": "draft" if doc.is_draft else "published",
        # "Sidansvarig" and "Senast uppdaterad" (page_facts.py).
        "facts": settings.get("_EDUWEB_FACTS", {}).get(doc.source_path),
    }
    if doc.kind == "news":
        metadata.update(
            date=meta.date,
            tags=[Tag(tag, settings) for tag in meta.tags],
            image=meta.image,
            image_alt=meta.image_alt,
            image_caption=meta.image_caption,
            contacts=meta.contacts,
            programmes=meta.programmes,
        )
        if meta.modified:
            metadata["modified"] = meta.modified
        if meta.author:
            metadata["author"] = Author(meta.author, settings)
        if doc.is_scheduled(settings["_EDUWEB_NOW"]):
            metadata["status"] = "draft"  # scheduled: published by a later build
        if metadata["status"] == "draft":
            # Pelican's draft handling needs a category, though drafts are
            # never written and the site has no category pages.
            metadata["category"] = Category("utkast", settings)
    return metadata
