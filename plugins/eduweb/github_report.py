"""The check's problem lines where a writer looks on GitHub.

`python -m eduweb.check --github` (the CI workflow's first build step) adds
to its usual lines:

- one annotation per problem, as a workflow command on stdout,
  `::error file=content/x.md,line=4::date: ...`: GitHub shows it on the
  file and line of the pull request (the CMS's save) and in the run;
- a readable list, grouped by file, appended to the job summary
  ($GITHUB_STEP_SUMMARY, Markdown).

Escaping follows GitHub's rules for workflow commands (actions/toolkit,
packages/core/src/command.ts): in the message % CR LF become %25 %0D %0A;
in a property also : and , become %3A and %2C.
"""

from __future__ import annotations

import os
import re
from itertools import groupby

from . import messages
from .errors import ContentError

# Characters that would start Markdown or HTML in the summary; each is
# written with a backslash (CommonMark: any ASCII punctuation may be).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(error: ContentError) -> str:
    """The workflow command that shows `error` on its file and line.

    A problem at line 0 is in no file (an environment variable, the output
    folder): it is shown in the run with its whole line, on no file."""
    if error.line <= 0:
        return f"::error::{escape_data(str(error))}"
    where = f"file={escape_property(error.path)},line={error.line}"
    return f"::error {where}::{escape_data(f'{error.field}: {error.message}')}"


def markdown_text(text: str) -> str:
    """`text` as one line of Markdown that shows exactly that text."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def step_summary(errors: list[ContentError], summary: str) -> str:
    """The job summary: the summary line, then each file's problems."""
    parts = [f"### {markdown_text(messages.text('check.github.heading'))}", ""]
    parts += [markdown_text(summary), ""]
    for path, problems in groupby(sorted(errors), key=lambda error: error.path):
        parts += [f"**{markdown_text(path)}**", ""]
        for error in problems:
            text = f"{error.field}: {error.message}"
            if error.line > 0:
                text = messages.text("check.github.line", line=error.line) + ", " + text
            parts.append(f"- {markdown_text(text)}")
        parts.append("")
    parts += [markdown_text(messages.text("check.github.next")), ""]
    return "\n".join(parts)


def passed_summary(text: str) -> str:
    """The job summary when there is nothing to fix."""
    return f"### {markdown_text(messages.text('check.github.passed'))}\n\n{markdown_text(text)}\n"


def report(errors: list[ContentError], summary: str) -> None:
    """Print the annotations and add the list to the job summary."""
    print("\n".join(annotation(error) for error in errors), flush=True)
    write_summary(step_summary(errors, summary))


def write_summary(markdown: str) -> None:
    """Append to $GITHUB_STEP_SUMMARY; outside GitHub Actions, do nothing."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(markdown + "\n")
