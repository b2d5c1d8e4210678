"""iCalendar (RFC 5545) files of programme sessions, written by a small
serializer of our own (`content_line`, `escape_text`, `fold`).

What a calendar app gets, and why:
- one VEVENT per session; its UID (see programmes.session_uid) is the same
  in the programme's file and the site's, and across builds, so subscribed
  calendars update events instead of duplicating them;
- DTSTAMP is the build moment (SOURCE_DATE_EPOCH), so two builds of the same
  content give byte-identical files;
- times carry TZID=<site time zone> with a VTIMEZONE made from the time zone
  database for the years the sessions span, as one yearly rule per kind of
  change (see `vtimezone_lines`); all-day sessions are DATE
  values with the following day as the exclusive DTEND; a session with a
  start but no end time lasts programmes.DEFAULT_SESSION_LENGTH;
- sessions of a cancelled round stay in the file with STATUS:CANCELLED, so
  calendars that had them mark them cancelled.

The files used to be made with the icalendar library, which took ~25 ms a
file (most of a build's calendar time went into its per-property objects and
its character-by-character folding). This writer gives the same bytes as
icalendar 7.3 did for everything the site writes: the same property order,
escaping, folding and parameters (tests/test_ics_writer.py compares the two,
with the library's version kept in tests/ics_reference.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .programmes import CalendarEntry
from .timezones import Transition, transitions

if TYPE_CHECKING:
    from icalendar import Timezone

# Nightly builds change the files at most once a day (REFRESH-INTERVAL and
# X-PUBLISHED-TTL tell subscribing apps so). A DURATION value (RFC 5545 3.3.6).
REFRESH_INTERVAL = "P1D"


def public_host(public_url: str) -> str:
    return urlsplit(public_url).hostname or public_url


def in_order(entries: Iterable[CalendarEntry]) -> list[CalendarEntry]:
    """The events of a file in the order written: by start, then UID."""
    return sorted(entries, key=lambda e: (e.session.start, e.session.uid))


def vtimezone_span(
    entries: list[CalendarEntry], now: dt.datetime, tz: ZoneInfo
) -> tuple[dt.date, dt.date] | None:
    """The years a file's VTIMEZONE covers (first day, day after the last),
    or None for none: the years with timed sessions only, so that it is
    short and changes only with them. A calendar without any events gets
    the build year's, since RFC 5545 wants at least one component in a
    calendar."""
    years = {e.session.date.year for e in entries if not e.session.all_day}
    if not years and entries:
        return None
    years = years or {now.astimezone(tz).year}
    return dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1)


def calendar_ics(
    *,
    name: str,
    description: str,
    entries: Iterable[CalendarEntry],
    now: dt.datetime,
    tz: ZoneInfo,
    public_url: str,
    source_url: str,
    prodid: str,
) -> bytes:
    """The .ics file for `entries`, as bytes ready to write; `source_url` is its own address."""
    entries = in_order(entries)
    lines = [
        "BEGIN:VCALENDAR",
        content_line("PRODID", escape_text(prodid)),
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
    ]
    # No METHOD: these files are published snapshots, not scheduling messages.
    # RFC 5545 (3.7.2) says an object without METHOD is "merely being used to
    # transport a snapshot of some calendar information", while METHOD:PUBLISH
    # makes it an iTIP message, and RFC 5546 (3.2.1) requires an ORGANIZER in
    # every VEVENT of one, which a site's feed has no one to name. A
    # subscription does not need it: the app fetches the file again and
    # replaces the events it had, matched by UID.
    # NAME and DESCRIPTION (RFC 7986), each with its X-WR- twin for older apps.
    for names, text in (
        (("NAME", "X-WR-CALNAME"), name),
        (("DESCRIPTION", "X-WR-CALDESC"), description),
    ):
        lines += [content_line(property_name, escape_text(text)) for property_name in names]
    # A zone name has no character TEXT escapes; icalendar wrote it as given.
    lines.append(content_line("X-WR-TIMEZONE", tz.key))
    lines.append(content_line("SOURCE", uri(source_url), VALUE="URI"))
    # RFC 7986 (5.7) requires VALUE=DURATION on REFRESH-INTERVAL.
    lines.append(content_line("REFRESH-INTERVAL", REFRESH_INTERVAL, VALUE="DURATION"))
    lines.append(content_line("X-PUBLISHED-TTL", REFRESH_INTERVAL))  # the same, for Outlook
    span = vtimezone_span(entries, now, tz)
    if span is not None:
        lines += vtimezone_lines(tz, *span)
    stamp = now.astimezone(dt.UTC)
    host = public_host(public_url)
    for entry in entries:
        lines += session_event(entry, stamp, host, public_url)
    lines.append("END:VCALENDAR")
    # Every content line ends with CRLF, the last one too (RFC 5545 3.1).
    return b"\r\n".join(map(fold, lines)) + b"\r\n"


def session_event(
    entry: CalendarEntry, stamp: dt.datetime, host: str, public_url: str
) -> list[str]:
    """The VEVENT of one session, as unfolded content lines (UID first)."""
    programme, round_, session = entry.programme, entry.round, entry.session
    page = f"{public_url}/{programme.url}"
    lines = [
        "BEGIN:VEVENT",
        content_line("UID", escape_text(f"{session.uid}@{host}")),
        content_line("DTSTAMP", date_time(stamp)),
    ]
    if session.all_day:
        # DTEND of a DATE event is exclusive (RFC 5545 3.6.1): the next day.
        lines.append(content_line("DTSTART", date_value(session.date), VALUE="DATE"))
        end = session.date + dt.timedelta(days=1)
        lines.append(content_line("DTEND", date_value(end), VALUE="DATE"))
    else:
        lines.append(content_line("DTSTART", date_time(session.start), TZID=tzid(session.start)))
        lines.append(content_line("DTEND", date_time(session.end), TZID=tzid(session.end)))
    lines.append(content_line("SUMMARY", escape_text(event_summary(entry))))
    lines.append(content_line("DESCRIPTION", escape_text(event_description(entry, page))))
    if session.location:
        lines.append(content_line("LOCATION", escape_text(session.location)))
    lines.append(content_line("URL", uri(page)))
    lines.append(content_line("STATUS", "CANCELLED" if round_.cancelled else "CONFIRMED"))
    if programme.tags:
        # A list value: each TEXT escaped (so a comma inside a tag is `\,`),
        # the items separated by bare commas (RFC 5545 3.8.1.2).
        lines.append(content_line("CATEGORIES", ",".join(map(escape_text, programme.tags))))
    lines.append("END:VEVENT")
    return lines


def event_summary(entry: CalendarEntry) -> str:
    """'Programme: Session title', or the programme's title alone."""
    title = entry.session.title
    return f"{entry.programme.title}: {title}" if title else entry.programme.title


def event_description(entry: CalendarEntry, page: str) -> str:
    lines = []
    if entry.round.cancelled:
        lines.append("Inställd.")
    lines.append(f"Omgång: {entry.round.name}")
    lines.append(entry.programme.summary)
    lines.append(f"Mer information och anmälan: {page}")
    return "\n".join(lines)


# ---------------------------------------------------------------- VTIMEZONE
@functools.lru_cache(maxsize=64)
def vtimezone_lines(tz: ZoneInfo, first: dt.date, last: dt.date) -> tuple[str, ...]:
    """A VTIMEZONE for `tz` that gives the right offset to every local time
    from `first` to `last`, read the same way by every widely used parser,
    as unfolded content lines.

    Each observance is one rule: a DTSTART (RFC 5545 section 3.6.5: the local
    time of the change in the offset before it, so Central European summer
    time starts at 02:00 with TZOFFSETFROM +0100 and winter time at 03:00
    with TZOFFSETFROM +0200) and, for changes that recur on the same day
    rule every year, an RRULE such as FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3, the
    form Outlook, Google Calendar and Apple Calendar write themselves. A
    DTSTART with a list of RDATEs is valid RFC 5545 but misread: ical.js
    2.2 (Thunderbird) takes only the first date of an RDATE line and drops
    the DTSTART when there are RDATEs; dateutil 2.9 (vobject's reader) put
    the third and later summers in winter time (tests/test_ics_parsers.py);
    and Outlook has shifted summer events from that form. So changes that
    follow no yearly rule get one observance each, with a DTSTART alone.

    The observances are those of `observance_plan`. Cached: programmes with
    sessions in the same years share one.
    """
    lines = ["BEGIN:VTIMEZONE", content_line("TZID", escape_text(tz.key))]
    for observance in observance_plan(tz, first, last):
        lines += _observance(observance)
    lines.append("END:VTIMEZONE")
    return tuple(lines)


class YearlyRule(NamedTuple):
    """Changes that recur on one day rule every year: BYDAY, BYMONTH, and
    the UTC moment of the last one when the rule stopped (UNTIL)."""

    byday: str
    month: int
    until: dt.datetime | None


class Observance(NamedTuple):
    """A STANDARD (summer False) or DAYLIGHT block of a VTIMEZONE, as our
    writer and the library's in tests/ics_reference.py both write it."""

    summer: bool
    name: str
    dtstart: dt.datetime  # local time, without a zone (RFC 5545 3.6.5)
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    rule: YearlyRule | None


def _in_force(local: dt.datetime) -> Observance:
    """The offset in force at `local`, stated on its own."""
    offset = local.utcoffset()
    return Observance(
        local.dst() > dt.timedelta(0), local.tzname(), _naive(local), offset, offset, None
    )


def _change(change: Transition, rule: YearlyRule | None) -> Observance:
    """A change (with its yearly rule, if any). DAYLIGHT for a change that
    puts the clocks forward, STANDARD for one that puts them back: readers
    such as dateutil's (vobject) resolve the skipped and the repeated hour
    by that, whatever the time zone database calls the offsets (Morocco's
    +00 in Ramadan is "daylight" time there, an hour *behind* the rest of
    the year)."""
    summer = change.offset_to > change.offset_from
    return Observance(summer, change.name, change.onset, change.offset_from, change.offset_to, rule)


def observance_plan(tz: ZoneInfo, first: dt.date, last: dt.date) -> list[Observance]:
    """The observances of a VTIMEZONE for `tz` from `first` to `last`, in
    DTSTART order: the offset in force on `first` when nothing changes in
    the year before it, then one for each change or run of yearly changes.

    The rules are found from the zone's actual changes from a year before
    `first` (so the rule in force on `first` has started; in the southern
    hemisphere January is summer time begun in October). A rule still
    followed in the year before `last` is left open (no UNTIL), as clients
    expect; one that stopped earlier ends with UNTIL. The same zone, years
    and time zone database give the same observances.
    """
    lookback = dt.datetime.combine(first - dt.timedelta(days=366), dt.time.min, tzinfo=tz)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(last, dt.time.min, tzinfo=tz)
    changes = transitions(tz, lookback, stop)
    planned: list[Observance] = []
    if not any(change.at <= start for change in changes):
        # Nothing changes in the year before `first`, so the offset in force
        # then is stated on its own (a zone without summer time has only this).
        planned.append(_in_force(start))
    groups: dict[tuple, list[Transition]] = {}
    for change in changes:
        key = (change.offset_from, change.offset_to, change.name)
        groups.setdefault(key, []).append(change)
    final_year = (last - dt.timedelta(days=1)).year
    for group in groups.values():
        for run, byday in _yearly_runs(group):
            rule = None
            if len(run) > 1:
                open_ended = run[-1].onset.year == final_year
                rule = YearlyRule(byday, run[0].onset.month, None if open_ended else run[-1].at)
            planned.append(_change(run[0], rule))
    return sorted(planned, key=lambda observance: observance.dtstart)


def _rrule(rule: YearlyRule | None) -> str | None:
    if rule is None:
        return None
    # The parts in the order icalendar wrote them (RFC 5545 3.3.10 allows
    # any order; FREQ first is what clients expect).
    parts = ["FREQ=YEARLY"]
    if rule.until is not None:
        # In a VTIMEZONE, UNTIL is a UTC time (RFC 5545 3.6.5).
        parts.append(f"UNTIL={date_time(rule.until)}")
    parts += [f"BYDAY={rule.byday}", f"BYMONTH={rule.month}"]
    return ";".join(parts)


def vtimezone(tz: ZoneInfo, first: dt.date, last: dt.date) -> Timezone:
    """The VTIMEZONE of `vtimezone_lines` read back as an icalendar component,
    for tests and tools that inspect it (the build itself does not use the
    icalendar library, a development requirement)."""
    from icalendar import Timezone

    return Timezone.from_ical(b"\r\n".join(map(fold, vtimezone_lines(tz, first, last))))


def _observance(observance: Observance) -> list[str]:
    """A STANDARD or DAYLIGHT block's lines."""
    kind = "DAYLIGHT" if observance.summer else "STANDARD"
    # DTSTART of an observance is a local time without TZID (RFC 5545 3.6.5).
    lines = [f"BEGIN:{kind}", content_line("DTSTART", date_time(observance.dtstart))]
    rule = _rrule(observance.rule)
    if rule:
        lines.append(content_line("RRULE", rule))
    lines += [
        content_line("TZOFFSETFROM", utc_offset(observance.offset_from)),
        content_line("TZOFFSETTO", utc_offset(observance.offset_to)),
        content_line("TZNAME", escape_text(observance.name)),
        f"END:{kind}",
    ]
    return lines


def _yearly_runs(group: list[Transition]) -> list[tuple[list[Transition], str]]:
    """Split changes of one kind (in time order) into runs of consecutive
    years on one rule: the same month, weekday and local time, and the same
    week of the month (the last one, -1, preferred, as zones mostly say
    "last Sunday"; else the first to fourth). Each run comes with its BYDAY
    value; a run of one change is a change that follows no yearly rule."""
    runs: list[tuple[list[Transition], str]] = []
    run: list[Transition] = []
    weeks: set[int] = set()
    for change in group:
        onset = change.onset
        candidates = _weeks_of(onset.date())
        if run:
            previous = run[-1].onset
            same_rule = (
                onset.year == previous.year + 1
                and (onset.month, onset.weekday(), onset.time())
                == (previous.month, previous.weekday(), previous.time())
                and weeks & candidates
            )
            if same_rule:
                run.append(change)
                weeks &= candidates
                continue
            runs.append((run, _byday(run[0].onset, weeks)))
        run, weeks = [change], candidates
    if run:
        runs.append((run, _byday(run[0].onset, weeks)))
    return runs


def _weeks_of(day: dt.date) -> set[int]:
    """The BYDAY week numbers `day` matches in its month: 1-5, and -1 if last."""
    weeks = {(day.day - 1) // 7 + 1}
    if (day + dt.timedelta(days=7)).month != day.month:
        weeks.add(-1)
    return weeks


def _byday(onset: dt.datetime, weeks: set[int]) -> str:
    week = -1 if -1 in weeks else min(weeks)
    return f"{week}{WEEKDAYS[onset.weekday()]}"


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=None)


# ---------------------------------------------------------------- the writer
# A parameter value that needs no quoting (RFC 5545 3.1: a paramtext has no
# DQUOTE, ";", ":" or ","). Ours are value types and zone names.
_PARAM_TEXT = re.compile(r"[A-Za-z0-9/_+.-]+")


def content_line(name: str, value: str, **params: str | None) -> str:
    """`NAME;PARAM=value:value` (RFC 5545 3.1), unfolded; `value` already in
    its type's form (see escape_text, uri, date_time). A parameter given as
    None is left out."""
    head = [name]
    for key, param in params.items():
        if param is None:
            continue
        if not _PARAM_TEXT.fullmatch(param):
            raise ValueError(f"parameter value that would need quoting: {param!r}")
        head.append(f";{key}={param}")
    return f"{''.join(head)}:{value}"


def escape_text(value: str) -> str:
    r"""A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a
    backslash, and a line break (CRLF, LF or a lone CR) becomes `\n`.

    As icalendar did, a `\N` already in the text (RFC 5545's other spelling
    of an escaped line break) is taken for a line break, not a backslash.
    The order matters: backslashes are doubled before any escape is added.
    """
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def uri(value: str) -> str:
    """A URI value (RFC 5545 3.3.13): written as it is, no TEXT escapes; a
    line break cannot be in one (a content line would end there)."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"a URI cannot contain a line break: {value!r}")
    return value


def date_value(day: dt.date) -> str:
    """A DATE (RFC 5545 3.3.4): 20250327."""
    return f"{day.year:04}{day.month:02}{day.day:02}"


def date_time(moment: dt.datetime) -> str:
    """A DATE-TIME (RFC 5545 3.3.5): local time, 20250327T090000, and for a
    UTC time a trailing Z (form 2; the others are written with TZID)."""
    text = f"{date_value(moment)}T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    return text + "Z" if _is_utc(moment.tzinfo) else text


def tzid(moment: dt.datetime) -> str | None:
    """The TZID parameter of a local time (form 3), None for a UTC one."""
    return None if _is_utc(moment.tzinfo) else moment.tzinfo.key


# The zone names icalendar 7.3 took for UTC, and wrote times in with a Z
# and no TZID: UTC's aliases and the zones whose offset has been zero since
# before 1970 (its table of equivalent zones). Kept so that a site in one of
# them gets the same bytes as before; tests/test_ics_writer.py checks the
# list against the library's.
UTC_ZONES = frozenset(
    {
        "Africa/Abidjan", "Africa/Accra", "Africa/Bamako", "Africa/Banjul", "Africa/Conakry",
        "Africa/Dakar", "Africa/Freetown", "Africa/Lome", "Africa/Nouakchott",
        "Africa/Ouagadougou", "Africa/Timbuktu", "Atlantic/Reykjavik", "Atlantic/St_Helena",
        "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich", "Etc/UCT", "Etc/UTC",
        "Etc/Universal", "Etc/Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "Iceland",
        "UCT", "UTC", "Universal", "Zulu",
    }
)  # fmt: skip


def _is_utc(tzinfo: dt.tzinfo | None) -> bool:
    if isinstance(tzinfo, ZoneInfo):
        return tzinfo.key in UTC_ZONES
    return tzinfo is not None and tzinfo.utcoffset(None) == dt.timedelta(0)


def utc_offset(offset: dt.timedelta) -> str:
    """A UTC-OFFSET (RFC 5545 3.3.14): +0100, -0500, with seconds if any
    (+011212); zero is +0000, never -0000."""
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = int(abs(offset).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


# Octets per line before a fold. RFC 5545 (3.1) allows 75 octets plus CRLF;
# icalendar broke before a character would make 75, so each line is at most
# 74, and a continuation line (a space and 74) at most 75.
LINE_OCTETS = 74


def fold(line: str) -> bytes:
    """`line` as UTF-8, folded (RFC 5545 3.1): CRLF and a space before each
    character that would take a line past LINE_OCTETS, never inside a
    multi-octet UTF-8 character. A line would not end in a backslash or a
    caret either (they begin an escape in TEXT and in RFC 6868 parameters;
    some readers unfold badly across one): it moves to the next line."""
    data = line.encode()
    if len(data) <= LINE_OCTETS:
        return data
    parts = []
    start = 0
    while len(data) - start > LINE_OCTETS:
        cut = start + LINE_OCTETS
        while data[cut] & 0xC0 == 0x80:  # a continuation octet: inside a character
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)
