"""The published site is never lost: one build at a time, an atomic swap,
recovery after a killed build, and output folders that cannot be replaced
safely refused before anything is touched (plugins/eduweb/staging.py).

Kill points are reached through the test hook EDUWEB_TEST_PAUSE=<point>:<marker>
(the build writes the marker there and waits); EDUWEB_TEST_SWAP=rename forces
the two-rename fallback used where the file system cannot exchange.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import SAMPLE_EPOCH, Site, article
from eduweb import staging
from eduweb.errors import ContentValidationError

LOCKED = "another build is writing to this output folder now"
BAD_DATE = article(title="Fel", date="2024-13-03")


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path below folder with its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def beside(site: Site, folder: Path | None = None) -> list[str]:
    """What a build left beside the output folder (staging, lock, previous)."""
    folder = folder or site.output
    return sorted(p.name for p in folder.parent.glob(f".{folder.name}.*"))


def write_v1(site: Site) -> None:
    site.write("news/2024/forsta.md", article(title="Första nyheten"))


def write_v2(site: Site) -> None:
    write_v1(site)
    site.write("news/2024/andra.md", article(title="Andra nyheten", date="2024-06-04"))


@pytest.fixture(scope="module")
def refs(tmp_path_factory) -> SimpleNamespace:
    """The old site (v1) and the new one (v2), each built once, as folders and trees."""
    site = Site(tmp_path_factory.mktemp("refs") / "site")
    write_v1(site)
    old = site.build(output=site.root / "v1")
    assert old.returncode == 0, old.stderr
    write_v2(site)
    new = site.build(output=site.root / "v2")
    assert new.returncode == 0, new.stderr
    return SimpleNamespace(
        old=old.output, new=new.output, old_tree=tree(old.output), new_tree=tree(new.output)
    )


@pytest.fixture
def published(site: Site, refs) -> Site:
    """A site whose output folder holds the old site and whose content is the new one."""
    shutil.copytree(refs.old, site.output, symlinks=True)
    write_v2(site)
    return site


def start(site: Site, output: Path | None = None, **env: str) -> subprocess.Popen:
    """Start the same pelican command as Site.build, in the background."""
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"]
    command += ["-o", str(output or site.output), "--fatal", "warnings"]
    full_env = dict(os.environ, SOURCE_DATE_EPOCH=str(SAMPLE_EPOCH), **env)
    full_env.pop("PUBLIC_URL", None)
    return subprocess.Popen(
        command, cwd=site.root, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def paused_at(site: Site, point: str, **env: str) -> tuple[subprocess.Popen, Path]:
    """A build of the site stopped at a point of the swap, and its marker file."""
    marker = site.root.parent / f"paused-{point}"
    proc = start(site, EDUWEB_TEST_PAUSE=f"{point}:{marker}", **env)
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"the build never reached {point}: {err.decode()}")
        time.sleep(0.01)
    return proc, marker


# One build at a time -------------------------------------------------------


def test_two_builds_at_once(published: Site, refs):
    """Started together, both would pause before the swap; the one that gets
    the lock does, the other stops at once with the lock message."""
    markers = [published.root.parent / f"paused-{n}" for n in (1, 2)]
    procs = [start(published, EDUWEB_TEST_PAUSE=f"swap:{marker}") for marker in markers]
    deadline = time.monotonic() + 60
    while all(proc.poll() is None for proc in procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    loser = next(i for i, proc in enumerate(procs) if proc.poll() is not None)
    winner, marker = procs[1 - loser], markers[1 - loser]
    _, err = procs[loser].communicate()
    assert procs[loser].returncode == 1, err.decode()
    assert f"output:0: output: {LOCKED}" in err.decode()
    assert "Traceback" not in err.decode()

    while not marker.exists() and winner.poll() is None:
        time.sleep(0.01)
    assert marker.exists(), winner.communicate()[1].decode()
    staged = beside(published)
    assert tree(published.output) == refs.old_tree
    assert [name[:17] for name in staged] == [".output.building-", ".output.lock"]

    second = published.build()  # also refused while the first waits
    assert second.returncode == 1 and LOCKED in second.stderr
    assert beside(published) == staged, "the refused build touched the other one's files"

    marker.unlink()  # let the build that holds the lock go on
    _, err = winner.communicate(timeout=60)
    assert winner.returncode == 0, err.decode()
    assert tree(published.output) == refs.new_tree
    assert beside(published) == []


# Killed at any point: the complete old or the complete new site ---------------

KILL_POINTS = {
    # (EDUWEB_TEST_SWAP, pause point): what the output folder holds after the kill
    ("exchange", "swap"): "old",
    ("exchange", "exchanged"): "new",
    ("rename", "aside"): None,  # between the fallback's two renames: put back next time
    ("rename", "renamed"): "new",
}


@pytest.mark.parametrize(("mode", "point"), list(KILL_POINTS), ids=[p for _, p in KILL_POINTS])
def test_kill_during_swap(published: Site, refs, mode: str, point: str):
    proc, _marker = paused_at(published, point, EDUWEB_TEST_SWAP=mode)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)

    expected = KILL_POINTS[(mode, point)]
    if expected is None:
        assert not published.output.exists()
        assert tree(published.root / ".output.previous") == refs.old_tree
        expected = "old"
    assert tree(published.output if published.output.exists() else refs.old) == getattr(
        refs, f"{expected}_tree"
    )

    # A failed build first puts right what the killed one left, then leaves it alone.
    published.write("news/2024/fel.md", BAD_DATE)
    failed = published.build()
    assert failed.returncode == 1 and "nothing was built" in failed.stderr, failed.stderr
    assert tree(published.output) == getattr(refs, f"{expected}_tree")
    assert beside(published) == []

    (published.root / "content/news/2024/fel.md").unlink()
    proc = start(published, EDUWEB_TEST_SWAP=mode)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert tree(published.output) == refs.new_tree
    assert beside(published) == []


# Recovery, in-process -----------------------------------------------------------


def test_recover_puts_the_old_site_back(tmp_path: Path):
    (tmp_path / ".output.previous").mkdir()
    (tmp_path / ".output.previous/index.html").write_text("old")
    (tmp_path / ".output.building-x1").mkdir()
    staging.recover(str(tmp_path / "output"))
    assert (tmp_path / "output/index.html").read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["output"]


def test_recover_deletes_the_old_site_after_a_complete_swap(tmp_path: Path):
    (tmp_path / "output").mkdir()
    (tmp_path / "output/index.html").write_text("new")
    (tmp_path / ".output.previous").mkdir()
    (tmp_path / ".output.previous/index.html").write_text("old")
    staging.recover(str(tmp_path / "output"))
    assert (tmp_path / "output/index.html").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["output"]


def test_exchange_swaps_two_folders(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x").write_text("a")
    (tmp_path / "b").mkdir()
    try:
        staging._exchange(str(tmp_path / "a"), str(tmp_path / "b"))
    except OSError as err:
        pytest.skip(f"renameat2(RENAME_EXCHANGE) is not supported here: {err}")
    assert (tmp_path / "b/x").read_text() == "a"
    assert not (tmp_path / "a/x").exists()


# Full disk, read-only output, mount points ----------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 32 MB tmpfs mounted in tmp_path (needs root or CAP_SYS_ADMIN): room
    for the old site and the new one with its search index and picture
    copies; the test fills it before the build."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mount.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill the file system, then free `leave` bytes."""
    filler = disk / "filler"
    # Unbuffered: a buffered file would fail again on close, flushing the
    # bytes that did not fit.
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError:
            pass
    size = filler.stat().st_size
    with open(filler, "r+b") as handle:
        handle.truncate(max(size - leave, 0))
    return filler


def test_full_disk_leaves_the_old_site(published: Site, refs, small_disk: Path):
    output = small_disk / "www"
    shutil.copytree(refs.old, output)
    filler = fill(small_disk, leave=64 * 1024)

    result = published.build(output=output)
    assert result.returncode == 1
    assert "the new site could not be written: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree(output) == refs.old_tree
    assert beside(published, output) == []

    filler.unlink()
    result = published.build(output=output)
    assert result.returncode == 0, result.stderr
    assert tree(output) == refs.new_tree


def test_mount_point_is_refused(published: Site, refs, small_disk: Path):
    shutil.copytree(refs.old, small_disk, dirs_exist_ok=True)
    result = published.build(output=small_disk)
    assert result.returncode == 1
    assert "is a mount point, which cannot be replaced in one step" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree(small_disk) == refs.old_tree
    assert beside(published, small_disk) == []


@pytest.mark.parametrize("mode", ["exchange", "rename"])
def test_immutable_output_is_left_whole(tmp_path: Path, monkeypatch, mode: str):
    final, new = tmp_path / "output", tmp_path / ".output.building-x"
    for folder, text in ((final, "old"), (new, "new")):
        (folder / "nyheter").mkdir(parents=True)
        (folder / "index.html").write_text(text)
        (folder / "nyheter/index.html").write_text(text)
    before = tree(final)
    if not shutil.which("chattr"):
        pytest.skip("chattr is not installed")
    chattr = subprocess.run(["chattr", "+i", str(final)], capture_output=True)
    if chattr.returncode != 0:
        pytest.skip(f"cannot make a folder immutable here: {chattr.stderr.decode().strip()}")
    monkeypatch.setenv("EDUWEB_TEST_SWAP", mode)
    pelican = SimpleNamespace(output_path=str(new), _eduweb_final_output=str(final), settings={})
    try:
        with pytest.raises(ContentValidationError) as raised:
            staging.finish(pelican)
    finally:
        subprocess.run(["chattr", "-i", str(final)], check=False)
    assert ":0: output: cannot be replaced: Operation not permitted" in str(raised.value.errors[0])
    assert tree(final) == before
    assert sorted(os.listdir(tmp_path)) == ["output"]


# Output folders that must not be replaced -----------------------------------------


def source_tree(site: Site) -> dict[str, bytes | None]:
    return {
        name: tree(site.root / name) if (site.root / name).is_dir() else None
        for name in sorted(os.listdir(site.root))
    }


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "is or contains the project folder, which holds the site's sources"),
        ("pelicanconf.py", "is a file, not a folder"),
    ],
)
def test_unsafe_output_refused_by_the_build(published: Site, output: str, message: str):
    before = source_tree(published)
    result = published.build(output=published.root / output)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert source_tree(published) == before


def fake_pelican(site: Site, output: Path) -> SimpleNamespace:
    settings = {
        "PATH": str(site.root / "content"),
        "THEME": str(site.root / "theme"),
        "PLUGIN_PATHS": [str(site.root / "plugins")],
    }
    return SimpleNamespace(output_path=str(output), settings=settings)


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("content", "content:0: output: is or contains content,"),
        ("content/x", "content/x:0: output: is inside content,"),
        ("content/news", "content/news:0: output: is inside content,"),
        ("theme/static", "theme/static:0: output: is inside /"),
        ("plugins", "plugins:0: output: is or contains /"),
        ("..", ":0: output: is or contains the project folder,"),
        ("/", "/:0: output: is or contains the project folder,"),
    ],
)
def test_unsafe_output_refused_before_anything(site: Site, monkeypatch, output, message):
    write_v1(site)
    monkeypatch.chdir(site.root)
    before = source_tree(site)
    with pytest.raises(ContentValidationError) as raised:
        staging.claim(fake_pelican(site, site.root / output))
    assert message in str(raised.value.errors[0])
    assert source_tree(site) == before
    assert staging._locks == {}


def test_mount_point_refused_before_anything(site: Site, monkeypatch):
    if not os.path.ismount("/proc"):
        pytest.skip("/proc is not a mount point here")
    monkeypatch.chdir(site.root)
    with pytest.raises(ContentValidationError) as raised:
        staging.claim(fake_pelican(site, Path("/proc")))
    assert "/proc:0: output: is a mount point" in str(raised.value.errors[0])
    assert "e.g. /proc/site, and serve that folder" in str(raised.value.errors[0])


# A symlinked output folder stays a symlink ------------------------------------------


def test_symlinked_output_keeps_pointing_where_it_pointed(published: Site, refs):
    real = published.root.parent / "www" / "site"
    real.parent.mkdir()
    published.output.rename(real)
    published.output.symlink_to(real)
    real.chmod(0o750)

    result = published.build()
    assert result.returncode == 0, result.stderr
    assert published.output.is_symlink()
    assert os.readlink(published.output) == str(real)
    assert tree(real) == refs.new_tree
    assert real.stat().st_mode & 0o7777 == 0o750, "the published folder's mode changed"
    assert sorted(os.listdir(real.parent)) == ["site"]
    assert beside(published) == []


# Several builds in one process (pelican --autoreload) ---------------------------------

AUTORELOAD = """
import glob, sys
from pelican import get_instance, parse_arguments, signals

pelican, settings = get_instance(parse_arguments(sys.argv[1:]))
pelican.run()

def template_error(generator):
    raise RuntimeError("a template failed")

signals.article_generator_finalized.connect(template_error)
try:
    pelican.run()
except RuntimeError:
    print("left by the failed build:", glob.glob(".output.building-*"))
else:
    raise SystemExit("the second build should have failed")
signals.article_generator_finalized.disconnect(template_error)
pelican.run()
"""


def test_several_builds_in_one_process(site: Site, refs):
    """As --autoreload does: a failed build leaves no staging folder in the way."""
    write_v2(site)
    script = site.root / "autoreload.py"
    script.write_text(AUTORELOAD)
    proc = subprocess.run(
        [sys.executable, str(script), "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=site.root,
        env=dict(os.environ, SOURCE_DATE_EPOCH=str(SAMPLE_EPOCH)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "left by the failed build: ['.output.building-" in proc.stdout, proc.stdout
    assert tree(site.output) == refs.new_tree
    assert beside(site) == []
