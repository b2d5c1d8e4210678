"""The schema of every setting the site reads, checked like content: one
line per problem at the file and line where the value is written."""

from __future__ import annotations

import difflib
import os
import re
import zoneinfo
from typing import Annotated

from pelican.settings import DEFAULT_CONFIG
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from . import messages
from .brand import (
    Brand,
    BrandSettings,
    Contact,
    OrganizationContact,
    contrast_problems,
    logo_problems,
)
from .consent import (
    Consent,
    ConsentSettings,
    MatomoSettings,
    _boolean,
    _shape,
    build_consent,
    consent_problems,
)
from .errors import ContentError
from .setting_types import (
    HTTPS_ORIGIN_RE,
    HTTPS_URL_RE,
    MISSING,
    SITE_ORIGIN_RE,
    Problem,
    SettingsModel,
    fail,
    is_text,
    list_of,
    optional_text,
    problems_of,
    text,
)
from .settings_files import SettingsSource
from .statements import (
    AccessibilitySettings,
    PrivacySettings,
    Statements,
    accessibility_problems,
    build_statements,
    footer_problems,
)

# An address inside the site as the theme writes it after "/": nyheter/,
# om-webbplatsen/, kalender.ics, or "" for the front page.
SITE_PATH_RE = re.compile(r"(?:[A-Za-z0-9._~%-]+/)*[A-Za-z0-9._~%-]*")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# A folder below content/ (STATIC_PATHS) or the output folder (OUTPUT_RETENTION).
RELATIVE_PATH_RE = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")

MISSING.update(
    {
        "PUBLIC_URL": "setting.missing_public_url",
        "TIMEZONE": "setting.missing_timezone",
        "ACCESSIBILITY": "statements.missing_accessibility",
        "PRIVACY": "statements.missing_privacy",
    }
)


def _public_url(value: object) -> str:
    if not isinstance(value, str) or not SITE_ORIGIN_RE.fullmatch(value):
        raise fail(messages.text("setting.public_url", value=value))
    return value


def _site_url(value: object) -> str:
    if value:
        raise fail(messages.text("setting.site_url"))
    return ""


def _timezone(value: object) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        close = difflib.get_close_matches(str(value), zoneinfo.available_timezones(), n=1)
        hint = (
            messages.text("setting.timezone_guess", name=close[0])
            if close
            else messages.text("setting.timezone_example")
        )
        raise fail(messages.text("setting.timezone", value=value, hint=hint)) from None
    return value


def _count(minimum: int):
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise fail(messages.text("setting.count", value=value, minimum=minimum))
        return value

    return Annotated[int, BeforeValidator(check)]


def _language(value: object) -> str:
    if not isinstance(value, str) or not LANGUAGE_RE.fullmatch(value):
        raise fail(messages.text("setting.language", value=value))
    return value


def _messages_language(value: object) -> str | None:
    if value is not None and value not in messages.LANGUAGES:
        raise fail(messages.text("setting.messages_language", value=value))
    return value


def _link(value: object) -> tuple[str, str]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise fail(messages.text("setting.link_pair"))
    label, url = value
    if not is_text(label):
        raise fail(messages.text("setting.link_label", value=label))
    if not isinstance(url, str) or not SITE_PATH_RE.fullmatch(url):
        raise fail(messages.text("setting.link_address", value=url))
    return label.strip(), url


def _cache_folder(value: object) -> str:
    """A folder for the build's caches: a path, absolute or from the
    folder the build runs in; empty (or None) for the default."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        raise fail(messages.text("setting.content_cache", value=value))
    return value


def _relative_path(value: object) -> str:
    if not isinstance(value, str) or not RELATIVE_PATH_RE.fullmatch(value) or ".." in value:
        raise fail(messages.text("setting.folder_name", value=value))
    return value


# Publishing (deploy.py). Values may come from environment variables, so
# they arrive as text: a port may be written "22".
# user@host:/folder; nothing may start with "-", which rsync would read as an option.
RSYNC_TARGET_RE = re.compile(
    r"(?:[A-Za-z0-9_][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):[^\s-]\S*"
)
BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
REGION_RE = re.compile(r"[a-z0-9-]{2,40}")
PREFIX_RE = re.compile(r"(?:[A-Za-z0-9._~-]+/)*")


def _deploy_check(key: str, pattern: re.Pattern | None = None, default: object = ""):
    """Optional text matching `pattern`; empty or None gives `default`."""

    def check(value: object) -> object:
        if value is None or value == "":
            return default
        if not isinstance(value, str) or (pattern and not pattern.fullmatch(value)):
            raise fail(messages.text(key, value=messages.quote(value)))
        return value

    return BeforeValidator(check)


def _deploy_target(value: object) -> str:
    if value is None or value == "":
        return "none"
    if value not in ("rsync", "s3", "none"):
        raise fail(messages.text("deploy.setting.target", value=messages.quote(value)))
    return value


def _port(value: object) -> int:
    if value is None or value == "":
        return 22
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535:
        raise fail(messages.text("deploy.setting.port", value=messages.quote(value)))
    return number


def _prefix(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str) and not value.endswith("/"):
        value += "/"
    if not isinstance(value, str) or not PREFIX_RE.fullmatch(value):
        raise fail(messages.text("deploy.setting.prefix", value=messages.quote(value)))
    return value


# The web editor (CMS): Decap CMS on the git host the site lives on.
CMS_BACKENDS = ("github", "gitlab", "gitea")
REPO_RE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")
BRANCH_RE = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")
AUTH_ENDPOINT_RE = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")
APP_ID_RE = re.compile(r"[A-Za-z0-9._-]+")


def _cms_check(key: str, pattern: re.Pattern, default: str = ""):
    """Optional text matching `pattern`; empty or None gives `default`."""

    def check(value: object) -> str:
        if value is None or value == "":
            return default
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise fail(messages.text(key, value=messages.quote(value)))
        return value

    return BeforeValidator(check)


def _optional_boolean(value: object) -> bool | None:
    return None if value is None else _boolean(value)


def _cms_backend(value: object) -> str:
    if value not in CMS_BACKENDS:
        raise fail(messages.text("cms.backend", value=messages.quote(value)))
    return value


def _cms_repo(value: object) -> str:
    if not isinstance(value, str) or not REPO_RE.fullmatch(value) or ".." in value:
        raise fail(messages.text("cms.repo", value=messages.quote(value)))
    return value


class CmsSettings(SettingsModel):
    """CMS: where the web editor saves (cms_config.py makes its config)."""

    backend: Annotated[str, BeforeValidator(_cms_backend)]
    repo: Annotated[str, BeforeValidator(_cms_repo)]
    branch: Annotated[str, _cms_check("cms.branch", BRANCH_RE, "main")] = "main"
    base_url: Annotated[str, _cms_check("cms.base_url", HTTPS_ORIGIN_RE)] = ""
    auth_endpoint: Annotated[str, _cms_check("cms.auth_endpoint", AUTH_ENDPOINT_RE)] = ""
    app_id: Annotated[str, _cms_check("cms.app_id", APP_ID_RE)] = ""
    api_root: Annotated[str, _cms_check("cms.api_root", HTTPS_URL_RE)] = ""
    # Default: on where Decap has it (GitHub, GitLab); its Gitea backend has none.
    editorial_workflow: Annotated[bool | None, BeforeValidator(_optional_boolean)] = None

    _is_dict = _shape("cms.shape")

    @model_validator(mode="after")
    def _what_the_backend_needs(self):
        # GitHub signs in through the organisation's own OAuth proxy; GitLab
        # and Gitea sign in with an OAuth application (PKCE), Gitea on its
        # own server.
        if self.backend in ("github", "gitea") and not self.base_url:
            raise fail(messages.text(f"cms.{self.backend}_needs_base_url"))
        if self.backend in ("gitlab", "gitea") and not self.app_id:
            raise fail(messages.text("cms.needs_app_id", backend=self.backend))
        if self.backend == "gitea" and self.editorial_workflow:
            raise fail(messages.text("cms.gitea_no_workflow"))
        return self

    @property
    def pull_requests(self) -> bool:
        """Whether each save is a pull request (Decap's editorial workflow)."""
        if self.editorial_workflow is None:
            return self.backend != "gitea"
        return self.editorial_workflow


Link = Annotated[tuple[str, str], BeforeValidator(_link)]
RelativePath = Annotated[str, BeforeValidator(_relative_path)]


class SiteSettings(BaseModel):
    """Every setting the plugin and the theme read. Pelican's own settings
    are in the same dict, so other keys are left alone here."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    SITENAME: text("setting.sitename")
    SITE_DESCRIPTION: Annotated[str, BeforeValidator(optional_text)] = ""
    ORGANIZATION: Annotated[str, BeforeValidator(optional_text)] = ""
    PUBLIC_URL: Annotated[str, BeforeValidator(_public_url)]
    SITEURL: Annotated[str, BeforeValidator(_site_url)] = ""
    TIMEZONE: Annotated[str, BeforeValidator(_timezone)]
    DEFAULT_LANG: Annotated[str, BeforeValidator(_language)] = "sv"
    NEWS_PER_PAGE: _count(1) = 10
    HOME_NEWS_COUNT: _count(0) = 4
    # Worker processes for reading and writing pages; 0: one per CPU
    # (parallel.py). The output is the same whatever the number.
    BUILD_WORKERS: _count(0) = 0
    # The checked and rendered content files, by their bytes; default
    # .cache/content/ beside the content folder (content_cache.py).
    CONTENT_CACHE: Annotated[str, BeforeValidator(_cache_folder)] = ""
    # Pages per shard of the search index, on average (search_index.py): each
    # shard is one Pagefind run, whose memory grows with its pages.
    SEARCH_SHARD_PAGES: _count(1) = 800
    MENU: list_of(Link, "setting.links_list") = Field(default_factory=list)
    FOOTER_LINKS: list_of(Link, "setting.links_list") = Field(default_factory=list)
    STATIC_PATHS: list_of(RelativePath, "setting.folders_list") = Field(default_factory=list)
    OUTPUT_RETENTION: list_of(RelativePath, "setting.names_list") = Field(default_factory=list)
    # The language of the build's messages: "sv" (the default) or "en" for
    # developers; build.check_settings applies it before anything is reported.
    MESSAGES_LANGUAGE: Annotated[str | None, BeforeValidator(_messages_language)] = None
    CONSENT: ConsentSettings = ConsentSettings()
    # The organisation's logo and colours, and the footer's address (brand.py).
    BRAND: Brand = BrandSettings()
    ORGANIZATION_CONTACT: Contact = OrganizationContact()
    MATOMO: MatomoSettings | None = None
    # The accessibility statement and the privacy notice (statements.py).
    # Optional here, so tools that read other settings (deploy) need not
    # have them; a build requires both (build_problems).
    ACCESSIBILITY: AccessibilitySettings | None = None
    PRIVACY: PrivacySettings | None = None
    # "Sidansvarig" on every page without an owner: of its own; default
    # ORGANIZATION, else SITENAME (page_facts.py).
    CONTENT_OWNER: Annotated[str, BeforeValidator(optional_text)] = ""
    DEPLOY_TARGET: Annotated[str, BeforeValidator(_deploy_target)] = "none"
    DEPLOY_RSYNC_TARGET: Annotated[
        str, _deploy_check("deploy.setting.rsync_target", RSYNC_TARGET_RE)
    ] = ""
    DEPLOY_SSH_PORT: Annotated[int, BeforeValidator(_port)] = 22
    DEPLOY_SSH_KEY: Annotated[str, _deploy_check("deploy.setting.path")] = ""
    DEPLOY_SSH_KNOWN_HOSTS: Annotated[str, _deploy_check("deploy.setting.path")] = ""
    DEPLOY_S3_BUCKET: Annotated[str, _deploy_check("deploy.setting.bucket", BUCKET_RE)] = ""
    DEPLOY_S3_ENDPOINT_URL: Annotated[
        str, _deploy_check("deploy.setting.endpoint", SITE_ORIGIN_RE)
    ] = ""
    DEPLOY_S3_REGION: Annotated[str, _deploy_check("deploy.setting.region", REGION_RE)] = ""
    DEPLOY_S3_PREFIX: Annotated[str, BeforeValidator(_prefix)] = ""
    # The web editor at /admin/; None (or no CMS at all) gives no editor.
    CMS: CmsSettings | None = None


OURS = set(SiteSettings.model_fields)
# Pelican's settings that are not in its DEFAULT_CONFIG.
PELICAN_EXTRA = {"TIMEZONE", "FEED_DOMAIN", "FEED_ALL_ATOM", "PLUGINS", "PLUGIN_PATHS"}


def unknown_settings(written: set[str]) -> list[Problem]:
    """Upper-case names the settings files write that nothing reads but that
    are close to one that is read: a misspelt setting would be ignored."""
    known = OURS | PELICAN_EXTRA | set(DEFAULT_CONFIG)
    problems = []
    for key in sorted(written - known):
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.8)
        if close:
            problems.append(((key,), messages.text("setting.unknown", name=close[0])))
    return problems


def logo_folders(settings: dict) -> list[str]:
    """Where BRAND's logo may be: content/, then the theme's static folders
    (which configure() moves aside once the settings are checked)."""
    theme = settings.get("_EDUWEB_THEME_STATIC")
    if theme is None:
        base = settings.get("THEME", "theme")
        theme = [os.path.join(base, f) for f in settings.get("THEME_STATIC_PATHS", ["static"])]
    return [settings.get("PATH", "content"), *theme]


def check_site_settings(
    settings: dict, source: SettingsSource
) -> tuple[SiteSettings | None, Consent | None, list[ContentError]]:
    """The checked settings and consent configuration, or the problems."""
    ours = {key: settings[key] for key in OURS if key in settings}
    problems = unknown_settings(source.keys)
    model = consent = None
    try:
        model = SiteSettings.model_validate(ours)
    except ValidationError as error:
        problems += problems_of(error, SiteSettings)
    else:
        problems += consent_problems(model.CONSENT, model.MATOMO)
        problems += contrast_problems(model.BRAND)
        problems += logo_problems(model.BRAND, logo_folders(settings))
        if model.ACCESSIBILITY:
            problems += accessibility_problems(model.ACCESSIBILITY)
        consent = build_consent(model.CONSENT, model.MATOMO, model.SITENAME)
    errors = [source.error(loc, message) for loc, message in problems]
    return (None, None, errors) if errors else (model, consent, [])


def build_problems(model: SiteSettings) -> list[Problem]:
    """What a build needs beyond valid settings: both statements, linked
    from the footer of every page."""
    problems: list[Problem] = [
        ((key,), messages.text(MISSING[key]))
        for key in ("ACCESSIBILITY", "PRIVACY")
        if getattr(model, key) is None
    ]
    return problems + footer_problems(model.FOOTER_LINKS)


def site_statements(model: SiteSettings) -> Statements:
    """The accessibility statement and privacy notice of checked settings."""
    organization = model.ORGANIZATION or model.SITENAME
    return build_statements(
        model.ACCESSIBILITY,
        model.PRIVACY,
        organization,
        model.SITENAME,
        statistics=model.MATOMO is not None,
    )
