"""The contacts page /kontakt/, a vCard per contact and the hosts' media
type files (issue 4). The cards themselves are contacts.py.

Templates reach the contacts through `contact_directory` (a ContactDirectory)
in the shared context; components/contact_card.html renders from it.
"""

from __future__ import annotations

import mimetypes

from pelican.generators import Generator

from . import urls
from .contacts import ContactDirectory, contact_card, contact_vcard
from .generators import add_sitemap_entry, write_output_file

VCARD_MEDIA_TYPE = "text/vcard; charset=utf-8"

# Static hosts do not all know .vcf; these files tell Apache (.htaccess) and
# Netlify / Cloudflare Pages (_headers) to send vCards as text/vcard in UTF-8.
HOST_FILES = {
    ".htaccess": (
        f"# vCards (/{urls.VCARD_FOLDER}*.vcf) as text/vcard in UTF-8; by the eduweb plugin.\n"
        "AddType text/vcard .vcf\n"
        "AddCharset utf-8 .vcf\n"
    ),
    "_headers": (
        "# vCards as text/vcard in UTF-8 (Netlify, Cloudflare Pages); by the eduweb plugin.\n"
        f"/{urls.VCARD_FOLDER}*\n"
        f"  Content-Type: {VCARD_MEDIA_TYPE}\n"
    ),
}


def register_media_types() -> None:
    """The preview server (`invoke serve`, eduweb.preview) and Pelican's
    --listen type files with Python's mimetypes, which knows .vcf only where
    the system's mime.types lists it."""
    mimetypes.add_type(VCARD_MEDIA_TYPE, ".vcf")


class ContactsGenerator(Generator):
    """Writes /kontakt/, /kontakter/<id>.vcf and the hosts' media type files."""

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
            write_output_file(self.output_path, card.vcard_url, contact_vcard(card, public_url))
        for name, text in HOST_FILES.items():
            write_output_file(self.output_path, name, text)
