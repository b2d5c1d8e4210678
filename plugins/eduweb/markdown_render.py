"""Markdown to HTML with one reusable Markdown instance, and fact boxes.

A fact box is written with the admonition syntax

    !!! facts "Fakta om projekten"
        Text of the box.

and rendered as `<aside class="facts" aria-labelledby="…">` with the title as
its heading, so screen readers list it as a named complementary region.
"""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .slugs import slugify

FACTS_DEFAULT_TITLE = "Fakta"


class _FactsTreeprocessor(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        number = 0
        for element in root.iter("div"):
            classes = element.get("class", "").split()
            if "admonition" not in classes:
                continue
            kind = [c for c in classes if c != "admonition"]
            has_title = len(element) and element[0].get("class") == "admonition-title"
            title = element[0] if has_title else None
            if kind[:1] != ["facts"]:
                element.set("class", " ".join(["callout", *kind]))
                if title is not None:
                    title.set("class", "callout__title")
                continue
            number += 1
            box_id = f"fakta-{number}"
            element.tag = "aside"
            element.set("class", "facts")
            element.set("aria-labelledby", box_id)
            if title is None:
                title = ElementTree.Element("p")
                element.insert(0, title)
            if (title.text or "").strip().lower() == "facts":
                title.text = FACTS_DEFAULT_TITLE  # `!!! facts` without a title
            title.tag = "h2"
            title.set("class", "facts__title")
            title.set("id", box_id)


class FactsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_FactsTreeprocessor(md), "eduweb_facts", 5)


def make_markdown() -> Markdown:
    """The one Markdown instance a reader keeps and resets between files."""
    return Markdown(
        extensions=[
            "extra",  # tables, footnotes, attribute lists, definition lists, fenced code
            "admonition",
            "sane_lists",
            "toc",
            FactsExtension(),
        ],
        extension_configs={"toc": {"slugify": lambda value, _sep: slugify(value)}},
        output_format="html",
    )


def render(md: Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def first_paragraph_text(rendered: str) -> str:
    """The plain text of the first paragraph of rendered HTML ('' if none)."""
    match = _FIRST_PARAGRAPH.search(rendered)
    if not match:
        return ""
    return " ".join(html.unescape(_TAG.sub("", match[1])).split())
