"""Print and read-aloud on articles and programmes (issue 11, points 5 and 6):
the print stylesheet (css/print.css), the Skriv ut button and Lyssna
(js/page-tools.mjs) with the browser's speech synthesis replaced by a
recording stub."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_consent_browser import banner, run_axe, wait_until

ARTICLE = "/nyheter/2024/larande-starker-kommunernas-digitaliseringsledning/"
PROGRAMME = "/utbildningar/chefsprogram-for-valfardens-digitalisering/"
SITE_ADDRESS = "https://digitaltledarskap.example.se"  # PUBLIC_URL of tests/fixtures/site

# Speech synthesis as a recording stub: utterances and calls are kept in
# window.__speech. Voices arrive late, as in Chrome: getVoices() is empty
# until a voiceschanged event.
SPEECH_STUB = """
(() => {
  const speech = { calls: [], utterances: [] }
  window.__speech = speech
  let voices = []
  const listeners = []
  class Utterance extends EventTarget {
    constructor (text) { super(); this.text = text; this.lang = ''; this.voice = null }
  }
  const synth = {
    getVoices: () => voices,
    speak (u) { speech.calls.push('speak'); speech.utterances.push(u) },
    pause () { speech.calls.push('pause') },
    resume () { speech.calls.push('resume') },
    cancel () { speech.calls.push('cancel') },
    addEventListener (type, fn) { if (type === 'voiceschanged') listeners.push(fn) },
  }
  const define = (name, value) => Object.defineProperty(window, name, { value, configurable: true })
  define('speechSynthesis', synth)
  define('SpeechSynthesisUtterance', Utterance)
  speech.loadVoices = (list) => {
    voices = list
    listeners.forEach((fn) => fn(new Event('voiceschanged')))
  }
  setTimeout(() => speech.loadVoices([
    { name: 'Daniel', lang: 'en-GB', localService: true },
    { name: 'Google svenska', lang: 'sv-SE', localService: false },
    { name: 'Alva', lang: 'sv_SE', localService: true },
  ]), 50)
})()
"""

NO_SPEECH = """
for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance']) {
  delete window[name]
  delete Window.prototype[name]
}
"""


def tools(page: Page):
    return page.get_by_role("group", name="Verktyg för sidan")


def after_content(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("a => getComputedStyle(a, '::after').content")


def spoken(page: Page) -> list[dict]:
    return page.evaluate(
        "window.__speech.utterances.map(u => ({text: u.text, lang: u.lang, "
        "voice: u.voice && u.voice.name}))"
    )


# ------------------------------------------------------------------ print media
@pytest.mark.parametrize("url", [ARTICLE, PROGRAMME])
def test_print_shows_the_content_without_navigation_banner_footer_links_or_buttons(
    page: Page, url: str
):
    page.goto(url)
    expect(banner(page)).to_be_visible()
    expect(tools(page)).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".site-header__name")).to_be_visible()  # the letterhead
    for hidden in (
        page.get_by_role("navigation", name="Huvudmeny"),
        page.get_by_role("navigation", name="Om webbplatsen"),
        page.locator(".skip-link"),
        page.locator(".js-consent"),
        page.locator(".back-link"),
        tools(page),
    ):
        expect(hidden).to_be_hidden()
    buttons = page.locator("button")
    assert buttons.count() >= 2  # Skriv ut and the cookie banner's
    for button in buttons.all():
        expect(button).to_be_hidden()
    colours = page.evaluate(
        "() => [...document.querySelectorAll('main *')].map(e => getComputedStyle(e))"
        ".map(s => s.color + '|' + s.backgroundColor)"
    )
    assert set(colours) == {"rgb(0, 0, 0)|rgba(0, 0, 0, 0)"}
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()


def test_print_writes_link_targets_in_full(page: Page):
    page.goto(ARTICLE)
    internal = "main .programme-card a[href^='/utbildningar/']"
    assert after_content(page, internal) in ("none", "normal")  # not on screen
    page.emulate_media(media="print")
    href = page.locator(internal).first.get_attribute("href")
    assert after_content(page, internal) == f'" ({SITE_ADDRESS}{href})"'
    page.goto(PROGRAMME)
    page.emulate_media(media="print")
    external = "main .next-round a[href^='https://']"
    href = page.locator(external).first.get_attribute("href")
    assert after_content(page, external) == f'" ({href})"'
    # Links within the page and contact details print as they are.
    assert after_content(page, "main a[href^='#']") in ("none", "normal")
    assert after_content(page, "main .contact-card a[href^='mailto:']") in ("none", "normal")


def test_print_keeps_each_round_and_its_sessions_together(page: Page):
    page.goto(PROGRAMME)
    finished = page.locator("details.round__sessions .session-list").first
    expect(finished).to_be_hidden()  # closed on screen
    page.emulate_media(media="print")
    expect(finished).to_be_visible()  # every session is on paper
    expect(page.locator("details.round__sessions > summary").first).to_be_hidden()
    for selector, prop in (
        (".round", "breakInside"),
        (".session-list", "breakInside"),
        (".next-round", "breakInside"),
        ("#omgangar", "breakAfter"),
        (".round__name", "breakAfter"),
    ):
        value = page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}")
        assert value == "avoid", (selector, prop, value)


def test_printing_opens_closed_details_and_closes_them_after(page: Page):
    """For browsers without ::details-content (page-tools.mjs, beforeprint)."""
    page.goto(PROGRAMME)
    wait_until(page, "document.querySelector('[data-page-tools]').hidden === false")
    closed = "[...document.querySelectorAll('main details')].filter(d => !d.open).length"
    count = page.evaluate(closed)
    assert count > 0
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(closed) == 0
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(closed) == count


def test_print_draws_boxes_with_a_border_not_a_background(page: Page):
    page.goto(ARTICLE)
    facts = page.locator(".facts").first
    page.emulate_media(media="print")
    style = facts.evaluate(
        "e => { const s = getComputedStyle(e); "
        "return [s.backgroundColor, s.borderTopWidth, s.borderTopStyle, s.borderTopColor] }"
    )
    assert style == ["rgba(0, 0, 0, 0)", "1px", "solid", "rgb(0, 0, 0)"]


# ------------------------------------------------------------------- Skriv ut
@pytest.mark.parametrize("url", [ARTICLE, PROGRAMME])
def test_skriv_ut_prints(page: Page, url: str):
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed++ }")
    page.goto(url)
    tools(page).get_by_role("button", name="Skriv ut").click()
    assert page.evaluate("window.__printed") == 1


def test_no_tools_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    page.goto(ARTICLE)
    expect(page.locator("[data-page-tools]")).to_have_count(1)
    expect(page.locator("[data-page-tools]")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut")).to_have_count(0)
    context.close()


# -------------------------------------------------------------------- Lyssna
def test_lyssna_is_absent_without_speech_synthesis(page: Page):
    page.add_init_script(NO_SPEECH)
    page.goto(ARTICLE)
    expect(tools(page).get_by_role("button", name="Skriv ut")).to_be_visible()
    expect(page.locator("[data-listen]")).to_have_count(0)
    expect(page.get_by_role("button", name="Lyssna")).to_have_count(0)


def test_lyssna_waits_for_a_voice(page: Page):
    page.add_init_script(SPEECH_STUB.replace("setTimeout(", "void (", 1))
    page.goto(ARTICLE)
    expect(tools(page).get_by_role("button", name="Skriv ut")).to_be_visible()
    expect(page.get_by_role("button", name="Lyssna")).to_be_hidden()
    page.evaluate("window.__speech.loadVoices([{name: 'Alva', lang: 'sv-SE', localService: true}])")
    expect(page.get_by_role("button", name="Lyssna")).to_be_visible()


@pytest.mark.parametrize("url", [ARTICLE, PROGRAMME])
def test_lyssna_reads_the_main_text_in_swedish(page: Page, url: str):
    page.add_init_script(SPEECH_STUB)
    page.goto(url)
    page.get_by_role("button", name="Lyssna").click()
    utterances = spoken(page)
    assert utterances
    assert {u["lang"] for u in utterances} == {"sv-SE"}
    # A Swedish voice on the reader's own device before a remote one.
    assert {u["voice"] for u in utterances} == {"Alva"}
    assert all(len(u["text"]) <= 200 for u in utterances), max(len(u["text"]) for u in utterances)
    text = " ".join(u["text"] for u in utterances)
    main = page.locator("main")
    assert utterances[0]["text"] == main.get_by_role("heading", level=1).inner_text()
    assert main.locator(".lead").inner_text() in text
    body = main.locator(".prose").first.locator("p").all_inner_texts()
    for paragraph in body:
        assert " ".join(paragraph.split()) in text
    for elsewhere in (
        page.locator(".js-consent").inner_text(),  # cookie banner
        page.locator(".site-footer").inner_text(),
        "Huvudmeny",
        "Skriv ut",
        "Tillbaka till nyhetslistan",
        "↩",
    ):
        for line in filter(None, (line.strip() for line in elsewhere.splitlines())):
            assert line not in text, line


def test_lyssna_pauses_resumes_and_stops(page: Page):
    page.add_init_script(SPEECH_STUB)
    page.goto(PROGRAMME)
    group = tools(page)
    group.get_by_role("button", name="Lyssna").click()
    calls = "window.__speech.calls.join()"
    assert page.evaluate(calls).startswith("cancel,speak")  # a queue left paused is cleared
    stop = group.get_by_role("button", name="Stoppa")
    expect(stop).to_be_visible()

    group.get_by_role("button", name="Pausa").click()
    assert page.evaluate(calls).endswith(",pause")
    group.get_by_role("button", name="Fortsätt").click()
    assert page.evaluate(calls).endswith(",resume")
    expect(group.get_by_role("button", name="Pausa")).to_be_focused()

    stop.click()
    assert page.evaluate(calls).endswith(",cancel")
    listen = group.get_by_role("button", name="Lyssna")
    expect(listen).to_be_focused()
    expect(stop).to_be_hidden()

    # Read to the end: the last utterance's end puts the controls back.
    listen.click()
    expect(group.get_by_role("button", name="Pausa")).to_be_visible()
    page.evaluate("window.__speech.utterances.at(-1).dispatchEvent(new Event('end'))")
    expect(listen).to_be_visible()
    expect(stop).to_be_hidden()
    # An end from a reading already stopped changes nothing.
    listen.click()
    page.evaluate("window.__speech.utterances[0].dispatchEvent(new Event('end'))")
    expect(group.get_by_role("button", name="Pausa")).to_be_visible()


def test_long_text_is_read_in_short_chunks(page: Page):
    page.goto(ARTICLE)
    wait_until(page, "document.querySelector('[data-page-tools]').hidden === false")
    src = page.locator("script[src*='page-tools']").get_attribute("src")
    sentence = "Det här är en mening om digital omställning i kommunerna."
    long_sentence = " ".join(["ord"] * 150) + "."
    chunks = page.evaluate(
        """async ([src, paragraphs]) => (await import(src)).chunkText(paragraphs)""",
        [src, [" ".join([sentence] * 20), long_sentence, "Kort stycke."]],
    )
    assert all(0 < len(c) <= 200 for c in chunks), [len(c) for c in chunks]
    assert chunks[-1] == "Kort stycke."  # a paragraph never runs into the next
    assert " ".join(chunks) == " ".join([sentence] * 20 + [long_sentence, "Kort stycke."])
    assert all(c.endswith(".") for c in chunks[:3])  # cut between sentences


def test_tools_pass_axe_and_break_no_csp_rule(page: Page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(SPEECH_STUB)
    page.goto(PROGRAMME)
    banner(page).get_by_role("button", name="Endast nödvändiga").click()
    page.get_by_role("button", name="Lyssna").click()
    expect(page.get_by_role("button", name="Stoppa")).to_be_visible()
    assert run_axe(page) == []
    assert not [m for m in messages if "Content Security Policy" in m], messages


def test_read_aloud_text_leaves_out_controls_footnote_marks_and_hidden_text(page: Page):
    page.goto(ARTICLE)
    wait_until(page, "document.querySelector('[data-page-tools]').hidden === false")
    src = page.locator("script[src*='page-tools']").get_attribute("src")
    paragraphs = page.evaluate(
        """async (src) => {
          const { readableParagraphs, readingElements } = await import(src)
          const box = document.createElement('div')
          box.className = 'read-test'
          box.innerHTML = `<h2>Rubrik</h2><p>Första raden<br>andra raden<sup id="fnref:1">`
            + `<a class="footnote-ref" href="#fn:1">1</a></sup>.</p>`
            + `<ul><li>Ett</li><li>Två <span hidden>dolt</span></li></ul>`
            + `<p><button>Knapp</button> <span aria-hidden="true">★</span> · </p>`
            + `<div class="footnote"><hr><ol><li id="fn:1"><p>Källa: rapporten.&#160;`
            + `<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>`
          document.querySelector('main').append(box)
          return readableParagraphs(readingElements('.read-test, .read-test p'))
        }""",
        src,
    )
    assert paragraphs == [
        "Rubrik",
        "Första raden",
        "andra raden.",
        "Ett",
        "Två",
        "Källa: rapporten.",
    ]
