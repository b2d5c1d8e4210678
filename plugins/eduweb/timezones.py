"""Facts from the time zone database (zoneinfo): when a zone's UTC offset
changes, and which wall-clock times a change skips or repeats.

`icalendar_feed.vtimezone` writes a zone's changes as a VTIMEZONE; the
content model refuses session times that a change makes nonexistent or
ambiguous, so that a session is never moved without the writer knowing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import messages

DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)


@dataclass(frozen=True)
class Transition:
    """One change of a zone's UTC offset."""

    at: dt.datetime  # the first UTC moment with the new offset
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str  # the abbreviation from then on: CEST, CET, AEDT…

    @property
    def onset(self) -> dt.datetime:
        """The local wall-clock time of the change in the old offset (naive),
        which is how RFC 5545 section 3.6.5 dates an observance: Central
        European summer time begins at 02:00, winter time at 03:00."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def new_clock(self) -> dt.datetime:
        """What the clocks show right after the change (naive)."""
        return (self.at + self.offset_to).replace(tzinfo=None)


def transitions(tz: ZoneInfo, start: dt.datetime, stop: dt.datetime) -> list[Transition]:
    """Every change of `tz`'s UTC offset in [start, stop), in time order.

    Offsets are compared day by day and each change is then found to the
    second, so two changes within one day would be missed; no zone has those.
    """
    moment = start.astimezone(dt.UTC)
    stop = stop.astimezone(dt.UTC)
    offset = moment.astimezone(tz).utcoffset()
    found = []
    while moment < stop:
        following = min(moment + DAY, stop)
        new_offset = following.astimezone(tz).utcoffset()
        if new_offset != offset:
            at = _first_second_with(tz, new_offset, moment, following)
            local = at.astimezone(tz)
            found.append(Transition(at, offset, new_offset, local.tzname()))
            offset = new_offset
        moment = following
    return found


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


def wall_clock_problem(day: dt.date, time: dt.time, tz: ZoneInfo) -> str | None:
    """Why `time` on `day` is not exactly one moment in `tz`, or None if it is.

    A time in the hour the clocks skip in spring does not exist, and one in
    the hour they repeat in autumn happens twice. RFC 5545 (3.3.5) and
    zoneinfo would each quietly pick a moment (the offset before a gap, the
    first of two), so the page would say 02:30 and a calendar 03:30; the
    writer is asked to choose instead.
    """
    naive = dt.datetime.combine(day, time)
    # zoneinfo gives the offset before a change with fold=0, after it with fold=1.
    before = naive.replace(tzinfo=tz, fold=0).utcoffset()
    after = naive.replace(tzinfo=tz, fold=1).utcoffset()
    if before == after:
        return None
    # The change happens between these two UTC readings of the wall time.
    low = (naive - max(before, after)).replace(tzinfo=dt.UTC) - SECOND
    high = (naive - min(before, after)).replace(tzinfo=dt.UTC)
    at = _first_second_with(tz, after, low, high)
    change = Transition(at, before, after, "")
    old, new = f"{change.onset:%H:%M}", f"{change.new_clock:%H:%M}"
    values = {"time": f"{time:%H:%M}", "date": day.isoformat(), "zone": tz.key}
    if after > before:
        meant = (naive.replace(tzinfo=tz, fold=0).astimezone(dt.UTC) + after).time()
        return messages.text("time.skipped", old=old, new=new, meant=f"{meant:%H:%M}", **values)
    return messages.text("time.repeated", old=old, new=new, **values)
