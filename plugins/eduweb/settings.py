"""Settings the content contract fixes, and checks of the site's own settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pelican.paginator import PaginationRule

from . import urls
from .dates import site_timezone
from .slugs import SLUG_SUBSTITUTIONS
from .templating import jinja_environment

if TYPE_CHECKING:
    from .site_settings import SiteSettings

# Addresses and publishing rules from content-model.md. They are applied by
# the plugin, over whatever pelicanconf.py says, so configuration cannot
# break links that readers have bookmarked.
CONTRACT_SETTINGS = {
    "ARTICLE_PATHS": ["news"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_EXCLUDES": [],
    "PAGE_EXCLUDES": [],
    "ARTICLE_URL": urls.ARTICLE_PATTERN,
    "ARTICLE_SAVE_AS": urls.save_as(urls.ARTICLE_PATTERN),
    "PAGE_URL": urls.PAGE_PATTERN,
    "PAGE_SAVE_AS": urls.save_as(urls.PAGE_PATTERN),
    "INDEX_URL": urls.NEWS_LIST,
    "INDEX_SAVE_AS": urls.save_as(urls.NEWS_LIST),
    "TAG_URL": urls.TAG_PATTERN,
    "TAG_SAVE_AS": urls.save_as(urls.TAG_PATTERN),
    "PAGINATION_PATTERNS": [
        PaginationRule(1, "{url}", "{save_as}"),
        PaginationRule(2, urls.LIST_PAGE_PATTERN, urls.save_as(urls.LIST_PAGE_PATTERN)),
    ],
    "THEME_STATIC_DIR": urls.THEME_STATIC.rstrip("/"),
    "PAGINATED_TEMPLATES": {"index": None, "tag": None},
    "DIRECT_TEMPLATES": ["index"],
    # Drafts and scheduled articles are never written anywhere.
    "DRAFT_URL": "",
    "DRAFT_SAVE_AS": "",
    "DRAFT_LANG_URL": "",
    "DRAFT_LANG_SAVE_AS": "",
    "DRAFT_PAGE_URL": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_PAGE_LANG_URL": "",
    "DRAFT_PAGE_LANG_SAVE_AS": "",
    # Scheduling is judged against SOURCE_DATE_EPOCH by the reader instead.
    "WITH_FUTURE_DATES": True,
    # Pages the contract does not have.
    "ARTICLE_LANG_SAVE_AS": "",
    "PAGE_LANG_SAVE_AS": "",
    "CATEGORY_URL": "",
    "CATEGORY_SAVE_AS": "",
    "CATEGORIES_SAVE_AS": "",
    "AUTHOR_URL": "",
    "AUTHOR_SAVE_AS": "",
    "AUTHORS_SAVE_AS": "",
    "TAGS_SAVE_AS": "",
    "ARCHIVES_SAVE_AS": "",
    "YEAR_ARCHIVE_SAVE_AS": "",
    "MONTH_ARCHIVE_SAVE_AS": "",
    "DAY_ARCHIVE_SAVE_AS": "",
    "USE_FOLDER_AS_CATEGORY": False,
    "FILENAME_METADATA": "",
    "ARTICLE_TRANSLATION_ID": None,
    "PAGE_TRANSLATION_ID": None,
    # One feed: the news in Atom.
    "FEED_ALL_ATOM": urls.NEWS_FEED,
    "FEED_ATOM": None,
    "FEED_RSS": None,
    "FEED_ALL_RSS": None,
    "CATEGORY_FEED_ATOM": None,
    "CATEGORY_FEED_RSS": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TAG_FEED_ATOM": None,
    "TAG_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
    "TRANSLATION_FEED_RSS": None,
    "SLUG_REGEX_SUBSTITUTIONS": SLUG_SUBSTITUTIONS,
    "TAG_REGEX_SUBSTITUTIONS": SLUG_SUBSTITUTIONS,
    # Hidden files (.x.md, macOS's ._x.md, editors' .#x.md) are not content;
    # the validation pass skips them too. Pelican's default, "**/.*", is
    # matched against bare file names and so never matches.
    "IGNORE_FILES": [".*"],
    # Other readers are off: news and pages are Markdown with YAML front matter.
    "READERS": {"rst": None, "html": None, "htm": None},
    # Links are root-relative and feeds use PUBLIC_URL; the page writer
    # (writer.py) renders pages without Pelican's relative-URL rewriting.
    "RELATIVE_URLS": False,
}


def news_order(article) -> tuple:
    """Newest first; ties broken by slug so every build orders alike."""
    return (-article.date.timestamp(), article.slug)


def apply_contract(settings: dict, site: SiteSettings) -> None:
    """Apply the contract's settings over the site's checked ones."""
    settings.update(CONTRACT_SETTINGS)
    settings["_eduweb_tz"] = site_timezone(site.TIMEZONE)
    settings["ARTICLE_ORDER_BY"] = news_order
    settings["DEFAULT_PAGINATION"] = site.NEWS_PER_PAGE
    settings["HOME_NEWS_COUNT"] = site.HOME_NEWS_COUNT
    settings["JINJA_ENVIRONMENT"] = jinja_environment(settings.get("JINJA_ENVIRONMENT") or {})
    settings["FEED_DOMAIN"] = site.PUBLIC_URL
