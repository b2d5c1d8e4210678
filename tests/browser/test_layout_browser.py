"""Layout in a real browser (issue 11, item 1): the side column on wide
screens, no sideways scrolling at 320 px or 1280 px, the compact menu and
cookie banner on a phone, the cookie tables whole, axe clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_consent_browser import AXE_TAGS, banner, open_first_visit, run_axe

PROGRAMME = "utbildningar/chefsprogram-for-valfardens-digitalisering/"
ARTICLE = "nyheter/2024/larande-starker-kommunernas-digitaliseringsledning/"
# One page of each kind.
PAGES = [
    "",
    "nyheter/",
    ARTICLE,
    PROGRAMME,
    "utbildningar/",
    "nyheter/amne/ledarskap/",
    "kontakt/",
    "kalender/",
    "cookies/",
    "om-webbplatsen/",
]


def overflow(page: Page) -> list[str]:
    """Elements whose right edge is past the viewport (none may be)."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth
          const out = []
          for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.site-nav, .table-scroll, .visually-hidden')) continue
            const box = e.getBoundingClientRect()
            if (box.width && box.right > width + 1) out.push(e.tagName + '.' + e.className)
          }
          return out
        }"""
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("url", PAGES)
def test_no_page_scrolls_sideways(page: Page, url, width):
    page.set_viewport_size({"width": width, "height": 800})
    if url == "cookies/":
        page.goto("/cookies/")  # the one page without the banner
    else:
        open_first_visit(page, "/" + url)  # with the cookie banner shown
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert overflow(page) == []


def test_programme_page_has_a_side_column_on_a_wide_screen(page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/" + PROGRAMME)
    main = page.locator(".with-side__main").bounding_box()
    side = page.locator(".with-side__side").bounding_box()
    assert side["x"] >= main["x"] + main["width"]  # beside, to the right
    assert side["y"] < main["y"] + main["height"]  # and level with it
    assert main["width"] <= 40 * 18 + 1  # a reading measure (40rem)
    contacts = page.locator(".with-side__more").bounding_box()
    assert contacts["x"] == side["x"]


def test_programme_page_is_one_column_on_a_phone(page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/" + PROGRAMME)
    main = page.locator(".with-side__main").bounding_box()
    side = page.locator(".with-side__side").bounding_box()
    assert side["y"] + side["height"] <= main["y"]  # the next round first


def test_the_sign_up_button_is_one_line(page: Page):
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/" + PROGRAMME)
        button = page.locator(".next-round__sign-up a")
        height = button.evaluate("a => a.getClientRects().length")
        assert height == 1


def test_the_menu_is_one_row_on_a_phone(page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    tops = page.locator(".site-nav__link").evaluate_all(
        "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    last = page.locator(".site-nav__link").last.bounding_box()
    assert last["x"] + last["width"] <= 360  # "Kontakt" whole, no scrolling needed


def test_the_cookie_banner_leaves_most_of_a_phone_screen(page: Page):
    page.set_viewport_size({"width": 360, "height": 740})
    open_first_visit(page)
    height = banner(page).bounding_box()["height"]
    assert height <= 0.45 * 740, height
    expect(
        banner(page).get_by_role("link", name="Läs mer om hur vi använder cookies")
    ).to_be_visible()


def test_cookie_tables_are_whole_on_a_wide_screen(page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/cookies/")
    for region in page.locator(".table-scroll").all():
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), region.inner_text()[:40]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("url", [PROGRAMME, ARTICLE, "kontakt/", "nyheter/"])
def test_axe_finds_no_violation(page: Page, url, width):
    assert AXE_TAGS
    page.set_viewport_size({"width": width, "height": 800})
    open_first_visit(page, "/" + url)
    assert run_axe(page) == []
