"""Golden files for the Markdown renderer: each tests/golden/markdown/*.md
(one construct of the content contract, docs/content-model.md "Body") must
render to exactly its *.html. They pin the HTML the site publishes, so that
the renderer can be changed (e.g. made faster) without changing a page.

After a deliberate change of output, regenerate and review the diff:
`PYTHONPATH=plugins python tests/test_markdown_golden.py`."""

from __future__ import annotations

from pathlib import Path

import pytest
from eduweb.markdown_render import make_markdown, render

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


if __name__ == "__main__":  # regenerate the expected files from today's renderer
    md = make_markdown(STATIC_PATHS)
    for source in SOURCES:
        html = render(md, source.read_text(encoding="utf-8"))
        source.with_suffix(".html").write_text(html, encoding="utf-8")
