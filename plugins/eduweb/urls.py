"""The site's addresses, as the content contract fixes them (no leading slash).

Article and tag addresses are Pelican's own settings (settings.py)."""

from __future__ import annotations

NEWS_LIST = "nyheter/"
NEWS_FEED = "nyheter/atom.xml"
PROGRAMME_LIST = "utbildningar/"
CALENDAR = "kalender/"
CALENDAR_ICS = "kalender.ics"
CONTACTS_PAGE = "kontakt/"
COOKIES_PAGE = "cookies/"
SITEMAP = "sitemap.xml"


def news_page_url(number: int) -> str:
    """Page 2, 3, … of the news list (page 1 is NEWS_LIST)."""
    return f"nyheter/sida/{number}/"


def tag_url(slug: str) -> str:
    return f"nyheter/amne/{slug}/"


def programme_url(slug: str) -> str:
    return f"utbildningar/{slug}/"


def programme_ics_url(slug: str) -> str:
    return f"utbildningar/{slug}/kalender.ics"


def vcard_url(contact_id: str) -> str:
    return f"kontakter/{contact_id}.vcf"


def page_url(slug: str) -> str:
    return f"{slug}/"


def save_as(url: str) -> str:
    """The output file of an address: folders get an index.html."""
    return url + "index.html" if url.endswith("/") or url == "" else url
