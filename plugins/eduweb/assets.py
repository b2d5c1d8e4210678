"""The theme's files (theme/static/) under names that carry their content's
hash: /theme/css/site.3f2a9c1b7e.css. A changed file gets a new name, so
hosts may let browsers keep these files for a year (host_files.py) and a
reader never sees new HTML with old CSS.

Templates ask for a file by its source name, `asset('css/site.css')`; the
names are computed once per build (build.before_generators), not per page.

A theme file must not refer to another theme file by a relative path (an ES
module's `import './x.mjs'`, a stylesheet's `url(../img/x.svg)`): the
hashed name is only known here, so such a reference would break. Templates
pass the names instead (matomo.mjs reaches consent.mjs's loader through a
data-src attribute); tests/test_headers.py holds the theme to this.

A few files get a line from the build put before their text (`preludes`):
print.css learns the site's address that way, since a stylesheet cannot
read it from the page and the CSP allows no inline style; site.css starts
with the BRAND colours as custom properties (brand.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil

from . import urls
from .brand import BrandSettings, stylesheet

HASH_LENGTH = 10
SITE_STYLESHEET = "css/site.css"
PRINT_STYLESHEET = "css/print.css"


def css_string(text: str) -> str:
    """`text` as a CSS string token, quoted and escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in text
    )
    return f'"{escaped}"'


def site_preludes(settings: dict) -> dict[str, bytes]:
    """What the build puts before theme files: print.css gets the site's
    address, so links to the site's own pages print in full; site.css the
    BRAND colours (checked settings, else the defaults)."""
    address = css_string(settings["PUBLIC_URL"].rstrip("/"))
    site = settings.get("_EDUWEB_SITE")
    return {
        PRINT_STYLESHEET: f":root {{ --site-address: {address}; }}\n".encode(),
        SITE_STYLESHEET: stylesheet(site.BRAND if site else BrandSettings()).encode(),
    }


def hashed_name(rel_path: str, data: bytes) -> str:
    """'css/site.css' -> 'css/site.<hash>.css' (the hash of `data`)."""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    folder, name = os.path.split(rel_path)
    stem, ext = os.path.splitext(name)
    return os.path.join(folder, f"{stem}.{digest}{ext}").replace(os.sep, "/")


class Assets:
    """Source name -> hashed name of every file in the theme's static folders.

    One instance lives in the Jinja globals for the life of the Pelican
    process; `scan` refreshes it at the start of each build, so a rebuild
    (--autoreload) sees edited files.
    """

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.sources: dict[str, str] = {}  # source name -> absolute path
        self.preludes: dict[str, bytes] = {}  # source name -> text put before it

    def scan(self, folders: list[str], preludes: dict[str, bytes] | None = None) -> None:
        preludes = preludes or {}
        names, sources = {}, {}
        for folder in folders:
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = os.path.join(root, name)
                    rel = os.path.relpath(path, folder).replace(os.sep, "/")
                    with open(path, "rb") as handle:
                        names[rel] = hashed_name(rel, preludes.get(rel, b"") + handle.read())
                    sources[rel] = path
        self.names, self.sources = names, sources
        self.preludes = {rel: text for rel, text in preludes.items() if rel in sources}

    def __call__(self, rel_path: str) -> str:
        """The address of a theme file: asset('css/site.css') in a template."""
        try:
            return f"/{urls.THEME_STATIC}{self.names[rel_path]}"
        except KeyError:
            raise KeyError(
                f"theme/static/{rel_path} does not exist (asset() in a template)"
            ) from None

    def copy_to(self, output_path: str) -> None:
        """Copy every file to its hashed name under the output's theme folder."""
        for rel, hashed in self.names.items():
            target = os.path.join(output_path, urls.THEME_STATIC, hashed)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if rel in self.preludes:
                with open(self.sources[rel], "rb") as source, open(target, "wb") as out:
                    out.write(self.preludes[rel] + source.read())
            else:
                shutil.copyfile(self.sources[rel], target)


def theme_static_folders(settings: dict) -> list[str]:
    """The folders Pelican would copy to /theme/ (THEME_STATIC_PATHS)."""
    theme = settings["THEME"]
    return [os.path.join(theme, folder) for folder in settings.get("THEME_STATIC_PATHS", [])]
