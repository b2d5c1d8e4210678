"""Site search in Chromium (issue 11, point 2): Swedish stemming, filters,
the keyboard, the page's own Content-Security-Policy, and the header's form
without JavaScript."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from eduweb import search_index
from playwright.sync_api import Page, expect

from .conftest import POLICY_VERSIONS, SEARCH_TEST_PAGE, SHARDED_PAGES
from .test_consent_browser import run_axe
from .test_headers_browser import host  # noqa: F401 (the fixture)

# Collects every Content-Security-Policy violation the page reports.
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', e => "
    "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
)


def results(page: Page):
    return page.get_by_role("list", name="Sökresultat").get_by_role("listitem")


def search(page: Page, address: str) -> str:
    """Open /sok/<address>, answer the cookie banner, wait for the count."""
    page.goto(f"/sok/{address}")
    necessary = page.get_by_role("button", name="Endast nödvändiga")
    if necessary.is_visible():
        necessary.click()
    status = page.locator("[data-search-status]")
    expect(status).to_contain_text("träff")
    return status.inner_text()


def total(page: Page) -> int:
    """The number of results the status announces ("15 träffar på …")."""
    text = page.locator("[data-search-status]").inner_text()
    return 0 if text.startswith("Inga") else int(text.split()[0])


def kinds(page: Page) -> set[str]:
    return set(page.locator(".search-result__kind").all_inner_texts())


def test_an_inflected_swedish_query_finds_the_page(page: Page, consent_builds):
    source = (consent_builds[POLICY_VERSIONS[0]] / SEARCH_TEST_PAGE / "index.html").read_text()
    assert "utbildning" in source and "utbildningen" not in source
    status = search(page, "?q=utbildningen")
    assert re.fullmatch(r"\d+ träffar på ”utbildningen”\.", status), status
    search(page, "?q=utbildningen&typ=Sida")
    expect(results(page).get_by_role("link", name="Söktest", exact=True)).to_be_visible()
    search(page, "?q=distansutbildningen")
    expect(results(page)).to_have_count(1)
    found = results(page).first
    expect(found.get_by_role("link")).to_have_attribute("href", "/" + SEARCH_TEST_PAGE)
    expect(found.locator(".search-result__kind")).to_have_text("Sida")
    expect(found.locator("mark")).to_have_text(re.compile(r"^distansutbildning\b"))


def test_a_news_result_shows_its_kind_date_and_excerpt(page: Page):
    search(page, "?q=eskilstuna&typ=Nyhet")
    first = results(page).first
    expect(first.locator(".search-result__kind")).to_have_text("Nyhet")
    expect(first.locator("time")).to_have_attribute("datetime", re.compile(r"\d{4}-\d\d-\d\d"))
    expect(first.locator(".search-result__excerpt mark").first).to_be_visible()


def test_filtering_by_kind_narrows_the_results(page: Page):
    search(page, "?q=utbildning")
    everything = total(page)
    assert {"Nyhet", "Utbildning"} <= kinds(page)
    status = page.locator("[data-search-status]")
    page.get_by_role("checkbox", name="Utbildningar").check()
    expect(status).not_to_have_text(re.compile(rf"^{everything} "))
    assert kinds(page) == {"Utbildning"}
    assert 0 < total(page) < everything
    assert "typ=Utbildning" in page.url
    # The address carries the choice: reloading shows the same results.
    page.reload()
    expect(page.get_by_role("checkbox", name="Utbildningar")).to_be_checked()
    expect(status).to_contain_text("träff")
    assert kinds(page) == {"Utbildning"}


def test_filtering_by_tag_narrows_the_results(page: Page):
    search(page, "?q=digital")
    everything = total(page)
    page.get_by_label("Ämne").select_option("Innovation")
    status = page.locator("[data-search-status]")
    expect(status).not_to_have_text(re.compile(rf"^{everything} "))
    assert 0 < total(page) < everything
    assert "amne=Innovation" in page.url


def test_tab_from_the_field_reaches_the_results(page: Page):
    search(page, "?q=utbildning")
    page.get_by_label("Sök på webbplatsen").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.search-results')"):
            break
    focused = page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.href")
    assert focused.startswith("A http"), focused
    # Enter follows the focused result.
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_be_visible()
    assert "/sok/" not in page.url


def test_the_more_button_adds_results_and_moves_focus(page: Page):
    search(page, "?typ=Nyhet&typ=Utbildning&typ=Sida")
    count = total(page)
    assert count > 10, "the sample has more than one batch of pages"
    expect(results(page)).to_have_count(10)
    page.get_by_role("button", name=f"Visa fler träffar ({count - 10} till)").click()
    expect(results(page)).to_have_count(min(count, 20))
    eleventh = "document.querySelectorAll('.search-result a')[10] === document.activeElement"
    assert page.evaluate(eleventh)


def test_no_policy_violation_on_the_search_page(page: Page):
    page.add_init_script(CSP_LISTENER)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    search(page, "?q=ledarskap")
    assert results(page).count() > 0
    assert page.evaluate("window.__csp || []") == []
    assert problems == []
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'wasm-unsafe-eval'" in meta


def test_no_policy_violation_under_the_hosts_headers(page: Page, host):  # noqa: F811
    _root, url = host
    page.add_init_script(CSP_LISTENER)
    page.goto(url + "/sok/?q=ledarskap")
    page.get_by_role("button", name="Endast nödvändiga").click()
    expect(page.locator("[data-search-status]")).to_contain_text("träff")
    assert results(page).count() > 0
    assert page.evaluate("window.__csp || []") == []


def test_other_pages_keep_the_strict_policy(page: Page):
    """Pagefind cannot run where 'wasm-unsafe-eval' is not allowed: the
    relaxation is needed, and it is not on the other pages."""
    page.add_init_script(CSP_LISTENER)
    page.goto("/")
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "wasm" not in meta
    failed = page.evaluate(
        """async () => {
            const api = await import('/pagefind/pagefind.js');
            await api.options({noWorker: true});
            try { await api.init(); await api.search('ledarskap'); return ''; }
            catch (error) { return String(error); }
        }"""
    )
    violations = page.evaluate("window.__csp || []")
    assert failed or violations, "Pagefind ran without 'wasm-unsafe-eval'"


def test_the_header_form_leads_to_the_results(page: Page):
    page.goto("/")
    page.get_by_role("button", name="Endast nödvändiga").click()
    field = page.get_by_role("search").get_by_label("Sök på webbplatsen")
    field.fill("ledarskap")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=ledarskap$"))
    expect(page.get_by_label("Sök på webbplatsen")).to_have_value("ledarskap")
    expect(page.locator("[data-search-status]")).to_contain_text("träff")
    # The search page has no second search field in its header.
    expect(page.get_by_role("search")).to_have_count(1)


def test_without_javascript_the_header_form_lands_on_the_search_page(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/utbildningar/")
    field = page.get_by_role("search").get_by_label("Sök på webbplatsen")
    field.fill("ledarskap")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=ledarskap$"))
    expect(page.get_by_text("Sökningen behöver JavaScript")).to_be_visible()
    context.close()


def test_axe_finds_no_violation_on_the_search_page_with_results(page: Page):
    search(page, "?q=utbildning&typ=Utbildning")
    assert run_axe(page) == []


# ------------------------------------------------------------- shards (issue 12)
# The same searches over the one-bundle build and the sharded one.
SHARD_QUERIES = (
    "?q=utbildningen",
    "?q=distansutbildningen",
    "?q=utbildning&typ=Utbildning",
    "?q=utbildning&typ=Nyhet&typ=Sida",
    "?q=digital&amne=Innovation",
    "?typ=Nyhet&typ=Utbildning&typ=Sida",
    "?amne=Ledarskap",
)


# A word only some shards have: see test_a_sharded_index_finds_what_one_index_finds.
RARE_WORD_QUERIES = ("?q=distansutbildningen",)


def all_results(page: Page, address: str) -> list[str]:
    """The addresses of every result, "Visa fler träffar" pressed until
    all are shown."""
    search(page, address)
    count = total(page)
    more = page.locator("[data-search-more]")
    shown = min(count, 10)
    expect(results(page)).to_have_count(shown)
    while shown < count:
        more.click()
        shown = min(count, shown + 10)
        expect(results(page)).to_have_count(shown)
    return page.locator(".search-result__title a").evaluate_all("links => links.map(a => a.href)")


def shard_of_each_page(output: Path) -> dict[str, str]:
    """Address -> the folder of the shard that indexed it."""
    bundle = output / "pagefind"
    listed = json.loads((bundle / search_index.SHARDS_FILE).read_text(encoding="utf-8"))
    found = {}
    for folder in ["", *listed["shards"]]:
        for path in (bundle / folder / "fragment").iterdir():
            data = gzip.decompress(path.read_bytes())[len(search_index.SIGNATURE) :]
            found[json.loads(data)["url"]] = folder
    return found


def test_a_sharded_index_finds_what_one_index_finds(page: Page, served, consent_builds):
    """Results, filters and Swedish stemming over shards merged in the
    browser: the same pages as one index over the whole site. Except for a
    word that some shards lack: Pagefind searches each shard on its own, and
    one that has no word starting with the query's stem takes its longest
    prefix instead, as one index does when no page has the word; those
    pages come after the ones with the word."""
    whole = {address: all_results(page, address) for address in SHARD_QUERIES}
    sharded = consent_builds[POLICY_VERSIONS[1]]
    shards = shard_of_each_page(sharded)
    assert len(set(shards.values())) >= 3, "the sample site is in shards"
    assert max(map(list(shards.values()).count, set(shards.values()))) <= 3 * SHARDED_PAGES
    served.use(POLICY_VERSIONS[1])
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for address, expected in whole.items():
        found = all_results(page, address)
        if address in RARE_WORD_QUERIES:
            # A shard without the word answers with the pages of its longest
            # prefix (Pagefind #315), ranked after the pages with the word.
            assert set(found) >= set(expected), address
            assert found[: len(expected)] == expected, address
        else:
            assert sorted(found) == sorted(expected), address
        assert len(found) == len(set(found)), address
        paths = [re.sub(r"^https?://[^/]+", "", url) for url in found]
        if len(found) > 3:
            assert len({shards[path] for path in paths}) >= 2, address
    # One search page: only the first shard's script and WebAssembly are
    # loaded, and each other shard's entry once.
    requested.clear()
    search(page, "?q=utbildning")
    paths = [re.sub(r"^https?://[^/]+|\?.*$", "", url) for url in requested]
    assert paths.count("/pagefind/pagefind.js") == 1
    assert [p for p in paths if p.startswith("/pagefind/wasm.")] == ["/pagefind/wasm.sv.pagefind"]
    assert not [p for p in paths if re.match(r"/pagefind/\d+/(pagefind\.js|wasm)", p)]
    entries = sorted(p for p in paths if p.endswith("/pagefind-entry.json"))
    folders = sorted(set(shards.values()))
    assert entries == sorted(f"/pagefind/{folder}pagefind-entry.json" for folder in folders)
