"""The .ics files: RFC 5545 form, local times across daylight saving time,
escaping and folding, stable UIDs, read back with real calendar parsers."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from conftest import Site, epoch
from dateutil import tz as dateutil_tz
from eduweb.icalendar_feed import vtimezone
from eduweb.timezones import transitions
from icalendar import Calendar

TZ = ZoneInfo("Europe/Stockholm")
HOST = "digitaltledarskap.example.se"
BUILT_AT = epoch(2025, 3, 1, 12)
# Titles that put å, ä or ö on the 75-octet fold of the SUMMARY line:
# "SUMMARY:Ledarskap i förändring: " is 34 octets.
FOLD_TITLES = ["x" * 39 + "åäö" * 10, "x" * 40 + "åäö" * 10, "åäö" * 30]

HEAD = """\
---
title: Ledarskap i förändring
summary: "Rad ett; två, tre \\\\ fyra\\nRad fem"
location: Stockholm
tags: [Ledarskap, Digital mognad]
rounds:
"""
AUTUMN = """\
  - name: Hösten 2025
    status: cancelled
    sessions:
      - date: 2025-09-10
        start_time: 09:00
        end_time: 12:00
        title: Inställd träff
"""
SPRING = """\
  - name: Våren 2025
    sessions:
      - date: 2025-04-03
        start_time: 13:00
        end_time: 16:30
        title: Efter omställningen till sommartid
      - date: 2025-03-27
        start_time: 09:00
        end_time: 12:00
        title: Före omställningen till sommartid
        location: Digitalt
      - date: 2025-05-20
        title: Heldag i Umeå
        location: Umeå
      - date: 2025-06-10
        start_time: 10:00
        title: Bara en starttid
"""
TAIL = "---\n\nText om utbildningen.\n"


def folding_sessions() -> str:
    lines = []
    for day, title in enumerate(FOLD_TITLES, start=10):
        lines += [f"      - date: 2025-06-{day}", f"        title: {title}"]
    return "\n".join(lines) + "\n"


def programme_text(spring_first: bool = False) -> str:
    spring = SPRING + folding_sessions()
    rounds = spring + AUTUMN if spring_first else AUTUMN + spring
    return HEAD + rounds + TAIL


OTHER = """\
---
title: Annan utbildning
summary: En annan.
rounds:
  - name: Hösten 2024
    sessions:
      - date: 2024-10-01
        start_time: 09:00
        end_time: 10:00
        title: Tidigare träff
---
"""

DRAFT = """\
---
title: Utkast
summary: Inte klar.
status: draft
rounds:
  - name: Våren 2025
    sessions:
      - date: 2025-04-01
---
"""


def make_site(root) -> Site:
    site = Site(root)
    site.write("programmes/ledarskap.md", programme_text())
    site.write("programmes/annan.md", OTHER)
    site.write("programmes/utkast.md", DRAFT)
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("ics") / "site")
    result = site.build(at=BUILT_AT)
    assert result.returncode == 0, result.stderr
    return result


def ics_bytes(result, url: str) -> bytes:
    return (result.output / url).read_bytes()


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events_by_title(calendar: Calendar) -> dict:
    return {str(e["SUMMARY"]).split(": ", 1)[-1]: e for e in calendar.walk("VEVENT")}


def unfold(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "")


# ---------------------------------------------------------------- files and links
def test_files_are_written_and_linked(built):
    assert (built.output / "utbildningar/ledarskap/kalender.ics").is_file()
    assert (built.output / "kalender.ics").is_file()
    assert not (built.output / "utbildningar/utkast").exists()
    page = built.html("utbildningar/ledarskap/")
    download = page.find("a", href="/utbildningar/ledarskap/kalender.ics")
    assert download.get_text(" ", strip=True).startswith("Lägg till i kalender")
    subscribe = page.find("a", href=f"webcal://{HOST}/utbildningar/ledarskap/kalender.ics")
    assert subscribe is not None
    calendar_page = built.html("kalender/")
    assert (
        calendar_page.find("a", href="/kalender.ics")
        .get_text(strip=True)
        .startswith("Lägg till i kalender")
    )
    assert calendar_page.find("a", href=f"webcal://{HOST}/kalender.ics") is not None


# ---------------------------------------------------------------- RFC 5545 form
def test_crlf_line_endings_and_calendar_properties(built):
    data = ics_bytes(built, "utbildningar/ledarskap/kalender.ics")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    for expected in (
        "VERSION:2.0",
        "PRODID:-//Digitalt ledarskap//eduweb//SV",
        "CALSCALE:GREGORIAN",
        "X-WR-TIMEZONE:Europe/Stockholm",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
    ):
        assert expected in lines
    # METHOD:PUBLISH would need an ORGANIZER in every event (RFC 5546 3.2.1).
    assert not any(line.startswith(("METHOD", "ORGANIZER")) for line in lines)
    calendar = parse(data)
    assert str(calendar["X-WR-CALNAME"]) == "Ledarskap i förändring – Digitalt ledarskap"
    site_calendar = parse(ics_bytes(built, "kalender.ics"))
    assert str(site_calendar["X-WR-CALNAME"]) == "Digitalt ledarskap"


def test_every_event_has_uid_dtstamp_from_source_date_epoch_url_and_status(built):
    calendar = parse(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == 5 + len(FOLD_TITLES)
    for event in events:
        assert str(event["UID"]).endswith(f"@{HOST}")
        assert event["DTSTAMP"].dt == dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
        assert str(event["URL"]) == f"https://{HOST}/utbildningar/ledarskap/"
    by_title = events_by_title(calendar)
    assert str(by_title["Inställd träff"]["STATUS"]) == "CANCELLED"
    assert str(by_title["Heldag i Umeå"]["STATUS"]) == "CONFIRMED"
    assert str(by_title["Heldag i Umeå"]["LOCATION"]) == "Umeå"
    assert str(by_title["Efter omställningen till sommartid"]["LOCATION"]) == "Stockholm"
    assert str(by_title["Före omställningen till sommartid"]["SUMMARY"]) == (
        "Ledarskap i förändring: Före omställningen till sommartid"
    )
    assert "CATEGORIES:Ledarskap,Digital mognad" in unfold(
        ics_bytes(built, "utbildningar/ledarskap/kalender.ics")
    )


# ---------------------------------------------------------------- times
def test_local_times_on_both_sides_of_the_daylight_saving_change(built):
    calendar = parse(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    text = unfold(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    assert "DTSTART;TZID=Europe/Stockholm:20250327T090000" in text
    assert "DTSTART;TZID=Europe/Stockholm:20250403T130000" in text
    by_title = events_by_title(calendar)
    before = by_title["Före omställningen till sommartid"]
    after = by_title["Efter omställningen till sommartid"]
    assert before["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2025, 3, 27, 8, tzinfo=dt.UTC)
    assert before["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2025, 3, 27, 11, tzinfo=dt.UTC)
    assert after["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2025, 4, 3, 11, tzinfo=dt.UTC)
    assert after["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2025, 4, 3, 14, 30, tzinfo=dt.UTC)


def test_recurring_ical_events_shows_the_right_local_times(built):
    calendar = parse(ics_bytes(built, "kalender.ics"))
    found = recurring_ical_events.of(calendar).between(dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    starts = sorted(
        (e["DTSTART"].dt.astimezone(TZ).replace(tzinfo=None), str(e["SUMMARY"])) for e in found
    )
    assert starts == [
        (dt.datetime(2025, 3, 27, 9), "Ledarskap i förändring: Före omställningen till sommartid"),
        (dt.datetime(2025, 4, 3, 13), "Ledarskap i förändring: Efter omställningen till sommartid"),
    ]
    assert [e["DTSTART"].dt.utcoffset() for e in sorted(found, key=lambda e: e["DTSTART"].dt)] == [
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
    ]


def test_vtimezone_alone_gives_the_right_offsets(built):
    """A client that does not know Europe/Stockholm reads the VTIMEZONE."""
    data = ics_bytes(built, "kalender.ics").replace(b"Europe/Stockholm", b"Lokal tid")
    calendar = parse(data)
    [timezone] = calendar.walk("VTIMEZONE")
    tz = timezone.to_tz()
    for utc, offset in [
        ("2025-03-30T00:59", 1),
        ("2025-03-30T01:00", 2),
        ("2025-10-26T00:59", 2),
        ("2025-10-26T01:00", 1),
    ]:
        moment = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
        assert moment.astimezone(tz).utcoffset() == dt.timedelta(hours=offset), utc
    after = events_by_title(calendar)["Efter omställningen till sommartid"]
    assert after["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2025, 4, 3, 11, tzinfo=dt.UTC)


def test_all_day_session_is_a_date_with_exclusive_end(built):
    text = unfold(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    assert "DTSTART;VALUE=DATE:20250520\r\nDTEND;VALUE=DATE:20250521\r\n" in text
    event = events_by_title(parse(ics_bytes(built, "kalender.ics")))["Heldag i Umeå"]
    assert event["DTSTART"].dt == dt.date(2025, 5, 20)
    assert event["DTEND"].dt == dt.date(2025, 5, 21)
    found = recurring_ical_events.of(parse(ics_bytes(built, "kalender.ics"))).at(
        dt.date(2025, 5, 20)
    )
    assert [str(e["SUMMARY"]) for e in found] == ["Ledarskap i förändring: Heldag i Umeå"]


def test_session_without_end_time_lasts_an_hour(built):
    event = events_by_title(parse(ics_bytes(built, "kalender.ics")))["Bara en starttid"]
    assert event["DTSTART"].dt == dt.datetime(2025, 6, 10, 10, tzinfo=TZ)
    assert event["DTEND"].dt == dt.datetime(2025, 6, 10, 11, tzinfo=TZ)


# ---------------------------------------------------------------- text
def test_text_is_escaped(built):
    text = unfold(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    assert "Rad ett\\; två\\, tre \\\\ fyra\\nRad fem" in text
    event = events_by_title(parse(ics_bytes(built, "kalender.ics")))["Heldag i Umeå"]
    assert "Rad ett; två, tre \\ fyra\nRad fem" in str(event["DESCRIPTION"])
    assert str(event["DESCRIPTION"]).startswith("Omgång: Våren 2025\n")


def test_lines_fold_at_75_octets_without_splitting_a_character(built):
    for url in ("utbildningar/ledarskap/kalender.ics", "kalender.ics"):
        data = ics_bytes(built, url)
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, line
            line.decode("utf-8")  # a split character would not decode
    data = ics_bytes(built, "utbildningar/ledarskap/kalender.ics")
    # The title with 40 x's has "å" at octets 75-76 of its line: it moves whole.
    line = next(li for li in data.split(b"\r\n") if li.startswith(b"SUMMARY:") and b"x" * 40 in li)
    assert len(line) == 74
    assert f"\r\n {FOLD_TITLES[1][40:]}".encode()[:10] in data
    titles = {str(e["SUMMARY"]).split(": ", 1)[1] for e in parse(data).walk("VEVENT")}
    assert set(FOLD_TITLES) <= titles


# ---------------------------------------------------------------- identity
def uids(data: bytes) -> dict[str, str]:
    return {str(e["UID"]): str(e["SUMMARY"]) for e in parse(data).walk("VEVENT")}


def test_uids_are_unique_and_the_same_in_both_files(built):
    programme_uids = uids(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    site_uids = uids(ics_bytes(built, "kalender.ics"))
    assert len(programme_uids) == 5 + len(FOLD_TITLES)
    assert programme_uids.items() <= site_uids.items()
    other = uids(ics_bytes(built, "utbildningar/annan/kalender.ics"))
    assert site_uids.keys() == programme_uids.keys() | other.keys()
    assert f"ledarskap-varen-2025-20250327T0900@{HOST}" in programme_uids


def test_site_feed_keeps_past_sessions_and_leaves_out_drafts(built):
    summaries = [str(e["SUMMARY"]) for e in parse(ics_bytes(built, "kalender.ics")).walk("VEVENT")]
    assert "Annan utbildning: Tidigare träff" in summaries  # before the build moment
    assert not any(s.startswith("Utkast") for s in summaries)
    starts = [e["DTSTART"].dt for e in parse(ics_bytes(built, "kalender.ics")).walk("VEVENT")]
    as_dates = [s.date() if isinstance(s, dt.datetime) else s for s in starts]
    assert as_dates == sorted(as_dates)


def test_two_builds_give_byte_identical_files(built, tmp_path):
    again = make_site(tmp_path / "again").build(at=BUILT_AT)
    assert again.returncode == 0, again.stderr
    for url in ("kalender.ics", "utbildningar/ledarskap/kalender.ics"):
        assert ics_bytes(again, url) == ics_bytes(built, url)


def test_uids_survive_a_later_build_and_edits_to_titles_places_and_order(built, tmp_path):
    site = make_site(tmp_path / "edited")
    edited = programme_text(spring_first=True)
    edited = edited.replace("title: Före omställningen", "title: Ändrad titel före omställningen")
    edited = edited.replace("location: Digitalt", "location: Malmö")
    site.write("programmes/ledarskap.md", edited)
    later = site.build(at=epoch(2025, 11, 1, 12))
    assert later.returncode == 0, later.stderr
    before = uids(ics_bytes(built, "utbildningar/ledarskap/kalender.ics"))
    after = uids(ics_bytes(later, "utbildningar/ledarskap/kalender.ics"))
    assert before.keys() == after.keys()
    assert after[f"ledarskap-varen-2025-20250327T0900@{HOST}"] == (
        "Ledarskap i förändring: Ändrad titel före omställningen till sommartid"
    )


# ---------------------------------------------------------------- unit: VTIMEZONE
def test_vtimezone_is_one_yearly_rule_per_change_as_outlook_writes_it():
    text = vtimezone(TZ, dt.date(2025, 1, 1), dt.date(2029, 1, 1)).to_ical().decode()
    assert text == "\r\n".join(
        [
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Stockholm",
            # The year before the first covers January (RFC 5545 3.6.5: each
            # DTSTART is the local time of the change in the offset before it).
            "BEGIN:DAYLIGHT",
            "DTSTART:20240331T020000",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "TZNAME:CEST",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:20241027T030000",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "TZNAME:CET",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "END:VTIMEZONE",
            "",
        ]
    )
    # The same for one year of sessions: the rule does not depend on the span.
    one_year = vtimezone(TZ, dt.date(2025, 1, 1), dt.date(2026, 1, 1)).to_ical().decode()
    assert one_year == text


def rules(timezone) -> list[tuple]:
    """(kind, DTSTART, RRULE text or None, from, to, name) per observance."""
    found = []
    for c in timezone.subcomponents:
        rule = c["RRULE"].to_ical().decode() if "RRULE" in c else None
        hours = (c["TZOFFSETFROM"].td / HOUR, c["TZOFFSETTO"].td / HOUR)
        found.append((c.name, c["DTSTART"].dt, rule, *hours, str(c["TZNAME"])))
    return found


HOUR = dt.timedelta(hours=1)


def test_vtimezone_rules_for_other_zones():
    at = dt.datetime
    # A rule change (the US moved its dates in 2007): the old rules end with
    # UNTIL in UTC, the new ones stay open.
    new_york = vtimezone(ZoneInfo("America/New_York"), dt.date(2005, 1, 1), dt.date(2010, 1, 1))
    assert rules(new_york) == [
        ("DAYLIGHT", at(2004, 4, 4, 2), "FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4",
         -5, -4, "EDT"),
        ("STANDARD", at(2004, 10, 31, 2),
         "FREQ=YEARLY;UNTIL=20061029T060000Z;BYDAY=-1SU;BYMONTH=10", -4, -5, "EST"),
        ("DAYLIGHT", at(2007, 3, 11, 2), "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", -5, -4, "EDT"),
        ("STANDARD", at(2007, 11, 4, 2), "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", -4, -5, "EST"),
    ]  # fmt: skip
    # Southern hemisphere: summer time begins in October and ends in April.
    sydney = vtimezone(ZoneInfo("Australia/Sydney"), dt.date(2025, 1, 1), dt.date(2027, 1, 1))
    assert rules(sydney) == [
        ("STANDARD", at(2024, 4, 7, 3), "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4", 11, 10, "AEST"),
        ("DAYLIGHT", at(2024, 10, 6, 2), "FREQ=YEARLY;BYDAY=1SU;BYMONTH=10", 10, 11, "AEDT"),
    ]
    # No summer time: one observance with the zone's one offset.
    tokyo = vtimezone(ZoneInfo("Asia/Tokyo"), dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert rules(tokyo) == [("STANDARD", at(2025, 1, 1), None, 9, 9, "JST")]
    # Changes that follow no yearly rule (Morocco's around Ramadan): one
    # observance per change, each a DTSTART alone.
    casablanca = vtimezone(ZoneInfo("Africa/Casablanca"), dt.date(2019, 1, 1), dt.date(2021, 1, 1))
    assert [r[2] for r in rules(casablanca)] == [None] * len(casablanca.subcomponents)
    assert len(casablanca.subcomponents) == 7


ZONE_SPANS = [
    ("Europe/Stockholm", 2025, 2028),
    ("America/New_York", 2005, 2009),
    ("Australia/Sydney", 2025, 2027),
    ("Australia/Lord_Howe", 2025, 2026),
    ("America/Sao_Paulo", 2017, 2021),
    ("Africa/Casablanca", 2018, 2021),
    ("Asia/Tokyo", 2025, 2026),
]


@pytest.mark.parametrize(("zone", "first", "last"), ZONE_SPANS)
def test_vtimezone_read_alone_gives_zoneinfo_offsets(zone, first, last):
    """icalendar's and dateutil's VTIMEZONE readers (dateutil is what vobject
    uses) agree with zoneinfo around every change and in mid-month."""
    tz = ZoneInfo(zone)
    timezone = vtimezone(tz, dt.date(first, 1, 1), dt.date(last + 1, 1, 1))
    data = timezone.to_ical().decode()
    assert "RDATE" not in data
    readers = {
        "icalendar": timezone.to_tz(),
        "dateutil": dateutil_tz.tzical(io.StringIO(data)).get(),
    }
    start = dt.datetime(first, 1, 1, tzinfo=tz)
    stop = dt.datetime(last + 1, 1, 1, tzinfo=tz)
    moments = [dt.datetime(y, m, 15, 12, tzinfo=dt.UTC) for y in range(first, last + 1)
               for m in range(1, 13)]  # fmt: skip
    for change in transitions(tz, start, stop):
        moments += [change.at - dt.timedelta(seconds=1), change.at]
    for name, reader in readers.items():
        wrong = [
            moment
            for moment in moments
            if moment.astimezone(reader).utcoffset() != moment.astimezone(tz).utcoffset()
        ]
        assert wrong == [], name


def test_vtimezone_is_the_same_bytes_every_time():
    made = {vtimezone(TZ, dt.date(2025, 1, 1), dt.date(2027, 1, 1)).to_ical() for _ in range(3)}
    assert len(made) == 1


def test_a_site_without_sessions_still_has_a_valid_calendar(site):
    site.write(
        "programmes/ny.md",
        """\
        ---
        title: Ny utbildning
        summary: Datum kommer.
        ---
        """,
    )
    result = site.build(at=BUILT_AT)
    assert result.returncode == 0, result.stderr
    for url in ("kalender.ics", "utbildningar/ny/kalender.ics"):
        calendar = parse(ics_bytes(result, url))
        assert calendar.walk("VEVENT") == []
        # RFC 5545 wants at least one component: the time zone is there.
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    page = result.html("utbildningar/ny/")
    assert page.find("a", href="/utbildningar/ny/kalender.ics") is None
    assert page.select_one(".next-round__text").get_text() == "Ingen ny omgång är planerad just nu."
