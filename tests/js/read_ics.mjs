// Read an .ics file with two JavaScript iCalendar parsers and print, as JSON,
// every event's start and end as each parser understands them: a UTC instant
// ("2025-03-27T08:00:00Z") for a timed event, the date ("2025-05-20") for an
// all-day one. Used by tests/test_ics_parsers.py; run as
//   node read_ics.mjs calendar.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const text = readFileSync(process.argv[2], "utf8");

function utc(date) {
  return date.toISOString().replace(/\.000Z$/, "Z");
}

function pad(number) {
  return String(number).padStart(2, "0");
}

// ical.js (Thunderbird's parser). It takes a TZID's rules from the calendar's
// own VTIMEZONE; registering them as well covers older code paths that look
// zones up in the shared service instead.
function readIcalJs() {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const events = {};
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const when = (time) => (time.isDate ? time.toString() : utc(time.toJSDate()));
    events[event.uid] = { start: when(event.startDate), end: when(event.endDate) };
  }
  return events;
}

// node-ical: all-day dates come back as local midnight with dateOnly set.
function readNodeIcal() {
  const events = {};
  for (const item of Object.values(nodeIcal.sync.parseICS(text))) {
    if (item.type !== "VEVENT") continue;
    const when = (date) =>
      date.dateOnly
        ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
        : utc(date);
    events[item.uid] = { start: when(item.start), end: when(item.end) };
  }
  return events;
}

// Read from the installed files: ical.js does not export its package.json.
const version = (name) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url))).version;
console.log(
  JSON.stringify({
    node: process.versions.node,
    "ical.js": { version: version("ical.js"), events: readIcalJs() },
    "node-ical": { version: version("node-ical"), events: readNodeIcal() },
  }),
);
