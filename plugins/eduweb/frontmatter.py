"""Front matter: split a Markdown file, load YAML as written, keep line numbers.

Every scalar is loaded as the text the writer typed (only an empty value or
`null` becomes None), so `start_time: 13:00` stays "13:00" instead of YAML
1.1's base-60 integer 780, `no` stays "no", and an impossible date such as
`2024-02-30` reaches the schema as text and gets a proper message.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import yaml

from . import messages
from .errors import ContentError, field_path

Path_ = tuple  # a field path such as ('rounds', 0, 'name')

# Limits of the contract (docs/content-model.md). The deepest field the
# schemas have is rounds[i].sessions[j].date (5 levels); `extra:` may nest
# further, but never this far.
MAX_NESTING = 20

# Characters no field or body may contain: C0 controls other than tab and
# newline, DEL, C1 controls, the Unicode line and paragraph separators (YAML
# counts them as line breaks, which would shift every line number after them)
# the two non-characters, and lone surrogates (a "\\ud800" escape in YAML,
# which no UTF-8 file can hold). XML (the Atom feed, the sitemap) refuses most of
# them, and none of them shows on a page. Carriage returns never get here:
# read_text turns every line ending into \n.
CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_CONTROL_NAMES = {
    0x00: "NUL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


# Only an empty value or null (plain, not quoted) is None; every other scalar
# stays the text as written (YAML 1.1's implicit types are never applied).
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")
FENCE_RE = re.compile(r"^---\s*$")
# The field a line starts with: "title: …" or "  name: …" -> the name.
_FIELD_NAME_RE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:")
END_FENCE_RE = re.compile(r"^(?:---|\.\.\.)\s*$")


@dataclass
class Loaded:
    """YAML data with the file line of every field path."""

    data: object
    lines: dict[Path_, int]
    errors: list[ContentError] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        return line_of(self.lines, path)


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of `path`, else of the nearest enclosing field, else 1."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


@dataclass
class SplitFile:
    yaml_text: str
    yaml_first_line: int  # file line of the YAML's first line
    body: str
    body_first_line: int


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, field: str | None = None):
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field  # None: the front matter (or file) as a whole


# What may not be in a file or folder name: the characters above, line
# breaks and tabs, and bytes that are not UTF-8 (Python gives them as lone
# surrogates). Each would break the one-line messages.
UNPRINTABLE_NAME_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with every UNPRINTABLE_NAME_RE character written as an escape."""
    return UNPRINTABLE_NAME_RE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def describe_character(char: str) -> str:
    """'\\x0b' -> 'U+000B (VERTICAL TAB)'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:  # from a YAML escape, or a file name's non-UTF-8 byte
        return f"U+{code:04X} (not a character on its own)"
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "a control character")
    return f"U+{code:04X} ({name})"


def control_character_message(char: str, column: int | None = None) -> str:
    where = messages.text("file.at_column", column=column) if column else ""
    return messages.text("file.control_character", char=describe_character(char), where=where)


def remove_control_characters(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Take every CONTROL_RE character out of `text`, keeping its lines.

    Returns the cleaned text and, for each line that had any, the first one
    as (line, column, character), both counted from 1. Cleaning lets the
    rest of the file be checked as usual, so all its problems are reported
    in one run.
    """
    if not CONTROL_RE.search(text):
        return text, []
    found = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = CONTROL_RE.search(line)
        if match:
            found.append((number + 1, match.start() + 1, match[0]))
            lines[number] = CONTROL_RE.sub("", line)
    return "\n".join(lines), found


def field_at_line(lines: dict[Path_, int], line: int) -> Path_ | None:
    """The field written on `line`, or whose value continues there; None
    when the line comes before every field."""
    starts = sorted((at, len(path), path) for path, at in lines.items() if path)
    position = bisect.bisect_right(starts, (line, float("inf"))) - 1
    return starts[position][2] if position >= 0 else None


def split_front_matter(text: str) -> SplitFile:
    """Separate the YAML between the two `---` lines from the Markdown body."""
    lines = text.split("\n")
    if not lines or not FENCE_RE.match(lines[0]):
        raise FrontMatterError(1, messages.text("file.no_front_matter"))
    for index in range(1, len(lines)):
        if END_FENCE_RE.match(lines[index]):
            return SplitFile(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise FrontMatterError(_missing_fence_line(lines), messages.text("file.no_closing_fence"))


# A line that can belong to the fields: a field (name: …), a list item, a
# comment, or a value continued on an indented line.
_FIELD_LINE_RE = re.compile(r"^(?:\s+\S|[-#]|[^\s:][^:]*:(?:\s|$))")


def _missing_fence_line(lines: list[str]) -> int:
    """Where the closing --- belongs: the first line that cannot be part of
    the fields (the empty line before the text, or the text itself)."""
    for index in range(1, len(lines)):
        if not _FIELD_LINE_RE.match(lines[index]):
            return index + 1
    return len(lines)


def _yaml_hint(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return messages.text("yaml.hint_tab")
    if "mapping values are not allowed" in problem:
        return messages.text("yaml.hint_colon")
    if "could not find expected ':'" in problem:
        return messages.text("yaml.hint_no_colon")
    return messages.text("yaml.hint_other")


_CLOSING = {"[": "]", "{": "}"}
_BRACKETS = {"[": "yaml.square_bracket", "{": "yaml.curly_bracket"}


def yaml_syntax_problem(err: yaml.MarkedYAMLError, yaml_lines: list[str]) -> tuple[int, str]:
    """A PyYAML syntax error as (the line of the YAML text where the writer
    must look, counted from 0; the message).

    PyYAML reports where it gave up, which for an unclosed quote or bracket
    and a line without a colon is a later line; the line that needs the fix
    is the one its context mark points at.
    """
    problem = err.problem or err.context or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    context_line = err.context_mark.line if err.context_mark else line
    values = {"problem": problem or "not valid YAML", "hint": _yaml_hint(problem)}

    def written(number: int) -> str:
        return yaml_lines[number] if 0 <= number < len(yaml_lines) else ""

    if "'\\t'" in problem:
        return line, messages.text("yaml.tab", **values)
    if "quoted scalar" in context:
        return context_line, messages.text("yaml.unclosed_quote", **values)
    if "flow sequence" in context or "flow mapping" in context:
        opening = "[" if "sequence" in context else "{"
        bracket = messages.text(_BRACKETS[opening])
        return context_line, messages.text(
            "yaml.unclosed_bracket", bracket=bracket, closing=_CLOSING[opening], **values
        )
    if "could not find expected ':'" in problem:
        return context_line, messages.text("yaml.no_colon", **values)
    if "mapping values are not allowed" in problem:
        before = written(line)[:column]
        # The first colon of an indented line: the field is indented too far.
        # Any other: a value holding ": ".
        if before[:1].isspace() and ":" not in before:
            return line, messages.text("yaml.indented_too_far", **values)
        return line, messages.text("yaml.colon_in_value", **values)
    if "expected <block end>" in problem:
        if "'-'" in problem or "block sequence" in problem:
            return line, messages.text("yaml.list_item", **values)
        if "<scalar>" in problem and any(q in written(line)[:column] for q in "\"'"):
            return line, messages.text("yaml.text_after_quote", **values)
        return line, messages.text("yaml.indented_too_far", **values)
    if "cannot start any token" in problem:
        char = written(line)[column : column + 1] or "?"
        return line, messages.text("yaml.bad_start", char=char, **values)
    return line, messages.text("yaml.other", **values)


def load_yaml(source: str, first_line: int, where: str) -> Loaded:
    """Load YAML text into plain data with the file line of every field.

    `first_line` is the file line of the text's first line; `where` is the
    field name used for syntax errors ("front matter" or "file").

    The data is built from the parser's events in one loop, not with
    yaml.compose and a recursive walk: aliases (`*name`) are refused, so a
    few hundred bytes cannot expand into gigabytes or refer to themselves,
    and nesting deeper than MAX_NESTING is refused before anything recurses.

    The events come from libyaml when it reads the text without anything
    to report, else from PyYAML's parser, whose results are the reference.
    """
    if USE_LIBYAML:
        loaded = _load_with_libyaml(source, first_line)
        if loaded is not None:
            return loaded
    try:
        return _build(yaml.parse(source, Loader=yaml.SafeLoader), first_line)
    except yaml.MarkedYAMLError as err:
        source_lines = source.split("\n")
        number, message = yaml_syntax_problem(err, source_lines)
        name = _FIELD_NAME_RE.match(source_lines[number]) if number < len(source_lines) else None
        raise FrontMatterError(first_line + number, message, name[1] if name else None) from err
    except yaml.YAMLError as err:
        message = messages.text(
            "yaml.other", problem=" ".join(str(err).split()), hint=_yaml_hint(str(err))
        )
        raise FrontMatterError(first_line, message) from err


# libyaml's parser (C; load_yaml about seven times faster) when PyYAML was
# built with it. False: always PyYAML's own parser, the reference (the tests
# set it to compare the two).
USE_LIBYAML: bool = yaml.__with_libyaml__
if USE_LIBYAML:
    from yaml.cyaml import CParser

# What libyaml reads otherwise than PyYAML's parser (tests/test_yaml_parsers.py
# finds it by comparing the two on generated text), and is therefore left to
# PyYAML's parser:
# - a tab where PyYAML allows only spaces ("a:<tab>1" is a = "1" to libyaml,
#   an error to PyYAML);
# - a byte order mark, which libyaml skips at the start of every line,
#   PyYAML only at the start of the text;
# - "#" right after | or > ("|#x": libyaml takes a comment, PyYAML an error);
# - tags (!x) and anchors (&x): libyaml takes names PyYAML refuses ("!$!");
#   a "!" or "&" after a letter or digit ("Hej!") starts neither;
# - a "?" in a word inside [ ] or { }, which ends the word for PyYAML
#   ([https://x.se/?a=b] is an error) and not for libyaml: seen in the
#   events (_parser_events), as "?" and [ are both common in front matter.
_LIBYAML_DIFFERS_RE = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#|(?<!\w)[!&]")
_FLOW_RE = re.compile(r"[\[{]")


class _ParsersDifferError(Exception):
    """libyaml read something PyYAML's parser reads otherwise."""


def _load_with_libyaml(source: str, first_line: int) -> Loaded | None:
    """load_yaml's result through libyaml, or None when there is anything
    to report or PyYAML's parser may read the text otherwise: then PyYAML's
    parser does it all again, so that every message (its wording keys off
    PyYAML's error texts) and line has one source."""
    if _LIBYAML_DIFFERS_RE.search(source):
        return None
    try:
        parser = CParser(source)
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8
        return None
    watch_flow = "?" in source and _FLOW_RE.search(source) is not None
    try:
        loaded = _build(_parser_events(parser, watch_flow), first_line)
    except (yaml.YAMLError, FrontMatterError, _ParsersDifferError):
        return None
    finally:
        parser.dispose()
    return None if loaded.errors else loaded


def _parser_events(parser: CParser, watch_flow: bool) -> Iterator[yaml.Event]:
    """The parser's events; with `watch_flow`, _ParsersDifferError at a plain
    word holding "?" inside [ ] or { }."""
    flow: list[bool] = []  # of each open list and mapping: written in [ ] or { }
    while parser.check_event():
        event = parser.get_event()
        if watch_flow:
            if isinstance(event, yaml.CollectionStartEvent):
                flow.append(bool(event.flow_style) or bool(flow and flow[-1]))
            elif isinstance(event, yaml.CollectionEndEvent):
                flow.pop()
            elif (
                flow
                and flow[-1]
                and isinstance(event, yaml.ScalarEvent)
                and not event.style
                and "?" in event.value
            ):
                raise _ParsersDifferError
        yield event


def _build(events: Iterable[yaml.Event], first_line: int) -> Loaded:
    builder = _Builder(first_line)
    for event in events:
        builder.feed(event)
    loaded = builder.loaded
    loaded.lines[()] = max(first_line - 1, 1)
    if builder.root is _NOTHING:  # no fields at all
        loaded.data = {}
    elif not isinstance(builder.root, dict):
        raise FrontMatterError(builder.root_line, messages.text("file.not_fields"))
    else:
        loaded.data = builder.root
    return loaded


_NOTHING = object()  # no node yet
_KEY = object()  # a mapping waits for a key
_SKIP = object()  # a mapping's value that is reported and not kept


@dataclass
class _Frame:
    value: dict | list
    path: Path_ | None  # None: inside a value that is not kept
    line: int
    key: object = _KEY  # mappings: _KEY, or the key whose value comes next
    is_key: bool = False  # a list or mapping written where a field name belongs


class _Builder:
    """Plain data from YAML parser events, with the line of every field."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.loaded = Loaded(data=None, lines={})
        self.stack: list[_Frame] = []
        self.root: object = _NOTHING
        self.root_line = first_line
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise FrontMatterError(self._line(event), messages.text("file.second_document"))
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self._done(frame.value, frame.is_key, frame.line)
            return
        if not isinstance(event, yaml.NodeEvent):
            return  # stream start and end, document end
        line = self._line(event)
        path, is_key = self._slot(line)
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(
                line, messages.text("file.alias", anchor=event.anchor), self._field(path)
            )
        if isinstance(event, yaml.ScalarEvent):
            self._done(self._scalar(event, path, line), is_key, line)
            return
        if len(self.stack) >= MAX_NESTING:
            raise FrontMatterError(
                line,
                messages.text("file.too_deep", max=MAX_NESTING),
                self._field(path[:1] if path else path),
            )
        container = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path, line, is_key=is_key))

    def _line(self, event: yaml.Event) -> int:
        return self.first_line + event.start_mark.line

    def _field(self, path: Path_ | None) -> str | None:
        return field_path(path) or None if path else None

    def _slot(self, line: int) -> tuple[Path_ | None, bool]:
        """The field path of the node that starts here, and whether it is a key."""
        if not self.stack:
            self.root_line = line
            return (), False
        top = self.stack[-1]
        if isinstance(top.value, list):
            path = None if top.path is None else top.path + (len(top.value),)
        elif top.key is _KEY:
            return top.path, True
        else:
            path = None if top.path is None or top.key is _SKIP else top.path + (top.key,)
        if path is not None:
            self.loaded.lines.setdefault(path, line)
        return path, False

    def _scalar(self, event: yaml.ScalarEvent, path: Path_ | None, line: int) -> object:
        value = event.value
        if event.tag == "tag:yaml.org,2002:null" or (
            event.tag is None and event.implicit[0] and _NULL_RE.match(value)
        ):
            return None
        match = CONTROL_RE.search(value)
        if match:  # written as an escape in double quotes, e.g. "\x0b"
            if path is not None:
                self._error(line, path, control_character_message(match[0]))
            value = CONTROL_RE.sub("", value)
        return value

    def _error(self, line: int, path: Path_, message: str) -> None:
        self.loaded.errors.append(
            ContentError("", line, field_path(path) or messages.text("where.front_matter"), message)
        )

    def _done(self, value: object, is_key: bool, line: int) -> None:
        """A node is complete: put it where it belongs."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if not is_key:
            if top.key is not _SKIP:
                top.value[top.key] = value
            top.key = _KEY
            return
        # The node just finished is a key of `top`.
        # A name over several lines ("a\\nb" in quotes) would split the message.
        if not isinstance(value, str) or value == "" or "\n" in value:
            if top.path is not None:
                self._error(line, top.path, messages.text("file.bad_field_name"))
            top.key = _SKIP
        elif value in top.value:
            if top.path is not None:
                self._error(line, top.path + (value,), messages.text("file.field_twice"))
            top.key = _SKIP
        else:
            top.key = value
            if top.path is not None:
                self.loaded.lines[top.path + (value,)] = line
