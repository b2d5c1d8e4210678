"""Jinja2 filters and globals the theme uses."""

from __future__ import annotations

import json

from markupsafe import Markup

from . import urls
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
    }


def jinja_globals(settings: dict) -> dict:
    shown = {"urls": urls, "asset": settings["_EDUWEB_ASSETS"]}
    shelf = settings.get("_EDUWEB_PICTURES")
    if shelf is not None:
        shown.update(picture=shelf.html, picture_url=shelf.url)
    return shown
