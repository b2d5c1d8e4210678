"""Shared fixtures: build small sites into tmp_path with the real plugin and theme.

The tests never read the organisation's content/ or settings files: their
sample site is tests/fixtures/site/ (its own pelicanconf.py, publishconf.py
and content/), so the organisation's files may change freely. The one
exception, test_project_content.py, only checks that the organisation's
site builds."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from eduweb import messages
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
# The tests' own sample site: settings and content frozen for the assertions.
FIXTURE = ROOT / "tests" / "fixtures" / "site"
# The JavaScript the tests run (tests/js: calendar parsers, Decap CMS).
JS = ROOT / "tests" / "js"
# A web editor setting for the tests that build /admin/.
CMS_SETTING = {
    "backend": "github",
    "repo": "organisation/webbplats",
    "branch": "main",
    "base_url": "https://cms-inloggning.example.se",
    "editorial_workflow": True,
}


def node(package: str = "") -> str:
    """Node.js with tests/js/node_modules (and `package` in it), or a skip:
    a failure under CI=true, where `invoke test` installs both."""
    found = shutil.which("node")
    missing = None
    if found is None:
        missing = "Node.js is not installed"
    elif not (JS / "node_modules" / package).is_dir():
        missing = f"tests/js/node_modules/{package} is missing"
    if missing:
        reason = f"{missing} (`invoke test` installs it, or: npm ci --prefix tests/js)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def node_json(*args: str, stdin: object = None, package: str = "", exit_status: int = 0):
    """Run a tests/js script (`node ARGS…`, `stdin` sent as JSON) and return
    what it prints, parsed as JSON; its exit status must be `exit_status`."""
    result = subprocess.run(
        [node(package), *args],
        input=None if stdin is None else json.dumps(stdin),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == exit_status, result.stdout + result.stderr
    return json.loads(result.stdout)


# The moment the fixture site is built at in tests: 23 November 2026, 12:00 UTC.
# Appended to a test site's pelicanconf.py: messages in English (issue 9).
ENGLISH = '\nMESSAGES_LANGUAGE = "en"\n'
SAMPLE_EPOCH = int(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC).timestamp())


def file_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its path relative to it: two folders
    whose file_bytes are equal hold the same files with the same bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def epoch(*args: int) -> int:
    """SOURCE_DATE_EPOCH for a UTC moment: epoch(2024, 6, 3, 12)."""
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp())


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def error_lines(self) -> list[str]:
        """The `file:line: field: message` lines the build printed."""
        return [line for line in self.stderr.splitlines() if line.startswith("content/")]

    def html(self, url: str) -> BeautifulSoup:
        """The page at a site address such as 'nyheter/' or 'nyheter/2024/x/'."""
        path = self.output / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, url: str) -> str:
        return (self.output / url).read_text(encoding="utf-8")


class Site:
    """A site folder with the project's theme and plugin, the settings files
    of `source` (the fixture site unless told otherwise) and its own content:
    empty folders, or a copy of the source's content with `with_sample`."""

    def __init__(self, root: Path, with_sample: bool = False, source: Path = FIXTURE):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy(source / name, root / name)
        # The suite asserts the English texts; tests/test_messages.py the Swedish.
        with open(root / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write(ENGLISH)
        for name in ("theme", "plugins"):
            (root / name).symlink_to(ROOT / name)
        content = root / "content"
        if with_sample:
            shutil.copytree(source / "content", content)
        else:
            for folder in ("news", "programmes", "contacts", "pages", "images"):
                (content / folder).mkdir(parents=True, exist_ok=True)
        self.output = root / "output"

    def write(self, rel_path: str, text: str) -> Path:
        """Write a file below content/ (text is dedented)."""
        path = self.root / "content" / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_bytes(self, rel_path: str, data: bytes) -> Path:
        path = self.root / "content" / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def build(
        self, at: int = SAMPLE_EPOCH, settings: str = "pelicanconf.py", output: Path | None = None
    ) -> BuildResult:
        """Run the standard Pelican command with warnings fatal."""
        output = output or self.output
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(at), PYTHONHASHSEED="random")
        env.pop("PUBLIC_URL", None)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                "content",
                "-s",
                settings,
                "-o",
                str(output),
                "--fatal",
                "warnings",
            ],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return BuildResult(proc.returncode, proc.stdout, proc.stderr, output)


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG: pictures that pages show are read by the build (pictures.py)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (29, 78, 137)).save(buffer, "PNG")
    return buffer.getvalue()


# A picture for tests that only need one to exist.
PNG = png()


def article(title="Rubrik", date="2024-06-03", body="Brödtext.", **fields) -> str:
    """A news file with front matter; extra fields are written as YAML lines."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines += ["---", "", body, ""]
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """In-process checks report in English, as the assertions are written:
    also when settings without MESSAGES_LANGUAGE choose the default."""
    monkeypatch.setattr(messages, "DEFAULT_LANGUAGE", "en")
    messages.set_language("en")
    yield
    messages.set_language("en")


@pytest.fixture
def swedish_messages(monkeypatch):
    """For modules that assert the Swedish texts writers see (they say
    `pytestmark = pytest.mark.usefixtures("swedish_messages")`): Swedish
    instead of the English the rest of the suite asserts."""
    monkeypatch.setattr(messages, "DEFAULT_LANGUAGE", "sv")
    messages.set_language("sv")
    yield
    messages.set_language("en")


@pytest.fixture
def site(tmp_path) -> Site:
    """An empty site (no content) in tmp_path."""
    return Site(tmp_path / "site")


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> BuildResult:
    """The fixture site's content, built once per test session at SAMPLE_EPOCH."""
    sample = Site(tmp_path_factory.mktemp("sample") / "site", with_sample=True)
    result = sample.build()
    assert result.returncode == 0, result.stderr
    return result
