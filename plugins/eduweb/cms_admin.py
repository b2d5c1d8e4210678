"""/admin/: the web editor (Decap CMS, issue 10), written by the build only
when the CMS setting is set.

What goes into the output:

- admin/index.html, from theme/admin/index.html: noindex, its own
  Content-Security-Policy (cms_policy.admin_csp), Decap and admin.js;
- admin/config.yml, Decap's configuration, generated from the content
  contract at every build (cms_config.generate);
- admin/admin.js (the site's preview style and the fact box editor);
- admin/vendor/decap-cms-<version>/, Decap's own files as vendored from the
  npm package (cms_vendor.py; `invoke vendor-cms`).

/admin/ is no page of the site: it is not in sitemap.xml (only what the
generators add is), the hosts send `X-Robots-Tag: noindex` for it
(host_files.py), and it has no old addresses to redirect.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pelican.generators import Generator

from . import cms_vendor, urls
from .cms_policy import admin_csp, cms_settings
from .generators import write_output_file

ADMIN = urls.ADMIN
THEME_ADMIN = "admin"  # below the theme folder


def vendor_path(theme: str | os.PathLike) -> str:
    """vendor/decap-cms-<version>/ below admin/: the one vendored version
    in the theme (`invoke vendor-cms` replaces it)."""
    found = sorted(Path(theme, THEME_ADMIN, "vendor").glob("decap-cms-*/" + cms_vendor.ENTRY))
    if len(found) != 1:
        raise FileNotFoundError(
            f"{Path(theme, THEME_ADMIN, 'vendor')} must hold one decap-cms-<version> folder "
            "(invoke vendor-cms)"
        )
    return f"vendor/{found[0].parent.name}/"


def config_text(settings: Mapping) -> str:
    """Decap's config.yml for these settings (cms_config.py)."""
    from .cms_config import generate

    return generate(settings)


def render_index(settings: Mapping, csp: str) -> str:
    """admin/index.html from the theme's template."""
    folder = Path(settings["THEME"]) / THEME_ADMIN
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    assets = settings["_EDUWEB_ASSETS"]
    return env.get_template("index.html").render(
        csp=csp,
        sitename=settings.get("SITENAME", ""),
        favicon=assets("img/favicon.svg"),
        preview_style=assets("css/site.css"),
        decap=f"/{ADMIN}{vendor_path(settings['THEME'])}{cms_vendor.ENTRY}",
        admin_js=f"/{ADMIN}admin.js",
    )


class AdminGenerator(Generator):
    """Writes /admin/ when the CMS setting is set; nothing otherwise."""

    def generate_output(self, writer) -> None:
        cms = cms_settings(self.settings)
        if cms is None:
            return
        folder = Path(self.settings["THEME"]) / THEME_ADMIN
        out = os.path.join(self.output_path, ADMIN)
        write_output_file(self.output_path, ADMIN + "config.yml", config_text(self.settings))
        write_output_file(
            self.output_path, ADMIN + "index.html", render_index(self.settings, admin_csp(cms))
        )
        shutil.copyfile(folder / "admin.js", os.path.join(out, "admin.js"))
        vendor = vendor_path(self.settings["THEME"])
        shutil.copytree(folder / vendor, os.path.join(out, vendor), dirs_exist_ok=True)
