"""Build aside and swap: Pelican writes into a staging folder, which replaces
the output folder only when the whole build has succeeded.

Whatever fails during a build (bad content, a template error, a fatal
warning), the previous output folder is left exactly as it was.
"""

from __future__ import annotations

import os
import shutil


def _sibling(path: str, suffix: str) -> str:
    parent, name = os.path.split(os.path.abspath(path).rstrip(os.sep))
    return os.path.join(parent, f".{name}.{suffix}")


def begin(pelican) -> None:
    """Point Pelican at a fresh staging folder beside the real output folder."""
    final = getattr(pelican, "_eduweb_final_output", None) or pelican.output_path
    pelican._eduweb_final_output = final
    staging = _sibling(final, "building")
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    pelican.output_path = staging


def finish(pelican) -> None:
    """Replace the output folder with the staging folder."""
    final = getattr(pelican, "_eduweb_final_output", None)
    if not final:
        return
    staging = pelican.output_path
    pelican.output_path = final
    for kept in pelican.settings.get("OUTPUT_RETENTION", []):
        old, new = os.path.join(final, kept), os.path.join(staging, kept)
        if os.path.lexists(old) and not os.path.lexists(new):
            shutil.move(old, new)
    previous = _sibling(final, "previous")
    shutil.rmtree(previous, ignore_errors=True)
    try:
        if os.path.lexists(final):
            os.rename(final, previous)
        os.rename(staging, final)
    except OSError:
        # The output folder cannot be renamed (a mount point, say):
        # replace its contents instead.
        os.makedirs(final, exist_ok=True)
        for name in os.listdir(final):
            target = os.path.join(final, name)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            else:
                os.remove(target)
        for name in os.listdir(staging):
            shutil.move(os.path.join(staging, name), os.path.join(final, name))
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)
