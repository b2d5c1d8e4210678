"""Issue 11, items 8 and 9: the calendar for readers and the home page.

- per session, "add to Google Calendar" and "add to Outlook" links whose
  times are the right UTC instants on both sides of the changes to and from
  summer time (checked against the .ics the same sessions give);
- /kalender/ per programme and per month as static pages;
- /kalender.json, valid against docs/kalender.schema.json (jsonschema) and
  read by JavaScript (JSON.parse + Date) at the instants ical.js reads from
  the .ics;
- the home page's next sessions, coming programmes and latest news;
- a news article's NewsArticle JSON-LD, canonical address and Open Graph
  tags, read back with json and BeautifulSoup (not the writer's code).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import JS, PNG, ROOT, Site, article, epoch, node_json
from eduweb.content_index import scan
from eduweb.icalendar_feed import calendar_ics
from eduweb.programmes import build_programme, calendar_entries
from eduweb.reader_calendar import (
    GOOGLE_CALENDAR,
    OUTLOOK_CALENDAR,
    attach_add_links,
    calendar_json,
)
from icalendar import Calendar

TZ = ZoneInfo("Europe/Stockholm")
PUBLIC = "https://digitaltledarskap.example.se"
HOST = "digitaltledarskap.example.se"
SCHEMA = json.loads((ROOT / "docs" / "kalender.schema.json").read_text(encoding="utf-8"))
BUILT_AT = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)

# In 2027 summer time starts on 28 March and ends on 31 October.
PROGRAMME = """\
---
title: Tid & plats
summary: Träffar runt omställningarna.
location: Umeå
rounds:
  - name: Våren 2027
    sessions:
      - date: 2027-03-26
        start_time: "09:00"
        end_time: "12:00"
        title: Före omställningen
      - date: 2027-03-30
        start_time: "09:00"
        end_time: "12:00"
        title: Efter omställningen
        location: Storgatan 1, Umeå
  - name: Hösten 2027
    sessions:
      - date: 2027-10-12
        start_time: "13:00"
      - date: 2027-10-31
      - date: 2027-11-02
        start_time: "09:00"
        end_time: "10:30"
---

Text.
"""
# Written local time -> UTC, worked out by hand from the offsets (+01/+02).
EXPECTED_GOOGLE = [
    "20270326T080000Z/20270326T110000Z",  # winter, +01:00
    "20270330T070000Z/20270330T100000Z",  # after the March change, +02:00
    "20271012T110000Z/20271012T120000Z",  # October before the change; one hour
    "20271031/20271101",  # all day on the day the clocks go back
    "20271102T080000Z/20271102T093000Z",  # after the October change, +01:00
]


def programme_entries(tmp_path: Path, source: str = PROGRAMME, slug: str = "tid"):
    site = Site(tmp_path / "site")
    site.write(f"programmes/{slug}.md", source)
    index = scan({"PATH": str(site.root / "content"), "_eduweb_tz": TZ})
    assert index.errors == []
    programme = build_programme(index.programmes[slug].meta, slug, BUILT_AT, TZ, {})
    entries = calendar_entries([programme])
    attach_add_links(entries, PUBLIC, TZ.key)
    return programme, entries


def query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    values = parse_qs(parts.query, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), url
    return {key: value[0] for key, value in values.items()}


def ics_instants(entries) -> dict[str, tuple[str, str]]:
    """UID -> start and end as icalendar reads them from the .ics."""
    data = calendar_ics(
        name="T",
        description="T",
        entries=entries,
        now=BUILT_AT,
        tz=TZ,
        public_url=PUBLIC,
        source_url=f"{PUBLIC}/kalender.ics",
        prodid="-//T//eduweb//SV",
    )
    found = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, dt.datetime):
            found[str(event["UID"])] = (
                start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
                end.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
            )
        else:
            found[str(event["UID"])] = (f"{start:%Y%m%d}", f"{end:%Y%m%d}")
    return found


# ---------------------------------------------------------------- add-to links
def test_google_links_give_utc_instants_across_the_changes(tmp_path):
    _, entries = programme_entries(tmp_path)
    links = [query(e.session.add_links.google) for e in entries]
    assert [q["dates"] for q in links] == EXPECTED_GOOGLE
    assert all(e.session.add_links.google.startswith(GOOGLE_CALENDAR + "?") for e in entries)
    assert {q["action"] for q in links} == {"TEMPLATE"}
    assert {q["ctz"] for q in links} == {"Europe/Stockholm"}
    assert links[0]["text"] == "Tid & plats: Före omställningen"
    assert links[2]["text"] == "Tid & plats"
    assert links[1]["location"] == "Storgatan 1, Umeå"
    assert links[0]["location"] == "Umeå"  # the programme's
    assert f"{PUBLIC}/utbildningar/tid/" in links[0]["details"]
    assert "Omgång: Våren 2027" in links[0]["details"]
    # The same instants as the .ics files give the same sessions.
    ics = ics_instants(entries)
    assert [tuple(q["dates"].split("/")) for q in links] == [
        ics[f"{e.session.uid}@{HOST}"] for e in entries
    ]


def test_outlook_links_give_utc_instants_and_all_day(tmp_path):
    _, entries = programme_entries(tmp_path)
    links = [query(e.session.add_links.outlook) for e in entries]
    assert all(e.session.add_links.outlook.startswith(OUTLOOK_CALENDAR + "?") for e in entries)
    assert [(q["startdt"], q["enddt"], q["allday"]) for q in links] == [
        ("2027-03-26T08:00:00Z", "2027-03-26T11:00:00Z", "false"),
        ("2027-03-30T07:00:00Z", "2027-03-30T10:00:00Z", "false"),
        ("2027-10-12T11:00:00Z", "2027-10-12T12:00:00Z", "false"),
        ("2027-10-31", "2027-11-01", "true"),
        ("2027-11-02T08:00:00Z", "2027-11-02T09:30:00Z", "false"),
    ]
    assert {(q["path"], q["rru"]) for q in links} == {("/calendar/action/compose", "addevent")}
    assert links[1]["subject"] == "Tid & plats: Efter omställningen"
    assert links[1]["location"] == "Storgatan 1, Umeå"
    assert f"{PUBLIC}/utbildningar/tid/" in links[1]["body"]


def test_links_name_their_session(tmp_path):
    _, entries = programme_entries(tmp_path)
    assert [e.session.add_links.label for e in entries] == [
        "träff 1, 26 mars 2027",
        "träff 2, 30 mars 2027",
        "träff 1, 12 oktober 2027",
        "träff 2, 31 oktober 2027",
        "träff 3, 2 november 2027",
    ]


# ---------------------------------------------------------------- /kalender.json
def validate(document: dict) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    # The format check of date-time needs rfc3339-validator; without it a
    # broken date would pass silently.
    assert "date-time" in jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers


def test_calendar_json_is_valid_and_deterministic(tmp_path):
    _, entries = programme_entries(tmp_path)
    text = calendar_json(entries, name="Sajt", public_url=PUBLIC, tz_name=TZ.key, now=BUILT_AT)
    again = calendar_json(
        list(reversed(entries)), name="Sajt", public_url=PUBLIC, tz_name=TZ.key, now=BUILT_AT
    )
    assert text == again
    document = json.loads(text)
    assert validate(document) == []
    sessions = document["sessions"]
    assert [(s["start"], s["end"], s["all_day"]) for s in sessions] == [
        ("2027-03-26T09:00:00+01:00", "2027-03-26T12:00:00+01:00", False),
        ("2027-03-30T09:00:00+02:00", "2027-03-30T12:00:00+02:00", False),
        ("2027-10-12T13:00:00+02:00", "2027-10-12T14:00:00+02:00", False),
        ("2027-10-31T00:00:00+02:00", "2027-11-01T00:00:00+01:00", True),
        ("2027-11-02T09:00:00+01:00", "2027-11-02T10:30:00+01:00", False),
    ]
    first = sessions[0]
    assert first["programme"] == {
        "slug": "tid",
        "title": "Tid & plats",
        "url": f"{PUBLIC}/utbildningar/tid/",
    }
    assert first["round"] == "Våren 2027"
    assert first["title"] == "Före omställningen"
    assert first["url"] == f"{PUBLIC}/utbildningar/tid/#omgang-varen-2027"
    assert (first["status"], first["round_status"]) == ("scheduled", "open")
    assert sessions[2]["title"] is None


def test_the_schema_rejects_what_it_should():
    good = {
        "name": "S",
        "url": "https://x.se/kalender/",
        "ics": "https://x.se/kalender.ics",
        "timezone": "Europe/Stockholm",
        "updated": "2027-01-10T12:00:00+00:00",
        "sessions": [],
    }
    assert validate(good) == []
    assert validate({**good, "updated": "2027-01-10T12:00:00"})  # no offset
    assert validate({**good, "updated": "2027-02-30T12:00:00+01:00"})  # no such day
    assert validate({k: v for k, v in good.items() if k != "sessions"})


def run_node(script: str, path: Path) -> dict:
    return node_json(str(JS / script), str(path))


def test_javascript_reads_the_json_at_the_instants_ical_js_reads_from_the_ics(tmp_path):
    _, entries = programme_entries(tmp_path)
    ics = calendar_ics(
        name="T",
        description="T",
        entries=entries,
        now=BUILT_AT,
        tz=TZ,
        public_url=PUBLIC,
        source_url=f"{PUBLIC}/kalender.ics",
        prodid="-//T//eduweb//SV",
    )
    (tmp_path / "kalender.ics").write_bytes(ics)
    (tmp_path / "kalender.json").write_text(
        calendar_json(entries, name="S", public_url=PUBLIC, tz_name=TZ.key, now=BUILT_AT),
        encoding="utf-8",
    )
    from_json = run_node("read_calendar_json.mjs", tmp_path / "kalender.json")
    from_ics = run_node("read_ics.mjs", tmp_path / "kalender.ics")["ical.js"]["events"]
    assert from_json["problems"] == []
    assert from_json["sessions"] == from_ics
    assert from_json["sessions"][f"tid-varen-2027-20270330T0900@{HOST}"] == {
        "start": "2027-03-30T07:00:00Z",
        "end": "2027-03-30T10:00:00Z",
    }


# ---------------------------------------------------------------- the built sample site
def text_of(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def test_built_json_is_valid_and_holds_what_the_ics_holds(sample_build):
    document = json.loads(sample_build.text("kalender.json"))
    assert validate(document) == []
    ics = Calendar.from_ical((sample_build.output / "kalender.ics").read_bytes())
    assert [s["id"] for s in document["sessions"]] == [str(e["UID"]) for e in ics.walk("VEVENT")]


def test_programme_page_offers_each_coming_session_to_google_and_outlook(sample_build):
    page = sample_build.html("utbildningar/att-leda-digital-omstallning/")
    coming = page.find(id="omgang-hosten-2027")
    names = [text_of(a) for a in coming.select(".add-to-calendar a")]
    assert names[:2] == [
        "Lägg till träff 1, 14 september 2027, i Google Kalender",
        "Lägg till träff 1, 14 september 2027, i Outlook",
    ]
    assert len(names) == 2 * len(coming.select(".session"))
    # Short to the eye: "Lägg till i: Google Kalender Outlook".
    shown = coming.select_one(".add-to-calendar")
    for hidden in shown.select(".visually-hidden"):
        hidden.decompose()
    assert text_of(shown) == "Lägg till i: Google Kalender Outlook"
    assert shown.select_one(".add-to-calendar__lead")["aria-hidden"] == "true"
    # A finished round offers none.
    assert page.find(id="omgang-varen-2025").select(".add-to-calendar") == []
    # Subscribing: webcal and the https address to copy, explained.
    ics = "utbildningar/att-leda-digital-omstallning/kalender.ics"
    assert page.find("a", href=f"webcal://{HOST}/{ics}") is not None
    help_box = page.select_one(".calendar-subscribe")
    assert text_of(help_box.select_one("code")) == f"{PUBLIC}/{ics}"
    assert "Prenumererar du" in text_of(help_box)


def test_calendar_pages_per_programme_and_month(sample_build):
    main = sample_build.html("kalender/")
    nav = main.select_one("nav.calendar-filter")
    programme_links = [a["href"] for a in nav.select("[aria-labelledby=filter-utbildning] a")]
    month_links = [a["href"] for a in nav.select("[aria-labelledby=filter-manad] a")]
    assert programme_links[0] == "/kalender/"
    assert "/kalender/utbildning/att-leda-digital-omstallning/" in programme_links
    # Only programmes with coming sessions are offered as filters.
    assert "/kalender/utbildning/att-leda-digital-forandring/" not in programme_links
    assert "/kalender/manad/2027-09/" in month_links
    assert nav.select('a[aria-current="page"]')[0]["href"] == "/kalender/"

    month = sample_build.html("kalender/manad/2027-09/")
    assert text_of(month.h1) == "Kalender: september 2027"
    assert [text_of(h) for h in month.select("main h2")] == ["September 2027"]
    assert month.find("link", rel="canonical")["href"] == f"{PUBLIC}/kalender/manad/2027-09/"
    current = month.select('nav.calendar-filter a[aria-current="page"]')
    assert [a["href"] for a in current] == ["/kalender/manad/2027-09/"]
    # The same markup as the full calendar: the month's items are the same.
    whole = {text_of(li) for li in main.select("#manad-2027-09 ~ ol > li")}
    assert {text_of(li) for li in month.select("main .calendar-item")} == whole

    programme = sample_build.html("kalender/utbildning/att-leda-digital-omstallning/")
    assert text_of(programme.h1) == "Kalender: Att leda digital omställning"
    titles = {text_of(h) for h in programme.select(".calendar-item__title")}
    assert titles == {"Att leda digital omställning"}
    # A programme without coming sessions has its page, saying so.
    past = sample_build.html("kalender/utbildning/att-leda-digital-forandring/")
    assert "inga kommande träffar" in text_of(past.select_one(".calendar-empty"))
    # A month that has passed keeps its page (a link to it keeps working),
    # listing what was held then, but is no longer offered as a filter.
    march = sample_build.html("kalender/manad/2025-03/")
    assert text_of(march.h1) == "Kalender: mars 2025"
    assert [text_of(h) for h in march.select(".calendar-item__title")] == [
        "Att leda digital omställning"
    ]
    assert march.select(".add-to-calendar") == []
    assert "/kalender/manad/2025-03/" not in month_links
    sitemap = sample_build.text("sitemap.xml")
    assert f"{PUBLIC}/kalender/manad/2027-09/" in sitemap
    assert f"{PUBLIC}/kalender/utbildning/att-leda-digital-omstallning/" in sitemap


def test_home_page_lists_next_sessions_programmes_and_news(sample_build):
    page = sample_build.html("")
    sessions = page.find("section", attrs={"aria-labelledby": "nasta-traffar"})
    items = sessions.select(".home-sessions__item")
    assert len(items) == 5
    days = [li.find("time")["datetime"] for li in items]
    assert days == sorted(days) and days[0] >= "2026-11-23"
    assert sessions.find("a", href="/kalender/") is not None
    coming = page.find("section", attrs={"aria-labelledby": "kommande-utbildningar"})
    assert "Nästa omgång startar" in text_of(coming)
    news = page.find("section", attrs={"aria-labelledby": "senaste-nyheter"})
    assert news.select(".news-item")


# ---------------------------------------------------------------- a small site
NEWS = article(
    title="Chefer & ledare möts",
    date="2026-03-30 09:15",
    body="Brödtext.",
    modified="2026-04-02 10:00",
    author="Anna Berg",
    image="images/bild.png",
    image_alt="Chefer runt ett bord",
    tags="[Ledarskap]",
)
PAST = """\
---
title: Avslutad kurs
summary: Den har varit.
rounds:
  - name: Våren 2026
    sessions:
      - date: 2026-02-03
        start_time: "09:00"
---

Text.
"""


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("small") / "site")
    site.write("news/mote.md", NEWS)
    site.write("news/enkel.md", article(title="Enkel", date="2026-05-04"))
    site.write("programmes/avslutad.md", PAST)
    site.write_bytes("images/bild.png", PNG)
    result = site.build(at=epoch(2026, 11, 23, 12))
    assert result.returncode == 0, result.stderr
    return result


def test_home_page_without_coming_sessions(small_build):
    sessions = small_build.html("").find("section", attrs={"aria-labelledby": "nasta-traffar"})
    assert "Inga kommande träffar." in text_of(sessions)
    assert sessions.select(".home-sessions__item") == []


def news_article_data(page) -> dict:
    scripts = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    found = [d for d in scripts if d.get("@type") == "NewsArticle"]
    assert len(found) == 1
    return found[0]


REQUIRED_NEWS = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "mainEntityOfPage",
    ],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "datePublished": {"type": "string", "format": "date-time", "pattern": "[+-][0-9]{2}:00$"},
        "dateModified": {"type": "string", "format": "date-time", "pattern": "[+-][0-9]{2}:00$"},
        "author": {"type": "object", "required": ["@type", "name"]},
        "publisher": {
            "type": "object",
            "required": ["@type", "name"],
            "properties": {"@type": {"const": "Organization"}},
        },
        "mainEntityOfPage": {"type": "object", "required": ["@id"]},
    },
}


def check_news_article(data: dict) -> None:
    validator = jsonschema.Draft202012Validator(
        REQUIRED_NEWS, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(data)] == []


def og(page) -> dict[str, str]:
    return {m["property"]: m["content"] for m in page.find_all("meta", property=True)}


def test_news_article_json_ld_and_open_graph(small_build):
    url = f"{PUBLIC}/nyheter/2026/mote/"
    page = small_build.html("nyheter/2026/mote/")
    data = news_article_data(page)
    check_news_article(data)
    assert data["headline"] == "Chefer & ledare möts"
    assert data["datePublished"] == "2026-03-30T09:15:00+02:00"
    assert data["dateModified"] == "2026-04-02T10:00:00+02:00"
    assert data["author"] == {"@type": "Person", "name": "Anna Berg"}
    assert data["publisher"]["name"] == "Digitalt ledarskap"
    assert data["mainEntityOfPage"]["@id"] == url
    # The published copy, never the original (pictures.py).
    assert data["image"]["url"].startswith(f"{PUBLIC}/bilder/")
    assert page.find("link", rel="canonical")["href"] == url
    tags = og(page)
    assert tags["og:type"] == "article"
    assert tags["og:title"] == "Chefer & ledare möts"
    assert tags["og:description"] == "Brödtext."
    assert tags["og:url"] == url
    assert tags["og:image"] == data["image"]["url"]
    assert tags["og:image:alt"] == "Chefer runt ett bord"
    assert tags["og:locale"] == "sv_SE"
    assert tags["article:modified_time"] == "2026-04-02T10:00:00+02:00"


def test_news_article_without_author_or_picture(small_build):
    page = small_build.html("nyheter/2026/enkel/")
    data = news_article_data(page)
    check_news_article(data)
    assert data["author"]["@type"] == "Organization"
    assert data["datePublished"] == data["dateModified"] == "2026-05-04T00:00:00+02:00"
    assert "image" not in data
    tags = og(page)
    assert "og:image" not in tags and "og:image:alt" not in tags


# ---------------------------------------------------------------- links from bodies
@pytest.mark.parametrize(
    ("target", "exists"),
    [
        ("/kalender/utbildning/tid/", True),
        ("/kalender/manad/2027-03/", True),
        ("/kalender/manad/2027-11/", True),
        ("/kalender.json", True),
        ("/kalender/utbildning/okand/", False),
        ("/kalender/manad/2026-12/", False),  # no session that month
        ("/kalender/manad/2027-13/", False),
    ],
)
@pytest.mark.parametrize("now", [BUILT_AT, dt.datetime(2029, 1, 1, tzinfo=dt.UTC)])
def test_body_links_to_calendar_pages_are_checked(tmp_path, target, exists, now):
    """The same answer before and after the sessions: a build that passed
    does not fail later only because the months have gone by."""
    site = Site(tmp_path / "site")
    site.write("programmes/tid.md", PROGRAMME)
    site.write("news/a.md", article(body=f"[Kalender]({target})"))
    settings = {"PATH": str(site.root / "content"), "_eduweb_tz": TZ, "_EDUWEB_NOW": now}
    errors = [str(e) for e in scan(settings).errors]
    assert (errors == []) is exists, errors
    if not exists:
        assert len(errors) == 1 and target in errors[0]
