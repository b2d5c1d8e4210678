"""Session times on the nights the clocks change: a time the clocks skip or
repeat is a content error with its line and field (validated in-process with
scan()); a session without an end lasts one hour of real time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import Site
from eduweb.content_index import scan
from eduweb.programmes import session_span
from eduweb.timezones import wall_clock_problem

STOCKHOLM = ZoneInfo("Europe/Stockholm")

PROGRAMME = """\
---
title: Nattpass
summary: Träffar på natten.
rounds:
  - name: Våren 2025
    sessions:
      - date: 2025-03-29
        start_time: 02:30
        end_time: 03:30
      - date: 2025-03-30
        start_time: 01:00
        end_time: 01:59
      - date: 2025-03-30
        start_time: 02:30
        end_time: 04:00
      - date: 2025-10-26
        start_time: 01:00
        end_time: 02:30
      - date: 2025-10-26
        start_time: 02:00
        end_time: 02:59
      - date: 2025-10-26
        start_time: 03:00
        end_time: 04:00
      - date: 2025-03-30
        start_time: 03:00
      - date: 2025-03-30
---
Text.
"""


def scan_errors(site: Site, tz: ZoneInfo) -> list[str]:
    index = scan({"PATH": str(site.root / "content"), "_eduweb_tz": tz})
    return [str(error) for error in index.errors]


def test_times_the_clocks_skip_or_repeat_are_errors_with_line_and_field(site):
    site.write("programmes/nattpass.md", PROGRAMME)
    path = "content/programmes/nattpass.md"
    gap = "02:30 on 2025-03-30 does not exist in Europe/Stockholm"
    twice = "on 2025-10-26 happens twice in Europe/Stockholm"
    assert scan_errors(site, STOCKHOLM) == [
        f"{path}:14: rounds[0].sessions[2].start_time: {gap} (the clocks go forward "
        "from 02:00 to 03:00); write a time before 02:00 or from 03:00, e.g. 03:30",
        f"{path}:18: rounds[0].sessions[3].end_time: 02:30 {twice} (the clocks go back "
        "from 03:00 to 02:00); write a time before 02:00 or from 03:00",
        f"{path}:20: rounds[0].sessions[4].start_time: 02:00 {twice} (the clocks go back "
        "from 03:00 to 02:00); write a time before 02:00 or from 03:00",
        f"{path}:21: rounds[0].sessions[4].end_time: 02:59 {twice} (the clocks go back "
        "from 03:00 to 02:00); write a time before 02:00 or from 03:00",
    ]


def test_the_hours_come_from_the_site_time_zone(site):
    site.write("programmes/nattpass.md", PROGRAMME)
    # In Sydney those dates are ordinary nights; its changes are in April and October.
    assert scan_errors(site, ZoneInfo("Australia/Sydney")) == []
    site.write(
        "programmes/nattpass.md",
        PROGRAMME.replace(
            "2025-03-30\n        start_time: 02:30", "2025-10-05\n        start_time: 02:30"
        ),
    )
    [error] = scan_errors(site, ZoneInfo("Australia/Sydney"))
    assert error.endswith(
        "rounds[0].sessions[2].start_time: 02:30 on 2025-10-05 does not exist in "
        "Australia/Sydney (the clocks go forward from 02:00 to 03:00); write a time "
        "before 02:00 or from 03:00, e.g. 03:30"
    )


@pytest.mark.parametrize(
    ("zone", "day", "time", "expected"),
    [
        ("Europe/Stockholm", "2025-03-30", "01:59", None),
        ("Europe/Stockholm", "2025-03-30", "03:00", None),
        ("Europe/Stockholm", "2025-10-26", "01:59", None),
        ("Europe/Stockholm", "2025-10-26", "03:00", None),
        ("Asia/Tokyo", "2025-03-30", "02:30", None),
        (
            "America/New_York",
            "2025-11-02",
            "01:30",
            "01:30 on 2025-11-02 happens twice in America/New_York (the clocks go back "
            "from 02:00 to 01:00); write a time before 01:00 or from 02:00",
        ),
        (
            # Half an hour of summer time.
            "Australia/Lord_Howe",
            "2025-10-05",
            "02:15",
            "02:15 on 2025-10-05 does not exist in Australia/Lord_Howe (the clocks go "
            "forward from 02:00 to 02:30); write a time before 02:00 or from 02:30, e.g. 02:45",
        ),
    ],
)
def test_wall_clock_problem_in_other_zones(zone, day, time, expected):
    found = wall_clock_problem(
        dt.date.fromisoformat(day), dt.time.fromisoformat(time), ZoneInfo(zone)
    )
    assert found == expected


@pytest.mark.parametrize(
    ("day", "start", "end_utc", "end_local"),
    [
        # 01:30 CET + 1 h is 03:30 CEST, not the nonexistent 02:30 (which an
        # .ics file would carry and a VTIMEZONE reader take as 01:30 CET).
        ("2025-03-30", "01:30", dt.datetime(2025, 3, 30, 1, 30, tzinfo=dt.UTC), "03:30"),
        # 01:30 CEST + 1 h is the first 02:30 (CEST), before the clocks go back.
        ("2025-10-26", "01:30", dt.datetime(2025, 10, 26, 0, 30, tzinfo=dt.UTC), "02:30"),
        ("2025-06-10", "10:00", dt.datetime(2025, 6, 10, 9, 0, tzinfo=dt.UTC), "11:00"),
    ],
)
def test_a_session_without_end_lasts_one_real_hour(day, start, end_utc, end_local):
    class Written:
        date = dt.date.fromisoformat(day)
        start_time = dt.time.fromisoformat(start)
        end_time = None

    begins, ends = session_span(Written, STOCKHOLM)
    assert ends.astimezone(dt.UTC) == end_utc
    assert f"{ends:%H:%M}" == end_local  # the wall-clock time written to the .ics file
    assert (ends.astimezone(dt.UTC) - begins.astimezone(dt.UTC)) == dt.timedelta(hours=1)
