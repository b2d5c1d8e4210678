// Read /kalender.json the way a web page would (JSON.parse, then Date on each
// start and end) and print, as JSON, every session's start and end in the
// form read_ics.mjs prints: a UTC instant ("2027-03-30T07:00:00Z") for a
// timed session, the date ("2027-10-31") for an all-day one. An all-day
// session must run from local midnight to local midnight of the next date.
// Used by tests/test_reader_calendar.py; run as
//   node read_calendar_json.mjs kalender.json
import { readFileSync } from "node:fs";

const data = JSON.parse(readFileSync(process.argv[2], "utf8"));

function instant(text) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date and time: ${text}`);
  return date;
}

function utc(date) {
  return date.toISOString().replace(/\.000Z$/, "Z");
}

const sessions = {};
const problems = [];
for (const session of data.sessions) {
  const start = instant(session.start);
  const end = instant(session.end);
  if (!(end > start)) problems.push(`${session.id}: ends before it starts`);
  if (session.all_day) {
    // The written local date, and that both ends are local midnight.
    for (const text of [session.start, session.end]) {
      if (text.slice(11, 19) !== "00:00:00") problems.push(`${session.id}: ${text} is not midnight`);
    }
    sessions[session.id] = { start: session.start.slice(0, 10), end: session.end.slice(0, 10) };
  } else {
    sessions[session.id] = { start: utc(start), end: utc(end) };
  }
}
console.log(JSON.stringify({ node: process.versions.node, sessions, problems }));
