"""urls.py is the one place for addresses: it says what the contract's table
says, the built site's files are there, and page slugs stay clear of them."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Site, article
from eduweb import urls
from eduweb.content_index import RESERVED_SLUGS, scan
from eduweb.dates import site_timezone


def contract_table() -> dict[str, list[str]]:
    """The Addresses table of docs/content-model.md: what -> its addresses."""
    text = (ROOT / "docs/content-model.md").read_text(encoding="utf-8")
    section = text.split("\n## Addresses\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and "`" in cells[1]:
            rows[cells[0]] = re.findall(r"`([^`]+)`", cells[1])
    return rows


def year_of(address: str) -> str:
    return address.replace("2024", "<year>")


# What urls.py makes of each row; placeholders as the table writes them.
CODE = {
    "home": [urls.HOME],
    "news list (paginated)": [urls.NEWS_LIST, urls.news_page_url(2)],
    "news article": [year_of(urls.article_url(2024, "<slug>"))],
    "news by tag": [urls.tag_url("<tag-slug>")],
    "news feed (Atom)": [urls.NEWS_FEED],
    "programme list": [urls.PROGRAMME_LIST],
    "programme": [urls.programme_url("<slug>")],
    "programme calendar file": [urls.programme_ics_url("<slug>")],
    "site calendar": [urls.CALENDAR, urls.CALENDAR_ICS],
    "site calendar, one programme": [urls.calendar_programme_url("<slug>")],
    "site calendar, one month": [urls.calendar_month_url("<yyyy-mm>")],
    "site calendar as open data": [urls.CALENDAR_JSON],
    "contacts page": [urls.CONTACTS_PAGE, urls.contact_url("<id>")],
    "contact vCard": [urls.vcard_url("<id>")],
    "cookie page": [urls.COOKIES_PAGE],
    "accessibility statement": [urls.ACCESSIBILITY_PAGE],
    "privacy notice": [urls.PRIVACY_PAGE],
    "search page": [urls.SEARCH_PAGE],
    "search index (Pagefind)": [urls.SEARCH_BUNDLE + "…"],
    "page": [urls.page_url("<slug>")],
    "sitemap": [urls.SITEMAP],
    "robots": [urls.ROBOTS],
    "page not found": [urls.NOT_FOUND],
    "theme files (CSS, scripts, icons)": [urls.THEME_STATIC + "…"],
    "pictures": [urls.IMAGES + "…"],
    "resized pictures": [urls.PICTURES + "…"],
    "web editor (only with the `CMS` setting; not in the sitemap, `noindex`)": [urls.ADMIN],
}


def test_every_address_in_urls_is_the_contracts():
    expected = {what: ["/" + a for a in addresses] for what, addresses in CODE.items()}
    assert contract_table() == expected


def as_regex(address: str) -> re.Pattern:
    parts = re.split(r"(<[^>]+>|…)", address)
    wild = {"…": ".+"}
    return re.compile(
        "".join("[^/#]+" if p.startswith("<") else wild.get(p) or re.escape(p) for p in parts)
    )


def test_every_address_the_site_makes_is_in_the_contract():
    patterns = [as_regex(a) for addresses in contract_table().values() for a in addresses]
    for address in urls.fixed_addresses():
        assert any(p.fullmatch("/" + address) for p in patterns), address


def test_the_built_site_has_its_files_at_those_addresses(tmp_path):
    site = Site(tmp_path / "site", with_sample=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write("\nNEWS_PER_PAGE = 3\n")  # so the news list has a page 2
        # and the web editor at /admin/
        conf.write('CMS = {"backend": "github", "repo": "a/b", "base_url": "https://x.se"}\n')
    build = site.build()
    assert build.returncode == 0, build.stderr
    for what, addresses in contract_table().items():
        for address in addresses:
            if "#" in address:
                continue
            glob = re.sub(r"<[^>]+>|…", "*", address.lstrip("/"))
            glob = urls.save_as(glob)
            assert list(build.output.glob(glob)), f"{what}: nothing at {glob}"


def test_page_slugs_stay_clear_of_every_first_path_segment(tmp_path):
    firsts = {
        a.lstrip("/").split("/")[0].split(".")[0]
        for addresses in contract_table().values()
        for a in addresses
    } - {"", "<slug>"}
    assert firsts == RESERVED_SLUGS
    site = Site(tmp_path / "site")
    for slug in sorted(firsts):
        site.write(f"pages/{slug}.md", f"---\ntitle: Sida\nslug: '{slug}'\n---\n\nText.\n")
    site.write("news/a.md", article())
    settings = {"PATH": str(site.root / "content"), "_eduweb_tz": site_timezone("Europe/Stockholm")}
    # The statements' addresses say which setting builds them (test_statements.py).
    reserved = ("the site makes itself", "is built from the setting")
    errors = [e for e in scan(settings).errors if any(r in e.message for r in reserved)]
    assert sorted(e.path for e in errors) == sorted(f"content/pages/{s}.md" for s in firsts)


@pytest.mark.parametrize(
    ("number", "address"), [(1, "nyheter/"), (2, "nyheter/sida/2/"), (12, "nyheter/sida/12/")]
)
def test_news_list_pages(number, address):
    assert urls.news_page_url(number) == address


def blank(match: re.Match) -> str:
    """A Jinja comment as the empty lines it spans, so line numbers stay."""
    return "\n" * match[0].count("\n")


def test_templates_take_addresses_from_urls():
    segments = "|".join(sorted(re.escape(s) for s in RESERVED_SLUGS))
    written = re.compile(rf"""["'/]({segments})[/.]""")
    for path in sorted((ROOT / "theme/templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", blank, path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for number, line in enumerate(text.splitlines(), 1):
            assert not written.search(line), f"{path.name}:{number}: {line.strip()}"
