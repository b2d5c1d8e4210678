"""The README and the guides in docs/ link to each other by relative paths;
every such link must lead to a file of the project."""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def relative_links(path) -> list[str]:
    html = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables"])
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]
    return [h for h in hrefs if not urlsplit(h).scheme and urlsplit(h).path]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_relative_links_lead_to_files(document):
    missing = [
        href
        for href in relative_links(document)
        if not (document.parent / urlsplit(href).path).exists()
    ]
    assert missing == []


def test_the_readme_links_the_writers_guide():
    assert "docs/skrivguide.md" in relative_links(ROOT / "README.md")
