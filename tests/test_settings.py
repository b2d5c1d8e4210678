"""Every setting is checked like content (issue 8, section 3): one schema,
one line per problem at the file and line where the value is written
(pelicanconf.py, publishconf.py or the environment), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, SAMPLE_EPOCH, Site
from eduweb import check
from eduweb.consent import (
    Category,
    Consent,
    check_consent,
    content_security_policy,
)
from eduweb.settings_files import SettingsSource, settings_file_errors
from eduweb.site_settings import check_site_settings
from pelican.settings import get_settings_from_file

SAMPLE = (FIXTURE / "pelicanconf.py").read_text(encoding="utf-8")
PUBLISH_LINE = next(
    n
    for n, line in enumerate((FIXTURE / "publishconf.py").read_text().splitlines(), 1)
    if line.startswith("PUBLIC_URL =")
)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A folder with the fixture site's two settings files and the theme
    (which holds BRAND's logo), as the working folder."""
    for name in ("pelicanconf.py", "publishconf.py"):
        (tmp_path / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "theme").symlink_to(ROOT / "theme")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    # publishconf.py imports pelicanconf: each test reads its own copy.
    monkeypatch.delitem(sys.modules, "pelicanconf", raising=False)
    return tmp_path


def append(folder: Path, text: str, name: str = "pelicanconf.py") -> int:
    """Append settings to a file; line n of `text` is then at the returned + n."""
    path = folder / name
    before = path.read_text(encoding="utf-8")
    path.write_text(before + textwrap.dedent(text), encoding="utf-8")
    return before.count("\n")


def problems(name: str = "pelicanconf.py") -> list[str]:
    """The settings problems of a build with `-s name`, checked in-process."""
    assert settings_file_errors(name) == []
    settings = get_settings_from_file(name)
    _site, _consent, errors = check_site_settings(settings, SettingsSource(name))
    return [str(error) for error in errors]


def test_the_sample_settings_have_no_problems(folder):
    assert problems("pelicanconf.py") == []
    assert problems("publishconf.py") == []


# ------------------------------------------------------------- each setting
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'TIMEZONE = "Europe/Stokholm"',
            "TIMEZONE: 'Europe/Stokholm' is not a time zone (did you mean 'Europe/Stockholm'?)",
        ),
        (
            "NEWS_PER_PAGE = 0",
            "NEWS_PER_PAGE: 0 is not a whole number of at least 1 (write e.g. 10)",
        ),
        (
            'NEWS_PER_PAGE = "10"',
            "NEWS_PER_PAGE: '10' is not a whole number of at least 1 (write e.g. 10)",
        ),
        (
            'HOME_NEWS_COUNT = "4"',
            "HOME_NEWS_COUNT: '4' is not a whole number of at least 0 (write e.g. 10)",
        ),
        (
            "SEARCH_SHARD_PAGES = 0",
            "SEARCH_SHARD_PAGES: 0 is not a whole number of at least 1 (write e.g. 10)",
        ),
        (
            'MENU = [("Nyheter", "nyheter/"), ("Kalender",)]',
            "MENU[1]: expected a pair of a label and an address, e.g. ('Nyheter', 'nyheter/')",
        ),
        (
            'FOOTER_LINKS = [("Cookies", "/cookies/")]',
            "FOOTER_LINKS[0]: '/cookies/' is not an address inside the site; write it "
            "without a leading slash, e.g. ('Nyheter', 'nyheter/')",
        ),
        (
            "HOME_NEWS_COUNTS = 4",
            "HOME_NEWS_COUNTS: unknown setting (did you mean HOME_NEWS_COUNT?)",
        ),
        (
            'SITEURL = "https://x.se"',
            "SITEURL: keep it empty; links are root-relative and PUBLIC_URL is used where "
            "an absolute address is needed",
        ),
        (
            'PUBLIC_URL = "https://x.se/"',
            "PUBLIC_URL: 'https://x.se/' must be the site's public address without a path "
            "or trailing slash, e.g. https://www.example.se",
        ),
        ('SITENAME = ""', "SITENAME: write the site's name, e.g. SITENAME = 'Digitalt ledarskap'"),
        (
            'STATIC_PATHS = ["../etc"]',
            "STATIC_PATHS[0]: '../etc' is not a folder name (write e.g. 'images')",
        ),
        (
            'MATOMO = {"url": "https://s.example.se/", "site_id": 1, "siteid": 2}',
            "MATOMO.siteid: unknown key (did you mean 'site_id'?)",
        ),
    ],
)
def test_each_problem_is_one_line_at_the_line_it_is_written(folder, text, expected):
    at = append(folder, "\n" + text + "\n")
    assert problems() == [f"pelicanconf.py:{at + 2}: {expected}"]


def test_nested_keys_are_found_at_their_own_line(folder):
    at = append(
        folder,
        """
        CONSENT = {
            "categories": {
                "statistik": {
                    "cookies": [
                        {
                            "name": "_pk id",
                            "purpose": "Id.",
                            "lifetime": "13 månader",
                            "provider": "Matomo",
                        },
                    ],
                },
            },
        }
        MATOMO = None
        """,
    )
    assert problems() == [
        f"pelicanconf.py:{at + 7}: CONSENT.categories.statistik.cookies[0].name: '_pk id' is "
        "not a cookie name; use the name the cookie is set with, with * for any characters "
        "(e.g. '_pk_id.*')"
    ]


def test_a_missing_setting_is_reported_at_the_top_of_the_file(folder):
    append(folder, "\ndel TIMEZONE\n")
    assert problems() == [
        "pelicanconf.py:1: TIMEZONE: is missing: write TIMEZONE = 'Europe/Stockholm'"
    ]


# --------------------------------------------------- which file, or the environment
def test_a_value_from_publishconf_is_blamed_on_publishconf(folder):
    at = append(
        folder,
        """
        PUBLIC_URL = "https://www.example.se/ny"
        CONSENT = {"categories": {"statistik": {"summry": "räknar besök"}}}
        """,
        "publishconf.py",
    )
    assert problems("publishconf.py") == [
        f"publishconf.py:{at + 2}: PUBLIC_URL: 'https://www.example.se/ny' must be the site's "
        "public address without a path or trailing slash, e.g. https://www.example.se",
        f"publishconf.py:{at + 3}: CONSENT.categories.statistik.summry: unknown key "
        "(did you mean 'summary'?)",
    ]
    # The same files read as pelicanconf.py alone have no problem.
    assert problems("pelicanconf.py") == []


def test_a_value_from_pelicanconf_is_blamed_there_when_publishing(folder):
    at = append(folder, '\nNEWS_PER_PAGE = "10"\n')
    assert problems("publishconf.py") == [
        f"pelicanconf.py:{at + 2}: NEWS_PER_PAGE: '10' is not a whole number of at least 1 "
        "(write e.g. 10)"
    ]


def test_public_url_falls_back_to_pelicanconf_without_the_environment_variable(folder):
    text = (folder / "pelicanconf.py").read_text(encoding="utf-8")
    text = text.replace('PUBLIC_URL = "https://digitaltledarskap.example.se"', 'PUBLIC_URL = "x"')
    (folder / "pelicanconf.py").write_text(text, encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("PUBLIC_URL ="))
    assert problems("publishconf.py") == [
        f"pelicanconf.py:{line}: PUBLIC_URL: 'x' must be the site's public address without "
        "a path or trailing slash, e.g. https://www.example.se"
    ]


def test_a_value_from_the_environment_says_so(folder, monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://www.example.se/")
    assert problems("publishconf.py") == [
        f"publishconf.py:{PUBLISH_LINE}: PUBLIC_URL: 'https://www.example.se/' must be the "
        "site's public address without a path or trailing slash, e.g. "
        "https://www.example.se (from the environment variable PUBLIC_URL)"
    ]


# ------------------------------------------------------------ files that do not run
def test_a_syntax_error_is_one_line_at_its_line(folder):
    at = append(folder, "\nMENU = [\n    ('Nyheter', 'nyheter/'),\n")
    assert [str(e) for e in settings_file_errors("pelicanconf.py")] == [
        f"pelicanconf.py:{at + 2}: syntax error: '[' was never closed"
    ]
    # Through publishconf.py, the line in pelicanconf.py is still the one shown.
    assert [str(e) for e in settings_file_errors("publishconf.py")] == [
        f"pelicanconf.py:{at + 2}: syntax error: '[' was never closed"
    ]


def test_an_error_while_the_file_runs_is_one_line_at_its_line(folder):
    at = append(folder, '\nX = CONSENTS["categories"]\n', "publishconf.py")
    assert [str(e) for e in settings_file_errors("publishconf.py")] == [
        f"publishconf.py:{at + 2}: NameError: name 'CONSENTS' is not defined"
    ]


# ---------------------------------------------------------------- consent
def test_one_field_of_a_default_category_can_be_changed_alone():
    consent = check_consent({"categories": {"statistik": {"summary": "räknar besök"}}})
    defaults = check_consent({})
    assert consent.problems == []
    changed = {c.key: c for c in consent.categories}["statistik"]
    default = {c.key: c for c in defaults.categories}["statistik"]
    assert changed.summary == "räknar besök"
    assert changed == Category(**{**default.__dict__, "summary": "räknar besök"})
    assert consent.categories[0] == defaults.categories[0]
    assert consent.categories[2] == defaults.categories[2]


def test_a_default_category_can_be_removed_and_new_ones_come_after():
    consent = check_consent(
        {
            "categories": {
                "externt-innehall": None,
                "kartor": {"label": "Kartor", "description": "Visar kartor."},
            }
        }
    )
    assert consent.problems == []
    assert [c.key for c in consent.categories] == ["nodvandiga", "statistik", "kartor"]


def test_the_consent_cookie_name_carries_over_to_the_default_category():
    consent = check_consent({"cookie_name": "val"})
    assert consent.problems == []
    assert consent.categories[0].cookies[0].name == "val"


def test_the_shorter_sample_consent_gives_the_same_configuration_as_before():
    settings = get_settings_from_file(str(FIXTURE / "pelicanconf.py"))
    now = check_consent(settings["CONSENT"], settings["MATOMO"], "Digitalt ledarskap")
    before = check_consent(OLD_SAMPLE_CONSENT, settings["MATOMO"], "Digitalt ledarskap")
    assert now.problems == before.problems == []
    assert now == before
    # Only what differs from the defaults is written out now.
    assert set(settings["CONSENT"]) == {"policy_version", "categories"}
    assert set(settings["CONSENT"]["categories"]) == {"nodvandiga", "statistik"}
    assert all(set(c) == {"cookies"} for c in settings["CONSENT"]["categories"].values())


@pytest.mark.parametrize(
    "origin",
    [
        "https://www.youtube-nocookie.com; script-src *",
        "https://www.youtube-nocookie.com 'unsafe-inline'",
        "https://*.youtube.com",
        "*",
        "https://www.youtube-nocookie.com/embed/",
        "https://www.youtube-nocookie.com?x=1",
        "http://www.youtube-nocookie.com",
        "https://user@www.youtube-nocookie.com",
        "https://www.youtube-nocookie.com\n",
        "'self'",
    ],
)
def test_frame_src_takes_only_https_origins(origin):
    settings = {"categories": {"externt-innehall": {"frame_src": [origin]}}}
    consent = check_consent(settings)
    assert consent.problems == [
        (
            ("CONSENT", "categories", "externt-innehall", "frame_src", 0),
            f"{origin!r} is not an https origin: https:// and the host name only, without "
            "path, spaces, quotes, ; or * (write e.g. 'https://www.youtube-nocookie.com')",
        )
    ]


def test_the_policy_is_built_only_from_checked_hosts():
    ok = check_consent({"categories": {"externt-innehall": {"frame_src": ["https://v.se/"]}}})
    assert "frame-src https://v.se;" in ok.csp
    forged = Consent(
        "1",
        "samtycke",
        "sv",
        {},
        (Category("video", "Video", "Video.", frame_src=("https://v.se; script-src *",)),),
    )
    with pytest.raises(ValueError, match="not an https origin"):
        content_security_policy(forged)


@pytest.mark.parametrize(
    "url",
    [
        "https://statistik.example.se/ ",
        "https://statistik example.se/",
        'https://statistik.example.se/"onload="x',
        "https://statistik.example.se/'",
        "https://statistik.example.se/\x00",
        "https://statistik.example.se/?x=1",
        "https://statistik.example.se/#x",
        "https://user@statistik.example.se/",
        "http://statistik.example.se/",
        "javascript:alert(1)",
        "//statistik.example.se/",
        "https://statistik.example.se/a b/",
        "",
        None,
    ],
)
def test_matomo_url_is_strictly_checked(url):
    problems = check_consent({}, {"url": url, "site_id": 1}).problems
    assert problems == [
        (
            ("MATOMO", "url"),
            f"{url!r} is not the https address of the Matomo server (write e.g. "
            "'https://statistik.example.se/', without spaces, quotes, ? or #)",
        )
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://statistik.example.se", "https://statistik.example.se/"),
        ("https://example.se/matomo/", "https://example.se/matomo/"),
        ("https://example.se:8443/matomo", "https://example.se:8443/matomo/"),
    ],
)
def test_matomo_urls_that_are_fine(url, expected):
    consent = check_consent({}, {"url": url, "site_id": "3"})
    assert consent.problems == []
    assert consent.matomo.url == expected


# ------------------------------------------------------------ whole commands
def run(site: Site, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(SAMPLE_EPOCH), **(env or {}))
    environment.pop("PUBLIC_URL", None) if "PUBLIC_URL" not in (env or {}) else None
    environment["PYTHONPATH"] = "plugins"
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=site.root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_publishing_with_a_bad_address_from_the_environment(site):
    args = ("pelican", "content", "-s", "publishconf.py", "-o", "output", "--fatal", "warnings")
    result = run(site, *args, env={"PUBLIC_URL": "https://www.example.se/"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[0] == (
        f"publishconf.py:{PUBLISH_LINE}: PUBLIC_URL: 'https://www.example.se/' must be the "
        "site's public address without a path or trailing slash, e.g. "
        "https://www.example.se (from the environment variable PUBLIC_URL)"
    )
    assert not (site.root / "output").exists()


def test_build_and_check_report_the_same_settings_problems(site, capsys, monkeypatch):
    path = site.root / "pelicanconf.py"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\nNEWS_PER_PAGE = 0\nHOME_NEWS_COUNTS = 2\n", encoding="utf-8")
    line = before.count("\n") + 2
    expected = [
        f"pelicanconf.py:{line}: NEWS_PER_PAGE: 0 is not a whole number of at least 1 "
        "(write e.g. 10)",
        f"pelicanconf.py:{line + 1}: HOME_NEWS_COUNTS: unknown setting "
        "(did you mean HOME_NEWS_COUNT?)",
    ]
    built = site.build()
    assert built.returncode == 1
    assert [s for s in built.stderr.splitlines() if s.startswith("pelicanconf.py:")] == expected
    monkeypatch.chdir(site.root)
    monkeypatch.delitem(sys.modules, "pelicanconf", raising=False)
    assert check.main(["pelicanconf.py"]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == expected


def test_check_reports_a_syntax_error_in_one_line(site):
    path = site.root / "pelicanconf.py"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\nMENU = [\n", encoding="utf-8")
    result = run(site, "eduweb.check", "--settings-only", "pelicanconf.py")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"pelicanconf.py:{before.count(chr(10)) + 2}: syntax error: '[' was never closed",
        "1 problem in 1 file; nothing was built and the previous output was left as it was",
    ]


# The sample site's CONSENT before it was laid over the defaults: every key written out.
_matomo_provider = "Digitalt ledarskap (Matomo på egen server)"
OLD_SAMPLE_CONSENT = {
    "policy_version": "2026-11-01",
    "language": "sv",
    "categories": {
        "nodvandiga": {
            "label": "Nödvändiga",
            "description": (
                "Behövs för att webbplatsen ska fungera och för att komma ihåg ditt "
                "val om cookies. De kräver inte samtycke."
            ),
            "cookies": [
                {
                    "name": "samtycke",
                    "purpose": "Sparar vilka cookies du har godkänt och när du gjorde ditt val.",
                    "lifetime": "12 månader",
                    "provider": "Digitalt ledarskap",
                },
            ],
        },
        "statistik": {
            "label": "Statistik",
            "summary": "hjälper oss att se hur webbplatsen används, så att vi kan förbättra den",
            "description": (
                "Hjälper oss att förstå hur webbplatsen används, till exempel vilka sidor "
                "som besöks mest, så att vi kan förbättra den. Vi använder Matomo på vår "
                "egen server och delar inte uppgifterna med någon annan."
            ),
            "cookies": [
                {
                    "name": "_pk_id.*",
                    "purpose": "Känner igen din webbläsare mellan besök med ett slumpat id.",
                    "lifetime": "13 månader",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_ses.*",
                    "purpose": "Håller ihop sidvisningarna under ett besök.",
                    "lifetime": "30 minuter",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_ref.*",
                    "purpose": "Sparar vilken webbplats du kom från.",
                    "lifetime": "6 månader",
                    "provider": _matomo_provider,
                },
                {
                    "name": "_pk_testcookie.*",
                    "purpose": "Kontrollerar att webbläsaren tar emot cookies.",
                    "lifetime": "Tas bort direkt",
                    "provider": _matomo_provider,
                },
            ],
        },
        "externt-innehall": {
            "label": "Externt innehåll",
            "summary": "visar videor från YouTube direkt på sidorna",
            "description": (
                "Visar innehåll från andra webbplatser, till exempel videor från YouTube. "
                "När du spelar en video kan YouTube (Google) sätta cookies och spara "
                "uppgifter i din webbläsare. Utan samtycke visas en länk till videon i stället."
            ),
            # The hosts such content is loaded from (the Content-Security-Policy's frame-src).
            "frame_src": ["https://www.youtube-nocookie.com"],
            "cookies": [
                {
                    "name": name,
                    "purpose": (
                        "Sätts av YouTube när du spelar en video, bland annat för att "
                        "räkna visningar och anpassa uppspelningen."
                    ),
                    "lifetime": lifetime,
                    "provider": "YouTube (Google)",
                    "third_party": True,
                }
                for name, lifetime in [
                    ("VISITOR_INFO1_LIVE", "6 månader"),
                    ("VISITOR_PRIVACY_METADATA", "6 månader"),
                    ("YSC", "Tills du stänger webbläsaren"),
                ]
            ],
        },
    },
}
