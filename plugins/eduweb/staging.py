"""Build aside and swap: Pelican writes into a staging folder, which replaces
the output folder only when the whole build has succeeded.

The guarantees:

* The output folder is always either the complete previous site or the
  complete new one. On Linux the staging folder and the output folder trade
  places in one system call (renameat2 with RENAME_EXCHANGE); the old site
  then sits under the staging name and is deleted. Where the file system
  cannot exchange (EINVAL/ENOSYS) the output folder is renamed to
  `.<name>.previous` and the staging folder into its place; a build killed
  between those two renames is put right by the next build before it does
  anything else (the previous site is renamed back). The old site is never
  deleted or emptied before the new one is in place.
* One build at a time per output folder: a build holds an flock on
  `.<name>.lock` beside the output folder from its start to its end. A second
  build stops at once with a one-line message and touches nothing.
* Whatever fails (bad content, a template error, a fatal warning, a full
  disk, an exception), the output folder is left exactly as it was and the
  staging folder `.<name>.building-*` is removed when the process ends;
  any left by a killed build are removed by the next build, under the lock.
* Output folders that cannot be replaced safely are refused before anything
  is touched: a regular file, a mount point, a folder inside content, theme
  or plugins, and any folder that is or contains one of those or the
  working folder (`-o .`, `-o ..`).
* An output folder that is a symbolic link stays one, pointing where it
  pointed: the folder it resolves to is the one replaced.

The lock file is removed when a build ends; one left by a killed build is
harmless (a lock dies with its process). Not covered: a power cut (files are
not fsync'ed), and in the fallback scheme a build killed between the two
renames leaves no output folder until the next build starts.

Test hooks (see tests/test_output_safety.py): EDUWEB_TEST_PAUSE=<point>:<file>
makes a build wait at a point of the swap, EDUWEB_TEST_SWAP=rename forces the
fallback.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
import time

from . import messages
from .errors import ContentError, ContentValidationError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2

# Output folders (resolved) this process holds the lock of -> lock file descriptor.
# Kept across builds: under --autoreload a build that failed still holds it,
# and the next build in the same process goes on under it.
_locks: dict[str, int] = {}
_cleanup_registered = False


def _sibling(final: str, suffix: str) -> str:
    parent, name = os.path.split(final)
    return os.path.join(parent, f".{name}.{suffix}")


def _shown(path: str) -> str:
    """The output folder as the person building named it: relative when inside cwd."""
    rel = os.path.relpath(path)
    return path if rel.startswith(os.pardir) else rel


def _refuse(given: str, message: str) -> ContentValidationError:
    where = messages.text("where.output")
    return ContentValidationError([ContentError(_shown(given), 0, where, message)])


def _inside(path: str, folder: str) -> bool:
    """True when path is folder or lies below it (both resolved)."""
    return os.path.commonpath([path, folder]) == folder


def _sources(settings: dict) -> list[str]:
    """Folders a build must never replace: what the site is built from."""
    plugin_package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = [os.getcwd(), settings.get("PATH"), settings.get("THEME"), plugin_package]
    found += settings.get("PLUGIN_PATHS") or []
    return [os.path.realpath(p) for p in found if p and os.path.isdir(p)]


def _target(pelican) -> tuple[str, str]:
    """(the output folder as named, the folder to replace) after the checks.

    Raises ContentValidationError for an output folder that cannot be
    replaced safely; nothing has been touched then.
    """
    given = getattr(pelican, "_eduweb_final_output", None) or pelican.output_path
    given = os.path.abspath(given)
    final = os.path.realpath(given)  # a symlink stays; what it points to is replaced
    if os.path.exists(final) and not os.path.isdir(final):
        raise _refuse(given, messages.text("output.is_a_file"))
    cwd = os.path.realpath(os.getcwd())
    for source in _sources(pelican.settings):
        if _inside(source, final):
            what = messages.text("output.project_folder") if source == cwd else _shown(source)
            raise _refuse(given, messages.text("output.contains_sources", what=what))
        if source != cwd and _inside(final, source):
            raise _refuse(given, messages.text("output.inside_sources", what=_shown(source)))
    if os.path.ismount(final):
        example = _shown(os.path.join(given, "site"))
        raise _refuse(given, messages.text("output.mount_point", example=example))
    return given, final


def _lock(given: str, final: str) -> None:
    """Take the output folder's lock, or stop: another build is running."""
    if final in _locks:
        return
    path = _sibling(final, "lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _refuse(given, messages.text("output.locked")) from None
        # The holder before us unlinks the file while still holding it; if
        # we locked that unlinked file, try again with the one on disk now.
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    _locks[final] = fd


def _unlock(final: str) -> None:
    fd = _locks.pop(final, None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.unlink(_sibling(final, "lock"))
        os.close(fd)


def recover(final: str) -> None:
    """Put right what a killed build left beside the output folder.

    Call only under the lock. A `.previous` folder with no output folder is
    the old site moved aside by a build killed between the two renames: it
    goes back. With an output folder beside it, the swap was complete and it
    is the old site to delete. Staging folders are never published.
    """
    previous = _sibling(final, "previous")
    if os.path.lexists(previous):
        if os.path.lexists(final):
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(previous, final)
    parent, name = os.path.split(final)
    prefix = f".{name}.building-"
    for entry in os.listdir(parent or "."):
        if entry.startswith(prefix):
            shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


def _cleanup() -> None:
    """At exit: a build that did not finish leaves no staging folder or lock."""
    for final in list(_locks):
        with contextlib.suppress(OSError):
            recover(final)
        _unlock(final)


def claim(pelican) -> None:
    """Check the output folder, take its lock and clean up after killed builds.

    Runs at the start of every build, before content is read; raises
    ContentValidationError (nothing touched) when the build must not go on.
    """
    global _cleanup_registered
    given, final = _target(pelican)
    parent = os.path.dirname(final)
    if not _cleanup_registered:
        atexit.register(_cleanup)
        _cleanup_registered = True
    try:
        os.makedirs(parent, exist_ok=True)
        _lock(given, final)
        recover(final)
    except OSError as err:
        raise _refuse(given, messages.text("output.cannot_prepare", reason=err.strerror)) from None
    pelican._eduweb_final_output = given


def begin(pelican) -> None:
    """Point Pelican at a fresh staging folder beside the real output folder."""
    given, final = _target(pelican)
    if final not in _locks:
        claim(pelican)
    parent, name = os.path.split(final)
    try:
        staging = tempfile.mkdtemp(prefix=f".{name}.building-", dir=parent)
    except OSError as err:
        raise _refuse(given, messages.text("output.cannot_stage", reason=err.strerror)) from None
    # mkdtemp makes it 0700: give it the old output folder's mode, or mkdir's.
    if os.path.isdir(final):
        mode = os.stat(final).st_mode & 0o7777
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o777 & ~umask
    os.chmod(staging, mode)
    pelican._eduweb_final_output = given
    pelican.output_path = staging


def write_failure(pelican, err: OSError) -> ContentValidationError:
    """A file could not be written into the staging folder (a full disk, a
    quota, permissions): one line naming the output folder."""
    given = getattr(pelican, "_eduweb_final_output", None) or pelican.output_path
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = messages.text("output.disk_full")
    else:
        todo = messages.text("output.write_other")
    return _refuse(given, messages.text("output.write_failed", reason=err.strerror, todo=todo))


def _test_pause(point: str) -> None:
    """Test hook: EDUWEB_TEST_PAUSE=<point>:<marker> makes the build write the
    marker file here and wait until it is deleted (or the test kills it)."""
    wanted, _, marker = os.environ.get("EDUWEB_TEST_PAUSE", "").partition(":")
    if wanted != point:
        return
    with open(marker, "w") as handle:
        handle.write(str(os.getpid()))
    deadline = time.monotonic() + 60
    while os.path.exists(marker) and time.monotonic() < deadline:
        time.sleep(0.01)


def _exchange(a: str, b: str) -> None:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE)."""
    if os.environ.get("EDUWEB_TEST_SWAP") == "rename":  # tests force the fallback
        raise OSError(errno.EINVAL, "exchange disabled for a test")
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), a, None, b)


def _swap(staging: str, final: str) -> None:
    """Put staging in final's place; the old site ends up deleted."""
    _test_pause("swap")
    if not os.path.lexists(final):
        os.rename(staging, final)
        return
    try:
        _exchange(staging, final)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.ENOSYS):
            raise
        previous = _sibling(final, "previous")
        os.rename(final, previous)
        _test_pause("aside")
        try:
            os.rename(staging, final)
        except OSError:
            os.rename(previous, final)
            raise
        _test_pause("renamed")
        shutil.rmtree(previous, ignore_errors=True)
        return
    _test_pause("exchanged")
    shutil.rmtree(staging, ignore_errors=True)  # now the old site


def finish(pelican) -> None:
    """Replace the output folder with the staging folder, then unlock it."""
    given = getattr(pelican, "_eduweb_final_output", None)
    if not given:
        return
    final = os.path.realpath(given)
    staging = pelican.output_path
    pelican.output_path = given
    try:
        for kept in pelican.settings.get("OUTPUT_RETENTION", []):
            # Copied, not moved: the old site stays whole until the swap.
            old, new = os.path.join(final, kept), os.path.join(staging, kept)
            if os.path.lexists(old) and not os.path.lexists(new):
                if os.path.isdir(old) and not os.path.islink(old):
                    shutil.copytree(old, new, symlinks=True)
                else:
                    shutil.copy2(old, new, follow_symlinks=False)
        _swap(staging, final)
    except OSError as err:
        if err.errno in (errno.EBUSY, errno.EXDEV):  # a mount point os.path.ismount missed
            todo = messages.text("output.mounted_replace")
        else:
            todo = messages.text("output.make_writable")
        message = messages.text("output.cannot_replace", reason=err.strerror, todo=todo)
        raise _refuse(given, message) from None
    finally:
        # Also on Ctrl+C: the staging folder goes, a half-done fallback swap is undone.
        with contextlib.suppress(OSError):
            recover(final)
        _unlock(final)


def abandon(pelican) -> None:
    """End a build whose files were put in place one by one instead of
    swapped (the preview's incremental builds, incremental.py): remove the
    staging folder and unlock the output folder."""
    given = getattr(pelican, "_eduweb_final_output", None)
    if not given:
        return
    final = os.path.realpath(given)
    pelican.output_path = given
    try:
        recover(final)
    finally:
        _unlock(final)
