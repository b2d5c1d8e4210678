"""Pelican's writer, with feeds that use the site's public address."""

from __future__ import annotations

import html

from pelican.writers import Writer


class SiteWriter(Writer):
    """Links in the site are root-relative (SITEURL is empty), but a feed
    is read outside the site and needs absolute addresses."""

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        context = dict(context, SITEURL=self.settings["PUBLIC_URL"])
        return super().write_feed(
            elements, context, path, url, feed_type, override_output, feed_title
        )

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        # Atom wants an author; the organisation stands for articles without a byline.
        feed.feed["author_name"] = self.settings.get("ORGANIZATION") or context["SITENAME"]
        feed.feed["language"] = "sv"
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        # Titles and summaries are plain text (pages autoescape them). Pelican
        # takes the title for HTML and strips "tags" from it, so "A < B & C > D"
        # lost words; Atom's <title> is text, so it goes as written.
        entry["title"] = str(item.title)
        # <summary type="html"> is HTML that the XML writer escapes once more:
        # escape the text here so a reader decodes it back to the same text.
        entry["description"] = html.escape(item.summary, quote=False) if item.summary else None
        if not entry.get("author_name"):
            entry["author_name"] = None  # no empty <author>: the feed's author applies
        else:
            entry["author_name"] = str(entry["author_name"])
