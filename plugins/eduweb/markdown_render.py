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

Rendering is the largest cost per file of a build, so SpeedExtension
replaces the parts of Python-Markdown that tried every inline pattern on
every text and every block test on every block by ones that skip what
cannot match: the HTML is the same (tests/test_markdown_golden.py), in
less than half the time.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from xml.etree import ElementTree

from markdown import Markdown, blockprocessors, inlinepatterns, treeprocessors, util
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor, FootnoteInlineProcessor
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import TocTreeprocessor
from markdown.treeprocessors import Treeprocessor

from .slugs import slugify

FACTS_DEFAULT_TITLE = "Fakta"


# A scheme (https:, mailto:), a root or protocol-relative path, a fragment,
# a query or a Pelican link ({static}…): left as written.
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/#?{])")


def content_relative(target: str) -> bool:
    """Whether a picture or link target is a path relative to content/."""
    return bool(target) and not _NOT_RELATIVE.match(target)


def first_segment(target: str) -> str:
    return posixpath.normpath(target).split("/", 1)[0]


def _make_facts_box(element: ElementTree.Element, classes: list[str], number: int) -> bool:
    """An admonition `div` made a fact box (True) or a callout (False)."""
    kind = [c for c in classes if c != "admonition"]
    has_title = len(element) and element[0].get("class") == "admonition-title"
    title = element[0] if has_title else None
    if kind[:1] != ["facts"]:
        element.set("class", " ".join(["callout", *kind]))
        if title is not None:
            title.set("class", "callout__title")
        return False
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
    return True


class _EduwebTreeprocessor(Treeprocessor):
    """Fact boxes, and pictures and files made root-relative, in one pass
    over the tree (after toc, which has given the headings their ids)."""

    def __init__(self, md: Markdown, static_paths: Iterable[str]):
        super().__init__(md)
        self.folders = {folder.strip("/") for folder in static_paths}

    def run(self, root: ElementTree.Element) -> None:
        boxes = []
        for element in root.iter():
            tag = element.tag
            if tag == "div":
                classes = element.get("class", "").split()
                if "admonition" in classes:
                    boxes.append((element, classes))
                continue
            if tag == "img":
                attribute = "src"
            elif tag == "a":
                attribute = "href"
            else:
                continue
            target = element.get(attribute, "")
            if not content_relative(target):
                continue
            # Every picture is a file of content/; a link only when it points
            # into a static folder (otherwise it is an address on the site).
            if tag == "img" or first_segment(target) in self.folders:
                element.set(attribute, "/" + target.removeprefix("./"))
        # Changed after the walk: a fact box without a title gets one inserted.
        number = 0
        for element, classes in boxes:
            number += _make_facts_box(element, classes, number + 1)


class EduwebExtension(Extension):
    def __init__(self, static_paths: Iterable[str] = ("images",)):
        super().__init__()
        self.static_paths = tuple(static_paths)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_EduwebTreeprocessor(md, self.static_paths), "eduweb", 4)


# What the text must contain for an inline pattern's regular expression to
# match anywhere in it, by the pattern's expression (a pattern that is not
# listed is always tried). Most text (a sentence of a paragraph) contains
# none of these, and trying all 15 patterns on it was the largest cost.
_INLINE_NEEDS = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also REFERENCE_RE and the short references
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
}


def _needs(pattern: inlinepatterns.Pattern) -> tuple[str, ...] | None:
    if isinstance(pattern, inlinepatterns.DelimiterProcessor):  # `*em*`, `__strong__`
        return tuple(pattern.tokens)
    if isinstance(pattern, FootnoteInlineProcessor):
        return ("[^",)
    if isinstance(pattern, inlinepatterns.InlineProcessor):
        return _INLINE_NEEDS.get(pattern.compiled_re.pattern)
    return None  # an old-style Pattern: always tried


class _InlineProcessor(treeprocessors.InlineProcessor):
    """Markdown's inline processor, skipping the patterns that cannot match.

    The same loop as `InlineProcessor.__handleInline` (Markdown 3.11): each
    pattern in turn, again from its start after a match. A pattern whose
    expression needs a string the text does not contain could only return
    "no match" (the text unchanged, the next pattern from index 0), so it is
    not tried; handleMatch, the only place patterns keep state, is never
    reached for it either. tests/test_markdown_golden.py holds the output to
    that of Markdown's own processors (make_markdown(fast=False)).
    """

    def run(self, tree: ElementTree.Element, ancestors: list[str] | None = None):
        self._patterns = [(pattern, _needs(pattern)) for pattern in self.inlinePatterns]
        needs = [need for _, pattern_needs in self._patterns for need in pattern_needs or ("",)]
        # Text with none of what any pattern needs is returned at once (when
        # a pattern is not listed, "" stands for it: every text may match).
        self._any_need = None if "" in needs else re.compile("|".join(map(re.escape, needs)))
        return super().run(tree, ancestors)

    # Markdown calls it by its private name, from run() and recursively.
    def _InlineProcessor__handleInline(self, data: str, index: int = 0) -> str:  # noqa: N802
        if isinstance(data, util.AtomicString):
            return data
        if self._any_need is not None and not self._any_need.search(data):
            return data
        apply = self._InlineProcessor__applyPattern
        patterns = self._patterns
        count = len(patterns)
        start = 0
        while index < count:
            pattern, needs = patterns[index]
            if needs is not None:
                for need in needs:
                    if need in data:
                        break
                else:  # cannot match: as if it had not
                    index += 1
                    start = 0
                    continue
            data, matched, start = apply(pattern, data, index, start)
            if not matched:
                index += 1
                start = 0
        return data


def _hr_possible(block: str) -> bool:
    # A rule is three or more of one of these characters.
    return block.count("-") >= 3 or block.count("*") >= 3 or block.count("_") >= 3


# Block processors, by name and class, with what a block must contain for
# their test to pass (or, for the footnote, abbreviation and reference
# definitions, whose test always passes, for their run to find anything;
# without a match, run puts the block back and passes it on). Every block is
# tested against every processor until one takes it, so a plain paragraph
# was searched by each of these expressions.
_BLOCK_NEEDS: dict[str, tuple[type, str | Callable[[str], bool]]] = {
    "quote": (blockprocessors.BlockQuoteProcessor, ">"),
    "hashheader": (blockprocessors.HashHeaderProcessor, "#"),
    "hr": (blockprocessors.HRProcessor, _hr_possible),
    "reference": (blockprocessors.ReferenceProcessor, "]:"),
    "table": (TableProcessor, "|"),
    "deflist": (DefListProcessor, ":"),
    "footnote": (FootnoteBlockProcessor, "[^"),
    "abbr": (AbbrBlockprocessor, "*["),
}


def _admonition_test(processor: AdmonitionProcessor) -> Callable:
    # The same test as AdmonitionProcessor.test: `!!!` opens a box, and an
    # indented block continues the one before (parse_content decides).
    def test(parent: ElementTree.Element, block: str) -> bool:
        if "!!!" in block and processor.RE.search(block):
            return True
        return processor.parse_content(parent, block)[0] is not None

    return test


class SpeedExtension(Extension):
    """Markdown's inline processor, block parsing and two tests replaced by
    faster ones with the same output. A processor is skipped or changed only
    when it is of the class the shortcut was written for; none is registered
    again (it would move behind the others of its priority)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_InlineProcessor(md), "inline", 20)
        processors = md.parser.blockprocessors
        needs = {
            processors[name]: need
            for name, (cls, need) in _BLOCK_NEEDS.items()
            if name in processors and type(processors[name]) is cls
        }
        if "admonition" in processors and type(processors["admonition"]) is AdmonitionProcessor:
            processors["admonition"].test = _admonition_test(processors["admonition"])
        md.parser.parseBlocks = _parse_blocks(md.parser, needs)
        if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
            toc = md.treeprocessors["toc"]
            toc.replace_marker = _replace_marker(toc)


def _parse_blocks(parser: BlockParser, needs: dict) -> Callable:
    """BlockParser.parseBlocks, skipping the processors whose test cannot
    pass (`needs`), and with the processors listed once, not for every block
    (the registry sorts and copies them)."""
    listed: list = [None, None]  # the processors, and each with its need

    def parse_blocks(parent: ElementTree.Element, blocks: list[str]) -> None:
        processors = list(parser.blockprocessors)
        if processors != listed[0]:
            listed[:] = [processors, [(p, needs.get(p)) for p in processors]]
        entries = listed[1]
        while blocks:
            for processor, need in entries:
                block = blocks[0]  # a run that declines may have put back another
                if need is not None and not (
                    need in block if isinstance(need, str) else need(block)
                ):
                    continue
                # run returns True or None when it has taken the block
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break

    return parse_blocks


def _replace_marker(toc: TocTreeprocessor) -> Callable:
    # TocTreeprocessor.replace_marker joins the text of every element to
    # look for a paragraph of just `[TOC]`; such a paragraph comes from a
    # line that has it, so without one there is nothing to look for.
    replace = toc.replace_marker

    def replace_marker(root: ElementTree.Element, element: ElementTree.Element) -> None:
        if toc.marker in "\n".join(toc.md.lines):
            replace(root, element)

    return replace_marker


class _Markdown(Markdown):
    def convert(self, source: str) -> str:
        self._block_level = frozenset(self.block_level_elements)
        return super().convert(source)

    def is_block_level(self, tag: object) -> bool:
        # Markdown.is_block_level looks the tag up in a list (of 60), for
        # every element serialised; here in a set made from it.
        if isinstance(tag, str):
            return tag.lower().rstrip("/") in self._block_level
        return False


def make_markdown(static_paths: Iterable[str] = ("images",), *, fast: bool = True) -> Markdown:
    """The one Markdown instance a reader keeps and resets between files;
    `static_paths` are the settings' STATIC_PATHS (folders of content/).
    `fast=False` gives Markdown's own processors, which the fast ones must
    agree with (tests/test_markdown_golden.py compares them)."""
    return (_Markdown if fast else Markdown)(
        extensions=[
            "extra",  # tables, footnotes, attribute lists, definition lists, fenced code
            "admonition",
            "sane_lists",
            "toc",
            EduwebExtension(static_paths),
            *([SpeedExtension()] if fast else []),
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
