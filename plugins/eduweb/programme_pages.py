"""Programme pages, the programme list, the site calendar and .ics files (issue 3)."""

from __future__ import annotations

from pelican.generators import Generator


class ProgrammesGenerator(Generator):
    """Writes /utbildningar/, /utbildningar/<slug>/, /kalender/ and the .ics files."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        pass
