/* Cookie consent: shows the banner when no valid choice is stored, keeps the
 * choice in one first-party cookie, starts what the reader allowed and removes
 * the cookies of what they did not. Markup: components/cookie_banner.html;
 * settings: CONSENT in pelicanconf.py (plugins/eduweb/consent.py).
 *
 * Content that needs consent is inert in the HTML:
 *   <script type="text/plain" data-consent="statistik" data-src="/x.js"></script>
 *     becomes a real script with the same attributes (src="…" works too;
 *     data-type="module" makes it a module);
 *   <iframe data-consent="externt-innehall" data-src="https://…" title="…"></iframe>
 *     gets its src, and [data-consent-placeholder="externt-innehall"] elements
 *     are hidden; until then they get a button that allows the category.
 * Scripts already running hear `consent:change` on document (detail.granted:
 * the allowed category keys); a withdrawn category's scripts stop on next load.
 */

const YEAR = 365 * 24 * 3600 // the choice is kept 12 months, in seconds
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)]

/** `_pk_id.*` -> RegExp; * stands for any characters. */
export const cookiePattern = (name) =>
  new RegExp(`^${name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)

/** The host and its parent domains: a cookie set with Domain=… is only
 * removed by the same Domain, and the page cannot tell which was used. */
export function domains (host) {
  const parts = host.split('.')
  return parts.slice(0, -1).map((_, i) => parts.slice(i).join('.'))
}

/** The stored choice: `v=<policy>&yes=a+b&no=c&t=<ISO time>`. Only a choice
 * made under the current policy version counts. */
export function parseChoice (value, version) {
  const params = new URLSearchParams(value || '')
  const list = (key) => (params.get(key) || '').split(' ').filter(Boolean)
  return params.get('v') === version ? { yes: list('yes'), no: list('no') } : { yes: [], no: [] }
}

/** The stored choice of cookie `name`, or undefined. */
export function readConsentCookie (name, cookies = document.cookie) {
  const row = cookies.split('; ').find((r) => r.startsWith(`${name}=`))
  return row && row.slice(name.length + 1)
}

/** A choice is valid when it answers every category: none stored, a new
 * policy version (parseChoice) or a category added since leave some open. */
export const isValidConsentCookie = (choice, keys) =>
  keys.every((key) => choice.yes.includes(key) || choice.no.includes(key))

/** Ask until the choice is valid; not on the cookie page itself, which has
 * the settings button. */
export const shouldShowBanner = (choice, keys, onCookiePage) =>
  !onCookiePage && !isValidConsentCookie(choice, keys)

function setConsentCookie (config, choice) {
  const value = new URLSearchParams({
    v: config.version, yes: choice.yes.join(' '), no: choice.no.join(' '), t: new Date().toISOString()
  })
  document.cookie = `${config.cookie}=${value}; Path=/; Max-Age=${YEAR}; SameSite=Lax` +
    (location.protocol === 'https:' ? '; Secure' : '')
}

/** Remove the cookies matching a category's patterns, under any domain. */
function removeCookies (names) {
  const patterns = names.map(cookiePattern)
  for (const row of document.cookie.split('; ')) {
    const name = row.split('=')[0]
    if (!name || !patterns.some((p) => p.test(name))) continue
    for (const domain of ['', ...domains(location.hostname)]) {
      document.cookie = `${name}=; Path=/; Max-Age=0${domain && `; Domain=${domain}`}`
    }
  }
}

/** Inert scripts of allowed categories become real ones. */
function runAllowedScripts (allowed) {
  for (const old of $$('script[type="text/plain"][data-consent]')) {
    if (!allowed(old.dataset.consent)) continue
    const script = document.createElement('script')
    for (const { name, value } of old.attributes) {
      if (name !== 'type' && name !== 'data-src') script.setAttribute(name, value)
    }
    if (old.dataset.type) script.type = old.dataset.type
    if (old.dataset.src) script.src = old.dataset.src
    script.async = old.hasAttribute('async') // otherwise in document order
    old.replaceWith(script)
  }
}

/** Allowed iframes load; the others are unloaded; placeholders stand in for those. */
function loadAllowedFrames (allowed) {
  for (const frame of $$('iframe[data-consent][data-src]')) {
    if (allowed(frame.dataset.consent)) {
      if (!frame.getAttribute('src')) frame.src = frame.dataset.src
    } else if (frame.getAttribute('src')) {
      const unloaded = frame.cloneNode()
      unloaded.removeAttribute('src')
      frame.replaceWith(unloaded)
    }
  }
  for (const placeholder of $$('[data-consent-placeholder]')) {
    placeholder.hidden = allowed(placeholder.dataset.consentPlaceholder)
  }
}

/** Start what is allowed, stop and clean up what is not, and tell scripts. */
function applyConsent (config, choice) {
  const allowed = (key) => choice.yes.includes(key)
  for (const [key, category] of Object.entries(config.categories)) {
    if (!allowed(key)) removeCookies(category.cookies)
  }
  runAllowedScripts(allowed)
  loadAllowedFrames(allowed)
  document.dispatchEvent(new CustomEvent('consent:change', { detail: { granted: [...choice.yes] } }))
}

function init (banner) {
  const config = JSON.parse(banner.dataset.config)
  const keys = Object.keys(config.categories)
  const dialog = document.querySelector('.js-consent-dialog')
  const form = dialog.querySelector('form')
  const message = banner.querySelector('.js-consent-message')
  const confirmation = banner.querySelector('.js-consent-confirmation')
  const switches = () => $$('input[role="switch"]', form)
  const on = (root, selector, handler) => root.querySelector(selector).addEventListener('click', handler)
  let choice = parseChoice(readConsentCookie(config.cookie), config.version)
  let opener = null
  let returnTo = null

  function showConfirmation (text) {
    returnTo = opener && !banner.contains(opener) ? opener : null
    confirmation.querySelector('.js-consent-confirmation-text').textContent = config.texts[text]
    message.hidden = true
    confirmation.hidden = false
    banner.hidden = false
    confirmation.focus()
  }

  function decide (yes, no, text) {
    choice = { yes, no }
    setConsentCookie(config, choice)
    applyConsent(config, choice)
    if (text) showConfirmation(text)
  }

  function openDialog (button) {
    opener = button
    for (const input of switches()) input.checked = choice.yes.includes(input.name)
    dialog.returnValue = ''
    dialog.showModal()
  }

  function hideBanner () {
    banner.hidden = true
    returnTo?.focus()
  }

  function saveDialog (event) {
    event.preventDefault()
    const checked = switches().filter((input) => input.checked).map((input) => input.name)
    dialog.close('saved')
    decide(checked, keys.filter((key) => !checked.includes(key)), 'confirmed_saved')
  }

  /** A button in each embed's placeholder that allows just its category. */
  function addPlaceholderButton (placeholder) {
    const key = placeholder.dataset.consentPlaceholder
    if (!config.categories[key]) return
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'consent__button'
    button.textContent = config.texts.embed_allow.replace('{category}', config.categories[key].label)
    button.addEventListener('click', () => {
      decide([...new Set([...choice.yes, key])], choice.no.filter((k) => k !== key))
      placeholder.parentElement.querySelector(`iframe[data-consent="${key}"]`)?.focus()
    })
    placeholder.append(button)
  }

  on(banner, '.js-consent-accept', () => decide(keys, [], 'confirmed_all'))
  on(banner, '.js-consent-reject', () => decide([], keys, 'confirmed_none'))
  on(banner, '.js-consent-hide', hideBanner)
  for (const button of $$('.js-consent-open')) {
    button.addEventListener('click', () => openDialog(button))
  }
  for (const wrapper of $$('.js-consent-reveal')) wrapper.hidden = false
  for (const note of $$('.js-consent-noscript')) note.hidden = true
  on(dialog, '.js-consent-cancel', () => dialog.close())
  // Escape and Avbryt: back to the button that opened the dialog.
  dialog.addEventListener('close', () => { if (dialog.returnValue !== 'saved') opener?.focus() })
  form.addEventListener('submit', saveDialog)
  $$('[data-consent-placeholder]').forEach(addPlaceholderButton)

  applyConsent(config, choice)
  const onCookiePage = banner.querySelector('.js-consent-page').pathname === location.pathname
  if (shouldShowBanner(choice, keys, onCookiePage)) banner.hidden = false
}

const banner = document.querySelector('.js-consent')
if (banner) init(banner)
