"""`python -m eduweb.check --github` (issue 10, point 4): the check's problem
lines as GitHub annotations on their file and line, and as a list in the job
summary, so that a writer whose save in the web editor became a pull request
sees them there. The exact text, escaping included (GitHub's rules for
workflow commands, actions/toolkit packages/core/src/command.ts)."""

from __future__ import annotations

import pytest
from eduweb import check, messages
from eduweb.errors import ContentError, ContentValidationError
from eduweb.github_report import (
    annotation,
    escape_data,
    escape_property,
    markdown_text,
    passed_summary,
    step_summary,
)

pytestmark = pytest.mark.usefixtures("swedish_messages")

DATE = ContentError(
    "content/news/2024/x.md",
    4,
    "date",
    "'2024-13-03' är inget datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
)

# (key, how it is triggered, the Swedish line) for tests/test_messages.py.
MESSAGE_CASES = [
    (
        "check.github.heading",
        "check --github finds a problem: the job summary's heading",
        "Det här behöver rättas innan ändringen kan publiceras",
    ),
    ("check.github.line", "check --github, a problem on line 4: the summary's item", "rad 4"),
    (
        "check.github.next",
        "check --github finds a problem: the summary's last line",
        "Rätta raderna ovan och spara igen (i redigeringsverktyget eller i filen); "
        "då kontrolleras ändringen på nytt och en ny förhandsvisning byggs.",
    ),
    (
        "check.github.passed",
        "check --github finds nothing: the job summary's heading",
        "Innehållet är kontrollerat: inget att rätta",
    ),
]


@pytest.mark.parametrize(("key", "trigger", "expected"), MESSAGE_CASES)
def test_message_texts(key, trigger, expected):
    assert messages.text(key, line=4) == expected


# ------------------------------------------------------------- annotations
def test_a_problem_is_an_error_on_its_file_and_line():
    assert annotation(DATE) == (
        "::error file=content/news/2024/x.md,line=4::date: "
        "'2024-13-03' är inget datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("kl. 13:00, sal 2", "kl. 13:00, sal 2", "kl. 13%3A00%2C sal 2"),
        ("%0A", "%250A", "%250A"),  # an escape written by the writer stays text
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ],
)
def test_escaping(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_the_file_name_and_the_message_are_escaped_each_by_its_rule():
    error = ContentError("content/pages/a,b:c%.md", 7, "title", "100% fel:\nrad två, och\r")
    assert annotation(error) == (
        "::error file=content/pages/a%2Cb%3Ac%25.md,line=7::title: 100%25 fel:%0Arad två, och%0D"
    )


def test_a_problem_in_no_file_is_shown_on_no_file():
    error = ContentError("(miljövariabel)", 0, "SOURCE_DATE_EPOCH", "'x' är inget heltal")
    assert annotation(error) == "::error::(miljövariabel):0: SOURCE_DATE_EPOCH: 'x' är inget heltal"


# ------------------------------------------------------------- the job summary
def test_the_summary_lists_the_problems_by_file():
    errors = [
        ContentError("content/programmes/p.md", 9, "rounds[0].sessions[1].start", "fel"),
        DATE,
        ContentError("content/news/2024/x.md", 2, "title", "saknas"),
    ]
    summary = str(ContentValidationError(errors))
    assert step_summary(errors, summary) == "\n".join(
        [
            "### Det här behöver rättas innan ändringen kan publiceras",
            "",
            "3 problem i 2 filer; inget byggdes och den publicerade webbplatsen är orörd",
            "",
            "**content/news/2024/x.md**",
            "",
            "- rad 2, title: saknas",
            "- rad 4, date: '2024-13-03' är inget datum (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-03)",
            "",
            "**content/programmes/p.md**",
            "",
            r"- rad 9, rounds\[0\].sessions\[1\].start: fel",
            "",
            "Rätta raderna ovan och spara igen (i redigeringsverktyget eller i filen); "
            "då kontrolleras ändringen på nytt och en ny förhandsvisning byggs.",
            "",
        ]
    )


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("*fet* _kursiv_ `kod`", r"\*fet\* \_kursiv\_ \`kod\`"),
        ("[länk](https://x.se)", r"\[länk\](https://x.se)"),
        ("a | b ~~c~~ &amp; #1 !", r"a \| b \~\~c\~\~ \&amp; \#1 \!"),
        ("rad ett\nrad två\r\n", "rad ett rad två"),  # one list item stays one line
        ("C:\\mapp", r"C:\\mapp"),
    ],
)
def test_what_the_writer_wrote_is_shown_as_text(text, markdown):
    assert markdown_text(text) == markdown


def test_a_problem_in_no_file_has_no_line_in_the_summary():
    error = ContentError("(miljövariabel)", 0, "SOURCE_DATE_EPOCH", "fel")
    assert "- SOURCE\\_DATE\\_EPOCH: fel" in step_summary([error], "1 problem").splitlines()


def test_the_summary_when_all_is_well():
    assert passed_summary("12 filer kontrollerade, inga problem") == (
        "### Innehållet är kontrollerat: inget att rätta\n\n12 filer kontrollerade, inga problem\n"
    )


# ------------------------------------------------------------- check --github
@pytest.fixture
def swedish_site(site, monkeypatch):
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nMESSAGES_LANGUAGE = "sv"\n')
    monkeypatch.chdir(site.root)
    monkeypatch.delitem(__import__("sys").modules, "pelicanconf", raising=False)
    return site


def test_check_github_annotates_every_line_it_reports(swedish_site, capsys, monkeypatch, tmp_path):
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("Tidigare steg\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    swedish_site.write(
        "news/2024/x.md", "---\ntitle: Nyhet\ndate: 2024-13-03\ntags: [a, ]\n---\nText.\n"
    )
    swedish_site.write("pages/om.md", "---\ntitle: Om\nsumary: fel\n---\nText.\n")
    assert check.main(["--github", "pelicanconf.py"]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()[:-1]
    assert len(lines) >= 2
    # One annotation per reported line, with the same file, line and text.
    expected = []
    for line in lines:
        path, number, rest = line.split(":", 2)
        expected.append(f"::error file={path},line={number}::{rest.strip()}")
    assert out.splitlines() == expected
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("Tidigare steg\n### Det här behöver rättas")  # appended
    assert "**content/pages/om.md**" in summary and "**content/news/2024/x.md**" in summary
    assert err.splitlines()[-1] in summary


def test_check_github_says_so_when_all_is_well(swedish_site, capsys, monkeypatch, tmp_path):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    swedish_site.write("pages/om.md", "---\ntitle: Om\n---\nText.\n")
    assert check.main(["pelicanconf.py", "--github"]) == 0
    out = capsys.readouterr().out
    assert out == "1 fil kontrollerad, inga problem\n"
    assert summary_file.read_text(encoding="utf-8") == (
        "### Innehållet är kontrollerat: inget att rätta\n\n1 fil kontrollerad, inga problem\n\n"
    )


def test_check_without_github_writes_no_annotations_and_no_summary(
    swedish_site, capsys, monkeypatch, tmp_path
):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    swedish_site.write("pages/om.md", "---\ntitle: Om\nsumary: fel\n---\nText.\n")
    assert check.main(["pelicanconf.py"]) == 1
    assert capsys.readouterr().out == ""
    assert not summary_file.exists()
