"""libyaml's parser and PyYAML's own give load_yaml the same result.

load_yaml reads YAML with libyaml's parser (C) when PyYAML has it, for
speed, and with PyYAML's parser (the reference: its error texts are what
the messages are made from) for anything to report and for the few things
libyaml reads otherwise. These tests run load_yaml both ways
(frontmatter.USE_LIBYAML) over a broad corpus, compare data, lines, field
errors and messages, and check that the fast path serves the ordinary
content it is for.

The corpus: the fixture sites, every string in the test modules (the
hostile and fuzz inputs among them), a generated benchmark corpus, and
seeded generated text — random strings of YAML's own characters, documents
with random edits, and words inside [ ] and { }, tags, anchors and block
scalar headers, where the two parsers were found to differ.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest
import yaml
from eduweb import frontmatter
from eduweb.content_index import read_text
from eduweb.frontmatter import (
    FrontMatterError,
    load_yaml,
    remove_control_characters,
    split_front_matter,
)
from test_fuzz import FRAGMENTS

from benchmarks import generate

TESTS = Path(__file__).parent
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")


def yaml_texts(text: str) -> list[str]:
    """What load_yaml gets from a file's text: the whole text (a contact),
    and the fields of a Markdown file, cleaned as the build cleans them."""
    texts = [text]
    cleaned, _ = remove_control_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        texts.append(split_front_matter(cleaned).yaml_text)
    except FrontMatterError:
        texts.append(cleaned)
    return texts


def outcome(source: str) -> tuple:
    """Everything load_yaml tells its caller: data (with its key order),
    lines and field errors, or the line, message and field of its error."""
    try:
        loaded = load_yaml(source, 2, "front matter")
    except FrontMatterError as err:
        return ("error", err.line, err.message, err.field)
    return ("loaded", repr(loaded.data), sorted(loaded.lines.items(), key=repr), loaded.errors)


def both_ways(monkeypatch, source: str) -> tuple[tuple, tuple]:
    monkeypatch.setattr(frontmatter, "USE_LIBYAML", True)
    fast = outcome(source)
    monkeypatch.setattr(frontmatter, "USE_LIBYAML", False)
    reference = outcome(source)
    return fast, reference


def assert_same(monkeypatch, sources) -> None:
    differ = []
    for source in dict.fromkeys(sources):  # once each, in order
        fast, reference = both_ways(monkeypatch, source)
        if fast != reference:
            differ.append(f"{source!r}\n  libyaml: {fast}\n  PyYAML:  {reference}")
    assert not differ, f"{len(differ)} differ:\n" + "\n".join(differ[:10])


# Corpora -----------------------------------------------------------------


def fixture_texts() -> list[str]:
    files = sorted(p for p in (TESTS / "fixtures").rglob("*") if p.suffix in (".md", ".yml"))
    return [text for path in files for text in yaml_texts(read_text(str(path)))]


def module_strings() -> list[str]:
    """Every string written in a test module (f-strings by their pieces)."""
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.extend(yaml_texts(node.value))
    return found


@pytest.fixture(scope="module")
def generated_texts(tmp_path_factory) -> list[str]:
    """The benchmark's generated site (300 articles, their programmes and contacts)."""
    root = tmp_path_factory.mktemp("generated")
    generate.generate(root, articles=300, seed=3)
    files = sorted(p for p in (root / "ours" / "content").rglob("*") if p.suffix in (".md", ".yml"))
    return [yaml_texts(read_text(str(path)))[-1] for path in files]


# YAML's indicators, spaces and line breaks, escapes, directives, and the
# characters the two parsers were seen to treat otherwise.
CHARACTERS = [*"-:? \n\n\n  \t#'\"[]{},!&*|>%@`\\ab1.~=/^$<"] + [
    "\ufeff",
    "\x85",
    "\u2028",
    "\r",
    "\x00",
    "\x0b",
    "ä",
    "🎉",
    "\ud800",
    "---",
    "...",
    "a: ",
    "- ",
    "? ",
    "  ",
    "\n  ",
    "%YAML 1.1\n",
    "%YAML 1.2\n",
    "%TAG !e! tag:x,2000:\n",
    "\\x41",
    "\\/",
    "\\u00e4",
    "\\N",
    "\\L",
    "\\ud800",
    "!!str ",
    "!!null ",
    "!x ",
    "!e!",
    "!<",
    "&a ",
    "*a",
    "|",
    ">-",
    "|2",
    "http://x.se/?a=b",
]
VALUES = [
    "x",
    "Rubrik",
    "13:00",
    "2024-06-03",
    "no",
    "~",
    "null",
    "",
    "'q'",
    "'it''s'",
    '"d"',
    '"\\x41\\u00e4\\/\\N\\_\\L\\P\\e\\0\\t"',
    "a b  c",
    "a #c",
    "a:b",
    "-x",
    "?x",
    "Vad?",
    "[a, b]",
    "[Ledarskap, Digital mognad]",
    "[]",
    "{}",
    "{a: b, c}",
    "[a: b]",
    "{? a}",
    "|\n  lit\n   more\n",
    "|-\n  x\n\n",
    ">+\n  f\n  g\n\n",
    "'multi\n  line'",
    "plain\n  cont",
    '"dq\n\n  x"',
    "a" * 1030,
    "ä" * 1030,
    "https://x.se/a?b=c#d",
    "é\u0301",
    "0x1F",
    "Hej!",
    "Kök & bad",
]
KEYS = ["title", "tags", "a", "'q k'", '"dq k"', "? complex", "a b", "ä", "1", "~", "-"]


def random_strings(rng: random.Random, count: int, pieces: list[str], longest: int):
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, longest)))


def documents(rng: random.Random, count: int):
    """Nested fields, lists and values, then up to three random edits."""

    def node(depth: int) -> tuple[str, object]:
        roll = rng.random()
        if depth > 3 or roll < 0.5:
            return "value", rng.choice(VALUES)
        if roll < 0.75:
            return "fields", [(rng.choice(KEYS), node(depth + 1)) for _ in range(rng.randint(0, 4))]
        return "list", [node(depth + 1) for _ in range(rng.randint(0, 4))]

    def render(item: tuple[str, object], indent: int) -> str:
        kind, content = item
        pad = " " * indent
        if kind == "value":
            return " " + content.replace("\n", "\n" + pad + "  ") if content else ""
        if not content:
            return " {}" if kind == "fields" else " []"
        step = rng.choice([1, 2, 2, 4])
        if kind == "fields":
            return "".join(f"\n{pad}{k}:{render(v, indent + step)}" for k, v in content)
        return "".join(f"\n{pad}-{render(v, indent + step)}" for v in content)

    for _ in range(count):
        text = render(("fields", [(rng.choice(KEYS), node(1)) for _ in range(4)]), 0)[1:]
        if rng.random() < 0.2:
            text = rng.choice(["%YAML 1.1\n---\n", "%YAML 2.0\n---\n", "--- ", "# c\n"]) + text
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            at = rng.randrange(len(text) + 1)
            roll = rng.random()
            if roll < 0.5:
                text = text[:at] + rng.choice(CHARACTERS) + text[at:]
            elif roll < 0.8:
                text = text[:at] + text[at + 1 :]
            else:
                lines = text.split("\n")
                at = rng.randrange(len(lines))
                text = "\n".join(lines[:at] + [lines[at]] + lines[at:])
        yield text


INSIDE_BRACKETS = [*"-:?,[]{}  #'\"!&*|>%@`\\ab1./="] + ["x y", ": ", ", ", "\n", "\n  "]
TAGS_AND_HEADERS = [*"!!!&&*-:?,  #'\"|>%@`\\ab1./=<>^$"] + ["!", "!!", "!e!", "!<", "&a", "*a"]


def in_brackets(rng: random.Random, count: int):
    for inner in random_strings(rng, count, INSIDE_BRACKETS + ["http://x.se/?a=b"], 8):
        opening = rng.choice(["[", "{", "[{", "{a: ["])
        closing = {"[": "]", "{": "}", "[{": "}]", "{a: [": "]}"}[opening]
        start = rng.choice(["k: ", "- ", "k:\n  - ", "k:\n  x: "])
        yield start + opening + inner + closing + rng.choice(["", "\nb: 1", " #c"])


def after_a_field(rng: random.Random, count: int):
    for inner in random_strings(rng, count, TAGS_AND_HEADERS + ["\n", "\n  ", "\n- ", "? "], 8):
        start = rng.choice(["k: ", "- ", "k:\n  - ", "k:\n  x: ", "k: [", "k: {", "", "? "])
        yield start + inner + rng.choice(["", "\nb: 1", " #c", "]", "}", "\n"])


# Whole lines: empty values and list items, continued and unclosed values,
# comments, document markers, indentation.
LINES = [
    *("k:", "k: v", "k: 'a", "  b'", 'k: "a', '  b"', "-", "- ", "- v", "  -", "  - v"),
    *("  k:", "  k: v", "    k: v", "", "# c", "  # c", "k: v # c", "k: |", "k: >"),
    *("  text", "   more", "k: a", "  b", "? k", ": v", "- k:", "- k: v", "  - - x"),
    *("k: [a,", "  b]", "k: {a: 1,", "  b: 2}", "...", "---", "k: v ", "  ", "k:  "),
    *("- - ", "-  -", "'k': v", '"k": v', "k: 'a''b'", 'k: "\\\n  x"', "k: ä: x"),
    *("k: a:b", "k: :x", "k: -", "k: --", "k: ---"),
]


def lines_of_fields(rng: random.Random, count: int):
    for _ in range(count):
        yield "\n".join(rng.choice(LINES) for _ in range(rng.randint(1, 8)))


def long_keys():
    """Around the 1,024 characters a field name may have, in 1- to 4-byte characters."""
    for length in range(1018, 1030):
        for char in "aä🎉":
            key = char * length
            yield from (f"{key}: 1", f"k:\n  {key}: 1", f"- {key}: 1", f'"{key}": 1')


def hostile() -> list[str]:
    return [
        "[" * 5000 + "]" * 5000,
        "{a: " * 500 + "}" * 500,
        "".join("  " * level + f"k{level}:\n" for level in range(60)),
        "\n" + "".join("  " * level + "- \n" for level in range(60)),
        "a: &a [x, x]\nb: [*a, *a]\n",
        "a: " + "x" * 200_000,
        "\n".join(f"k{number}: {number}" for number in range(3000)),
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\nb: 2\n",
        "- a\n- b\n",
        "just text",
        "a: 1\na: 2\n",
        "[a]: 1\n",
        '"a\\nb": 1\n',
        'a: "\\x0b\\u2028"\n',
    ]


# Tests -------------------------------------------------------------------


@needs_libyaml
def test_fixtures_and_test_strings_read_the_same(monkeypatch):
    assert_same(monkeypatch, fixture_texts() + module_strings() + hostile())


@needs_libyaml
def test_generated_site_reads_the_same(monkeypatch, generated_texts):
    assert_same(monkeypatch, generated_texts)


@needs_libyaml
def test_random_yaml_characters_read_the_same(monkeypatch):
    rng = random.Random(12)
    assert_same(monkeypatch, random_strings(rng, 3000, CHARACTERS, 14))
    assert_same(monkeypatch, random_strings(rng, 500, FRAGMENTS, 12))


@needs_libyaml
def test_edited_documents_read_the_same(monkeypatch):
    assert_same(monkeypatch, documents(random.Random(12), 1200))
    assert_same(monkeypatch, lines_of_fields(random.Random(12), 2000))


@needs_libyaml
def test_brackets_tags_anchors_and_block_headers_read_the_same(monkeypatch):
    rng = random.Random(12)
    assert_same(monkeypatch, in_brackets(rng, 2500))
    assert_same(monkeypatch, after_a_field(rng, 2500))
    assert_same(monkeypatch, long_keys())


# What libyaml reads otherwise, one case of each kind found: each gives a
# result PyYAML's parser would not, unless load_yaml leaves it to PyYAML.
LIBYAML_DIFFERS = [
    "a:\t1",  # libyaml: a = "1"; PyYAML: a tab cannot start a value
    "\n\ufeffa: 1",  # libyaml skips the byte order mark: a, not "\ufeffa"
    "a: 1\n\ufeff",  # libyaml: nothing more; PyYAML: an error
    "k: |#x",  # libyaml: a comment; PyYAML: an error
    "k: >-#x\n  a",
    "k: !$!x y",  # libyaml takes the tag; PyYAML: an error
    "tags: [https://x.se/?a=b]",  # PyYAML ends the word at "?": an error
    "k: {a?b: 1}",
    "k: [[x, y?]]",
]


@needs_libyaml
@pytest.mark.parametrize("source", LIBYAML_DIFFERS)
def test_what_libyaml_reads_otherwise_goes_to_pyyaml(monkeypatch, source):
    fast, reference = both_ways(monkeypatch, source)
    assert fast == reference
    assert frontmatter._load_with_libyaml(source, 2) is None


def event_details(events) -> list[tuple]:
    """What _Builder reads of each event. Style is compared only as plain or
    not (PyYAML says None for plain, libyaml ''); the marks of end events
    differ (PyYAML puts a mapping's end on the line after it) and are not read."""
    details = []
    for event in events:
        row = [type(event).__name__]
        if isinstance(event, (yaml.NodeEvent, yaml.DocumentStartEvent)):
            row.append(event.start_mark.line)
        if isinstance(event, yaml.NodeEvent):
            row.append(event.anchor)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            row += [event.tag, event.implicit]
        if isinstance(event, yaml.ScalarEvent):
            row += [event.value, bool(event.style)]
        if isinstance(event, yaml.CollectionStartEvent):
            row.append(bool(event.flow_style))
        details.append(tuple(row))
    return details


@needs_libyaml
def test_the_fast_path_serves_ordinary_content_with_pyyamls_events(generated_texts):
    """Every fixture and generated file goes through libyaml (a too broad
    guard, or libyaml not loading, would quietly lose the speed), and where
    libyaml answers, its events are PyYAML's in everything load_yaml reads."""
    ordinary = [fixture_texts()[1::2], generated_texts]
    for texts in ordinary:
        for source in texts:
            assert frontmatter._load_with_libyaml(source, 2) is not None, source
    for source in [*ordinary[0], *ordinary[1], *documents(random.Random(5), 800)]:
        if frontmatter._load_with_libyaml(source, 2) is None:
            continue
        ours = event_details(yaml.parse(source, Loader=yaml.CSafeLoader))
        assert ours == event_details(yaml.parse(source, Loader=yaml.SafeLoader)), source


def test_without_libyaml_pyyamls_parser_does_it_all(monkeypatch):
    """USE_LIBYAML off (PyYAML built without libyaml): the same results."""
    monkeypatch.setattr(frontmatter, "USE_LIBYAML", False)
    monkeypatch.setattr(frontmatter, "_load_with_libyaml", None)  # never called
    assert load_yaml("title: Rubrik\ntags: [a, b]\n", 2, "x").data == {
        "title": "Rubrik",
        "tags": ["a", "b"],
    }
    with pytest.raises(FrontMatterError):
        load_yaml("title: 'Rubrik\n", 2, "x")
