// Gated with src="…" (the form) instead of data-src="…".
window.__statsSrcRan = true
