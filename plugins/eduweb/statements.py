"""The accessibility statement /tillganglighet/ and the privacy notice
/personuppgifter/, generated from settings (issue 11).

The accessibility statement has every element the supervising authority
requires of a statement under lagen (2018:1937) om tillgänglighet till
digital offentlig service; the sources are cited in statements_defaults.py.
It is built from settings rather than written as a page so it cannot leave
one out or contradict itself: "helt förenlig" with known gaps, or "delvis"
without any, stops the build.

    ACCESSIBILITY = {
        "status": "delvis",                  # helt, delvis or inte (förenlig)
        "gaps": [{"description": "…", "criterion": "WCAG 1.2.2", "fix": "…"}],
        "disproportionate_burden": [{"description": "…", "reason": "…"}],  # 12 §
        "out_of_scope": [{"description": "…", "reason": "…"}],             # 9 §
        "assessed": "2026-11-20", "method": "Självskattning …",
        "updated": "2026-11-23",
        "contact": {"email": "…", "phone": "…"}, "reply_time": "fem arbetsdagar",
        # optional: "organization", "site", "supervisor": {"name", "complaint_url"}
    }
    PRIVACY = {
        "controller": {"org_number": "212000-0000", "email": "…"},  # name: ORGANIZATION
        "dpo": {"email": "…"},
        "updated": "2026-11-23",
        "processors": {"webbhotell": {"name": "…"}, "git": {"name": "…"}},
        # optional: "processing": {key: {title, purpose, legal_basis, retention} or None}
    }
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from pelican.generators import Generator
from pydantic import BeforeValidator, Field, model_validator

from . import messages, urls
from .dates import DateError, parse_date
from .generators import add_sitemap_entry
from .setting_types import (
    HTTPS_URL_RE,
    MISSING,
    ORG_NUMBER_RE,
    Problem,
    SettingsModel,
    fail,
    list_of,
    optional_text,
    text,
)
from .statements_defaults import (
    COMPLIANCE,
    IMY,
    LAW,
    PROCESSING,
    PROCESSORS,
    RIGHTS,
    STATISTICS_PROCESSING,
    SUPERVISOR,
)

EMAIL_RE = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[A-Za-z]{2,}")
KEY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REQUIRED = "statements.required"
# Per setting: other settings' keys of the same name keep their messages.
MISSING.update(
    {
        f"{setting}.{key}": REQUIRED
        for setting in ("ACCESSIBILITY", "PRIVACY")
        for key in (
            "status",
            "assessed",
            "method",
            "updated",
            "contact",
            "reply_time",
            "description",
            "reason",
            "email",
            "org_number",
            "controller",
            "dpo",
            "role",
            "title",
            "purpose",
            "legal_basis",
            "retention",
            "complaint_url",
            "name",
            "processors",
        )
    }
)


# ------------------------------------------------------------ value checks
def _status(value: object) -> str:
    """helt, delvis or inte; "delvis förenlig" as written in the statement too."""
    word = value.strip().lower().removesuffix("förenlig").strip() if isinstance(value, str) else ""
    if word not in COMPLIANCE:
        raise fail(messages.text("statements.status", value=messages.quote(value)))
    return word


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise fail(messages.text("statements.date", value=messages.quote(value)))
    try:
        return parse_date(value.strip())
    except DateError as err:
        raise fail(str(err)) from None


def _email(value: object) -> str:
    if not isinstance(value, str) or not EMAIL_RE.fullmatch(value.strip()):
        raise fail(messages.text("statements.email", value=messages.quote(value)))
    return value.strip()


def _org_number(value: object) -> str:
    if not isinstance(value, str) or not ORG_NUMBER_RE.fullmatch(value.strip()):
        raise fail(messages.text("statements.org_number", value=messages.quote(value)))
    return value.strip()


def _https_url(value: object) -> str:
    if not isinstance(value, str) or not HTTPS_URL_RE.fullmatch(value.strip()):
        raise fail(messages.text("statements.url", value=messages.quote(value)))
    return value.strip()


def _group(value: object) -> object:
    if not isinstance(value, dict):
        raise fail(messages.text("statements.group"))
    return value


def _key(value: object) -> str:
    if not isinstance(value, str) or not KEY_RE.fullmatch(value):
        raise fail(messages.text("statements.key", value=messages.quote(value)))
    return value


Required = text(REQUIRED)
OptionalText = Annotated[str, BeforeValidator(optional_text)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Email = Annotated[str, BeforeValidator(_email)]


class _Group(SettingsModel):
    """A dict of our own: anything else gets one message."""

    @model_validator(mode="before")
    @classmethod
    def _is_dict(cls, value: object) -> object:
        return _group(value)


# --------------------------------------------------------- accessibility
class Gap(_Group):
    """Content that does not meet the requirements (bristande förenlighet)."""

    description: Required
    criterion: OptionalText = ""  # e.g. "WCAG 1.2.2"
    fix: OptionalText = ""  # how and when it will be fixed


class Exemption(_Group):
    """Content exempted (12 §) or outside the law (9 §), with the reason."""

    description: Required
    reason: Required


class Contact(_Group):
    email: Email
    phone: OptionalText = ""


class Supervisor(_Group):
    name: Required
    complaint_url: Annotated[str, BeforeValidator(_https_url)]


class AccessibilitySettings(_Group):
    organization: OptionalText = ""  # default: ORGANIZATION, else SITENAME
    site: OptionalText = ""  # default: SITENAME
    status: Annotated[str, BeforeValidator(_status)]
    gaps: list_of(Gap, "statements.list") = Field(default_factory=list)
    disproportionate_burden: list_of(Exemption, "statements.list") = Field(default_factory=list)
    out_of_scope: list_of(Exemption, "statements.list") = Field(default_factory=list)
    assessed: Date
    method: Required
    updated: Date
    contact: Contact
    reply_time: Required
    # Default: Digg (statements_defaults.SUPERVISOR); a setting, should it change.
    supervisor: Supervisor | None = None


# ---------------------------------------------------------------- privacy
class Controller(_Group):
    name: OptionalText = ""  # default: ORGANIZATION, else SITENAME
    org_number: Annotated[str, BeforeValidator(_org_number)]
    email: Email
    phone: OptionalText = ""
    address: OptionalText = ""


class Dpo(_Group):
    """The data protection officer (dataskyddsombud)."""

    email: Email
    name: OptionalText = ""


class Processing(_Group):
    title: Required
    purpose: Required
    legal_basis: Required
    retention: Required


class Processor(_Group):
    name: Required
    role: Required
    country: OptionalText = ""


Key = Annotated[str, BeforeValidator(_key)]


def _over(defaults: dict):
    """The site's dict laid over `defaults` key by key; None removes a key."""

    def merge(value: object) -> object:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise fail(messages.text("statements.group"))
        merged = {}
        for key, default in copy.deepcopy(defaults).items():
            own = value.get(key, {})
            if own is not None:
                merged[key] = {**default, **own} if isinstance(own, dict) else own
        merged.update((k, v) for k, v in value.items() if k not in defaults and v is not None)
        return merged

    return BeforeValidator(merge)


class PrivacySettings(_Group):
    controller: Controller
    dpo: Dpo
    updated: Date
    processing: Annotated[dict[Key, Processing], _over(PROCESSING)] = Field(
        default_factory=lambda: {k: Processing(**v) for k, v in PROCESSING.items()}
    )
    processors: Annotated[dict[Key, Processor], _over(PROCESSORS)]


# ---------------------------------------------------------- across fields
def accessibility_problems(settings: AccessibilitySettings) -> list[Problem]:
    """What one value alone cannot show: a statement that contradicts itself."""
    where = ("ACCESSIBILITY",)
    problems: list[Problem] = []
    listed = settings.gaps or settings.disproportionate_burden
    if settings.status == "helt" and listed:
        problems.append(((*where, "status"), messages.text("statements.fully_with_gaps")))
    if settings.status != "helt" and not listed:
        problems.append(
            (
                (*where, "gaps"),
                messages.text("statements.gaps_missing", status=COMPLIANCE[settings.status]),
            )
        )
    if settings.updated < settings.assessed:
        problems.append(
            (
                (*where, "updated"),
                messages.text(
                    "statements.updated_before_assessed",
                    updated=settings.updated.isoformat(),
                    assessed=settings.assessed.isoformat(),
                ),
            )
        )
    return problems


def footer_problems(footer_links: list[tuple[str, str]]) -> list[Problem]:
    """Both statements must be reachable from every page (Digg: "åtkomlig
    från alla sidor exempelvis i en sidfot"); the footer is on every page."""
    linked = {url for _label, url in footer_links}
    return [
        (("FOOTER_LINKS",), messages.text("statements.footer_link", label=label, url=url))
        for label, url in (
            ("Tillgänglighetsredogörelse", urls.ACCESSIBILITY_PAGE),
            ("Personuppgifter", urls.PRIVACY_PAGE),
        )
        if url not in linked
    ]


# ------------------------------------------------- what the templates get
@dataclass(frozen=True)
class Statements:
    accessibility: AccessibilitySettings
    privacy: PrivacySettings
    organization: str
    site: str
    controller_name: str
    compliance: str  # "delvis förenlig"
    supervisor: Supervisor
    processing: tuple[Processing, ...]
    law: str = LAW
    imy: tuple[str, str] = (IMY["name"], IMY["complaint_url"])
    rights: tuple[tuple[str, str], ...] = tuple(RIGHTS)


def build_statements(
    accessibility: AccessibilitySettings,
    privacy: PrivacySettings,
    organization: str,
    sitename: str,
    statistics: bool,
) -> Statements:
    """The checked settings with their defaults filled in. `statistics`:
    whether the site runs statistics (MATOMO); without, that processing is
    not listed."""
    processing = tuple(
        p for key, p in privacy.processing.items() if statistics or key != STATISTICS_PROCESSING
    )
    supervisor = accessibility.supervisor or Supervisor(
        name=SUPERVISOR["name"], complaint_url=SUPERVISOR["complaint_url"]
    )
    return Statements(
        accessibility,
        privacy,
        organization=accessibility.organization or organization,
        site=accessibility.site or sitename,
        controller_name=privacy.controller.name or organization,
        compliance=COMPLIANCE[accessibility.status],
        supervisor=supervisor,
        processing=processing,
    )


# -------------------------------------------------------------- generator
class StatementsGenerator(Generator):
    """Writes /tillganglighet/ and /personuppgifter/."""

    PAGES = ((urls.ACCESSIBILITY_PAGE, "accessibility"), (urls.PRIVACY_PAGE, "privacy"))

    def generate_context(self) -> None:
        self.context["statements"] = self.settings["_EDUWEB_STATEMENTS"]
        for url, _template in self.PAGES:
            add_sitemap_entry(self.context, url)

    def generate_output(self, writer) -> None:
        for url, template in self.PAGES:
            writer.write_file(
                urls.save_as(url),
                self.get_template(template),
                self.context,
                url=url,
                page_name=template,
            )
