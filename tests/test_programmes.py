"""Programme pages, the programme list, teasers, the site calendar and
schema.org data, as a reader (or a search engine) gets them from a build."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import Site, article, epoch

LEADERSHIP = """\
---
title: Chefsprogram för digitalisering
summary: Ett program för chefer i offentlig sektor.
provider: Adda Kompetens
audience: Chefer i kommuner och regioner
format: Fem lärarledda träffar
location: Digitalt
price: 12 000 kr
teachers: [tommy-eriksson, Johan Magnusson]
contacts: [tommy-eriksson]
registration_url: https://example.se/anmalan
tags: [Ledarskap]
rounds:
  - name: Hösten 2025
    booked_percent: 50
    registration_deadline: 2025-08-20
    registration_url: https://example.se/hosten-2025
    sessions:
      - date: 2025-10-01
        title: Heldag om data
      - date: 2025-09-02
        start_time: 09:00
        end_time: 16:00
        title: "Träff 1: Start"
        location: Stockholm
  - name: Våren 2025
    sessions:
      - date: 2025-05-15
        start_time: 13:00
        end_time: 16:30
        title: "Träff 3: Data"
      - date: 2025-04-03
        start_time: 09:00
        end_time: 16:00
        title: "Träff 1: Digital mognad"
        location: Stockholm
      - date: 2025-04-24
        start_time: 13:00
        title: "Träff 2: Styrning"
  - name: Hösten 2024
    status: cancelled
    sessions:
      - date: 2024-10-01
        start_time: 13:00
        end_time: 16:30
        title: Inställd uppstart
---

Programmet ger dig verktyg för att leda digitalisering.
"""

WORKSHOP = """\
---
title: Workshop om förändring
summary: Fyra halvdagar i Skellefteå.
location: Skellefteå
rounds:
  - name: Våren 2025
    status: few-places
    booked_percent: 80
    sessions:
      - date: 2025-04-03
        start_time: 08:30
        end_time: 12:00
        title: Workshop 1
      - date: 2025-06-01
        start_time: 08:30
        end_time: 12:00
        title: Workshop 2
---
"""

OLD = """\
---
title: Avslutat forum
summary: Ett forum som har avslutats.
rounds:
  - name: Verksamhetsår 2023
    start: 2023-01-01
    end: 2023-12-31
---
"""

DRAFT = """\
---
title: Hemligt utkast
summary: Inte publicerad.
status: draft
rounds:
  - name: Våren 2025
    sessions:
      - date: 2025-04-10
---
"""

CONTACT = """\
name: Tommy Eriksson
role: Rådgivare
organization: Adda Kompetens
"""

# Build moments (UTC) and what they are for the spring round of LEADERSHIP.
MOMENTS = {
    "before": epoch(2025, 3, 1, 12),
    "during": epoch(2025, 4, 3, 12),  # 14:00 in Stockholm, on the first day
    "between": epoch(2025, 6, 20, 12),
    "deadline passed": epoch(2025, 8, 25, 12),
    "after": epoch(2025, 12, 1, 12),
}
PAGE = "utbildningar/chefsprogram-for-digitalisering/"


def make_site(root) -> Site:
    site = Site(root)
    site.write("programmes/chefsprogram-for-digitalisering.md", LEADERSHIP)
    site.write("programmes/workshop.md", WORKSHOP)
    site.write("programmes/forum.md", OLD)
    site.write("programmes/utkast.md", DRAFT)
    site.write("contacts/tommy-eriksson.yml", CONTACT)
    site.write(
        "news/2025/nasta-omgang.md",
        article(
            title="Snart startar hösten",
            date="2025-02-01",
            programmes="[chefsprogram-for-digitalisering, forum]",
        ),
    )
    return site


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("programmes") / "site")
    results = {}
    for name, moment in MOMENTS.items():
        result = site.build(at=moment, output=site.root / f"output-{name.replace(' ', '-')}")
        assert result.returncode == 0, result.stderr
        results[name] = result
    return results


def text(element) -> str:
    """The text as read, with runs of white space as one space."""
    return " ".join(element.get_text().split())


def round_section(page, name: str):
    heading = next(h for h in page.select(".round__name") if text(h) == name)
    return heading.find_parent("section")


# ---------------------------------------------------------------- the programme page
def test_page_tells_what_who_where_and_what_it_costs(builds):
    page = builds["before"].html(PAGE)
    assert text(page.h1) == "Chefsprogram för digitalisering"
    assert page.title.string == "Chefsprogram för digitalisering – Digitalt ledarskap"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Ett program för chefer i offentlig sektor."
    )
    facts = {text(d.dt): text(d.dd) for d in page.select(".programme-facts > div")}
    assert facts == {
        "Arrangör": "Adda Kompetens",
        "Målgrupp": "Chefer i kommuner och regioner",
        "Upplägg": "Fem lärarledda träffar",
        "Plats": "Digitalt",
        "Pris": "12 000 kr",
        "Lärare": "Tommy Eriksson Johan Magnusson",
    }
    teacher = page.select_one(".teacher-list a")
    assert (teacher["href"], text(teacher)) == ("/kontakt/#tommy-eriksson", "Tommy Eriksson")
    assert "verktyg för att leda digitalisering" in text(page.select_one(".programme__body"))
    assert any(text(h) == "Kontakt" for h in page.find_all("h2"))


def test_sessions_in_date_order_with_weekday_time_span_and_place(builds):
    page = builds["before"].html(PAGE)
    spring = round_section(page, "Våren 2025")
    sessions = [
        [text(p) for p in li.select("p:not(.add-to-calendar)")]
        for li in spring.select(".session-list > li")
    ]
    assert sessions == [
        ["Torsdag 3 april 2025, 09.00–16.00", "Träff 1: Digital mognad", "Plats: Stockholm"],
        ["Torsdag 24 april 2025, kl. 13.00", "Träff 2: Styrning", "Plats: Digitalt"],
        ["Torsdag 15 maj 2025, 13.00–16.30", "Träff 3: Data", "Plats: Digitalt"],
    ]
    first = spring.select_one(".session-list > li")
    assert [t["datetime"] for t in first.find_all("time")] == ["2025-04-03", "09:00", "16:00"]
    autumn = round_section(page, "Hösten 2025")
    assert [text(li.p) for li in autumn.select(".session-list > li")] == [
        "Tisdag 2 september 2025, 09.00–16.00",
        "Onsdag 1 oktober 2025, Heldag",
    ]


@pytest.mark.parametrize(
    ("moment", "label", "section"),
    [
        ("before", "Öppen för anmälan", "omgangar"),
        ("during", "Pågår", "omgangar"),
        ("between", "Avslutad", "tidigare-omgangar"),
    ],
)
def test_round_status_before_during_and_after(builds, moment, label, section):
    page = builds[moment].html(PAGE)
    spring = round_section(page, "Våren 2025")
    assert text(spring.select_one(".status")) == label
    assert spring.find_parent("section")["aria-labelledby"] == section


def test_cancelled_round_and_booking_labels(builds):
    page = builds["before"].html(PAGE)
    assert text(round_section(page, "Hösten 2024").select_one(".status")) == "Inställd"
    autumn = round_section(page, "Hösten 2025")
    # No-break spaces: "50 % bokat" never wraps apart.
    assert autumn.select_one(".status").get_text() == "50\u00a0%\u00a0bokat"
    facts = {text(d.dt): text(d.dd) for d in autumn.select(".round__facts > div")}
    assert facts == {
        "Datum": "2 september – 1 oktober 2025",
        "Status": "50 % bokat",
        "Sista anmälningsdag": "20 augusti 2025",
    }


@pytest.mark.parametrize(
    ("moment", "facts", "sign_up"),
    [
        (
            "before",
            {"Omgång": "Våren 2025", "Startar": "3 april 2025", "Platser": "Öppen för anmälan"},
            "Anmäl dig till Chefsprogram för digitalisering, Våren 2025",
        ),
        ("during", {"Omgång": "Våren 2025", "Pågår": "3 april – 15 maj 2025"}, None),
        (
            "between",
            {
                "Omgång": "Hösten 2025",
                "Startar": "2 september 2025",
                "Platser": "50 % bokat",
                "Sista anmälningsdag": "20 augusti 2025",
            },
            "Anmäl dig till Chefsprogram för digitalisering, Hösten 2025",
        ),
        (
            "deadline passed",
            {
                "Omgång": "Hösten 2025",
                "Startar": "2 september 2025",
                "Platser": "Anmälan stängd, 50 % bokat",
            },
            None,
        ),
        ("after", {}, None),
    ],
)
def test_next_round_is_singled_out_at_the_top(builds, moment, facts, sign_up):
    """Labelled lines, not a run-on "date – status – link" sentence."""
    page = builds[moment].html(PAGE)
    box = page.select_one(".next-round")
    assert text(box.h2) == "Nästa omgång"
    assert {text(d.dt): text(d.dd) for d in box.select(".next-round__facts > div")} == facts
    link = box.select_one(".next-round__sign-up a")
    assert (text(link) if link else None) == sign_up
    if link:
        assert "button" in link["class"]
        assert "Anmäl\u00a0dig" in link.get_text()  # never broken over two lines
    if not facts:
        assert text(box.select_one(".next-round__text")) == "Ingen ny omgång är planerad just nu."
    # It comes before the facts and the body.
    assert box.find_next("dl", class_="programme-facts")


def test_next_round_links_to_its_sessions_mid_sentence(builds):
    page = builds["between"].html(PAGE)
    more = page.select_one(".next-round__more a")
    assert text(more) == "Alla träffar i hösten 2025"  # not "i Hösten 2025"


def test_sign_up_links_use_the_rounds_address_else_the_programmes(builds):
    page = builds["before"].html(PAGE)
    links = {text(a): a["href"] for a in page.find_all("a") if text(a).startswith("Anmäl dig")}
    assert links == {
        "Anmäl dig till Chefsprogram för digitalisering, Våren 2025": "https://example.se/anmalan",
        "Anmäl dig till Chefsprogram för digitalisering, Hösten 2025": (
            "https://example.se/hosten-2025"
        ),
    }
    for link in page.select(".round__sign-up a"):
        assert link.select_one(".visually-hidden") is not None
    closed = builds["deadline passed"].html(PAGE)
    autumn = round_section(closed, "Hösten 2025")
    assert text(autumn.select_one(".status")) == "Anmälan stängd, 50 % bokat"
    assert closed.find("a", href="https://example.se/hosten-2025") is None


def test_finished_rounds_come_last_latest_first(builds):
    page = builds["after"].html(PAGE)
    past = page.find("section", attrs={"aria-labelledby": "tidigare-omgangar"})
    assert [text(h) for h in past.select(".round__name")] == [
        "Hösten 2025",
        "Våren 2025",
        "Hösten 2024",
    ]
    assert page.find(id="omgangar") is None  # no "Kommande omgångar" heading
    assert past.find("a", href="/utbildningar/chefsprogram-for-digitalisering/kalender.ics")


def test_draft_programme_is_not_published(builds):
    result = builds["before"]
    assert not (result.output / "utbildningar/utkast").exists()
    assert "Hemligt utkast" not in result.text("utbildningar/index.html")
    assert "Hemligt utkast" not in result.text("kalender/index.html")
    assert "utkast" not in result.text("sitemap.xml")


# ---------------------------------------------------------------- structured data
def json_ld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def graph(page) -> list[dict]:
    return next(d["@graph"] for d in json_ld(page) if "@graph" in d)


def test_json_ld_course_instances_and_events(builds):
    items = graph(builds["before"].html(PAGE))
    [course] = [i for i in items if i["@type"] == "Course"]
    assert course["name"] == "Chefsprogram för digitalisering"
    assert course["provider"] == {"@type": "Organization", "name": "Adda Kompetens"}
    instances = {i["name"]: i for i in course["hasCourseInstance"]}
    assert {i["@type"] for i in instances.values()} == {"CourseInstance"}
    spring = instances["Chefsprogram för digitalisering, Våren 2025"]
    assert (spring["startDate"], spring["endDate"], spring["courseMode"]) == (
        "2025-04-03",
        "2025-05-15",
        "blended",
    )
    events = {e["name"]: e for e in items if e["@type"] == "Event"}
    assert len(events) == 6
    first = events["Chefsprogram för digitalisering: Träff 1: Digital mognad"]
    assert first["startDate"] == "2025-04-03T09:00:00+02:00"
    assert first["endDate"] == "2025-04-03T16:00:00+02:00"
    assert first["location"]["@type"] == "Place"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["organizer"]["@type"] == "Organization"
    assert first["offers"]["url"] == "https://example.se/anmalan"
    assert first["offers"]["availability"] == "https://schema.org/InStock"
    online = events["Chefsprogram för digitalisering: Träff 3: Data"]
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    all_day = events["Chefsprogram för digitalisering: Heldag om data"]
    assert (all_day["startDate"], all_day["endDate"]) == ("2025-10-01", "2025-10-01")
    cancelled = events["Chefsprogram för digitalisering: Inställd uppstart"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in cancelled


MIXED = """\
---
title: Blandade träffar
summary: Träffar på plats, digitalt och på en plats som inte är bestämd.
rounds:
  - name: Hösten 2027
    start: 2027-09-01
  - name: Våren 2027
    sessions:
      - date: 2027-03-02
        start_time: 09:00
        end_time: 12:00
        location: Digitalt
      - date: 2027-03-09
        start_time: 09:00
        location: Storgatan 1, Umeå
      - date: 2027-03-16
      - date: 2027-03-23
        start_time: 13:00
        end_time: 15:00
        location: Teams
---
"""
ONLINE_ONLY = """\
---
title: Webbinarier
summary: Helt digitalt.
location: Digitalt
rounds:
  - name: Våren 2027
    start: 2027-04-01
    end: 2027-04-01
---
"""
ATTENDANCE = {
    "VirtualLocation": "https://schema.org/OnlineEventAttendanceMode",
    "Place": "https://schema.org/OfflineEventAttendanceMode",
}
EVENT_STATUSES = {
    "https://schema.org/" + s
    for s in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled")
}


def check_event(event: dict) -> None:
    """What schema.org and Google's event guidelines ask of every Event."""
    for key in ("name", "startDate", "location", "eventAttendanceMode", "eventStatus"):
        assert event.get(key), (key, event)
    assert event["eventStatus"] in EVENT_STATUSES
    location = event["location"]
    assert event["eventAttendanceMode"] == ATTENDANCE[location["@type"]], event
    if location["@type"] == "VirtualLocation":
        assert location["url"].startswith("https://")
    elif location["name"] != "Plats meddelas senare":
        assert location["address"] == location["name"]
        assert location["address"].lower() not in {"digitalt", "online", "teams", "zoom"}
    start = dt.datetime.fromisoformat(event["startDate"])
    if "endDate" in event:
        assert dt.datetime.fromisoformat(event["endDate"]) >= start


def test_json_ld_every_event_has_a_place_attendance_mode_and_status(tmp_path):
    site = Site(tmp_path / "site")
    site.write("programmes/blandade-traffar.md", MIXED)
    site.write("programmes/webbinarier.md", ONLINE_ONLY)
    result = site.build(at=epoch(2027, 1, 10, 12))
    assert result.returncode == 0, result.stderr

    items = graph(result.html("utbildningar/blandade-traffar/"))
    events = [i for i in items if i["@type"] == "Event"]
    assert len(events) == 4
    for event in events:
        check_event(event)
    locations = [e["location"] for e in sorted(events, key=lambda e: e["startDate"])]
    page = "https://digitaltledarskap.example.se/utbildningar/blandade-traffar/"
    assert locations == [
        {"@type": "VirtualLocation", "name": "Digitalt", "url": page},
        {"@type": "Place", "name": "Storgatan 1, Umeå", "address": "Storgatan 1, Umeå"},
        {"@type": "Place", "name": "Plats meddelas senare"},
        {"@type": "VirtualLocation", "name": "Teams", "url": page},
    ]
    [course] = [i for i in items if i["@type"] == "Course"]
    instances = {i["name"]: i for i in course["hasCourseInstance"]}
    autumn = instances["Blandade träffar, Hösten 2027"]
    assert autumn["startDate"] == "2027-09-01"
    assert "endDate" not in autumn  # only a start date was written
    assert instances["Blandade träffar, Våren 2027"]["endDate"] == "2027-03-23"

    [course] = [
        i for i in graph(result.html("utbildningar/webbinarier/")) if i["@type"] == "Course"
    ]
    [spring] = course["hasCourseInstance"]
    assert spring["endDate"] == "2027-04-01"  # written, though equal to the start
    assert spring["location"]["@type"] == "VirtualLocation"
    assert spring["courseMode"] == "online"


def test_json_ld_cannot_close_its_script_element(tmp_path):
    site = Site(tmp_path / "site")
    site.write(
        "programmes/x.md",
        """\
        ---
        title: "Kurs </script><script>alert(1)</script>"
        summary: Sammanfattning med <!-- och & tecken.
        rounds:
          - name: Våren 2025
            sessions:
              - date: 2025-04-03
        ---
        """,
    )
    result = site.build(at=MOMENTS["before"])
    assert result.returncode == 0, result.stderr
    raw = result.text("utbildningar/x/index.html")
    head = raw.split("</head>")[0]
    assert head.count("</script>") == head.count("<script")
    page = result.html("utbildningar/x/")
    assert graph(page)[0]["name"] == "Kurs </script><script>alert(1)</script>"
    assert text(page.h1) == "Kurs </script><script>alert(1)</script>"


# ---------------------------------------------------------------- the programme list
def test_programme_list_orders_coming_programmes_by_next_session(builds):
    page = builds["before"].html("utbildningar/")
    coming = page.find("section", attrs={"aria-labelledby": "kommande-utbildningar"})
    cards = [
        (
            text(c.select_one(".programme-card__title")),
            text(c.select_one(".programme-card__next")),
            text(c.select_one(".programme-card__status")),
        )
        for c in coming.select(".programme-card")
    ]
    # Both start on 3 April; the workshop meets first (08:30).
    assert cards == [
        (
            "Workshop om förändring",
            "Nästa omgång startar 3 april 2025.",
            # status: few-places with booked_percent: 80 shows both.
            "Få platser kvar, 80 % bokat",
        ),
        (
            "Chefsprogram för digitalisering",
            "Nästa omgång startar 3 april 2025.",
            "Öppen för anmälan",
        ),
    ]
    assert "Ett program för chefer i offentlig sektor." in text(coming)
    others = page.find("section", attrs={"aria-labelledby": "tidigare-utbildningar"})
    assert [text(a) for a in others.select(".programme-card__title a")] == ["Avslutat forum"]
    assert coming.select_one(".programme-card__title a")["href"] == "/utbildningar/workshop/"


def test_programme_list_between_rounds(builds):
    page = builds["between"].html("utbildningar/")
    coming = page.find("section", attrs={"aria-labelledby": "kommande-utbildningar"})
    assert [text(a) for a in coming.select(".programme-card__title a")] == [
        "Chefsprogram för digitalisering"
    ]
    others = page.find("section", attrs={"aria-labelledby": "tidigare-utbildningar"})
    assert [text(a) for a in others.select(".programme-card__title a")] == [
        "Workshop om förändring",
        "Avslutat forum",
    ]
    assert text(others.select_one(".programme-card__next")) == (
        "Ingen ny omgång är planerad just nu. Senaste omgång: Våren 2025."
    )


# ---------------------------------------------------------------- teasers and home page
def test_article_lists_its_programmes_as_teaser_cards(builds):
    page = builds["between"].html("nyheter/2025/nasta-omgang/")
    teasers = page.select_one(".programme-teasers")
    assert text(teasers.h2) == "Vill du gå nästa omgång?"
    cards = teasers.select(".programme-card")
    assert [text(c.select_one("a")) for c in cards] == [
        "Chefsprogram för digitalisering",
        "Avslutat forum",
    ]
    assert cards[0].select_one("a")["href"] == "/" + PAGE
    assert text(cards[0].select_one(".programme-card__next")) == (
        "Nästa omgång startar 2 september 2025."
    )
    assert text(cards[0].select_one(".programme-card__status")) == "50 % bokat"
    assert cards[0].select_one("time")["datetime"] == "2025-09-02"


def test_teaser_for_an_ongoing_round(builds):
    page = builds["during"].html("nyheter/2025/nasta-omgang/")
    card = page.select_one(".programme-teasers .programme-card")
    assert text(card.select_one(".programme-card__next")) == (
        "Omgången våren 2025 pågår till 15 maj 2025."
    )


def test_home_page_shows_coming_programmes(builds):
    home = builds["between"].html("")
    section = home.select_one(".home-programmes")
    assert [text(a) for a in section.select(".programme-card__title a")] == [
        "Chefsprogram för digitalisering"
    ]
    assert builds["after"].html("").select_one(".home-programmes") is None


# ---------------------------------------------------------------- the site calendar
def calendar_months(result) -> dict[str, list[str]]:
    page = result.html("kalender/")
    return {
        text(section.h2): [
            f"{text(li.select_one('.calendar-item__when'))} | {text(li.h3)}"
            for li in section.select(".calendar-item")
        ]
        for section in page.select(".calendar-month")
    }


def test_calendar_groups_coming_sessions_by_month(builds):
    assert calendar_months(builds["before"]) == {
        "April 2025": [
            "Torsdag 3 april 2025, 08.30–12.00 | Workshop om förändring",
            "Torsdag 3 april 2025, 09.00–16.00 | Chefsprogram för digitalisering",
            "Torsdag 24 april 2025, kl. 13.00 | Chefsprogram för digitalisering",
        ],
        "Maj 2025": ["Torsdag 15 maj 2025, 13.00–16.30 | Chefsprogram för digitalisering"],
        "Juni 2025": ["Söndag 1 juni 2025, 08.30–12.00 | Workshop om förändring"],
        "September 2025": [
            "Tisdag 2 september 2025, 09.00–16.00 | Chefsprogram för digitalisering"
        ],
        "Oktober 2025": ["Onsdag 1 oktober 2025, Heldag | Chefsprogram för digitalisering"],
    }


def test_calendar_leaves_out_finished_sessions(builds):
    # 14:00 in Stockholm on 3 April: the 08:30–12:00 workshop is over, the
    # 09:00–16:00 session is not.
    months = calendar_months(builds["during"])
    assert months["April 2025"] == [
        "Torsdag 3 april 2025, 09.00–16.00 | Chefsprogram för digitalisering",
        "Torsdag 24 april 2025, kl. 13.00 | Chefsprogram för digitalisering",
    ]
    page = builds["during"].html("kalender/")
    link = page.select_one(".calendar-item h3 a")
    assert link["href"] == f"/{PAGE}#omgang-varen-2025"
    assert list(calendar_months(builds["between"])) == ["September 2025", "Oktober 2025"]


def test_calendar_says_when_there_is_nothing_coming(builds):
    page = builds["after"].html("kalender/")
    assert page.select(".calendar-month") == []
    assert text(page.select_one(".calendar-empty")).startswith(
        "Det finns inga kommande träffar just nu."
    )


def test_pages_are_in_the_sitemap(builds):
    sitemap = builds["before"].text("sitemap.xml")
    for url in ("utbildningar/", "kalender/", PAGE, "utbildningar/workshop/"):
        assert f"<loc>https://digitaltledarskap.example.se/{url}</loc>" in sitemap


# ---------------------------------------------------------------- the sample content
SAMPLE_PROGRAMMES = [
    "att-leda-digital-forandring",
    "att-leda-digital-omstallning",
    "att-leda-digital-transformation",
    "chefsprogram-for-valfardens-digitalisering",
    "digital-kompetens-for-chefer-och-ledare",
    "nationellt-kompetensforum-for-digital-mognad",
]


def test_sample_programmes_have_pages_and_calendars(sample_build):
    for slug in SAMPLE_PROGRAMMES:
        page = sample_build.html(f"utbildningar/{slug}/")
        assert page.select(".session-list > li"), slug
        assert (sample_build.output / f"utbildningar/{slug}/kalender.ics").is_file()
    chefs = sample_build.html("utbildningar/chefsprogram-for-valfardens-digitalisering/")
    box = chefs.select_one(".next-round")
    assert {text(d.dt): text(d.dd) for d in box.select(".next-round__facts > div")} == {
        "Omgång": "Våren 2027",
        "Startar": "2 mars 2027",
        "Platser": "20 % bokat",
        "Sista anmälningsdag": "1 februari 2027",
    }
    assert text(box.select_one(".next-round__sign-up a")).startswith("Anmäl dig")
    workshops = sample_build.html("utbildningar/att-leda-digital-forandring/")
    assert [t["datetime"] for t in workshops.select(".session__when > time")] == [
        "2018-02-28",
        "2018-03-26",
        "2018-04-26",
        "2018-06-01",
    ]


def test_sample_calendar_shows_the_coming_rounds(sample_build):
    months = calendar_months(sample_build)
    assert list(months) == [
        "Mars 2027",
        "April 2027",
        "Maj 2027",
        "September 2027",
        "Oktober 2027",
        "November 2027",
        "December 2027",
    ]
