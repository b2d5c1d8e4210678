/* Page tools on articles and programmes: "Skriv ut" (print) and "Lyssna"
 * (read aloud with the browser's own speech synthesis; no outside service).
 * Markup: components/page_tools.html. The tools are rendered hidden, so a
 * reader without JavaScript never sees buttons that would do nothing; this
 * script reveals them, and reveals Lyssna only where the browser can speak.
 *
 * What is read is the page's main text only: the elements matched by the
 * tools' data-read-aloud selector (title, lead and body), never the menu,
 * cookie banner or footer.
 */

// Chrome stops an utterance after about 15 seconds; at a reading pace of
// ~14 characters a second, 200 characters stay well under that.
export const CHUNK_LENGTH = 200

export const LABELS = { listen: 'Lyssna', pause: 'Pausa', resume: 'Fortsätt', stop: 'Stoppa' }

// Not read: controls, footnote marks and back-links (↩), hidden things.
const SKIP = 'button, script, style, template, noscript, [hidden], [aria-hidden="true"], ' +
  '.footnote-ref, .footnote-backref, .page-tools'
const HAS_WORD = /[\p{L}\p{N}]/u

/** The sentences of `text`, each with its trailing space trimmed. */
function sentences (text) {
  if (typeof Intl !== 'undefined' && Intl.Segmenter) {
    const segmenter = new Intl.Segmenter('sv', { granularity: 'sentence' })
    return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean)
  }
  return (text.match(/[^.!?…]+(?:[.!?…]+["'”»)]*|$)/g) || []).map((s) => s.trim()).filter(Boolean)
}

/** Split a sentence longer than `max` at the last comma, semicolon or
 * space before the limit (a hard cut only for a run without spaces). */
function splitLong (sentence, max) {
  const parts = []
  let rest = sentence
  while (rest.length > max) {
    const window = rest.slice(0, max + 1)
    let cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '))
    cut = cut > max / 3 ? cut + 1 : window.lastIndexOf(' ')
    if (cut <= 0) cut = max
    parts.push(rest.slice(0, cut).trim())
    rest = rest.slice(cut).trim()
  }
  if (rest) parts.push(rest)
  return parts
}

/** Paragraphs -> utterance texts of at most `max` characters: sentences of
 * one paragraph are joined while they fit; a paragraph never runs into the
 * next, so headings and paragraphs keep their pauses. */
export function chunkText (paragraphs, max = CHUNK_LENGTH) {
  const chunks = []
  for (const paragraph of paragraphs) {
    let current = ''
    for (const sentence of sentences(paragraph).flatMap((s) => splitLong(s, max))) {
      if (current && current.length + 1 + sentence.length > max) {
        chunks.push(current)
        current = sentence
      } else {
        current = current ? `${current} ${sentence}` : sentence
      }
    }
    if (current) chunks.push(current)
  }
  return chunks
}

function collect (node, parts) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      parts.push(child.data)
    } else if (child.nodeType === Node.ELEMENT_NODE && !child.matches(SKIP)) {
      if (child.localName === 'br') {
        parts.push('\n')
        continue
      }
      const display = getComputedStyle(child).display
      if (display === 'none') continue
      const block = !display.startsWith('inline') && display !== 'contents'
      if (block) parts.push('\n')
      collect(child, parts)
      if (block) parts.push('\n')
    }
  }
}

/** The paragraphs of text in `elements` (block elements start a new one),
 * whitespace folded; lines without a letter or digit are dropped. */
export function readableParagraphs (elements) {
  const parts = []
  for (const element of elements) {
    parts.push('\n')
    collect(element, parts)
  }
  return parts.join('').split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => HAS_WORD.test(line))
}

/** The elements `selector` matches, without those inside another match. */
export function readingElements (selector, root = document) {
  return [...root.querySelectorAll(selector)].filter((e) => !e.parentElement?.closest(selector))
}

/** A Swedish voice, preferring sv-SE and voices that run on the reader's
 * own device (a remote voice sends the text to the browser maker); null
 * when there is none, and the browser then picks by the utterance's lang. */
export function pickVoice (voices) {
  const lang = (v) => (v.lang || '').replace('_', '-').toLowerCase()
  const swedish = voices.filter((v) => lang(v) === 'sv' || lang(v).startsWith('sv-'))
  const rank = (v) => (lang(v) === 'sv-se' ? 0 : 1) + (v.localService ? 0 : 2)
  return swedish.sort((a, b) => rank(a) - rank(b))[0] || null
}

/** Read-aloud controls: one button that starts, pauses and resumes (its
 * name says what it will do), and Stoppa while reading. */
class Reader {
  constructor (synth, toggle, stop, selector) {
    Object.assign(this, { synth, toggle, stop, selector, voice: null, run: null, state: 'idle' })
    this.label = toggle.querySelector('[data-label]') || toggle
    toggle.addEventListener('click', () => this.onToggle())
    stop.addEventListener('click', () => { this.cancel(); toggle.focus() })
    // Speech goes on after the page is left unless it is cancelled.
    addEventListener('pagehide', () => this.cancel())
  }

  setState (state) {
    this.state = state
    const reading = state !== 'idle'
    this.label.textContent = { idle: LABELS.listen, playing: LABELS.pause, paused: LABELS.resume }[state]
    this.toggle.classList.toggle('page-tools__button--active', reading)
    if (!reading && document.activeElement === this.stop) this.toggle.focus()
    this.stop.hidden = !reading
  }

  onToggle () {
    if (this.state === 'playing') {
      this.synth.pause()
      this.setState('paused')
    } else if (this.state === 'paused') {
      this.synth.resume()
      this.setState('playing')
    } else {
      this.start()
    }
  }

  start () {
    const chunks = chunkText(readableParagraphs(readingElements(this.selector)))
    if (!chunks.length) return
    // A synthesiser left paused by another page would hold back the queue.
    this.synth.cancel()
    const run = {}
    this.run = run
    chunks.forEach((text, i) => {
      const utterance = new SpeechSynthesisUtterance(text)
      utterance.lang = 'sv-SE'
      if (this.voice) utterance.voice = this.voice
      if (i === chunks.length - 1) utterance.addEventListener('end', () => this.finish(run))
      // 'interrupted' and 'canceled' come from our own cancel().
      utterance.addEventListener('error', (event) => {
        if (!['interrupted', 'canceled'].includes(event.error)) this.finish(run)
      })
      this.synth.speak(utterance)
    })
    this.setState('playing')
  }

  finish (run) {
    if (run !== this.run) return // an event of a reading already stopped
    this.run = null
    this.synth.cancel()
    this.setState('idle')
  }

  cancel () {
    if (this.run) this.finish(this.run)
  }
}

function initListen (tools, synth) {
  const group = tools.querySelector('[data-listen]')
  const toggle = tools.querySelector('[data-listen-toggle]')
  const stop = tools.querySelector('[data-listen-stop]')
  const selector = tools.dataset.readAloud
  if (!group || !toggle || !stop || !selector) return
  const reader = new Reader(synth, toggle, stop, selector)
  // Voices load asynchronously in Chrome: the list is empty until
  // voiceschanged. Without any voice the browser cannot speak, so Lyssna
  // stays hidden until there is one.
  const update = () => {
    const voices = synth.getVoices() || []
    reader.voice = pickVoice(voices)
    if (voices.length) group.hidden = false
  }
  update()
  if (synth.addEventListener) synth.addEventListener('voiceschanged', update)
  else synth.onvoiceschanged = update
}

function init (tools) {
  const print = tools.querySelector('[data-print]')
  if (print) print.addEventListener('click', () => window.print())
  tools.hidden = false
  const synth = window.speechSynthesis
  if (synth && typeof window.SpeechSynthesisUtterance === 'function') {
    initListen(tools, synth)
  } else {
    tools.querySelector('[data-listen]')?.remove()
  }
}

// The sessions of finished rounds sit in closed <details>; a printout shows
// them all, so they are opened for printing and closed again after.
function openDetailsForPrint () {
  let opened = []
  addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll('main details:not([open])')]
    for (const details of opened) details.open = true
  })
  addEventListener('afterprint', () => {
    for (const details of opened) details.open = false
    opened = []
  })
}

for (const tools of document.querySelectorAll('[data-page-tools]')) init(tools)
openDetailsForPrint()
