# ruff: noqa: E501  (the table holds whole lines, as the site owner sees them)
"""Layout and identity (issue 11, item 1): the BRAND colours and their
contrast, the logo, the footer's address block (ORGANIZATION_CONTACT), the
booking badges and names written mid-sentence."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Site
from eduweb import brand, messages
from eduweb.brand import (
    STATUS_COLOURS,
    BrandSettings,
    contrast,
    contrast_problems,
    normalise,
    status_contrast,
    stylesheet,
)
from eduweb.settings_files import SettingsSource
from eduweb.site_settings import check_site_settings
from eduweb.templating import mid_sentence
from pelican.settings import get_settings_from_file

# A settings file with what is required; the line under test comes last.
BASE = (
    "SITENAME = 'Test'\n"
    "PUBLIC_URL = 'https://www.example.se'\n"
    "TIMEZONE = 'Europe/Stockholm'\n"
    "PATH = 'content'\n"
)
LINE = BASE.count("\n") + 1


def setting_lines(tmp: Path, text: str) -> list[str]:
    """The Swedish lines the settings check gives for `text` appended to BASE."""
    (tmp / "content").mkdir(exist_ok=True)
    (tmp / "pelicanconf.py").write_text(BASE + text + "\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp)
    sys.modules.pop("pelicanconf", None)
    try:
        settings = get_settings_from_file("pelicanconf.py")
        messages.set_language("sv")
        errors = check_site_settings(settings, SettingsSource("pelicanconf.py"))[2]
    finally:
        os.chdir(cwd)
        sys.modules.pop("pelicanconf", None)
        messages.set_language(None)
    return [str(error) for error in errors]


def setting(text: str):
    return lambda tmp: setting_lines(tmp, text)


# (key, trigger, the whole Swedish line); tests/test_messages.py holds
# every key of the catalogue to a row here or there.
MESSAGE_CASES = [
    (
        "brand.shape",
        setting("BRAND = 'blå'"),
        f"pelicanconf.py:{LINE}: BRAND: skriv logotyp och färger inom klamrar, t.ex. BRAND = {{'logo': 'images/logo.svg', 'light': {{'primary': '#0b3a5b'}}}}",
    ),
    (
        "brand.scheme_shape",
        setting("BRAND = {'dark': '#000000'}"),
        f"pelicanconf.py:{LINE}: BRAND.dark: skriv färgerna inom klamrar: {{'primary': '#0b3a5b', 'accent': '#0a7a6c', 'background': '#ffffff', 'text': '#1b1b1b'}}",
    ),
    (
        "brand.colour",
        setting("BRAND = {'light': {'primary': 'blå'}}"),
        f"pelicanconf.py:{LINE}: BRAND.light.primary: 'blå' är ingen färg (skriv den som hexkod med #, t.ex. '#0b3a5b')",
    ),
    (
        "brand.logo",
        setting("BRAND = {'logo': 'images/logo.gif'}"),
        f"pelicanconf.py:{LINE}: BRAND.logo: 'images/logo.gif' går inte att använda som logotyp (skriv sökvägen till en SVG- eller PNG-fil under content/ eller theme/static/, t.ex. 'images/logo.svg')",
    ),
    (
        "brand.logo_missing",
        setting("BRAND = {'logo': 'images/saknas.svg'}"),
        f"pelicanconf.py:{LINE}: BRAND.logo: logotypen images/saknas.svg finns varken under content/ eller theme/static/ (lägg filen där, eller rätta sökvägen)",
    ),
    (
        "brand.contrast_text",
        setting("BRAND = {'light': {'text': '#777777'}}"),
        f"pelicanconf.py:{LINE}: BRAND.light: färgen text (#777777) på background (#ffffff) har kontrasten 4.48:1, men text måste ha minst 4.5:1 för att gå att läsa (välj en mörkare eller ljusare färg)",
    ),
    (
        "brand.contrast_ui",
        setting("BRAND = {'dark': {'accent': '#333333'}}"),
        f"pelicanconf.py:{LINE}: BRAND.dark: accent (#333333) mot background (#121519) har kontrasten 1.45:1, men kanter och markeringar måste ha minst 3:1 för att synas (välj en mörkare eller ljusare färg)",
    ),
    (
        "organization_contact.shape",
        setting("ORGANIZATION_CONTACT = ['Box 100']"),
        f"pelicanconf.py:{LINE}: ORGANIZATION_CONTACT: skriv kontaktuppgifterna inom klamrar, t.ex. ORGANIZATION_CONTACT = {{'address': ['Box 100', '100 00 Stockholm'], 'email': 'info@example.se'}}",
    ),
    (
        "organization_contact.address",
        setting("ORGANIZATION_CONTACT = {'address': ['Box 100', 12345]}"),
        f"pelicanconf.py:{LINE}: ORGANIZATION_CONTACT.address: skriv adressen som en lista med en rad per post, t.ex. ['Box 100', '100 00 Stockholm']",
    ),
    (
        "organization_contact.email",
        setting("ORGANIZATION_CONTACT = {'email': 'info.example.se'}"),
        f"pelicanconf.py:{LINE}: ORGANIZATION_CONTACT.email: 'info.example.se' är ingen e-postadress (skriv t.ex. info@example.se)",
    ),
    (
        "organization_contact.phone",
        setting("ORGANIZATION_CONTACT = {'phone': 81234500}"),
        f"pelicanconf.py:{LINE}: ORGANIZATION_CONTACT.phone: 81234500 är inget telefonnummer (skriv det som text, t.ex. '08-123 456 00')",
    ),
    (
        "organization_contact.org_number",
        setting("ORGANIZATION_CONTACT = {'org_number': '2120000000'}"),
        f"pelicanconf.py:{LINE}: ORGANIZATION_CONTACT.org_number: '2120000000' är inget organisationsnummer (skriv tio siffror med bindestreck, t.ex. 212000-0000)",
    ),
]


@pytest.mark.parametrize(
    ("key", "trigger", "expected"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES]
)
def test_each_message_in_swedish(key, trigger, expected, tmp_path):
    assert key in messages.CATALOGUE
    assert expected in trigger(tmp_path)


def test_the_defaults_and_a_full_setting_pass(tmp_path):
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/logo.svg").write_text("<svg/>", encoding="utf-8")
    full = (
        "BRAND = {'logo': 'images/logo.svg', 'light': {'primary': '#036'}}\n"
        "ORGANIZATION_CONTACT = {'address': 'Box 100, 100 00 Stockholm', "
        "'email': 'info@example.se', 'phone': '08-123 456 00', 'org_number': '212000-0000'}"
    )
    assert setting_lines(tmp_path, "") == []
    assert setting_lines(tmp_path, full) == []


# ---------------------------------------------------------------- contrast
@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
        ("#000000", "#ffffff", 21.0),
        ("#fff", "#FFFFFF", 1.0),
        ("#0000ff", "#ffffff", 8.59),  # WebAIM's contrast checker gives the same
        ("#ffffff", "#0000ff", 8.59),  # the order does not matter
        ("#595959", "#ffffff", 7.0),
    ],
)
def test_contrast_ratio(first, second, ratio):
    assert round(contrast(first, second), 2) == ratio


def test_normalise():
    assert normalise("#ABC") == "#aabbcc"
    assert normalise("#0B3A5B") == "#0b3a5b"


def test_the_default_colours_pass_in_both_schemes():
    assert contrast_problems(BrandSettings()) == []


def test_a_failing_pair_names_both_colours_and_the_ratio():
    messages.set_language("en")
    try:
        problems = contrast_problems(BrandSettings.model_validate({"dark": {"text": "#444444"}}))
    finally:
        messages.set_language(None)
    assert [loc for loc, _ in problems] == [("BRAND", "dark")] * 3
    assert problems[0][1].startswith(
        "the colour text (#444444) on background (#121519) has a contrast of "
    )
    assert ":1, but text needs at least 4.5:1" in problems[0][1]


def test_the_light_scheme_is_checked_as_well_as_the_dark():
    problems = contrast_problems(BrandSettings.model_validate({"light": {"primary": "#66aadd"}}))
    assert {loc for loc, _ in problems} == {("BRAND", "light")}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_status_badge_is_readable(scheme):
    ratios = status_contrast(scheme)
    assert set(ratios) == {
        "open",
        "few-places",
        "full",
        "closed",
        "cancelled",
        "ongoing",
        "finished",
    }
    assert min(ratios.values()) >= brand.TEXT, ratios


def test_badge_colours_match_their_meaning():
    """Green says available, amber few, red full: judged by the hue of the
    light scheme's background."""
    import colorsys

    def hue(colour: str) -> float:
        digits = normalise(colour)[1:]
        rgb = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        return colorsys.rgb_to_hls(*rgb)[0] * 360

    light = STATUS_COLOURS["light"]
    assert 90 <= hue(light["open"][1]) <= 160  # green
    assert 30 <= hue(light["few-places"][1]) <= 60  # amber
    assert hue(light["full"][1]) <= 15 or hue(light["full"][1]) >= 345  # red


def test_the_stylesheet_has_both_schemes():
    css = stylesheet(BrandSettings.model_validate({"light": {"primary": "#003366"}}))
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    assert "--color-primary: #003366;" in light
    assert "--color-on-primary: #ffffff;" in light
    assert "--status-open: #14532d;" in light
    assert "--color-primary: #8cc4f0;" in dark
    assert "--color-background: #121519;" in dark
    assert "style" not in css.split("*/", 1)[1]  # properties only


# ---------------------------------------------------------------- mid-sentence
@pytest.mark.parametrize(
    ("name", "generic", "expected"),
    [
        ("Våren 2027", False, "våren 2027"),
        ("Hösten 2024", False, "hösten 2024"),
        ("Vårterminen 2026", False, "vårterminen 2026"),
        ("Ledarskap", False, "Ledarskap"),  # not a season: could be a name
        ("Ledarskap", True, "ledarskap"),  # a tag is a topic
        ("Digital mognad", True, "digital mognad"),
        ("DVIS", True, "DVIS"),  # an abbreviation
        ("eSam", True, "eSam"),
        ("Region Stockholm", True, "Region Stockholm"),  # two capitals: a name
        ("Omgång 2", False, "Omgång 2"),
        ("", True, ""),
        ("2027", True, "2027"),
    ],
)
def test_mid_sentence(name, generic, expected):
    assert mid_sentence(name, generic=generic) == expected


# ---------------------------------------------------------------- pages
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("brand") / "site", with_sample=True)
    site.write("images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nBRAND = dict(BRAND, logo='images/logo.svg')\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    return result


def page(result, path: str) -> BeautifulSoup:
    return BeautifulSoup(result.text(path), "html.parser")


def test_header_has_the_logo_named_by_the_organisation(built):
    link = page(built, "index.html").select_one(".site-header__name")
    img = link.img
    assert img["src"] == "/images/logo.svg"
    assert img["alt"] == "Digitalt ledarskap"
    assert link["href"] == "/"


def test_site_css_starts_with_the_brand_colours(built):
    href = page(built, "index.html").select_one('link[rel="stylesheet"]')["href"]
    css = (built.output / href.lstrip("/")).read_text(encoding="utf-8")
    assert css.startswith("/* Generated from the BRAND setting")
    assert "@media (prefers-color-scheme: dark)" in css
    assert "/* The site's one stylesheet." in css


def test_footer_has_the_address_block(built):
    footer = page(built, "index.html").select_one(".site-footer")
    contact = footer.select_one(".site-footer__contact")
    assert contact.address.get_text("|") == "Digitalt ledarskap|Box 100|100 00 Stockholm"
    details = {
        " ".join(d.dt.get_text().split()): " ".join(d.dd.get_text().split())
        for d in contact.select(".site-footer__details > div")
    }
    assert details == {
        "E-post": "info@digitaltledarskap.example.se",
        "Telefon": "08-123 456 00",
        "Organisationsnummer": "212000-0000",
    }
    assert contact.select_one('a[href^="tel:"]')["href"] == "tel:+46812345600"
    links = [a.get_text() for a in footer.select(".site-footer__links a")]
    assert "Prenumerera på nyheter" in links
    assert not any("Atom" in text for text in links)


def test_tag_page_writes_the_tag_mid_sentence(built):
    tag = page(built, "nyheter/amne/ledarskap/index.html")
    assert tag.h1.get_text() == "Nyheter om ledarskap"
    assert tag.title.get_text().startswith("Nyheter om ledarskap")


def test_contact_cards_show_e_mail_whole(built):
    cards = page(built, "kontakt/index.html").select(".contact-card")
    emails = [a for card in cards for a in card.select("a.u-email")]
    assert emails
    for a in emails:
        assert a.find("wbr") is None  # not broken at "@"
        assert a.get_text() == a["href"].removeprefix("mailto:")


def test_footnote_back_links_have_a_swedish_title():
    from eduweb.markdown_render import make_markdown, render

    html = render(make_markdown(), "Text[^1].\n\n[^1]: Källa.\n")
    back = BeautifulSoup(html, "html.parser").select_one("a.footnote-backref")
    assert back["title"] == "Tillbaka till fotnot 1 i texten"


def test_a_logo_in_the_theme_gets_its_hashed_name(sample_build):
    img = sample_build.html("").select_one(".site-header__logo")
    assert img["src"].startswith("/theme/img/logo.") and img["src"].endswith(".svg")
    assert (sample_build.output / img["src"].lstrip("/")).is_file()
    assert img["alt"] == "Digitalt ledarskap"
