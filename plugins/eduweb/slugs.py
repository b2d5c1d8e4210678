"""Slugs: the address part made from a file name or a tag."""

from __future__ import annotations

import functools
import re

from pelican.utils import slugify as pelican_slugify

# Pelican ASCII-folds (å→a, ä→a, ö→o, é→e) and lower-cases; these
# substitutions then turn every other run of characters into one hyphen.
# The same list is given to Pelican (SLUG_REGEX_SUBSTITUTIONS and the tag
# variant), so tag pages and our own links agree.
SLUG_SUBSTITUTIONS = [(r"[^a-z0-9]+", "-"), (r"^-+|-+$", "")]

# An address part, and a folder name in the output: file systems refuse
# names over 255 bytes, and nobody types or shares an address that long.
MAX_SLUG_LENGTH = 100

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Pelican's slugify strips tags, normalises and transliterates on every call
# (~30 µs); a build asks for the same tags, places and headings thousands of
# times, so results are kept (a pure function of the text).
@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """'Eskilstuna satsar på chefer!' -> 'eskilstuna-satsar-pa-chefer'."""
    return pelican_slugify(text, regex_subs=SLUG_SUBSTITUTIONS)


def is_slug(text: str) -> bool:
    """True when text is already a clean slug (a-z, 0-9, single hyphens)."""
    return bool(SLUG_PATTERN.match(text))
