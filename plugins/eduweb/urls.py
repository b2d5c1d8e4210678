"""Every address the site has, in one place (no leading slash).

The content contract (docs/content-model.md, "Addresses") fixes these; the
settings Pelican is given (settings.py), the cross-file checks
(content_index.py), the reserved page slugs and the templates (the `urls`
Jinja global) all take them from here. tests/test_urls.py holds this module
to the table in the contract and to the files of a built site.
"""

from __future__ import annotations

import datetime as dt

HOME = ""
NEWS_LIST = "nyheter/"
NEWS_FEED = "nyheter/atom.xml"
PROGRAMME_LIST = "utbildningar/"
CALENDAR = "kalender/"
CALENDAR_ICS = "kalender.ics"
# The site calendar as open data (docs/kalender.schema.json).
CALENDAR_JSON = "kalender.json"
# The media types the hosts are told to send (host_files.py) and the preview uses.
VCARD_MEDIA_TYPE = "text/vcard; charset=utf-8"
CALENDAR_MEDIA_TYPE = "text/calendar; charset=utf-8"
CONTACTS_PAGE = "kontakt/"
COOKIES_PAGE = "cookies/"
# Generated from settings (statements.py).
ACCESSIBILITY_PAGE = "tillganglighet/"
PRIVACY_PAGE = "personuppgifter/"
# The search page and the search index Pagefind writes (search_index.py).
SEARCH_PAGE = "sok/"
SEARCH_BUNDLE = "pagefind/"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
# Folders of files copied as they are: the theme's (Pelican's THEME_STATIC_DIR)
# and the writers' pictures (STATIC_PATHS).
THEME_STATIC = "theme/"
IMAGES = "images/"
# Resized copies of the pictures, named by their content's hash (pictures.py).
PICTURES = "bilder/"
# The web editor (cms_admin.py), written only when the CMS setting is set;
# no page of the site and not in the sitemap, but its address is reserved.
ADMIN = "admin/"

# Pelican's address patterns; Pelican fills them in (settings.py).
ARTICLE_PATTERN = NEWS_LIST + "{date:%Y}/{slug}/"
TAG_PATTERN = NEWS_LIST + "amne/{slug}/"
PAGE_PATTERN = "{slug}/"
# Page 2, 3, … of a paginated list; {base_name} is the list's folder.
LIST_PAGE_PATTERN = "{base_name}/sida/{number}/"

PROGRAMME_FOLDER = PROGRAMME_LIST
VCARD_FOLDER = "kontakter/"
ICS_NAME = "kalender.ics"


def article_url(year: int, slug: str) -> str:
    return ARTICLE_PATTERN.format(date=dt.date(year, 1, 1), slug=slug)


def tag_url(slug: str) -> str:
    return TAG_PATTERN.format(slug=slug)


def page_url(slug: str) -> str:
    return PAGE_PATTERN.format(slug=slug)


def news_page_url(number: int) -> str:
    """Page 2, 3, … of the news list (page 1 is NEWS_LIST)."""
    if number == 1:
        return NEWS_LIST
    return LIST_PAGE_PATTERN.format(base_name=NEWS_LIST.rstrip("/"), number=number)


def programme_url(slug: str) -> str:
    return f"{PROGRAMME_FOLDER}{slug}/"


def programme_ics_url(slug: str) -> str:
    return programme_url(slug) + ICS_NAME


def calendar_programme_url(slug: str) -> str:
    """The site calendar filtered to one programme's sessions."""
    return f"{CALENDAR}utbildning/{slug}/"


def calendar_month_url(year_month: str) -> str:
    """The site calendar filtered to one month ('2027-09')."""
    return f"{CALENDAR}manad/{year_month}/"


def vcard_url(contact_id: str) -> str:
    return f"{VCARD_FOLDER}{contact_id}.vcf"


def content_url(kind: str, slug: str, year: int | None = None) -> str:
    """The address of a content file of `kind` (content_index's kinds: news,
    page, programme, contact); `year` is a news article's."""
    if kind == "news":
        return article_url(year, slug)
    if kind == "page":
        return page_url(slug)
    if kind == "programme":
        return programme_url(slug)
    return vcard_url(slug)


def contact_url(contact_id: str) -> str:
    """A contact's card on the contacts page."""
    return f"{CONTACTS_PAGE}#{contact_id}"


def save_as(url: str) -> str:
    """The output file of an address: folders get an index.html."""
    return url + "index.html" if url.endswith("/") or url == "" else url


def fixed_addresses() -> list[str]:
    """Every address the site makes itself, with a sample for each pattern."""
    sample = "x"
    return [
        HOME,
        NEWS_LIST,
        news_page_url(2),
        NEWS_FEED,
        article_url(2000, sample),
        tag_url(sample),
        PROGRAMME_LIST,
        programme_url(sample),
        programme_ics_url(sample),
        CALENDAR,
        calendar_programme_url(sample),
        calendar_month_url("2000-01"),
        CALENDAR_ICS,
        CALENDAR_JSON,
        CONTACTS_PAGE,
        vcard_url(sample),
        COOKIES_PAGE,
        ACCESSIBILITY_PAGE,
        PRIVACY_PAGE,
        SEARCH_PAGE,
        SEARCH_BUNDLE,
        SITEMAP,
        ROBOTS,
        NOT_FOUND,
        THEME_STATIC,
        IMAGES,
        PICTURES,
        ADMIN,
    ]


def reserved_slugs() -> frozenset[str]:
    """First path segments of the site's own addresses (a file's name without
    its extension), which a page's slug may not take."""
    firsts = (address.split("/", 1)[0] for address in fixed_addresses())
    return frozenset(first.split(".", 1)[0] for first in firsts if first)


# Files that tell a host how to serve the site (host_files.py); they are not
# pages, but no alias may take their names.
HOST_REDIRECTS = "_redirects"
HOST_HEADERS = "_headers"
HTACCESS = ".htaccess"
# Folders whose every address belongs to the site: files copied as they are,
# contacts' vCards, the calendar's pages per programme and month, and the news
# list's pages 2, 3, …, whose number shifts as news are added and removed.
# The web editor's folder is reserved whether or not the CMS setting is set,
# so that turning the editor on never collides with a page or an alias.
_RESERVED_FOLDERS = (
    THEME_STATIC,
    IMAGES,
    PICTURES,
    ADMIN,
    VCARD_FOLDER,
    SEARCH_BUNDLE,
    CALENDAR,
    news_page_url(2).rsplit("2/", 1)[0],
)


# Addresses the site always has, or files it always writes.
_RESERVED_ADDRESSES = frozenset(
    {
        HOME,
        NEWS_LIST,
        NEWS_FEED,
        PROGRAMME_LIST,
        CALENDAR,
        CALENDAR_ICS,
        CALENDAR_JSON,
        CONTACTS_PAGE,
        COOKIES_PAGE,
        ACCESSIBILITY_PAGE,
        PRIVACY_PAGE,
        SEARCH_PAGE,
        SITEMAP,
        ROBOTS,
        NOT_FOUND,
        HOST_REDIRECTS,
        HOST_HEADERS,
        HTACCESS,
    }
)


def is_reserved_address(address: str) -> bool:
    """Whether `address` (no leading slash) is one the site makes itself,
    whatever the content: an old address (an alias) may not take it."""
    # The folder address _redirects/ would need a folder where the file is.
    file = address.removesuffix("/")
    return (
        address in _RESERVED_ADDRESSES
        or file in _RESERVED_ADDRESSES
        or address.startswith(_RESERVED_FOLDERS)
    )


def is_news_list_page(address: str) -> bool:
    """Page 2, 3, … of the news list: these come and go with the news, so
    they are not addresses that must keep working."""
    prefix = news_page_url(2).rsplit("2/", 1)[0]
    number = address.removeprefix(prefix).removesuffix("/")
    return address.startswith(prefix) and address.endswith("/") and number.isdecimal()
