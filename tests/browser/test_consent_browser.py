"""Cookie consent in a real browser: what runs, what is stored, and how it
works by keyboard and for screen readers (issue 5)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page, expect

from .conftest import TEST_PAGE

BANNER = "Cookies på Digitalt ledarskap"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def banner(page: Page):
    return page.get_by_role("region", name=BANNER)


def dialog(page: Page):
    return page.get_by_role("dialog", name="Cookie-inställningar")


def open_first_visit(page: Page, url: str = "/") -> None:
    """Load a page and wait until the consent script has shown the banner."""
    page.goto(url)
    expect(banner(page)).to_be_visible()


def cookie_names(page: Page) -> list[str]:
    text = page.evaluate("document.cookie")
    return sorted(row.split("=")[0] for row in text.split("; ") if row)


def stored_choice(page: Page) -> dict:
    cookie = next(c for c in page.context.cookies() if c["name"] == "samtycke")
    return {
        key: value[0] for key, value in parse_qs(cookie["value"], keep_blank_values=True).items()
    }


def wait_until(page: Page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression from the test side until it is true.

    page.wait_for_function polls inside the page with eval, which the site's
    Content-Security-Policy (rightly) forbids; page.evaluate goes through the
    DevTools protocol, which CSP does not govern.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.05)


def stats_runs(page: Page) -> int:
    return page.evaluate("window.__statsRuns || 0")


def focused(page: Page) -> str:
    """The focused element, described for assertions."""
    return page.evaluate(
        """() => {
          const e = document.activeElement
          if (!e || e === document.body) return 'body'
          const where = e.closest('dialog') ? 'dialog'
            : e.closest('.js-consent') ? 'banner' : 'page'
          return `${where}:${e.tagName.toLowerCase()}:${(e.textContent || e.name || '').trim()}`
        }"""
    )


def run_axe(page: Page) -> list[dict]:
    page.add_script_tag(url="/__test__/axe.min.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


# ------------------------------------------------------------------ first visit
def test_banner_shows_on_first_visit_and_not_after_a_choice(page: Page):
    open_first_visit(page)
    region = banner(page)
    for name in ("Godkänn alla", "Endast nödvändiga", "Inställningar"):
        expect(region.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(region.get_by_role("link", name="Läs mer om hur vi använder cookies")).to_have_attribute(
        "href", "/cookies/"
    )
    expect(region).to_contain_text("Statistik")
    expect(region).to_contain_text("Externt innehåll")

    region.get_by_role("button", name="Endast nödvändiga").click()
    page.goto("/nyheter/")
    page.wait_for_load_state("load")
    expect(page.locator(".js-consent")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_three_buttons_are_equal_in_size_and_style(page: Page):
    open_first_visit(page)
    boxes, styles = [], set()
    for name in ("Godkänn alla", "Endast nödvändiga", "Inställningar"):
        button = banner(page).get_by_role("button", name=name, exact=True)
        box = button.bounding_box()
        boxes.append((round(box["width"]), round(box["height"])))
        styles.add(
            button.evaluate(
                "b => { const s = getComputedStyle(b); "
                "return [s.backgroundColor, s.color, s.fontWeight, s.fontSize, s.borderColor]"
                ".join() }"
            )
        )
    assert len(set(boxes)) == 1, boxes
    assert len(styles) == 1, styles


def test_nothing_non_essential_runs_or_is_stored_before_a_choice(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    page.wait_for_load_state("load")
    assert stats_runs(page) == 0
    assert page.evaluate("window.__statsSrcRan") is None
    assert page.evaluate("window._paq") is None  # Matomo was not started
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.locator("iframe[data-consent]").get_attribute("src") is None
    placeholder = page.locator("[data-consent-placeholder]")
    expect(placeholder).to_be_visible()
    expect(
        placeholder.get_by_role("button", name="Tillåt och visa (Externt innehåll)")
    ).to_be_visible()


def test_no_preticked_switch(page: Page):
    open_first_visit(page)
    banner(page).get_by_role("button", name="Inställningar").click()
    switches = dialog(page).get_by_role("switch")
    expect(switches).to_have_count(2)
    for i in range(2):
        expect(switches.nth(i)).not_to_be_checked()


# ------------------------------------------------------------------- the choice
def test_accept_all_runs_gated_scripts_and_iframes(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Godkänn alla").click()
    wait_until(page, "window.__statsRuns === 1 && window.__statsSrcRan === true")
    expect(page.locator("iframe[data-consent]")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/abc123"
    )
    expect(page.locator("[data-consent-placeholder]")).to_be_hidden()
    commands = page.evaluate("window._paq.map(c => c[0])")
    assert commands[:2] == ["requireConsent", "setConsentGiven"]
    assert "trackPageView" in commands
    assert stored_choice(page)["yes"] == "statistik externt-innehall"

    page.reload()
    wait_until(page, "window.__statsRuns === 1")  # once per page load, from the stored choice
    expect(page.locator(".js-consent")).to_be_hidden()


def test_statistik_ticked_in_settings_runs_statistics_only(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Inställningar").click()
    dialog(page).get_by_role("switch", name="Statistik").check()
    dialog(page).get_by_role("button", name="Spara val").click()
    expect(dialog(page)).to_be_hidden()
    wait_until(page, "window.__statsRuns === 1")
    assert page.locator("iframe[data-consent]").get_attribute("src") is None
    choice = stored_choice(page)
    assert (choice["yes"], choice["no"]) == ("statistik", "externt-innehall")


def test_necessary_only_runs_nothing_and_stores_only_the_consent_cookie(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Endast nödvändiga").click()
    page.reload()
    page.wait_for_load_state("load")
    assert stats_runs(page) == 0
    assert page.evaluate("window._paq") is None
    assert page.locator("iframe[data-consent]").get_attribute("src") is None
    assert cookie_names(page) == ["samtycke"]
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0

    cookie = page.context.cookies()[0]
    assert (cookie["path"], cookie["sameSite"], cookie["secure"]) == ("/", "Lax", False)
    twelve_months = 365 * 24 * 3600
    assert abs(cookie["expires"] - (time.time() + twelve_months)) < 120
    choice = stored_choice(page)
    assert (choice["v"], choice["yes"], choice["no"]) == (
        "test-1",
        "",
        "statistik externt-innehall",
    )
    assert choice["t"].endswith("Z")  # an ISO time


def test_confirmation_replaces_the_banner_takes_focus_and_can_be_closed(page: Page):
    open_first_visit(page)
    banner(page).get_by_role("button", name="Godkänn alla").click()
    status = page.get_by_role("status")
    expect(status).to_be_visible()
    expect(status).to_be_focused()
    expect(status).to_contain_text("Du har godkänt alla cookies.")
    expect(banner(page).get_by_role("button", name="Godkänn alla")).to_be_hidden()
    status.get_by_role("button", name="Dölj meddelandet").click()
    expect(page.locator(".js-consent")).to_be_hidden()


# ------------------------------------------------------------------- withdrawing
def test_withdrawing_removes_the_category_cookies_and_stops_its_scripts(page: Page, base_url):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Godkänn alla").click()
    wait_until(page, "window.__statsRuns === 1")
    page.context.add_cookies([{"name": "_pk_ses.1.abcd", "value": "1", "url": base_url + "/"}])
    page.reload()
    wait_until(page, "window.__statsRuns === 1")
    assert {"_pk_id.1.abcd", "_pk_ses.1.abcd"} <= set(cookie_names(page))

    footer_button = page.get_by_role("button", name="Cookie-inställningar")
    footer_button.click()
    switch = dialog(page).get_by_role("switch", name="Statistik")
    expect(switch).to_be_checked()  # the stored choice, as the reader left it
    switch.uncheck()
    dialog(page).get_by_role("button", name="Spara val").click()
    assert cookie_names(page) == ["samtycke"]
    assert page.evaluate("window._paq.at(-1)") == ["requireConsent"]  # Matomo stops on this page
    expect(page.get_by_role("status")).to_be_focused()
    page.get_by_role("status").get_by_role("button", name="Dölj meddelandet").click()
    expect(footer_button).to_be_focused()  # back where the reader was

    page.reload()
    page.wait_for_load_state("load")
    assert stats_runs(page) == 0
    assert cookie_names(page) == ["samtycke"]


def test_cookies_of_a_refused_category_are_removed_on_load(page: Page, base_url):
    page.context.add_cookies([{"name": "_pk_id.1.abcd", "value": "old", "url": base_url + "/"}])
    open_first_visit(page)
    assert cookie_names(page) == []


def test_a_new_policy_version_asks_again(page: Page, served):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Godkänn alla").click()
    wait_until(page, "window.__statsRuns === 1")
    page.reload()
    page.wait_for_load_state("load")
    expect(page.locator(".js-consent")).to_be_hidden()

    served.use("test-2")  # the site is rebuilt with a new policy_version
    page.reload()
    expect(banner(page)).to_be_visible()
    assert stats_runs(page) == 0  # the old consent no longer counts
    assert "_pk_id.1.abcd" not in cookie_names(page)


def test_embed_placeholder_offers_consent_for_its_category(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    page.get_by_role("button", name="Tillåt och visa (Externt innehåll)").click()
    frame = page.locator("iframe[data-consent]")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/abc123")
    expect(frame).to_be_focused()
    assert stats_runs(page) == 0
    # Statistics are still undecided, so the banner still asks.
    expect(banner(page)).to_be_visible()
    assert stored_choice(page)["yes"] == "externt-innehall"


# -------------------------------------------------------------------- keyboard
def test_keyboard_reaches_the_three_buttons_in_order(page: Page):
    open_first_visit(page)
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(focused(page))
    buttons = [f"banner:button:{n}" for n in ("Godkänn alla", "Endast nödvändiga", "Inställningar")]
    start = order.index(buttons[0])
    assert order[start : start + 3] == buttons
    assert order[start + 3] == "page:a:Gå till huvudinnehållet"  # then the skip link


def test_dialog_traps_focus_escape_closes_and_focus_returns(page: Page):
    open_first_visit(page)
    opener = banner(page).get_by_role("button", name="Inställningar")
    opener.focus()
    page.keyboard.press("Enter")
    expect(dialog(page)).to_be_visible()
    assert focused(page) == "dialog:h2:Cookie-inställningar"  # read from the start

    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        seen.append(focused(page))
    # Focus never reaches the page behind; Chromium's native modal lets it
    # step out to the browser's own controls (body) and back in.
    assert all(place.startswith("dialog:") or place == "body" for place in seen), seen
    assert "dialog:button:Spara val" in seen and "dialog:button:Avbryt" in seen
    assert seen.count("dialog:input:statistik") >= 2  # it went round

    page.keyboard.press("Escape")
    expect(dialog(page)).to_be_hidden()
    expect(opener).to_be_focused()
    assert stats_runs(page) == 0 and cookie_names(page) == []  # Escape decides nothing


def test_a_whole_choice_by_keyboard(page: Page):
    open_first_visit(page, f"/{TEST_PAGE}")
    banner(page).get_by_role("button", name="Inställningar").focus()
    page.keyboard.press("Enter")
    while focused(page) != "dialog:input:statistik":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    while focused(page) != "dialog:button:Spara val":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("Dina val om cookies är sparade.")
    wait_until(page, "window.__statsRuns === 1")


def test_cancel_returns_focus_to_the_footer_button(page: Page):
    open_first_visit(page)
    footer_button = page.get_by_role("button", name="Cookie-inställningar")
    footer_button.click()
    dialog(page).get_by_role("button", name="Avbryt").click()
    expect(dialog(page)).to_be_hidden()
    expect(footer_button).to_be_focused()


# --------------------------------------------------------------- screen readers
def test_banner_dialog_and_switches_have_accessible_names(page: Page):
    open_first_visit(page)
    expect(banner(page)).to_have_count(1)
    banner(page).get_by_role("button", name="Inställningar").click()
    expect(dialog(page)).to_be_visible()
    statistik = dialog(page).get_by_role("switch", name="Statistik")
    expect(statistik).to_have_accessible_description(
        "Hjälper oss att förstå hur webbplatsen används, till exempel vilka sidor som besöks "
        "mest, så att vi kan förbättra den. Vi använder Matomo på vår egen server och delar "
        "inte uppgifterna med någon annan."
    )
    expect(dialog(page).get_by_role("switch", name="Externt innehåll")).to_be_visible()


def test_axe_finds_no_violation_with_the_banner_open(page: Page):
    open_first_visit(page)
    assert run_axe(page) == []


def test_axe_finds_no_violation_with_the_dialog_open(page: Page):
    open_first_visit(page)
    banner(page).get_by_role("button", name="Inställningar").click()
    expect(dialog(page)).to_be_visible()
    for summary in dialog(page).locator("summary").all():
        summary.click()  # the cookie lists too
    assert run_axe(page) == []


def test_axe_finds_no_violation_on_the_cookie_page_and_with_the_confirmation(page: Page):
    open_first_visit(page)
    banner(page).get_by_role("button", name="Endast nödvändiga").click()
    assert run_axe(page) == []
    page.goto("/cookies/")
    page.wait_for_load_state("load")
    assert run_axe(page) == []


# ----------------------------------------------------------- without JavaScript
@pytest.mark.parametrize("url", ["/", f"/{TEST_PAGE}", "/cookies/"])
def test_pages_are_fully_readable_without_javascript(browser, base_url, url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_be_visible()
    expect(page.locator(".js-consent")).to_be_hidden()
    expect(page.get_by_role("button", name="Cookie-inställningar")).to_be_hidden()
    expect(page.get_by_role("link", name="Cookies", exact=True)).to_be_visible()
    if url == f"/{TEST_PAGE}":
        expect(page.get_by_role("link", name="Se filmen på YouTube")).to_be_visible()
        expect(page.locator("iframe")).to_be_hidden()
    if url == "/cookies/":
        expect(page.get_by_text("JavaScript är avstängt")).to_be_visible()
        expect(page.get_by_role("button", name="Ändra cookie-inställningar")).to_be_hidden()
    assert context.cookies() == []
    context.close()


# ------------------------------------------------------------- the cookie page
def test_cookie_page_has_no_banner_and_a_button_that_opens_the_settings(page: Page):
    page.goto("/cookies/")
    page.wait_for_load_state("load")
    button = page.get_by_role("button", name="Ändra cookie-inställningar")
    expect(button).to_be_visible()
    expect(page.locator(".js-consent")).to_be_hidden()  # no circular journey
    button.click()
    expect(dialog(page)).to_be_visible()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()


# ---------------------------------------------------------------- strict CSP
@pytest.mark.parametrize("url", [f"/{TEST_PAGE}", "/kontakt/"])  # the second has JSON-LD
def test_works_under_the_content_security_policy(page: Page, url):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )
    open_first_visit(page, url)
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in csp and "default-src 'self'" in csp
    banner(page).get_by_role("button", name="Godkänn alla").click()
    expect(page.get_by_role("status")).to_be_focused()
    if url == f"/{TEST_PAGE}":
        wait_until(page, "window.__statsRuns === 1")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__csp || []") == []
    assert refused == []


# --------------------------------------------------------------- script helpers
def test_cookie_patterns_and_parent_domains(page: Page):
    page.goto("/")
    module = page.evaluate("document.querySelector('script[type=module]').getAttribute('src')")
    result = page.evaluate(
        """async (module) => {
          const m = await import(module)
          const p = m.cookiePattern('_pk_id.*')
          return {
            matches: ['_pk_id.1.abcd', '_pk_idx', '_pk_ses.1.a', 'x_pk_id.1'].map(n => p.test(n)),
            domains: m.domains('www.digitaltledarskap.example.se'),
            single: m.domains('localhost'),
            old: m.parseChoice('v=1&yes=statistik&no=', '2'),
            current: m.parseChoice('v=2&yes=statistik&no=externt-innehall', '2'),
          }
        }""",
        module,
    )
    assert result["matches"] == [True, False, False, False]
    assert result["domains"] == [
        "www.digitaltledarskap.example.se",
        "digitaltledarskap.example.se",
        "example.se",
    ]
    assert result["single"] == []
    assert result["old"] == {"yes": [], "no": []}
    assert result["current"] == {"yes": ["statistik"], "no": ["externt-innehall"]}


def test_the_banners_decisions_are_named_functions(page: Page):
    page.goto("/")
    module = page.evaluate("document.querySelector('script[type=module]').getAttribute('src')")
    result = page.evaluate(
        """async (module) => {
          const m = await import(module)
          const keys = ['statistik', 'externt-innehall']
          const choice = (yes, no) => ({ yes, no })
          return {
            read: m.readConsentCookie('c', 'a=1; c=v%3D2&yes=statistik; cc=x'),
            missing: m.readConsentCookie('c', 'a=1; cc=x'),
            valid: [
              m.isValidConsentCookie(choice(['statistik'], ['externt-innehall']), keys),
              m.isValidConsentCookie(choice(['statistik'], []), keys),
              m.isValidConsentCookie(choice([], []), keys),
            ],
            show: [
              m.shouldShowBanner(choice([], []), keys, false),
              m.shouldShowBanner(choice([], []), keys, true),
              m.shouldShowBanner(choice(keys, []), keys, false),
            ],
          }
        }""",
        module,
    )
    assert result["read"] == "v%3D2&yes=statistik"
    assert result["missing"] is None
    assert result["valid"] == [True, False, False]
    assert result["show"] == [True, False, False]
