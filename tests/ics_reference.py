"""The library-made .ics files, as the build wrote them before issue 12: a
copy of plugins/eduweb/icalendar_feed.py at that time, kept so that
tests/test_ics_writer.py can check that the hand-written writer gives the
same bytes. What did not change and writes nothing itself (the texts of an
event, the order of the events, the years of the VTIMEZONE, the observances
and yearly rules found in the time zone database) is imported from the
module rather than copied, so the comparison is of the writing alone.

iCalendar (RFC 5545) files of programme sessions, made with the icalendar
library; what a calendar app gets, and why, is in the module's docstring.
The library escapes text (`;` `,` `\\` and newlines), folds lines at 75
octets without splitting a UTF-8 character and ends lines with CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from eduweb.icalendar_feed import (
    Observance,
    event_description,
    event_summary,
    in_order,
    observance_plan,
    public_host,
    vtimezone_span,
)
from eduweb.programmes import CalendarEntry
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

# Nightly builds change the files at most once a day (REFRESH-INTERVAL and
# X-PUBLISHED-TTL tell subscribing apps so).
REFRESH_INTERVAL = dt.timedelta(days=1)


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
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: these files are published snapshots, not scheduling messages.
    # RFC 5545 (3.7.2) says an object without METHOD is "merely being used to
    # transport a snapshot of some calendar information", while METHOD:PUBLISH
    # makes it an iTIP message, and RFC 5546 (3.2.1) requires an ORGANIZER in
    # every VEVENT of one, which a site's feed has no one to name. A
    # subscription does not need it: the app fetches the file again and
    # replaces the events it had, matched by UID.
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
    span = vtimezone_span(entries, now, tz)
    if span is not None:
        calendar.add_component(vtimezone(tz, *span))
    stamp = now.astimezone(dt.UTC)
    host = public_host(public_url)
    for entry in entries:
        calendar.add_component(session_event(entry, stamp, host, public_url))
    # sorted=False keeps the order written here (UID first in each event).
    return calendar.to_ical(sorted=False)


def vtimezone(tz: ZoneInfo, first: dt.date, last: dt.date) -> Timezone:
    """A VTIMEZONE for `tz` that gives the right offset to every local time
    from `first` to `last`, read the same way by every widely used parser.

    Each observance is one rule: a DTSTART (RFC 5545 section 3.6.5: the local
    time of the change in the offset before it, so Central European summer
    time starts at 02:00 with TZOFFSETFROM +0100 and winter time at 03:00
    with TZOFFSETFROM +0200) and, for changes that recur on the same day
    rule every year, an RRULE such as FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU, the
    form Outlook, Google Calendar and Apple Calendar write themselves. A
    DTSTART with a list of RDATEs is valid RFC 5545 but misread: ical.js
    2.2 (Thunderbird) takes only the first date of an RDATE line and drops
    the DTSTART when there are RDATEs; dateutil 2.9 (vobject's reader) put
    the third and later summers in winter time (tests/test_ics_parsers.py);
    and Outlook has shifted summer events from that form. So changes that
    follow no yearly rule get one observance each, with a DTSTART alone.

    The observances are the module's `observance_plan` (shared: finding
    them writes nothing); here they are written by the icalendar library.
    """
    timezone = Timezone()
    timezone.add("tzid", tz.key)
    for observance in observance_plan(tz, first, last):
        timezone.add_component(_observance(observance))
    return timezone


def _rrule(rule) -> dict | None:
    if rule is None:
        return None
    parts = {"freq": "YEARLY", "bymonth": rule.month, "byday": rule.byday}
    if rule.until is not None:
        # In a VTIMEZONE, UNTIL is a UTC time (RFC 5545 3.6.5).
        parts["until"] = rule.until
    return parts


def _observance(observance: Observance) -> TimezoneStandard | TimezoneDaylight:
    """A STANDARD or DAYLIGHT block."""
    component = TimezoneDaylight() if observance.summer else TimezoneStandard()
    component.add("dtstart", observance.dtstart)
    rule = _rrule(observance.rule)
    if rule:
        component.add("rrule", rule)
    component.add("tzoffsetfrom", observance.offset_from)
    component.add("tzoffsetto", observance.offset_to)
    component.add("tzname", observance.name)
    return component


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
