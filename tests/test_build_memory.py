"""What the build keeps in memory until its pages are rendered (issue 12:
peak memory at 5,000 articles), and what the writer tells the search step.

The build process holds every recorded page until SiteWriter.flush, and
each worker forked then starts with all of it: a page must not hold a copy
of the generator's context of its own, a rendered document not its
Markdown too, and a rendered page not Pelican's memo of its article's
content.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tracemalloc
from pathlib import Path

import jinja2
from eduweb import content_cache, search_index
from eduweb.writer import SiteWriter
from pelican.contents import Article, Content
from pelican.settings import DEFAULT_CONFIG
from test_content_cache import make_site, scan, settings_for


def site_writer(tmp_path: Path, workers: int = 1) -> SiteWriter:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["BUILD_WORKERS"] = workers
    return SiteWriter(str(tmp_path / "out"), settings)


def test_pages_recorded_with_an_unchanged_context_share_one_copy(tmp_path: Path):
    writer = site_writer(tmp_path)
    template = jinja2.Template("{{ page_name }} {{ SITENAME }}")
    context = {f"name{number}": object() for number in range(2000)}
    context["SITENAME"] = "Webbplats"
    writer.write_file("a.html", template, context, page_name="a")
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(200):
            writer.write_file(f"p{number}.html", template, context, page_name=f"p{number}")
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # A copy of this context is some 100 kB: 200 of them, 20 MB.
    assert grown < 2_000_000, grown
    jobs = list(writer.jobs.values())
    assert len({id(job.shared) for job in jobs}) == 1


def test_a_page_sees_the_context_as_it_was_when_recorded(tmp_path: Path):
    """As Pelican's own copy: names added or rebound afterwards are not
    seen, the page's own names are set over the context's, in order."""
    writer = site_writer(tmp_path)
    template = jinja2.Template("{{ SITENAME }}/{{ extra }}/{{ output_file }}")
    context = {"SITENAME": "Första", "localsiteurl": "x", "output_file": "old"}
    writer.write_file("a.html", template, context, extra=1)
    writer.write_file("b.html", template, context, extra=2)
    context["SITENAME"] = "Andra"
    writer.write_file("c.html", template, context, extra=3)
    context["added"] = True
    writer.write_file("d.html", template, context, extra=4)
    jobs = {job.name[0]: job for job in writer.jobs.values()}
    assert [jobs[name].render() for name in "abcd"] == [
        "Första/1/a.html",
        "Första/2/b.html",
        "Andra/3/c.html",
        "Andra/4/d.html",
    ]
    assert list(jobs["a"].localcontext.items()) == [
        ("SITENAME", "Första"),
        ("localsiteurl", "x"),
        ("output_file", "a.html"),
        ("extra", 1),
    ]
    assert "added" not in jobs["c"].localcontext
    assert jobs["d"].localcontext["added"] is True
    assert jobs["a"].shared is jobs["b"].shared
    assert jobs["b"].shared is not jobs["c"].shared


def test_a_rendered_page_does_not_keep_its_articles_content(tmp_path: Path):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    article = Article(
        "<p>Brödtext</p>",
        metadata={"title": "Rubrik", "date": dt.datetime(2024, 6, 3)},
        settings=settings,
    )
    writer = site_writer(tmp_path)
    writer.write_file("a.html", jinja2.Template("{{ article.content }}"), {}, article=article)
    (job,) = writer.jobs.values()
    assert job.render() == "<p>Brödtext</p>"
    assert not [key for key in Content.get_content.cache if key[0] is article]


def test_a_rendered_document_keeps_no_markdown(tmp_path: Path):
    """The build needs a body's HTML only, read now or from the cache."""
    content = make_site(tmp_path, count=6)
    settings = settings_for(content, cache=tmp_path / "cache")
    for _ in range(2):
        content_cache._MEMORY.clear()
        documents = [d for d in scan(settings).documents.values() if d.kind != "contact"]
        assert len(documents) == 6
        assert all(doc.body is None and doc.html for doc in documents)


def test_the_writer_tells_which_pages_carry_the_search_mark(tmp_path: Path):
    for workers in (1, 2):
        writer = site_writer(tmp_path / str(workers), workers)
        marked = jinja2.Template("<main data-pagefind-body>{{ page_name }}</main>")
        plain = jinja2.Template("<main>{{ page_name }}</main>")
        for number in range(40):
            template = marked if number % 3 else plain
            writer.write_file(f"p/{number}/index.html", template, {}, page_name=str(number))
        writer.flush()
        assert len(writer.marked) == 40
        for path, found in writer.marked.items():
            with open(path, "rb") as handle:
                assert found == (search_index.MARK in handle.read()), path


def test_the_search_step_reads_only_the_pages_it_was_not_told_are_unmarked(tmp_path: Path):
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_bytes(b"<main data-pagefind-body>")
    (tmp_path / "d.html").write_bytes(b"<p>")
    told = {
        os.path.join(str(tmp_path), "a", "index.html"): True,
        # Not what the file says: the search step follows what it was told.
        os.path.join(str(tmp_path), "b", "index.html"): False,
    }

    def found(marked):
        return [rel for rel, _ in search_index.marked_pages(str(tmp_path), marked)]

    assert found(None) == ["a/index.html", "b/index.html", "c/index.html"]
    assert found(told) == ["a/index.html", "c/index.html"]
