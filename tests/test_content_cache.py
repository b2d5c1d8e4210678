"""The per-file work of the validation pass in worker processes, and its
cache (plugins/eduweb/content_cache.py): the same index, errors and pages
whatever the number of workers and whatever the cache holds."""

from __future__ import annotations

import datetime as dt
import filecmp
import multiprocessing
import os
import pickle
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import ENGLISH, PNG, SAMPLE_EPOCH, Site, article, file_bytes
from eduweb import content_cache, content_index, messages
from eduweb.errors import ContentValidationError
from eduweb.settings_files import SettingsSource
from eduweb.site_settings import check_site_settings

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime.fromtimestamp(SAMPLE_EPOCH, dt.UTC)
BAD = {
    "news/2024/bad-date.md": article("Fel datum", date="2024-13-03"),
    "news/2024/bad-field.md": article("Okänt fält", tittle="x"),
    "news/2024/bad-body.md": article("Rubrik i texten", body="# Stor rubrik\n"),
    "news/2024/bad-link.md": article("Länk", body="Se [den](images/saknas.png).\n"),
}


@pytest.fixture(autouse=True)
def empty_memory():
    content_cache._MEMORY.clear()
    yield
    content_cache._MEMORY.clear()


@pytest.fixture
def pooled(monkeypatch):
    """Worker processes for any number of files."""
    monkeypatch.setattr(content_cache, "MIN_PARALLEL_FILES", 1)


def scan(settings: dict):
    """As the build scans: the bodies rendered too."""
    return content_index.scan(settings, render=True)


def write_news(content: Path, count: int) -> None:
    """`count` articles of some variety: headings, a fact box, a picture,
    links to each other, tags, a footnote."""
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "images" / "bild.png").write_bytes(PNG)
    for number in range(count):
        before = max(number - 1, 0)
        body = (
            f"Inledning {number} med *betoning* och en fotnot.[^1]\n\n"
            f"## Del {number}\n\nSe [förra]({{filename}}nyhet-{before}.md#del-{before}).\n\n"
            + (f'!!! facts "Fakta {number}"\n    Text i rutan.\n\n' if number % 3 == 0 else "")
            + ("![Bild](images/bild.png)\n\n" if number % 4 == 0 else "")
            + "- ett\n- två\n\n[^1]: Fotnoten.\n"
        )
        path = content / "news" / "2024" / f"nyhet-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            article(f"Nyhet {number}", date=f"2024-06-{number % 28 + 1:02d}", body=body),
            encoding="utf-8",
        )
        text = path.read_text(encoding="utf-8").replace(
            "---\n\n", f"tags: [Ämne {number % 5}]\n---\n\n", 1
        )
        path.write_text(text, encoding="utf-8")
    for number in range(3):
        (content / "contacts").mkdir(exist_ok=True)
        (content / "contacts" / f"person-{number}.yml").write_text(
            f"name: Person {number}\nemail: person{number}@example.se\n", encoding="utf-8"
        )


def make_site(tmp: Path, count: int = 24, bad: bool = False) -> Path:
    content = tmp / "content"
    for folder in ("news", "programmes", "contacts", "pages", "images"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    write_news(content, count)
    for rel, text in (BAD if bad else {}).items():
        (content / rel).write_text(text, encoding="utf-8")
    return content


def settings_for(content: Path, workers: int = 1, cache: Path | None = None) -> dict:
    settings = {
        "PATH": str(content),
        "_eduweb_tz": STOCKHOLM,
        "STATIC_PATHS": ["images"],
        "_EDUWEB_NOW": NOW,
        "BUILD_WORKERS": workers,
    }
    if cache is not None:
        settings["CONTENT_CACHE"] = str(cache)
    return settings


def snapshot(index) -> tuple:
    """Everything a scan gives the build, as comparable values."""
    documents = [
        (
            path,
            doc.kind,
            doc.rel_path,
            doc.slug,
            doc.meta.model_dump(),
            doc.body,
            doc.body_first_line,
            doc.lines,
            doc.links,
            doc.html,
        )
        for path, doc in index.documents.items()
    ]
    references = [vars(refs) for refs in index.references]
    return [str(e) for e in index.errors], documents, references, index.present


def count_reads(monkeypatch) -> list[str]:
    """The files read (not found in the cache) in this process from now on."""
    read: list[str] = []
    real = content_index.read_and_render

    def counting(job, context):
        read.append(job.rel_path)
        return real(job, context)

    monkeypatch.setattr(content_index, "read_and_render", counting)
    return read


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + content_cache.ENTRY_SUFFIX))


# ------------------------------------------------ the same, however it is read


@pytest.mark.usefixtures("pooled")
def test_workers_and_cache_give_the_same_index(tmp_path, monkeypatch):
    content = make_site(tmp_path, bad=True)
    cold = snapshot(scan(settings_for(content, 1, tmp_path / "one")))
    assert len(cold[0]) >= len(BAD)  # every bad file is reported
    assert all(doc[-1] for doc in cold[1] if doc[1] != "contact")  # rendered once, here
    for workers in (2, 4):
        content_cache._MEMORY.clear()
        assert snapshot(scan(settings_for(content, workers, tmp_path / f"w{workers}"))) == cold
    read = count_reads(monkeypatch)
    content_cache._MEMORY.clear()
    assert snapshot(scan(settings_for(content, 1, tmp_path / "one"))) == cold  # from disk
    # Files with problems are read in every build; the others come from the cache.
    assert sorted(read) == sorted(f"content/{rel}" for rel in BAD)
    read.clear()
    assert snapshot(scan(settings_for(content, 1, tmp_path / "one"))) == cold  # from memory
    assert sorted(read) == sorted(f"content/{rel}" for rel in BAD)


@pytest.mark.usefixtures("pooled")
def test_worker_errors_are_the_messages_read_here(tmp_path):
    """Several bad files, read in workers (in Swedish, inherited by them)."""
    messages.set_language("sv")
    content = make_site(tmp_path, count=6, bad=True)
    here = scan(settings_for(content, 1, tmp_path / "a")).errors
    content_cache._MEMORY.clear()
    there = scan(settings_for(content, 2, tmp_path / "b")).errors
    assert [str(e) for e in there] == [str(e) for e in here]
    assert any("finns inte" in str(e) for e in here), here


def test_a_changed_file_is_read_again(tmp_path, monkeypatch):
    content = make_site(tmp_path, count=6)
    settings = settings_for(content, 1, tmp_path / "cache")
    scan(settings)
    path = content / "news" / "2024" / "nyhet-2.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Inledning 2", "Ny inledning"), encoding="utf-8"
    )
    read = count_reads(monkeypatch)
    index = scan(settings)  # the memory layer
    assert read == ["content/news/2024/nyhet-2.md"]
    assert "Ny inledning" in index.documents[str(path)].html
    path.write_text(
        path.read_text(encoding="utf-8").replace("Ny inledning", "Tredje"), encoding="utf-8"
    )
    content_cache._MEMORY.clear()
    read.clear()
    index = scan(settings)  # the disk layer
    assert read == ["content/news/2024/nyhet-2.md"]
    assert "Tredje" in index.documents[str(path)].html


def test_code_libraries_and_settings_make_the_key(tmp_path, monkeypatch):
    content = make_site(tmp_path, count=1)
    context = {
        "content_path": str(content),
        "static_paths": ["images"],
        "tz": STOCKHOLM,
    }
    base = content_cache.build_key(context)
    assert content_cache.build_key(dict(context)) == base
    for name, value in (
        ("static_paths", ["images", "files"]),
        ("tz", ZoneInfo("Europe/Helsinki")),
        ("content_path", str(tmp_path / "other")),
    ):
        assert content_cache.build_key(dict(context, **{name: value})) != base, name
    messages.set_language("sv")
    assert content_cache.build_key(context) != base
    messages.set_language("en")
    # A library upgrade.
    import markdown

    monkeypatch.setattr(markdown, "__version__", "0.0.1")
    assert content_cache.build_key(context) != base
    monkeypatch.undo()
    # A change to any of the plugin's files.
    plugin = tmp_path / "plugin"
    shutil.copytree(content_cache.PLUGIN_DIR, plugin, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(content_cache, "PLUGIN_DIR", plugin)
    assert content_cache.build_key(context) == base
    with open(plugin / "model.py", "a", encoding="utf-8") as code:
        code.write("\n# changed\n")
    assert content_cache.build_key(context) != base


def test_a_changed_setting_reads_every_file_again(tmp_path, monkeypatch):
    content = make_site(tmp_path, count=3)
    settings = settings_for(content, 1, tmp_path / "cache")
    scan(settings)
    read = count_reads(monkeypatch)
    scan(settings)
    assert read == []
    messages.set_language("sv")  # MESSAGES_LANGUAGE: the messages are stored
    scan(settings)
    assert len(read) == 6
    read.clear()
    scan(dict(settings, _eduweb_tz=ZoneInfo("UTC")))
    assert len(read) == 6


def test_the_cache_sees_other_files_a_file_depends_on(tmp_path, monkeypatch):
    """A cached article is read again when a picture it shows, or a file it
    links to, changes; a new picture elsewhere leaves it cached."""
    content = make_site(tmp_path, count=5)
    settings = settings_for(content, 1, tmp_path / "cache")
    scan(settings)
    read = count_reads(monkeypatch)
    (content / "images" / "ny.png").write_bytes(PNG)
    assert scan(settings).errors == []
    assert read == []
    # nyhet-0 and nyhet-4 show images/bild.png.
    (content / "images" / "bild.png").write_bytes(b"not a picture")
    content_cache._MEMORY.clear()
    errors = [str(e) for e in scan(settings).errors]
    assert sorted(read) == ["content/news/2024/nyhet-0.md", "content/news/2024/nyhet-4.md"]
    assert len(errors) == 2 and all(":" in e and "bild.png" in e for e in errors), errors
    (content / "images" / "bild.png").write_bytes(PNG)
    scan(settings)
    read.clear()
    # nyhet-2 links to {filename}nyhet-1.md.
    (content / "news" / "2024" / "nyhet-1.md").unlink()
    errors = [str(e) for e in scan(settings).errors]
    assert "content/news/2024/nyhet-2.md" in read
    assert any(e.startswith("content/news/2024/nyhet-2.md:") for e in errors), errors


def test_broken_cache_entries_are_read_again(tmp_path, monkeypatch):
    """Pelican's own content cache once stopped builds with EOFError; here a
    bad entry only means the file is read again."""
    content = make_site(tmp_path, count=6)
    cache = tmp_path / "cache"
    settings = settings_for(content, 1, cache)
    before = snapshot(scan(settings))
    files = entries(cache)
    assert len(files) == 9  # 6 articles, 3 contacts
    files[0].write_bytes(files[0].read_bytes()[:40])  # cut short
    files[1].write_bytes(b"")
    files[2].write_bytes(b"\x80\x05garbage")
    files[3].write_bytes(pickle.dumps(("another", "shape")))
    files[4].write_bytes(pickle.dumps((content_cache.FORMAT, "not-this-key", None, None, None)))
    files[5].unlink()
    files[5].mkdir()  # cannot be opened as a file
    content_cache._MEMORY.clear()
    read = count_reads(monkeypatch)
    assert snapshot(scan(settings)) == before
    assert len(read) == 6
    # Written again, whole.
    content_cache._MEMORY.clear()
    read.clear()
    assert snapshot(scan(settings)) == before
    assert len(read) == 1  # the one whose entry name is a folder


def test_entries_no_build_uses_are_removed(tmp_path):
    content = make_site(tmp_path, count=4)
    cache = tmp_path / "cache"
    settings = settings_for(content, 1, cache)
    scan(settings)
    assert len(entries(cache)) == 7
    (cache / ".tmp-left-by-a-killed-build.pickle").write_bytes(b"x")
    (content / "news" / "2024" / "nyhet-3.md").unlink()
    path = content / "news" / "2024" / "nyhet-0.md"
    path.write_text(path.read_text(encoding="utf-8") + "Mer.\n", encoding="utf-8")
    scan(settings)
    assert len(entries(cache)) == 6
    assert sorted(os.listdir(cache)) == sorted(p.name for p in entries(cache))


def test_a_cache_folder_removed_between_builds_is_made_again(tmp_path):
    # The preview's process builds again and again; someone may delete
    # .cache/ meanwhile. A changed file must then still be stored.
    content = make_site(tmp_path, count=2)
    cache = tmp_path / "cache" / "content"
    settings = settings_for(content, 1, cache)
    scan(settings)
    shutil.rmtree(tmp_path / "cache")
    path = content / "news" / "2024" / "nyhet-0.md"
    path.write_text(path.read_text(encoding="utf-8") + "Mer.\n", encoding="utf-8")
    scan(settings)
    assert len(entries(cache)) == 1  # the changed file; the others came from memory


def test_the_default_folder_is_beside_the_content(tmp_path):
    content = make_site(tmp_path, count=1)
    scan(settings_for(content))
    assert len(entries(tmp_path / ".cache" / "content")) == 4


def test_an_unwritable_cache_is_no_error(tmp_path):
    content = make_site(tmp_path, count=2)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    assert scan(settings_for(content, 1, blocked / "content")).errors == []


# ---------------------------------------------------------------- workers


def _in_a_worker(action):
    parent = os.getpid()
    real = content_index.read_and_render

    def hook(job, context):
        if os.getpid() != parent and job.rel_path.endswith("nyhet-7.md"):
            action()
        return real(job, context)

    return hook


def _raise():
    raise ValueError("a bug in a check")


@pytest.mark.usefixtures("pooled")
def test_an_exception_in_a_worker_is_raised_as_it_is(tmp_path, monkeypatch):
    content = make_site(tmp_path, count=12)
    monkeypatch.setattr(content_index, "read_and_render", _in_a_worker(_raise))
    with pytest.raises(ValueError, match="a bug in a check"):
        scan(settings_for(content, 2, tmp_path / "cache"))
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("pooled")
def test_a_worker_that_dies_stops_the_build_with_a_message(tmp_path, monkeypatch):
    content = make_site(tmp_path, count=12)
    monkeypatch.setattr(content_index, "read_and_render", _in_a_worker(lambda: os._exit(3)))
    with pytest.raises(ContentValidationError) as raised:
        scan(settings_for(content, 2, tmp_path / "cache"))
    (line,) = [str(e) for e in raised.value.errors]
    assert "a worker process reading this file and the ones up to content/news/" in line
    assert line.startswith("content/news/2024/nyhet-")
    assert multiprocessing.active_children() == []


SLOW_SCAN = """
import os, sys, time
from pathlib import Path
sys.path[:0] = [{tests!r}, {plugins!r}]
import test_content_cache as t
from eduweb import content_cache, content_index

content_cache.MIN_PARALLEL_FILES = 1
content = t.make_site(Path({tmp!r}), count=8)
parent = os.getpid()


def slow(job, context):
    if os.getpid() != parent:
        os.write(1, f"worker {{os.getpid()}}\\n".encode())  # one write: lines do not mix
        time.sleep(120)


content_index.read_and_render = slow
content_index.scan(t.settings_for(content, 2, Path({tmp!r}) / "cache"))
"""


def test_sigterm_stops_the_workers_with_the_build(tmp_path):
    import signal
    import subprocess
    import sys

    from conftest import ROOT

    script = SLOW_SCAN.format(
        tests=str(ROOT / "tests"), plugins=str(ROOT / "plugins"), tmp=str(tmp_path)
    )
    build = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines = [build.stdout.readline() for _ in range(2)]
    if not all(line.startswith("worker ") for line in lines):
        build.kill()
        raise AssertionError((lines, build.communicate(timeout=60)))
    workers = {int(line.split()[1]) for line in lines}
    build.send_signal(signal.SIGTERM)
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists()  # ended and waited for


# ----------------------------------------------------------- whole builds

CRASH_HOOK = """
import os as _os
import sys as _sys

_sys.path.insert(0, "plugins")
import eduweb.content_index as _index  # noqa: E402

_parent, _real = _os.getpid(), _index.read_and_render


def _crash(job, context):
    if _os.getpid() != _parent and job.rel_path.endswith("nyhet-30.md"):
        _os._exit(3)
    return _real(job, context)


_index.read_and_render = _crash
"""


def test_builds_are_byte_identical_however_the_content_is_read(tmp_path):
    """Workers 1 and 2, cold and warm cache: the same bytes. A worker that
    dies ends the build with one line and exit 1; the output stays."""
    site = Site(tmp_path / "site", with_sample=True)
    write_news(site.root / "content", content_cache.MIN_PARALLEL_FILES + 10)
    settings = site.root / "pelicanconf.py"
    original = settings.read_text(encoding="utf-8")
    outputs = []
    for workers, cold in ((1, True), (2, True), (2, False)):
        if cold:
            shutil.rmtree(site.root / ".cache" / "content", ignore_errors=True)
        settings.write_text(original + f"\nBUILD_WORKERS = {workers}\n", encoding="utf-8")
        result = site.build(output=tmp_path / f"out-{workers}-{cold}")
        assert result.returncode == 0, result.stderr
        outputs.append(result.output)
    assert (site.root / ".cache" / "content").is_dir()
    first = file_bytes(outputs[0])
    assert len(first) > 100
    for other in outputs[1:]:
        assert filecmp.dircmp(outputs[0], other).diff_files == []
        assert file_bytes(other) == first
    # A worker that dies.
    settings.write_text(original + "\nBUILD_WORKERS = 2\n" + CRASH_HOOK, encoding="utf-8")
    shutil.rmtree(site.root / ".cache" / "content")
    result = site.build(output=outputs[-1])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ended unexpectedly, and nothing was built" in result.stderr
    assert file_bytes(outputs[-1]) == first
    assert ENGLISH.strip() in original


# ---------------------------------------------------------------- messages

MESSAGE_CASES = [
    (
        "content.worker_stopped",
        "a worker process dies while it reads content/news/2024/nyhet-7.md",
        "bygget stoppades: en av processerna som läste den här filen och filerna fram till "
        "content/news/2024/nyhet-",
    ),
    (
        "setting.content_cache",
        "CONTENT_CACHE = 5",
        "CONTENT_CACHE: 5 är ingen mapp; skriv sökvägen till en mapp som text, t.ex. "
        "'.cache/content', eller ta bort raden",
    ),
]


@pytest.mark.usefixtures("swedish_messages", "pooled")
def test_each_message_in_swedish(tmp_path, monkeypatch):
    worker, setting = (case[2] for case in MESSAGE_CASES)
    content = make_site(tmp_path, count=12)
    monkeypatch.setattr(content_index, "read_and_render", _in_a_worker(lambda: os._exit(3)))
    with pytest.raises(ContentValidationError) as raised:
        scan(settings_for(content, 2, tmp_path / "cache"))
    assert worker in str(raised.value.errors[0])
    source = SettingsSource.from_text("CONTENT_CACHE = 5\n", "pelicanconf.py")
    written = {"SITENAME": "X", "PUBLIC_URL": "https://x.se", "TIMEZONE": "UTC"}
    errors = check_site_settings({**written, "CONTENT_CACHE": 5}, source)[2]
    assert f"pelicanconf.py:1: {setting}" in [str(e) for e in errors]
