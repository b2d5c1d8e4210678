"""Decap CMS's own files, copied from the npm package into the theme
(`invoke vendor-cms`), so /admin/ loads nothing from a CDN.

The package's dist/ folder holds two builds of the same code (decap-cms.js
and cms.js, each with numbered chunks), their source maps and a blank
cms.css. Only what decap-cms.js can load is copied: the file itself, every
chunk reachable from it through webpack's chunk loader (`.e(N)` ->
`N.decap-cms.js`), the WebAssembly files those chunks ask for by name (the
image encoders), and the licence text of the bundled code.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE_JSON = ROOT / "tests" / "js" / "package.json"
NPM_PACKAGE = ROOT / "tests" / "js" / "node_modules" / "decap-cms"
ENTRY = "decap-cms.js"
LICENCE = "decap-cms.js.LICENSE.txt"
# webpack's runtime: __webpack_require__.u = e => e + ".decap-cms.js"
_CHUNK_LOAD = re.compile(rb"\.e\((\d+)\)")
# a chunk's asset module: n.exports = r.p + "f728dc876b39e5273411.wasm"
_WASM = re.compile(rb'\.p\+"([0-9a-f]+\.wasm)"')


def pinned_version(package_json: Path = PACKAGE_JSON) -> str:
    """The Decap version tests/js/package.json pins (one exact version)."""
    version = json.loads(package_json.read_text(encoding="utf-8"))["devDependencies"]["decap-cms"]
    if not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise ValueError(f"decap-cms must be pinned to one version, not {version!r}")
    return version


def vendor_folder(version: str | None = None) -> Path:
    """theme/admin/vendor/decap-cms-<version>/."""
    return ROOT / "theme" / "admin" / "vendor" / f"decap-cms-{version or pinned_version()}"


def needed_files(dist: Path) -> list[str]:
    """The names, in dist/, of every file decap-cms.js can load, itself and
    the licence text included; sorted."""
    needed = {ENTRY, LICENCE}
    todo = [ENTRY]
    while todo:
        data = (dist / todo.pop()).read_bytes()
        for name in _WASM.findall(data):
            needed.add(name.decode())
        for number in _CHUNK_LOAD.findall(data):
            chunk = f"{number.decode()}.decap-cms.js"
            if chunk not in needed:
                if not (dist / chunk).is_file():
                    raise FileNotFoundError(f"{dist / chunk} (loaded by {ENTRY}) is missing")
                needed.add(chunk)
                todo.append(chunk)
    for name in needed:
        if not (dist / name).is_file():
            raise FileNotFoundError(dist / name)
    return sorted(needed)


def installed_version(package: Path = NPM_PACKAGE) -> str:
    return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]


def vendor(package: Path = NPM_PACKAGE, target: Path | None = None) -> list[str]:
    """Replace the vendored copy with the needed files of the installed
    package, which must be the pinned version; the names copied."""
    version = pinned_version()
    if installed_version(package) != version:
        raise SystemExit(
            f"{package} is decap-cms {installed_version(package)}, "
            f"tests/js/package.json pins {version}: run `invoke test` (npm ci) first"
        )
    target = target or vendor_folder(version)
    names = needed_files(package / "dist")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in names:
        shutil.copyfile(package / "dist" / name, target / name)
    return names


def differences(package: Path = NPM_PACKAGE, folder: Path | None = None) -> list[str]:
    """How the vendored folder differs from what `vendor` would copy from
    the installed package: one line per missing, extra or changed file."""
    folder = folder or vendor_folder()
    dist = package / "dist"
    wanted = set(needed_files(dist))
    present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    lines = [f"missing: {name}" for name in sorted(wanted - present)]
    lines += [f"extra: {name}" for name in sorted(present - wanted)]
    for name in sorted(wanted & present):
        if _sha256(dist / name) != _sha256(folder / name):
            lines.append(f"changed: {name}")
    return lines


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
