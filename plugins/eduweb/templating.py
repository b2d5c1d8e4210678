"""Jinja2 filters and globals the theme uses."""

from __future__ import annotations

import functools
import json
import re

from markupsafe import Markup

from . import urls
from .brand import logo_url
from .dates import format_date_sv, format_time_sv, format_weekday_sv
from .schema_org import news_article_json_ld


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> element.

    `<`, `>` and `&` are written as \\u escapes, so no value can close the
    script element (`</script>`) or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def iso(value) -> str:
    return value.isoformat()


# Words that are common nouns in Swedish and so written in lower case inside
# a sentence, though a round or tag may be named with them first: "Våren 2027"
# -> "alla träffar i våren 2027". Months and days are common nouns too.
_SEASONS = "vår våren höst hösten sommar sommaren vinter vintern vårtermin vårterminen"
_TERMS = "hösttermin höstterminen"
_MONTHS = "januari februari mars april maj juni juli augusti september oktober november december"
_DAYS = "måndag tisdag onsdag torsdag fredag lördag söndag"
SEASON_WORDS = frozenset(f"{_SEASONS} {_TERMS} {_MONTHS} {_DAYS}".split())
_FIRST_WORD = re.compile(r"(\w)(\w*)(.*)", re.DOTALL)


def mid_sentence(value: str, generic: bool = False) -> str:
    """A name as it is written inside a Swedish sentence: the first letter
    in lower case when the first word is a season, month or day, or, with
    `generic`, any common noun (a tag is a topic: "Nyheter om ledarskap").

    A name is left as written when it may be a proper noun that cannot be
    told from a common one: an abbreviation (DVIS), a word with a capital
    inside (eSam), or more than one capitalised word (Region Stockholm)."""
    match = _FIRST_WORD.match(value or "")
    if not match:
        return value
    first, rest, tail = match.groups()
    word = first + rest
    if not first.isupper() or (rest and not rest.islower()) or len(word) == 1:
        return value
    if any(w[:1].isupper() for w in tail.split()):
        return value
    if word.lower() in SEASON_WORDS or generic:
        return first.lower() + rest + tail
    return value


def jinja_filters(settings: dict) -> dict:
    def news_json_ld(article) -> dict:
        # Read at render time: the contract's settings are applied after this runs.
        organization = settings.get("ORGANIZATION") or settings["SITENAME"]
        shelf = settings.get("_EDUWEB_PICTURES")
        picture_url = shelf.url if shelf is not None else None
        return news_article_json_ld(article, settings["PUBLIC_URL"], organization, picture_url)

    return {
        "news_json_ld": news_json_ld,
        "sv_date": format_date_sv,
        "sv_weekday": format_weekday_sv,
        "sv_time": format_time_sv,
        "json_ld": json_ld,
        "iso": iso,
        "mid_sentence": mid_sentence,
    }


def jinja_globals(settings: dict) -> dict:
    shown = {
        "urls": urls,
        "asset": settings["_EDUWEB_ASSETS"],
        # The checked settings: BRAND (logo) and ORGANIZATION_CONTACT (footer).
        "identity": settings.get("_EDUWEB_SITE"),
        "logo_url": functools.partial(logo_url, settings),
    }
    shelf = settings.get("_EDUWEB_PICTURES")
    if shelf is not None:
        shown.update(picture=shelf.html, picture_url=shelf.url)
    return shown
