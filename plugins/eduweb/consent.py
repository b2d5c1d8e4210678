"""Cookie consent: configuration, banner data and the cookie page (issue 5).

The site asks before it stores or reads anything on the reader's device that
is not strictly necessary (LEK 9 kap. 28 §, the ePrivacy rules as IMY/PTS
apply them). What each category may set is declared once: the defaults in
consent_defaults.py, and what the organisation changes in `CONSENT` in
pelicanconf.py; from it come the banner, the settings dialog, the cookie page
/cookies/, the list of cookies the browser script removes when consent is
withdrawn, and the site's Content-Security-Policy.

Settings (all optional). CONSENT is laid over the defaults of its language
category by category and key by key, so a site writes only what differs;
a list (cookies, frame_src) replaces the default list, and a category set to
None is removed:

    CONSENT = {
        "policy_version": "2026-11-01",   # change it and every reader is asked again
        "language": "sv",                 # "sv" or "en": the text set and default categories
        "cookie_name": "samtycke",        # the one cookie that holds the choice
        "texts": {"heading": "…"},        # overrides of single texts
        "categories": {                   # "nodvandiga" is always on
            "statistik": {"label": "…", "summary": "…", "description": "…",
                          "frame_src": [], "cookies": [{"name": "_pk_id.*",
                          "purpose": "…", "lifetime": "…", "provider": "…",
                          "third_party": False}]},
            "externt-innehall": None,     # no external content on this site
        },
    }
    MATOMO = {"url": "https://statistik.example.se/", "site_id": 1}
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Annotated
from urllib.parse import urlsplit

from pelican.generators import Generator
from pydantic import BaseModel, BeforeValidator, Field, ValidationError, model_validator

from . import messages, urls
from .consent_defaults import CATEGORIES, DEFAULT_COOKIE_NAME, TEXTS
from .generators import add_sitemap_entry
from .setting_types import (
    HTTPS_ORIGIN_RE,
    HTTPS_URL_RE,
    MISSING,
    Problem,
    SettingsModel,
    fail,
    is_text,
    list_of,
    optional_text,
    problems_of,
    text,
    typo_hint,
)

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
ORIGIN_EXAMPLE = "'https://www.youtube-nocookie.com'"


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

    # Every page reads these: cached_property computes each once per Consent
    # (which is frozen, so they cannot go stale).
    @cached_property
    def optional(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if not c.required)

    @cached_property
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

    @cached_property
    def csp(self) -> str:
        return content_security_policy(self)


def content_security_policy(consent: Consent) -> str:
    """The site's Content-Security-Policy: only files from the site itself,
    plus the hosts the optional categories load from once allowed.

    No 'unsafe-inline': there is no inline script or style anywhere. JSON-LD
    `<script type="application/ld+json">` blocks are data, which CSP does not
    execute or block, so they need nothing here. Every host is a checked
    https origin (the schema below); it is checked again here, so a Consent
    made some other way cannot add a directive to the policy.
    """
    scripts, connect, images = ["'self'"], ["'self'"], ["'self'", "data:"]
    frames = [src for c in consent.optional for src in c.frame_src]
    hosts = frames + ([consent.matomo.origin] if consent.matomo else [])
    for host in hosts:
        if not HTTPS_ORIGIN_RE.fullmatch(host):
            raise ValueError(f"not an https origin: {host!r}")
    if consent.matomo:
        for sources in (scripts, connect, images):
            sources.append(consent.matomo.origin)
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


def cookie_pattern(name: str) -> re.Pattern:
    """`_pk_id.*` -> a regular expression; * stands for any characters
    (the same rule consent.mjs applies when it removes cookies)."""
    return re.compile("^" + ".*".join(re.escape(part) for part in name.split("*")) + "$")


# ------------------------------------------------------------------ the schema
WRITE_TEXT = "consent.write_text"
MISSING.update(
    {
        "name": WRITE_TEXT,
        "purpose": WRITE_TEXT,
        "lifetime": WRITE_TEXT,
        "provider": WRITE_TEXT,
        "label": "consent.label_required",
        "description": "consent.description_required",
        "url": "consent.url_required",
        "site_id": "consent.site_id_required",
    }
)


def _shape(key: str, **values: object):
    """A model validator: anything but a dict gets the message `key`."""

    def check(cls, value: object) -> object:
        if not isinstance(value, dict):
            raise fail(messages.text(key, **values))
        return value

    return model_validator(mode="before")(classmethod(check))


def _cookie_name(value: object) -> str:
    if not is_text(value):
        raise fail(messages.text(WRITE_TEXT))
    name = value.strip()
    if not COOKIE_NAME_RE.match(name) or name.strip("*") == "":
        raise fail(messages.text("consent.cookie_name", value=name))
    return name


def _boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise fail(messages.text("consent.boolean"))
    return value


def _origin(value: object) -> str:
    """A host the browser may load frames from: https, a host name, perhaps a
    port; nothing that could end the CSP directive or widen it."""
    if not isinstance(value, str) or not HTTPS_ORIGIN_RE.fullmatch(value.removesuffix("/")):
        raise fail(messages.text("consent.origin", value=value, example=ORIGIN_EXAMPLE))
    return value.removesuffix("/")


def _category_key(value: object) -> str:
    if not isinstance(value, str) or not CATEGORY_KEY_RE.match(value):
        raise fail(messages.text("consent.category_key", value=value))
    return value


def _categories(value: object) -> object:
    if not isinstance(value, dict):
        raise fail(messages.text("consent.categories"))
    return value


def _language(value: object) -> str:
    if value not in LANGUAGES:
        raise fail(messages.text("consent.language", value=value))
    return value


def _policy_version(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        raise fail(messages.text("consent.policy_version"))
    return str(value).strip()


def _consent_cookie_name(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_\-]+", value):
        raise fail(messages.text("consent.consent_cookie_name", value=value))
    return value


def _texts(value: object) -> object:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(messages.text("consent.texts"))
    return value


def _matomo_url(value: object) -> str:
    """Strict: the address goes into the CSP and a script's data attribute."""
    if not isinstance(value, str) or not HTTPS_URL_RE.fullmatch(value):
        raise fail(messages.text("consent.matomo_url", value=value))
    return value if value.endswith("/") else value + "/"


def _site_id(value: object) -> str:
    if isinstance(value, bool) or not re.fullmatch(r"[1-9][0-9]*", str(value)):
        raise fail(messages.text("consent.site_id", value=value))
    return str(value)


class CookieSettings(SettingsModel):
    name: Annotated[str, BeforeValidator(_cookie_name)]
    purpose: text(WRITE_TEXT)
    lifetime: text(WRITE_TEXT)
    provider: text(WRITE_TEXT)
    third_party: Annotated[bool, BeforeValidator(_boolean)] = False

    _is_dict = _shape("consent.cookie_shape")


class CategorySettings(SettingsModel):
    label: text("consent.label_required")
    description: text("consent.description_required")
    summary: Annotated[str, BeforeValidator(optional_text)] = ""
    cookies: list_of(CookieSettings, "consent.cookies_list") = Field(default_factory=list)
    frame_src: list_of(Annotated[str, BeforeValidator(_origin)], "consent.origins_list") = Field(
        default_factory=list
    )

    _is_dict = _shape("consent.category_shape", defaults=", ".join(CATEGORIES["sv"]))


CategoryKey = Annotated[str, BeforeValidator(_category_key)]


class ConsentSettings(SettingsModel):
    """CONSENT, laid over the defaults of its language (consent_defaults.py)."""

    policy_version: Annotated[str, BeforeValidator(_policy_version)] = DEFAULT_POLICY_VERSION
    language: Annotated[str, BeforeValidator(_language)] = "sv"
    cookie_name: Annotated[str, BeforeValidator(_consent_cookie_name)] = DEFAULT_COOKIE_NAME
    texts: Annotated[dict[str, text("consent.text_value")], BeforeValidator(_texts)] = Field(
        default_factory=dict
    )
    categories: Annotated[dict[CategoryKey, CategorySettings], BeforeValidator(_categories)] = (
        Field(default_factory=dict)
    )

    @model_validator(mode="before")
    @classmethod
    def _over_defaults(cls, value: object) -> object:
        return with_defaults(value)


class MatomoSettings(SettingsModel):
    url: Annotated[str, BeforeValidator(_matomo_url)]
    site_id: Annotated[str, BeforeValidator(_site_id)]

    _is_dict = _shape("consent.matomo_shape")


def with_defaults(raw: object) -> dict:
    """The site's CONSENT laid over the defaults: per category, per key."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise fail(messages.text("consent.shape"))
    language = raw.get("language")
    defaults = copy.deepcopy(CATEGORIES[language if language in LANGUAGES else "sv"])
    cookie_name = raw.get("cookie_name")
    if isinstance(cookie_name, str):
        for cookie in defaults[REQUIRED_CATEGORY]["cookies"]:
            if cookie["name"] == DEFAULT_COOKIE_NAME:
                cookie["name"] = cookie_name
    site = raw.get("categories", {})
    if not isinstance(site, dict):
        return raw  # the categories check says what is wrong
    merged = {}
    for key, default in defaults.items():
        own = site.get(key, {})
        if own is not None:
            merged[key] = {**default, **own} if isinstance(own, dict) else own
    merged.update((key, value) for key, value in site.items() if key not in defaults)
    return {**raw, "categories": merged}


# ------------------------------------------------------ rules across fields
def consent_problems(consent: ConsentSettings, matomo: MatomoSettings | None) -> list[Problem]:
    """What the schema of each value cannot see: rules across categories."""
    problems: list[Problem] = []
    where = ("CONSENT", "categories")
    for key in consent.texts:
        if key not in TEXTS[consent.language]:
            hint = typo_hint(key, TEXTS[consent.language])
            problems.append(
                (("CONSENT", "texts", key), messages.text("consent.unknown_text", hint=hint))
            )
    required = consent.categories.get(REQUIRED_CATEGORY)
    if required is None:
        problems.append(
            (
                (*where, REQUIRED_CATEGORY),
                messages.text("consent.required_category", category=REQUIRED_CATEGORY),
            )
        )
    elif required.frame_src:
        problems.append(
            (
                (*where, REQUIRED_CATEGORY, "frame_src"),
                messages.text("consent.required_frames"),
            )
        )
    elif not any(cookie_pattern(k.name).match(consent.cookie_name) for k in required.cookies):
        problems.append(
            (
                (*where, REQUIRED_CATEGORY, "cookies"),
                messages.text("consent.list_consent_cookie", name=consent.cookie_name),
            )
        )
    for key, category in consent.categories.items():
        if key == REQUIRED_CATEGORY:
            continue
        for i, cookie in enumerate(category.cookies):
            if not cookie.third_party and cookie_pattern(cookie.name).match(consent.cookie_name):
                problems.append(
                    (
                        (*where, key, "cookies", i, "name"),
                        messages.text(
                            "consent.matches_consent_cookie",
                            value=cookie.name,
                            name=consent.cookie_name,
                        ),
                    )
                )
    if matomo:
        problems += _matomo_problems(consent, where)
    return problems


def _matomo_problems(consent: ConsentSettings, where: tuple) -> list[Problem]:
    stats = consent.categories.get(MATOMO_CATEGORY)
    if stats is None:
        return [
            (
                ("MATOMO",),
                messages.text("consent.matomo_needs_category", category=MATOMO_CATEGORY),
            )
        ]
    patterns = [cookie_pattern(k.name) for k in stats.cookies if not k.third_party]
    missing = [
        example.split(".")[0] + ".*"
        for example in MATOMO_COOKIES
        if not any(p.match(example) for p in patterns)
    ]
    if not missing:
        return []
    return [
        (
            (*where, MATOMO_CATEGORY, "cookies"),
            messages.text(
                "consent.matomo_cookies", names=messages.text("consent.and").join(missing)
            ),
        )
    ]


def build_consent(consent: ConsentSettings, matomo: MatomoSettings | None, site: str) -> Consent:
    """The checked settings as the templates and the script use them."""
    texts = {**TEXTS[consent.language], **consent.texts}
    return Consent(
        consent.policy_version,
        consent.cookie_name,
        consent.language,
        {key: value.replace("{site}", site) for key, value in texts.items()},
        tuple(
            Category(
                key,
                c.label,
                c.description,
                c.summary,
                tuple(Cookie(**k.model_dump()) for k in c.cookies),
                tuple(dict.fromkeys(c.frame_src)),
            )
            for key, c in consent.categories.items()
        ),
        Matomo(matomo.url, matomo.site_id) if matomo else None,
    )


class _ConsentSettings(BaseModel):
    CONSENT: ConsentSettings = ConsentSettings()
    MATOMO: MatomoSettings | None = None


def check_consent(raw: object, matomo_raw: object = None, site: str = "") -> Consent:
    """Check CONSENT and MATOMO alone; the Consent carries `problems` as
    (field path, message) pairs and is only usable when there are none."""
    try:
        checked = _ConsentSettings.model_validate({"CONSENT": raw, "MATOMO": matomo_raw})
    except ValidationError as error:
        empty = Consent(DEFAULT_POLICY_VERSION, DEFAULT_COOKIE_NAME, "sv", {}, ())
        return replace(empty, problems=problems_of(error, _ConsentSettings))
    problems = consent_problems(checked.CONSENT, checked.MATOMO)
    consent = build_consent(checked.CONSENT, checked.MATOMO, site)
    # replace(), not __dict__: that also holds the cached properties.
    return replace(consent, problems=problems)


# ------------------------------------------------------------------ generator
class ConsentGenerator(Generator):
    """Gives every template the consent configuration; writes /cookies/."""

    def generate_context(self) -> None:
        # Set by build.configure once the settings are valid.
        consent = self.settings["_EDUWEB_CONSENT"]
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
