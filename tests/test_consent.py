"""Cookie consent at build level: the settings are checked at start with
messages that name the setting and key, and the banner, dialog, cookie page
and Content-Security-Policy come out of them (issue 5). What the banner does
in a browser is tested in tests/browser/."""

from __future__ import annotations

import gzip
import json
import re
import runpy
import textwrap

import pytest
from conftest import FIXTURE, ROOT, Site
from eduweb.consent import (
    check_consent,
    content_security_policy,
    cookie_pattern,
)
from eduweb.consent_defaults import CATEGORIES, TEXTS
from eduweb.settings_files import setting_line

SETTINGS = runpy.run_path(str(FIXTURE / "pelicanconf.py"))
BUDGET = 5 * 1024  # banner JS + CSS, gzipped
CSS_START = "/* == Cookie consent"
CSS_END = "/* == end of cookie consent == */"


def configure(site: Site, text: str) -> int:
    """Append settings to the site's pelicanconf.py; return the number of
    the line before the first appended one, so line n of `text` is at +n."""
    path = site.root / "pelicanconf.py"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + textwrap.dedent(text), encoding="utf-8")
    return before.count("\n")


def settings_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("pelicanconf.py:")]


def css_section() -> str:
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    start, end = css.index(CSS_START), css.index(CSS_END) + len(CSS_END)
    return css[start:end]


# ------------------------------------------------------ validation at build start
def test_bad_settings_stop_the_build_with_one_line_per_problem(site):
    at = configure(
        site,
        """
        CONSENT = {
            "policy_version": "2",
            "categories": {
                "nodvandiga": {"label": "Nödvändiga", "description": "Behövs.", "cookies": [
                    {"name": "samtycke", "purpose": "Valet.", "lifetime": "1 år", "provider": "Vi"},
                ]},
                "statistik": {
                    "label": "Statistik",
                    "descripton": "Felstavat.",
                    "cookies": [
                        {"name": "_pk_id.*", "purpose": "Id.", "provider": "Matomo"},
                    ],
                },
                "externt-innehall": {
                    "label": "Externt",
                    "description": "Video.",
                    "frame_src": ["http://www.youtube.com"],
                },
            },
        }
        MATOMO = {"url": "http://statistik.example.se", "site_id": 0}
        """,
    )
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    # statistik keeps the default description; the misspelt key is still wrong.
    assert settings_errors(result.stderr) == [
        f"pelicanconf.py:{at + 10}: CONSENT.categories.statistik.descripton: unknown key "
        "(did you mean 'description'?)",
        f"pelicanconf.py:{at + 12}: CONSENT.categories.statistik.cookies[0].lifetime: "
        "is required: write it as text",
        f"pelicanconf.py:{at + 18}: CONSENT.categories.externt-innehall.frame_src[0]: "
        "'http://www.youtube.com' is not an https origin: https:// and the host name "
        "only, without path, spaces, quotes, ; or * (write e.g. "
        "'https://www.youtube-nocookie.com')",
        f"pelicanconf.py:{at + 22}: MATOMO.site_id: 0 is not a site id (write the number, e.g. 1)",
        f"pelicanconf.py:{at + 22}: MATOMO.url: 'http://statistik.example.se' is not the https "
        "address of the Matomo server (write e.g. 'https://statistik.example.se/', "
        "without spaces, quotes, ? or #)",
    ]
    assert "nothing was built" in result.stderr
    assert not result.output.exists()


def test_removed_necessary_category_and_undeclared_matomo_cookies(site):
    at = configure(
        site,
        """
        CONSENT = {"categories": {
            "nodvandiga": None,
            "statistik": {"label": "Statistik", "description": "Räknar besök.", "cookies": []},
        }}
        MATOMO = {"url": "https://statistik.example.se/", "site_id": 3}
        """,
    )
    result = site.build()
    assert result.returncode == 1
    assert settings_errors(result.stderr) == [
        f"pelicanconf.py:{at + 3}: CONSENT.categories.nodvandiga: the category 'nodvandiga' "
        "(necessary cookies, always on) cannot be removed",
        f"pelicanconf.py:{at + 4}: CONSENT.categories.statistik.cookies: Matomo sets "
        "_pk_id.* and _pk_ses.*; list them so the cookie page shows them and withdrawing "
        "consent removes them",
    ]


def test_the_consent_cookie_itself_must_be_declared(site):
    at = configure(
        site,
        """
        CONSENT = {"cookie_name": "val", "categories": {
            "nodvandiga": {"label": "Nödvändiga", "description": "Behövs.", "cookies": []},
        }}
        MATOMO = None
        """,
    )
    result = site.build()
    assert settings_errors(result.stderr) == [
        f"pelicanconf.py:{at + 3}: CONSENT.categories.nodvandiga.cookies: must list the "
        "consent cookie 'val' itself (the cookie page shows every cookie the site sets)"
    ]


def test_the_sample_settings_are_valid():
    consent = check_consent(SETTINGS["CONSENT"], SETTINGS["MATOMO"], "Digitalt ledarskap")
    assert consent.problems == []
    assert [c.key for c in consent.categories] == ["nodvandiga", "statistik", "externt-innehall"]
    assert consent.matomo.url == "https://statistik.digitaltledarskap.example.se/"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_defaults_are_valid_in_both_languages(language):
    consent = check_consent({"language": language}, {"url": "https://s.example.se", "site_id": 1})
    assert consent.problems == []
    assert consent.texts == {k: v.replace("{site}", "") for k, v in TEXTS[language].items()}
    assert [c.label for c in consent.categories] == [
        c["label"] for c in CATEGORIES[language].values()
    ]
    assert consent.matomo.url == "https://s.example.se/"
    assert set(TEXTS["sv"]) == set(TEXTS["en"])


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"langauge": "en"}, [(("CONSENT", "langauge"), "unknown key (did you mean 'language'?)")]),
        ({"language": "de"}, [(("CONSENT", "language"), "'de' is not 'sv' or 'en'")]),
        (
            {"policy_version": " "},
            [
                (
                    ("CONSENT", "policy_version"),
                    "write a version such as '2026-11-01'; change it whenever the cookies change",
                )
            ],
        ),
        (
            {"texts": {"acept": "Ja"}},
            [(("CONSENT", "texts", "acept"), "unknown text (did you mean 'accept'?)")],
        ),
        (
            {"categories": {"kartor": {"summary": "visar kartor", "cookies": []}}},
            [
                (
                    ("CONSENT", "categories", "kartor", "label"),
                    "is required: the category's name, e.g. 'Statistik'",
                ),
                (
                    ("CONSENT", "categories", "kartor", "description"),
                    "is required: what the cookies are used for, in a sentence",
                ),
            ],
        ),
        (
            {"categories": {"Statistik!": {"label": "S", "description": "D"}}},
            [
                (
                    ("CONSENT", "categories", "Statistik!"),
                    "'Statistik!' is not a category key; use a-z, 0-9 and hyphens, "
                    "e.g. 'statistik'",
                )
            ],
        ),
        (
            {
                "categories": {
                    "allt": {
                        "label": "Allt",
                        "description": "Allt.",
                        "cookies": [
                            {"name": "*", "purpose": "x", "lifetime": "x", "provider": "x"},
                        ],
                    }
                }
            },
            [
                (
                    ("CONSENT", "categories", "allt", "cookies", 0, "name"),
                    "'*' is not a cookie name; use the name the cookie is set with, "
                    "with * for any characters (e.g. '_pk_id.*')",
                ),
            ],
        ),
        # Rules across fields are checked once every value is well-formed.
        (
            {
                "categories": {
                    "allt": {
                        "label": "Allt",
                        "description": "Allt.",
                        "cookies": [
                            {"name": "x", "purpose": "x", "lifetime": "x", "provider": "x"},
                            {"name": "sam*", "purpose": "x", "lifetime": "x", "provider": "x"},
                        ],
                    }
                }
            },
            [
                (
                    ("CONSENT", "categories", "allt", "cookies", 1, "name"),
                    "'sam*' matches the consent cookie 'samtycke', which would be removed "
                    "with this category",
                ),
            ],
        ),
        (
            {"categories": {"nodvandiga": {"frame_src": ["https://www.youtube.com"]}}},
            [
                (
                    ("CONSENT", "categories", "nodvandiga", "frame_src"),
                    "external content needs consent; put it in an optional category",
                )
            ],
        ),
    ],
)
def test_setting_rules(settings, expected):
    assert check_consent(settings).problems == expected


def test_matomo_needs_an_optional_statistik_category():
    settings = {"categories": {"statistik": None}}
    problems = check_consent(settings, {"url": "https://s.example.se/", "site_id": "2"}).problems
    assert problems == [
        (
            ("MATOMO",),
            "needs the optional consent category 'statistik' in CONSENT['categories']; "
            "statistics may only run after consent",
        )
    ]


def test_setting_line_finds_the_nearest_written_key():
    source = (
        'A = 1\nCONSENT = {\n    "categories": {\n        "x": {"cookies": [\n'
        '            {"name": "a"},\n        ]},\n    },\n}\n'
    )
    assert setting_line(source, ("CONSENT",)) == 2
    assert setting_line(source, ("CONSENT", "categories", "x", "cookies", 0, "name")) == 5
    assert setting_line(source, ("CONSENT", "categories", "x", "label")) == 4
    assert setting_line(source, ("MATOMO", "url")) == 1
    assert setting_line("not python (", ("CONSENT",)) == 1


def test_cookie_patterns():
    assert cookie_pattern("_pk_id.*").match("_pk_id.1.abcd")
    assert not cookie_pattern("_pk_id.*").match("_pk_idx")
    assert not cookie_pattern("_pk_id.*").match("x_pk_id.1")
    assert cookie_pattern("samtycke").match("samtycke")


# ------------------------------------------------------------ security policy
def test_content_security_policy_allows_only_what_the_categories_load():
    consent = check_consent(SETTINGS["CONSENT"], SETTINGS["MATOMO"])
    matomo = "https://statistik.digitaltledarskap.example.se"
    assert content_security_policy(consent) == (
        "default-src 'self'; "
        f"script-src 'self' {matomo}; "
        "style-src 'self'; "
        f"img-src 'self' data: {matomo}; "
        f"connect-src 'self' {matomo}; "
        "frame-src https://www.youtube-nocookie.com; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    none = check_consent({"categories": {"statistik": None, "externt-innehall": None}})
    assert "frame-src 'none'" in none.csp and "script-src 'self';" in none.csp


# ------------------------------------------------------------------ the banner
PAGES = ["", "nyheter/", "cookies/", "utbildningar/", "404.html"]


@pytest.mark.parametrize("url", PAGES)
def test_banner_is_first_in_every_page_hidden_until_the_script_shows_it(sample_build, url):
    page = sample_build.html(url)
    body = [child for child in page.body.children if child.name]
    banner, dialog, matomo, skip = body[:4]
    assert banner.name == "section" and "js-consent" in banner["class"]
    assert banner.has_attr("hidden")
    assert banner["aria-labelledby"] == "samtycke-rubrik"
    assert page.find(id="samtycke-rubrik").get_text() == "Cookies på Digitalt ledarskap"
    assert dialog.name == "dialog" and not dialog.has_attr("open")
    assert matomo.name == "script" and matomo["type"] == "text/plain"
    assert "skip-link" in skip["class"]

    buttons = [b.get_text(strip=True) for b in banner.find(class_="consent__actions")("button")]
    assert buttons == ["Godkänn alla", "Endast nödvändiga", "Inställningar"]
    assert {tuple(b["class"][:1]) for b in banner.find(class_="consent__actions")("button")} == {
        ("consent__button",)
    }
    assert banner.find("a", href="/cookies/")
    assert [li.strong.get_text() for li in banner.find(class_="consent__categories")("li")] == [
        "Statistik",
        "Externt innehåll",
    ]
    assert "ändra dig när som helst" in banner.get_text()
    confirmation = banner.find(class_="js-consent-confirmation")
    assert confirmation["role"] == "status" and confirmation["tabindex"] == "-1"
    assert confirmation.has_attr("hidden")


def test_dialog_has_a_switch_per_optional_category_and_none_is_ticked(sample_build):
    dialog = sample_build.html("").find("dialog")
    assert dialog["aria-labelledby"] == "samtycke-installningar"
    switches = dialog.find_all("input")
    assert [(s["name"], s["role"], s["type"]) for s in switches] == [
        ("statistik", "switch", "checkbox"),
        ("externt-innehall", "switch", "checkbox"),
    ]
    assert not any(s.has_attr("checked") for s in switches)
    for switch in switches:
        assert dialog.find("label", attrs={"for": switch["id"]})
        assert dialog.find(id=switch["aria-describedby"]).get_text().strip()
    assert [b.get_text() for b in dialog("button")] == ["Spara val", "Avbryt"]
    assert "Alltid på" in dialog.get_text()
    assert "_pk_id.*" in dialog.get_text() and "VISITOR_INFO1_LIVE" in dialog.get_text()


def test_script_configuration_and_gated_matomo(sample_build):
    page = sample_build.html("")
    config = json.loads(page.find(class_="js-consent")["data-config"])
    assert config["cookie"] == "samtycke"
    assert config["version"] == "2026-11-01"
    assert config["categories"] == {
        "statistik": {
            "label": "Statistik",
            "cookies": ["_pk_id.*", "_pk_ses.*", "_pk_ref.*", "_pk_testcookie.*"],
        },
        # Third-party cookies cannot be removed by the page, so they are not listed.
        "externt-innehall": {"label": "Externt innehåll", "cookies": []},
    }
    matomo = page.find("script", attrs={"data-consent": "statistik"})
    assert matomo.attrs == {
        "type": "text/plain",
        "data-consent": "statistik",
        "data-type": "module",
        "data-src": theme_file(sample_build, "js/matomo.mjs"),
        "data-matomo-url": "https://statistik.digitaltledarskap.example.se/",
        "data-matomo-site-id": "1",
    }
    head = page.head
    csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp["content"] == check_consent(SETTINGS["CONSENT"], SETTINGS["MATOMO"]).csp
    tags = [t for t in head.children if t.name]
    assert tags.index(csp) < tags.index(head.find("link", rel="stylesheet"))
    module = head.find("script", type="module")
    assert module["src"] == theme_file(sample_build, "js/consent.mjs")
    assert module["blocking"] == "render"  # shown before the first paint: no layout shift


def test_footer_button_is_hidden_until_the_script_enables_it(sample_build):
    footer = sample_build.html("nyheter/").find("footer")
    item = footer.find("li", class_="js-consent-reveal")
    assert item.has_attr("hidden")
    assert item.button.get_text() == "Cookie-inställningar"
    assert item.button["type"] == "button"
    # Without JavaScript the footer still leads to the cookie page.
    assert footer.find("a", href="/cookies/").get_text() == "Cookies"


def test_no_page_has_inline_script_or_style(sample_build):
    """The Content-Security-Policy forbids them; JSON-LD data blocks are fine."""
    pages = sorted(sample_build.output.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert " style=" not in html and "<style" not in html, path
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "application/ld+json" in attributes:
                continue
            assert not body.strip(), f"inline script in {path}"
            assert 'src="' in attributes, f"script without a file in {path}"
        assert not re.search(r"\son[a-z]+=", html), f"event handler attribute in {path}"


# -------------------------------------------------------------- the cookie page
def test_cookie_page_lists_every_cookie_by_category(sample_build):
    page = sample_build.html("cookies/")
    consent = check_consent(SETTINGS["CONSENT"], SETTINGS["MATOMO"])
    assert page.h1.get_text() == "Cookies"
    assert page.title.get_text() == "Cookies – Digitalt ledarskap"
    sections = page.find_all("section", class_="cookie-page__category")
    assert [s.h2.get_text() for s in sections] == [c.label for c in consent.categories]
    for section, category in zip(sections, consent.categories, strict=True):
        assert category.description in section.get_text()
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in section.tbody("tr")
        ]
        assert rows == [
            [
                c.name,
                c.purpose,
                c.lifetime,
                c.provider + (" (tredje part)" if c.third_party else ""),
            ]
            for c in category.cookies
        ]
        headers = [th.get_text() for th in section.thead("th")]
        assert headers == ["Namn", "Syfte", "Lagringstid", "Leverantör"]
    assert "Alltid på" in sections[0].get_text()
    assert "tredje part sätts av leverantören" in sections[2].get_text()
    assert "samtycke i 12 månader" in page.get_text()
    assert "2026-11-01" in page.find(class_="cookie-page__version").get_text()
    button = page.main.find("button", class_="js-consent-open")
    assert button.get_text() == "Ändra cookie-inställningar"
    assert button.parent.has_attr("hidden")
    assert "JavaScript är avstängt" in page.find(class_="js-consent-noscript").get_text()


def test_cookie_page_is_in_the_sitemap(sample_build):
    assert "/cookies/</loc>" in sample_build.text("sitemap.xml")


# ---------------------------------------------------------- other configurations
def test_a_site_without_consent_settings_gets_the_swedish_defaults(site):
    configure(site, "\ndel CONSENT, MATOMO\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.html("")
    banner = page.find(class_="js-consent")
    assert banner.find("h2").get_text() == "Cookies på Digitalt ledarskap"
    assert "Godkänn alla" in banner.get_text()
    assert not page.find("script", attrs={"data-consent": True})  # no Matomo
    cookies = result.html("cookies/")
    assert "Den här webbplatsen" in cookies.get_text()


def test_english_text_set(site):
    configure(site, '\nCONSENT = {"language": "en"}\n')
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.html("")
    banner = page.find(class_="js-consent")
    assert banner["lang"] == "en" and page.find("dialog")["lang"] == "en"
    assert [b.get_text() for b in banner.find(class_="consent__actions")("button")] == [
        "Accept all",
        "Necessary only",
        "Settings",
    ]
    assert banner.h2.get_text() == "Cookies on Digitalt ledarskap"
    cookies = result.html("cookies/")
    assert cookies.find("article")["lang"] == "en"
    assert [th.get_text() for th in cookies.thead("th")] == [
        "Name",
        "Purpose",
        "Kept for",
        "Provider",
    ]


def test_no_banner_when_no_cookie_needs_consent(site):
    configure(
        site,
        '\nCONSENT = {"categories": {"statistik": None, "externt-innehall": None}}\n'
        "MATOMO = None\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.html("")
    assert not page.find(class_="js-consent") and not page.find("dialog")
    assert not page.find("script", type="module")
    assert not page.find(class_="js-consent-reveal")
    assert "frame-src 'none'" in page.find("meta", attrs={"http-equiv": True})["content"]
    assert result.html("cookies/").find("table")


def theme_file(build, source: str) -> str:
    """The address of a theme file in a build: its hashed name (assets.py),
    which must exist in the output."""
    folder, name = source.rsplit("/", 1)
    stem, ext = name.rsplit(".", 1)
    (found,) = (build.output / "theme" / folder).glob(f"{stem}.*.{ext}")
    return "/" + found.relative_to(build.output).as_posix()


# ------------------------------------------------------------------- the budget
def test_banner_javascript_and_css_stay_within_5_kb_gzipped():
    script = (ROOT / "theme/static/js/consent.mjs").read_bytes()
    size = len(gzip.compress(script, 9)) + len(gzip.compress(css_section().encode(), 9))
    assert size <= BUDGET, f"{size} bytes gzipped"
