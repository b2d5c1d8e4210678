"""Golden files for the Markdown renderer: each tests/golden/markdown/*.md
(one construct of the content contract, docs/content-model.md "Body") must
render to exactly its *.html. They pin the HTML the site publishes, so that
the renderer can be changed (e.g. made faster) without changing a page.

After a deliberate change of output, regenerate and review the diff:
`PYTHONPATH=plugins python tests/test_markdown_golden.py`."""

from __future__ import annotations

from pathlib import Path

import pytest
from eduweb import markdown_render
from eduweb.markdown_render import make_markdown, render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown import treeprocessors

GOLDEN = Path(__file__).resolve().parent / "golden" / "markdown"
SOURCES = sorted(GOLDEN.glob("*.md"))
STATIC_PATHS = ("images",)


def expected(source: Path) -> str:
    return source.with_suffix(".html").read_text(encoding="utf-8")


def test_every_construct_has_a_golden_file():
    assert len(SOURCES) >= 20
    assert all(source.with_suffix(".html").exists() for source in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_renders_exactly_as_pinned(source: Path):
    md = make_markdown(STATIC_PATHS)
    assert render(md, source.read_text(encoding="utf-8")) == expected(source)


def test_one_instance_renders_every_file_as_a_fresh_one():
    """The reader keeps one instance for all files: nothing of one file
    (footnotes, heading ids, fact box numbers, abbreviations, references)
    may leak into the next, in either order."""
    md = make_markdown(STATIC_PATHS)
    for source in [*SOURCES, *reversed(SOURCES)]:
        assert render(md, source.read_text(encoding="utf-8")) == expected(source), source.name


# The renderer replaces some of Markdown's processors by faster ones that
# skip text they cannot match; Markdown's own (fast=False) are the reference.


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_fast_processors_agree_with_markdowns_own(source: Path):
    text = source.read_text(encoding="utf-8")
    reference = make_markdown(STATIC_PATHS, fast=False)
    assert render(make_markdown(STATIC_PATHS), text) == render(reference, text)


# Pieces of Markdown around the characters the shortcuts look for.
PIECES = [
    *"*_`\\[]()!<>&#|:-=~^. \n\t",
    "  \n",
    "\n\n",
    "    ",
    "> ",
    "## ",
    "1. ",
    "- ",
    "***",
    "---",
    "!!! facts",
    '!!! note "T"',
    "[^1]",
    "[^1]: ",
    "*[SCB]: ",
    "SCB",
    "[a]: /x",
    "[b]:/y",
    "[TOC]",
    "| a | b |\n|---|:-:|",
    "{: #id }",
    "<b>",
    "&amp;",
    "images/x.jpg",
    "ord",
    "Å",
]


@settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_fast_processors_agree_on_any_text(pieces: list[str]):
    text = "".join(pieces)
    fast = make_markdown(STATIC_PATHS)
    reference = make_markdown(STATIC_PATHS, fast=False)
    assert render(fast, text) == render(reference, text)


def test_the_fast_processors_are_in_use():
    """A Markdown upgrade that renames what the shortcuts replace would
    leave them silently unused (or broken): this says so."""
    md = make_markdown(STATIC_PATHS)
    assert type(md.treeprocessors["inline"]) is markdown_render._InlineProcessor
    assert hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__handleInline")
    assert hasattr(treeprocessors.InlineProcessor, "_InlineProcessor__applyPattern")
    assert "parseBlocks" in vars(md.parser)
    assert "test" in vars(md.parser.blockprocessors["admonition"])
    for name, (cls, _need) in markdown_render._BLOCK_NEEDS.items():
        assert type(md.parser.blockprocessors[name]) is cls, name
    assert "replace_marker" in vars(md.treeprocessors["toc"])
    # Every inline pattern is known, so plain text is returned at once.
    assert all(markdown_render._needs(pattern) is not None for pattern in md.inlinePatterns)


if __name__ == "__main__":  # regenerate the expected files from today's renderer
    md = make_markdown(STATIC_PATHS)
    for source in SOURCES:
        html = render(md, source.read_text(encoding="utf-8"))
        source.with_suffix(".html").write_text(html, encoding="utf-8")
