"""The article generator's tag, category and author pages, without Pelican's
scan of every article for each of them (generators.py stays free of
pelican.writers: the feature modules import it)."""

from __future__ import annotations

import logging
from functools import partial

from pelican.writers import FileOverwriteFailedError

logger = logging.getLogger(__name__)


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
