"""The Content-Security-Policy of /admin/, the web editor (cms_admin.py),
from the CMS setting: which git host the editor talks to decides what it may
connect to. Kept apart from cms_admin.py so that host_files.py can write the
policy into the host header files without the build's other modules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

NOINDEX = "noindex, nofollow"
DEFAULT_GITLAB = "https://gitlab.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
_ORIGIN_RE = re.compile(r"https://[a-z0-9.-]+(?::\d{1,5})?")


def cms_settings(settings: Mapping) -> Mapping | None:
    """The CMS setting, or None when the site has no editor. The setting is
    checked with the others (site_settings.py); this only reads it."""
    cms = settings.get("CMS")
    return cms if isinstance(cms, Mapping) and cms else None


def _origin(url: str) -> str:
    """https://host[:port] of an address; only an https origin may go into
    the policy (anything else could add a source or a directive)."""
    parts = urlsplit(url or "")
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if not _ORIGIN_RE.fullmatch(origin):
        raise ValueError(f"not an https address: {url!r}")
    return origin


def backend_origins(cms: Mapping) -> tuple[list[str], list[str]]:
    """(connect, img): the origins the editor fetches from for the
    configured git host (its API and, for the PKCE login of GitLab and
    Gitea, the server's token endpoint), and those it shows the signed-in
    writer's picture from."""
    backend = cms.get("backend")
    base_url = cms.get("base_url") or ""
    api_root = cms.get("api_root") or ""
    if backend == "github":
        # The OAuth proxy (base_url) is only opened in a pop-up window, which
        # answers with postMessage: no fetch, so it is not listed.
        connect = [_origin(api_root or "https://api.github.com")]
        images = [GITHUB_AVATARS]
    elif backend == "gitlab":
        base = base_url or DEFAULT_GITLAB
        connect = [_origin(api_root or base + "/api/v4"), _origin(base)]
        images = [_origin(base)]
    elif backend == "gitea":
        connect = [_origin(api_root or base_url + "/api/v1"), _origin(base_url)]
        images = [_origin(base_url)]
    else:
        raise ValueError(f"unknown CMS backend: {backend!r}")
    return list(dict.fromkeys(connect)), list(dict.fromkeys(images))


def admin_csp(cms: Mapping) -> str:
    """The Content-Security-Policy of /admin/: the narrowest under which
    Decap 3.16 works (found by loading the editor under a policy of 'none'
    everywhere and adding only what it was refused; tests/browser/
    test_cms_browser.py fails on any violation). Why each source is there:

    - default-src 'none': fonts, workers, frames, media, manifests: Decap
      needs none of them (its preview pane is an about:blank frame, which
      frame-src does not govern; its icons are inline SVG).
    - script-src 'self': decap-cms.js, its chunks and admin.js, vendored;
      'unsafe-eval': Decap checks its config with ajv, which compiles each
      JSON schema with `new Function` — without it the editor stops at
      "Error compiling schema".
    - style-src 'unsafe-inline': Decap's styles are made at run time by
      emotion (CSS-in-JS) into <style> elements without a nonce; 'self':
      the site's stylesheet in the preview pane (admin.js).
    - img-src 'self': the site's pictures; blob:: the media library and the
      image widget show files read through the API from blob: addresses;
      the git host's avatar server: the signed-in writer's picture.
    - connect-src 'self': the config and, in local mode, the local API
      (same origin); blob:: an uploaded picture is read back from its blob:
      address; the git host's API (backend_origins).
    - object-src 'none', base-uri 'self', form-action 'none': no plugins,
      no <base> elsewhere, no form posts (Decap sends everything by fetch).

    Not allowed, though decap-cms.js can load them: the WebAssembly image
    encoders ('wasm-unsafe-eval'), used only for image transformations,
    which the site's config does not turn on.
    """
    connect, images = backend_origins(cms)
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src " + " ".join(["'self'", "blob:", *images]),
            "connect-src " + " ".join(["'self'", "blob:", *connect]),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )
