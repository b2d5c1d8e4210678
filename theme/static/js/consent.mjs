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

function init (banner) {
  const config = JSON.parse(banner.dataset.config)
  const keys = Object.keys(config.categories)
  const dialog = document.querySelector('.js-consent-dialog')
  const form = dialog.querySelector('form')
  const message = banner.querySelector('.js-consent-message')
  const confirmation = banner.querySelector('.js-consent-confirmation')
  const cookieValue = () => {
    const row = document.cookie.split('; ').find((r) => r.startsWith(`${config.cookie}=`))
    return row && row.slice(config.cookie.length + 1)
  }
  let choice = parseChoice(cookieValue(), config.version)
  let opener = null
  let returnTo = null

  function store () {
    const value = new URLSearchParams({
      v: config.version, yes: choice.yes.join(' '), no: choice.no.join(' '), t: new Date().toISOString()
    })
    document.cookie = `${config.cookie}=${value}; Path=/; Max-Age=${YEAR}; SameSite=Lax` +
      (location.protocol === 'https:' ? '; Secure' : '')
  }

  function removeCookies (key) {
    const patterns = config.categories[key].cookies.map(cookiePattern)
    for (const row of document.cookie.split('; ')) {
      const name = row.split('=')[0]
      if (!name || !patterns.some((p) => p.test(name))) continue
      for (const domain of ['', ...domains(location.hostname)]) {
        document.cookie = `${name}=; Path=/; Max-Age=0${domain && `; Domain=${domain}`}`
      }
    }
  }

  /** Start what is allowed, stop and clean up what is not. */
  function apply () {
    const allowed = (key) => choice.yes.includes(key)
    keys.filter((key) => !allowed(key)).forEach(removeCookies)
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
    document.dispatchEvent(new CustomEvent('consent:change', { detail: { granted: [...choice.yes] } }))
  }

  function decide (yes, no, text) {
    choice = { yes, no }
    store()
    apply()
    if (!text) return
    returnTo = opener && !banner.contains(opener) ? opener : null
    confirmation.querySelector('.js-consent-confirmation-text').textContent = config.texts[text]
    message.hidden = true
    confirmation.hidden = false
    banner.hidden = false
    confirmation.focus()
  }

  function openDialog (button) {
    opener = button
    for (const input of $$('input[role="switch"]', form)) input.checked = choice.yes.includes(input.name)
    dialog.returnValue = ''
    dialog.showModal()
  }

  banner.querySelector('.js-consent-accept').addEventListener('click', () =>
    decide(keys, [], 'confirmed_all'))
  banner.querySelector('.js-consent-reject').addEventListener('click', () =>
    decide([], keys, 'confirmed_none'))
  banner.querySelector('.js-consent-hide').addEventListener('click', () => {
    banner.hidden = true
    returnTo?.focus()
  })
  for (const button of $$('.js-consent-open')) {
    button.addEventListener('click', () => openDialog(button))
  }
  for (const wrapper of $$('.js-consent-reveal')) wrapper.hidden = false
  for (const note of $$('.js-consent-noscript')) note.hidden = true
  dialog.querySelector('.js-consent-cancel').addEventListener('click', () => dialog.close())
  // Escape and Avbryt: back to the button that opened the dialog.
  dialog.addEventListener('close', () => { if (dialog.returnValue !== 'saved') opener?.focus() })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const checked = $$('input[role="switch"]', form).filter((input) => input.checked).map((input) => input.name)
    dialog.close('saved')
    decide(checked, keys.filter((key) => !checked.includes(key)), 'confirmed_saved')
  })

  for (const placeholder of $$('[data-consent-placeholder]')) {
    const key = placeholder.dataset.consentPlaceholder
    if (!config.categories[key]) continue
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

  apply()
  // Ask when some category has no stored answer (none yet, a new policy
  // version, or a category added since); not on the cookie page itself,
  // which has the settings button.
  const decided = keys.every((key) => choice.yes.includes(key) || choice.no.includes(key))
  const cookiePage = banner.querySelector('.js-consent-page').pathname === location.pathname
  if (!decided && !cookiePage) banner.hidden = false
}

const banner = document.querySelector('.js-consent')
if (banner) init(banner)
