"""Contact cards data, vCards and the contacts page (issue 4)."""

from __future__ import annotations

from pelican.generators import Generator


class ContactsGenerator(Generator):
    """Writes /kontakt/ and /kontakter/<id>.vcf."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        pass
