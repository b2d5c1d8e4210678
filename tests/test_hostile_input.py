"""Hostile and broken input: every case ends as `file:line: field: message`
lines and exit status 1 (or is skipped on purpose), never as a traceback, a
hang or a half-written site.

Most cases run scan() in-process (fast); a few whole builds check the exit
status, what is printed and that the previous output is left untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import Site, article
from eduweb import content_index
from eduweb.content_index import scan
from eduweb.dates import DateError, build_now

STOCKHOLM = ZoneInfo("Europe/Stockholm")
BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
INVISIBLE = (
    "(delete it and retype the text around it; such characters come with text "
    "pasted from Word or a PDF)"
)
GOOD_PROGRAMME = (
    "---\ntitle: Chefsprogrammet\nsummary: Ett program.\nrounds:\n"
    "  - name: Våren 2024\n    sessions:\n      - date: 2024-04-03\n---\nText.\n"
)


class Content:
    """A content/ folder in tmp_path, validated in-process."""

    def __init__(self, root: Path):
        self.root = root / "content"
        for folder in ("news", "programmes", "contacts", "pages", "images"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)

    def write(self, rel_path: str, text: str | bytes) -> Path:
        path = self.root / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def errors(self) -> list[str]:
        settings = {"PATH": str(self.root), "_eduweb_tz": STOCKHOLM, "STATIC_PATHS": ["images"]}
        return [str(error) for error in scan(settings).errors]


@pytest.fixture
def content(tmp_path) -> Content:
    return Content(tmp_path)


# ------------------------------------------------------------------ YAML
def test_alias_bomb_is_refused_at_once(content):
    content.write("news/2024/x.md", "---\ntitle: T\ndate: 2024-06-03\n" + BOMB + "---\n")
    started = time.perf_counter()
    errors = content.errors()
    assert time.perf_counter() - started < 0.5
    assert errors == [
        "content/news/2024/x.md:5: b[0]: *a repeats a value marked &a, which the site "
        "does not support (write the value out in full)"
    ]


def test_recursive_alias_is_refused(content):
    content.write("news/2024/x.md", "---\ntitle: T\ndate: 2024-06-03\nextra: &a [*a]\n---\n")
    assert content.errors() == [
        "content/news/2024/x.md:4: extra[0]: *a repeats a value marked &a, which the "
        "site does not support (write the value out in full)"
    ]


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 5000 + "]" * 5000,  # flow style: one line
        "\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 200)),
    ],
    ids=["brackets", "indentation"],
)
def test_deep_nesting_is_refused_with_the_top_field(content, nested):
    content.write("news/2024/x.md", f"---\ntitle: T\ndate: 2024-06-03\nextra: {nested}\n---\n")
    errors = content.errors()
    assert len(errors) == 1
    assert errors[0].startswith("content/news/2024/x.md:")
    assert (
        ": extra: nested more than 20 levels deep (the fields of the site are nested" in (errors[0])
    )


def test_nesting_up_to_the_limit_is_fine(content):
    # The front matter and extra: are two levels, so 18 lists make 20.
    content.write(
        "news/2024/x.md",
        "---\ntitle: T\ndate: 2024-06-03\nextra:\n  k: " + "[" * 18 + "]" * 18 + "\n---\n",
    )
    assert content.errors() == []
    content.write(
        "news/2024/x.md",
        "---\ntitle: T\ndate: 2024-06-03\nextra:\n  k: " + "[" * 19 + "]" * 19 + "\n---\n",
    )
    assert content.errors() == [
        "content/news/2024/x.md:5: extra: nested more than 20 levels deep (the fields of the "
        "site are nested at most 5 levels; check the indentation and the brackets)"
    ]


# ------------------------------------------------------- invisible characters
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n\nFörsta\vandra.\n",
            "content/news/2024/x.md:6: body: contains the invisible character U+000B "
            f"(VERTICAL TAB) at column 7 {INVISIBLE}",
        ),
        (
            "---\ntitle: Nyhet\ndate: 2024-06-03\n---\nText\x00.\n",
            f"content/news/2024/x.md:5: body: contains the invisible character U+0000 (NUL) "
            f"at column 5 {INVISIBLE}",
        ),
        (
            "---\ntitle: Ny\x0chet\ndate: 2024-06-03\n---\nText.\n",
            "content/news/2024/x.md:2: title: contains the invisible character U+000C "
            f"(FORM FEED) at column 10 {INVISIBLE}",
        ),
        (
            '---\ntitle: Nyhet\ndate: 2024-06-03\nsummary: "Ett\\atvå"\n---\nText.\n',
            "content/news/2024/x.md:4: summary: contains the invisible character U+0007 "
            f"(a control character) {INVISIBLE}",
        ),
        (
            "---\ntitle: Nyhet\ndate: 2024-06-03\ntags:\n  - Ett\x85\n---\nText.\n",
            "content/news/2024/x.md:5: tags[0]: contains the invisible character U+0085 "
            f"(NEXT LINE) at column 8 {INVISIBLE}",
        ),
    ],
    ids=["vertical tab in body", "NUL in body", "form feed in title", "escape", "C1 in tag"],
)
def test_invisible_characters_are_refused_where_they_are(content, text, expected):
    content.write("news/2024/x.md", text)
    assert content.errors() == [expected]


def test_line_separator_does_not_shift_later_line_numbers(content):
    # YAML counts U+2028 as a line break; unreported it would move every
    # later line number by one.
    content.write(
        "news/2024/x.md", "---\ntitle: Ett\u2028två\nsummary: S\ndate: 2024-13-03\n---\nText.\n"
    )
    assert content.errors() == [
        "content/news/2024/x.md:2: title: contains the invisible character U+2028 "
        f"(LINE SEPARATOR) at column 11 {INVISIBLE}",
        "content/news/2024/x.md:4: date: '2024-13-03' is not a date (write YYYY-MM-DD)",
    ]


def test_invisible_character_in_a_contact_file(content):
    content.write("contacts/anna.yml", "name: Anna\x1b Berg\n")
    assert content.errors() == [
        "content/contacts/anna.yml:1: name: contains the invisible character U+001B "
        f"(ESCAPE) at column 11 {INVISIBLE}"
    ]


# ---------------------------------------------------------------- the files
def test_symlinks_are_refused_not_followed(content):
    news = content.root / "news"
    (news / "loop").symlink_to(news)  # a folder that contains itself
    (news / "gone.md").symlink_to(news / "does-not-exist.md")
    (content.root / "images" / "passwd.svg").symlink_to("/etc/passwd")
    assert content.errors() == [
        "content/images/passwd.svg:1: file: is a symbolic link to /etc/passwd; links "
        "are not followed or published (put the file itself here)",
        f"content/news/gone.md:1: file: is a symbolic link to {news}/does-not-exist.md; "
        "links are not followed or published (put the file itself here)",
        f"content/news/loop:1: file: is a symbolic link to {news}; links are not "
        "followed or published (put the file itself here)",
    ]


def test_a_file_that_cannot_be_read(content, monkeypatch):
    # Tests may run as root, who can read anything: make open() refuse instead.
    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", path)

    content.write("news/2024/x.md", article())
    monkeypatch.setattr(content_index, "open", refuse, raising=False)
    assert content.errors() == [
        "content/news/2024/x.md:1: file: cannot be read (Permission denied; check the "
        "file's permissions)"
    ]


def test_a_pipe_is_not_read(content):
    os.mkfifo(content.root / "news" / "pipe.md")  # open() would wait for ever
    assert content.errors() == ["content/news/pipe.md:1: file: is not an ordinary file (remove it)"]


def test_a_huge_file_is_refused_before_it_is_read(content):
    content.write("news/2024/x.md", article(body="x" * 1_000_001))
    assert content.errors() == [
        "content/news/2024/x.md:1: file: is larger than 1 MB, the limit for a content "
        "file (pictures and documents belong in content/images/)"
    ]


def test_hidden_files_are_skipped_on_purpose(content):
    for name in ("news/.x.md", "news/._x.md", "images/._bild.svg", "news/.git/HEAD"):
        content.write(name, b"\x00\x01 not content")
    assert content.errors() == []


def test_markdown_in_images_is_refused(content):
    content.write("images/anteckning.md", article())
    assert content.errors() == [
        "content/images/anteckning.md:1: file: Markdown files are not published from "
        "here (news belong in content/news/, pages in content/pages/)"
    ]


# ---------------------------------------------------------------- values
@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            "date: 9999-12-31",
            "date",
            "'9999-12-31' is outside the years 1900–2199 the site handles (check the year)",
        ),
        (
            "date: 0001-01-01 00:00+01:00",
            "date",
            "'0001-01-01 00:00+01:00' is outside the years 1900–2199 the site handles "
            "(check the year)",
        ),
        (
            "modified: 2024-06-03 12:00+99:00",
            "modified",
            "'2024-06-03 12:00+99:00' has a time zone offset that does not exist (write "
            "e.g. +01:00, or leave it out for Swedish time)",
        ),
        (
            "date: ٢٠٢٤-٠٦-٠٣",
            "date",
            "'٢٠٢٤-٠٦-٠٣' is not a date (write YYYY-MM-DD, or YYYY-MM-DD HH:MM with a time)",
        ),
        (
            "slug: " + "a" * 300,
            "slug",
            "is 300 characters long; an address may have at most 100 (shorten it)",
        ),
        (
            'tags: ["!!!"]',
            "tags[0]",
            "'!!!' has no letters or digits, so its tag page would have no address "
            "(write a word, e.g. Digitalisering)",
        ),
        (
            "tags: [🎉]",
            "tags[0]",
            "'🎉' has no letters or digits, so its tag page would have no address "
            "(write a word, e.g. Digitalisering)",
        ),
        (
            "tags: [" + "ord " * 40 + "]",
            "tags[0]",
            "is too long for an address (159 characters; a tag may have at most 100)",
        ),
    ],
)
def test_news_values(content, line, field, message):
    content.write("news/2024/x.md", f"---\ntitle: T\ndate: 2024-06-03\n{line}\n---\n")
    if line.startswith("date:"):
        content.write("news/2024/x.md", f"---\ntitle: T\n{line}\n---\n")
    number = 3 if line.startswith("date:") else 4
    assert content.errors() == [f"content/news/2024/x.md:{number}: {field}: {message}"]


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ('"https://www.example.se/\\0anmalan"', None),
        ('"https://www.example.se/\\u200Banmalan"', "U+200B (ZERO WIDTH SPACE)"),
        ("https://www.example.se/min anmälan", "a space"),
        ("https://www.example.se/\"x'", "U+0022 (QUOTATION MARK)"),
        ("https://[www.example.se/anmalan", None),
    ],
)
def test_registration_url_with_characters_an_address_cannot_have(content, value, what):
    content.write(
        "programmes/p.md",
        f"---\ntitle: P\nsummary: S\nregistration_url: {value}\n---\nText.\n",
    )
    errors = content.errors()
    assert len(errors) == 1
    assert errors[0].startswith("content/programmes/p.md:4: registration_url: ")
    if what:
        assert f"contains {what}, which a web address cannot have" in errors[0]


def test_booked_percent_in_other_digits(content):
    content.write(
        "programmes/p.md",
        "---\ntitle: P\nsummary: S\nrounds:\n  - name: R\n    start: 2024-01-01\n"
        "    booked_percent: ²\n---\n",
    )
    assert content.errors() == [
        "content/programmes/p.md:7: rounds[0].booked_percent: '²' is not a whole number "
        "from 0 to 100 (write e.g. booked_percent: 50)"
    ]


def test_session_dates_outside_the_years(content):
    content.write(
        "programmes/p.md",
        GOOD_PROGRAMME.replace("2024-04-03", "0001-01-01"),
    )
    assert content.errors() == [
        "content/programmes/p.md:7: rounds[0].sessions[0].date: '0001-01-01' is outside "
        "the years 1900–2199 the site handles (check the year)"
    ]


def test_long_file_names(content):
    content.write(f"news/2024/{'a' * 150}.md", article())
    content.write(f"contacts/{'b' * 150}.yml", "name: B\n")
    assert content.errors() == [
        f"content/contacts/{'b' * 150}.yml:1: file: the file name is 150 characters long; "
        "a contact's id may have at most 100 (rename the file)",
        f"content/news/2024/{'a' * 150}.md:1: slug: the file name gives an address of 150 "
        "characters; the limit is 100 (add a shorter slug: or rename the file)",
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("99999999999999999999", "is after 2199"),
        ("7258118400", "is after 2199"),  # 2200-01-01
        ("²", "is not a number of seconds since 1970"),
    ],
)
def test_source_date_epoch_out_of_range(raw, message):
    with pytest.raises(DateError, match=message):
        build_now({"SOURCE_DATE_EPOCH": raw})


def test_source_date_epoch_last_second_is_accepted():
    assert build_now({"SOURCE_DATE_EPOCH": "7258118399"}).year == 2199


# ---------------------------------------------------------------- the body
@pytest.mark.parametrize(
    ("link", "message"),
    [
        (
            "{filename}../../../pelicanconf.py",
            "points outside content/ (link only to files in content/; paths are relative "
            "to this file, or to content/ when they start with /)",
        ),
        (
            "{filename}/images/bild.svg",
            "points to a file that is not a page (write {static}/images/bild.svg instead)",
        ),
        (
            "{filename}/contacts/anna.yml",
            "points to a file that is not published as a page (link to a news article or a "
            "page in content/news/ or content/pages/)",
        ),
        (
            "{filename}/programmes/p.md",
            "points to a file that is not published as a page (link to a news article or a "
            "page in content/news/ or content/pages/)",
        ),
        (
            "{static}/pages/om.md",
            "points to a file that is not published ({static} links to files in content/images/)",
        ),
        (
            "{attach}/images/.dold.svg",
            "points to a hidden file, which is not published (rename it without the dot)",
        ),
    ],
)
def test_internal_links_pelican_could_not_resolve(content, link, message):
    content.write("images/bild.svg", "<svg/>")
    content.write("images/.dold.svg", "<svg/>")
    content.write("contacts/anna.yml", "name: Anna\n")
    content.write("programmes/p.md", "---\ntitle: P\nsummary: S\n---\n")
    content.write("pages/om.md", "---\ntitle: Om\n---\n")
    content.write("news/2024/x.md", article(body=f"Se [här]({link})."))
    assert content.errors() == [f"content/news/2024/x.md:6: body: the link {link} {message}"]


def test_internal_links_that_resolve(content):
    content.write("images/min bild.svg", "<svg/>")
    content.write("pages/om.md", "---\ntitle: Om\n---\n")
    body = (
        "[a]({filename}/pages/om.md) [b]({filename}../../pages/om.md) "
        "[c]({static}/images/min%20bild.svg) [d]({attach}../../images/min%20bild.svg)"
    )
    content.write("news/2024/x.md", article(body=body))
    assert content.errors() == []


def test_img_with_alt_text_is_accepted_and_long_lines_are_fast(content):
    body = '<img src="/images/x.svg" alt="Ett diagram">\n\n' + "<img" * 200_000
    content.write("images/x.svg", "<svg/>")  # the picture exists: only the alt text is checked
    content.write("news/2024/x.md", article(body=body))
    started = time.perf_counter()
    errors = content.errors()
    assert time.perf_counter() - started < 2
    assert errors == []


# ---------------------------------------------------------------- whole builds
HOSTILE_FILES = {
    "news/2024/bomb.md": "---\ntitle: T\ndate: 2024-06-03\n" + BOMB + "---\n",
    "news/2024/word.md": "---\ntitle: Klistrat\x0bfrån Word\ndate: 2024-06-03\n---\nA\x00b\n",
    "news/2024/far.md": "---\ntitle: T\ndate: 9999-12-31\n---\n",
    "news/2024/tag.md": '---\ntitle: T\ndate: 2024-06-03\ntags: ["!!!"]\n---\n',
    "news/2024/link.md": "---\ntitle: T\ndate: 2024-06-03\n---\n[x]({filename}../../../x.md)\n",
    "news/2024/long.md": "---\ntitle: T\ndate: 2024-06-03\nslug: " + "a" * 300 + "\n---\n",
    "images/anteckning.md": "---\ntitle: T\n---\n",
}
HOSTILE_LINES = [
    "content/images/anteckning.md:1: file: Markdown files are not published from here "
    "(news belong in content/news/, pages in content/pages/)",
    "content/images/utanfor.svg:1: file: is a symbolic link to /etc/passwd; links are not "
    "followed or published (put the file itself here)",
    "content/news/2024/bomb.md:5: b[0]: *a repeats a value marked &a, which the site does "
    "not support (write the value out in full)",
    "content/news/2024/far.md:3: date: '9999-12-31' is outside the years 1900–2199 the "
    "site handles (check the year)",
    "content/news/2024/link.md:5: body: the link {filename}../../../x.md points outside "
    "content/ (link only to files in content/; paths are relative to this file, or to "
    "content/ when they start with /)",
    "content/news/2024/long.md:4: slug: is 300 characters long; an address may have at "
    "most 100 (shorten it)",
    "content/news/2024/tag.md:4: tags[0]: '!!!' has no letters or digits, so its tag page "
    "would have no address (write a word, e.g. Digitalisering)",
    f"content/news/2024/word.md:2: title: contains the invisible character U+000B "
    f"(VERTICAL TAB) at column 16 {INVISIBLE}",
    f"content/news/2024/word.md:5: body: contains the invisible character U+0000 (NUL) "
    f"at column 2 {INVISIBLE}",
]


def tree_digest(folder: Path) -> dict:
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def assert_clean_failure(stdout: str, stderr: str) -> None:
    for text in (stdout, stderr):
        for marker in ("Traceback", "Error:", "CRITICAL", "RuntimeError"):
            assert marker not in text, text


@pytest.fixture
def built_site(site: Site) -> Site:
    site.write("contacts/tommy-eriksson.yml", "name: Tommy Eriksson\n")
    site.write("programmes/chefsprogrammet.md", GOOD_PROGRAMME)
    site.write("news/2024/god.md", article(title="God nyhet"))
    first = site.build()
    assert first.returncode == 0, first.stdout + first.stderr
    return site


def run_check(site: Site, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "eduweb.check", "pelicanconf.py"],
        cwd=site.root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin", **env},
        timeout=120,
    )


def test_hostile_content_fails_the_build_cleanly_and_check_agrees(built_site):
    before = tree_digest(built_site.output)
    for rel_path, text in HOSTILE_FILES.items():
        built_site.write_bytes(rel_path, text.encode())
    (built_site.root / "content/images/utanfor.svg").symlink_to("/etc/passwd")
    started = time.perf_counter()
    result = built_site.build()
    elapsed = time.perf_counter() - started
    assert result.returncode == 1
    assert result.error_lines == HOSTILE_LINES
    assert result.stderr.splitlines()[len(HOSTILE_LINES) :] == [
        "9 problems in 8 files; nothing was built and the previous output was left as it was"
    ]
    assert_clean_failure(result.stdout, result.stderr)
    assert tree_digest(built_site.output) == before
    assert elapsed < 60  # a whole Pelican start; the bomb itself takes milliseconds

    check = run_check(built_site, SOURCE_DATE_EPOCH="1795000000")
    assert check.returncode == 1
    assert check.stderr == result.stderr


def test_huge_source_date_epoch_fails_the_build_cleanly(built_site):
    before = tree_digest(built_site.output)
    result = built_site.build(at=10**30)
    assert result.returncode == 1
    line = (
        "(environment):0: SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH='1" + "0" * 30 + "' is after "
        "2199 (the site handles the years up to 2199; e.g. SOURCE_DATE_EPOCH=$(date +%s))"
    )
    assert result.stderr.splitlines()[0] == line
    assert_clean_failure(result.stdout, result.stderr)
    assert tree_digest(built_site.output) == before
    assert run_check(built_site, SOURCE_DATE_EPOCH=str(10**30)).stderr == result.stderr


def test_hidden_files_are_neither_errors_nor_published(built_site):
    for name in ("news/2024/.utkast.md", "news/2024/._god.md", "images/._bild.svg"):
        built_site.write_bytes(name, b"\x00\x05\x16\x07 AppleDouble")
    built_site.write("images/.dold.svg", "<svg/>")
    result = built_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    published = {p.name for p in result.output.rglob("*")}
    assert not published & {".utkast.md", "._god.md", "._bild.svg", ".dold.svg"}
    assert "index.html" in published


# ------------------------------------------------- one line per problem, always
def test_a_field_name_over_two_lines_is_refused(content):
    content.write("news/2024/x.md", '---\ntitle: T\ndate: 2024-06-03\n"a\\nb": c\n---\n')
    assert content.errors() == [
        "content/news/2024/x.md:4: front matter: a field name must be plain text followed "
        "by a colon"
    ]


def test_a_lone_surrogate_escape_is_refused(content):
    content.write("news/2024/x.md", '---\ntitle: "T\\ud800"\ndate: 2024-06-03\n---\n')
    assert content.errors() == [
        "content/news/2024/x.md:2: title: contains the invisible character U+D800 (not a "
        f"character on its own) {INVISIBLE}"
    ]


def test_file_names_that_would_break_the_line(content):
    news = os.fsencode(content.root / "news")
    for name in (b"ny\nhet.md", b"\xff.md"):
        with open(os.path.join(news, name), "w") as handle:
            handle.write(article())
    assert content.errors() == [
        "content/news/\\udcff.md:1: file: the name contains U+DCFF (not a character on its "
        "own) (rename it with letters, digits and hyphens)",
        "content/news/ny\\u000ahet.md:1: file: the name contains U+000A (a control "
        "character) (rename it with letters, digits and hyphens)",
    ]
