"""The readers' calendar and the home page in Chromium (issue 11, items 8
and 9): no axe violations, no sideways scrolling at 360 px, and the
calendar's filters work as plain links, without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/",
    "/kalender/",
    "/kalender/manad/2027-09/",
    "/kalender/utbildning/att-leda-digital-omstallning/",
    "/utbildningar/att-leda-digital-omstallning/",
]


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(url="/__test__/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("url", PAGES)
def test_no_axe_violations_and_no_sideways_scrolling(page: Page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    # Open the subscribe help, so axe and the width check see it too.
    for summary in page.locator(".calendar-subscribe > summary").all():
        summary.click()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_filters_are_links_that_work_without_javascript(no_script_page: Page, base_url):
    page = no_script_page
    page.goto(base_url + "/kalender/")
    page.get_by_role("link", name="September 2027", exact=True).click()
    expect(page).to_have_url(base_url + "/kalender/manad/2027-09/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalender: september 2027")
    expect(page.locator('.calendar-filter a[aria-current="page"]')).to_have_text("September 2027")
    page.get_by_role("link", name="Att leda digital omställning", exact=True).first.click()
    expect(page).to_have_url(base_url + "/kalender/utbildning/att-leda-digital-omstallning/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kalender: Att leda digital omställning"
    )


def test_add_links_have_names_that_say_which_session(page: Page):
    page.goto("/utbildningar/att-leda-digital-omstallning/")
    link = page.get_by_role("link", name="Lägg till träff 1, 14 september 2027, i Google Kalender")
    expect(link).to_have_count(1)
    assert link.get_attribute("href").startswith("https://calendar.google.com/calendar/render?")
