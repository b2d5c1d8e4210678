"""WCAG 2.1 AA as a reader meets it, on every kind of page, in Chromium:
reflow at 320 CSS px (1.4.10), 200 % zoom and 200 % text size (1.4.4),
and a visible keyboard focus on every focus stop (2.4.7) that is scrolled
into view (not hidden under a sticky header or off the screen)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

PAGES = [
    "/",
    "/nyheter/",
    "/nyheter/2024/eskilstunas-chefer-utbildar-sig-tillsammans/",
    "/nyheter/amne/digitalisering/",
    "/utbildningar/",
    "/utbildningar/att-leda-digital-omstallning/",
    "/kalender/",
    "/kontakt/",
    "/cookies/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/sok/",
    "/om-webbplatsen/",
]

# Elements wider than the viewport, ignoring what scrolls inside its own
# container (a wide table in a focusable scroll region is allowed by 1.4.10).
OVERFLOW = """
width => [...document.querySelectorAll('body *')]
  .filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) return false;
    }
    return true;
  })
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : ''))
"""


def overflow(page: Page, width: int) -> dict:
    return {
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "wider": page.evaluate(OVERFLOW, width),
    }


def open_page(page: Page, url: str, width: int, height: int = 800) -> None:
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response is not None and response.status == 200, url


@pytest.mark.parametrize("url", PAGES)
def test_reflow_at_320_px(page: Page, url):
    open_page(page, url, 320)
    assert overflow(page, 320) == {"scroll_width": 320, "wider": []}


@pytest.mark.parametrize("url", PAGES)
def test_200_percent_zoom_and_text_size(page: Page, url):
    # 200 % browser zoom of a 1280 px window lays the page out in 640 CSS px.
    open_page(page, url, 640, 400)
    assert overflow(page, 640) == {"scroll_width": 640, "wider": []}
    # Text alone at 200 % (the reader's font-size setting), at full width.
    open_page(page, url, 1280)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert overflow(page, 1280) == {"scroll_width": 1280, "wider": []}
    assert page.locator("h1").first.is_visible()


FOCUS = """
() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow !== 'none';
  const top = document.elementFromPoint(
    Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1),
    Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1));
  return {
    element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.textContent ? ' "' + e.textContent.trim().slice(0, 30) + '"' : ''),
    visible_indicator: outline || shadow,
    in_view: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    not_covered: !!top && (e === top || e.contains(top) || top.contains(e)),
  };
}
"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("url", PAGES)
def test_every_focus_stop_is_visible(page: Page, url, width):
    open_page(page, url, width)
    # The cookie banner is the first thing a new visitor tabs through; an
    # answered banner leaves the page's own stops.
    decline = page.get_by_role("button", name="Endast nödvändiga")
    if decline.count() and decline.first.is_visible():
        decline.first.click()
    page.evaluate("window.scrollTo(0, 0)")
    seen = 0
    problems = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            break
        seen += 1
        bad = [key for key in ("visible_indicator", "in_view", "not_covered") if not focus[key]]
        if bad:
            problems.append((focus["element"], bad))
    assert seen >= 3
    assert problems == []


def test_the_checks_see_a_planted_defect(page: Page):
    """The checks above can fail: a box wider than the screen, and focus
    styles taken away."""
    open_page(page, "/", 320)
    page.evaluate(
        "() => { const d = document.createElement('div'); d.className = 'planted';"
        " d.style.width = '500px'; d.style.height = '1px'; document.body.append(d); }"
    )
    assert overflow(page, 320)["wider"] == ["div.planted"]
    open_page(page, "/", 1280)
    page.evaluate(
        "() => document.querySelectorAll('a, button, input, select, summary').forEach(e => {"
        " e.style.setProperty('outline', 'none', 'important');"
        " e.style.setProperty('box-shadow', 'none', 'important'); })"
    )
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["visible_indicator"] is False
