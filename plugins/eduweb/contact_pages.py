"""The contacts page /kontakt/ and a vCard per contact (issue 4). The cards
themselves are contacts.py.

Templates reach the contacts through `contact_directory` (a ContactDirectory)
in the shared context; components/contact_card.html renders from it.
"""

from __future__ import annotations

import functools
import mimetypes

from pelican.generators import Generator

from . import urls
from .contacts import ContactDirectory, contact_card, contact_vcard
from .generators import add_sitemap_entry

# The hosts are told to send these types by host_files.py.
from .urls import CALENDAR_MEDIA_TYPE, VCARD_MEDIA_TYPE


def register_media_types() -> None:
    """The preview server (`invoke serve`, eduweb.preview) and Pelican's
    --listen type files with Python's mimetypes, which knows .vcf and .ics
    only where the system's mime.types lists them."""
    mimetypes.add_type(VCARD_MEDIA_TYPE, ".vcf")
    mimetypes.add_type(CALENDAR_MEDIA_TYPE, ".ics")


class ContactsGenerator(Generator):
    """Writes /kontakt/ and /kontakter/<id>.vcf."""

    def generate_context(self) -> None:
        index = self.settings["_EDUWEB_INDEX"]
        cards = [contact_card(cid, doc.meta) for cid, doc in index.contacts.items()]
        self.directory = ContactDirectory(cards, self.settings["PUBLIC_URL"])
        # Shared with every template: articles and programme pages show cards.
        self.context["contact_directory"] = self.directory
        add_sitemap_entry(self.context, urls.CONTACTS_PAGE)

    def generate_output(self, writer) -> None:
        writer.write_file(
            urls.save_as(urls.CONTACTS_PAGE),
            self.get_template("contacts"),
            self.context,
            url=urls.CONTACTS_PAGE,
            contact_groups=self.directory.by_organization(),
        )
        public_url = self.settings["PUBLIC_URL"]
        for card in self.directory:
            writer.write_data(card.vcard_url, functools.partial(contact_vcard, card, public_url))
