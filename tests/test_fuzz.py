"""Property tests: generated broken and hostile content thrown at scan().

Whatever a file holds, and whatever it is called, validation either finds
nothing or reports `content/<path>:<line>: <field>: <message>` lines, each
on a line of that file — never an exception. One whole build over a few
generated files checks the same through Pelican.

The hypothesis profile is fixed (derandomize, bounded examples, no database)
so every run tries the same inputs and the module stays fast.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import Site, article
from eduweb.content_index import KIND_FOLDERS, scan
from eduweb.frontmatter import printable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

settings.register_profile(
    "eduweb-fuzz",
    derandomize=True,
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
FUZZ = settings.get_profile("eduweb-fuzz")
STOCKHOLM = ZoneInfo("Europe/Stockholm")

FIELDS = [
    "title",
    "date",
    "modified",
    "summary",
    "tags",
    "author",
    "image",
    "image_alt",
    "contacts",
    "programmes",
    "status",
    "slug",
    "extra",
    "rounds",
    "sessions",
    "name",
    "start",
    "end",
    "start_time",
    "end_time",
    "booked_percent",
    "registration_url",
    "registration_deadline",
    "phone",
    "email",
]
# Pieces of YAML, Markdown and values that have broken parsers before.
FRAGMENTS = FIELDS + [
    ": ",
    ":",
    "- ",
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "<<: *a",
    "!!str ",
    "!!null ",
    "!!binary ",
    "!x ",
    "? ",
    "|\n  ",
    ">-\n  ",
    "'",
    '"',
    '"\\x0b"',
    '"\\0"',
    '"\\u2028"',
    '"a\\nb"',
    '"\\ud800"',
    "# ",
    "---",
    "...",
    "%YAML 1.1\n",
    "\t",
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200b",
    "\ufeff",
    "\ufffe",
    "\r",
    "\r\n",
    "2024-02-30",
    "2024-06-03",
    "9999-12-31",
    "0001-01-01",
    "2024-06-03 25:61",
    "2024-06-03 12:00+14:01",
    "2024-06-03T23:59:59-99:00",
    "13:00",
    "24:00",
    "9.5",
    "99999999999999999999999999",
    "1" * 5000,
    "1e309",
    "-0",
    "0x1F",
    "~",
    "null",
    "no",
    "åäö",
    "🎉",
    "\u0301",
    "٣",
    "²",
    "!!!",
    "https://",
    "www.example.se",
    "http://[",
    "{filename}",
    "{static}",
    "{attach}",
    "../../..",
    "images/x.svg",
    "/etc/passwd",
    "<img",
    "![](x)",
    "a" * 120,
]
fragment = st.sampled_from(FRAGMENTS) | st.text(max_size=4)
yamlish = st.lists(fragment, max_size=40).map("".join)
value = (
    st.sampled_from(FRAGMENTS)
    | st.text(max_size=30)
    | st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map(
        lambda items: "[" + ", ".join(items) + "]"
    )
)
name_chars = st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00")
file_stem = st.sampled_from(["nyhet", "a" * 150, "Åsa Öberg", "._x", ".dold", "!!!", "🎉"]) | (
    st.text(name_chars, min_size=1, max_size=40)
)


def structured(draw_fields: list[tuple[str, str]], nested: str) -> str:
    """Front matter lines with generated values, and a round with a session."""
    lines = [f"{field}: {text}" for field, text in draw_fields]
    return "\n".join(lines) + nested


@st.composite
def front_matter(draw) -> str:
    if draw(st.booleans()):
        return draw(yamlish)
    fields = draw(st.lists(st.tuples(st.sampled_from(FIELDS), value), max_size=8))
    nested = ""
    if draw(st.booleans()):
        nested = (
            f"\nrounds:\n  - name: {draw(value)}\n    start: {draw(value)}\n"
            f"    booked_percent: {draw(value)}\n    sessions:\n"
            f"      - date: {draw(value)}\n        start_time: {draw(value)}\n"
            f"        end_time: {draw(value)}\n"
        )
    return structured(fields, nested)


@st.composite
def content_file(draw) -> tuple[str, str, str]:
    """(kind, file name, text) of one generated content file."""
    kind = draw(st.sampled_from(sorted(KIND_FOLDERS)))
    ext = ".yml" if kind == "contact" else ".md"
    ext = draw(st.sampled_from([ext, ext, ext, ".yaml", ".svg", ".md~", ""]))
    stem = draw(file_stem)
    fm = draw(front_matter())
    if kind == "contact":
        text = fm
    else:
        body = draw(yamlish)
        opening = draw(st.sampled_from(["---\n", "---\n", "--- \n", "", "\ufeff---\n"]))
        closing = draw(st.sampled_from(["\n---\n", "\n---\n", "\n...\n", ""]))
        text = opening + fm + closing + body
    return kind, stem + ext, text


def scan_errors(content: Path):
    settings_ = {"PATH": str(content), "_eduweb_tz": STOCKHOLM, "STATIC_PATHS": ["images"]}
    return scan(settings_).errors


def assert_well_formed(errors, files: dict[str, str]) -> None:
    """Every error names a written file, a line of it, a field and a message."""
    for error in errors:
        text = str(error)
        assert "\n" not in text and "\r" not in text, text
        assert error.path in files, text
        line_count = files[error.path].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        assert 1 <= error.line <= line_count, text
        assert error.field.strip() and error.message.strip(), text
        assert text == f"{error.path}:{error.line}: {error.field}: {error.message}"


def write_file(content: Path, kind: str, name: str, text: str) -> str | None:
    """Write the file; its path as errors name it, or None when the file
    system refuses the name (too long in bytes). A name with invisible
    characters is named with escapes."""
    path = content / KIND_FOLDERS[kind] / name
    try:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    except OSError:
        return None
    return printable(f"content/{KIND_FOLDERS[kind]}/{name}")


@pytest.fixture(scope="module")
def workspace():
    folder = Path(tempfile.mkdtemp(prefix="eduweb-fuzz-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fresh_content(workspace: Path) -> Path:
    content = workspace / "content"
    shutil.rmtree(content, ignore_errors=True)
    for folder in (*KIND_FOLDERS.values(), "images"):
        (content / folder).mkdir(parents=True)
    return content


@FUZZ
@given(st.lists(content_file(), min_size=1, max_size=3))
def test_scan_reports_lines_never_raises(workspace, files):
    content = fresh_content(workspace)
    written = {}
    for kind, name, text in files:
        rel = write_file(content, kind, name, text)
        if rel:
            written[rel] = text
    assert_well_formed(scan_errors(content), written)


@FUZZ
@given(front_matter(), st.sampled_from(["title", "summary", "extra", "tags"]))
def test_any_value_in_a_valid_article(workspace, fm, field):
    """A valid article with one generated field or block added."""
    content = fresh_content(workspace)
    block = fm.replace("\n", "\n  ")
    text = f"---\ntitle: T\ndate: 2024-06-03\n{field}:\n  {block}\n---\nText.\n"
    rel = write_file(content, "news", "x.md", text)
    assert_well_formed(scan_errors(content), {rel: text})


@FUZZ
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["[", "- ", "k: ", "&a "]))
def test_deep_and_repeated_structures_are_fast(workspace, depth, piece):
    content = fresh_content(workspace)
    if piece == "k: ":
        nested = "".join("  " * level + f"k{level}:\n" for level in range(depth))
    elif piece == "[":
        nested = "[" * depth + "]" * depth
    else:
        nested = "\n" + "".join("  " * level + piece + "\n" for level in range(depth))
    text = f"---\ntitle: T\ndate: 2024-06-03\nextra:\n  x: {nested}\n---\n"
    rel = write_file(content, "news", "x.md", text)
    started = time.perf_counter()
    errors = scan_errors(content)
    assert time.perf_counter() - started < 1
    assert_well_formed(errors, {rel: text})


def test_a_build_over_generated_hostile_files(site: Site):
    """Files made from the same pieces, with a fixed seed: the build fails
    exactly when scan() finds problems, prints only their lines, and keeps
    the previous output."""
    site.write("news/2024/god.md", article(title="God nyhet"))
    first = site.build()
    assert first.returncode == 0, first.stdout + first.stderr
    before = {p: p.read_bytes() for p in sorted(site.output.rglob("*")) if p.is_file()}

    pick = random.Random(8)
    content = site.root / "content"
    for number in range(6):
        kind = sorted(KIND_FOLDERS)[number % 4]
        ext = ".yml" if kind == "contact" else ".md"
        pieces = "".join(pick.choice(FRAGMENTS) for _ in range(25))
        text = pieces if kind == "contact" else f"---\ntitle: T{number}\n{pieces}\n---\n{pieces}\n"
        write_file(content, kind, f"fuzz-{number}{ext}", text)
    expected = [str(error) for error in scan_errors(content)]

    result = site.build()
    for text in (result.stdout, result.stderr):
        for marker in ("Traceback", "Error:", "CRITICAL"):
            assert marker not in text, text
    if expected:
        assert result.returncode == 1
        assert result.error_lines == expected
        after = {p: p.read_bytes() for p in sorted(site.output.rglob("*")) if p.is_file()}
        assert after == before
    else:
        assert result.returncode == 0
