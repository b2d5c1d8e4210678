"""The build's steps around Pelican's own: validate first, write aside, swap."""

from __future__ import annotations

import sys

from . import staging
from .content_index import SiteIndex, scan
from .dates import DateError, build_now
from .errors import ContentError, ContentValidationError
from .settings import apply_contract
from .templating import jinja_filters, jinja_globals


def configure(pelican) -> None:
    """At start: apply the contract's settings and check the site's settings."""
    settings = pelican.settings
    problems = apply_contract(settings)
    settings.setdefault("JINJA_FILTERS", {}).update(jinja_filters(settings))
    settings.setdefault("JINJA_GLOBALS", {}).update(jinja_globals(settings))
    if problems:
        fail([ContentError("pelicanconf.py", 1, *p.split(": ", 1)) for p in problems])


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
    """Print one line per problem and stop the build (exit status 1)."""
    sys.stderr.write("".join(f"{error}\n" for error in sorted(errors)))
    sys.stderr.flush()
    raise ContentValidationError(errors)


def before_generators(pelican) -> None:
    """Runs before Pelican deletes or writes anything in a build."""
    pelican.settings["_EDUWEB_INDEX"] = validate(pelican.settings)
    staging.begin(pelican)


def after_build(pelican) -> None:
    staging.finish(pelican)
