"""Where a setting was written: the settings file given with -s, the file it
imports with `from pelicanconf import *`, or an environment variable.

Settings problems are reported like content problems, as
`publishconf.py:9: PUBLIC_URL: …`, so this module maps a field path such as
('CONSENT', 'categories', 'statistik', 'cookies', 0, 'name') to the file and
line where that value is written, by reading the files (never running them).
"""

from __future__ import annotations

import ast
import contextlib
import io
import logging
import os
import re
import sys
import traceback
from dataclasses import dataclass

from . import messages
from .errors import ContentError, ContentValidationError, field_path

DEFAULT_SETTINGS_FILE = "pelicanconf.py"
ENVIRONMENT = "(environment)"


@dataclass(frozen=True)
class Written:
    """Where one top-level setting got its value."""

    path: str  # as shown in messages, e.g. publishconf.py
    line: int
    node: ast.expr | None  # the value as written, to find nested keys in
    env: str | None = None  # the environment variable it came from, if any


def display_path(path: str) -> str:
    """The path as the writer knows it: relative to the working folder."""
    rel = os.path.relpath(os.path.abspath(path))
    return path if rel.startswith("..") else rel


def _environment_variable(node: ast.expr) -> tuple[str | None, ast.expr | None]:
    """`os.environ.get("X", default)`, `os.getenv("X", default)` or
    `os.environ["X"]` -> ("X", default node or None); else (None, None)."""
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
        is_get = name == "get" and owner.endswith("environ")
        if (is_get or name == "getenv") and isinstance(node.args[0], ast.Constant):
            default = node.args[1] if len(node.args) > 1 else None
            return str(node.args[0].value), default
    is_item = isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ")
    if is_item and isinstance(node.slice, ast.Constant):
        return str(node.slice.value), None
    return None, None


class SettingsSource:
    """The settings files of one build, read as source to locate keys."""

    def __init__(self, path: str | None):
        self.path = path
        self.shown = display_path(path) if path else DEFAULT_SETTINGS_FILE
        self.written: dict[str, Written] = {}
        if path and os.path.isfile(path):
            self.written = self._read(os.path.abspath(path), set())

    @classmethod
    def from_text(cls, source: str, path: str = DEFAULT_SETTINGS_FILE) -> SettingsSource:
        """A settings file given as text (imports beside `path` are followed)."""
        self = cls(None)
        self.shown = display_path(path)
        self.written = self._read_text(source, os.path.abspath(path), set())
        return self

    @classmethod
    def of_command_line(cls, settings: dict) -> SettingsSource:
        """The file `pelican … -s FILE` read, as Pelican itself finds it."""
        return cls(command_line_settings_file() or _beside_content(settings))

    def _read(self, path: str, seen: set) -> dict[str, Written]:
        if path in seen:
            return {}
        seen.add(path)
        try:
            with open(path, encoding="utf-8") as handle:
                return self._read_text(handle.read(), path, seen)
        except OSError:
            return {}

    def _read_text(self, source: str, path: str, seen: set) -> dict[str, Written]:
        try:
            tree = ast.parse(source, path)
        except (SyntaxError, ValueError):
            return {}
        shown = display_path(path)
        written: dict[str, Written] = {}
        for statement in tree.body:
            if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                imported = os.path.join(os.path.dirname(path), statement.module + ".py")
                if os.path.isfile(imported):
                    names = self._read(imported, seen)
                    if statement.names[0].name != "*":
                        names = {a.name: names[a.name] for a in statement.names if a.name in names}
                    written.update(names)
            elif isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = getattr(statement, "targets", None) or [statement.target]
                for target in targets:
                    if isinstance(target, ast.Name) and statement.value is not None:
                        written[target.id] = self._origin(shown, statement, written)
            elif isinstance(statement, ast.Delete):
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        written.pop(target.id, None)
        return written

    @staticmethod
    def _origin(shown: str, statement: ast.stmt, earlier: dict[str, Written]) -> Written:
        node = statement.value
        variable, default = _environment_variable(node)
        if variable and variable in os.environ:
            return Written(shown, statement.lineno, None, variable)
        if variable and default is not None:
            node = default
        # `PUBLIC_URL = os.environ.get("PUBLIC_URL", PUBLIC_URL)` without the
        # variable set: the value is the one written earlier, so is its place.
        if variable and isinstance(node, ast.Name) and node.id in earlier:
            return earlier[node.id]
        return Written(shown, statement.lineno, node)

    @property
    def keys(self) -> set[str]:
        """The settings the files write (Pelican takes the upper-case ones)."""
        return {key for key in self.written if key.isupper()}

    def locate(self, loc: tuple) -> tuple[str, int, str | None]:
        """(file, line, environment variable) of the value at `loc`: where it
        is written, or the nearest enclosing key that is written literally."""
        written = self.written.get(str(loc[0])) if loc else None
        if written is None:
            return self.shown, 1, None
        line, node = written.line, written.node
        for key in loc[1:]:
            node = _item(node, key)
            if node is None:
                break
            line = node.lineno
        return written.path, line, written.env

    def error(self, loc: tuple, message: str) -> ContentError:
        path, line, env = self.locate(loc)
        if env:
            message += messages.text("setting.from_environment", name=env)
        return ContentError(path, line, field_path(loc), message)


def _item(node: ast.expr | None, key: object) -> ast.expr | None:
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    if isinstance(node, ast.List | ast.Tuple) and isinstance(key, int):
        return node.elts[key] if key < len(node.elts) else None
    return None


def written_language(path: str) -> str | None:
    """MESSAGES_LANGUAGE as written in the settings files, read without
    running them, so that even a file that does not run is reported in the
    language it asks for; None when it is not written as a plain string."""
    written = SettingsSource(path).written.get("MESSAGES_LANGUAGE")
    node = written.node if written else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    # A file with a syntax error cannot be parsed: look for the line itself.
    try:
        with open(path, encoding="utf-8") as handle:
            found = _LANGUAGE_LINE_RE.findall(handle.read())
    except (OSError, UnicodeDecodeError):
        return None
    return found[-1] if found else None


_LANGUAGE_LINE_RE = re.compile(r"""^MESSAGES_LANGUAGE\s*=\s*["']([a-z]+)["']""", re.MULTILINE)


def setting_line(source: str, loc: tuple) -> int:
    """The line of `loc` in the text of one settings file (1 if not written)."""
    return SettingsSource.from_text(source).locate(loc)[1]


def command_line_settings_file() -> str | None:
    """The -s file of the running `pelican` command, else pelicanconf.py in
    the working folder (Pelican's own default); None if neither exists."""
    from pelican import DEFAULT_CONFIG_NAME, parse_arguments

    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args = parse_arguments(sys.argv[1:])
    except SystemExit:  # not run as `pelican …` (tests, other programs)
        return None
    path = args.settings or DEFAULT_CONFIG_NAME
    return path if os.path.isfile(path) else None


def _beside_content(settings: dict) -> str:
    site_root = os.path.dirname(os.path.abspath(settings.get("PATH") or "content"))
    return os.path.join(site_root, DEFAULT_SETTINGS_FILE)


def settings_file_errors(path: str) -> list[ContentError]:
    """Run the settings file as Pelican does; a file that does not run
    (a syntax error, an unknown name) gives one line at the failing line.

    Pelican reads the settings before any plugin is loaded, so the build
    itself cannot report this; `invoke build`, `invoke publish` and
    `invoke check` call this first.
    """
    if not os.path.isfile(path):
        return [
            ContentError(
                display_path(path),
                0,
                messages.text("where.settings"),
                messages.text("setting.file_missing"),
            )
        ]
    try:
        _run(path)
    except SyntaxError as err:
        where = display_path(err.filename or path)
        return [
            ContentError(where, err.lineno or 1, messages.text("where.syntax_error"), str(err.msg))
        ]
    except Exception as err:  # anything the file raises is reported
        folder = os.path.dirname(os.path.abspath(path))
        frames = [
            frame
            for frame in traceback.extract_tb(err.__traceback__)
            if os.path.dirname(os.path.abspath(frame.filename)) == folder
        ]
        frame = frames[-1] if frames else None
        where = display_path(frame.filename) if frame else display_path(path)
        return [ContentError(where, frame.lineno if frame else 1, type(err).__name__, str(err))]
    return []


def _run(path: str) -> None:
    from pelican.settings import get_settings_from_file

    loaded = set(sys.modules)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            get_settings_from_file(path)
    except BaseException:
        # A module that failed half-way stays in sys.modules; importing it
        # again in this process would then find it empty.
        for name in set(sys.modules) - loaded:
            del sys.modules[name]
        raise


def read_settings_file(path: str) -> dict:
    """The settings of `path`, run as Pelican runs them, for the commands
    that check before they act (eduweb.check, scaffold, deploy); raises
    ContentValidationError with one line per problem when the file does not
    run. The values are not checked here: see build.check_settings."""
    from pelican.settings import read_settings

    errors = settings_file_errors(path)
    if errors:
        raise ContentValidationError(errors)
    # Pelican warns about a missing TIMEZONE; the checks say it in the same
    # form as every other problem.
    pelican_settings = logging.getLogger("pelican.settings")
    pelican_settings.disabled = True
    try:
        return read_settings(path)
    finally:
        pelican_settings.disabled = False
