/* Matomo statistics, started by consent.mjs only after consent to its
 * category. Settings come from the data- attributes of its script element
 * (MATOMO in pelicanconf.py): no inline script is needed under the CSP.
 * Matomo runs in its "tracking consent" mode, so it sends nothing and sets
 * no cookie once the reader withdraws consent on this page; consent.mjs
 * removes the cookies it had set. */

const script = document.querySelector('script[data-matomo-url]')
const { matomoUrl: url, matomoSiteId: siteId, consent: category } = script.dataset
const paq = (window._paq = window._paq || [])

paq.push(['requireConsent'], ['setConsentGiven'])
paq.push(['setTrackerUrl', `${url}matomo.php`], ['setSiteId', siteId])
paq.push(['trackPageView'], ['enableLinkTracking'])

document.addEventListener('consent:change', (event) => {
  paq.push([event.detail.granted.includes(category) ? 'setConsentGiven' : 'requireConsent'])
})

const tracker = document.createElement('script')
tracker.async = true
tracker.src = `${url}matomo.js`
document.head.append(tracker)
