"""vCard 3.0 (RFC 2426) files: escaped values, lines folded at 75 octets, CRLF.

3.0 rather than 4.0 because it is the version iOS, Android and Outlook all
import. The writer is our own (about fifty lines) so the runtime needs no
vCard library; the tests read its output with vobject, an independent parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from .phones import Phone

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 2425 5.8.1: lines SHOULD NOT be longer than 75 octets
# Family-name particles written in lower case: "Anna af Sillén" is "af Sillén".
NAME_PARTICLES = {"af", "av", "von", "van", "der", "den", "de", "du", "la", "le", "di", "da"}
# Every line boundary a reader may split on (str.splitlines' set): each is a
# line break in the text, written as \n, so none can start a new property.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in a vCard value (RFC 2425 5.8.4).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Characters a URI value keeps as they are; everything else (controls,
# spaces, backslashes, `,` and `;` that some readers split on, non-ASCII)
# is percent-encoded, and an existing %XX stays as it is.
_URI_SAFE = "%:/?#[]@!$&'()*+=~"


@dataclass(frozen=True)
class VCardData:
    """What a contact's vCard says. URLs are absolute."""

    name: str
    organization: str | None = None
    title: str | None = None
    phones: Iterable[Phone] = field(default_factory=tuple)
    email: str | None = None
    photo_url: str | None = None
    url: str | None = None


def vcard(data: VCardData) -> str:
    """The text of a .vcf file for one contact (write it as UTF-8, unchanged)."""
    family, given = split_name(data.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        # N is structured (family;given;additional;prefixes;suffixes).
        "N:" + ";".join([escape_text(family), escape_text(given), "", "", ""]),
        "FN:" + escape_text(data.name),
    ]
    if data.organization:
        lines.append("ORG:" + escape_text(data.organization))
    if data.title:
        lines.append("TITLE:" + escape_text(data.title))
    for phone in data.phones:
        kind = "CELL" if phone.is_mobile else "WORK,VOICE"
        lines.append(f"TEL;TYPE={kind}:{phone.international}")
    if data.email:
        lines.append("EMAIL;TYPE=INTERNET:" + escape_text(data.email))
    if data.photo_url:
        # A URI value is not text: no backslash escapes (RFC 2426 3.1.4).
        lines.append("PHOTO;VALUE=URI:" + uri_value(data.photo_url))
    if data.url:
        lines.append("URL:" + uri_value(data.url))
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)


def escape_text(value: str) -> str:
    """Escape a text value: backslash, comma, semicolon and line breaks; a tab
    becomes a space and other control characters are left out."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    value = _LINE_BREAK.sub("\\\\n", value).replace("\t", " ")
    return _CONTROL.sub("", value)


def uri_value(uri: str) -> str:
    """A URI as a property value: one that cannot end the line or split it."""
    return quote(uri, safe=_URI_SAFE)


def fold(line: str, limit: int = LINE_OCTETS) -> str:
    """Fold a content line into lines of at most `limit` octets of UTF-8.

    A continuation line starts with one space, which counts towards its
    length; a character is never split between two lines.
    """
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def split_name(name: str) -> tuple[str, str]:
    """'Tommy Eriksson' -> ('Eriksson', 'Tommy'): the last word is the family name,
    with any particles before it ('Anna af Sillén' -> ('af Sillén', 'Anna'))."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    start = len(words) - 1
    while start > 1 and words[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start])
