"""Set up everything on a fresh machine, then run an invoke task.

    python3 bootstrap.py serve    # build and serve the site at http://127.0.0.1:8000
    python3 bootstrap.py test     # lint and run the whole test suite
    python3 bootstrap.py new-article "Titel"   # any task, with its arguments

Needs only Python 3.11+. Creates .venv/ (installing Debian's venv package
with apt if Python lacks it), installs the pinned requirements when they
have changed, then hands over to `invoke`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
# Tasks that need only the site's own requirements; others get the dev ones.
REQUIREMENTS = {
    task: "requirements.txt"
    for task in (
        "serve",
        "build",
        "publish",
        "check",
        "check-addresses",
        "new-article",
        "new-programme",
        "new-contact",
        "new-page",
    )
}


def run(*command: str, **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def apt_install(*packages: str) -> None:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", *packages, env=env)


def create_venv() -> None:
    if PYTHON.exists():
        return
    try:
        run(sys.executable, "-m", "venv", str(VENV))
    except subprocess.CalledProcessError:
        # Debian ships venv's pip bootstrap separately.
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        apt_install(f"python{version}-venv")
        run(sys.executable, "-m", "venv", str(VENV))


def requirements_digest(requirements: str) -> str:
    """What the stamp of an installed requirements file holds."""
    files = [ROOT / requirements]
    files += [ROOT / "requirements.txt"] if requirements != "requirements.txt" else []
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def installed(requirements: str) -> bool:
    stamp = VENV / f".installed-{requirements}"
    return stamp.exists() and stamp.read_text() == requirements_digest(requirements)


def install(requirements: str) -> None:
    # The dev requirements include the site's (-r requirements.txt).
    if installed(requirements) or installed("requirements-dev.txt"):
        return
    stamp = VENV / f".installed-{requirements}"
    digest = requirements_digest(requirements)
    run(
        str(PYTHON),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
        "-r",
        str(ROOT / requirements),
    )
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "test"
    create_venv()
    install(REQUIREMENTS.get(task, "requirements-dev.txt"))
    os.chdir(ROOT)
    invoke = str(VENV / "bin" / "invoke")
    os.execv(invoke, [invoke, *argv] if argv else [invoke, "test"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
