"""The hand-written .ics writer (plugins/eduweb/icalendar_feed.py) gives the
same bytes as the icalendar library did (tests/ics_reference.py, the old
module kept verbatim): for the fixture site's programmes, for hand-made edge
cases (folds inside å, ä, ö and emoji, escapes on the fold, all-day and timed
sessions across daylight saving time changes in several zones) and for a few
hundred generated programmes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zoneinfo
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import ics_reference
import pytest
from conftest import FIXTURE, ROOT
from eduweb import icalendar_feed
from eduweb.content_index import scan
from eduweb.icalendar_feed import calendar_ics, escape_text, fold
from eduweb.programmes import (
    CalendarEntry,
    SessionView,
    build_programme,
    calendar_entries,
    session_span,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import vText
from icalendar.parser import Contentline
from icalendar.timezone.tzid import tzid_from_tzinfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PUBLIC = "https://digitaltledarskap.example.se"
NOW = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)


def both(entries: list, *, tz: ZoneInfo = STOCKHOLM, now: dt.datetime = NOW, **fields) -> tuple:
    """(ours, the library's) bytes for the same calendar."""
    args = {
        "name": "Digitalt ledarskap",
        "description": "Alla utbildningstillfällen",
        "entries": entries,
        "now": now,
        "tz": tz,
        "public_url": PUBLIC,
        "source_url": f"{PUBLIC}/kalender.ics",
        "prodid": "-//Digitalt ledarskap//eduweb//SV",
    } | fields
    return calendar_ics(**args), ics_reference.calendar_ics(**args)


def programme(title="Ledarskap", summary="Kort.", tags=(), slug="ledarskap"):
    return SimpleNamespace(
        title=title, summary=summary, tags=list(tags), url=f"utbildningar/{slug}/"
    )


def session(tz, day, start=None, end=None, title=None, location=None, uid=None) -> SessionView:
    """A session as build_programme makes it (start and end by session_span)."""
    written = SimpleNamespace(date=day, start_time=start, end_time=end)
    begins, ends = session_span(written, tz)
    uid = uid or f"s-{day:%Y%m%d}{(start and f'T{start:%H%M}') or ''}"
    return SessionView(day, start, end, title, location, begins, ends, uid)


def entries_of(prog, rounds) -> list[CalendarEntry]:
    """rounds: (name, cancelled, sessions)."""
    return [
        CalendarEntry(prog, SimpleNamespace(name=name, cancelled=cancelled), s)
        for name, cancelled, sessions in rounds
        for s in sessions
    ]


# ---------------------------------------------------------------- the fixture site
def site_calendars(content: str, tz: ZoneInfo, now: dt.datetime) -> list[tuple[bytes, bytes]]:
    """Every programme's .ics and the site's, as ProgrammesGenerator makes them."""
    index = scan({"PATH": content, "_eduweb_tz": tz, "_EDUWEB_NOW": now})
    assert index.errors == []
    programmes = [
        build_programme(doc.meta, slug, now, tz, {})
        for slug, doc in sorted(index.programmes.items())
        if not doc.is_draft
    ]
    entries = calendar_entries(programmes)
    pairs = [
        both(
            [e for e in entries if e.programme is p],
            tz=tz,
            now=now,
            name=f"{p.title} – Digitalt ledarskap",
            description=p.summary,
            source_url=f"{PUBLIC}/{p.ics_url}",
        )
        for p in programmes
    ]
    assert len(pairs) >= 3
    return [*pairs, both(entries, tz=tz, now=now)]


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "America/New_York", "UTC"])
def test_the_fixture_sites_calendars_are_the_librarys_bytes(zone):
    for ours, reference in site_calendars(str(FIXTURE / "content"), ZoneInfo(zone), NOW):
        assert ours == reference


# ---------------------------------------------------------------- hand-made edge cases
# "SUMMARY:" is 8 octets: titles that put å, ä, ö (2 octets) and emoji (4)
# on every position around the fold at 74 octets, and escapes there too.
def fold_titles() -> list[str]:
    titles = []
    for pad in range(60, 80):
        for tail in (
            "åäö" * 30,
            "🎓" * 20,
            "å🎓ä" * 12,
            "\\" * 20,
            ";,;," * 10,
            "\n" * 10,
            "^" * 9,
        ):
            titles.append("x" * pad + tail)
    return titles


def test_titles_and_texts_folded_on_every_octet_near_the_limit():
    tz = STOCKHOLM
    for index, title in enumerate(fold_titles()):
        prog = programme(title=title, summary=title[::-1], tags=[title[:80], "a,b", "c;d"])
        day = dt.date(2025, 5, 1 + index % 28)
        sessions = [session(tz, day, dt.time(9), dt.time(12), title=title, location=title[5:])]
        ours, reference = both(entries_of(prog, [("Vår 2025", False, sessions)]), name=title)
        assert ours == reference, title


SWEDISH = (
    "Ledarskap i förändring – en längre utbildning för chefer i välfärden, "
    "med övningar på plats i Malmö; Göteborg och Umeå \\ distans\r\nRad två\rRad tre\\N🎉"
)


def test_escapes_line_breaks_and_swedish_text_in_every_field():
    tz = STOCKHOLM
    prog = programme(title=SWEDISH, summary=SWEDISH * 3, tags=["Ledarskap", SWEDISH, "å,ä;ö\\"])
    sessions = [
        session(tz, dt.date(2025, 9, 10), dt.time(9), dt.time(12), title=SWEDISH, location=SWEDISH),
        session(tz, dt.date(2025, 9, 11), title="Heldag", location=None),
    ]
    rounds = [("Hösten, 2025; \\ Inställd", True, sessions)]
    ours, reference = both(
        entries_of(prog, rounds),
        name=SWEDISH,
        description=SWEDISH,
        prodid=f"-//{SWEDISH}//eduweb//SV",
        source_url=f"{PUBLIC}/a,b;c\\d/å/kalender.ics?x=1&y=2",
        public_url=f"{PUBLIC}/under/en/mapp",
    )
    assert ours == reference


def dst_sessions(tz: ZoneInfo, years: range) -> list[SessionView]:
    """Sessions on, before and after every change of `tz` in `years`, timed
    and all day, with and without an end time, and mid-month ones."""
    start = dt.datetime(years[0], 1, 1, tzinfo=tz)
    stop = dt.datetime(years[-1] + 1, 1, 1, tzinfo=tz)
    days = {c.onset.date() for c in icalendar_feed.transitions(tz, start, stop)}
    found = [
        session(tz, dt.date(y, m, 15), dt.time(10), dt.time(11)) for y in years for m in (1, 7)
    ]
    for day in sorted(days):
        found += [
            session(tz, day - dt.timedelta(days=1), dt.time(12), dt.time(13)),
            session(tz, day, dt.time(12), dt.time(13, 30)),
            session(tz, day, uid=f"all-{day}"),
            session(tz, day + dt.timedelta(days=1), dt.time(9)),
        ]
    return found


ZONE_SPANS = [
    ("Europe/Stockholm", range(2025, 2029)),
    ("America/New_York", range(2005, 2010)),  # the US rules changed in 2007: UNTIL
    ("Australia/Sydney", range(2025, 2027)),  # southern hemisphere
    ("Australia/Lord_Howe", range(2025, 2026)),  # a half-hour change
    ("Africa/Casablanca", range(2018, 2022)),  # changes with no yearly rule
    ("America/Sao_Paulo", range(2017, 2021)),  # summer time abolished in 2019
    ("Asia/Kolkata", range(2025, 2026)),  # no changes, +0530
    ("Pacific/Chatham", range(2025, 2026)),  # +1245/+1345
    ("Europe/Dublin", range(2025, 2027)),  # negative DST in the database
    ("Atlantic/Reykjavik", range(2025, 2026)),  # icalendar took it for UTC
]


@pytest.mark.parametrize(("zone", "years"), ZONE_SPANS)
def test_sessions_across_the_changes_of_a_zone(zone, years):
    tz = ZoneInfo(zone)
    prog = programme(tags=["Ledarskap"])
    sessions = dst_sessions(tz, years)
    many = [(f"Omgång {n}", n % 3 == 0, sessions[n::5]) for n in range(5)]
    ours, reference = both(entries_of(prog, many), tz=tz)
    assert ours == reference


def test_one_session_and_no_session():
    prog = programme()
    one = [session(STOCKHOLM, dt.date(2026, 2, 3), dt.time(13), dt.time(15))]
    for entries in (entries_of(prog, [("Enda", False, one)]), []):
        for now in (NOW, dt.datetime(2030, 12, 31, 23, 30, 59, 999, tzinfo=dt.UTC)):
            ours, reference = both(entries, now=now)
            assert ours == reference


def test_only_all_day_sessions_have_no_vtimezone():
    prog = programme()
    days = [session(STOCKHOLM, dt.date(2026, 2, d)) for d in (3, 4, 28)]
    ours, reference = both(entries_of(prog, [("Heldagar", False, days)]))
    assert ours == reference
    assert b"VTIMEZONE" not in ours


def test_many_rounds_in_one_calendar():
    tz = STOCKHOLM
    prog = programme(title="Långt program", tags=[f"Ämne {n}" for n in range(30)])
    rounds = [
        (
            f"Omgång {year}-{n}",
            n == 2,
            [session(tz, dt.date(year, m, 1 + n), dt.time(8 + n), dt.time(9 + n)) for m in (3, 10)],
        )
        for year in range(2020, 2031)
        for n in range(4)
    ]
    ours, reference = both(entries_of(prog, rounds))
    assert ours == reference


# ---------------------------------------------------------------- the writer's parts
def test_the_zones_written_as_utc_are_those_icalendar_takes_for_utc():
    library = {
        key for key in zoneinfo.available_timezones() if tzid_from_tzinfo(ZoneInfo(key)) == "UTC"
    }
    assert library == icalendar_feed.UTC_ZONES


def test_every_zone_gets_the_librarys_vtimezone():
    """All zones in the time zone database, for a span with a change of rules
    in many of them, read through the public vtimezone() and as the file
    writes it."""
    first, last = dt.date(2006, 1, 1), dt.date(2008, 1, 1)
    for key in sorted(zoneinfo.available_timezones()):
        tz = ZoneInfo(key)
        ours = b"\r\n".join(map(fold, icalendar_feed.vtimezone_lines(tz, first, last))) + b"\r\n"
        assert ours == ics_reference.vtimezone(tz, first, last).to_ical(sorted=False), key


# Text from pieces: the characters that escaping and folding care about
# (some of two characters: \N, CRLF), and any other character.
TEXT = st.lists(
    st.one_of(
        st.sampled_from([*'åäöÅÄÖé🎓\\;,:^"\n\r\t N', "\\N", "\r\n", "🇸🇪", "\u00ad", "\u200b"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=120,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_escape_and_fold_are_the_librarys(text):
    assert escape_text(text) == vText(text).to_ical().decode()
    line = "DESCRIPTION:" + escape_text(text)
    assert fold(line) == Contentline(line).to_ical()


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_a_folded_line_unfolds_to_itself_within_75_octets(text):
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    physical = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in physical)
    assert all(p.decode() for p in physical)  # no UTF-8 character split
    assert folded.replace(b"\r\n ", b"").decode() == line


# ---------------------------------------------------------------- generated programmes
ZONES = [z for z, _ in ZONE_SPANS] + ["UTC", "Asia/Tokyo", "America/St_Johns"]
DAYS = st.dates(dt.date(2018, 1, 1), dt.date(2031, 12, 31))
TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@st.composite
def calendars(draw):
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    titles = st.one_of(TEXT, st.sampled_from(fold_titles()))
    entries = []
    for p in range(draw(st.integers(1, 3))):
        prog = programme(
            title=draw(titles),
            summary=draw(TEXT),
            tags=draw(st.lists(TEXT, max_size=4)),
            slug=f"p{p}",
        )
        for r in range(draw(st.integers(1, 3))):
            sessions = []
            for n in range(draw(st.integers(0, 6))):
                day = draw(DAYS)
                start = draw(st.none() | TIMES)
                end = draw(st.none() | TIMES) if start else None
                title = draw(st.none() | titles)
                location = draw(st.none() | TEXT)
                uid = f"p{p}-r{r}-{n}-{day}"
                sessions.append(session(tz, day, start, end, title, location, uid=uid))
            entries += entries_of(prog, [(draw(TEXT), draw(st.booleans()), sessions)])
    now = draw(
        st.datetimes(dt.datetime(2018, 1, 1), dt.datetime(2032, 1, 1), timezones=st.just(dt.UTC))
    )
    fields = {
        "name": draw(TEXT),
        "description": draw(TEXT),
        "prodid": f"-//{draw(TEXT)}//eduweb//SV",
    }
    return entries, tz, now, fields


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendars())
def test_generated_programmes_are_the_librarys_bytes(calendar):
    entries, tz, now, fields = calendar
    ours, reference = both(entries, tz=tz, now=now, **fields)
    assert ours == reference


def test_the_build_does_not_import_the_icalendar_library():
    """The point of the writer (issue 12): icalendar took ~25 ms a file."""
    code = (
        "import sys; import eduweb.programme_pages, eduweb.reader_calendar; "
        "print('icalendar' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        check=True,
    )
    assert done.stdout.strip() == "False"
