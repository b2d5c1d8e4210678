"""What the build tells the hosts that serve it (issue 9, points 7 and 8):
the theme's files under hashed names, redirects from old addresses, and the
HTTP headers (security, caching, media types).

One file per kind of host, all written here:

- `_redirects` and `_headers` (Netlify, Cloudflare Pages);
- `.htaccess` (Apache): the same headers and redirects;
- an HTML page at every old address (GitHub Pages and any host that reads
  none of these): a meta refresh plus a canonical link.

The Content-Security-Policy is the one the pages carry in a <meta> element
(consent.content_security_policy), plus `frame-ancestors 'none'`, which only
a header can carry. Netlify applies every rule whose path matches, a later
rule's value of a header replacing an earlier one's, so the catch-all rule
comes first and /theme/* (immutable) after it. The search page /sok/ gets
the one policy of its own: the site's plus 'wasm-unsafe-eval'
(search_index.py), in its rule after the catch-all.

/admin/ (the editor, cms_admin.py, only when the CMS setting is set) gets
its own, looser policy and `X-Robots-Tag: noindex`: a rule after the
catch-all one replaces the policy for it.
"""

from __future__ import annotations

from urllib.parse import quote

from pelican.generators import Generator

from . import urls
from .cms_policy import NOINDEX, admin_csp, cms_settings
from .generators import write_output_file
from .search_index import search_page_csp

# Header name -> value, for every response.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
# HTML and other files keep their names across builds: ask the host each time.
REVALIDATE = "no-cache"
# Theme files and resized pictures carry their content's hash in their
# names (assets.py, pictures.py).
IMMUTABLE = "public, max-age=31536000, immutable"
# In urls.py: contact_pages.py needs them without this module's imports (the editor's).
VCARD_MEDIA_TYPE = urls.VCARD_MEDIA_TYPE
CALENDAR_MEDIA_TYPE = urls.CALENDAR_MEDIA_TYPE
FRAME_ANCESTORS = "frame-ancestors 'none'"
WRITTEN_BY = "Written by the eduweb plugin at every build (plugins/eduweb/host_files.py)."


def header_csp(meta_csp: str) -> str:
    """The policy as a header: the pages' own, plus what <meta> cannot carry."""
    return f"{meta_csp}; {FRAME_ANCESTORS}"


def site_headers(meta_csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": header_csp(meta_csp), **SECURITY_HEADERS}


def _href(path: str) -> str:
    """An address as it goes into a host file: percent-encoded, no spaces."""
    return quote(path, safe="/")


def admin_headers(admin_csp: str) -> dict[str, str]:
    """/admin/: the editor's policy, and never in a search engine."""
    return {"Content-Security-Policy": header_csp(admin_csp), "X-Robots-Tag": NOINDEX}


def netlify_headers(meta_csp: str, admin_csp: str | None = None) -> str:
    rules = [
        ("/*", {**site_headers(meta_csp), "Cache-Control": REVALIDATE}),
        (
            f"/{urls.SEARCH_PAGE}*",
            {"Content-Security-Policy": header_csp(search_page_csp(meta_csp))},
        ),
        (f"/{urls.THEME_STATIC}*", {"Cache-Control": IMMUTABLE}),
        (f"/{urls.PICTURES}*", {"Cache-Control": IMMUTABLE}),
        (f"/{urls.VCARD_FOLDER}*", {"Content-Type": VCARD_MEDIA_TYPE}),
        (f"/{urls.CALENDAR_ICS}", {"Content-Type": CALENDAR_MEDIA_TYPE}),
        ("/" + urls.programme_ics_url(":slug"), {"Content-Type": CALENDAR_MEDIA_TYPE}),
    ]
    if admin_csp:
        rules.append((f"/{urls.ADMIN}*", admin_headers(admin_csp)))
    lines = [f"# {WRITTEN_BY}"]
    for path, headers in rules:
        lines.append(path)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
    return "\n".join(lines) + "\n"


def netlify_redirects(redirects: list[tuple[str, str]]) -> str:
    """`/old/ /new/ 301` per alias (Netlify, Cloudflare Pages)."""
    lines = [f"# {WRITTEN_BY}"]
    lines.extend(f"{_href(alias)} {_href(target)} 301" for alias, target in redirects)
    return "\n".join(lines) + "\n"


def _apache_regex(path: str) -> str:
    """An exact path as an Apache regular expression; a folder address also
    matches without its last slash."""
    special = set(r".^$*+?()[]{}|\-")
    escaped = "".join("\\" + char if char in special else char for char in path)
    return f"^{escaped[:-1]}/?$" if path.endswith("/") else f"^{escaped}$"


def htaccess(meta_csp: str, redirects: list[tuple[str, str]], admin_csp: str | None = None) -> str:
    """Apache: media types, headers and redirects, in one file.

    RedirectMatch with an anchored pattern rather than `Redirect`, which
    matches prefixes and would send /old/anything on as well.
    """
    lines = [
        f"# {WRITTEN_BY}",
        f"ErrorDocument 404 /{urls.NOT_FOUND}",
        "# vCards and calendars as text in UTF-8",
        "AddType text/vcard .vcf",
        "AddCharset utf-8 .vcf",
        "AddType text/calendar .ics",
        "AddCharset utf-8 .ics",
        "<IfModule mod_headers.c>",
    ]
    for name, value in site_headers(meta_csp).items():
        lines.append(f'  Header always set {name} "{value}"')
    search_csp = header_csp(search_page_csp(meta_csp))
    lines += [
        f'  <If "%{{REQUEST_URI}} =~ m#^/{urls.SEARCH_PAGE}#">',
        f'    Header always set Content-Security-Policy "{search_csp}"',
        "  </If>",
        f'  Header set Cache-Control "{REVALIDATE}"',
        f'  <If "%{{REQUEST_URI}} =~ m#^/({urls.THEME_STATIC}|{urls.PICTURES})#">',
        f'    Header set Cache-Control "{IMMUTABLE}"',
        "  </If>",
    ]
    if admin_csp:
        lines.append(f'  <If "%{{REQUEST_URI}} =~ m#^/{urls.ADMIN}#">')
        for name, value in admin_headers(admin_csp).items():
            lines.append(f'    Header always set {name} "{value}"')
        lines.append("  </If>")
    lines += [
        "</IfModule>",
    ]
    if redirects:
        lines.append("<IfModule mod_alias.c>")
        lines.extend(
            f'  RedirectMatch 301 "{_apache_regex(alias)}" "{_href(target)}"'
            for alias, target in redirects
        )
        lines.append("</IfModule>")
    return "\n".join(lines) + "\n"


def published_redirects(context: dict, index) -> list[tuple[str, str]]:
    """(old address, new address) for every alias of a page that this build
    publishes, both with a leading /; drafts and scheduled news have none yet."""
    published = {}
    for item in [*context.get("articles", []), *context.get("pages", [])]:
        published[item.source_path] = "/" + item.url
    for slug, programme in context.get("programmes_by_slug", {}).items():
        published[index.programmes[slug].source_path] = "/" + programme.url
    return sorted(
        (alias, published[doc.source_path])
        for alias, doc in index.aliases.items()
        if doc.source_path in published
    )


class HostFilesGenerator(Generator):
    """Writes the hashed theme files, the old addresses' pages and the host
    files. It adds nothing to the sitemap: old addresses are not in it."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        settings["_EDUWEB_ASSETS"].copy_to(self.output_path)
        redirects = published_redirects(self.context, settings["_EDUWEB_INDEX"])
        template = self.get_template("alias")
        for alias, target in redirects:
            path = alias.removeprefix("/")
            writer.write_file(
                urls.save_as(path), template, self.context, url=path, alias=alias, target=target
            )
        csp = settings["_EDUWEB_CONSENT"].csp
        cms = cms_settings(settings)
        editor = admin_csp(cms) if cms else None
        write_output_file(self.output_path, urls.HOST_HEADERS, netlify_headers(csp, editor))
        write_output_file(self.output_path, urls.HOST_REDIRECTS, netlify_redirects(redirects))
        write_output_file(self.output_path, urls.HTACCESS, htaccess(csp, redirects, editor))
