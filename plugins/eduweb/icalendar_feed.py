"""iCalendar (RFC 5545) files of programme sessions, made with the icalendar library.

What a calendar app gets, and why:
- one VEVENT per session; its UID (see programmes.session_uid) is the same
  in the programme's file and the site's, and across builds, so subscribed
  calendars update events instead of duplicating them;
- DTSTAMP is the build moment (SOURCE_DATE_EPOCH), so two builds of the same
  content give byte-identical files;
- times carry TZID=<site time zone> with a VTIMEZONE made from the time zone
  database for the years the sessions span (see `vtimezone`); all-day sessions are DATE
  values with the following day as the exclusive DTEND; a session with a
  start but no end time lasts programmes.DEFAULT_SESSION_LENGTH;
- sessions of a cancelled round stay in the file with STATUS:CANCELLED, so
  calendars that had them mark them cancelled.
The library escapes text (`;` `,` `\\` and newlines), folds lines at 75
octets without splitting a UTF-8 character and ends lines with CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from .programmes import CalendarEntry

# Nightly builds change the files at most once a day (REFRESH-INTERVAL and
# X-PUBLISHED-TTL tell subscribing apps so).
REFRESH_INTERVAL = dt.timedelta(days=1)


def public_host(public_url: str) -> str:
    return urlsplit(public_url).hostname or public_url


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
    entries = sorted(entries, key=lambda e: (e.session.start, e.session.uid))
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # NAME and DESCRIPTION (RFC 7986), each with its X-WR- twin for older apps.
    # As vText: icalendar 7.3 writes an X-WR- value given as str unescaped.
    for names, text in (
        (("name", "x-wr-calname"), name),
        (("description", "x-wr-caldesc"), description),
    ):
        for property_name in names:
            calendar.add(property_name, vText(text))
    calendar.add("x-wr-timezone", tz.key)
    calendar.add("source", source_url, parameters={"VALUE": "URI"})
    # RFC 7986 requires VALUE=DURATION here; icalendar's refresh_interval leaves it out.
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")  # the same, for Outlook
    # The years with timed sessions only: a short VTIMEZONE that changes only
    # with them. A calendar without any gets the build year's, since RFC 5545
    # wants at least one component in a calendar.
    years = {e.session.date.year for e in entries if not e.session.all_day}
    if years or not entries:
        years = years or {now.astimezone(tz).year}
        calendar.add_component(
            vtimezone(tz, dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1))
        )
    stamp = now.astimezone(dt.UTC)
    host = public_host(public_url)
    for entry in entries:
        calendar.add_component(session_event(entry, stamp, host, public_url))
    # sorted=False keeps the order written here (UID first in each event).
    return calendar.to_ical(sorted=False)


def vtimezone(tz: ZoneInfo, first: dt.date, last: dt.date) -> Timezone:
    """A VTIMEZONE for `tz` with every UTC offset change from `first` to `last`.

    Each observance's DTSTART (and RDATE) is the local time of its onset in
    the offset before it, as RFC 5545 section 3.6.5 defines it: Central
    European summer time starts at 02:00 (TZOFFSETFROM +0100), winter time at
    03:00 (TZOFFSETFROM +0200). icalendar's Timezone.from_tzid writes 03:00
    for the spring change, an hour late for clients that read the VTIMEZONE
    (Outlook does), hence this small function. Offsets are looked up day by
    day, so two changes within one day would be missed; no zone has those.
    """
    local = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    start = local.astimezone(dt.UTC)
    stop = dt.datetime.combine(last, dt.time.min, tzinfo=tz).astimezone(dt.UTC)
    offset = local.utcoffset()
    # (offset from, offset to, name, is summer time) -> onsets in local time
    observances = {(offset, offset, local.tzname(), bool(local.dst())): [_naive(local)]}
    day = dt.timedelta(days=1)
    moment = start
    while moment < stop:
        following = moment + day
        new_offset = following.astimezone(tz).utcoffset()
        if new_offset != offset:
            change = _first_second_with(tz, new_offset, moment, following)
            onset = change.astimezone(tz)
            key = (offset, new_offset, onset.tzname(), bool(onset.dst()))
            observances.setdefault(key, []).append(_naive(change + offset))
            offset = new_offset
        moment = following
    timezone = Timezone()
    timezone.add("tzid", tz.key)
    for (offset_from, offset_to, name, summer), onsets in observances.items():
        observance = TimezoneDaylight() if summer else TimezoneStandard()
        observance.add("dtstart", onsets[0])
        if onsets[1:]:
            observance.add("rdate", onsets[1:])
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        observance.add("tzname", name)
        timezone.add_component(observance)
    return timezone


def _first_second_with(
    tz: ZoneInfo, offset: dt.timedelta, before: dt.datetime, after: dt.datetime
) -> dt.datetime:
    """The first UTC second in (before, after] at which `tz` has `offset`."""
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if dt.datetime.fromtimestamp(middle, dt.UTC).astimezone(tz).utcoffset() == offset:
            high = middle
        else:
            low = middle
    return dt.datetime.fromtimestamp(high, dt.UTC)


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=None)


def session_event(entry: CalendarEntry, stamp: dt.datetime, host: str, public_url: str) -> Event:
    programme, round_, session = entry.programme, entry.round, entry.session
    page = f"{public_url}/{programme.url}"
    event = Event()
    event.add("uid", f"{session.uid}@{host}")
    event.add("dtstamp", stamp)
    if session.all_day:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
    event.add("summary", event_summary(entry))
    event.add("description", event_description(entry, page))
    if session.location:
        event.add("location", session.location)
    event.add("url", page)
    event.add("status", "CANCELLED" if round_.cancelled else "CONFIRMED")
    if programme.tags:
        event.add("categories", programme.tags)
    return event


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
