"""A reader of Netlify's `_headers` file, for the tests: the rules, and the
headers a path gets (every matching rule in order, a later rule's value of
a header replacing an earlier one's, as Netlify applies them)."""

from __future__ import annotations

import re


def parse(text: str) -> list[tuple[re.Pattern, dict[str, str]]]:
    """`/path` lines, each followed by indented `Name: value` lines."""
    rules: list[tuple[re.Pattern, dict[str, str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/"), f"line {number}: a path starts with /: {line!r}"
            rules.append((path_pattern(line.strip()), {}))
            continue
        assert rules, f"line {number}: a header before any path"
        name, sep, value = line.strip().partition(":")
        assert sep and name and value.strip(), f"line {number}: not 'Name: value': {line!r}"
        rules[-1][1][name.strip()] = value.strip()
    return rules


def path_pattern(path: str) -> re.Pattern:
    """Netlify's path syntax: * matches the rest (anything), :name one segment."""
    assert "*" not in path[:-1], f"* may only end a path: {path}"
    parts = []
    for segment in path.split("/"):
        if segment == "*":
            parts.append(".*")
        elif segment.startswith(":"):
            parts.append("[^/]+")
        else:
            parts.append(re.escape(segment))
    return re.compile("/".join(parts))


def headers_for(rules: list[tuple[re.Pattern, dict[str, str]]], path: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern.fullmatch(path):
            found.update(headers)
    return found
