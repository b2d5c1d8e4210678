"""The build's steps around Pelican's own: validate first, write aside, swap."""

from __future__ import annotations

import sys

from . import staging
from .consent import configure_consent
from .content_index import SiteIndex, scan
from .dates import DateError, build_now
from .errors import ContentError, ContentValidationError
from .settings import apply_contract
from .templating import jinja_filters, jinja_globals


def check_settings(settings: dict) -> list[ContentError]:
    """Apply the contract's settings; return problems with the site's own."""
    problems = apply_contract(settings)
    errors = [ContentError("pelicanconf.py", 1, *p.split(": ", 1)) for p in problems]
    errors += configure_consent(settings)  # CONSENT and MATOMO, see consent.py
    return errors


def configure(pelican) -> None:
    """At start: apply the contract's settings and check the site's settings."""
    settings = pelican.settings
    errors = check_settings(settings)
    settings.setdefault("JINJA_FILTERS", {}).update(jinja_filters(settings))
    settings.setdefault("JINJA_GLOBALS", {}).update(jinja_globals(settings))
    if errors:
        stop_build(ContentValidationError(errors))


def validate(settings: dict) -> SiteIndex:
    """Read and check all content; raise with every problem if any."""
    try:
        now = build_now()
    except DateError as err:
        fail([ContentError("(environment)", 0, "SOURCE_DATE_EPOCH", str(err))])
    settings["_EDUWEB_NOW"] = now
    index = scan(settings)
    if index.errors:
        fail(index.errors)
    return index


def fail(errors: list[ContentError]):
    raise ContentValidationError(errors)


def report(error: ContentValidationError) -> None:
    """Print one line per problem, then a summary line."""
    lines = [f"{problem}\n" for problem in error.errors]
    sys.stderr.write("".join(lines) + f"{error}\n")
    sys.stderr.flush()


def stop_build(error: ContentValidationError):
    """End the pelican command with exit status 1 and no traceback.

    Pelican logs any exception with its traceback; writers should see only
    the lines that say what to fix, so the build ends with SystemExit.
    """
    report(error)
    raise SystemExit(error.exitcode) from None


def before_generators(pelican) -> None:
    """Runs before Pelican deletes or writes anything in a build."""
    try:
        staging.claim(pelican)  # lock the output folder; refuse one that is unsafe
        pelican.settings["_EDUWEB_INDEX"] = validate(pelican.settings)
        staging.begin(pelican)
    except ContentValidationError as error:
        stop_build(error)


def after_build(pelican) -> None:
    try:
        staging.finish(pelican)
    except ContentValidationError as error:
        stop_build(error)
