"""Validate the content without building: `python -m eduweb.check [settings]`.

Prints one line per problem and exits 1 if there is any; fast, because no
Markdown is rendered and nothing is written.
"""

from __future__ import annotations

import sys

from pelican.settings import read_settings

from .build import check_settings, report, validate
from .errors import ContentValidationError


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    settings = read_settings(argv[0] if argv else "pelicanconf.py")
    try:
        errors = check_settings(settings)
        if errors:
            raise ContentValidationError(errors)
        index = validate(settings)
    except ContentValidationError as error:
        report(error)
        return 1
    print(f"{len(index.documents)} files checked, no problems found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
