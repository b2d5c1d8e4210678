"""The organisation's own site (content/, pelicanconf.py, publishconf.py)
builds. Nothing else in the suite reads those files: every other test uses
tests/fixtures/site/. This test asserts nothing about what the content
says, only that it builds; if it does not, the failure shows the build's own
messages to writers (`content/<file>:<line>: <field>: …`)."""

from __future__ import annotations

import time

from conftest import ROOT, Site


def test_the_organisations_site_builds_for_publishing(tmp_path):
    # publishconf.py imports pelicanconf.py, so both settings files are run.
    site = Site(tmp_path / "site", with_sample=True, source=ROOT)
    # Built at the real "now", as the published build is: what is due shows.
    result = site.build(at=int(time.time()), settings="publishconf.py")
    # Not a bare assert: the build's own lines are the message, unquoted.
    if result.returncode != 0:
        raise AssertionError(
            "The organisation's site (content/ with publishconf.py) does not build:\n"
            + result.stderr
        )
