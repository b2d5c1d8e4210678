"""Every rule of the content contract, each with the exact message a writer sees.

Each case writes one bad file into an otherwise valid site and asserts the
complete list of `file:line: field: message` lines, the exit status, that no
traceback is printed and that the previous output folder is untouched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import PNG, Site

GOOD_CONTACT = "name: Tommy Eriksson\nphone: 08-709 59 81\n"
GOOD_PROGRAMME = """\
---
title: Chefsprogrammet
summary: Ett program för chefer.
rounds:
  - name: Våren 2024
    sessions:
      - date: 2024-04-03
---
Text.
"""


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def built_site(site: Site) -> Site:
    """A valid site, already built once, so a failing build has output to spare."""
    site.write("contacts/tommy-eriksson.yml", GOOD_CONTACT)
    site.write("programmes/chefsprogrammet.md", GOOD_PROGRAMME)
    site.write("news/2024/god.md", "---\ntitle: God nyhet\ndate: 2024-06-03\n---\nText.\n")
    first = site.build()
    assert first.returncode == 0, first.stderr
    return site


def expect_errors(site: Site, *expected: str) -> None:
    before = tree_digest(site.output)
    result = site.build()
    assert result.returncode == 1
    assert result.error_lines == list(expected)
    assert "Traceback" not in result.stderr + result.stdout
    other = [
        line for line in result.stderr.splitlines() if line and not line.startswith("content/")
    ]
    assert len(other) == 1 and "nothing was built" in other[0], result.stderr
    assert tree_digest(site.output) == before, "the previous output was changed"
    assert not list(site.root.glob(".output.*")), "a staging folder was left behind"


NEWS_CASES = {
    "month 13": (
        "date: 2024-13-03\n",
        "content/news/2024/bad.md:3: date: '2024-13-03' is not a date (write YYYY-MM-DD)",
    ),
    "30 February": (
        "date: 2024-02-30\n",
        "content/news/2024/bad.md:3: date: '2024-02-30' is not a date (write YYYY-MM-DD)",
    ),
    "date and impossible time": (
        "date: 2024-06-03 25:00\n",
        "content/news/2024/bad.md:3: date: '2024-06-03 25:00' is not a time of day "
        "(write YYYY-MM-DD HH:MM)",
    ),
    "empty date": (
        "date:\n",
        "content/news/2024/bad.md:3: date: is empty (write date: YYYY-MM-DD)",
    ),
    "unknown field": (
        "date: 2024-06-03\ntittle: Fel\n",
        "content/news/2024/bad.md:4: tittle: unknown field (did you mean title? the fields "
        "here are title, date, modified, summary, tags, author, owner, image, image_alt, "
        "image_caption, contacts, programmes, status, slug, aliases, extra; free-form values go "
        "under extra:)",
    ),
    "tags not a list": (
        "date: 2024-06-03\ntags: Digitalisering, Innovation\n",
        "content/news/2024/bad.md:4: tags: expected a list, found 'Digitalisering, "
        "Innovation' (write tags: [first, second] or one '- item' line per entry)",
    ),
    "empty tag": (
        "date: 2024-06-03\ntags:\n  - Ledarskap\n  -\n",
        "content/news/2024/bad.md:6: tags[1]: is empty (write tags: …)",
    ),
    "modified before date": (
        "date: 2024-06-03\nmodified: 2024-06-01\n",
        "content/news/2024/bad.md:4: modified: is before date (modified must not be before date)",
    ),
    "image that does not exist": (
        "date: 2024-06-03\nimage: images/saknas.jpg\nimage_alt: En bild\n",
        "content/news/2024/bad.md:4: image: 'images/saknas.jpg' does not exist (paths are "
        "relative to content/, e.g. images/bild.jpg; check the spelling and the file's "
        "extension)",
    ),
    "image that is not a picture": (
        "date: 2024-06-03\nimage: images/dokument.pdf\nimage_alt: Ett dokument\n",
        "content/news/2024/bad.md:4: image: 'images/dokument.pdf' is not a picture (use a "
        ".jpg, .png, .webp, .gif, .avif or .svg file)",
    ),
    "image outside content": (
        "date: 2024-06-03\nimage: ../pelicanconf.py\nimage_alt: x\n",
        "content/news/2024/bad.md:4: image: '../pelicanconf.py' is outside content/ "
        "(write a path such as images/bild.jpg)",
    ),
    "image without alt": (
        "date: 2024-06-03\nimage: images/bild.png\n",
        "content/news/2024/bad.md:1: image_alt: required when there is an image (describe "
        "what the picture shows for readers who cannot see it)",
    ),
    "unknown contact": (
        "date: 2024-06-03\ncontacts:\n  - tommy-eriksson\n  - tomy-eriksson\n",
        "content/news/2024/bad.md:6: contacts[1]: 'tomy-eriksson' does not exist (no "
        "content/contacts/tomy-eriksson.yml; did you mean tommy-eriksson?)",
    ),
    "unknown programme": (
        "date: 2024-06-03\nprogrammes: [chefsprogram]\n",
        "content/news/2024/bad.md:4: programmes[0]: 'chefsprogram' does not exist (no "
        "programme with slug chefsprogram; did you mean chefsprogrammet?)",
    ),
    "bad status": (
        "date: 2024-06-03\nstatus: publish\n",
        "content/news/2024/bad.md:4: status: 'publish' is not allowed (did you mean published? "
        "write published or draft)",
    ),
    "slug that is not a slug": (
        "date: 2024-06-03\nslug: Min Nyhet\n",
        "content/news/2024/bad.md:4: slug: 'Min Nyhet' cannot be used in an address (use "
        "lower-case a-z, 0-9 and single hyphens, e.g. ny-omgang-hosten-2025)",
    ),
    "slug already taken": (
        "date: 2024-01-10\nslug: god\n",
        "content/news/2024/bad.md:4: slug: /nyheter/2024/god/ is already the address of "
        "content/news/2024/god.md (give one of them another slug:)",
    ),
    "extra not a mapping": (
        "date: 2024-06-03\nextra: fri text\n",
        "content/news/2024/bad.md:4: extra: expected indented name: value lines, found "
        "'fri text' (write extra: on its own line, then the fields indented below it)",
    ),
    "field written twice": (
        "date: 2024-06-03\ndate: 2024-06-04\n",
        "content/news/2024/bad.md:4: date: written twice (keep one of the two lines)",
    ),
    "title that is a list": (
        "date: 2024-06-03\nsummary: [a, b]\n",
        "content/news/2024/bad.md:4: summary: expected text, found a list (write summary: "
        "followed by the text on the same line)",
    ),
}


@pytest.mark.parametrize("case", list(NEWS_CASES), ids=list(NEWS_CASES))
def test_news_rules(built_site, case):
    fields, message = NEWS_CASES[case]
    built_site.write_bytes("images/bild.png", PNG)
    built_site.write_bytes("images/dokument.pdf", b"%PDF-1.4")
    built_site.write("news/2024/bad.md", f"---\ntitle: Nyhet\n{fields}---\nText.\n")
    expect_errors(built_site, message)


def test_missing_title_is_reported_on_the_first_line(built_site):
    built_site.write("news/2024/bad.md", "---\ndate: 2024-06-03\n---\nText.\n")
    expect_errors(
        built_site,
        "content/news/2024/bad.md:1: title: required field is missing (add a line title: …)",
    )


FILE_CASES = {
    "no front matter": (
        "news/2024/bad.md",
        "title: Nyhet\n\nText.\n",
        "content/news/2024/bad.md:1: front matter: the file does not start with front matter "
        "(make the first line ---, then the fields such as title: …, then a line ---, then "
        "the text)",
    ),
    "front matter not closed": (
        "news/2024/bad.md",
        "---\ntitle: Nyhet\ndate: 2024-06-03\n\nText.\n",
        "content/news/2024/bad.md:4: front matter: the front matter has no closing --- line "
        "(end the fields with a line ---)",
    ),
    "colon in an unquoted value": (
        "news/2024/bad.md",
        "---\ntitle: Nu: nästa steg\ndate: 2024-06-03\n---\n",
        "content/news/2024/bad.md:2: title: YAML syntax error: mapping values are not "
        'allowed here (a value containing ": " must be in double quotes, e.g. title: "Nu: '
        'nästa steg")',
    ),
    "tab indentation": (
        "news/2024/bad.md",
        "---\ntitle: Nyhet\ndate: 2024-06-03\ntags:\n\t- Ledarskap\n---\n",
        "content/news/2024/bad.md:5: front matter: YAML syntax error: found character '\\t' "
        "that cannot start any token (indent with spaces, not tabs)",
    ),
    "a list instead of fields": (
        "news/2024/bad.md",
        "---\n- title\n---\n",
        "content/news/2024/bad.md:2: front matter: expected fields written as name: value, "
        "one per line",
    ),
    "not a Markdown file": (
        "news/2024/bad.txt",
        "Text.\n",
        "content/news/2024/bad.txt:1: file: only Markdown files ending in .md belong in "
        "content/news/",
    ),
    "picture among the articles": (
        "news/2024/bild.jpg",
        "",
        "content/news/2024/bild.jpg:1: file: pictures belong in content/images/, not in "
        "content/news/ (move the file)",
    ),
    "picture without alternative text in the text": (
        "news/2024/bad.md",
        "---\ntitle: Nyhet\ndate: 2024-06-03\n---\nText.\n\n![](images/bild.png)\n",
        "content/news/2024/bad.md:7: body: the picture 'images/bild.png' has no alternative "
        "text (describe it between the brackets: ![Vad bilden visar](images/bild.png))",
    ),
    "html picture without alternative text": (
        "pages/om.md",
        '---\ntitle: Om\n---\n<img src="/images/bild.png">\n',
        'content/pages/om.md:4: body: an <img> without alternative text (add alt="what the '
        'picture shows")',
    ),
    "link to a file that does not exist": (
        "news/2024/bad.md",
        "---\ntitle: Nyhet\ndate: 2024-06-03\n---\n"
        "Läs [den här]({filename}/news/2024/saknas.md).\n",
        "content/news/2024/bad.md:5: body: the link {filename}/news/2024/saknas.md points to a "
        "file that does not exist (paths are relative to this file, or to content/ when they "
        "start with /)",
    ),
    "page taking a generated address": (
        "pages/kalender.md",
        "---\ntitle: Kalender\n---\n",
        "content/pages/kalender.md:1: slug: /kalender/ is an address the site makes itself "
        "(give the page another slug:)",
    ),
    "page with a news field": (
        "pages/om.md",
        "---\ntitle: Om oss\ndate: 2024-01-01\n---\n",
        "content/pages/om.md:3: date: unknown field (the fields here are title, summary, "
        "owner, slug, status, aliases, extra; free-form values go under extra:)",
    ),
    "contact file ending in .yaml": (
        "contacts/anna.yaml",
        "name: Anna\n",
        "content/contacts/anna.yaml:1: file: contact files end in .yml (rename the file to "
        "end in .yml)",
    ),
    "contact id that is not a slug": (
        "contacts/Anna Berg.yml",
        "name: Anna Berg\n",
        "content/contacts/Anna Berg.yml:1: file: the file name 'Anna Berg' is used as the "
        "contact's id and must be lower-case a-z, 0-9 and hyphens (rename it to "
        "anna-berg.yml)",
    ),
    "contact without a name": (
        "contacts/anna.yml",
        "role: Rådgivare\n",
        "content/contacts/anna.yml:1: name: required field is missing (add a line name: …)",
    ),
    "contact with a bad phone number": (
        "contacts/anna.yml",
        "name: Anna\nphone: 08-12\n",
        "content/contacts/anna.yml:2: phone: '08-12' is not a valid phone number (write it as "
        "dialled in Sweden, e.g. 08-709 59 81 or 070-527 59 81, or with a country code, "
        "e.g. +47 22 12 34 56)",
    ),
    "contact portrait without alternative text": (
        "contacts/anna.yml",
        "name: Anna\nimage: images/bild.png\n",
        "content/contacts/anna.yml:1: image_alt: required when there is an image (describe "
        "what the picture shows for readers who cannot see it)",
    ),
    "contact with a bad e-mail": (
        "contacts/anna.yml",
        "name: Anna\nemail: anna.example.se\n",
        "content/contacts/anna.yml:2: email: 'anna.example.se' is not an e-mail address "
        "(write e.g. namn@example.se)",
    ),
    "contact that is not YAML fields": (
        "contacts/anna.yml",
        "Anna Berg, rådgivare\n",
        "content/contacts/anna.yml:1: file: expected fields written as name: value, one per line",
    ),
}


@pytest.mark.parametrize("case", list(FILE_CASES), ids=list(FILE_CASES))
def test_file_rules(built_site, case):
    rel_path, text, message = FILE_CASES[case]
    built_site.write_bytes("images/bild.png", PNG)
    built_site.write(rel_path, text)
    expect_errors(built_site, message)


def test_file_that_is_not_utf8(built_site):
    built_site.write_bytes("news/2024/bad.md", "---\ntitle: Åsa\n---\n".encode("latin-1"))
    expect_errors(
        built_site,
        "content/news/2024/bad.md:1: file: is not UTF-8 text (save it with the encoding UTF-8)",
    )


def programme(rounds_yaml: str, **fields: str) -> str:
    head = {"title": "Programmet", "summary": "Kort.", **fields}
    lines = ["---", *(f"{k}: {v}" for k, v in head.items()), rounds_yaml.rstrip("\n"), "---"]
    return "\n".join(lines) + "\nText.\n"


PROGRAMME_CASES = {
    "missing summary": (
        "---\ntitle: Programmet\n---\n",
        "content/programmes/bad.md:1: summary: required field is missing (add a line summary: …)",
    ),
    "round without a name": (
        programme("rounds:\n  - start: 2024-09-02"),
        "content/programmes/bad.md:5: rounds[0].name: required field is missing (add a line "
        "name: …)",
    ),
    "round with neither start nor sessions": (
        programme("rounds:\n  - name: Hösten"),
        "content/programmes/bad.md:5: rounds[0].start: required when the round has no "
        "sessions (write start: YYYY-MM-DD, or list the sessions)",
    ),
    "round ending before it starts": (
        programme("rounds:\n  - name: Hösten\n    start: 2024-09-02\n    end: 2024-08-01"),
        "content/programmes/bad.md:7: rounds[0].end: 2024-08-01 is before the start 2024-09-02",
    ),
    "booked percent over 100": (
        programme("rounds:\n  - name: Hösten\n    start: 2024-09-02\n    booked_percent: 150"),
        "content/programmes/bad.md:7: rounds[0].booked_percent: '150' is not a whole number "
        "from 0 to 100 (write e.g. booked_percent: 50)",
    ),
    "booked percent as words": (
        programme("rounds:\n  - name: Hösten\n    start: 2024-09-02\n    booked_percent: hälften"),
        "content/programmes/bad.md:7: rounds[0].booked_percent: 'hälften' is not a whole "
        "number from 0 to 100 (write e.g. booked_percent: 50)",
    ),
    "full round with places left": (
        programme(
            "rounds:\n  - name: Hösten\n    start: 2024-09-02\n    status: full\n"
            "    booked_percent: 40"
        ),
        "content/programmes/bad.md:8: rounds[0].booked_percent: 40 is below 100 but status is "
        "full (write booked_percent: 100, or status: few-places)",
    ),
    "registration deadline that is not a date": (
        programme(
            "rounds:\n  - name: Hösten\n    start: 2024-09-02\n    registration_deadline: 1 augusti"
        ),
        "content/programmes/bad.md:7: rounds[0].registration_deadline: '1 augusti' is not a "
        "date (write YYYY-MM-DD)",
    ),
    "teachers written as one text": (
        programme("rounds: []", teachers="Johan Magnusson, Charlotta Kronblad"),
        "content/programmes/bad.md:4: teachers: expected a list, found 'Johan Magnusson, "
        "Charlotta Kronblad' (write teachers: [first, second] or one '- item' line per entry)",
    ),
    "unknown round status": (
        programme("rounds:\n  - name: Hösten\n    start: 2024-09-02\n    status: closed"),
        "content/programmes/bad.md:7: rounds[0].status: 'closed' is not allowed (write one of "
        "open, few-places, full, cancelled)",
    ),
    "registration url that is not a web address": (
        programme(
            "rounds:\n  - name: Hösten\n    start: 2024-09-02", registration_url="www.adda.se"
        ),
        "content/programmes/bad.md:4: registration_url: 'www.adda.se' is not a web address "
        "(write the full address, e.g. https://www.example.se/anmalan)",
    ),
    "registration url with another scheme": (
        programme(
            "rounds:\n  - name: Hösten\n    start: 2024-09-02\n"
            "    registration_url: javascript:alert(1)"
        ),
        "content/programmes/bad.md:7: rounds[0].registration_url: 'javascript:alert(1)' is not "
        "a web address (write the full address, e.g. https://www.example.se/anmalan)",
    ),
    "session end before start": (
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n"
            "        start_time: 13:00\n        end_time: 12:00"
        ),
        "content/programmes/bad.md:9: rounds[0].sessions[0].end_time: 12:00 is not after "
        "start_time 13:00",
    ),
    "session end without start": (
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n"
            "        end_time: 12:00"
        ),
        "content/programmes/bad.md:8: rounds[0].sessions[0].end_time: given without "
        "start_time (add start_time: HH:MM, or remove end_time for an all-day session)",
    ),
    "session time that is not a time": (
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n"
            "        start_time: 25:00"
        ),
        "content/programmes/bad.md:8: rounds[0].sessions[0].start_time: '25:00' is not a "
        "time (write HH:MM, e.g. 13:00)",
    ),
    "session without a date": (
        programme("rounds:\n  - name: Våren\n    sessions:\n      - title: Träff 1"),
        "content/programmes/bad.md:7: rounds[0].sessions[0].date: required field is missing "
        "(add a line date: YYYY-MM-DD)",
    ),
    "session outside its round": (
        programme(
            "rounds:\n  - name: Våren\n    start: 2024-03-01\n    end: 2024-06-01\n"
            "    sessions:\n      - date: 2024-03-01\n      - date: 2024-07-01"
        ),
        "content/programmes/bad.md:10: rounds[0].sessions[1].date: 2024-07-01 is after the "
        "round's end 2024-06-01",
    ),
    "rounds written as text": (
        programme("rounds: Våren 2024"),
        "content/programmes/bad.md:4: rounds: expected a list, found 'Våren 2024' (write "
        "rounds: [first, second] or one '- item' line per entry)",
    ),
    "round written as text": (
        programme("rounds:\n  - Våren 2024"),
        "content/programmes/bad.md:5: rounds[0]: expected fields written as name: value, "
        "found 'Våren 2024' (write each entry as '- name: …' with its other fields indented "
        "below)",
    ),
    "unknown field in a session": (
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n        plats: Umeå"
        ),
        "content/programmes/bad.md:8: rounds[0].sessions[0].plats: unknown field (the fields "
        "here are date, start_time, end_time, title, location)",
    ),
}


@pytest.mark.parametrize("case", list(PROGRAMME_CASES), ids=list(PROGRAMME_CASES))
def test_programme_rules(built_site, case):
    text, message = PROGRAMME_CASES[case]
    built_site.write("programmes/bad.md", text)
    expect_errors(built_site, message)


def test_news_may_not_promote_a_draft_programme(built_site):
    built_site.write("programmes/utkast.md", programme("", status="draft"))
    built_site.write(
        "news/2024/bad.md", "---\ntitle: N\ndate: 2024-06-03\nprogrammes: [utkast]\n---\n"
    )
    expect_errors(
        built_site,
        "content/news/2024/bad.md:4: programmes[0]: 'utkast' is a draft "
        "(content/programmes/utkast.md has status: draft; publish it or remove it from the "
        "list)",
    )


def test_every_problem_in_every_file_is_reported_in_one_run(built_site):
    built_site.write(
        "news/2024/a.md",
        "---\ntitle: A\ndate: 2024-13-03\ntittle: x\ncontacts: [okand]\n---\n",
    )
    built_site.write("contacts/b.yml", "name: B\nemail: nej\n")
    built_site.write(
        "programmes/c.md",
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n"
            "        start_time: 13:00\n        end_time: 12:00\n      - date: 2024-02-30"
        ),
    )
    expect_errors(
        built_site,
        "content/contacts/b.yml:2: email: 'nej' is not an e-mail address (write e.g. "
        "namn@example.se)",
        "content/news/2024/a.md:3: date: '2024-13-03' is not a date (write YYYY-MM-DD)",
        "content/news/2024/a.md:4: tittle: unknown field (did you mean title? the fields here "
        "are title, date, modified, summary, tags, author, owner, image, image_alt, "
        "image_caption, contacts, programmes, status, slug, aliases, extra; free-form values go "
        "under extra:)",
        "content/news/2024/a.md:5: contacts[0]: 'okand' does not exist (no "
        "content/contacts/okand.yml; known: b, tommy-eriksson)",
        "content/programmes/c.md:9: rounds[0].sessions[0].end_time: 12:00 is not after "
        "start_time 13:00",
        "content/programmes/c.md:10: rounds[0].sessions[1].date: '2024-02-30' is not a date "
        "(write YYYY-MM-DD)",
    )


def test_unquoted_times_and_words_mean_what_they_say(built_site):
    built_site.write(
        "programmes/tider.md",
        programme(
            "rounds:\n  - name: Våren\n    sessions:\n      - date: 2024-03-01\n"
            "        start_time: 13:00\n        end_time: 16:30\n        title: no",
            provider="yes",
        ),
    )
    result = built_site.build()
    assert result.returncode == 0, result.stderr


def test_twenty_articles_with_five_bad_fields_print_five_lines(site):
    site.write("contacts/tommy-eriksson.yml", GOOD_CONTACT)
    for number in range(20):
        site.write(
            f"news/2024/nyhet-{number:02d}.md",
            f"---\ntitle: Nyhet {number}\ndate: 2024-05-{number + 1:02d}\n"
            "tags: [Ledarskap]\ncontacts: [tommy-eriksson]\n---\nText.\n",
        )
    bad = {
        3: ("date: 2024-05-04", "date: 2024-05-32"),
        7: ("tags: [Ledarskap]", "tags: Ledarskap"),
        11: ("contacts: [tommy-eriksson]", "contacts: [tommy]"),
        15: ("title: Nyhet 15", "titel: Nyhet 15"),
        19: ("date: 2024-05-20", "date: 20 maj 2024"),
    }
    for number, (old, new) in bad.items():
        path = site.root / "content" / "news" / "2024" / f"nyhet-{number:02d}.md"
        path.write_text(path.read_text().replace(old, new))
    result = site.build()
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.error_lines] == [
        "content/news/2024/nyhet-03.md:3",
        "content/news/2024/nyhet-07.md:4",
        "content/news/2024/nyhet-11.md:5",
        "content/news/2024/nyhet-15.md:1",
        "content/news/2024/nyhet-15.md:2",
        "content/news/2024/nyhet-19.md:3",
    ]
    assert result.stderr.splitlines()[-1] == (
        "6 problems in 5 files; nothing was built and the previous output was left as it was"
    )
    assert "Traceback" not in result.stderr + result.stdout and "CRITICAL" not in result.stderr
    assert not result.output.exists()


def test_check_task_reports_the_same_lines_without_building(built_site):
    import subprocess
    import sys

    built_site.write("news/2024/bad.md", "---\ntitle: N\ndate: 2024-13-03\n---\n")
    proc = subprocess.run(
        [sys.executable, "-m", "eduweb.check", "pelicanconf.py"],
        cwd=built_site.root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": "plugins", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "content/news/2024/bad.md:3: date: '2024-13-03' is not a date (write YYYY-MM-DD)"
    )
