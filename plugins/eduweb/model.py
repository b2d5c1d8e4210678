"""The content model: one typed schema per kind of content, with messages
that tell a writer what is wrong and how to write it."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import messages
from .dates import DateError, parse_date, parse_datetime, parse_time
from .frontmatter import describe_character
from .phones import PhoneError, parse_phone
from .programmes import booking_conflict
from .slugs import MAX_SLUG_LENGTH, is_slug, slugify
from .timezones import wall_clock_problem

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}
EMAIL_RE = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[A-Za-z]{2,}$")


def _fail(message: str) -> PydanticCustomError:
    # The message goes through a template; passing it as context keeps any
    # braces in the writer's text from being read as placeholders.
    return PydanticCustomError("content", "{message}", {"message": message})


def _describe(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of indented fields"
    return repr(value)


# ---------------------------------------------------------------- field types
def _text(value: object, info: ValidationInfo) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(
            f"expected text, found {_describe(value)} "
            f"(write {info.field_name or 'the field'}: followed by the text on the same line)"
        )
    value = value.strip()
    if not value:
        raise _fail("is empty (write the text after the colon, or remove the line)")
    return value


def _required(check, example: str):
    """A check that also refuses an empty value (`title:` with nothing after it)."""

    def required(value: object, info: ValidationInfo):
        if value is None:
            raise _fail(f"is empty (write {info.field_name}: {example})")
        return check(value, info)

    return required


def _list(value: object, info: ValidationInfo) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        name = info.field_name or "field"
        raise _fail(
            f"expected a list, found {_describe(value)} "
            f"(write {name}: [first, second] or one '- item' line per entry)"
        )
    return value


def _date(value: object, info: ValidationInfo):
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(f"expected a date, found {_describe(value)} (write YYYY-MM-DD)")
    try:
        return parse_date(value)
    except DateError as err:
        raise _fail(str(err)) from err


def _datetime(value: object, info: ValidationInfo):
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(f"expected a date, found {_describe(value)} (write YYYY-MM-DD)")
    try:
        return parse_datetime(value, info.context["tz"])
    except DateError as err:
        raise _fail(str(err)) from err


def _time(value: object, info: ValidationInfo):
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(f"expected a time, found {_describe(value)} (write HH:MM, e.g. 13:00)")
    try:
        return parse_time(value)
    except DateError as err:
        raise _fail(str(err)) from err


def _choice(*allowed: str):
    def check(value: object, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        if value not in allowed:
            options = " or ".join(allowed) if len(allowed) == 2 else "one of " + ", ".join(allowed)
            raise _fail(f"{_describe(value)} is not allowed (write {options})")
        return value

    return check


def _percent(value: object, info: ValidationInfo) -> int | None:
    if value is None:
        return None
    text = value.strip().rstrip("%").strip() if isinstance(value, str) else ""
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,3}", text) or int(text) > 100:
        raise _fail(
            f"{_describe(value)} is not a whole number from 0 to 100 "
            "(write e.g. booked_percent: 50)"
        )
    return int(text)


def _url(value: object, info: ValidationInfo) -> str | None:
    text = _text(value, info)
    if text is None:
        return None
    odd = next((char for char in text if _not_in_url(char)), None)
    if odd is not None:
        what = "a space" if odd == " " else describe_character(odd)
        raise _fail(
            f"{text!r} contains {what}, which a web address cannot have (copy the address "
            "from the browser's address bar, e.g. https://www.example.se/anmalan)"
        )
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed [ in the host
        parts = urlsplit("")
    if parts.scheme not in ("https", "http") or "." not in parts.netloc:
        raise _fail(
            f"{text!r} is not a web address (write the full address, "
            "e.g. https://www.example.se/anmalan)"
        )
    return text


def _not_in_url(char: str) -> bool:
    """Spaces, quotes, angle brackets and backslashes end or break an address
    in HTML, iCalendar and vCard; control and format characters are invisible."""
    return char.isspace() or char in "\"'<>\\`" or unicodedata.category(char) in ("Cc", "Cf")


def _tag(value: object, info: ValidationInfo) -> str | None:
    """A tag has a page, /nyheter/amne/<slug>/, so it must give an address."""
    text = _required(_text, "…")(value, info)
    slug = slugify(text)
    if not slug:
        raise _fail(
            f"{text!r} has no letters or digits, so its tag page would have no address "
            "(write a word, e.g. Digitalisering)"
        )
    if len(slug) > MAX_SLUG_LENGTH:
        raise _fail(
            f"is too long for an address ({len(slug)} characters; a tag may have at most "
            f"{MAX_SLUG_LENGTH})"
        )
    return text


def _email(value: object, info: ValidationInfo) -> str | None:
    text = _text(value, info)
    if text is not None and not EMAIL_RE.match(text):
        raise _fail(f"{text!r} is not an e-mail address (write e.g. namn@example.se)")
    return text


def _slug(value: object, info: ValidationInfo) -> str | None:
    text = _text(value, info)
    if text is not None and not is_slug(text):
        raise _fail(
            f"{text!r} cannot be used in an address (use lower-case a-z, 0-9 and "
            "single hyphens, e.g. ny-omgang-hosten-2025)"
        )
    if text is not None and len(text) > MAX_SLUG_LENGTH:
        raise _fail(
            f"is {len(text)} characters long; an address may have at most "
            f"{MAX_SLUG_LENGTH} (shorten it)"
        )
    return text


def _image(value: object, info: ValidationInfo) -> str | None:
    text = _text(value, info)
    if text is None:
        return None
    content = info.context["content_path"]
    rel = text.lstrip("/")
    full = os.path.normpath(os.path.join(content, rel))
    if not full.startswith(os.path.normpath(content) + os.sep):
        raise _fail(f"{text!r} is outside content/ (write a path such as images/bild.jpg)")
    if os.path.splitext(rel)[1].lower() not in IMAGE_EXTENSIONS:
        raise _fail(
            f"{text!r} is not a picture (use a .jpg, .png, .webp, .gif, .avif or .svg file)"
        )
    if not os.path.isfile(full):
        raise _fail(
            f"{text!r} does not exist (paths are relative to content/, "
            "e.g. images/bild.jpg; check the spelling and the file's extension)"
        )
    static_dirs = info.context["static_paths"]
    if not any(rel.startswith(d.rstrip("/") + "/") for d in static_dirs):
        folders = ", ".join(f"content/{d}/" for d in static_dirs)
        raise _fail(f"{text!r} is not in a folder that is published ({folders}); move it there")
    return rel


def _alias(value: object, info: ValidationInfo) -> str:
    """An old address of this page, as a path on this site: /a/b/ (a folder
    address always ends in /; /a/b/index.html is /a/b/). Percent escapes are
    decoded, so /%C3%A5r/ and /år/ are one address."""
    if not isinstance(value, str) or not value.strip():
        raise _fail(messages.text("alias.not_text", value=messages.quote(value)))
    text = value.strip()
    shown = messages.quote(text)
    path = unquote(text)
    odd = next((char for char in path if _not_in_url(char)), None)
    if odd is not None:
        if odd == " ":
            what = "ett mellanslag"
        elif odd.isprintable():
            what = f"tecknet {odd}"
        else:
            what = f"det osynliga tecknet U+{ord(odd):04X}"
        raise _fail(messages.text("alias.bad_character", value=shown, what=what))
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or path.startswith("//"):
        raise _fail(messages.text("alias.has_host", value=shown))
    if "?" in path or "#" in path:
        raise _fail(messages.text("alias.query", value=shown))
    segments = path.split("/")
    if segments[0] != "" or "" in segments[1:-1]:
        raise _fail(messages.text("alias.not_path", value=shown))
    if any(segment in (".", "..") for segment in segments):
        raise _fail(messages.text("alias.dot_segment", value=shown))
    if segments[-1] == "index.html":
        segments[-1] = ""
    elif segments[-1] and "." not in segments[-1]:
        segments.append("")  # /gammal is the folder address /gammal/
    return "/".join(segments)


def _phones(value: object, info: ValidationInfo) -> list:
    """`phone:` is one number or a list; list items are checked one by one,
    so a problem is reported as phone[1] on the line of that item."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [_phone(value, info)]


def _phone(value: object, info: ValidationInfo) -> str:
    """One number, as written (08-709 59 81); phones.py gives its other forms."""
    if value is None:
        raise _fail("is empty (write the number after the dash, or remove the line)")
    if not isinstance(value, str) or not value.strip():
        raise _fail(
            f"expected a phone number, found {_describe(value)} "
            "(write phone: 08-709 59 81, or a list: [08-709 59 81, 070-527 59 81])"
        )
    try:
        parse_phone(value)
    except PhoneError as err:
        raise _fail(str(err)) from err
    return value.strip()


def _mapping(value: object, info: ValidationInfo) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(
            f"expected indented name: value lines, found {_describe(value)} "
            "(write extra: on its own line, then the fields indented below it)"
        )
    return value


def _typed(fn) -> Any:
    return Annotated[Any, BeforeValidator(fn)]


Text = _typed(_text)
RequiredText = _typed(_required(_text, "…"))
Date = _typed(_date)
RequiredDate = _typed(_required(_date, "YYYY-MM-DD"))
DateTime = _typed(_datetime)
RequiredDateTime = _typed(_required(_datetime, "YYYY-MM-DD"))
Time = _typed(_time)
Percent = _typed(_percent)
Url = _typed(_url)
Email = _typed(_email)
Slug = _typed(_slug)
Tag = _typed(_tag)
Image = _typed(_image)
Alias = _typed(_alias)
Phones = Annotated[list[_typed(_phone)], BeforeValidator(_phones)]
Extra = _typed(_mapping)
PublishStatus = _typed(_choice("published", "draft"))
RoundStatus = _typed(_choice("open", "few-places", "full", "cancelled"))


def _list_of(item_type) -> Any:
    return Annotated[list[item_type], BeforeValidator(_list)]


# ---------------------------------------------------------------- schemas
class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    def _rule_problems(self) -> list[tuple[tuple, str]]:
        """Rules that tie several fields together: (field path, message) pairs."""
        return []

    @model_validator(mode="after")
    def _check_rules(self):
        # Runs for every part of a file that is valid on its own, so a
        # session's times are checked even when another round has errors.
        problems = self._rule_problems()
        if problems:
            raise PydanticCustomError(
                "rules", "{count} rule(s) broken", {"count": len(problems), "problems": problems}
            )
        return self


def _image_alt_rule(item) -> list[tuple[tuple, str]]:
    if item.image and not item.image_alt:
        return [
            (
                ("image_alt",),
                "required when there is an image (describe what the picture shows "
                "for readers who cannot see it)",
            )
        ]
    return []


class News(_Schema):
    title: RequiredText
    date: RequiredDateTime
    modified: DateTime = None
    summary: Text = None
    tags: _list_of(Tag) = []
    author: Text = None
    image: Image = None
    image_alt: Text = None
    image_caption: Text = None
    contacts: _list_of(RequiredText) = []
    programmes: _list_of(RequiredText) = []
    status: PublishStatus = None
    slug: Slug = None
    aliases: _list_of(Alias) = []
    extra: Extra = {}

    def _rule_problems(self):
        problems = _image_alt_rule(self)
        if self.modified and self.modified < self.date:
            problems.append((("modified",), "is before date (modified must not be before date)"))
        return problems


class Page(_Schema):
    title: RequiredText
    summary: Text = None
    slug: Slug = None
    status: PublishStatus = None
    aliases: _list_of(Alias) = []
    extra: Extra = {}


class Session(_Schema):
    date: RequiredDate
    start_time: Time = None
    end_time: Time = None
    title: Text = None
    location: Text = None

    def _rule_problems(self):
        if self.end_time and not self.start_time:
            message = (
                "given without start_time (add start_time: HH:MM, or remove "
                "end_time for an all-day session)"
            )
            return [(("end_time",), message)]
        if self.end_time and self.end_time <= self.start_time:
            message = f"{self.end_time:%H:%M} is not after start_time {self.start_time:%H:%M}"
            return [(("end_time",), message)]
        return []

    @model_validator(mode="after")
    def _check_rules(self, info: ValidationInfo):
        # _Schema's check, plus times the clocks skip or repeat that night,
        # which need the site's time zone: refused, not moved, since the page
        # would show the time as written and a calendar an hour off.
        problems = self._rule_problems()
        tz = (info.context or {}).get("tz")
        told = {where for where, _ in problems}
        for name in ("start_time", "end_time"):
            time = getattr(self, name)
            if tz is None or time is None or (name,) in told:
                continue
            message = wall_clock_problem(self.date, time, tz)
            if message:
                problems.append(((name,), message))
        if problems:
            raise PydanticCustomError(
                "rules", "{count} rule(s) broken", {"count": len(problems), "problems": problems}
            )
        return self


class Round(_Schema):
    name: RequiredText
    start: Date = None
    end: Date = None
    sessions: _list_of(Session) = []
    booked_percent: Percent = None
    status: RoundStatus = None
    registration_deadline: Date = None
    registration_url: Url = None

    def _rule_problems(self):
        problems = []
        conflict = booking_conflict(self.status, self.booked_percent)
        if conflict:
            problems.append((("booked_percent",), conflict))
        if not self.sessions and self.start is None:
            problems.append(
                (
                    ("start",),
                    "required when the round has no sessions (write start: YYYY-MM-DD, "
                    "or list the sessions)",
                )
            )
        first = self.start or min((s.date for s in self.sessions), default=None)
        if self.end and first and self.end < first:
            problems.append(
                (("end",), f"{self.end.isoformat()} is before the start {first.isoformat()}")
            )
        for index, session in enumerate(self.sessions):
            where = ("sessions", index, "date")
            if self.start and session.date < self.start:
                problems.append(
                    (
                        where,
                        f"{session.date.isoformat()} is before the round's start "
                        f"{self.start.isoformat()}",
                    )
                )
            if self.end and session.date > self.end:
                problems.append(
                    (
                        where,
                        f"{session.date.isoformat()} is after the round's end "
                        f"{self.end.isoformat()}",
                    )
                )
        return problems


class Programme(_Schema):
    title: RequiredText
    summary: RequiredText
    provider: Text = None
    audience: Text = None
    format: Text = None
    location: Text = None
    price: Text = None
    teachers: _list_of(RequiredText) = []
    contacts: _list_of(RequiredText) = []
    registration_url: Url = None
    tags: _list_of(Tag) = []
    rounds: _list_of(Round) = []
    status: PublishStatus = None
    slug: Slug = None
    aliases: _list_of(Alias) = []
    extra: Extra = {}


class Contact(_Schema):
    name: RequiredText
    role: Text = None
    organization: Text = None
    phone: Phones = []
    email: Email = None
    image: Image = None
    image_alt: Text = None

    def _rule_problems(self):
        return _image_alt_rule(self)


SCHEMAS: dict[str, type[_Schema]] = {
    "news": News,
    "page": Page,
    "programme": Programme,
    "contact": Contact,
}
NESTED = {Programme: {"rounds": Round}, Round: {"sessions": Session}}
REQUIRED_WHEN_MISSING = {"date": "YYYY-MM-DD", "title": "…", "name": "…", "summary": "…"}


# ---------------------------------------------------------------- validation
Problem = tuple[tuple, str]  # (field path, message)


def validate(kind: str, data: dict, context: dict) -> tuple[_Schema | None, list[Problem]]:
    """Check `data` against the schema of `kind`; return the model or the problems."""
    schema = SCHEMAS[kind]
    try:
        model = schema.model_validate(data, context=context)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            loc = tuple(error["loc"])
            if error["type"] == "rules":
                problems.extend(
                    (loc + field, message) for field, message in error["ctx"]["problems"]
                )
            else:
                problems.append((loc, _message(schema, error)))
        return None, problems
    return model, []


def _schema_at(schema: type[_Schema], loc: tuple) -> type[_Schema]:
    for part in loc:
        if isinstance(part, str):
            schema = NESTED.get(schema, {}).get(part, schema)
    return schema


def _message(schema: type[_Schema], error: dict) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    name = loc[-1] if loc else ""
    if kind == "content":
        return error["msg"]
    if kind == "missing":
        example = REQUIRED_WHEN_MISSING.get(str(name), "…")
        return f"required field is missing (add a line {name}: {example})"
    if kind == "extra_forbidden":
        known = list(_schema_at(schema, loc[:-1]).model_fields)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        guess = f"did you mean {close[0]}? " if close else ""
        return (
            f"unknown field ({guess}the fields here are {', '.join(known)}; "
            "free-form values go under extra:)"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            f"expected fields written as name: value, found {_describe(error['input'])} "
            "(write each entry as '- name: …' with its other fields indented below)"
        )
    return f"{error['msg']} (see content-model.md)"
