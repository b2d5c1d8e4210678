"""The links between the pages of a news list: the first and last page and
two on each side of the current one, so that a list of N pages does not
make every page link to all N (which grew the build quadratically: 495
pages of 500 links each at 5,000 articles)."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT


class Paginator:
    def __init__(self, pages: int):
        self.num_pages = pages
        self.page_range = range(1, pages + 1)
        self.asked = 0

    def page(self, number: int) -> SimpleNamespace:
        self.asked += 1
        return SimpleNamespace(number=number, url=f"nyheter/{number}/")


def render(current: int, pages: int) -> tuple[list[str], int]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme" / "templates"))
    macro = env.get_template("components/pagination.html").module.pagination
    paginator = Paginator(pages)
    html = str(macro(paginator.page(current), paginator))
    asked = paginator.asked - 1
    items = BeautifulSoup(html, "html.parser").select(".pagination__list li")
    return [li.get_text(" ", strip=True).replace("Sida ", "") for li in items], asked


@pytest.mark.parametrize(
    ("current", "pages", "shown"),
    [
        (1, 1, []),
        (1, 3, ["1 (den här sidan)", "2", "3"]),
        (1, 50, ["1 (den här sidan)", "2", "3", "…", "50"]),
        (4, 50, ["1", "2", "3", "4 (den här sidan)", "5", "6", "…", "50"]),
        (25, 50, ["1", "…", "23", "24", "25 (den här sidan)", "26", "27", "…", "50"]),
        (50, 50, ["1", "…", "48", "49", "50 (den här sidan)"]),
    ],
)
def test_the_first_the_last_and_two_on_each_side(current, pages, shown):
    assert render(current, pages)[0] == shown


def test_a_page_links_to_at_most_six_other_pages_however_long_the_list():
    assert render(250, 500)[1] <= 6
