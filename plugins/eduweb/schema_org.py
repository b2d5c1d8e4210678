"""schema.org data (JSON-LD) for a programme: a Course, a CourseInstance per
round and an Event per session. Plain dicts; templates write them with the
`json_ld` filter, which keeps `</script>` out of the page.

Every Event has a location, an eventAttendanceMode and an eventStatus:
- an online place ("Digitalt", see programmes.is_online) is a VirtualLocation
  whose url is the programme page (the meeting link goes to participants only);
- any other place is a Place whose name and address are the text as written:
  the contract has one free-text field, and splitting "Storgatan 1, Umeå"
  into street and town (or adding a country) would invent data;
- a session with no place at all, on the session or the programme, gets a
  Place named UNKNOWN_PLACE without an address, and the offline attendance
  mode, which is what readers of schema.org assume when none is given.
Dates are those written or derived from sessions: a round with only a start
date has no endDate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .programmes import ProgrammeView, RoundView, SessionView, is_online

SCHEMA = "https://schema.org/"
UNKNOWN_PLACE = "Plats meddelas senare"
AVAILABILITY = {
    "open": "InStock",
    "few-places": "LimitedAvailability",
    "full": "SoldOut",
}


def programme_json_ld(programme: ProgrammeView, public_url: str, organization: str) -> dict:
    """One JSON-LD document (a @graph) for the programme page."""
    page = f"{public_url}/{programme.url}"
    provider = {"@type": "Organization", "name": programme.provider or organization}
    course: dict[str, Any] = {
        "@type": "Course",
        "@id": f"{page}#kurs",
        "name": programme.title,
        "description": programme.summary,
        "url": page,
        "inLanguage": "sv",
        "provider": provider,
    }
    if programme.audience:
        course["audience"] = {"@type": "Audience", "audienceType": programme.audience}
    if programme.tags:
        course["keywords"] = ", ".join(programme.tags)
    instances = [_course_instance(programme, r, page) for r in programme.rounds]
    if instances:
        course["hasCourseInstance"] = instances
    events = [_event(programme, r, s, page, provider) for r in programme.rounds for s in r.sessions]
    return {"@context": "https://schema.org", "@graph": [course, *events]}


def _place(location: str | None, online: bool, page: str) -> dict:
    if not location:
        return {"@type": "Place", "name": UNKNOWN_PLACE}
    if online:
        # The meeting link is sent to participants; the page is the public address.
        return {"@type": "VirtualLocation", "name": location, "url": page}
    return {"@type": "Place", "name": location, "address": location}


def _course_instance(programme: ProgrammeView, round_: RoundView, page: str) -> dict:
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "@id": f"{page}#{round_.anchor}",
        "name": f"{programme.title}, {round_.name}",
        "startDate": round_.start.isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if round_.cancelled else "EventScheduled"),
    }
    if round_.end_known:
        instance["endDate"] = round_.end.isoformat()
    if round_.course_mode:
        instance["courseMode"] = round_.course_mode
    places = {s.location: s.online for s in round_.sessions}
    if not places and programme.location:
        places = {programme.location: is_online(programme.location)}
    locations = [_place(loc, online, page) for loc, online in places.items() if loc]
    if locations:
        instance["location"] = locations[0] if len(locations) == 1 else locations
    if programme.teachers:
        instance["instructor"] = [{"@type": "Person", "name": t.name} for t in programme.teachers]
    return instance


def _event(
    programme: ProgrammeView, round_: RoundView, session: SessionView, page: str, organizer: dict
) -> dict:
    name = f"{programme.title}: {session.title}" if session.title else programme.title
    event: dict[str, Any] = {
        "@type": "Event",
        "name": name,
        "url": page,
        "description": programme.summary,
        "superEvent": {"@id": f"{page}#{round_.anchor}"},
        "eventStatus": SCHEMA + ("EventCancelled" if round_.cancelled else "EventScheduled"),
        "organizer": organizer,
    }
    if session.all_day:
        event["startDate"] = event["endDate"] = session.date.isoformat()
    else:
        event["startDate"] = session.start.isoformat()
        if session.end_time is not None:
            event["endDate"] = session.end.isoformat()
    event["location"] = _place(session.location, session.online, page)
    event["eventAttendanceMode"] = SCHEMA + (
        "OnlineEventAttendanceMode" if session.online else "OfflineEventAttendanceMode"
    )
    availability = AVAILABILITY.get(round_.status.key)
    if availability:
        offer: dict[str, Any] = {
            "@type": "Offer",
            "url": round_.registration_url or page,
            "availability": SCHEMA + availability,
        }
        if round_.registration_deadline:
            offer["validThrough"] = round_.registration_deadline.isoformat()
        event["offers"] = offer
    return event


def news_article_json_ld(
    article: Any,
    public_url: str,
    organization: str,
    picture_url: Callable[[str], str] | None = None,
    url: str | None = None,
) -> dict:
    """A NewsArticle for a news article's page (issue 11).

    `article` is Pelican's Article as the reader made it (reader.py): dates
    are aware (the site's zone), so both are written with their offset. The
    publisher is the organisation, and it is the author too when no `author`
    is written: schema.org wants an author, and the organisation is who
    stands behind an unsigned article. `picture_url` gives the address of
    the picture's published copy (pictures.py), never the original, which
    may be megabytes and carry the camera's metadata. `url` is the
    article's address when the caller has it (Pelican works it out anew
    each time `article.url` is read).
    """
    page = f"{public_url}/{article.url if url is None else url}"
    publisher = {"@type": "Organization", "name": organization, "url": f"{public_url}/"}
    author = getattr(article, "author", None)
    modified = getattr(article, "modified", None) or article.date
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "inLanguage": "sv",
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": {"@type": "Person", "name": author.name} if author else publisher,
        "publisher": publisher,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page},
        "url": page,
    }
    image = getattr(article, "image", None)
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": public_url + (picture_url(image) if picture_url else f"/{image}"),
            "description": getattr(article, "image_alt", None) or "",
        }
    tags = getattr(article, "tags", None)
    if tags:
        data["keywords"] = ", ".join(tag.name for tag in tags)
    return data
