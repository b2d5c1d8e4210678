"""Validate the settings and the content without building:
`python -m eduweb.check [--settings-only] [--github] [settings file]`.

Prints one line per problem and exits 1 if there is any; fast, because no
Markdown is rendered and nothing is written. `--settings-only` checks the
settings file alone: `invoke build` and `invoke publish` run it first,
because Pelican reads the settings before any plugin is loaded and would
show a mistake that stops the file from running as a traceback.
`--github` also shows each problem on its file and line in GitHub (an
annotation) and lists them in the job summary (github_report.py): the CI
workflow runs it first, so that a writer sees the lines on the pull request
of a save in the web editor.
"""

from __future__ import annotations

import sys

from . import github_report, messages
from .build import read_site_settings, report, validate
from .errors import ContentValidationError
from .settings_files import DEFAULT_SETTINGS_FILE, written_language


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    settings_only = "--settings-only" in argv
    github = "--github" in argv
    paths = [arg for arg in argv if arg not in ("--settings-only", "--github")]
    path = paths[0] if paths else DEFAULT_SETTINGS_FILE
    # Before anything is reported: a file that does not run is still read
    # for its MESSAGES_LANGUAGE.
    messages.set_language(written_language(path))
    try:
        settings = read_site_settings(path)
        if settings_only:
            return 0
        index = validate(settings)
    except ContentValidationError as error:
        report(error)
        if github:
            github_report.report(error.errors, str(error))
        return 1
    count = len(index.documents)
    if count == 1:
        passed = messages.text("check.one_file")
    else:
        passed = messages.text("check.no_problems", count=count)
    print(passed)
    if github:
        github_report.write_summary(github_report.passed_summary(passed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
