"""Rendering speed (issue 12): what many pages share is rendered once per
build (templating.Fragments, mark_current), a build's Jinja environments
share their compiled templates, and settings-derived strings are computed
once. The output stays byte for byte what it was: the build of the fixture
site and of the benchmark corpus were compared with `diff -r`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from eduweb.assets import Assets
from eduweb.consent import check_consent
from eduweb.templating import (
    Fragments,
    SharedBytecode,
    jinja_environment,
    jinja_filters,
    jinja_globals,
    mark_current,
)
from jinja2.runtime import Macro
from markupsafe import Markup

THEME = Path(__file__).resolve().parent.parent / "theme" / "templates"
# Pelican's own Jinja options, under the build's.
PELICAN_OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "extensions": []}


def environment(templates: dict[str, str], **globals_) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    env.globals.update(globals_)
    return env


@pytest.fixture
def macro_calls(monkeypatch) -> Counter:
    """How many times each macro (by name) runs."""
    calls: Counter = Counter()
    call = Macro.__call__

    def counted(self, *args, **kwargs):
        calls[self.name] += 1
        return call(self, *args, **kwargs)

    monkeypatch.setattr(Macro, "__call__", counted)
    return calls


class Thing:
    def __init__(self, name: str) -> None:
        self.name = name


def test_a_fragment_is_rendered_once_for_the_same_arguments(macro_calls):
    env = environment(
        {
            "parts.html": "{% macro card(thing, level=2) %}"
            "<h{{ level }}>{{ thing.name }}</h{{ level }}>{% endmacro %}",
            "page.html": '{{ fragment("parts.html", "card", thing, level) }}',
        },
        fragment=Fragments().render,
    )
    page = env.get_template("page.html")
    first, second = Thing("A & B"), Thing("C")
    assert page.render(thing=first, level=2) == "<h2>A &amp; B</h2>"
    assert page.render(thing=first, level=2) == "<h2>A &amp; B</h2>"
    assert macro_calls["card"] == 1
    # Another object, or another argument, is another fragment.
    assert page.render(thing=second, level=2) == "<h2>C</h2>"
    assert page.render(thing=first, level=3) == "<h3>A &amp; B</h3>"
    assert macro_calls["card"] == 3


def test_a_fragment_tells_text_from_markup():
    # Equal as strings, yet one is escaped and the other is not.
    env = environment(
        {
            "parts.html": "{% macro show(value) %}{{ value }}{% endmacro %}",
            "page.html": '{{ fragment("parts.html", "show", value) }}',
        },
        fragment=Fragments().render,
    )
    page = env.get_template("page.html")
    assert page.render(value="<b>") == "&lt;b&gt;"
    assert page.render(value=Markup("<b>")) == "<b>"
    assert page.render(value=("<b>",)) == "(&#39;&lt;b&gt;&#39;,)"


def test_a_fragment_sees_its_arguments_and_the_globals_only():
    """What a page has in its context cannot leak into markup other pages
    reuse: the macro is taken from its template imported without context."""
    env = environment(
        {
            "parts.html": "{% macro show(value) %}"
            "{{ value }}/{{ site }}/{{ page_only }}{% endmacro %}",
            "page.html": '{{ fragment("parts.html", "show", 1) }}',
        },
        fragment=Fragments().render,
        site="S",
    )
    assert env.get_template("page.html").render(page_only="P") == "1/S/"


def test_each_environment_renders_its_own_fragments():
    """Pelican makes new environments for each build (an --autoreload
    rebuild too): a rebuild never reuses the markup of an earlier one."""
    fragments = Fragments()
    templates = {
        "parts.html": "{% macro link() %}{{ asset }}{% endmacro %}",
        "page.html": '{{ fragment("parts.html", "link") }}',
    }
    old = environment(templates, fragment=fragments.render, asset="site.1.css")
    new = environment(templates, fragment=fragments.render, asset="site.2.css")
    assert old.get_template("page.html").render() == "site.1.css"
    assert new.get_template("page.html").render() == "site.2.css"


def test_mark_current_marks_every_link_to_the_page_and_no_other():
    links = Markup(
        '<a href="/kalender/">Alla utbildningar</a>'
        '<a href="/kalender/utbildning/a/">A</a>'
        '<a href="/kalender/">Alla månader</a>'
        '<a href="/kalender/utbildning/a&amp;b/">A&amp;B</a>'
    )
    assert mark_current(links, "kalender/") == Markup(
        '<a href="/kalender/" aria-current="page">Alla utbildningar</a>'
        '<a href="/kalender/utbildning/a/">A</a>'
        '<a href="/kalender/" aria-current="page">Alla månader</a>'
        '<a href="/kalender/utbildning/a&amp;b/">A&amp;B</a>'
    )
    marked = mark_current(links, "kalender/utbildning/a&b/")
    assert marked.count("aria-current") == 1
    assert '<a href="/kalender/utbildning/a&amp;b/" aria-current="page">' in marked
    assert isinstance(marked, Markup)


def test_the_environments_of_a_build_share_their_compiled_templates(monkeypatch):
    templates = {"page.html": "{{ 1 + 1 }}"}
    options = jinja_environment({"trim_blocks": True})
    assert options["autoescape"] is True and options["trim_blocks"] is True
    first = jinja2.Environment(loader=jinja2.DictLoader(templates), **options)
    second = jinja2.Environment(loader=jinja2.DictLoader(templates), **options)
    assert first.get_template("page.html").render() == "2"

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(second, "compile", no_compiling)
    assert second.get_template("page.html").render() == "2"
    # A changed template is compiled, not taken from the cache.
    changed = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ 2 + 2 }}"}), **options)
    assert changed.get_template("page.html").render() == "4"


def test_the_bytecode_cache_is_new_for_each_build():
    assert jinja_environment({})["bytecode_cache"] is not jinja_environment({})["bytecode_cache"]
    assert isinstance(jinja_environment({})["bytecode_cache"], SharedBytecode)


def theme_environment() -> jinja2.Environment:
    """The theme's templates with the build's filters and globals, as a
    generator's environment has them."""
    assets = Assets()
    assets.names = {
        name: name
        for name in ("img/favicon.svg", "css/site.css", "css/print.css", "js/consent.mjs")
    }
    settings = {"_EDUWEB_ASSETS": assets, "SITENAME": "Webbplatsen", "PUBLIC_URL": "https://x.se"}
    options = jinja_environment(PELICAN_OPTIONS)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), **options)
    env.filters.update(jinja_filters(settings))
    env.globals.update(jinja_globals(settings))
    return env


def test_the_parts_every_page_shares_are_rendered_once(macro_calls):
    env = theme_environment()
    context = {
        "SITENAME": "Webbplatsen",
        "SITE_DESCRIPTION": "Om oss",
        "PUBLIC_URL": "https://x.se",
        "MENU": [("Nyheter", "nyheter/"), ("Utbildningar", "utbildningar/")],
        "FOOTER_LINKS": [("Tillgänglighet", "tillganglighet/")],
        "consent": check_consent({}, None, "Webbplatsen"),
    }
    page = env.get_template("404.html")
    pages = [page.render(context, section=section) for section in ("nyheter/", "", "nyheter/")]
    for name in ("site_footer", "cookie_banner", "skip_link", "site_links"):
        assert macro_calls[name] == 1, name
    # The header marks the page's section: one per section.
    assert macro_calls["site_header"] == 2
    assert pages[0] == pages[2] != pages[1]
    assert 'href="/nyheter/" aria-current="page"' in pages[0]
    assert "aria-current" not in pages[1]


def test_the_consent_settings_are_worked_out_once():
    consent = check_consent({}, None, "Webbplatsen")
    assert consent.csp is consent.csp
    assert consent.script_config is consent.script_config
    assert consent.optional is consent.optional


def test_the_calendar_filter_is_rendered_once_and_marks_each_page(macro_calls):
    """Every calendar page lists every programme and month with coming
    sessions: rendered once, not once per page (which grew with the square
    of the number of programmes)."""
    env = theme_environment()
    links = [SimpleNamespace(url=f"kalender/utbildning/p{i}/", label=f"P{i}") for i in range(3)]
    months = [SimpleNamespace(url="kalender/manad/2027-01/", label="januari 2027")]
    context = {
        "SITENAME": "Webbplatsen",
        "PUBLIC_URL": "https://x.se",
        "MENU": [],
        "FOOTER_LINKS": [],
        "calendar_programme_links": links,
        "calendar_month_links": months,
        "calendar_webcal_url": "webcal://x.se/kalender.ics",
        "calendar_months": [],
    }
    page = env.get_template("calendar.html")
    for current in ("kalender/", links[1].url, months[0].url):
        view = SimpleNamespace(url=current, heading="Kalender", description="Träffar")
        html = page.render(context, calendar=view)
        nav = html[
            html.index('<nav class="calendar-filter"') : html.index(
                "</nav>", html.index('<nav class="calendar-filter"')
            )
        ]
        marked = [
            part.split('"')[1] for part in nav.split("<a href=")[1:] if "aria-current" in part
        ]
        assert marked == [f"/{current}"] * (2 if current == "kalender/" else 1)
    assert macro_calls["filter_list"] == 2
