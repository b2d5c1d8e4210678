"""Building blocks of the settings schemas (site_settings.py, consent.py):
value checks with messages that say how to write the value, and the
translation of pydantic's errors into (field path, message) pairs."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from . import messages

Problem = tuple[tuple, str]

# A host name (letters, digits, hyphens, dots) with an optional port. Nothing
# else may appear where a host goes into the Content-Security-Policy or a
# script's address: no spaces, quotes, semicolons, wildcards or paths.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})*"
_PORT = r"(?::[0-9]{1,5})?"
HTTPS_ORIGIN_RE = re.compile(rf"https://{_HOST}{_PORT}")
SITE_ORIGIN_RE = re.compile(rf"https?://{_HOST}{_PORT}")
# Path segments of unreserved characters (RFC 3986), each ending with /.
_PATH = r"(?:/[A-Za-z0-9._~%-]+)*/?"
HTTPS_URL_RE = re.compile(rf"https://{_HOST}{_PORT}{_PATH}")
# An organisationsnummer: ten ASCII digits, written 212000-0000.
ORG_NUMBER_RE = re.compile(r"[0-9]{6}-[0-9]{4}")


def fail(message: str) -> PydanticCustomError:
    # The message is passed as context, so braces in a value are not read as
    # placeholders of pydantic's message template.
    return PydanticCustomError("setting", "{message}", {"message": message})


def is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def optional_text(value: object) -> str:
    """Text that may be left out or empty (""); anything else is refused."""
    if value is None or value == "":
        return ""
    if not is_text(value):
        raise fail(messages.text("setting.optional_text"))
    return value.strip()


def text(key: str) -> Any:
    """Required text; anything else (empty, a number, a list) gets the
    message `key` (looked up when the value is checked, in the language of
    that build)."""

    def check(value: object) -> str:
        if not is_text(value):
            raise fail(messages.text(key))
        return value.strip()

    return Annotated[str, BeforeValidator(check)]


def list_of(item: Any, key: str) -> Any:
    """A list of `item`; anything else gets the message `key`."""

    def check(value: object) -> list:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            raise fail(messages.text(key))
        return list(value)

    return Annotated[list[item], BeforeValidator(check)]


class SettingsModel(BaseModel):
    """One of our own dicts: unknown keys are mistakes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# The message key for a key that is missing: by "SETTING.key" for one
# setting, or by key name for every setting (a name such as "description"
# means different things in different settings).
MISSING: dict[str, str] = {}


def missing_message(loc: tuple) -> str:
    """The message key for the missing key at `loc`."""
    return MISSING.get(f"{loc[0]}.{loc[-1]}") or MISSING.get(str(loc[-1]), "setting.required")


def typo_hint(key: str, known: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(str(key), sorted(known), n=1)
    return messages.text("setting.key_guess", name=close[0]) if close else ""


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, …] and X | None -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model_at(root: type[BaseModel], loc: tuple) -> Any:
    """The type found at `loc` below `root`, following fields, lists and dicts."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    return _unwrap(current)


def problems_of(error: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as (field path, message), in the writer's words."""
    problems = []
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if part != "[key]")
        kind = item["type"]
        if kind == "setting":
            message = item["ctx"]["message"]
        elif kind == "missing":
            message = messages.text(missing_message(loc))
        elif kind == "extra_forbidden":
            parent = _model_at(root, loc[:-1])
            known = parent.model_fields if isinstance(parent, type) else ()
            hint = typo_hint(str(loc[-1]), known)
            message = messages.text("setting.unknown_key", hint=hint)
        else:
            message = messages.text("setting.other", problem=item["msg"])
        problems.append((loc, message))
    return problems
