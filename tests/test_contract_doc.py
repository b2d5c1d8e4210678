"""docs/content-model.md is the reference for every field: each schema in
plugins/eduweb/model.py has one field table there, under a heading named
after it (News, Programmes, Rounds, Sessions, Contacts, Pages), listing
exactly the schema's fields, with "yes" in the required column exactly for
the fields the schema requires. A field added to one and not the other
fails here.

Each field table also has the field's label and hint in the web editor
(columns "label" and "hint"), which are the schema's Swedish `title` and
`description` (plugins/eduweb/model.py, read by cms_config.py): the writer
sees in the editor what the contract says.

The document is read as Markdown (the pinned Python-Markdown with its tables
extension, the one Pelican uses), so the tables may be written with or
without outer pipes, aligned or not, with the field in backticks or not."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from eduweb.model import NESTED, SCHEMAS

CONTRACT = ROOT / "docs" / "content-model.md"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def schemas() -> dict[str, type]:
    """Every schema a content file is checked against, top-level and nested."""
    found = {schema.__name__: schema for schema in SCHEMAS.values()}
    for children in NESTED.values():
        found.update({schema.__name__: schema for schema in children.values()})
    return found


def schema_for_heading(heading: str, names: set[str]) -> str | None:
    """'Programmes — `content/programmes/*.md`' -> 'Programme'; None if no schema."""
    match = NAME.search(heading)
    if not match:
        return None
    word = match.group().lower()
    for name in names:
        if word in (name.lower(), name.lower() + "s"):
            return name
    return None


def field_tables(text: str, names: set[str]) -> tuple[dict[str, dict[str, bool]], list[str]]:
    """The document's field tables: schema name -> {field: required}, and a
    list of problems with the document's shape (a field table under a heading
    that names no schema, two tables for one schema, a table without a
    required column)."""
    soup = BeautifulSoup(markdown.markdown(text, extensions=["tables"]), "html.parser")
    tables: dict[str, dict[str, bool]] = {}
    problems: list[str] = []
    heading = ""
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "table"]):
        if element.name != "table":
            heading = element.get_text(" ", strip=True)
            continue
        header = [th.get_text(" ", strip=True).lower() for th in element.find_all("th")]
        if "field" not in header:
            continue  # e.g. the Addresses table
        where = f"the field table under {heading!r}"
        name = schema_for_heading(heading, names)
        if name is None:
            problems.append(f"{where} names no schema (one of {', '.join(sorted(names))})")
            continue
        if name in tables:
            problems.append(f"{where} is a second table for {name}")
            continue
        if "required" not in header:
            problems.append(f"{where} has no 'required' column")
            continue
        field_col, required_col = header.index("field"), header.index("required")
        rows: dict[str, bool] = {}
        for tr in element.find_all("tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            if len(cells) <= max(field_col, required_col):
                continue
            field = NAME.search(cells[field_col])
            if field:
                rows[field.group()] = cells[required_col].strip().lower() == "yes"
        tables[name] = rows
    return tables, problems


def editor_columns(text: str, names: set[str]) -> tuple[dict[str, dict[str, tuple]], list[str]]:
    """Each field table's label and hint columns: schema name -> {field:
    (label, hint)}, and the tables that lack the columns."""
    soup = BeautifulSoup(markdown.markdown(text, extensions=["tables"]), "html.parser")
    found: dict[str, dict[str, tuple]] = {}
    problems: list[str] = []
    heading = ""
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "table"]):
        if element.name != "table":
            heading = element.get_text(" ", strip=True)
            continue
        header = [th.get_text(" ", strip=True).lower() for th in element.find_all("th")]
        name = schema_for_heading(heading, names)
        if "field" not in header or name is None:
            continue
        if "label" not in header or "hint" not in header:
            problems.append(f"the field table under {heading!r} has no 'label' and 'hint' columns")
            continue
        columns = [header.index(column) for column in ("field", "label", "hint")]
        rows = {}
        for tr in element.find_all("tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            if len(cells) > max(columns):
                field = NAME.search(cells[columns[0]])
                if field:
                    rows[field.group()] = (cells[columns[1]], cells[columns[2]])
        found[name] = rows
    return found, problems


def editor_differences(name: str, documented: dict[str, tuple], schema: type) -> list[str]:
    lines = []
    for field, (label, hint) in documented.items():
        info = schema.model_fields.get(field)
        if info is None:
            continue  # reported by the field comparison
        if label != (info.title or ""):
            lines.append(
                f"{name}.{field}: label {label!r} in {CONTRACT.name}, {info.title!r} in model.py"
            )
        if hint != (info.description or ""):
            schema_hint = f"{info.description!r} in model.py"
            lines.append(f"{name}.{field}: hint {hint!r} in {CONTRACT.name}, {schema_hint}")
    return lines


def test_the_contract_gives_each_field_the_label_and_hint_of_the_editor():
    found = schemas()
    tables, problems = editor_columns(CONTRACT.read_text(encoding="utf-8"), set(found))
    for name, table in tables.items():
        problems += editor_differences(name, table, found[name])
    assert not problems, "\n".join(problems)


def test_a_label_or_hint_that_differs_from_the_schema_is_reported():
    from eduweb.model import Session

    text = (
        "## Sessions\n\n| field | required | label | hint |\n|---|---|---|---|\n"
        "| `date` | yes | Datum | |\n| `title` | no | Titel | T.ex. Träff 1: Digital mognad. |\n"
        "| `location` | no | Plats | |\n"
    )
    tables, problems = editor_columns(text, {"Session"})
    assert problems == []
    assert editor_differences("Session", tables["Session"], Session) == [
        "Session.title: label 'Titel' in content-model.md, 'Rubrik' in model.py",
        "Session.location: hint '' in content-model.md, "
        "'Om träffen hålls någon annanstans än utbildningens plats.' in model.py",
    ]
    no_columns = "## Sessions\n\n| field | required |\n|---|---|\n| `date` | yes |\n"
    assert editor_columns(no_columns, {"Session"})[1] == [
        "the field table under 'Sessions' has no 'label' and 'hint' columns"
    ]


def schema_fields(schema: type) -> dict[str, bool]:
    return {name: info.is_required() for name, info in schema.model_fields.items()}


def differences(name: str, documented: dict[str, bool], schema: dict[str, bool]) -> list[str]:
    lines = [
        f"{name}.{field}: in model.py, not in {CONTRACT.name}"
        for field in schema
        if field not in documented
    ]
    lines += [
        f"{name}.{field}: in {CONTRACT.name}, not in model.py"
        for field in documented
        if field not in schema
    ]
    for field in schema.keys() & documented.keys():
        if schema[field] != documented[field]:
            model_says = "required" if schema[field] else "optional"
            doc_says = "yes" if documented[field] else "not 'yes'"
            lines.append(
                f"{name}.{field}: model.py has it {model_says}, {CONTRACT.name} says {doc_says}"
            )
    return lines


def test_the_contract_documents_every_field_of_every_schema_and_no_other():
    found = schemas()
    tables, problems = field_tables(CONTRACT.read_text(encoding="utf-8"), set(found))
    problems += [
        f"{name}: no field table in {CONTRACT.name}" for name in found if name not in tables
    ]
    for name, table in tables.items():
        problems += differences(name, table, schema_fields(found[name]))
    assert not problems, "\n".join(problems)


# The reader itself: a test of the comparison that cannot depend on today's
# document, with the formatting variations a writer of the document may use.
VARIANTS = """
# Contract

## News

field | required | type
:-- | :-: | --
`title` | yes | text
date|Yes|date

Some text in between.

## Programmes — `content/programmes/*.md`

| notes | field | required |
|-------|-------|----------|
| the name | **`title`** | yes |
| escaped \\| pipe | `summary` | if no title |

## Addresses

| what | address |
|---|---|
| home | `/` |
"""


def test_the_reader_takes_tables_in_any_markdown_form():
    tables, problems = field_tables(VARIANTS, {"News", "Programme"})
    assert problems == []
    assert tables == {
        "News": {"title": True, "date": True},
        "Programme": {"title": True, "summary": False},
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "## Widgets\n\n| field | required |\n|---|---|\n| `a` | yes |\n",
            "the field table under 'Widgets' names no schema (one of News)",
        ),
        (
            "## News\n\n| field | required |\n|---|---|\n| `a` | yes |\n\n"
            "| field | required |\n|---|---|\n| `b` | yes |\n",
            "the field table under 'News' is a second table for News",
        ),
        (
            "## News\n\n| field | type |\n|---|---|\n| `a` | text |\n",
            "the field table under 'News' has no 'required' column",
        ),
    ],
)
def test_the_reader_reports_a_document_it_cannot_map(text, problem):
    assert field_tables(text, {"News"})[1] == [problem]


def test_a_field_in_one_and_not_the_other_or_required_differently_is_reported():
    schema = {"title": True, "date": True, "summary": False}
    documented = {"title": True, "date": False, "aliases": False}
    assert differences("News", documented, schema) == [
        "News.summary: in model.py, not in content-model.md",
        "News.aliases: in content-model.md, not in model.py",
        "News.date: model.py has it required, content-model.md says not 'yes'",
    ]
