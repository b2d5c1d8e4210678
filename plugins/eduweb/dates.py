"""Dates and times as writers write them, and "now" for a build."""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

from . import messages

# re.ASCII: \d and \s are 0-9 and ASCII white space, not every script's digits.
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.ASCII,
)
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$", re.ASCII)

# The years the site handles (docs/content-model.md). Dates far outside them
# are typos, and near year 1 or 9999 moving a moment to UTC or adding a day
# overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# The largest UTC offset in use is +14:00 (Kiribati).
MAX_OFFSET = dt.timedelta(hours=14)

MONTHS_SV = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS_SV = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


class DateError(ValueError):
    """A value that is not a date or time; the text says how to write it."""


def _calendar_date(year: str, month: str, day: str, raw: str) -> dt.date:
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError as err:  # month 13, 30 February, …
        raise DateError(messages.text("date.not_a_date", value=raw)) from err
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise DateError(
            messages.text("date.year_out_of_range", value=raw, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return date


def parse_date(raw: str) -> dt.date:
    """'2024-06-03' -> date(2024, 6, 3); anything else raises DateError."""
    match = DATE_RE.match(raw.strip())
    if not match:
        raise DateError(messages.text("date.not_a_date", value=raw))
    return _calendar_date(*match.groups(), raw=raw)


def parse_time(raw: str) -> dt.time:
    """'13:00' or '9:30' -> time; anything else raises DateError."""
    match = TIME_RE.match(raw.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise DateError(messages.text("date.not_a_time", value=raw))
    return dt.time(int(match[1]), int(match[2]))


def parse_datetime(raw: str, tz: dt.tzinfo) -> dt.datetime:
    """A date, or a date and time, as an aware datetime in `tz`.

    '2024-06-03' is midnight local time; '2024-06-03 09:30' local time;
    '2024-06-03 09:30:00+02:00' keeps its offset.
    """
    text = raw.strip()
    if DATE_RE.match(text):
        return dt.datetime.combine(parse_date(text), dt.time(0, 0), tzinfo=tz)
    match = DATETIME_RE.match(text)
    if not match:
        raise DateError(messages.text("date.not_a_date_or_time", value=raw))
    year, month, day, hour, minute, second, offset = match.groups()
    date = _calendar_date(year, month, day, raw=raw)
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        raise DateError(messages.text("date.not_a_time_of_day", value=raw))
    moment = dt.datetime.combine(date, dt.time(int(hour), int(minute), int(second or 0)))
    if offset is None:
        return moment.replace(tzinfo=tz)
    if offset == "Z":
        return moment.replace(tzinfo=dt.UTC)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if int(digits[2:]) > 59 or delta > MAX_OFFSET:
        raise DateError(messages.text("date.bad_offset", value=raw))
    return moment.replace(tzinfo=dt.timezone(sign * delta))


def build_now(environ: dict | None = None) -> dt.datetime:
    """The moment the build stands at: SOURCE_DATE_EPOCH if set, else now (UTC)."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    last = dt.datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    if not re.fullmatch(r"[0-9]+", raw):
        raise DateError(messages.text("date.epoch_not_a_number", value=raw))
    if len(raw) > 12 or int(raw) > last.timestamp():
        raise DateError(messages.text("date.epoch_too_late", value=raw, last=LAST_YEAR))
    return dt.datetime.fromtimestamp(int(raw), dt.UTC)


def site_timezone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def format_date_sv(value: dt.date | dt.datetime) -> str:
    """date(2024, 6, 3) -> '3 juni 2024'."""
    return f"{value.day} {MONTHS_SV[value.month - 1]} {value.year}"


def format_weekday_sv(value: dt.date | dt.datetime) -> str:
    """date(2024, 6, 3) -> 'måndag'."""
    return WEEKDAYS_SV[value.weekday()]


def format_time_sv(value: dt.time | dt.datetime) -> str:
    """time(13, 0) -> '13.00' (Swedish typography uses a full stop)."""
    return f"{value.hour:02d}.{value.minute:02d}"
