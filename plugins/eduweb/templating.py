"""Jinja2 filters and globals the theme uses."""

from __future__ import annotations

import json

from markupsafe import Markup

from . import urls
from .dates import format_date_sv, format_time_sv, format_weekday_sv


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
    return {
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
