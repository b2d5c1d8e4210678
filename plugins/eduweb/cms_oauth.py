"""The GitHub login for the web editor (/admin/): a small OAuth proxy.

Decap CMS's github backend cannot log in by itself: GitHub's OAuth apps
need a client secret, which must never reach the browser. Decap opens a
popup at `{base_url}/{auth_endpoint}` (here `/auth`); this app sends the
writer on to GitHub, takes the code GitHub returns to `/callback`,
exchanges it for a token with the secret, and hands the token to the
editor with the handshake of Decap's `decap-cms-lib-auth` (netlify-auth.js):

1. the popup posts "authorizing:github" to the opener (the site's /admin/);
2. the editor echoes it back to the popup (to the proxy's origin);
3. the popup posts "authorization:github:success:{"token": ..., "provider":
   "github"}" to the opener (or "...:error:{"message": ...}").

Every message goes to the one configured site origin and never to "*",
so a page of any other origin that opens /auth receives nothing. The
`state` of the OAuth request is bound to a cookie of the popup (CSRF), and
the callback page has its own Content-Security-Policy: its only script is
allowed by its hash.

Self-contained on purpose (standard library only): the file can be
copied to a small server and run with waitress (README, "The web editor
(/admin/)"):

    CMS_OAUTH_CLIENT_ID=... CMS_OAUTH_CLIENT_SECRET=... \\
    CMS_OAUTH_SITE_ORIGIN=https://www.example.se \\
    CMS_OAUTH_PUBLIC_URL=https://cms-inloggning.example.se \\
    python3 cms_oauth.py --host 0.0.0.0 --port 8080

Tokens, codes and the secret are never logged or written anywhere.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import html
import json
import logging
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.client import HTTPException

# The __Host- prefix makes browsers refuse the cookie unless it is Secure,
# has Path=/ and no Domain: no other host can set or overwrite it.
STATE_COOKIE = "__Host-cms_oauth_state"
# Long enough to log in to GitHub (with two-factor) in the popup.
STATE_MAX_AGE = 600
SCOPES = ("repo", "public_repo")
PROVIDER = "github"
TIMEOUT = 10

# The callback page's one script. It is constant (the message it sends is
# read from a JSON data block), so the page's CSP allows it by its hash.
SCRIPT = """(function () {
  var data = JSON.parse(document.getElementById("cms-message").textContent);
  var opener = window.opener;
  if (!opener) {
    document.getElementById("cms-status").textContent = data.no_opener;
    return;
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== data.origin || event.source !== opener) {
      return;
    }
    if (event.data === "authorizing:github") {
      opener.postMessage(data.message, data.origin);
    }
  });
  opener.postMessage("authorizing:github", data.origin);
})();"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CALLBACK_CSP = (
    f"default-src 'none'; script-src '{SCRIPT_HASH}'; style-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# Every other answer has no script at all.
PLAIN_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

# What the writer reads in the popup (Swedish, like the rest of the editor).
TEXTS = {
    "done": "Inloggningen är klar. Fönstret stängs av sig självt.",
    "no_opener": (
        "Inloggningen är klar, men redigeringsverktyget som öppnade fönstret finns inte "
        "längre. Stäng fönstret och logga in igen från /admin/."
    ),
    "bad_state": (
        "Inloggningen kunde inte slutföras (den var för gammal eller startades inte härifrån). "
        "Stäng fönstret och logga in igen från /admin/."
    ),
    "github_error": "GitHub godkände inte inloggningen: {reason}. Stäng fönstret och försök igen.",
    "unreachable": "GitHub kunde inte nås. Stäng fönstret och försök igen om en stund.",
    "not_found": "Här finns ingenting. Logga in från webbplatsens /admin/.",
    "bad_provider": "Den här inloggningen gäller bara GitHub.",
    "method": "Den här adressen tar bara emot GET.",
}


class ConfigError(Exception):
    """A missing or malformed environment variable (one line, no traceback)."""


@dataclass(frozen=True)
class Config:
    client_id: str
    client_secret: str
    site_origin: str  # where /admin/ is, e.g. https://www.example.se
    public_url: str  # this proxy, e.g. https://cms-inloggning.example.se
    scope: str = "repo"
    github_url: str = "https://github.com"

    @property
    def redirect_uri(self) -> str:
        return f"{self.public_url}/callback"

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        missing = [
            name
            for name in (
                "CMS_OAUTH_CLIENT_ID",
                "CMS_OAUTH_CLIENT_SECRET",
                "CMS_OAUTH_SITE_ORIGIN",
                "CMS_OAUTH_PUBLIC_URL",
            )
            if not env.get(name, "").strip()
        ]
        if missing:
            raise ConfigError("set the environment variables " + ", ".join(missing))
        scope = env.get("CMS_OAUTH_SCOPE", "repo").strip()
        if scope not in SCOPES:
            raise ConfigError(
                f"CMS_OAUTH_SCOPE must be repo (private repositories) or public_repo, not {scope!r}"
            )
        return cls(
            client_id=env["CMS_OAUTH_CLIENT_ID"].strip(),
            client_secret=env["CMS_OAUTH_CLIENT_SECRET"].strip(),
            site_origin=origin("CMS_OAUTH_SITE_ORIGIN", env["CMS_OAUTH_SITE_ORIGIN"]),
            public_url=origin("CMS_OAUTH_PUBLIC_URL", env["CMS_OAUTH_PUBLIC_URL"]),
            scope=scope,
            github_url=env.get("CMS_OAUTH_GITHUB_URL", "https://github.com").strip().rstrip("/"),
        )


def origin(name: str, value: str) -> str:
    """An origin as browsers write it (scheme://host[:port]) or ConfigError.

    Decap compares the message's origin with its base_url as strings, and
    postMessage needs the exact origin of the receiver: a path, a query or
    a trailing slash would make every login fail or go nowhere."""
    parts = urllib.parse.urlsplit(value.strip().rstrip("/"))
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ConfigError(f"{name} must be an origin like https://www.example.se, not {value!r}")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ConfigError(f"{name} must use https (http only for 127.0.0.1), not {value!r}")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


Response = tuple[str, list[tuple[str, str]], bytes]
TokenExchange = Callable[[Config, str], dict]


def exchange_code(config: Config, code: str) -> dict:
    """GitHub's answer to the code: {"access_token": ...} or {"error": ...}.

    Raises OSError (URLError, timeouts) when GitHub cannot be reached."""
    body = urllib.parse.urlencode(
        {
            "client_id": config.client_id,
            "client_secret": config.client_secret,
            "code": code,
            "redirect_uri": config.redirect_uri,
        }
    ).encode()
    request = urllib.request.Request(
        f"{config.github_url}/login/oauth/access_token",
        data=body,
        headers={"Accept": "application/json", "User-Agent": "eduweb-cms-oauth"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        try:
            return json.loads(err.read().decode("utf-8"))
        except ValueError:
            return {"error": f"HTTP {err.code}"}
    except ValueError:
        return {"error": "GitHub answered with something that is not JSON"}


class App:
    """The WSGI application: GET /auth, GET /callback, GET /healthz."""

    def __init__(self, config: Config, exchange: TokenExchange = exchange_code):
        self.config = config
        self.exchange = exchange

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        status, headers, body = self.respond(environ)
        start_response(status, headers)
        return [body]

    def respond(self, environ: dict) -> Response:
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD", "GET") != "GET":
            return page("405 Method Not Allowed", TEXTS["method"], [("Allow", "GET")])
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        if path == "/auth":
            return self.start(query)
        if path == "/callback":
            return self.callback(query, environ.get("HTTP_COOKIE", ""))
        if path == "/healthz":
            return "200 OK", [*COMMON_HEADERS, ("Content-Type", "text/plain")], b"ok\n"
        return page("404 Not Found", TEXTS["not_found"])

    def start(self, query: dict[str, list[str]]) -> Response:
        """Send the popup on to GitHub with a fresh state, kept in a cookie."""
        if query.get("provider", [PROVIDER])[0] != PROVIDER:
            return page("400 Bad Request", TEXTS["bad_provider"])
        state = secrets.token_urlsafe(32)
        # The scope is the organisation's choice (CMS_OAUTH_SCOPE), not the
        # request's: a page cannot ask for more than it was given.
        target = f"{self.config.github_url}/login/oauth/authorize?" + urllib.parse.urlencode(
            {
                "client_id": self.config.client_id,
                "redirect_uri": self.config.redirect_uri,
                "scope": self.config.scope,
                "state": state,
                "allow_signup": "false",
            }
        )
        cookie = ("Set-Cookie", state_cookie(state, STATE_MAX_AGE))
        return "302 Found", [*COMMON_HEADERS, ("Location", target), cookie], b""

    def callback(self, query: dict[str, list[str]], cookie_header: str) -> Response:
        clear = ("Set-Cookie", state_cookie("", 0))
        state = query.get("state", [""])[0]
        expected = read_cookie(cookie_header, STATE_COOKIE)
        # Bytes: compare_digest refuses a str that is not ASCII.
        if not (state and expected and hmac.compare_digest(state.encode(), expected.encode())):
            return page("400 Bad Request", TEXTS["bad_state"], [clear])
        if "error" in query:
            return self.failure(query.get("error_description", query["error"])[0], clear)
        code = query.get("code", [""])[0]
        if not code:
            return page("400 Bad Request", TEXTS["bad_state"], [clear])
        try:
            answer = self.exchange(self.config, code)
        except (OSError, HTTPException):
            unreachable = TEXTS["unreachable"]
            return self.message_page("error", unreachable, unreachable, clear, "502 Bad Gateway")
        if not isinstance(answer, dict):
            return self.failure("unexpected answer", clear)
        token = answer.get("access_token")
        if not isinstance(token, str) or not token:
            reason = answer.get("error_description") or answer.get("error") or "no token"
            return self.failure(str(reason), clear)
        return self.message_page(
            "success", {"token": token, "provider": PROVIDER}, TEXTS["done"], clear
        )

    def failure(self, reason: str, clear: tuple[str, str]) -> Response:
        """GitHub said no: the editor shows `reason`, and so does the popup."""
        text = TEXTS["github_error"].format(reason=reason)
        return self.message_page("error", reason, text, clear)

    def message_page(
        self,
        outcome: str,
        payload: dict | str,
        text: str,
        clear: tuple[str, str],
        status: str = "200 OK",
    ) -> Response:
        """The page that hands `payload` to the editor with Decap's handshake
        (an error's payload is its message) and shows `text` to the writer."""
        if isinstance(payload, str):
            payload = {"message": payload}
        data = {
            "origin": self.config.site_origin,
            "message": f"authorization:{PROVIDER}:{outcome}:{json.dumps(payload)}",
            # Shown instead when the popup has no opener (opened by hand).
            "no_opener": TEXTS["no_opener"] if outcome == "success" else text,
        }
        body = (
            '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="robots" content="noindex">\n<title>Inloggning</title>\n</head>\n'
            f'<body>\n<p id="cms-status">{html.escape(text)}</p>\n'
            f'<script type="application/json" id="cms-message">{script_json(data)}</script>\n'
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )
        headers = [
            *COMMON_HEADERS,
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Security-Policy", CALLBACK_CSP),
            clear,
        ]
        return status, headers, body.encode("utf-8")


# No page of the proxy may be kept by a cache, framed, or name its address
# to another site (the callback's address holds the code).
COMMON_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
]


def page(status: str, text: str, extra: list[tuple[str, str]] | None = None) -> Response:
    body = (
        '<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n<title>Inloggning</title>\n</head>\n'
        f"<body>\n<p>{html.escape(text)}</p>\n</body>\n</html>\n"
    )
    headers = [
        *COMMON_HEADERS,
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Security-Policy", PLAIN_CSP),
        *(extra or []),
    ]
    return status, headers, body.encode("utf-8")


def state_cookie(value: str, max_age: int) -> str:
    # SameSite=Lax: sent on GitHub's top-level redirect back to /callback,
    # never on a request another site makes in the background.
    return f"{STATE_COOKIE}={value}; Max-Age={max_age}; Path=/; Secure; HttpOnly; SameSite=Lax"


def script_json(data: dict) -> str:
    """JSON that cannot end the <script> data block it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def read_cookie(header: str, name: str) -> str:
    """The value of cookie `name` in a Cookie header ("" if absent).

    Split by hand: http.cookies.SimpleCookie drops every cookie after one it
    cannot read, so another site's odd cookie on the same host would break
    the login."""
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value.strip()
    return ""


def create_app(environ: dict[str, str] | None = None) -> App:
    """The app configured from the environment (for `waitress-serve --call`)."""
    return App(Config.from_environment(environ))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GitHub login for the web editor (/admin/)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    try:
        app = create_app()
    except ConfigError as err:
        print(f"cms_oauth: {err}", file=sys.stderr)
        return 1
    import waitress  # only the server needs it; the tests call the app directly

    # waitress's own lines ("Serving on ...", errors); it keeps no access log,
    # and this app logs nothing, so no code or token is ever written.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    # No X-Forwarded-* is read: every address the app writes comes from
    # CMS_OAUTH_PUBLIC_URL, so the TLS proxy in front of it needs no trust.
    waitress.serve(app, host=args.host, port=args.port, ident="cms-oauth")
    return 0


if __name__ == "__main__":
    sys.exit(main())
