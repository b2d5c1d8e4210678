"""Validate the content without building: `python -m eduweb.check [settings]`.

Prints one line per problem and exits 1 if there is any; fast, because no
Markdown is rendered and nothing is written.
"""

from __future__ import annotations

import sys

from pelican.settings import read_settings

from .build import validate
from .errors import ContentValidationError
from .settings import apply_contract


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    settings = read_settings(argv[0] if argv else "pelicanconf.py")
    apply_contract(settings)
    try:
        index = validate(settings)
    except ContentValidationError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{len(index.documents)} files checked, no problems found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
