"""Pages rendered by several processes (parallel.py, SiteWriter.flush):
the same output, the same failures and the same log as in one process, and
no process left behind.

parallel.run is tested in-process (it forks the test process; the children
leave with os._exit) and in small scripts where the process itself is the
subject (signals, atexit, stdio). A few whole builds compare BUILD_WORKERS=1
with 2 and 4.
"""

from __future__ import annotations

import errno
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, Site, article
from eduweb import parallel
from test_output_safety import beside, published, refs, tree  # noqa: F401 (fixtures)

# parallel.run ------------------------------------------------------------------


@pytest.mark.parametrize(("count", "workers"), [(0, 2), (1, 2), (7, 2), (100, 3), (7800, 2)])
def test_ranges_cover_every_index_once_largest_first(count: int, workers: int):
    found = parallel.ranges(count, workers)
    assert [i for start, stop in found for i in range(start, stop)] == list(range(count))
    sizes = [stop - start for start, stop in found]
    assert sizes == sorted(sizes, reverse=True)
    assert len(found) * 8 < 4096, "the ranges must fit in the pipe before any reader exists"
    if count > 1:
        assert sizes[-1] == 1


def test_every_task_done_once_by_several_processes(tmp_path: Path):
    def task(index: int) -> None:
        (tmp_path / f"{index}").write_text(str(os.getpid()))
        time.sleep(0.002)

    parallel.run(300, task, 3)
    done = {int(p.name): p.read_text() for p in tmp_path.iterdir()}
    assert sorted(done) == list(range(300))
    assert os.getpid() in {int(pid) for pid in done.values()}, "the parent works too"
    assert len(set(done.values())) == 3


def in_child() -> bool:
    return os.getpid() != PARENT


PARENT = os.getpid()


def failing_in_child(err: BaseException, at: int = 40):
    def task(index: int) -> None:
        if index >= at and in_child():
            raise err
        time.sleep(0.001)

    return task


def raised_by(task, count: int = 200, workers: int = 2) -> BaseException:
    global PARENT
    PARENT = os.getpid()
    with pytest.raises(BaseException) as raised:
        parallel.run(count, task, workers)
    return raised.value


def test_an_os_error_in_a_worker_is_raised_as_itself():
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/out/nyheter/index.html")
    err = raised_by(failing_in_child(full))
    assert type(err) is OSError
    assert (err.errno, err.strerror, err.filename) == (full.errno, full.strerror, full.filename)
    assert isinstance(err.__cause__, parallel.WorkerTraceback)
    assert "in task" in err.__cause__.text, "the worker's traceback comes along"


class NeedsTwoError(Exception):
    """Like Jinja's TemplateSyntaxError in older versions: __init__ wants
    more than args holds, so the exception cannot be unpickled."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(message)
        self.lineno = lineno


def test_an_exception_that_cannot_be_unpickled_is_raised_as_itself():
    with pytest.raises(TypeError):
        pickle.loads(pickle.dumps(NeedsTwoError("unexpected '}'", 12)))
    err = raised_by(failing_in_child(NeedsTwoError("unexpected '}'", 12)))
    assert type(err) is NeedsTwoError
    assert (str(err), err.lineno) == ("unexpected '}'", 12)


def test_a_template_error_in_a_worker_is_raised_as_itself():
    syntax = jinja2.TemplateSyntaxError("unexpected '}'", 12, "article.html", "x/article.html")
    err = raised_by(failing_in_child(syntax))
    assert type(err) is jinja2.TemplateSyntaxError
    assert (str(err), err.lineno, err.name, err.filename) == (
        str(syntax),
        12,
        "article.html",
        "x/article.html",
    )
    undefined = raised_by(failing_in_child(jinja2.UndefinedError("'nothing' is undefined")))
    assert type(undefined) is jinja2.UndefinedError
    assert str(undefined) == "'nothing' is undefined"


def test_an_exception_that_cannot_travel_is_told_by_name():
    class LocalError(Exception):  # cannot be pickled: not reachable by name
        pass

    err = raised_by(failing_in_child(LocalError("a failure")))
    assert type(err) is parallel.WorkerError
    assert str(err) == "LocalError: a failure"


def test_a_killed_worker_is_a_failure():
    def task(index: int) -> None:
        if index == 150 and in_child():
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.001)

    global PARENT
    PARENT = os.getpid()
    # Index 150 falls to a child only if a child takes it: retry a few times.
    for _ in range(20):
        try:
            parallel.run(200, task, 2)
        except parallel.WorkerError as err:
            assert str(err) == "a build worker process was killed by signal 9"
            return
    pytest.fail("no worker was ever killed")


def test_the_lowest_failing_index_wins(tmp_path: Path):
    def task(index: int) -> None:
        if index in (3, 150):
            raise ValueError(f"failed at {index}")
        time.sleep(0.001)

    err = raised_by(task)
    assert str(err) == "failed at 3"


def test_the_parents_own_failure_keeps_its_traceback():
    def task(index: int) -> None:
        if not in_child():
            raise ValueError("in the parent")
        time.sleep(0.001)

    err = raised_by(task)
    assert type(err) is ValueError
    assert err.__cause__ is None


def test_log_records_come_once_in_index_order(caplog):
    def task(index: int) -> None:
        logging.getLogger("eduweb.test").info("task %d", index)
        if index == 120:
            raise ValueError("stop")
        time.sleep(0.001)

    caplog.set_level(logging.INFO, logger="eduweb.test")
    err = raised_by(task, count=200, workers=3)
    assert str(err) == "stop"
    assert [r.getMessage() for r in caplog.records] == [f"task {i}" for i in range(121)]


# Whole processes: atexit, stdio, signals --------------------------------------------

SCRIPT_HEAD = f"""
import atexit, os, sys, time
sys.path.insert(0, {str(ROOT / "plugins")!r})
from eduweb import parallel
PARENT = os.getpid()
"""


def run_script(tmp_path: Path, body: str) -> subprocess.Popen:
    script = tmp_path / "script.py"
    script.write_text(SCRIPT_HEAD + textwrap.dedent(body))
    return subprocess.Popen(
        [sys.executable, str(script), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_workers_run_no_atexit_handler_and_print_nothing_twice(tmp_path: Path):
    """staging.py removes the staging folder and the lock at exit: a worker
    must not; nor print again what the parent had not yet flushed."""
    proc = run_script(
        tmp_path,
        """
        atexit.register(lambda: open(sys.argv[1] + "/atexit", "a").write(f"{os.getpid()}\\n"))
        print("printed once")  # stdout is a pipe: buffered, not yet written
        def task(index):
            time.sleep(0.002)
            open(f"{sys.argv[1]}/pid-{os.getpid()}", "w").close()
        parallel.run(200, task, 3)
        """,
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out == "printed once\n"
    assert len(list(tmp_path.glob("pid-*"))) == 3
    assert (tmp_path / "atexit").read_text() == f"{proc.pid}\n"


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as status:
            return "\nState:\tZ" not in status.read()
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_build_ends_its_workers(tmp_path: Path, sig: signal.Signals):
    proc = run_script(
        tmp_path,
        """
        def task(index):
            if os.getpid() != PARENT:
                open(f"{sys.argv[1]}/child-{os.getpid()}", "w").close()
            time.sleep(60)
        parallel.run(10, task, 3)
        """,
    )
    deadline = time.monotonic() + 30
    while len(list(tmp_path.glob("child-*"))) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.01)
    children = [int(p.name.removeprefix("child-")) for p in tmp_path.glob("child-*")]
    proc.send_signal(sig)
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not [pid for pid in children if alive(pid)], "a worker outlived the build"


# Whole builds --------------------------------------------------------------------


def workers(site: Site, count: int) -> Site:
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nBUILD_WORKERS = {count}\n")
    return site


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A tmpfs, if one can be mounted: it lists a folder in the order its
    entries were made (ext4 does not), which Pagefind's index depends on."""
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(folder)], capture_output=True
    )
    mounted = mount.returncode == 0
    try:
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def test_the_same_site_with_one_two_and_four_workers(tmp_path: Path, tmpfs: Path):
    """The fixture site and enough news for several list and tag pages."""
    trees = {}
    for count in (1, 2, 4):
        site = workers(Site(tmp_path / f"site{count}", with_sample=True), count)
        for number in range(1, 26):
            site.write(
                f"news/2023/extra-{number}.md",
                article(
                    title=f"Extra {number}",
                    date=f"2023-03-{number:02d}",
                    tags="[Ledarskap, Extra]" if number % 2 else "[Extra]",
                ),
            )
        result = site.build(output=tmpfs / f"out{count}")
        assert result.returncode == 0, result.stderr
        trees[count] = tree(result.output)
    assert "nyheter/sida/3/index.html" in trees[1]
    assert "nyheter/amne/extra/sida/2/index.html" in trees[1]
    assert trees[2] == trees[1]
    assert trees[4] == trees[1]


# Appended to pelicanconf.py: fails_here() is true on every page when the
# build works alone, and in the worker processes only when it does not, so
# that the failure the build reports must have come from a worker.
FAILS_IN_A_WORKER = """
import os as _os
_PARENT = _os.getpid()
def fails_here():
    if BUILD_WORKERS == 1 or _os.getpid() != _PARENT:
        with open("failed-in", "a") as _out:
            _out.write("parent\\n" if _os.getpid() == _PARENT else "worker\\n")
        return True
    return False
"""


def failing_in_a_worker(site: Site, count: int, settings: str) -> Site:
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write(f"\nBUILD_WORKERS = {count}\n{FAILS_IN_A_WORKER}{settings}")
    (site.root / "failed-in").unlink(missing_ok=True)
    return site


def failed_in(site: Site) -> set[str]:
    return set((site.root / "failed-in").read_text().split())


def theme_copy(site: Site) -> Path:
    """The site's own copy of the theme's templates, to break one."""
    theme = site.root / "theme"
    theme.unlink()
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("static"))
    (theme / "static").symlink_to(ROOT / "theme" / "static")
    return theme / "templates"


def test_a_template_error_ends_the_build_as_in_one_process(published: Site, refs):  # noqa: F811
    """Pelican logs the exception (CRITICAL, with its traceback, which from
    a worker includes the worker's) and the build ends with status 1."""
    base = theme_copy(published) / "base.html"
    marker = "{% block content %}{% endblock %}"
    failing = "{% if fails_here() %}{{ nothing.at_all }}{% endif %}"
    text = base.read_text(encoding="utf-8")
    assert marker in text
    base.write_text(text.replace(marker, failing + marker, 1), encoding="utf-8")
    settings = published.root / "pelicanconf.py"
    original = settings.read_text(encoding="utf-8")
    outcomes = {}
    for count in (1, 2):
        settings.write_text(original, encoding="utf-8")
        failing_in_a_worker(published, count, "JINJA_GLOBALS = {'fails_here': fails_here}\n")
        result = published.build()
        assert result.returncode == 1
        assert tree(published.output) == refs.old_tree, "the old site was touched"
        assert beside(published) == []
        outcomes[count] = critical_lines(result.stdout)
        unwrapped = "".join(line.strip() for line in result.stdout.splitlines())
        assert ("WorkerTraceback" in unwrapped) == (count > 1)
    assert outcomes[1] == ["UndefinedError: 'nothing' is undefined"]
    assert outcomes[2] == outcomes[1]
    assert failed_in(published) == {"worker"}


def critical_lines(stdout: str) -> list[str]:
    """What Pelican logs at CRITICAL (its rich log, without time and source)."""
    return [
        line.split("CRITICAL", 1)[1].rsplit("__init__.py", 1)[0].strip()
        for line in stdout.splitlines()
        if "CRITICAL" in line
    ]


FULL_DISK_IN_A_WORKER = """
import errno, sys
sys.path.insert(0, "plugins")
from eduweb import writer as _writer
_render = _writer.WriteJob.render
def _full(self):
    if fails_here():
        raise OSError(errno.ENOSPC, _os.strerror(errno.ENOSPC), self.path)
    return _render(self)
_writer.WriteJob.render = _full
"""


def test_a_full_disk_in_a_worker_ends_the_build_as_in_one_process(published: Site, refs):  # noqa: F811
    """staging.write_failure's one line, no traceback, the old site kept."""
    settings = published.root / "pelicanconf.py"
    original = settings.read_text(encoding="utf-8")
    outcomes = {}
    for count in (1, 2):
        settings.write_text(original, encoding="utf-8")
        result = failing_in_a_worker(published, count, FULL_DISK_IN_A_WORKER).build()
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert tree(published.output) == refs.old_tree, "the old site was touched"
        assert beside(published) == []
        outcomes[count] = result.stderr.strip().splitlines()
    assert "the new site could not be written: No space left on device" in outcomes[1][0]
    assert outcomes[2] == outcomes[1]
    assert failed_in(published) == {"worker"}
