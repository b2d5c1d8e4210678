"""Cookie consent: configuration, banner data and the cookie page (issue 5)."""

from __future__ import annotations

from pelican.generators import Generator


class ConsentGenerator(Generator):
    """Writes /cookies/ from the consent configuration."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        pass
