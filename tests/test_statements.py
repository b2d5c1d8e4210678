"""The accessibility statement /tillganglighet/ and the privacy notice
/personuppgifter/ from settings, and "Sidansvarig" / "Senast uppdaterad"
on every article, programme and page (issue 11, points 3 and 4)."""

from __future__ import annotations

import copy
import datetime as dt
import os
import runpy
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE, SAMPLE_EPOCH
from eduweb import messages, page_facts
from eduweb.content_index import Document, SiteIndex, scan
from eduweb.settings_files import SettingsSource
from eduweb.site_settings import build_problems, check_site_settings, site_statements
from eduweb.statements_defaults import SUPERVISOR

SETTINGS = runpy.run_path(str(FIXTURE / "pelicanconf.py"))
SETTINGS = {k: v for k, v in SETTINGS.items() if k.isupper()}
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime.fromtimestamp(SAMPLE_EPOCH, dt.UTC)  # 2026-11-23 12:00 UTC


def problems(**changes) -> list[str]:
    """The settings problems of the fixture's settings with `changes`
    (None deletes a key), as `field: message`, as a build checks them."""
    settings = copy.deepcopy(SETTINGS)
    for key, value in changes.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    source = SettingsSource.from_text("", "pelicanconf.py")
    model, _consent, errors = check_site_settings(settings, source)
    if not errors:
        errors = [source.error(loc, m) for loc, m in build_problems(model)]
    return [f"{e.field}: {e.message}" for e in errors]


def accessibility(**changes) -> dict:
    value = copy.deepcopy(SETTINGS["ACCESSIBILITY"])
    for key, item in changes.items():
        if item is None:
            value.pop(key, None)
        else:
            value[key] = item
    return value


def privacy(**changes) -> dict:
    value = copy.deepcopy(SETTINGS["PRIVACY"])
    value.update(changes)
    return value


def statements(**changes):
    settings = {**copy.deepcopy(SETTINGS), **changes}
    model, _consent, errors = check_site_settings(
        settings, SettingsSource.from_text("", "pelicanconf.py")
    )
    assert errors == []
    return site_statements(model)


# ------------------------------------------------------------ the settings
def test_the_fixture_settings_are_valid():
    assert problems() == []


def test_a_statement_cannot_contradict_itself():
    gap = {"description": "Filmer saknar undertexter."}
    assert problems(ACCESSIBILITY=accessibility(status="helt", gaps=[gap])) == [
        "ACCESSIBILITY.status: 'helt' (fully compliant) contradicts the gaps or "
        "disproportionate_burden listed (write 'delvis', or remove the gaps that are fixed)"
    ]
    assert problems(ACCESSIBILITY=accessibility(status="inte", gaps=[])) == [
        "ACCESSIBILITY.gaps: inte förenlig needs the gaps listed: write what is not "
        "accessible under gaps (or disproportionate_burden), or set status to 'helt'"
    ]
    # Exempted content is a gap too: "delvis" with only that is consistent.
    burden = {"description": "Gamla kartor.", "reason": "Kostar 2 miljoner att göra om."}
    assert problems(ACCESSIBILITY=accessibility(gaps=[], disproportionate_burden=[burden])) == []
    # Fully compliant, with content outside the law: consistent.
    assert problems(ACCESSIBILITY=accessibility(status="helt", gaps=[])) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"status": "kanske"},
            "ACCESSIBILITY.status: 'kanske' is not one of the law's wordings "
            "(write 'helt', 'delvis' or 'inte')",
        ),
        (
            {"assessed": "20 november"},
            "ACCESSIBILITY.assessed: '20 november' is not a date (write YYYY-MM-DD)",
        ),
        (
            {"updated": "2026-11-01"},
            "ACCESSIBILITY.updated: 2026-11-01 is before the assessment 2026-11-20 "
            "(updated cannot be before assessed)",
        ),
        (
            {"contact": {"email": "tillganglighet"}},
            "ACCESSIBILITY.contact.email: 'tillganglighet' is not an e-mail address "
            "(write e.g. 'webb@example.se')",
        ),
        (
            {"contact": "tillganglighet@example.se"},
            'ACCESSIBILITY.contact: must be a group of keys and values in braces, e.g. {"email": '
            '"webb@example.se"}',
        ),
        (
            {"reply_time": None},
            "ACCESSIBILITY.reply_time: is required (see docs/content-model.md, the section on "
            "the statements)",
        ),
        (
            {"gaps": "Filmer"},
            'ACCESSIBILITY.gaps: must be a list in brackets, e.g. [{"description": "…", '
            '"reason": "…"}]',
        ),
        (
            {"supervisor": {"name": "Digg", "complaint_url": "http://www.digg.se/tdosanmalan"}},
            "ACCESSIBILITY.supervisor.complaint_url: 'http://www.digg.se/tdosanmalan' is not an "
            "https address (write e.g. 'https://www.digg.se/tdosanmalan')",
        ),
    ],
)
def test_accessibility_values(changes, expected):
    assert problems(ACCESSIBILITY=accessibility(**changes)) == [expected]


def test_privacy_values():
    bad = privacy(controller={"org_number": "2120000000", "email": "registrator@example.se"})
    assert problems(PRIVACY=bad) == [
        "PRIVACY.controller.org_number: '2120000000' is not an organisation number (write ten "
        "digits with a hyphen, e.g. '212000-0000')"
    ]
    # A default processor without the name only the site knows.
    assert problems(PRIVACY=privacy(processors={"git": {"name": "GitHub"}})) == [
        "PRIVACY.processors.webbhotell.name: is required (see docs/content-model.md, the "
        "section on the statements)"
    ]
    named = {
        "webbhotell": {"name": "A"},
        "git": {"name": "B"},
        "Moln Tjänst": {"name": "C", "role": "D"},
    }
    assert problems(PRIVACY=privacy(processors=named)) == [
        "PRIVACY.processors.Moln Tjänst: 'Moln Tjänst' is not a usable key "
        "(use a-z, 0-9 and hyphens, e.g. 'webbhotell')"
    ]


def test_a_build_needs_both_statements_linked_from_the_footer():
    assert problems(ACCESSIBILITY=None, PRIVACY=None) == [
        "ACCESSIBILITY: is missing: the accessibility statement (/tillganglighet/) is built "
        "from it and the law requires one (see docs/content-model.md)",
        "PRIVACY: is missing: the privacy notice (/personuppgifter/) is built from it "
        "(see docs/content-model.md)",
    ]
    links = [link for link in SETTINGS["FOOTER_LINKS"] if link[1] != "personuppgifter/"]
    assert problems(FOOTER_LINKS=links) == [
        "FOOTER_LINKS: the link to personuppgifter/ is missing; it must be reachable from "
        'every page (add ("Personuppgifter", "personuppgifter/"))'
    ]


def test_defaults_are_laid_over_key_by_key():
    built = statements()
    assert built.compliance == "delvis förenlig"
    assert built.organization == built.controller_name == "Digitalt ledarskap"
    assert (built.supervisor.name, built.supervisor.complaint_url) == (
        SUPERVISOR["name"],
        "https://www.digg.se/tdosanmalan",
    )
    titles = [p.title for p in built.processing]
    assert titles == [
        "När du skriver till oss",
        "När du anmäler dig till en utbildning",
        "Besöksstatistik",
        "När du besöker webbplatsen",
    ]
    # Without statistics the statistics processing is not listed; one key
    # changed keeps the others; None removes one.
    own = privacy(processing={"anmalan": None, "e-post": {"retention": "Två år."}})
    built = statements(MATOMO=None, PRIVACY=own)
    assert [p.title for p in built.processing] == [
        "När du skriver till oss",
        "När du besöker webbplatsen",
    ]
    assert built.processing[0].retention == "Två år."
    assert built.processing[0].legal_basis.startswith("Uppgift av allmänt intresse")


def test_a_page_at_a_statements_address_says_where_its_facts_go(tmp_path):
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "tillganglighet.md").write_text("---\ntitle: Tillgänglighet\n---\nText.\n")
    (pages / "integritet.md").write_text(
        "---\ntitle: Integritet\nslug: personuppgifter\n---\nText.\n"
    )
    errors = [str(e) for e in scan(content_settings(tmp_path)).errors]
    assert errors == [
        "content/pages/integritet.md:3: slug: /personuppgifter/ is built from the setting "
        "PRIVACY in pelicanconf.py (remove the file and write its facts there, or give the "
        "page another slug:)",
        "content/pages/tillganglighet.md:1: slug: /tillganglighet/ is built from the setting "
        "ACCESSIBILITY in pelicanconf.py (remove the file and write its facts there, or give "
        "the page another slug:)",
    ]


def content_settings(root: Path) -> dict:
    return {
        "PATH": str(root / "content"),
        "_eduweb_tz": STOCKHOLM,
        "STATIC_PATHS": ["images"],
        "_EDUWEB_NOW": NOW,
        "SITENAME": "Webbplatsen",
    }


# ------------------------------------------------------------- the pages
def test_accessibility_statement_has_every_required_element(sample_build):
    page = sample_build.html("tillganglighet/")
    text = page.main.get_text(" ", strip=True)
    assert page.h1.get_text() == "Tillgänglighetsredogörelse"
    assert page.title.get_text() == "Tillgänglighetsredogörelse – Digitalt ledarskap"
    # Organisation and site; the status in the law's wording.
    assert "Digitalt ledarskap står bakom webbplatsen Digitalt ledarskap" in text
    assert page.find(class_="statement__status").strong.get_text() == "delvis förenlig"
    assert "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet" in text
    # Known gaps with the criterion and the fix; content outside the law with its reason.
    assert "saknar ibland undertexter. (WCAG 1.2.2) Vi textar" in text
    assert "Innehåll som inte omfattas av lagkraven" in text and "Skäl: Lagen gäller" in text
    # How and when it was assessed; when it was updated.
    assert "Vi har gjort en självskattning" in text
    times = [t["datetime"] for t in page.main.find_all("time")]
    assert times == ["2026-11-20", "2026-11-23"]
    # How to report a problem, and the reply time.
    assert page.main.find("a", href="mailto:tillganglighet@example.se")
    assert "Vi svarar normalt inom fem arbetsdagar" in text
    # The supervising authority and its complaint service.
    complaint = page.find("a", class_="statement__complaint")
    assert complaint["href"] == "https://www.digg.se/tdosanmalan"
    assert "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn" in text
    # The in-page link leads to its heading.
    assert page.find(id="otillgangligt-innehall")


def test_privacy_notice_has_controller_purposes_processors_rights_and_imy(sample_build):
    page = sample_build.html("personuppgifter/")
    text = page.main.get_text(" ", strip=True)
    assert page.h1.get_text() == "Personuppgifter"
    assert "Organisationsnummer: 212000-0000" in text
    assert page.main.find("a", href="mailto:dataskyddsombud@example.se")
    headings = [h.get_text() for h in page.main.find_all("h3")]
    assert "Besöksstatistik" in headings  # the fixture runs Matomo
    assert "Ditt samtycke (artikel 6.1 a" in text
    assert page.main.find("a", href="/cookies/")
    assert "Exempel Hosting AB (Sverige): Driftar webbservern" in text
    assert "GitHub, Inc. (USA)" in text
    rights = [dt_.get_text() for dt_ in page.main.find_all("dl")[-1].find_all("dt")]
    assert rights == [
        "Rätt till tillgång",
        "Rätt till rättelse",
        "Rätt till radering",
        "Rätt till begränsning",
        "Rätt att göra invändningar",
        "Rätt till dataportabilitet",
    ]
    imy = page.main.find(
        "a", href="https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"
    )
    assert imy.get_text() == "Lämna ett klagomål till Integritetsskyddsmyndigheten (IMY)"


@pytest.mark.parametrize("url", ["", "nyheter/", "tillganglighet/", "personuppgifter/"])
def test_every_footer_links_both_statements(sample_build, url):
    footer = sample_build.html(url).find("footer")
    assert footer.find("a", href="/tillganglighet/").get_text() == "Tillgänglighetsredogörelse"
    assert footer.find("a", href="/personuppgifter/").get_text() == "Personuppgifter"


def test_statements_are_in_the_sitemap(sample_build):
    sitemap = sample_build.text("sitemap.xml")
    assert "/tillganglighet/</loc>" in sitemap and "/personuppgifter/</loc>" in sitemap


# ------------------------------------------------- owner and last update
def facts_of(page) -> tuple[str, str, str]:
    facts = page.find("dl", class_="page-facts")
    owner, updated = facts.find_all("dd")
    return owner.get_text(), updated.time["datetime"], updated.time.get_text()


def test_every_article_programme_and_page_shows_owner_and_last_update(sample_build):
    articles = list((sample_build.output / "nyheter").glob("[0-9]*/*/index.html"))
    programmes = list((sample_build.output / "utbildningar").glob("*/index.html"))
    assert articles and programmes
    for path in [*articles, *programmes, sample_build.output / "om-webbplatsen/index.html"]:
        html = path.read_text(encoding="utf-8")
        assert '<dl class="page-facts">' in html, path
        assert "<dt>Sidansvarig:</dt><dd>Kommunikationsenheten</dd>" in html, path
        assert '<dt>Senast uppdaterad:</dt><dd><time datetime="' in html, path


def test_last_update_of_a_page_without_history_is_clamped_to_the_build(sample_build):
    """The fixture's files are copied (now) and not in git: the date is the
    file's time, clamped to SOURCE_DATE_EPOCH: reproducible."""
    page = sample_build.html("om-webbplatsen/")
    assert facts_of(page) == ("Kommunikationsenheten", "2026-11-23", "23 november 2026")


def test_an_article_shows_its_modified_date_else_its_date(sample_build):
    for path in (sample_build.output / "nyheter").glob("[0-9]*/*/index.html"):
        page = sample_build.html(str(path.parent.relative_to(sample_build.output)) + "/")
        published = page.find(class_="article-meta").time["datetime"]
        _owner, updated, _text = facts_of(page)
        assert updated >= published, path


def test_owner_of_the_file_wins(site):
    site.write("pages/om-oss.md", "---\ntitle: Om oss\nowner: Utbildningsenheten\n---\nText.\n")
    site.write(
        "news/2024/nyhet.md",
        "---\ntitle: Nyhet\ndate: 2024-06-03\nmodified: 2024-07-01 10:00\n---\nText.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert facts_of(result.html("om-oss/"))[0] == "Utbildningsenheten"
    assert facts_of(result.html("nyheter/2024/nyhet/")) == (
        "Kommunikationsenheten",
        "2024-07-01",
        "1 juli 2024",
    )


# ---------------------------------------------------------- git dates
def git(repo: Path, *args: str, when: str = "2025-03-04T05:06:07+01:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.se",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.se",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_commit_dates_come_from_one_git_log(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    first, second = content / "pages" / "å ä.md", content / "pages" / "b.md"
    first.write_text("1")
    second.write_text("1")
    (tmp_path / "other.md").write_text("outside content")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "1", when="2024-01-02T03:04:05+01:00")
    first.write_text("2")
    git(tmp_path, "commit", "-qam", "2", when="2025-03-04T05:06:07+01:00")
    dates = page_facts.commit_dates(str(content))
    assert dates == {
        str(first): dt.datetime.fromisoformat("2025-03-04T05:06:07+01:00"),
        str(second): dt.datetime.fromisoformat("2024-01-02T03:04:05+01:00"),
    }


def test_without_git_or_history_there_are_no_commit_dates(tmp_path, monkeypatch):
    assert page_facts.commit_dates(str(tmp_path)) == {}  # not a repository
    monkeypatch.setenv("PATH", str(tmp_path))  # no git program at all
    assert page_facts.commit_dates(str(tmp_path)) == {}


def test_one_git_command_per_build_whatever_the_number_of_files(tmp_path, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(page_facts.subprocess, "run", counting)
    index = SiteIndex()
    for i in range(20):
        path = tmp_path / f"p{i}.md"
        path.write_text("x")
        index.documents[str(path)] = page_document(path)
    settings = {**content_settings(tmp_path), "PATH": str(tmp_path)}
    facts = page_facts.page_facts(index, settings)
    assert len(facts) == 20 and len(calls) == 1


def page_document(path: Path, **meta) -> Document:
    class Meta:
        owner = meta.get("owner")
        date = meta.get("date")
        modified = meta.get("modified")

    kind = "news" if meta.get("date") else "page"
    return Document(kind, str(path), f"content/{path.name}", Meta(), path.stem)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("meta", "committed", "expected"),
    [
        # modified wins over everything
        (
            {"date": at("2024-01-01T10:00+01:00"), "modified": at("2024-02-01T10:00+01:00")},
            at("2025-01-01T10:00+01:00"),
            dt.date(2024, 2, 1),
        ),
        # then the last commit …
        ({"date": at("2024-01-01T10:00+01:00")}, at("2025-01-01T10:00+01:00"), dt.date(2025, 1, 1)),
        # … but not before the publication date
        ({"date": at("2024-06-01T10:00+02:00")}, at("2024-05-01T10:00+02:00"), dt.date(2024, 6, 1)),
        # then the date
        ({"date": at("2024-01-01T10:00+01:00")}, None, dt.date(2024, 1, 1)),
        # a commit late in the evening UTC is the next day in Stockholm
        ({}, at("2025-03-04T23:30+00:00"), dt.date(2025, 3, 5)),
        # nothing after the build moment
        ({}, at("2027-01-01T10:00+01:00"), dt.date(2026, 11, 23)),
    ],
)
def test_last_updated_sources_in_order(tmp_path, meta, committed, expected):
    path = tmp_path / "x.md"
    path.write_text("x")
    doc = page_document(path, **meta)
    commits = {str(path): committed} if committed else {}
    assert page_facts.last_updated(doc, commits, NOW, STOCKHOLM) == expected


def test_file_time_is_the_last_resort(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("x")
    moment = dt.datetime(2025, 8, 9, 12, tzinfo=dt.UTC).timestamp()
    os.utime(path, (moment, moment))
    doc = page_document(path)
    assert page_facts.last_updated(doc, {}, NOW, STOCKHOLM) == dt.date(2025, 8, 9)


def test_parse_log_skips_what_it_cannot_read():
    output = b"\x1enot a date\x00\nx.md\x00\x1e2024-01-02T03:04:05+01:00\x00\ny.md\x00"
    assert page_facts.parse_log(output, "/c") == {"/c/y.md": at("2024-01-02T03:04:05+01:00")}


# -------------------------------------------------------- messages (Swedish)
def _swedish(fn):
    def run(tmp: Path) -> str:
        messages.set_language("sv")
        try:
            return fn(tmp)
        finally:
            messages.set_language("en")

    return run


def _setting(**changes):
    return _swedish(lambda tmp: problems(**changes)[0].split(": ", 1)[1])


def _acc(**changes):
    return _setting(ACCESSIBILITY=accessibility(**changes))


def _generated_page(tmp: Path) -> str:
    pages = tmp / "content" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "tillganglighet.md").write_text("---\ntitle: T\n---\nText.\n")
    return str(scan(content_settings(tmp)).errors[0])


GAP = [{"description": "Filmer saknar undertexter."}]
MESSAGE_CASES = [
    (
        "statements.required",
        _acc(method=None),
        "måste anges (se docs/content-model.md, avsnittet om redogörelserna)",
    ),
    (
        "statements.missing_accessibility",
        _setting(ACCESSIBILITY=None),
        "saknas: tillgänglighetsredogörelsen (/tillganglighet/) byggs av den och krävs enligt "
        "lagen om tillgänglighet till digital offentlig service (se docs/content-model.md)",
    ),
    (
        "statements.missing_privacy",
        _setting(PRIVACY=None),
        "saknas: sidan om personuppgifter (/personuppgifter/) byggs av den "
        "(se docs/content-model.md)",
    ),
    (
        "statements.status",
        _acc(status="ja"),
        "'ja' är ingen av lagens formuleringar (skriv 'helt', 'delvis' eller 'inte', "
        "som i helt förenlig, delvis förenlig, inte förenlig)",
    ),
    (
        "statements.date",
        _acc(updated=20261123),
        "20261123 är inget datum (skriv ÅÅÅÅ-MM-DD inom citattecken, t.ex. '2026-11-23')",
    ),
    (
        "statements.email",
        _acc(contact={"email": "webb(at)example.se"}),
        "'webb(at)example.se' är ingen e-postadress (skriv t.ex. 'webb@example.se')",
    ),
    (
        "statements.org_number",
        _setting(PRIVACY=privacy(controller={"org_number": "21", "email": "a@example.se"})),
        "'21' är inget organisationsnummer (skriv tio siffror med bindestreck, "
        "t.ex. '212000-0000')",
    ),
    (
        "statements.url",
        _acc(supervisor={"name": "Digg", "complaint_url": "www.digg.se"}),
        "'www.digg.se' är ingen https-adress (skriv t.ex. 'https://www.digg.se/tdosanmalan')",
    ),
    (
        "statements.group",
        _setting(PRIVACY=privacy(dpo="dso@example.se")),
        'ska vara en grupp av nycklar och värden inom klammerparenteser, t.ex. {"email": '
        '"webb@example.se"}',
    ),
    (
        "statements.key",
        _setting(PRIVACY=privacy(processing={"E post": {"title": "x"}})),
        "'E post' duger inte som namn (använd a–z, 0–9 och bindestreck, t.ex. 'webbhotell')",
    ),
    (
        "statements.list",
        _acc(out_of_scope={"description": "x", "reason": "y"}),
        'ska vara en lista inom hakparenteser, t.ex. [{"description": "…", "reason": "…"}]',
    ),
    (
        "statements.fully_with_gaps",
        _acc(status="helt förenlig", gaps=GAP),
        "'helt' förenlig går inte ihop med brister under gaps eller disproportionate_burden "
        "(skriv 'delvis', eller ta bort de brister som är åtgärdade)",
    ),
    (
        "statements.gaps_missing",
        _acc(gaps=[]),
        "delvis förenlig kräver att bristerna listas: skriv vad som inte är tillgängligt under "
        "gaps (eller disproportionate_burden), eller ändra status till 'helt'",
    ),
    (
        "statements.updated_before_assessed",
        _acc(assessed="2026-11-24"),
        "2026-11-23 är före bedömningen 2026-11-24 (redogörelsen uppdateras när bedömningen är "
        "gjord, så updated kan inte vara tidigare än assessed)",
    ),
    (
        "statements.footer_link",
        _setting(FOOTER_LINKS=[("Personuppgifter", "personuppgifter/")]),
        "länken till tillganglighet/ saknas; redogörelsen ska gå att nå från varje sida "
        '(lägg till ("Tillgänglighetsredogörelse", "tillganglighet/"))',
    ),
    (
        "statements.page_generated",
        _swedish(_generated_page),
        "content/pages/tillganglighet.md:1: slug: /tillganglighet/ byggs av inställningen "
        "ACCESSIBILITY i pelicanconf.py (ta bort filen och skriv uppgifterna där, eller ge "
        "sidan en annan adress med slug:)",
    ),
]


@pytest.mark.parametrize(
    ("key", "trigger", "expected"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES]
)
def test_message(key, trigger, expected, tmp_path):
    assert trigger(tmp_path) == expected
