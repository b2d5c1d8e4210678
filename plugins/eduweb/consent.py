"""Cookie consent: configuration, banner data and the cookie page (issue 5).

The site asks before it stores or reads anything on the reader's device that
is not strictly necessary (LEK 9 kap. 28 §, the ePrivacy rules as IMY/PTS
apply them). What each category may set is declared once, in
`CONSENT` in pelicanconf.py; from it come the banner, the settings dialog,
the cookie page /cookies/, the list of cookies the browser script removes
when consent is withdrawn, and the site's Content-Security-Policy.

Settings (all optional; without them the site gets the Swedish defaults in
consent_defaults.py):

    CONSENT = {
        "policy_version": "2026-11-01",   # change it and every reader is asked again
        "language": "sv",                 # "sv" or "en": the text set used
        "cookie_name": "samtycke",        # the one cookie that holds the choice
        "texts": {"heading": "…"},        # overrides of single texts
        "categories": {                   # in display order; "nodvandiga" is always on
            "statistik": {"label": "…", "summary": "…", "description": "…",
                          "frame_src": [], "cookies": [{"name": "_pk_id.*",
                          "purpose": "…", "lifetime": "…", "provider": "…",
                          "third_party": False}]},
        },
    }
    MATOMO = {"url": "https://statistik.example.se/", "site_id": 1}
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pelican.generators import Generator

from . import urls
from .consent_defaults import CATEGORIES, DEFAULT_COOKIE_NAME, TEXTS
from .errors import ContentError
from .generators import add_sitemap_entry

REQUIRED_CATEGORY = "nodvandiga"
DEFAULT_POLICY_VERSION = "1"
LANGUAGES = ("sv", "en")
# The category Matomo belongs to; MATOMO needs it among the optional ones.
MATOMO_CATEGORY = "statistik"
# Cookies Matomo's tracker sets (https://matomo.org/faq/general/faq_146/);
# the statistik category must declare patterns that cover them.
MATOMO_COOKIES = ("_pk_id.1.0123456789abcdef", "_pk_ses.1.0123456789abcdef")

CATEGORY_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A cookie name (RFC 6265 token characters) in which * stands for any characters.
COOKIE_NAME_RE = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")

CATEGORY_FIELDS = {"label", "summary", "description", "cookies", "frame_src"}
COOKIE_FIELDS = {"name", "purpose", "lifetime", "provider", "third_party"}
CONSENT_FIELDS = {"policy_version", "language", "cookie_name", "texts", "categories"}
MATOMO_FIELDS = {"url", "site_id"}


# ------------------------------------------------------------------- the model
@dataclass(frozen=True)
class Cookie:
    name: str  # may contain * for any characters: _pk_id.*
    purpose: str
    lifetime: str
    provider: str
    third_party: bool = False


@dataclass(frozen=True)
class Category:
    key: str  # used in data-consent="…" and in the consent cookie
    label: str
    description: str
    summary: str = ""
    cookies: tuple[Cookie, ...] = ()
    frame_src: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return self.key == REQUIRED_CATEGORY


@dataclass(frozen=True)
class Matomo:
    url: str  # ends with /
    site_id: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Consent:
    """The checked configuration, as the templates and the script need it."""

    policy_version: str
    cookie_name: str
    language: str
    texts: dict
    categories: tuple[Category, ...]
    matomo: Matomo | None = None
    problems: list = field(default_factory=list, compare=False)

    @property
    def optional(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if not c.required)

    @property
    def script_config(self) -> str:
        """What consent.mjs needs, as JSON for a data- attribute."""
        return json.dumps(
            {
                "cookie": self.cookie_name,
                "version": self.policy_version,
                "categories": {
                    c.key: {
                        "label": c.label,
                        # Only first-party cookies can be removed by the page's script.
                        "cookies": [k.name for k in c.cookies if not k.third_party],
                    }
                    for c in self.optional
                },
                "texts": {
                    key: self.texts[key]
                    for key in ("confirmed_all", "confirmed_none", "confirmed_saved", "embed_allow")
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @property
    def csp(self) -> str:
        return content_security_policy(self)


def content_security_policy(consent: Consent) -> str:
    """The site's Content-Security-Policy: only files from the site itself,
    plus the hosts the optional categories load from once allowed.

    No 'unsafe-inline': there is no inline script or style anywhere. JSON-LD
    `<script type="application/ld+json">` blocks are data, which CSP does not
    execute or block, so they need nothing here.
    """
    scripts, connect, images = ["'self'"], ["'self'"], ["'self'", "data:"]
    if consent.matomo:
        for sources in (scripts, connect, images):
            sources.append(consent.matomo.origin)
    frames = [src for c in consent.optional for src in c.frame_src]
    frames = list(dict.fromkeys(frames)) or ["'none'"]
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "style-src 'self'",
            "img-src " + " ".join(images),
            "connect-src " + " ".join(connect),
            "frame-src " + " ".join(frames),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


# -------------------------------------------------------------- validation
def cookie_pattern(name: str) -> re.Pattern:
    """`_pk_id.*` -> a regular expression; * stands for any characters
    (the same rule consent.mjs applies when it removes cookies)."""
    return re.compile("^" + ".*".join(re.escape(part) for part in name.split("*")) + "$")


def _typo_hint(key: str, known: set) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _check_cookie(raw: object, where: tuple, problems: list) -> Cookie | None:
    if not isinstance(raw, dict):
        problems.append((where, "expected a dict with name, purpose, lifetime and provider"))
        return None
    for key in sorted(set(raw) - COOKIE_FIELDS):
        problems.append((where + (key,), "unknown key" + _typo_hint(key, COOKIE_FIELDS)))
    values = {}
    for key in ("name", "purpose", "lifetime", "provider"):
        values[key] = _text(raw.get(key))
        if values[key] is None:
            problems.append((where + (key,), "is required: write it as text"))
    name = values["name"]
    if name and (not COOKIE_NAME_RE.match(name) or name.strip("*") == ""):
        problems.append(
            (
                where + ("name",),
                f"{name!r} is not a cookie name; use the name the cookie is set "
                "with, with * for any characters (e.g. '_pk_id.*')",
            )
        )
        values["name"] = None
    third_party = raw.get("third_party", False)
    if not isinstance(third_party, bool):
        problems.append((where + ("third_party",), "write True or False"))
    if None in values.values():
        return None
    return Cookie(third_party=third_party is True, **values)


def _check_category(
    key: str, raw: object, where: tuple, problems: list, consent_cookie: str
) -> Category | None:
    if not CATEGORY_KEY_RE.match(key):
        problems.append(
            (where, f"{key!r} is not a category key; use a-z, 0-9 and hyphens, e.g. 'statistik'")
        )
        return None
    if not isinstance(raw, dict):
        problems.append((where, "expected a dict with label, description and cookies"))
        return None
    for extra in sorted(set(raw) - CATEGORY_FIELDS):
        problems.append((where + (extra,), "unknown key" + _typo_hint(extra, CATEGORY_FIELDS)))
    label, description = _text(raw.get("label")), _text(raw.get("description"))
    if label is None:
        problems.append((where + ("label",), "is required: the category's name, e.g. 'Statistik'"))
    if description is None:
        problems.append(
            (where + ("description",), "is required: what the cookies are used for, in a sentence")
        )
    summary = raw.get("summary", "")
    if summary and _text(summary) is None:
        problems.append((where + ("summary",), "write it as text, or leave it out"))
    cookies_raw = raw.get("cookies", [])
    cookies = []
    if not isinstance(cookies_raw, list):
        problems.append((where + ("cookies",), "expected a list of cookies ([] for none)"))
    else:
        for i, item in enumerate(cookies_raw):
            cookie = _check_cookie(item, where + ("cookies", i), problems)
            if not cookie:
                continue
            cookies.append(cookie)
            removable = key != REQUIRED_CATEGORY and not cookie.third_party
            if removable and cookie_pattern(cookie.name).match(consent_cookie):
                problems.append(
                    (
                        where + ("cookies", i, "name"),
                        f"{cookie.name!r} matches the consent cookie {consent_cookie!r}, "
                        "which would be removed with this category",
                    )
                )
    frames = raw.get("frame_src", [])
    if not isinstance(frames, list):
        problems.append((where + ("frame_src",), "expected a list of https origins"))
        frames = []
    elif frames and key == REQUIRED_CATEGORY:
        problems.append(
            (
                where + ("frame_src",),
                "external content needs consent; put it in an optional category",
            )
        )
    for i, origin in enumerate(frames):
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if not parts or parts.scheme != "https" or not parts.netloc or parts.path not in ("", "/"):
            problems.append(
                (
                    where + ("frame_src", i),
                    f"{origin!r} is not an https origin (write e.g. 'https://www.youtube-nocookie.com')",
                )
            )
    if label is None or description is None:
        return None
    return Category(
        key,
        label,
        description,
        _text(summary) or "",
        tuple(cookies),
        tuple(str(o).rstrip("/") for o in frames),
    )


def _check_matomo(raw: object, problems: list) -> Matomo | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(
            (("MATOMO",), "expected {'url': 'https://statistik.example.se/', 'site_id': 1}")
        )
        return None
    for key in sorted(set(raw) - MATOMO_FIELDS):
        problems.append((("MATOMO", key), "unknown key" + _typo_hint(key, MATOMO_FIELDS)))
    url = raw.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if not parts or parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        problems.append(
            (
                ("MATOMO", "url"),
                f"{url!r} is not the https address of the Matomo server "
                "(write e.g. 'https://statistik.example.se/')",
            )
        )
        url = None
    site_id = raw.get("site_id")
    if isinstance(site_id, bool) or not re.fullmatch(r"[1-9][0-9]*", str(site_id)):
        problems.append(
            (("MATOMO", "site_id"), f"{site_id!r} is not a site id (write the number, e.g. 1)")
        )
        site_id = None
    if url is None or site_id is None:
        return None
    return Matomo(url if url.endswith("/") else url + "/", str(site_id))


def check_consent(raw: object, matomo_raw: object = None, site: str = "") -> Consent:
    """Check CONSENT and MATOMO; return the configuration with `problems`
    as (field path, message) pairs. A pure function: settings in, model out."""
    problems: list = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.append((("CONSENT",), "expected a dict (see plugins/eduweb/consent.py)"))
        raw = {}
    for key in sorted(set(raw) - CONSENT_FIELDS):
        problems.append((("CONSENT", key), "unknown key" + _typo_hint(key, CONSENT_FIELDS)))

    language = raw.get("language", "sv")
    if language not in LANGUAGES:
        problems.append((("CONSENT", "language"), f"{language!r} is not 'sv' or 'en'"))
        language = "sv"

    version = raw.get("policy_version", DEFAULT_POLICY_VERSION)
    if isinstance(version, bool) or not _text(str(version) if version is not None else None):
        problems.append(
            (
                ("CONSENT", "policy_version"),
                "write a version such as '2026-11-01'; change it whenever the cookies change",
            )
        )
        version = DEFAULT_POLICY_VERSION
    version = str(version).strip()

    cookie_name = raw.get("cookie_name", DEFAULT_COOKIE_NAME)
    if not isinstance(cookie_name, str) or not re.fullmatch(r"[A-Za-z0-9_\-]+", cookie_name):
        problems.append(
            (("CONSENT", "cookie_name"), f"{cookie_name!r} is not a cookie name (a-z, 0-9, _ -)")
        )
        cookie_name = DEFAULT_COOKIE_NAME

    texts = dict(TEXTS[language])
    overrides = raw.get("texts", {})
    if not isinstance(overrides, dict):
        problems.append((("CONSENT", "texts"), "expected a dict of texts to replace"))
        overrides = {}
    for key, value in overrides.items():
        if key not in texts:
            problems.append((("CONSENT", "texts", key), "unknown text" + _typo_hint(key, texts)))
        elif _text(value) is None:
            problems.append((("CONSENT", "texts", key), "write the text, or leave the key out"))
        else:
            texts[key] = value.strip()
    texts = {key: value.replace("{site}", site) for key, value in texts.items()}

    categories_raw = raw.get("categories", CATEGORIES[language])
    categories = []
    if not isinstance(categories_raw, dict) or not categories_raw:
        problems.append(
            (("CONSENT", "categories"), "expected a dict of categories, key -> settings")
        )
        categories_raw = {}
    elif REQUIRED_CATEGORY not in categories_raw:
        problems.append(
            (
                ("CONSENT", "categories"),
                f"the category {REQUIRED_CATEGORY!r} (necessary cookies, always on) is missing",
            )
        )
    for key, value in categories_raw.items():
        where = ("CONSENT", "categories", key)
        category = _check_category(str(key), value, where, problems, cookie_name)
        if category:
            categories.append(category)

    by_key = {c.key: c for c in categories}
    required = by_key.get(REQUIRED_CATEGORY)
    if required and not any(cookie_pattern(k.name).match(cookie_name) for k in required.cookies):
        problems.append(
            (
                ("CONSENT", "categories", REQUIRED_CATEGORY, "cookies"),
                f"must list the consent cookie {cookie_name!r} itself (the cookie page "
                "shows every cookie the site sets)",
            )
        )
    matomo = _check_matomo(matomo_raw, problems)
    if matomo:
        stats = by_key.get(MATOMO_CATEGORY)
        if stats is None or stats.required:
            problems.append(
                (
                    ("MATOMO",),
                    f"needs the optional consent category {MATOMO_CATEGORY!r} in "
                    "CONSENT['categories']; statistics may only run after consent",
                )
            )
        else:
            patterns = [cookie_pattern(k.name) for k in stats.cookies if not k.third_party]
            missing = [
                example.split(".")[0] + ".*"
                for example in MATOMO_COOKIES
                if not any(p.match(example) for p in patterns)
            ]
            if missing:
                problems.append(
                    (
                        ("CONSENT", "categories", MATOMO_CATEGORY, "cookies"),
                        "Matomo sets " + " and ".join(missing) + "; list them so the cookie "
                        "page shows them and withdrawing consent removes them",
                    )
                )
    return Consent(version, cookie_name, language, texts, tuple(categories), matomo, problems)


# ---------------------------------------------------------- settings file lines
def _dict_value(node: ast.AST, key: object) -> ast.AST | None:
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    if isinstance(node, ast.List | ast.Tuple) and isinstance(key, int):
        return node.elts[key] if key < len(node.elts) else None
    return None


def setting_line(source: str, path: tuple) -> int:
    """The line of a key in a settings file: ('CONSENT', 'categories',
    'statistik', 'cookies', 0, 'name') -> where that is written, or the
    nearest enclosing key that is written as a literal; 1 if none is."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 1
    line, node = 1, None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == path[0] for t in statement.targets
        ):
            line, node = statement.lineno, statement.value
    for key in path[1:]:
        node = _dict_value(node, key) if node is not None else None
        if node is None:
            break
        line = node.lineno
    return line


def _field(path: tuple) -> str:
    out = str(path[0])
    for part in path[1:]:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def configure_consent(settings: dict) -> list[ContentError]:
    """At build start: check CONSENT and MATOMO; keep the result for the build."""
    consent = check_consent(
        settings.get("CONSENT"), settings.get("MATOMO"), settings.get("SITENAME", "")
    )
    settings["_EDUWEB_CONSENT"] = consent
    if not consent.problems:
        return []
    source, name = "", "pelicanconf.py"
    site_root = os.path.dirname(os.path.abspath(settings.get("PATH") or "content"))
    path = os.path.join(site_root, name)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    return [
        ContentError(name, setting_line(source, where), _field(where), message)
        for where, message in consent.problems
    ]


# ------------------------------------------------------------------ generator
class ConsentGenerator(Generator):
    """Gives every template the consent configuration; writes /cookies/."""

    def generate_context(self) -> None:
        consent = self.settings.get("_EDUWEB_CONSENT")
        if consent is None:  # built without the plugin's configure step
            consent = check_consent(
                self.settings.get("CONSENT"),
                self.settings.get("MATOMO"),
                self.settings.get("SITENAME", ""),
            )
        self.context["consent"] = consent
        add_sitemap_entry(self.context, urls.COOKIES_PAGE)

    def generate_output(self, writer) -> None:
        writer.write_file(
            urls.save_as(urls.COOKIES_PAGE),
            self.get_template("cookies"),
            self.context,
            url=urls.COOKIES_PAGE,
            page_name="cookies",
        )
