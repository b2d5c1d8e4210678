// Stands in for a statistics script in the browser tests: it counts its runs
// and sets a cookie named like Matomo's visitor id.
window.__statsRuns = (window.__statsRuns || 0) + 1
document.cookie = '_pk_id.1.abcd=test-visitor; Path=/; SameSite=Lax'
