"""eduweb: news, programmes and contacts from Markdown + YAML, checked against the contract."""

from pelican import signals

from .build import after_build, before_generators, configure
from .cms_admin import AdminGenerator
from .consent import ConsentGenerator
from .contact_pages import ContactsGenerator, register_media_types
from .generators import SiteGenerator, freeze_addresses
from .host_files import HostFilesGenerator
from .programme_pages import ProgrammesGenerator
from .reader import FrontMatterReader
from .search_index import SearchGenerator
from .statements import StatementsGenerator
from .taxonomy import fast_taxonomy_pages
from .writer import SiteWriter


def _get_generators(pelican):
    before_generators(pelican)
    # SiteGenerator last: its sitemap lists what the others add in generate_context.
    return [
        ProgrammesGenerator,
        ContactsGenerator,
        ConsentGenerator,
        StatementsGenerator,
        SearchGenerator,
        SiteGenerator,
        HostFilesGenerator,
        AdminGenerator,
    ]


def _get_writer(pelican):
    return SiteWriter


def _add_reader(readers):
    readers.reader_classes["md"] = FrontMatterReader


def register():
    # Before --listen serves anything: .vcf files as text/vcard.
    register_media_types()
    # initialized: settings are read but nothing is built yet.
    signals.initialized.connect(configure)
    # get_generators: sent at the start of every build, before Pelican cleans
    # or writes the output folder, so bad content stops the build first.
    signals.get_generators.connect(_get_generators)
    signals.readers_init.connect(_add_reader)
    signals.get_writer.connect(_get_writer)
    signals.article_generator_finalized.connect(freeze_addresses)
    signals.article_generator_finalized.connect(fast_taxonomy_pages)
    signals.page_generator_finalized.connect(freeze_addresses)
    # finalized: every file is written; only now is the output folder replaced.
    signals.finalized.connect(after_build)
