"""Markdown to HTML with one reusable Markdown instance, and fact boxes.

A fact box is written with the admonition syntax

    !!! facts "Fakta om projekten"
        Text of the box.

and rendered as `<aside class="facts" aria-labelledby="…">` with the title as
its heading, so screen readers list it as a named complementary region.

Pictures and files are written relative to content/, as the README teaches
(`![Alt](images/x.jpg)`); a browser would read such a path relative to the
page's own address (/nyheter/2024/x/images/x.jpg), so it is made
root-relative (/images/x.jpg). body_checks.py has checked that the file exists.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
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
            if title is None:  # `!!! facts ""`: admonition leaves the title out
                title = ElementTree.Element("p")
                title.tail = "\n"
                element.insert(0, title)
            # `!!! facts` (admonition titles it "Facts") or `!!! facts ""`: the
            # box still needs a heading, which names it for screen readers.
            if (title.text or "").strip().lower() in ("facts", ""):
                title.text = FACTS_DEFAULT_TITLE
            title.tag = "h2"
            title.set("class", "facts__title")
            title.set("id", box_id)


# A scheme (https:, mailto:), a root or protocol-relative path, a fragment,
# a query or a Pelican link ({static}…): left as written.
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/#?{])")


def content_relative(target: str) -> bool:
    """Whether a picture or link target is a path relative to content/."""
    return bool(target) and not _NOT_RELATIVE.match(target)


def first_segment(target: str) -> str:
    return posixpath.normpath(target).split("/", 1)[0]


class _StaticPathsTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, static_paths: Iterable[str]):
        super().__init__(md)
        self.folders = {folder.strip("/") for folder in static_paths}

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            attribute = {"img": "src", "a": "href"}.get(element.tag)
            target = element.get(attribute or "", "")
            if not content_relative(target):
                continue
            # Every picture is a file of content/; a link only when it points
            # into a static folder (otherwise it is an address on the site).
            if element.tag == "img" or first_segment(target) in self.folders:
                element.set(attribute, "/" + target.removeprefix("./"))


class StaticPathsExtension(Extension):
    def __init__(self, static_paths: Iterable[str] = ("images",)):
        super().__init__()
        self.static_paths = tuple(static_paths)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(
            _StaticPathsTreeprocessor(md, self.static_paths), "eduweb_static_paths", 4
        )


class FactsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_FactsTreeprocessor(md), "eduweb_facts", 5)


def make_markdown(static_paths: Iterable[str] = ("images",)) -> Markdown:
    """The one Markdown instance a reader keeps and resets between files;
    `static_paths` are the settings' STATIC_PATHS (folders of content/)."""
    return Markdown(
        extensions=[
            "extra",  # tables, footnotes, attribute lists, definition lists, fenced code
            "admonition",
            "sane_lists",
            "toc",
            FactsExtension(),
            StaticPathsExtension(static_paths),
        ],
        extension_configs={
            "toc": {"slugify": lambda value, _sep: slugify(value)},
            # The link back from a footnote is titled in Swedish ({} is its number).
            "extra": {"footnotes": {"BACKLINK_TITLE": "Tillbaka till fotnot %d i texten"}},
        },
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
