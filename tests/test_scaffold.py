"""New content files: `invoke new-article "Titel"` and its siblings
(plugins/eduweb/scaffold.py) write a file with every field of the contract,
a Swedish comment above each, today's date where one belongs; it builds as
it is. Most cases run in-process (scaffold.main, scan); one build and one
run through bootstrap.py check the whole way."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ENGLISH, ROOT, SAMPLE_EPOCH, Site, epoch
from eduweb import messages, model, scaffold
from eduweb.content_index import scan
from eduweb.frontmatter import load_yaml, split_front_matter
from eduweb.slugs import MAX_SLUG_LENGTH

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


@pytest.fixture
def site(site):
    """The test site without conftest's MESSAGES_LANGUAGE = "en": the
    commands here report in Swedish, as they do for a writer."""
    settings = site.root / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8").replace(ENGLISH, ""), "utf-8")
    return site


STOCKHOLM = ZoneInfo("Europe/Stockholm")
CREATED = "Skapade {}: öppna filen och fyll i fälten (ovanför varje fält står vad det är till för)"
# At SAMPLE_EPOCH (2026-11-23) the programme's session lies eight weeks on.
EXPECTED = {
    "article": "content/news/2026/eskilstuna-satsar-pa-chefer.md",
    "programme": "content/programmes/eskilstuna-satsar-pa-chefer.md",
    "contact": "content/contacts/eskilstuna-satsar-pa-chefer.yml",
    "page": "content/pages/eskilstuna-satsar-pa-chefer.md",
}
TITLE = "Eskilstuna satsar på chefer"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(SAMPLE_EPOCH))


def run(site: Site, command: str, title: str, capsys) -> tuple[int, str, str]:
    """scaffold.main in-process, as `invoke new-<command> "title"` runs it."""
    code = scaffold.main([command, title, str(site.root / "pelicanconf.py")])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def scan_errors(site: Site) -> list[str]:
    index = scan({"PATH": str(site.root / "content"), "_eduweb_tz": STOCKHOLM})
    return [str(error) for error in index.errors]


def fields_of(text: str, kind: str) -> dict:
    """The fields of a skeleton, read as the build reads them."""
    if kind == "contact":
        return load_yaml(text, 1, "file").data
    split = split_front_matter(text)
    return load_yaml(split.yaml_text, split.yaml_first_line, "front matter").data


TODAY = dt.date(2026, 11, 23)


# ------------------------------------------------------------- each command
@pytest.mark.parametrize("command", list(EXPECTED))
def test_each_command_writes_a_file_that_validates_and_prints_its_path(site, command, capsys):
    code, out, err = run(site, command, TITLE, capsys)
    assert (code, out, err) == (0, CREATED.format(EXPECTED[command]), "")
    path = site.root / EXPECTED[command]
    assert path.is_file()
    assert (
        fields_of(path.read_text(encoding="utf-8"), scaffold.KINDS[command])[
            "name" if command == "contact" else "title"
        ]
        == TITLE
    )
    assert scan_errors(site) == []


def test_the_article_is_dated_today_in_the_site_time_zone(site, capsys, monkeypatch):
    # 23:30 UTC on New Year's Eve is already 2027 in Stockholm.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch(2026, 12, 31, 23, 30)))
    code, out, _ = run(site, "article", "Gott nytt år", capsys)
    path = "content/news/2027/gott-nytt-ar.md"
    assert (code, out) == (0, CREATED.format(path))
    assert "\ndate: 2027-01-01\n" in (site.root / path).read_text(encoding="utf-8")


def test_the_programme_has_one_round_with_one_coming_session():
    text = scaffold.skeleton("programme", TITLE, TODAY).text
    rounds = fields_of(text, "programme")["rounds"]
    assert len(rounds) == 1 and len(rounds[0]["sessions"]) == 1
    session = rounds[0]["sessions"][0]
    assert dt.date.fromisoformat(session["date"]) > TODAY
    assert rounds[0]["name"] == "Våren 2027"  # the session is on 2027-01-18


def test_swedish_letters_are_folded_in_the_file_name_and_kept_in_the_title(site, capsys):
    code, out, _ = run(site, "article", "Åtgärder för öppenhet: Ärligt talat #1", capsys)
    path = "content/news/2026/atgarder-for-oppenhet-arligt-talat-1.md"
    assert (code, out) == (0, CREATED.format(path))
    # ": " and " #" would break the line unquoted; the title reads back whole.
    data = fields_of((site.root / path).read_text(encoding="utf-8"), "news")
    assert data["title"] == "Åtgärder för öppenhet: Ärligt talat #1"
    assert scan_errors(site) == []


def test_a_title_typed_with_combining_accents_gives_the_same_file():
    # macOS terminals may pass "å" as "a" + U+030A.
    composed = scaffold.skeleton("page", "Öppet hus på torget", TODAY)
    assert composed.rel_path == "pages/oppet-hus-pa-torget.md"
    decomposed = scaffold.skeleton("page", "O\u0308ppet hus pa\u030a torget", TODAY)
    assert composed.text == decomposed.text


def test_a_very_long_title_gives_a_file_name_within_the_address_limit(site, capsys):
    title = " ".join(["Kompetensutveckling"] * 12)
    code, out, _ = run(site, "page", title, capsys)
    assert code == 0
    stem = Path(out.split(":")[0].removeprefix("Skapade ")).stem
    assert len(stem) <= MAX_SLUG_LENGTH and not stem.endswith("-")
    assert scan_errors(site) == []


@pytest.mark.parametrize(
    "title",
    ["Nu: nästa steg", "Vi #1", "[Beta] version", "- lista", "null", "2024", '"Citat"', "13:00"],
)
def test_a_title_yaml_would_misread_is_quoted_and_reads_back_whole(title):
    for command in SCHEMA_OF:
        text = scaffold.skeleton(command, title, TODAY).text
        data = fields_of(text, scaffold.KINDS[command])
        assert data["name" if command == "contact" else "title"] == title


# ------------------------------------------------------------- the contract
SCHEMA_OF = {
    "article": model.News,
    "programme": model.Programme,
    "contact": model.Contact,
    "page": model.Page,
}


@pytest.mark.parametrize("command", list(SCHEMA_OF))
def test_every_field_of_the_contract_is_in_the_skeleton(command):
    """A field added to model.py fails here until the skeleton has it."""
    data = fields_of(scaffold.skeleton(command, TITLE, TODAY).text, scaffold.KINDS[command])
    assert set(data) == set(SCHEMA_OF[command].model_fields)
    if command == "programme":
        (round_,) = data["rounds"]
        assert set(round_) == set(model.Round.model_fields)
        (session,) = round_["sessions"]
        assert set(session) == set(model.Session.model_fields)


FIELD_LINE = re.compile(r"^\s*(?:- )?([a-z_]+):")


@pytest.mark.parametrize("command", list(SCHEMA_OF))
def test_every_field_has_a_swedish_comment_above_it(command):
    lines = scaffold.skeleton(command, TITLE, TODAY).text.split("\n")
    fields = [(n, line) for n, line in enumerate(lines) if FIELD_LINE.match(line)]
    assert fields
    for number, line in fields:
        comment = lines[number - 1].strip()
        assert comment.startswith("# ") and len(comment) > 10, line
    # Swedish, not English: every skeleton says which fields must be there.
    assert "(måste finnas)" in "\n".join(lines)


# ------------------------------------------------------------- refusals
def test_an_existing_file_is_not_overwritten(site, capsys):
    existing = site.write("pages/eskilstuna-satsar-pa-chefer.md", "---\ntitle: Min sida\n---\n")
    before = existing.read_bytes()
    code, out, err = run(site, "page", TITLE, capsys)
    assert (code, out) == (1, "")
    assert err == (
        "content/pages/eskilstuna-satsar-pa-chefer.md finns redan och skrevs inte över "
        "(välj en annan titel, eller öppna filen och ändra i den)"
    )
    assert existing.read_bytes() == before


def test_an_address_another_file_has_taken_is_refused(site, capsys):
    # Another file name, but its slug: gives the address the new file would get.
    site.write(
        "programmes/chefer.md",
        "---\ntitle: Chefer\nsummary: Kort.\nslug: eskilstuna-satsar-pa-chefer\n---\n",
    )
    code, _, err = run(site, "programme", TITLE, capsys)
    assert code == 1
    assert err == (
        "adressen /utbildningar/eskilstuna-satsar-pa-chefer/ används redan av "
        "content/programmes/chefer.md (välj en annan titel)"
    )
    assert not (site.root / EXPECTED["programme"]).exists()


# (key, command and title, expected Swedish line): every scaffold message, in
# the form of tests/test_messages.py's table.
MESSAGE_CASES = [
    ("scaffold.created", ("page", "Om oss"), CREATED.format("content/pages/om-oss.md")),
    (
        "scaffold.exists",
        ("contact", "Tommy Eriksson"),
        "content/contacts/tommy-eriksson.yml finns redan och skrevs inte över "
        "(välj en annan titel, eller öppna filen och ändra i den)",
    ),
    (
        "scaffold.cannot_write",
        ("page", "Om oss"),
        "content/pages/om-oss.md kunde inte skrivas "
        "(kontrollera att content/pages/ är en mapp som du får skriva i)",
    ),
    (
        "scaffold.taken",
        ("article", "Chefer"),
        "adressen /nyheter/2026/chefer/ används redan av content/news/2026/annan.md "
        "(välj en annan titel)",
    ),
    (
        "scaffold.reserved",
        ("page", "Kalender"),
        "titeln 'Kalender' ger adressen /kalender/, som webbplatsen redan använder själv "
        "(välj en annan titel)",
    ),
    (
        "scaffold.no_slug",
        ("programme", "🙂 !"),
        "titeln '🙂 !' har inga bokstäver eller siffror att göra ett filnamn av "
        '(skriv t.ex. "Nytt program")',
    ),
    (
        "scaffold.no_title",
        ("article", "  "),
        "titeln saknas (skriv den inom citattecken, "
        't.ex. invoke new-article "Eskilstuna satsar på chefer")',
    ),
    (
        "scaffold.usage",
        ("artikel", "Om oss"),
        'skriv: python -m eduweb.scaffold article|programme|contact|page "Titel" [inställningsfil]',
    ),
]


@pytest.mark.parametrize(("key", "call", "expected"), MESSAGE_CASES, ids=lambda v: str(v))
def test_message_cases(site, capsys, key, call, expected):
    site.write("contacts/tommy-eriksson.yml", "name: Tommy Eriksson\n")
    site.write("news/2026/annan.md", "---\ntitle: Annan\ndate: 2026-01-05\nslug: chefer\n---\n")
    if key == "scaffold.cannot_write":
        # A file where the folder should be (permissions would not stop root).
        (site.root / "content" / "pages").rmdir()
        (site.root / "content" / "pages").write_text("")
    code, out, err = run(site, *call, capsys)
    assert expected == (out if key == "scaffold.created" else err)
    assert code == (0 if key == "scaffold.created" else 2 if key == "scaffold.usage" else 1)
    assert key in messages.CATALOGUE


def test_every_scaffold_message_has_a_case():
    keys = {key for key in messages.CATALOGUE if key.startswith("scaffold.")}
    assert keys == {key for key, _, _ in MESSAGE_CASES}


# ------------------------------------------------------------- whole runs
def test_a_site_of_the_four_new_files_builds(site, capsys):
    for command in EXPECTED:
        assert run(site, command, TITLE, capsys)[0] == 0
    result = site.build()
    assert result.returncode == 0, result.stderr
    slug = "eskilstuna-satsar-pa-chefer"
    for url in (f"nyheter/2026/{slug}/", f"utbildningar/{slug}/", f"{slug}/"):
        assert result.html(url).h1.get_text(strip=True) == TITLE
    assert f"FN:{TITLE}" in result.text(f"kontakter/{slug}.vcf")


def _bootstrap():
    spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bootstrap_runs_a_task_with_its_argument_without_activating_anything(tmp_path):
    """`python3 bootstrap.py new-article "Titel"` in a copy of the project
    whose .venv is set up: nothing is installed (its python is a stub that
    fails if called) and the title reaches the task whole."""
    invoke = Path(sys.executable).parent / "invoke"
    if not invoke.exists():
        pytest.skip("no invoke script beside the Python running the tests")
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("bootstrap.py", "tasks.py", "pelicanconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("plugins", "theme"):
        (repo / name).symlink_to(ROOT / name)
    for folder in ("news", "programmes", "contacts", "pages", "images"):
        (repo / "content" / folder).mkdir(parents=True)
    bin_dir = repo / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    stub = bin_dir / "python"
    stub.write_text("#!/bin/sh\necho 'bootstrap tried to install' >&2\nexit 3\n")
    stub.chmod(0o755)
    (bin_dir / "invoke").symlink_to(invoke)
    stamp = repo / ".venv" / ".installed-requirements.txt"
    stamp.write_text(_bootstrap().requirements_digest("requirements.txt"))

    env = dict(os.environ, SOURCE_DATE_EPOCH=str(SAMPLE_EPOCH))
    env.pop("VIRTUAL_ENV", None)
    proc = subprocess.run(
        [sys.executable, str(repo / "bootstrap.py"), "new-article", "Åtgärder för öppenhet"],
        cwd=tmp_path,  # not the project: bootstrap finds it itself
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    path = "content/news/2026/atgarder-for-oppenhet.md"
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (0, CREATED.format(path), "")
    assert "title: Åtgärder för öppenhet\n" in (repo / path).read_text(encoding="utf-8")
