"""Writing a file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_whole(
    path: str | os.PathLike,
    data: bytes,
    *,
    prefix: str = ".tmp-",
    suffix: str = "",
    mode: int | None = None,
    sync: bool = False,
) -> None:
    """Write `data` to `path` through a new file beside it (`prefix`,
    `suffix`), renamed over it: a reader, or a process stopped midway, sees
    the old file (or none) or the new one, never half of one; the new file
    is removed if anything fails. `mode`: its permissions (a temporary file
    is made readable by its owner alone); `sync`: on the disk before the
    rename. The folder must exist (FileNotFoundError otherwise)."""
    handle, scratch = tempfile.mkstemp(dir=os.path.dirname(path), prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(scratch, mode)
        os.replace(scratch, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        raise
