"""What readers get to put sessions in their own calendars (issue 11, item 8):
"add to Google Calendar" and "add to Outlook" links per session, the site
calendar filtered by programme and by month as static pages, and the whole
calendar as open data (/kalender.json, schema in docs/kalender.schema.json).

Everything here is made once per build from the CalendarEntry list the
ProgrammesGenerator already has; templates only print the results.

Times: both services are given UTC instants (`Z`), converted from the
session's aware local start and end (programmes.session_span), so the offset
on either side of a change to or from summer time is the time zone
database's, never a fixed one. All-day sessions are given as dates, the end
being the following day (exclusive), as in the .ics files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from . import urls
from .collation import swedish_sort_key
from .dates import MONTHS_SV, format_date_sv
from .icalendar_feed import event_description, event_summary, public_host
from .programmes import CalendarEntry, Month, ProgrammeView, session_span, sessions_by_month

# Google Calendar's "add event" template. The parameters are not documented
# by Google any more; these are the ones its own old event publisher guide
# gave (text, dates as YYYYMMDDTHHMMSSZ/… in UTC or YYYYMMDD/YYYYMMDD for a
# whole day with the following day as the end, details, location) and ctz,
# the time zone the form shows the times in; see
# https://github.com/InteractionDesignFoundation/add-event-to-calendar-docs/blob/main/services/google.md
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
# Outlook on the web (work and school accounts, as public-sector readers
# mostly have), its compose deep link: subject, body, location, startdt,
# enddt (ISO 8601; a `Z` time is UTC) and allday=true|false, with
# path=/calendar/action/compose and rru=addevent, which open the new-event
# form rather than the calendar. Checked in December 2026 against
# https://gist.github.com/miwebguy/2e805e343e0d434f06f2194b92b925d8 (the
# parameter list) and github.com/AnandChowdhary/calendar-link src/index.ts
# (office365(): path, rru, allday). Personal accounts use outlook.live.com
# with the same parameters; work accounts are sent on to their own login.
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/deeplink/compose"

# How many coming sessions the home page lists.
HOME_SESSION_COUNT = 5


def _utc_compact(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _utc_iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _query(params: dict[str, str]) -> str:
    # %20 for spaces (not +), which every calendar form reads as a space.
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def google_calendar_url(entry: CalendarEntry, public_url: str, tz_name: str) -> str:
    """A link that opens Google Calendar's new-event form filled in with the session."""
    session = entry.session
    if session.all_day:
        following = session.date + dt.timedelta(days=1)
        dates = f"{session.date:%Y%m%d}/{following:%Y%m%d}"
    else:
        dates = f"{_utc_compact(session.start)}/{_utc_compact(session.end)}"
    page = f"{public_url}/{entry.programme.url}"
    params = {
        "action": "TEMPLATE",
        "text": event_summary(entry),
        "dates": dates,
        "details": event_description(entry, page),
        "location": session.location or "",
        "ctz": tz_name,
    }
    return f"{GOOGLE_CALENDAR}?{_query(params)}"


def outlook_calendar_url(entry: CalendarEntry, public_url: str) -> str:
    """A link that opens Outlook on the web's new-event form filled in with the session."""
    session = entry.session
    if session.all_day:
        start = session.date.isoformat()
        end = (session.date + dt.timedelta(days=1)).isoformat()
    else:
        start, end = _utc_iso(session.start), _utc_iso(session.end)
    page = f"{public_url}/{entry.programme.url}"
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event_summary(entry),
        "startdt": start,
        "enddt": end,
        "allday": "true" if session.all_day else "false",
        "body": event_description(entry, page),
        "location": session.location or "",
    }
    return f"{OUTLOOK_CALENDAR}?{_query(params)}"


@dataclass(frozen=True)
class AddLinks:
    """A session's links into calendar services. `label` names the session
    for link texts read out of context: 'träff 2, 14 mars 2027'."""

    google: str
    outlook: str
    label: str


def attach_add_links(entries: list[CalendarEntry], public_url: str, tz_name: str) -> None:
    """Give these sessions (the coming ones: adding a past session to one's
    calendar is no use) their AddLinks, `session.add_links`, once per build."""
    numbers: dict[int, int] = {}
    for entry in entries:
        if id(entry.session) not in numbers:
            numbers.update((id(s), n) for n, s in enumerate(entry.round.sessions, 1))
        number = numbers[id(entry.session)]
        label = f"träff {number}, {format_date_sv(entry.session.date)}"
        entry.session.add_links = AddLinks(
            google=google_calendar_url(entry, public_url, tz_name),
            outlook=outlook_calendar_url(entry, public_url),
            label=label,
        )


# ---------------------------------------------------------------- filtered pages
@dataclass(frozen=True)
class FilterLink:
    label: str
    url: str


@dataclass
class CalendarView:
    """One page of the site calendar: all coming sessions, or those of one
    programme or one month. `heading` is the page's h1, `name` what it shows
    ('Kalender' or 'Kalender: september 2027')."""

    url: str
    heading: str
    months: list[Month]
    description: str


@dataclass
class CalendarPages:
    views: list[CalendarView]
    programme_links: list[FilterLink]
    month_links: list[FilterLink]


def month_name(year: int, month: int) -> str:
    """'september 2027' (lower case: it is used mid-sentence)."""
    return f"{MONTHS_SV[month - 1]} {year}"


def calendar_pages(
    programmes: list[ProgrammeView],
    entries: list[CalendarEntry],
    coming: list[CalendarEntry],
    tz: dt.tzinfo,
) -> CalendarPages:
    """The calendar page and its filtered copies. `entries` are all sessions
    and `coming` those not yet over, both in time order.

    Addresses must keep working (a news article may link to one), and a
    build that passed must not fail the next night because time moved on
    (body_checks.py checks links to these pages), so which pages exist
    depends on the content alone: a page for every programme, listing its
    coming sessions (or saying there are none), and for every month that has
    any session, listing all of that month's. The filter links offer only
    pages with coming sessions."""
    coming_months = sessions_by_month(coming, tz)
    by_programme: dict[str, list[CalendarEntry]] = {p.slug: [] for p in programmes}
    for entry in coming:
        by_programme[entry.programme.slug].append(entry)
    views = [
        CalendarView(
            urls.CALENDAR,
            "Kalender",
            coming_months,
            "Kommande träffar i utbildningarna, månad för månad.",
        )
    ]
    programme_links = []
    for programme in sorted(programmes, key=lambda p: swedish_sort_key(p.title)):
        url = urls.calendar_programme_url(programme.slug)
        mine = by_programme[programme.slug]
        if mine:
            programme_links.append(FilterLink(programme.title, url))
        views.append(
            CalendarView(
                url,
                f"Kalender: {programme.title}",
                sessions_by_month(mine, tz),
                f"Kommande träffar i {programme.title}, månad för månad.",
            )
        )
    for month in sessions_by_month(entries, tz):
        name = month_name(month.year, month.month)
        views.append(
            CalendarView(
                urls.calendar_month_url(month.anchor),
                f"Kalender: {name}",
                [month],
                f"Träffar i utbildningarna i {name}.",
            )
        )
    month_links = [FilterLink(m.label, urls.calendar_month_url(m.anchor)) for m in coming_months]
    return CalendarPages(views, programme_links, month_links)


def month_addresses(rounds, tz: dt.tzinfo) -> set[str]:
    """The month pages (`/kalender/manad/<yyyy-mm>/`) that sessions of these
    written rounds (model.Round) give, by each session's local start: the
    same months as calendar_pages, for the link checks of body_checks.py."""
    found = set()
    for round_ in rounds:
        for session in round_.sessions:
            start, _ = session_span(session, tz)
            found.add(urls.calendar_month_url(f"{start:%Y-%m}"))
    return found


# ---------------------------------------------------------------- open data
ROUND_STATUSES = ("open", "few-places", "full", "closed", "cancelled", "ongoing", "finished")


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def calendar_record(entry: CalendarEntry, public_url: str, host: str) -> dict:
    """One session in /kalender.json (docs/kalender.schema.json)."""
    programme, round_, session = entry.programme, entry.round, entry.session
    return {
        "id": f"{session.uid}@{host}",
        "programme": {
            "slug": programme.slug,
            "title": programme.title,
            "url": f"{public_url}/{programme.url}",
        },
        "round": round_.name,
        "title": session.title,
        "start": _rfc3339(session.start),
        "end": _rfc3339(session.end),
        "all_day": session.all_day,
        "location": session.location,
        "url": f"{public_url}/{programme.url}#{round_.anchor}",
        "status": "cancelled" if round_.cancelled else "scheduled",
        "round_status": round_.status.key,
    }


def calendar_json(
    entries: list[CalendarEntry],
    *,
    name: str,
    public_url: str,
    tz_name: str,
    now: dt.datetime,
) -> str:
    """/kalender.json: every session the site's .ics holds, in the same order
    and with the same ids (UID); the same content gives the same bytes."""
    host = public_host(public_url)
    ordered = sorted(entries, key=lambda e: (e.session.start, e.session.uid))
    document = {
        "name": name,
        "url": f"{public_url}/{urls.CALENDAR}",
        "ics": f"{public_url}/{urls.CALENDAR_ICS}",
        "timezone": tz_name,
        "updated": _rfc3339(now.astimezone(dt.UTC)),
        "sessions": [calendar_record(e, public_url, host) for e in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
