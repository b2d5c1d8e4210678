"""The build's steps around Pelican's own: validate first, write aside, swap."""

from __future__ import annotations

import os
import sys

from . import messages, pictures, staging
from .assets import Assets, site_preludes, theme_static_folders
from .content_index import SiteIndex, scan
from .dates import DateError, build_now
from .errors import ContentError, ContentValidationError
from .page_facts import page_facts
from .search_index import index_site
from .settings import apply_contract
from .settings_files import SettingsSource, read_settings_file
from .site_settings import build_problems, check_site_settings, site_statements
from .templating import jinja_filters, jinja_globals


def check_settings(settings: dict, settings_file: str | None = None) -> list[ContentError]:
    """Check the site's settings (site_settings.py); if they are right, apply
    the contract's over them. Problems are located in `settings_file`, by
    default the file the pelican command was given.

    MESSAGES_LANGUAGE is applied first, so every problem is reported in the
    language it asks for (a value that is not a language gives Swedish, and
    the check below reports it)."""
    messages.set_language(settings.get("MESSAGES_LANGUAGE"))
    if settings_file:
        source = SettingsSource(settings_file)
    else:
        source = SettingsSource.of_command_line(settings)
    site, consent, errors = check_site_settings(settings, source)
    if not errors:
        errors = [source.error(loc, message) for loc, message in build_problems(site)]
    if not errors:
        apply_contract(settings, site)
        settings["_EDUWEB_CONSENT"] = consent
        settings["_EDUWEB_SITE"] = site
        settings["_EDUWEB_STATEMENTS"] = site_statements(site)
    return errors


def read_site_settings(path: str) -> dict:
    """The settings file, run and checked as a build checks it; raises
    ContentValidationError with every problem (for the commands that check
    before they act: check, cms-config, new-article, …)."""
    settings = read_settings_file(path)
    errors = check_settings(settings, path)
    if errors:
        raise ContentValidationError(errors)
    return settings


def configure(pelican) -> None:
    """At start: check the site's settings and apply the contract's."""
    settings = pelican.settings
    errors = check_settings(settings)
    # The theme's files are copied under hashed names (host_files.py), not by
    # Pelican under their own.
    settings["_EDUWEB_THEME_STATIC"] = theme_static_folders(settings)
    settings["THEME_STATIC_PATHS"] = []
    settings["_EDUWEB_ASSETS"] = Assets()
    if not errors:
        settings["_EDUWEB_PICTURES"] = pictures.Pictures(
            os.path.abspath(settings["PATH"]), pictures.cache_dir(settings)
        )
    settings.setdefault("JINJA_FILTERS", {}).update(jinja_filters(settings))
    settings.setdefault("JINJA_GLOBALS", {}).update(jinja_globals(settings))
    if errors:
        stop_build(ContentValidationError(errors))
    _report_write_failures(pelican)


def _report_write_failures(pelican) -> None:
    """A full disk mid-build is not a bug to show a traceback for: Pelican
    logs any exception from run() with one, so run() is wrapped to end with
    the one-line message instead (the old site is untouched; staging.py)."""
    run = pelican.run

    def run_reporting_write_failures() -> None:
        try:
            run()
        except OSError as err:
            stop_build(staging.write_failure(pelican, err))

    pelican.run = run_reporting_write_failures


def validate(settings: dict) -> SiteIndex:
    """Read and check all content; raise with every problem if any."""
    try:
        now = build_now()
    except DateError as err:
        fail([ContentError(messages.text("where.environment"), 0, "SOURCE_DATE_EPOCH", str(err))])
    settings["_EDUWEB_NOW"] = now
    index = scan(settings, render=True)
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
        settings = pelican.settings
        # Owner and last update of every page: one git command per build.
        settings["_EDUWEB_FACTS"] = page_facts(settings["_EDUWEB_INDEX"], settings)
        settings["_EDUWEB_ASSETS"].scan(settings["_EDUWEB_THEME_STATIC"], site_preludes(settings))
        prepare_pictures(settings)
        staging.begin(pelican)
    except ContentValidationError as error:
        stop_build(error)


def prepare_pictures(settings: dict) -> None:
    """Make the variants of every picture the pages show, before anything is
    written: a picture that cannot be read stops the build like bad content."""
    shelf = settings["_EDUWEB_PICTURES"]
    shelf.begin()
    wanted = pictures.references(
        settings["_EDUWEB_INDEX"].documents.values(),
        settings.get("STATIC_PATHS", ["images"]),
        messages.text("where.body"),
    )
    errors = shelf.prepare_all(wanted)
    if errors:
        fail(errors)


def after_build(pelican) -> None:
    try:
        # Every generator has said what it writes: render the pages.
        pelican.settings["_EDUWEB_WRITER"].flush()
        # Into the staging folder, after Pelican has written (and, with
        # DELETE_OUTPUT_DIRECTORY, cleaned) it.
        shelf = pelican.settings.get("_EDUWEB_PICTURES")
        if shelf is not None:
            shelf.publish(pelican.output_path)
        pictures.strip_locations(pelican.output_path, pelican.settings.get("STATIC_PATHS", []))
        # The preview's incremental builds put their files in place themselves.
        session = pelican.settings.get("_EDUWEB_SESSION")
        if session is not None and session.finish(pelican):
            return
        # The search index reads the finished pages: after Pelican, before the swap.
        index_site(pelican)
        staging.finish(pelican)
    except ContentValidationError as error:
        stop_build(error)
