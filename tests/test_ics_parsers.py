"""Every session's start and end, read from the .ics file by independent
calendar parsers, against the time written in the source file.

The programme below has sessions over four years: winter and summer, all-day
ones, and sessions on and right after the days the clocks change. Its .ics
file is made in-process (scan, build_programme, calendar_ics) and read by
- ical.js, the parser of Thunderbird (JavaScript, tests/js/read_ics.mjs),
- node-ical (JavaScript, its own parser),
- vobject (Python; time zones through dateutil's VTIMEZONE reader),
- icalendar (Python, the library that writes the file: a fourth opinion).
Each answer is compared with the source date and time in the site's zone,
converted to UTC with zoneinfo. The parsers that read a VTIMEZONE also read
a copy whose TZID is renamed to a name no database knows, so that the
VTIMEZONE alone decides. The same runs for other site zones (New York,
Sydney, Lord Howe's half-hour change, Tokyo without summer time).

Node.js and tests/js/node_modules are set up by `invoke test`; without them
the JavaScript parsers are skipped locally and fail the run under CI=true.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import vobject
from conftest import JS, Site, node_json
from eduweb.content_index import scan
from eduweb.icalendar_feed import calendar_ics
from eduweb.programmes import build_programme, calendar_entries, session_uid
from eduweb.timezones import transitions
from icalendar import Calendar

TZ = ZoneInfo("Europe/Stockholm")
HOST = "digitaltledarskap.example.se"
SLUG = "tidszoner"
BUILT_AT = dt.datetime(2025, 1, 2, 12, tzinfo=dt.UTC)
YEARS = range(2025, 2029)


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def sessions_of(year: int) -> list[tuple[str, str | None, str | None]]:
    """(date, start_time, end_time) as written in the source; None: not given."""
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    day = dt.timedelta(days=1)
    sessions = [
        (dt.date(year, 1, 14), "09:00", "12:00"),  # winter
        (spring - day, "10:00", "15:00"),  # the Saturday before
        (spring, "00:30", "01:45"),  # the change day, before the change
        (spring, "01:30", None),  # an hour that runs over the change
        (spring, "03:00", "05:00"),  # right after the change
        (spring, None, None),  # all day on the change day
        (spring + day, "09:00", "16:00"),  # the Monday after
        (dt.date(year, 6, 17), "13:00", "16:30"),  # summer
        (dt.date(year, 7, 1), None, None),  # all day in summer
        (autumn - day, "09:00", "12:00"),  # the Saturday before
        (autumn, "00:15", "01:50"),  # the change day, before the change
        (autumn, "03:00", "04:00"),  # right after the change
        (autumn, None, None),  # all day on the change day
        (autumn + day, "09:00", "12:00"),  # the Monday after
        (dt.date(year, 12, 2), "18:00", "20:00"),  # winter
    ]
    return [(d.isoformat(), start, end) for d, start, end in sessions]


Plan = dict[int, list[tuple[str, str | None, str | None]]]  # year -> sessions


def stockholm_plan() -> Plan:
    return {year: sessions_of(year) for year in YEARS}


def plan_around_changes(tz: ZoneInfo, years: range) -> Plan:
    """For any zone: sessions the day before, on and after each change (at
    times no change touches), mid-month ones and all-day ones on change days."""
    start = dt.datetime(years[0], 1, 1, tzinfo=tz)
    stop = dt.datetime(years[-1] + 1, 1, 1, tzinfo=tz)
    days = {c.onset.date() for c in transitions(tz, start, stop)}
    plan: Plan = {year: [] for year in years}
    for year in years:
        plan[year] += [(dt.date(year, m, 15).isoformat(), "10:00", "11:00") for m in range(1, 13)]
    for day in sorted(days):
        plan[day.year] += [
            ((day - dt.timedelta(days=1)).isoformat(), "12:00", "13:00"),
            (day.isoformat(), "12:00", "13:30"),
            (day.isoformat(), None, None),
            ((day + dt.timedelta(days=1)).isoformat(), "09:00", None),
        ]
    return plan


def source_text(plan: Plan) -> str:
    lines = ["---", "title: Tider runt omställningarna", "summary: Många år.", "rounds:"]
    for year, sessions in plan.items():
        lines += [f"  - name: År {year}", "    sessions:"]
        for date, start, end in sessions:
            lines.append(f"      - date: {date}")
            lines += [f"        start_time: {start}"] if start else []
            lines += [f"        end_time: {end}"] if end else []
    return "\n".join([*lines, "---", "", "Text.", ""])


def expected(plan: Plan, tz: ZoneInfo) -> dict[str, dict[str, str]]:
    """UID -> start and end, from the source alone: UTC instants, or dates."""
    found = {}
    for year, sessions in plan.items():
        for date, start, end in sessions:
            day = dt.date.fromisoformat(date)
            written = SimpleNamespace(date=day, start_time=start and dt.time.fromisoformat(start))
            uid = f"{session_uid(SLUG, f'År {year}', written)}@{HOST}"
            if start is None:
                found[uid] = {"start": date, "end": (day + dt.timedelta(days=1)).isoformat()}
                continue
            begins = dt.datetime.combine(day, dt.time.fromisoformat(start), tzinfo=tz)
            if end is None:  # one hour of real time
                ends = begins.astimezone(dt.UTC) + dt.timedelta(hours=1)
            else:
                ends = dt.datetime.combine(day, dt.time.fromisoformat(end), tzinfo=tz)
            found[uid] = {"start": utc_text(begins), "end": utc_text(ends)}
    return found


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_text(value: dt.date | dt.datetime) -> str:
    return utc_text(value) if isinstance(value, dt.datetime) else value.isoformat()


def write_ics(folder: Path, tz: ZoneInfo, plan: Plan) -> dict[str, Path]:
    """The programme's .ics file made in-process, and the same with the TZID
    renamed; each with the times its source says, for mismatches()."""
    site = Site(folder / "site")
    site.write(f"programmes/{SLUG}.md", source_text(plan))
    index = scan({"PATH": str(site.root / "content"), "_eduweb_tz": tz})
    assert index.errors == []
    programme = build_programme(index.programmes[SLUG].meta, SLUG, BUILT_AT, tz, {})
    data = calendar_ics(
        name="Tider",
        description="Tider",
        entries=calendar_entries([programme]),
        now=BUILT_AT,
        tz=tz,
        public_url=f"https://{HOST}",
        source_url=f"https://{HOST}/kalender.ics",
        prodid="-//Test//eduweb//SV",
    )
    files = {"named": folder / "named.ics", "renamed": folder / "renamed.ics"}
    files["named"].write_bytes(data)
    # A name of its own per zone: vobject and icalendar keep zones read by TZID.
    renamed = f"Lokal tid {hashlib.sha256(tz.key.encode()).hexdigest()[:8]}"
    files["renamed"].write_bytes(data.replace(tz.key.encode(), renamed.encode()))
    (folder / "expected.json").write_text(json.dumps(expected(plan, tz)))
    return files


@pytest.fixture(scope="module")
def ics_files(tmp_path_factory) -> dict[str, Path]:
    return write_ics(tmp_path_factory.mktemp("parsers"), TZ, stockholm_plan())


def test_the_fixture_covers_what_it_claims():
    sessions = expected(stockholm_plan(), TZ)
    assert len(sessions) == 15 * len(YEARS)
    assert sum(len(v["start"]) == 10 for v in sessions.values()) == 3 * len(YEARS)


def mismatches(read: dict[str, dict[str, str]], path: Path) -> list[str]:
    """A line per session whose start or end differs from the source of the
    .ics file at `path`."""
    want = json.loads((path.parent / "expected.json").read_text())
    wrong = [f"{uid}: missing" for uid in want.keys() - read.keys()]
    for uid in sorted(want.keys() & read.keys()):
        if read[uid] != want[uid]:
            wrong.append(f"{uid}: read {read[uid]}, source says {want[uid]}")
    return wrong


# ---------------------------------------------------------------- JavaScript
def js_parsers(path: Path) -> dict:
    """What tests/js/read_ics.mjs prints for `path` (both JavaScript parsers)."""
    return node_json(str(JS / "read_ics.mjs"), str(path))


def read_vobject(path: Path) -> dict:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {
        event.uid.value: {"start": as_text(event.dtstart.value), "end": as_text(event.dtend.value)}
        for event in calendar.vevent_list
    }


def read_icalendar(path: Path) -> dict:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(event["UID"]): {
            "start": as_text(event["DTSTART"].dt),
            "end": as_text(event["DTEND"].dt),
        }
        for event in calendar.walk("VEVENT")
    }


@pytest.mark.parametrize("variant", ["named", "renamed"])
def test_ical_js_reads_every_session_at_its_source_time(ics_files, variant):
    read = js_parsers(ics_files[variant])["ical.js"]
    assert read["version"] == "2.2.1"
    assert mismatches(read["events"], ics_files[variant]) == []


def test_node_ical_reads_every_session_at_its_source_time(ics_files):
    # node-ical takes a TZID as a time zone database name and does not read
    # the VTIMEZONE (an unknown TZID is taken as UTC), so only the named copy.
    read = js_parsers(ics_files["named"])["node-ical"]
    assert read["version"] == "0.25.6"
    assert mismatches(read["events"], ics_files["named"]) == []


@pytest.mark.parametrize("variant", ["named", "renamed"])
def test_vobject_reads_every_session_at_its_source_time(ics_files, variant):
    assert mismatches(read_vobject(ics_files[variant]), ics_files[variant]) == []


@pytest.mark.parametrize("variant", ["named", "renamed"])
def test_icalendar_reads_every_session_at_its_source_time(ics_files, variant):
    assert mismatches(read_icalendar(ics_files[variant]), ics_files[variant]) == []


@pytest.mark.parametrize(
    "zone", ["America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Tokyo"]
)
def test_other_site_time_zones_read_the_same_in_every_parser(tmp_path, zone):
    tz = ZoneInfo(zone)
    files = write_ics(tmp_path, tz, plan_around_changes(tz, range(2025, 2028)))
    named, renamed = js_parsers(files["named"]), js_parsers(files["renamed"])
    found = {
        "ical.js": mismatches(named["ical.js"]["events"], files["named"]),
        "ical.js, VTIMEZONE alone": mismatches(renamed["ical.js"]["events"], files["renamed"]),
        "node-ical": mismatches(named["node-ical"]["events"], files["named"]),
        "vobject, VTIMEZONE alone": mismatches(read_vobject(files["renamed"]), files["renamed"]),
        "icalendar, VTIMEZONE alone": mismatches(
            read_icalendar(files["renamed"]), files["renamed"]
        ),
    }
    assert found == {name: [] for name in found}
