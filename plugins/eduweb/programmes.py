"""Programme logic: sessions in order, round status, the next round, the calendar.

Plain functions and data classes over the validated content model, a build
moment and a time zone, so every rule can be unit tested without a site.

Decisions, in one place:
- A session without `start_time` is all-day: it runs from 00:00 local time
  to 00:00 the next day. A session with `start_time` but no `end_time` is
  given DEFAULT_SESSION_LENGTH, so it has an end for "coming" and for
  calendar files; its page shows only the start time.
- A round runs from `start` (else its first session's date) to `end` (else
  its last session's date, else its start). Whether it is coming, ongoing
  or finished is judged by the local date of the build moment.
- The registration deadline is shown only while a round is open for
  registration (RoundView.shows_registration_deadline), on the round and
  in the next-round box alike.
- A cancelled round always shows as cancelled. Otherwise a finished or an
  ongoing round shows as such, whatever booking status is written, since
  booking no longer applies once a round has started. Before the start the
  written status (or `booked_percent`) applies, and after
  `registration_deadline` the round shows "Anmälan stängd".
- `booked_percent` is shown wherever booking still applies, next to the
  status: "50 % bokat" (open), "Få platser kvar, 80 % bokat",
  "Anmälan stängd, 80 % bokat"; 100 (or `status: full`) is "Fullbokad".
  ("60 % fullbokad" read as full; "bokat" says how much is taken.)
  Written values that contradict each other whatever the date
  are content errors (booking_conflict): `full` below 100 %, `open` or
  `few-places` at 100 %, a percentage on a cancelled round. What only time
  changes is never an error, or a build that passed would fail the next
  night: once a round starts, "Pågår"/"Avslutad" replaces the booking status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import messages, urls
from .dates import MONTHS_SV, format_date_sv
from .slugs import slugify

DEFAULT_SESSION_LENGTH = dt.timedelta(hours=1)
NBSP = "\u00a0"

# Phases of a round, judged at build time.
COMING = "coming"
ONGOING = "ongoing"
FINISHED = "finished"

STATUS_LABELS = {
    "open": "Öppen för anmälan",
    "few-places": "Få platser kvar",
    "full": "Fullbokad",
    "closed": "Anmälan stängd",
    "cancelled": "Inställd",
    "ongoing": "Pågår",
    "finished": "Avslutad",
}
# Statuses under which a sign-up link is offered.
BOOKABLE = {"open", "few-places"}

# A location written as one of these (case and punctuation aside) means the
# session is held online.
_ONLINE_LOCATIONS = {
    "digitalt",
    "digital",
    "online",
    "distans",
    "pa distans",
    "webbinarium",
    "webbsandning",
    "zoom",
    "teams",
    "microsoft teams",
}


@dataclass(frozen=True)
class Status:
    """A round's status: `key` for styling and data, `label` for readers."""

    key: str
    label: str


@dataclass
class SessionView:
    """One session as pages and calendar files show it."""

    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    title: str | None
    location: str | None  # the session's, else the programme's
    start: dt.datetime  # aware, local time; all-day: 00:00
    end: dt.datetime  # aware; all-day: 00:00 the next day (exclusive)
    uid: str = ""  # without the @host part; set per programme
    # reader_calendar.AddLinks (Google Calendar, Outlook), set once per build.
    add_links: Any = None

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def online(self) -> bool:
        return is_online(self.location)


@dataclass
class RoundView:
    name: str
    anchor: str  # id of the round on the programme page
    start: dt.date
    end: dt.date
    sessions: list[SessionView]
    phase: str
    status: Status
    cancelled: bool
    booked_percent: int | None
    registration_deadline: dt.date | None
    registration_url: str | None  # the round's, else the programme's
    course_mode: str | None
    # False when `end` is only the start repeated (no end, no sessions written).
    end_known: bool = True

    @property
    def can_register(self) -> bool:
        return self.status.key in BOOKABLE and self.registration_url is not None

    @property
    def finished(self) -> bool:
        return self.phase == FINISHED

    @property
    def ongoing(self) -> bool:
        return self.phase == ONGOING

    @property
    def shows_registration_deadline(self) -> bool:
        """The last day to register is shown while registering is possible:
        not once the round is full, closed, cancelled, under way or over."""
        return self.registration_deadline is not None and self.status.key in BOOKABLE

    @property
    def date_parts(self) -> list[tuple[dt.date, str]]:
        return date_range(self.start, self.end)


@dataclass
class Teacher:
    name: str
    contact_id: str | None = None  # set when the teacher is a contact

    @property
    def url(self) -> str | None:
        """The teacher's card on the contacts page, when the teacher is a contact."""
        return urls.contact_url(self.contact_id) if self.contact_id else None


@dataclass
class ProgrammeView:
    """A programme with everything its pages need, derived at build time."""

    slug: str
    title: str
    summary: str
    provider: str | None
    audience: str | None
    format: str | None
    location: str | None
    price: str | None
    teachers: list[Teacher]
    contacts: list[str]
    registration_url: str | None
    tags: list[str]
    rounds: list[RoundView]  # by start date
    next_round: RoundView | None
    extra: dict = field(default_factory=dict)
    body_html: str = ""
    json_ld: dict[str, Any] = field(default_factory=dict)
    facts: Any = None  # page_facts.PageFacts: owner and last update

    @property
    def url(self) -> str:
        return urls.programme_url(self.slug)

    @property
    def ics_url(self) -> str:
        return urls.programme_ics_url(self.slug)

    @property
    def coming_rounds(self) -> list[RoundView]:
        return [r for r in self.rounds if not r.finished]

    @property
    def past_rounds(self) -> list[RoundView]:
        """Finished rounds, the latest first."""
        return sorted((r for r in self.rounds if r.finished), key=lambda r: r.start, reverse=True)

    @property
    def latest_past_round(self) -> RoundView | None:
        past = self.past_rounds
        return past[0] if past else None

    @property
    def sessions(self) -> list[tuple[RoundView, SessionView]]:
        return [(r, s) for r in self.rounds for s in r.sessions]


@dataclass
class CalendarEntry:
    """A session with its programme and round, for the site calendar."""

    programme: ProgrammeView
    round: RoundView
    session: SessionView

    @property
    def start(self) -> dt.datetime:
        return self.session.start


@dataclass
class Month:
    year: int
    month: int
    entries: list

    @property
    def label(self) -> str:
        """'September 2025'."""
        return f"{MONTHS_SV[self.month - 1].capitalize()} {self.year}"

    @property
    def anchor(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# ---------------------------------------------------------------- sessions
def session_order(session) -> tuple:
    """Date, then start time; all-day sessions first on their day."""
    return (session.date, session.start_time or dt.time.min)


def sorted_sessions(sessions) -> list:
    return sorted(sessions, key=session_order)


def session_span(session, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """Start and (exclusive) end of a session as aware local datetimes."""
    if session.start_time is None:
        start = dt.datetime.combine(session.date, dt.time.min, tzinfo=tz)
        following = session.date + dt.timedelta(days=1)
        return start, dt.datetime.combine(following, dt.time.min, tzinfo=tz)
    start = dt.datetime.combine(session.date, session.start_time, tzinfo=tz)
    if session.end_time is None:
        # An hour of real time, counted in UTC: aware-datetime arithmetic in
        # Python is wall-clock arithmetic, so 01:30 + 1 h on the night the
        # clocks go forward would give 02:30, a time that does not exist.
        end = (start.astimezone(dt.UTC) + DEFAULT_SESSION_LENGTH).astimezone(tz)
        return start, end
    return start, dt.datetime.combine(session.date, session.end_time, tzinfo=tz)


def is_online(location: str | None) -> bool:
    """True for a location such as 'Digitalt' or 'Online'."""
    if not location:
        return False
    return slugify(location).replace("-", " ") in _ONLINE_LOCATIONS


def course_mode(locations: list[str | None]) -> str | None:
    """schema.org courseMode for sessions at these places; None if unknown."""
    known = [loc for loc in locations if loc]
    if not known:
        return None
    online = [is_online(loc) for loc in known]
    if all(online):
        return "online"
    if any(online):
        return "blended"
    return "onsite"


# ---------------------------------------------------------------- rounds
def round_start(round_) -> dt.date:
    if round_.start:
        return round_.start
    return min(s.date for s in round_.sessions)


def round_end(round_) -> dt.date:
    if round_.end:
        return round_.end
    if round_.sessions:
        return max(s.date for s in round_.sessions)
    return round_start(round_)


def round_phase(round_, today: dt.date) -> str:
    """COMING before the start, ONGOING from start to end, FINISHED after."""
    if today > round_end(round_):
        return FINISHED
    if today >= round_start(round_):
        return ONGOING
    return COMING


def registration_closed(round_, today: dt.date) -> bool:
    """True after the registration deadline (the deadline day itself is open)."""
    deadline = round_.registration_deadline
    return deadline is not None and today > deadline


def round_status(round_, today: dt.date) -> Status:
    """The status a reader sees; see the module docstring for the order."""
    phase = round_phase(round_, today)
    if round_.status == "cancelled":
        key = "cancelled"
    elif phase != COMING:
        key = phase
    elif round_.status == "full" or round_.booked_percent == 100:
        key = "full"
    elif registration_closed(round_, today):
        key = "closed"
    elif round_.status == "few-places":
        key = "few-places"
    else:
        key = "open"
    percent = round_.booked_percent
    if key == "open" and percent is not None:
        return Status(key, booked_label(percent))
    if key in ("few-places", "closed") and percent is not None:
        return Status(key, f"{STATUS_LABELS[key]}, {booked_label(percent)}")
    return Status(key, STATUS_LABELS[key])


def booking_conflict(status: str | None, booked_percent: int | None) -> str | None:
    """Why a written `status` and `booked_percent` cannot both be true, or None."""
    if booked_percent is None:
        return None
    if status == "cancelled":
        return messages.text("rule.booked_but_cancelled", percent=booked_percent)
    if status == "full" and booked_percent < 100:
        return messages.text("rule.full_below_100", percent=booked_percent)
    if status in BOOKABLE and booked_percent == 100:
        return messages.text("rule.100_but_bookable", status=status)
    return None


def booked_label(percent: int) -> str:
    """50 -> '50 % bokat' (with no-break spaces, so it never wraps apart)."""
    return f"{percent}{NBSP}%{NBSP}bokat"


def next_round(rounds: list[RoundView]) -> RoundView | None:
    """The earliest round that is neither finished nor cancelled, or None."""
    candidates = [r for r in rounds if not r.cancelled and not r.finished]
    return min(candidates, key=lambda r: r.start, default=None)


def _unique(base: str, taken: set[str]) -> str:
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return name


def session_uid(programme_slug: str, round_name: str, session) -> str:
    """An id that survives edits to titles, places and the order of rounds.

    Made of the programme's slug, the round's name and the session's date and
    start time: what identifies a session to a reader too.
    """
    when = session.date.strftime("%Y%m%d")
    if session.start_time is not None:
        when += session.start_time.strftime("T%H%M")
    return f"{programme_slug}-{slugify(round_name) or 'omgang'}-{when}"


def round_anchors(rounds: list) -> list[str]:
    """The ids of rounds on the programme page, in the order given (the page's
    order: by start). Body links to `#omgang-…` are checked against these."""
    taken: set[str] = set()
    return [_unique("omgang-" + (slugify(r.name) or "namnlos"), taken) for r in rounds]


# ---------------------------------------------------------------- programmes
def build_programme(
    meta, slug: str, now: dt.datetime, tz: dt.tzinfo, contact_names: dict[str, str]
) -> ProgrammeView:
    """A ProgrammeView from a validated model.Programme at the build moment `now`."""
    today = now.astimezone(tz).date()
    uids: set[str] = set()
    rounds = []
    ordered = sorted(meta.rounds, key=round_start)
    for round_, anchor in zip(ordered, round_anchors(ordered), strict=True):
        sessions = []
        for session in sorted_sessions(round_.sessions):
            start, end = session_span(session, tz)
            sessions.append(
                SessionView(
                    date=session.date,
                    start_time=session.start_time,
                    end_time=session.end_time,
                    title=session.title,
                    location=session.location or meta.location,
                    start=start,
                    end=end,
                    uid=_unique(session_uid(slug, round_.name, session), uids),
                )
            )
        locations = [s.location for s in sessions] or [meta.location]
        rounds.append(
            RoundView(
                name=round_.name,
                anchor=anchor,
                start=round_start(round_),
                end=round_end(round_),
                sessions=sessions,
                phase=round_phase(round_, today),
                status=round_status(round_, today),
                cancelled=round_.status == "cancelled",
                booked_percent=round_.booked_percent,
                registration_deadline=round_.registration_deadline,
                registration_url=round_.registration_url or meta.registration_url,
                course_mode=course_mode(locations),
                end_known=round_.end is not None or bool(round_.sessions),
            )
        )
    return ProgrammeView(
        slug=slug,
        title=meta.title,
        summary=meta.summary,
        provider=meta.provider,
        audience=meta.audience,
        format=meta.format,
        location=meta.location,
        price=meta.price,
        teachers=[
            Teacher(contact_names[t], t) if t in contact_names else Teacher(t)
            for t in meta.teachers
        ],
        contacts=list(meta.contacts),
        registration_url=meta.registration_url,
        tags=list(meta.tags),
        rounds=rounds,
        next_round=next_round(rounds),
        extra=dict(meta.extra),
    )


def next_session_start(
    programme: ProgrammeView, now: dt.datetime, tz: dt.tzinfo
) -> dt.datetime | None:
    """When the programme next meets: its next round's first session not yet over.

    A next round without sessions counts from its start date.
    """
    round_ = programme.next_round
    if round_ is None:
        return None
    for session in round_.sessions:
        if session.end >= now:
            return session.start
    return dt.datetime.combine(round_.start, dt.time.min, tzinfo=tz)


def split_programmes(
    programmes: list[ProgrammeView], now: dt.datetime, tz: dt.tzinfo
) -> tuple[list[ProgrammeView], list[ProgrammeView]]:
    """Programmes with a coming round, by their next session; and the others,
    the most recently finished first."""
    coming = [p for p in programmes if p.next_round is not None]
    coming.sort(key=lambda p: (next_session_start(p, now, tz), p.title))
    others = [p for p in programmes if p.next_round is None]
    others.sort(key=lambda p: p.title)
    others.sort(key=lambda p: max((r.end for r in p.rounds), default=dt.date.min), reverse=True)
    return coming, others


def calendar_entries(programmes: list[ProgrammeView]) -> list[CalendarEntry]:
    """Every session of every programme, in time order."""
    entries = [CalendarEntry(p, r, s) for p in programmes for r in p.rounds for s in r.sessions]
    entries.sort(key=lambda e: (e.session.start, e.programme.title, e.session.uid))
    return entries


def coming_entries(entries: list[CalendarEntry], now: dt.datetime) -> list[CalendarEntry]:
    """Entries whose session ends at or after `now` (the calendar's "coming")."""
    return [e for e in entries if e.session.end >= now]


def sessions_by_month(entries: list, tz: dt.tzinfo) -> list[Month]:
    """Group time-ordered entries (anything with `.start`) by local month."""
    months: list[Month] = []
    for entry in entries:
        local = entry.start.astimezone(tz)
        if not months or (months[-1].year, months[-1].month) != (local.year, local.month):
            months.append(Month(local.year, local.month, []))
        months[-1].entries.append(entry)
    return months


def date_range(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The parts of a Swedish date range, each with its date for <time>.

    (3 Apr 2024, 12 Jun 2024) -> [(…, '3 april'), (…, '12 juni 2024')];
    a single day gives one part; different years keep both years.
    """
    if start == end:
        return [(start, format_date_sv(start))]
    if start.year == end.year:
        return [(start, f"{start.day} {MONTHS_SV[start.month - 1]}"), (end, format_date_sv(end))]
    return [(start, format_date_sv(start)), (end, format_date_sv(end))]


def webcal_url(public_url: str, path: str) -> str:
    """'https://host' and 'kalender.ics' -> 'webcal://host/kalender.ics'."""
    host_and_path = public_url.split("://", 1)[-1]
    return f"webcal://{host_and_path}/{path}"
