"""Jinja2 filters and globals the theme uses."""

from __future__ import annotations

import functools
import json
import re
import weakref

from jinja2 import BytecodeCache, Environment, pass_environment
from jinja2.bccache import Bucket
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


# Argument types a fragment is cached by value; anything else by identity.
_BY_VALUE = (str, int, float, bool, type(None))


def _token(value: object) -> tuple:
    # The type is part of the key: Markup("a &amp; b") == "a &amp; b", yet the
    # two render differently. A tuple of such values (a menu) is cached by value.
    if type(value) is tuple and all(isinstance(v, _BY_VALUE) or type(v) is tuple for v in value):
        return (tuple, tuple(_token(v) for v in value))
    if isinstance(value, _BY_VALUE):
        return (type(value), value)
    return (object, id(value))


class Fragments:
    """Markup that many pages share, rendered once: `fragment(template, macro,
    *args)` in a template is the macro's output for those arguments, as
    `{% from template import macro %}{{ macro(*args) }}` would give it.

    The macro is taken from the template imported without context, so it can
    read nothing but its arguments and the Jinja globals (which are the same
    for every page of a build), and its output depends on nothing else: the
    same arguments give the same markup on every page, in every process and
    in any order of rendering. Arguments are told apart by value (text,
    numbers, tuples of them) or else by identity: the entry keeps them alive,
    so an identity is not reused while it is cached, and the objects a build
    renders are not changed while pages are rendered.

    One cache per Jinja environment: Pelican makes new environments for each
    build (an --autoreload rebuild too), so a rebuild never sees the markup
    of an earlier one (theme files' hashed names, content).
    """

    def __init__(self) -> None:
        self._caches: weakref.WeakKeyDictionary[Environment, dict] = weakref.WeakKeyDictionary()

    @pass_environment
    def render(self, env: Environment, template: str, macro: str, *args, **kwargs) -> Markup:
        cache = self._caches.get(env)
        if cache is None:
            cache = self._caches[env] = {}
        key = (template, macro, *map(_token, args), *((k, _token(v)) for k, v in kwargs.items()))
        entry = cache.get(key)
        if entry is None:
            markup = Markup(getattr(env.get_template(template).module, macro)(*args, **kwargs))
            entry = cache[key] = (markup, args, kwargs)
        return entry[0]


class SharedBytecode(BytecodeCache):
    """Compiled templates shared by the environments of one build: Pelican
    makes one per generator, and each compiled base.html and every component
    again. Kept in memory only; Jinja checks each entry against the
    template's source before it uses it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def jinja_environment(options: dict) -> dict:
    """The Jinja environment options of a build, over the site's own."""
    return {
        **options,
        "autoescape": True,  # front matter values are always escaped
        # Templates do not change during a build, and each build makes new
        # environments: no need to look at every imported template's file
        # each time a page imports it.
        "auto_reload": False,
        "bytecode_cache": SharedBytecode(),
    }


def mark_current(markup: str, url: str) -> Markup:
    """Pre-rendered links (`<a href="/{url}">`) with those to `url` marked
    as the current page, as a template marks them one by one with
    `{% if url == current %} aria-current="page"{% endif %}`."""
    link = Markup('<a href="/{}"').format(url)
    return Markup(str(markup).replace(f"{link}>", f'{link} aria-current="page">'))


def jinja_filters(settings: dict) -> dict:
    def news_json_ld(article, url: str | None = None) -> dict:
        # Read at render time: the contract's settings are applied after this runs.
        organization = settings.get("ORGANIZATION") or settings["SITENAME"]
        shelf = settings.get("_EDUWEB_PICTURES")
        picture_url = shelf.url if shelf is not None else None
        return news_article_json_ld(
            article, settings["PUBLIC_URL"], organization, picture_url, url=url
        )

    return {
        "news_json_ld": news_json_ld,
        "sv_date": format_date_sv,
        "sv_weekday": format_weekday_sv,
        "sv_time": format_time_sv,
        "json_ld": json_ld,
        "iso": iso,
        "mid_sentence": mid_sentence,
        "mark_current": mark_current,
    }


def jinja_globals(settings: dict) -> dict:
    shown = {
        "urls": urls,
        "asset": settings["_EDUWEB_ASSETS"],
        # The checked settings: BRAND (logo) and ORGANIZATION_CONTACT (footer).
        "identity": settings.get("_EDUWEB_SITE"),
        "logo_url": functools.partial(logo_url, settings),
        "fragment": Fragments().render,
    }
    shelf = settings.get("_EDUWEB_PICTURES")
    if shelf is not None:
        shown.update(picture=shelf.html, picture_url=shelf.url)
    return shown
