"""Front matter: split a Markdown file, load YAML as written, keep line numbers.

Every scalar is loaded as the text the writer typed (only an empty value or
`null` becomes None), so `start_time: 13:00` stays "13:00" instead of YAML
1.1's base-60 integer 780, `no` stays "no", and an impossible date such as
`2024-02-30` reaches the schema as text and gets a proper message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import ContentError, field_path

Path_ = tuple  # a field path such as ('rounds', 0, 'name')


class _WrittenTextLoader(yaml.SafeLoader):
    """SafeLoader without implicit typing: scalars stay strings."""


_WrittenTextLoader.yaml_implicit_resolvers = {}
_WrittenTextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

FENCE_RE = re.compile(r"^---\s*$")
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
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def split_front_matter(text: str) -> SplitFile:
    """Separate the YAML between the two `---` lines from the Markdown body."""
    lines = text.split("\n")
    if not lines or not FENCE_RE.match(lines[0]):
        raise FrontMatterError(
            1,
            "the file does not start with front matter (make the first line ---, "
            "then the fields such as title: …, then a line ---, then the text)",
        )
    for index in range(1, len(lines)):
        if END_FENCE_RE.match(lines[index]):
            return SplitFile(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise FrontMatterError(
        1, "the front matter has no closing --- line (end the fields with a line ---)"
    )


def _yaml_hint(problem: str) -> str:
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return 'a value containing ": " must be in double quotes, e.g. title: "Nu: nästa steg"'
    if "could not find expected ':'" in problem:
        return "every field is written name: value"
    return (
        "check the indentation, and put values that contain ': ' or start with "
        "[ { * & ! % @ # | > ' \" in double quotes"
    )


def load_yaml(text: str, first_line: int, where: str) -> Loaded:
    """Load YAML text into plain data with the file line of every field.

    `first_line` is the file line of the text's first line; `where` is the
    field name used for syntax errors ("front matter" or "file").
    """
    try:
        root = yaml.compose(text, Loader=_WrittenTextLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = err.problem or err.context or "not valid YAML"
        raise FrontMatterError(
            line, f"YAML syntax error: {problem} ({_yaml_hint(problem)})"
        ) from err
    except yaml.YAMLError as err:
        raise FrontMatterError(first_line, f"YAML error: {err}") from err
    loaded = Loaded(data=None, lines={})
    if root is None:
        loaded.data = {}
        loaded.lines[()] = max(first_line - 1, 1)
        return loaded
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError(
            first_line + root.start_mark.line,
            "expected fields written as name: value, one per line",
        )
    loaded.lines[()] = max(first_line - 1, 1)
    loaded.data = _construct(root, (), loaded, first_line)
    return loaded


def _construct(node: yaml.Node, path: Path_, loaded: Loaded, first_line: int) -> object:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            loaded.lines[path + (index,)] = first_line + item.start_mark.line
            items.append(_construct(item, path + (index,), loaded, first_line))
        return items
    mapping: dict[str, object] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "":
            loaded.errors.append(
                ContentError(
                    "",
                    line,
                    field_path(path) or "front matter",
                    "a field name must be plain text followed by a colon",
                )
            )
            continue
        key = key_node.value
        if key in mapping:
            loaded.errors.append(
                ContentError(
                    "", line, field_path(path + (key,)), "written twice (keep one of the two lines)"
                )
            )
            continue
        loaded.lines[path + (key,)] = line
        mapping[key] = _construct(value_node, path + (key,), loaded, first_line)
    return mapping
