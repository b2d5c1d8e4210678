"""Tags that fold to one address are an error naming both places (issue 8, section 4)."""

from __future__ import annotations

import pytest
from conftest import Site, article
from eduweb.content_index import scan
from eduweb.dates import site_timezone


def scan_errors(site: Site) -> list[str]:
    settings = {"PATH": str(site.root / "content"), "_eduweb_tz": site_timezone("Europe/Stockholm")}
    return [str(e) for e in scan(settings).errors]


def tags(*names: str) -> str:
    return "\n" + "\n".join(f"  - {name!r}" for name in names)


# An article's front matter: line 1 ---, 2 title, 3 date, 4 tags:, 5 first tag.
@pytest.mark.parametrize(
    ("one", "other", "slug"),
    [
        ("C++", "C", "c"),
        ("Ö", "o", "o"),
        ("AI", "Ai", "ai"),
        ("Skola & IT", "skola-it", "skola-it"),
    ],
)
def test_tags_that_fold_together_in_two_files_name_both(site, one, other, slug):
    site.write("news/a.md", article(tags=tags("Skola", one)))
    site.write("news/b.md", article(tags=tags(other)))
    assert scan_errors(site) == [
        f"content/news/b.md:5: tags[0]: {other!r} gets the same address /nyheter/amne/{slug}/ "
        f"as {one!r} in content/news/a.md:6 (write the tag the same way in both files, or "
        "choose names that differ in letters or digits)"
    ]


def test_one_file_listing_two_tags_that_fold_together(site):
    site.write("news/a.md", article(tags=tags("C", "Skola", "C++")))
    assert scan_errors(site) == [
        "content/news/a.md:7: tags[2]: 'C++' and 'C' (line 5) get the same address "
        "/nyheter/amne/c/ (keep one of them)"
    ]


def test_the_same_tag_in_many_files_is_fine(site):
    for name in "abcde":
        site.write(f"news/{name}.md", article(tags=tags("Digitalisering", "AI")))
    site.write("news/f.md", article(tags=tags("AI", "AI")))
    assert scan_errors(site) == []


def test_a_draft_does_not_clash_with_published_news(site):
    site.write("news/a.md", article(tags=tags("C++")))
    site.write("news/b.md", article(tags=tags("C"), status="draft"))
    assert scan_errors(site) == []


def test_a_tag_without_letters_or_digits_has_no_address(site):
    site.write("news/a.md", article(tags=tags("Skola", "!?")))
    assert scan_errors(site) == [
        "content/news/a.md:6: tags[1]: '!?' has no letters or digits, so its tag page would "
        "have no address (write a word, e.g. Digitalisering)"
    ]


class _Entry:
    """A tag, category or author as the page writers read it."""

    def __init__(self, name: str, save_as: str) -> None:
        self.name, self.slug, self.save_as = name, name, save_as
        self.url, self.page_name = save_as, name

    def __lt__(self, other: _Entry) -> bool:
        return self.name < other.name


class _Generator:
    """What Pelican's generate_tags, generate_categories and generate_authors
    read of an ArticlesGenerator."""

    def __init__(self) -> None:
        self.articles = [object() for _ in range(6)]
        a = self.articles
        self.dates = [a[3], a[0], a[5], a[1], a[4], a[2]]
        self.context = {"SITENAME": "x"}
        # Listed in another order than `dates`, one article twice, one tag
        # without articles on the page list.
        self.tags = {_Entry("t1", "t1/index.html"): [a[0], a[1], a[2], a[1]]}
        self.tags[_Entry("t2", "t2/index.html")] = [a[5], a[3]]
        self.categories = [(_Entry("c", "c/index.html"), list(a))]
        self.authors = [(_Entry("au", ""), [a[4], a[0]])]

    def get_template(self, name: str) -> str:
        return f"template:{name}"


def test_tag_category_and_author_pages_are_pelicans():
    """taxonomy.taxonomy_pages asks for the pages Pelican's own methods
    ask for, with the same context (the `dates` of each, in order)."""
    from eduweb.taxonomy import fast_taxonomy_pages
    from pelican.generators import ArticlesGenerator

    def recorder(calls):
        return lambda name, template, context, **kwargs: calls.append(
            (name, template, context, kwargs) if name else ("(nothing)",)
        )

    for pelican_method in ("generate_tags", "generate_categories", "generate_authors"):
        generator = _Generator()
        expected, got = [], []
        getattr(ArticlesGenerator, pelican_method)(generator, recorder(expected))
        fast_taxonomy_pages(generator)
        getattr(generator, pelican_method)(recorder(got))
        assert got == [call for call in expected if call != ("(nothing)",)]
