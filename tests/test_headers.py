"""HTTP headers and fingerprinted theme files (issue 9, point 8): the hosts
are told the same policy in _headers and .htaccess, the theme's files carry
their content's hash in their names, and every page points to files that
exist."""

from __future__ import annotations

import re

import netlify_headers
from bs4 import BeautifulSoup
from conftest import ROOT
from eduweb import assets, host_files
from eduweb.consent import check_consent

HASHED = re.compile(rf"\.[0-9a-f]{{{assets.HASH_LENGTH}}}\.[a-z0-9]+$")


def htaccess_headers(text: str) -> dict[str, str]:
    """`Header always set Name "value"` lines of an .htaccess."""
    return dict(re.findall(r'^  Header always set (\S+) "([^"]*)"$', text, re.MULTILINE))


def test_htaccess_and_headers_carry_the_same_policy(sample_build):
    rules = netlify_headers.parse(sample_build.text("_headers"))
    page = netlify_headers.headers_for(rules, "/nyheter/")
    apache = htaccess_headers(sample_build.text(".htaccess"))
    assert apache == {k: v for k, v in page.items() if k != "Cache-Control"}
    meta = sample_build.html("").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert page["Content-Security-Policy"] == meta["content"] + "; frame-ancestors 'none'"
    assert set(page) == {
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cache-Control",
    }


def test_the_header_policy_is_the_consent_policy():
    consent = check_consent({}, None)
    headers = host_files.site_headers(consent.csp)
    assert headers["Content-Security-Policy"] == consent.csp + "; frame-ancestors 'none'"
    assert "frame-ancestors" not in consent.csp  # <meta> cannot carry it


def test_cache_lifetimes_and_media_types(sample_build):
    rules = netlify_headers.parse(sample_build.text("_headers"))
    for css in (sample_build.output / "theme/css").iterdir():  # site.css, print.css
        theme = netlify_headers.headers_for(
            rules, "/" + css.relative_to(sample_build.output).as_posix()
        )
        assert theme["Cache-Control"] == "public, max-age=31536000, immutable"
    assert netlify_headers.headers_for(rules, "/")["Cache-Control"] == "no-cache"
    assert netlify_headers.headers_for(rules, "/kalender/")["Cache-Control"] == "no-cache"
    for path in ("/kalender.ics", "/utbildningar/ledarskap/kalender.ics"):
        found = netlify_headers.headers_for(rules, path)
        assert found["Content-Type"] == "text/calendar; charset=utf-8", path
    vcard = netlify_headers.headers_for(rules, "/kontakter/anna.vcf")
    assert vcard["Content-Type"] == "text/vcard; charset=utf-8"
    apache = sample_build.text(".htaccess")
    for line in ("AddType text/calendar .ics", "AddCharset utf-8 .ics", "AddType text/vcard .vcf"):
        assert line in apache.splitlines()
    assert '    Header set Cache-Control "public, max-age=31536000, immutable"' in apache


def test_hashed_names_follow_the_content():
    first = assets.hashed_name("css/site.css", b"a { color: red }")
    assert re.fullmatch(r"css/site\.[0-9a-f]{10}\.css", first)
    assert assets.hashed_name("css/site.css", b"a { color: red }") == first
    assert assets.hashed_name("css/site.css", b"a { color: blue }") != first


def test_every_theme_file_has_a_hashed_name_and_every_page_finds_its_files(sample_build):
    theme = sample_build.output / "theme"
    names = [p.relative_to(theme).as_posix() for p in theme.rglob("*") if p.is_file()]
    sources = sorted(
        p.relative_to(ROOT / "theme/static").as_posix()
        for p in (ROOT / "theme/static").rglob("*")
        if p.is_file()
    )
    assert len(names) == len(sources) and all(HASHED.search(n) for n in names), names
    referenced = set()
    for page in sample_build.output.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src", "data-src"):
                value = tag.get(attribute)
                if isinstance(value, str) and value.startswith("/theme/"):
                    referenced.add(value)
    assert referenced, "no page refers to a theme file"
    for address in sorted(referenced):
        assert (sample_build.output / address.lstrip("/")).is_file(), address
    assert len(referenced) == len(sources)  # each theme file is used, by its hashed name


# A theme file referring to another by a relative path would miss its hashed
# name (assets.py): ES module imports and CSS url()/@import.
RELATIVE_REFERENCE = re.compile(
    r"""(?:\bimport\b[^'"`;]*?|\bimport\s*\(\s*|\bfrom\s*)['"`](?:\.{1,2}/|/)"""
    r"""|url\(\s*['"]?(?!data:|https:)|@import""",
)


def test_theme_files_do_not_refer_to_each_other_by_path():
    for path in sorted((ROOT / "theme/static").rglob("*")):
        if path.suffix in (".mjs", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            found = RELATIVE_REFERENCE.search(text)
            assert not found, f"{path.name}: {found[0]!r} (pass the hashed name from a template)"


def test_the_reference_check_finds_what_it_looks_for():
    for text in (
        "import { x } from './x.mjs'",
        "import './side.mjs'",
        "const m = await import('../x.mjs')",
        "export { y } from '/theme/js/y.mjs'",
        "a { background: url(../img/x.svg) }",
        "@import 'other.css';",
    ):
        assert RELATIVE_REFERENCE.search(text), text
    for text in ("const important = 1", "a { background: url(data:image/svg+xml,x) }"):
        assert not RELATIVE_REFERENCE.search(text), text
