"""Site-wide pages: the home page, sitemap.xml, robots.txt and 404.html."""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

from pelican.generators import Generator

from . import urls


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
