"""Site-wide pages: the home page, sitemap.xml, robots.txt and 404.html."""

from __future__ import annotations

import logging
import os
from functools import partial
from xml.sax.saxutils import escape

from pelican.generators import Generator
from pelican.writers import FileOverwriteFailedError

from . import urls

logger = logging.getLogger(__name__)


def write_output_file(output_path: str, rel_path: str, data: str | bytes) -> None:
    """Write a non-HTML file (sitemap, .ics, .vcf) into the output, as given:
    text is UTF-8 and its line ends are not translated (iCalendar and vCard
    need CRLF)."""
    path = os.path.join(output_path, rel_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def freeze_addresses(generator) -> None:
    """Pelican works out an article's or page's url and save_as from the
    settings each time one is read (a copy of the metadata, a relative path,
    a format); the lists, tag pages, feed and sitemap read them thousands of
    times per build. Once Pelican's generator has made its context they
    cannot change, so they are worked out once, as Pelican's own override_*
    attributes (the values are the ones Pelican would compute)."""
    for name in (
        "articles",
        "translations",
        "drafts",
        "drafts_translations",
        "hidden_articles",
        "hidden_translations",
        "pages",
        "hidden_pages",
        "draft_pages",
        "draft_translations",
    ):
        for content in getattr(generator, name, None) or ():
            content.override_url = content.url
            content.override_save_as = content.save_as


def fast_taxonomy_pages(generator) -> None:
    """article_generator_finalized: the article generator's tag, category
    and author pages written by `taxonomy_pages`, not Pelican's methods."""
    generator.generate_tags = partial(taxonomy_pages, generator, "tag", "tags")
    generator.generate_categories = partial(taxonomy_pages, generator, "category", "categories")
    generator.generate_authors = partial(taxonomy_pages, generator, "author", "authors")


def taxonomy_pages(generator, kind: str, attribute: str, write) -> None:
    """Pelican's generate_tags, generate_categories and generate_authors
    (pelican/generators.py, 4.12) in one, with the same pages and context.
    Pelican finds each one's `dates` as `[a for a in self.dates if a in
    articles]`: the number of articles times the list's length, for every
    tag and author (seconds at 5,000 articles, in every build). Here the
    same list (each of its articles once, in the order of `dates`) is
    sorted from the tag's own articles. Nothing is worked out for an entry
    without a page (AUTHOR_SAVE_AS and CATEGORY_SAVE_AS are empty: the
    writer writes nothing for an empty name)."""
    template = generator.get_template(kind)
    entries = getattr(generator, attribute)
    order = {id(article): number for number, article in enumerate(generator.dates)}
    for entry, articles in entries.items() if isinstance(entries, dict) else entries:
        if not entry.save_as:
            continue
        members = {id(a): a for a in articles if id(a) in order}
        dates = sorted(members.values(), key=lambda a: order[id(a)])
        try:
            write(
                entry.save_as,
                template,
                generator.context,
                url=entry.url,
                **{kind: entry},
                articles=articles,
                dates=dates,
                template_name=kind,
                blog=True,
                page_name=entry.page_name,
                all_articles=generator.articles,
            )
        except FileOverwriteFailedError:
            name = kind.capitalize()
            if entry.slug:
                logger.error(f'Failed to write {name} page for "%s".', entry)
                raise
            logger.info(
                f'{name} "%s" has an invalid slug; skipping writing {kind} page...',
                entry,
                extra={"limit_msg": f"Further {attribute} with invalid slugs."},
            )


def add_sitemap_entry(context: dict, url: str, lastmod=None) -> None:
    """Generators call this in generate_context for every page they write."""
    context.setdefault("sitemap_entries", []).append((url, lastmod))


class SiteGenerator(Generator):
    """Writes the pages that belong to the whole site rather than one file."""

    def generate_context(self) -> None:
        context = self.context
        for article in context.get("articles", []):
            lastmod = getattr(article, "modified", None) or article.date
            add_sitemap_entry(context, article.url, lastmod)
        for page in context.get("pages", []):
            add_sitemap_entry(context, page.url)
        for tag, _articles in context.get("tags", []):
            add_sitemap_entry(context, tag.url)
        add_sitemap_entry(context, urls.HOME)
        add_sitemap_entry(context, urls.NEWS_LIST)
        per_page = self.settings["DEFAULT_PAGINATION"]
        pages = -(-len(context.get("articles", [])) // per_page)
        for number in range(2, pages + 1):
            add_sitemap_entry(context, urls.news_page_url(number))

    def generate_output(self, writer) -> None:
        articles = self.context.get("articles", [])
        writer.write_file(
            urls.save_as(urls.HOME),
            self.get_template("home"),
            self.context,
            latest_articles=articles[: self.settings.get("HOME_NEWS_COUNT", 4)],
            page_name="index",
            url=urls.HOME,
        )
        writer.write_file(
            urls.NOT_FOUND, self.get_template("404"), self.context, url=urls.NOT_FOUND
        )
        write_output_file(self.output_path, urls.SITEMAP, self._sitemap())
        write_output_file(
            self.output_path,
            urls.ROBOTS,
            f"User-agent: *\nAllow: /\n\nSitemap: {self.settings['PUBLIC_URL']}/{urls.SITEMAP}\n",
        )

    def _sitemap(self) -> str:
        base = self.settings["PUBLIC_URL"]
        entries = sorted(set(self.context.get("sitemap_entries", [])), key=lambda e: e[0])
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for url, lastmod in entries:
            lines.append(
                f"  <url><loc>{escape(f'{base}/{url}')}</loc>"
                + (f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod else "")
                + "</url>"
            )
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"
