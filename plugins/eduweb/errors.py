"""Content errors: one line per problem, as `file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass

from . import messages


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file, located by line and field path."""

    path: str  # relative to the site root, e.g. content/news/2024/x.md
    line: int
    field: str  # e.g. rounds[1].sessions[0].date
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentValidationError(Exception):
    """Raised when content or settings break the contract; carries every
    problem found. build.stop_build prints them and ends the build with
    `exitcode`; its text is the summary line."""

    exitcode = 1

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        count = len(self.errors)
        files = len({e.path for e in self.errors})
        super().__init__(summary(count, files))


def summary(count: int, files: int) -> str:
    """'1 problem i 1 fil', '3 problem i 2 filer': the line after the problems."""
    problems = (
        messages.text("summary.one_problem")
        if count == 1
        else messages.text("summary.problem_count", count=count)
    )
    file_word = (
        messages.text("summary.one_file")
        if files == 1
        else messages.text("summary.file_count", count=files)
    )
    return messages.text("summary.problems", problems=problems, files=file_word)


def field_path(loc: tuple) -> str:
    """('rounds', 1, 'sessions', 0, 'date') -> 'rounds[1].sessions[0].date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
