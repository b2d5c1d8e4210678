"""Unit tests of programmes.py: plain inputs, no site built."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from eduweb import model
from eduweb.programmes import (
    DEFAULT_SESSION_LENGTH,
    FINISHED,
    ONGOING,
    booking_conflict,
    build_programme,
    calendar_entries,
    coming_entries,
    course_mode,
    date_range,
    is_online,
    round_phase,
    round_status,
    session_span,
    sessions_by_month,
    sorted_sessions,
    split_programmes,
    webcal_url,
)

TZ = ZoneInfo("Europe/Stockholm")
CONTEXT = {"tz": TZ, "content_path": "/nonexistent/content", "static_paths": ["images"]}


def programme(**fields) -> model.Programme:
    """A validated model.Programme; fields as a writer writes them (text)."""
    data = {"title": "Kurs", "summary": "Om kursen.", **fields}
    meta, problems = model.validate("programme", data, CONTEXT)
    assert not problems, problems
    return meta


def round_(**fields) -> model.Round:
    return programme(rounds=[{"name": "Omgång", **fields}]).rounds[0]


def at(*args) -> dt.datetime:
    """A moment in Stockholm local time."""
    return dt.datetime(*args, tzinfo=TZ)


def view(meta, now, contacts=None):
    return build_programme(meta, "kurs", now, TZ, contacts or {})


SPRING = [
    {"date": "2025-05-13", "start_time": "09:00", "end_time": "12:00"},
    {"date": "2025-02-11", "start_time": "13:00", "end_time": "16:00"},
    {"date": "2025-02-11", "start_time": "09:00", "end_time": "12:00"},
    {"date": "2025-03-11"},
]


# ---------------------------------------------------------------- sessions
def test_sessions_sorted_by_date_then_time_all_day_first():
    sessions = sorted_sessions(round_(sessions=SPRING).sessions)
    assert [(s.date.isoformat(), s.start_time) for s in sessions] == [
        ("2025-02-11", dt.time(9, 0)),
        ("2025-02-11", dt.time(13, 0)),
        ("2025-03-11", None),
        ("2025-05-13", dt.time(9, 0)),
    ]
    same_day = round_(
        sessions=[{"date": "2025-02-11", "start_time": "10:00"}, {"date": "2025-02-11"}]
    )
    assert [s.start_time for s in sorted_sessions(same_day.sessions)] == [None, dt.time(10, 0)]


def test_session_span_across_daylight_saving_change():
    # Summer time began on 30 March 2025.
    sessions = round_(
        sessions=[
            {"date": "2025-03-27", "start_time": "09:00", "end_time": "12:00"},
            {"date": "2025-04-03", "start_time": "13:00", "end_time": "16:30"},
        ]
    ).sessions
    before, after = (session_span(s, TZ) for s in sessions)
    assert before[0].astimezone(dt.UTC) == dt.datetime(2025, 3, 27, 8, 0, tzinfo=dt.UTC)
    assert before[1].astimezone(dt.UTC) == dt.datetime(2025, 3, 27, 11, 0, tzinfo=dt.UTC)
    assert after[0].astimezone(dt.UTC) == dt.datetime(2025, 4, 3, 11, 0, tzinfo=dt.UTC)
    assert after[1].astimezone(dt.UTC) == dt.datetime(2025, 4, 3, 14, 30, tzinfo=dt.UTC)


def test_session_span_all_day_and_without_end_time():
    all_day, start_only = round_(
        sessions=[{"date": "2025-10-25"}, {"date": "2025-10-26", "start_time": "10:00"}]
    ).sessions
    start, end = session_span(all_day, TZ)
    assert (start, end) == (at(2025, 10, 25), at(2025, 10, 26))
    start, end = session_span(start_only, TZ)
    assert start == at(2025, 10, 26, 10)
    assert end - start == DEFAULT_SESSION_LENGTH


# ---------------------------------------------------------------- rounds
@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (dt.date(2025, 2, 10), "coming"),
        (dt.date(2025, 2, 11), ONGOING),  # the first day
        (dt.date(2025, 5, 13), ONGOING),  # the last day
        (dt.date(2025, 5, 14), FINISHED),
    ],
)
def test_round_phase_from_its_sessions(today, phase):
    assert round_phase(round_(sessions=SPRING), today) == phase


def test_round_phase_uses_start_and_end_when_written():
    written = round_(start="2025-01-01", end="2025-12-31", sessions=SPRING)
    assert round_phase(written, dt.date(2025, 6, 1)) == ONGOING
    assert round_phase(written, dt.date(2026, 1, 1)) == FINISHED
    no_sessions = round_(start="2025-09-02")
    assert round_phase(no_sessions, dt.date(2025, 9, 1)) == "coming"
    assert round_phase(no_sessions, dt.date(2025, 9, 2)) == ONGOING
    assert round_phase(no_sessions, dt.date(2025, 9, 3)) == FINISHED


BEFORE = dt.date(2025, 1, 15)


@pytest.mark.parametrize(
    ("fields", "today", "key", "label"),
    [
        ({}, BEFORE, "open", "Öppen för anmälan"),
        ({"booked_percent": "50"}, BEFORE, "open", "50\u00a0%\u00a0bokat"),
        ({"status": "open", "booked_percent": "80"}, BEFORE, "open", "80\u00a0%\u00a0bokat"),
        (
            {"status": "few-places", "booked_percent": "90"},
            BEFORE,
            "few-places",
            "Få platser kvar, 90\u00a0%\u00a0bokat",
        ),
        ({"status": "full"}, BEFORE, "full", "Fullbokad"),
        ({"booked_percent": "100"}, BEFORE, "full", "Fullbokad"),
        ({"status": "cancelled"}, BEFORE, "cancelled", "Inställd"),
        ({"status": "cancelled"}, dt.date(2026, 1, 1), "cancelled", "Inställd"),
        ({"status": "few-places"}, dt.date(2025, 3, 1), "ongoing", "Pågår"),
        ({"status": "few-places"}, dt.date(2025, 5, 14), "finished", "Avslutad"),
        ({"registration_deadline": "2025-01-15"}, BEFORE, "open", "Öppen för anmälan"),
        ({"registration_deadline": "2025-01-14"}, BEFORE, "closed", "Anmälan stängd"),
        ({"registration_deadline": "2025-01-14", "status": "full"}, BEFORE, "full", "Fullbokad"),
    ],
)
def test_round_status(fields, today, key, label):
    status = round_status(round_(sessions=SPRING, **fields), today)
    assert (status.key, status.label) == (key, label)


STATUSES = [None, "open", "few-places", "full", "cancelled"]
PERCENTS = [None, 0, 40, 80, 100]
P = "\u00a0%\u00a0bokat"
# Before the start, deadline open: (status, booked_percent) -> (key, label),
# or None where the two contradict each other (a content error).
COMING_TABLE = {
    (None, None): ("open", "Öppen för anmälan"),
    (None, 0): ("open", "0" + P),
    (None, 40): ("open", "40" + P),
    (None, 80): ("open", "80" + P),
    (None, 100): ("full", "Fullbokad"),
    ("open", None): ("open", "Öppen för anmälan"),
    ("open", 0): ("open", "0" + P),
    ("open", 40): ("open", "40" + P),
    ("open", 80): ("open", "80" + P),
    ("open", 100): None,
    ("few-places", None): ("few-places", "Få platser kvar"),
    ("few-places", 0): ("few-places", "Få platser kvar, 0" + P),
    ("few-places", 40): ("few-places", "Få platser kvar, 40" + P),
    ("few-places", 80): ("few-places", "Få platser kvar, 80" + P),
    ("few-places", 100): None,
    ("full", None): ("full", "Fullbokad"),
    ("full", 0): None,
    ("full", 40): None,
    ("full", 80): None,
    ("full", 100): ("full", "Fullbokad"),
    ("cancelled", None): ("cancelled", "Inställd"),
    ("cancelled", 0): None,
    ("cancelled", 40): None,
    ("cancelled", 80): None,
    ("cancelled", 100): None,
}
# Days relative to SPRING (2025-02-11 to 2025-05-13) and a deadline of 2025-01-31.
DEADLINE = "2025-01-31"
DEADLINE_OPEN, DEADLINE_PASSED = dt.date(2025, 1, 31), dt.date(2025, 2, 1)
ONGOING_DAY, FINISHED_DAY = dt.date(2025, 3, 1), dt.date(2025, 5, 14)


def _written(status, percent) -> dict:
    fields = {}
    if status is not None:
        fields["status"] = status
    if percent is not None:
        fields["booked_percent"] = str(percent)
    return fields


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("percent", PERCENTS)
def test_every_status_and_percent_is_shown_or_refused(status, percent):
    """The whole table: each written pair is either a content error with a
    clear message, or shown in every phase; only time supersedes a value."""
    expected = COMING_TABLE[(status, percent)]
    data = {"title": "Kurs", "summary": "Om kursen."}
    data["rounds"] = [{"name": "Omgång", "sessions": SPRING, **_written(status, percent)}]
    _meta, problems = model.validate("programme", data, CONTEXT)
    if expected is None:
        assert booking_conflict(status, percent) is not None
        assert [loc for loc, _ in problems] == [("rounds", 0, "booked_percent")]
        message = problems[0][1]
        assert message.startswith(f"{percent} ")
        assert "(write " in message or "(remove " in message
        return
    assert booking_conflict(status, percent) is None
    assert not problems, problems
    written = _written(status, percent)
    coming = round_status(round_(sessions=SPRING, **written), BEFORE)
    assert (coming.key, coming.label) == expected
    if percent is not None and expected[0] != "full":
        assert f"{percent}{P}" in coming.label  # never silently dropped

    with_deadline = round_(sessions=SPRING, registration_deadline=DEADLINE, **written)
    assert round_status(with_deadline, DEADLINE_OPEN) == coming  # the deadline day is open
    closed = round_status(with_deadline, DEADLINE_PASSED)
    if expected[0] in ("full", "cancelled"):
        assert closed == coming
    else:
        assert closed.key == "closed"
        suffix = "" if percent is None else f", {percent}{P}"
        assert closed.label == "Anmälan stängd" + suffix

    for day, key, label in ((ONGOING_DAY, ONGOING, "Pågår"), (FINISHED_DAY, FINISHED, "Avslutad")):
        later = round_status(with_deadline, day)
        if status == "cancelled":
            assert (later.key, later.label) == ("cancelled", "Inställd")
        else:
            assert (later.key, later.label) == (key, label)


# ---------------------------------------------------------------- programmes
ROUNDS = [
    {"name": "Hösten 2025", "start": "2025-09-02", "booked_percent": "50"},
    {"name": "Våren 2025", "start": "2025-04-03", "end": "2025-06-12"},
    {"name": "Våren 2026", "start": "2026-03-01"},
    {"name": "Hösten 2024", "start": "2024-09-02", "status": "cancelled"},
]


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2024, 8, 1), "Våren 2025"),  # the cancelled round is skipped
        (at(2025, 5, 1), "Våren 2025"),  # an ongoing round is the next one
        (at(2025, 6, 13), "Hösten 2025"),
        (at(2025, 9, 3), "Våren 2026"),
        (at(2026, 3, 2), None),
    ],
)
def test_next_round(now, expected):
    chosen = view(programme(rounds=ROUNDS), now).next_round
    assert (chosen.name if chosen else None) == expected


def test_rounds_by_start_and_past_rounds_latest_first():
    result = view(programme(rounds=ROUNDS), at(2025, 10, 1))
    assert [r.name for r in result.rounds] == [
        "Hösten 2024",
        "Våren 2025",
        "Hösten 2025",
        "Våren 2026",
    ]
    assert [r.name for r in result.coming_rounds] == ["Våren 2026"]
    assert [r.name for r in result.past_rounds] == ["Hösten 2025", "Våren 2025", "Hösten 2024"]


def test_next_round_is_judged_in_stockholm_time():
    meta = programme(
        rounds=[{"name": "A", "start": "2025-06-12"}, {"name": "B", "start": "2025-09-01"}]
    )
    # 22:30 UTC on 12 June is already 13 June in Stockholm: round A is over.
    late = dt.datetime(2025, 6, 12, 22, 30, tzinfo=dt.UTC)
    assert view(meta, late).next_round.name == "B"
    assert view(meta, late - dt.timedelta(hours=1)).next_round.name == "A"


def test_registration_url_round_else_programme():
    meta = programme(
        registration_url="https://example.se/anmalan",
        rounds=[
            {"name": "A", "start": "2030-01-01", "registration_url": "https://example.se/a"},
            {"name": "B", "start": "2031-01-01"},
            {"name": "C", "start": "2032-01-01", "status": "full"},
        ],
    )
    a, b, c = view(meta, at(2025, 1, 1)).rounds
    assert (a.registration_url, a.can_register) == ("https://example.se/a", True)
    assert (b.registration_url, b.can_register) == ("https://example.se/anmalan", True)
    assert c.can_register is False
    without = view(programme(rounds=[{"name": "A", "start": "2030-01-01"}]), at(2025, 1, 1))
    assert without.rounds[0].can_register is False


def test_location_falls_back_to_the_programme_and_teachers_to_contact_names():
    meta = programme(
        location="Digitalt",
        teachers=["anna-berg", "Per Olsson"],
        rounds=[
            {
                "name": "A",
                "sessions": [{"date": "2030-01-01"}, {"date": "2030-02-01", "location": "Umeå"}],
            }
        ],
    )
    result = view(meta, at(2025, 1, 1), {"anna-berg": "Anna Berg"})
    assert [s.location for s in result.rounds[0].sessions] == ["Digitalt", "Umeå"]
    assert result.rounds[0].course_mode == "blended"
    assert [(t.name, t.contact_id) for t in result.teachers] == [
        ("Anna Berg", "anna-berg"),
        ("Per Olsson", None),
    ]


def test_anchors_and_uids_are_unique_and_ignore_titles():
    meta = programme(
        rounds=[
            {
                "name": "Våren 2025",
                "sessions": [{"date": "2025-03-01", "start_time": "09:00", "title": "A"}],
            },
            {
                "name": "Våren 2025!",
                "sessions": [
                    {"date": "2025-03-01", "start_time": "09:00", "title": "B"},
                    {"date": "2025-03-02"},
                ],
            },
        ]
    )
    rounds = view(meta, at(2025, 1, 1)).rounds
    assert [r.anchor for r in rounds] == ["omgang-varen-2025", "omgang-varen-2025-2"]
    uids = [s.uid for r in rounds for s in r.sessions]
    assert uids == [
        "kurs-varen-2025-20250301T0900",
        "kurs-varen-2025-20250301T0900-2",
        "kurs-varen-2025-20250302",
    ]


def test_programmes_with_a_coming_round_first_by_next_session():
    now = at(2025, 3, 1)
    late = build_programme(
        programme(title="Sen", rounds=[{"name": "A", "start": "2025-09-01"}]), "sen", now, TZ, {}
    )
    # Its round is ongoing, and its next session is before the other's start.
    soon = build_programme(
        programme(
            title="Snart",
            rounds=[
                {
                    "name": "A",
                    "sessions": [
                        {"date": "2025-02-01"},
                        {"date": "2025-04-01"},
                    ],
                }
            ],
        ),
        "snart",
        now,
        TZ,
        {},
    )
    old = build_programme(
        programme(title="Gammal", rounds=[{"name": "A", "start": "2020-01-01"}]),
        "gammal",
        now,
        TZ,
        {},
    )
    older = build_programme(
        programme(title="Äldst", rounds=[{"name": "A", "start": "2019-01-01"}]),
        "aldst",
        now,
        TZ,
        {},
    )
    empty = build_programme(programme(title="Ingen"), "ingen", now, TZ, {})
    coming, others = split_programmes([late, old, empty, soon, older], now, TZ)
    assert [p.title for p in coming] == ["Snart", "Sen"]
    assert [p.title for p in others] == ["Gammal", "Äldst", "Ingen"]


# ---------------------------------------------------------------- calendar
def test_coming_entries_keep_a_session_until_it_ends():
    meta = programme(
        rounds=[
            {
                "name": "A",
                "sessions": [
                    {"date": "2025-09-30", "start_time": "09:00", "end_time": "12:00"},
                    {"date": "2025-10-01"},
                ],
            }
        ]
    )
    entries = calendar_entries([view(meta, at(2025, 9, 30, 11, 59))])
    assert len(coming_entries(entries, at(2025, 9, 30, 11, 59))) == 2
    assert len(coming_entries(entries, at(2025, 9, 30, 12, 1))) == 1
    assert len(coming_entries(entries, at(2025, 10, 1, 23, 59))) == 1
    assert coming_entries(entries, at(2025, 10, 2, 0, 1)) == []


def test_sessions_by_month_in_local_time():
    meta = programme(
        rounds=[
            {
                "name": "A",
                "sessions": [
                    {"date": "2025-10-01", "start_time": "00:30"},  # 22:30 UTC on 30 September
                    {"date": "2025-09-02"},
                    {"date": "2025-09-30", "start_time": "13:00"},
                    {"date": "2026-01-15"},
                ],
            }
        ]
    )
    months = sessions_by_month(calendar_entries([view(meta, at(2025, 1, 1))]), TZ)
    assert [m.label for m in months] == ["September 2025", "Oktober 2025", "Januari 2026"]
    assert [len(m.entries) for m in months] == [2, 1, 1]
    assert [m.anchor for m in months] == ["2025-09", "2025-10", "2026-01"]


# ---------------------------------------------------------------- small helpers
@pytest.mark.parametrize(
    ("location", "online"),
    [
        ("Digitalt", True),
        ("online", True),
        ("På distans", True),
        ("Microsoft Teams", True),
        ("Stockholm", False),
        ("Digitala huset, Umeå", False),
        (None, False),
    ],
)
def test_is_online(location, online):
    assert is_online(location) is online


def test_course_mode():
    assert course_mode(["Digitalt", "Online"]) == "online"
    assert course_mode(["Stockholm", "Digitalt"]) == "blended"
    assert course_mode(["Stockholm", None]) == "onsite"
    assert course_mode([None]) is None


def test_date_range():
    assert [t for _, t in date_range(dt.date(2024, 4, 3), dt.date(2024, 6, 12))] == [
        "3 april",
        "12 juni 2024",
    ]
    assert [t for _, t in date_range(dt.date(2024, 12, 3), dt.date(2025, 1, 12))] == [
        "3 december 2024",
        "12 januari 2025",
    ]
    assert date_range(dt.date(2024, 4, 3), dt.date(2024, 4, 3)) == [
        (dt.date(2024, 4, 3), "3 april 2024")
    ]


def test_webcal_url():
    assert (
        webcal_url("https://www.example.se", "kalender.ics")
        == "webcal://www.example.se/kalender.ics"
    )


# ---------------------------------------------------------------- display rules
# Decided here, not in templates, so the round and the next-round box agree.
@pytest.mark.parametrize(
    ("fields", "today", "shown"),
    [
        ({"registration_deadline": "2025-02-01"}, BEFORE, True),
        ({"registration_deadline": "2025-01-15"}, BEFORE, True),  # the last day itself
        ({"registration_deadline": "2025-02-01", "status": "few-places"}, BEFORE, True),
        ({"registration_deadline": "2025-02-01", "booked_percent": "60"}, BEFORE, True),
        ({"registration_deadline": "2025-01-14"}, BEFORE, False),  # closed
        ({"registration_deadline": "2025-02-01", "status": "full"}, BEFORE, False),
        ({"registration_deadline": "2025-02-01", "booked_percent": "100"}, BEFORE, False),
        ({"registration_deadline": "2025-02-01", "status": "cancelled"}, BEFORE, False),
        ({"registration_deadline": "2025-02-01"}, dt.date(2025, 3, 1), False),  # ongoing
        ({"registration_deadline": "2025-02-01"}, dt.date(2025, 6, 1), False),  # finished
        ({}, BEFORE, False),
    ],
)
def test_registration_deadline_is_shown_while_registration_is_open(fields, today, shown):
    now = dt.datetime.combine(today, dt.time(12), tzinfo=TZ)
    result = view(programme(rounds=[{"name": "V", "sessions": SPRING, **fields}]), now)
    assert result.rounds[0].shows_registration_deadline is shown


@pytest.mark.parametrize(
    ("now", "ongoing"), [(at(2025, 1, 1), False), (at(2025, 3, 1), True), (at(2025, 6, 1), False)]
)
def test_round_ongoing(now, ongoing):
    result = view(programme(rounds=[{"name": "V", "sessions": SPRING}]), now)
    assert result.rounds[0].ongoing is ongoing


def test_latest_past_round():
    assert view(programme(rounds=ROUNDS), at(2024, 8, 1)).latest_past_round is None
    assert view(programme(rounds=ROUNDS), at(2025, 10, 1)).latest_past_round.name == "Hösten 2025"


def test_a_teacher_who_is_a_contact_links_to_the_card():
    result = view(programme(teachers=["anna", "Bo Ek"]), at(2025, 1, 1), {"anna": "Anna A"})
    assert [(t.name, t.url) for t in result.teachers] == [
        ("Anna A", "kontakt/#anna"),
        ("Bo Ek", None),
    ]
