"""The preview's incremental rebuilds (plugins/eduweb/incremental.py): after
an edit to a news article only what it affects is rendered, and the site
served is, byte for byte, the one a full build makes; anything else makes a
full build."""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import SAMPLE_EPOCH, Site, file_bytes
from eduweb.incremental import Digest, changed_files, fast_path_allowed, template_names
from eduweb.preview import Builder

NEWS = "content/news/2025/att-leda-digital-omstallning-har-startat.md"
ARTICLE_PAGE = "nyheter/2025/att-leda-digital-omstallning-har-startat/index.html"


def folders(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_dir()}


def assert_same_as_full_build(site: Site, builder: Builder, tmp: Path) -> None:
    """The served site, once its search index is in place, is the one a
    fresh full build of the same content makes."""
    assert builder.wait_for_search()
    reference = tmp / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    result = site.build(output=reference)
    assert result.returncode == 0, result.stderr
    served, built = file_bytes(site.output), file_bytes(reference)
    assert sorted(served) == sorted(built)
    differing = [name for name in built if served[name] != built[name]]
    assert differing == []
    assert folders(site.output) == folders(reference)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A sample site, served by a build process that stays (module-wide: a
    full build is the slow part)."""
    tmp = tmp_path_factory.mktemp("incremental")
    site = Site(tmp / "site", with_sample=True)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(SAMPLE_EPOCH)
    builder = Builder(site.root, "pelicanconf.py", site.output)
    try:
        assert builder.build() == (True, [])
        assert builder.last["full"]
        yield site, builder, tmp
    finally:
        builder.stop()
        builder.close_server()
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def incremental_build(builder: Builder) -> None:
    assert builder.build() == (True, [])
    assert builder.last["full"] is False, builder.last


def test_title_change_shows_everywhere_and_equals_a_full_build(session):
    site, builder, tmp = session
    path = site.root / NEWS
    edit(path, "title: ", "title: Nyrubrik ")
    incremental_build(builder)
    # Not every page: the article, the lists, tags, the home page …
    assert 0 < builder.last["rendered"] < 40
    assert "Nyrubrik" in (site.output / ARTICLE_PAGE).read_text(encoding="utf-8")
    assert "Nyrubrik" in (site.output / "nyheter/index.html").read_text(encoding="utf-8")
    assert "Nyrubrik" in (site.output / "nyheter/atom.xml").read_text(encoding="utf-8")
    tag_pages = [
        p for p in (site.output / "nyheter/amne").rglob("index.html") if "Nyrubrik" in p.read_text()
    ]
    assert tag_pages
    assert_same_as_full_build(site, builder, tmp)


@contextlib.contextmanager
def first_pages(builder: Builder, site: Site, *watched: str):
    """What the build process says of each page it shows first, with the
    bytes of the `watched` output files at that moment."""
    seen: list[tuple[dict, dict[str, bytes]]] = []

    def record(info: dict) -> None:
        seen.append((info, {name: (site.output / name).read_bytes() for name in watched}))

    builder.on_first_page = record
    try:
        yield seen
    finally:
        builder.on_first_page = None


def test_the_edited_page_is_served_first_with_the_bytes_the_build_gives_it(session):
    site, builder, tmp = session
    lists = "nyheter/index.html"
    with first_pages(builder, site, ARTICLE_PAGE, lists) as seen:
        edit(site.root / NEWS, "title: ", "title: Förhandsvisad ")
        incremental_build(builder)
    assert [info["page"] for info, _ in seen] == [ARTICLE_PAGE]
    (info, early), result = seen[0], builder.last
    assert 0 < info["seconds"] == result["first_page"] <= result["seconds"]
    # In place before the build went on: the list page still had the old title.
    assert "Förhandsvisad" in early[ARTICLE_PAGE].decode()
    assert "Förhandsvisad" not in early[lists].decode()
    assert "Förhandsvisad" in (site.output / lists).read_text(encoding="utf-8")
    # The build made the page again, with the same bytes: it did not replace it.
    assert early[ARTICLE_PAGE] == (site.output / ARTICLE_PAGE).read_bytes()
    assert lists in result["changed"] and ARTICLE_PAGE not in result["changed"]
    assert_same_as_full_build(site, builder, tmp)


@pytest.mark.parametrize(
    "fields",
    [
        "slug: en-annan-adress",  # the page moves
        "status: draft",  # the page goes
        "date: 2024-13-03",  # a mistake: the build says what is wrong
        "image: images/ledare-i-mote.svg\nimage_alt: Två ledare",  # a picture not made
    ],
)
def test_the_edited_page_waits_for_the_build_when_more_than_its_text_changed(session, fields):
    site, builder, tmp = session
    path = site.root / NEWS
    text = path.read_text(encoding="utf-8")
    keys = [line.split(":")[0] + ":" for line in fields.splitlines()]
    kept = [line for line in text.split("\n") if line.split(" ")[0] not in keys]
    path.write_text("\n".join(kept).replace("---\n", f"---\n{fields}\n", 1), "utf-8")
    try:
        with first_pages(builder, site) as seen:
            ok, lines = builder.build()
        assert seen == [] and builder.last.get("first_page") is None
        assert ok == ("2024-13-03" not in fields), lines
    finally:
        path.write_text(text, encoding="utf-8")
    incremental_build(builder)
    assert_same_as_full_build(site, builder, tmp)


def set_field(path, key: str, value: str) -> str:
    """Write `key: value` over the field's line; the text as it was before."""
    text = path.read_text(encoding="utf-8")
    old = re.search(rf"^{key}: .*$", text, re.MULTILINE)[0]
    path.write_text(text.replace(old, f"{key}: {value}"), encoding="utf-8")
    return text


def test_date_change_moves_the_article_and_equals_a_full_build(session):
    site, builder, tmp = session
    set_field(site.root / NEWS, "date", "2019-05-02")
    incremental_build(builder)
    assert not (site.output / ARTICLE_PAGE).exists()
    moved = site.output / "nyheter/2019/att-leda-digital-omstallning-har-startat/index.html"
    assert moved.exists()
    assert_same_as_full_build(site, builder, tmp)


def test_tags_added_and_removed_equal_a_full_build(session):
    site, builder, tmp = session
    path = site.root / NEWS
    text = set_field(path, "tags", "[Helt nytt ämne]")
    incremental_build(builder)
    assert (site.output / "nyheter/amne/helt-nytt-amne/index.html").exists()
    assert_same_as_full_build(site, builder, tmp)
    path.write_text(text, encoding="utf-8")
    incremental_build(builder)
    assert not (site.output / "nyheter/amne/helt-nytt-amne").exists()
    assert_same_as_full_build(site, builder, tmp)


def test_new_and_deleted_articles_equal_a_full_build(session):
    site, builder, tmp = session
    site.write(
        "news/2026/en-ny-nyhet.md",
        """
        ---
        title: En alldeles ny nyhet
        date: 2026-11-20
        summary: Något nytt har hänt.
        tags: [Ledarskap]
        ---

        Texten i den nya nyheten.
        """,
    )
    incremental_build(builder)
    assert (site.output / "nyheter/2026/en-ny-nyhet/index.html").exists()
    assert "En alldeles ny nyhet" in (site.output / "index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(site, builder, tmp)
    (site.root / "content/news/2026/en-ny-nyhet.md").unlink()
    incremental_build(builder)
    assert not (site.output / "nyheter/2026/en-ny-nyhet").exists()
    assert_same_as_full_build(site, builder, tmp)


def test_a_link_follows_the_article_it_points_to(session):
    """An unchanged article that links to one whose address changes shows
    the new address (its page is rendered again, though its file is not
    changed)."""
    site, builder, tmp = session
    site.write(
        "news/2026/lankar.md",
        """
        ---
        title: En nyhet med en länk
        date: 2026-11-19
        summary: Den länkar till en annan nyhet.
        ---

        Läs [den andra nyheten]({filename}/news/2025/att-leda-digital-omstallning-har-startat.md).
        """,
    )
    incremental_build(builder)
    linking = site.output / "nyheter/2026/lankar/index.html"
    path = site.root / NEWS
    text = path.read_text(encoding="utf-8")
    year = re.search(r"^date: (\d{4})", text, re.MULTILINE)[1]  # as the tests above left it
    assert f"/nyheter/{year}/att-leda-digital-omstallning-har-startat/" in linking.read_text()
    set_field(path, "date", "2023-05-02")
    incremental_build(builder)
    assert "/nyheter/2023/att-leda-digital-omstallning-har-startat/" in linking.read_text()
    assert_same_as_full_build(site, builder, tmp)
    path.write_text(text, encoding="utf-8")
    (site.root / "content/news/2026/lankar.md").unlink()
    incremental_build(builder)
    assert_same_as_full_build(site, builder, tmp)


def test_bad_content_keeps_the_served_site_and_the_next_good_edit_is_incremental(session):
    site, builder, tmp = session
    path = site.root / NEWS
    before = file_bytes(site.output)
    text = set_field(path, "date", "2024-13-03")
    ok, lines = builder.build()
    assert not ok
    assert lines[0].startswith(f"{NEWS}:") and "'2024-13-03'" in lines[0]
    assert file_bytes(site.output) == before
    path.write_text(text.replace("\n\n", "\n\nEn ny första mening.\n\n", 1), encoding="utf-8")
    incremental_build(builder)
    assert_same_as_full_build(site, builder, tmp)


@pytest.mark.parametrize(
    "change",
    ["page", "programme", "contact", "settings", "theme"],
)
def test_other_changes_make_a_full_build(session, change):
    site, builder, tmp = session
    if change == "page":
        page = next((site.root / "content/pages").glob("*.md"))
        edit(page, "title: ", "title: Ändrad ")
    elif change == "programme":
        page = next((site.root / "content/programmes").glob("*.md"))
        edit(page, "title: ", "title: Ändrad ")
    elif change == "contact":
        card = next((site.root / "content/contacts").glob("*.yml"))
        card.write_text(card.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "settings":
        settings = site.root / "pelicanconf.py"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n# ändrad\n", "utf-8")
    else:
        # The theme is the project's (a symbolic link): touch a copy's file.
        theme = site.root / "theme"
        theme.unlink()
        shutil.copytree(Path(__file__).resolve().parent.parent / "theme", theme)
        base = theme / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8") + "{# ändrad #}", encoding="utf-8")
    assert builder.build() == (True, [])
    assert builder.last["full"] is True
    assert_same_as_full_build(site, builder, tmp)


# In-process checks of the parts.


def test_only_news_articles_take_the_fast_path():
    news = "/s/content/news"

    def allowed(before: dict, after: dict) -> bool:
        return fast_path_allowed(changed_files(before, after), news)

    before = {"/s/content/news/a.md": (1, 1, 1), "/s/content/pages/p.md": (1, 1, 2)}
    assert allowed(before, dict(before))
    changed = dict(before, **{"/s/content/news/a.md": (2, 1, 1)})
    assert allowed(before, changed)
    added = dict(before, **{"/s/content/news/2026/b.md": (1, 1, 3)})
    assert allowed(before, added)
    assert allowed(added, before)  # deleted
    assert not allowed(before, dict(before, **{"/s/content/pages/p.md": (2, 1, 2)}))
    assert not allowed(before, dict(before, **{"/s/content/news/x.png": (1, 1, 4)}))
    assert not allowed(before, {"/s/content/news/a.md": (1, 1, 1)})


def test_digest_follows_values_not_identities():
    class Thing:
        def __init__(self, title, items):
            self.title, self.items = title, items
            self.settings = {"ignored": object()}

    one, two = Digest(), Digest()
    assert one(Thing("a", [1, {"b": 2}])) == two(Thing("a", [1, {"b": 2}]))
    assert Digest()(Thing("a", [1, {"b": 2}])) != Digest()(Thing("a", [1, {"b": 3}]))
    looped = Thing("a", [])
    looped.items.append(looped)
    assert Digest()(looped)  # a cycle ends


def test_template_names_follow_parents_includes_and_imports():
    from jinja2 import DictLoader, Environment

    env = Environment(
        loader=DictLoader(
            {
                "base.html": "{{ sitename }}{% block body %}{% endblock %}",
                "macros.html": "{% macro item(x) %}{{ x }}{{ shared }}{% endmacro %}",
                "page.html": (
                    '{% extends "base.html" %}{% import "macros.html" as m %}'
                    "{% block body %}{{ m.item(article) }}{% endblock %}"
                ),
                "dynamic.html": "{% include name %}",
            }
        )
    )
    names = template_names(env, "page.html", {})
    assert {"sitename", "article", "shared"} <= names
    assert "articles" not in names
    assert template_names(env, "dynamic.html", {}) is None


def test_unchanged_builds_render_nothing(session):
    site, builder, _tmp = session
    before = {p: p.stat().st_mtime_ns for p in site.output.rglob("*.html")}
    time.sleep(0.01)
    assert builder.build() == (True, [])
    assert builder.last["full"] is False and builder.last["rendered"] == 0
    assert {p: p.stat().st_mtime_ns for p in site.output.rglob("*.html")} == before
    assert filecmp.cmp(site.output / "index.html", site.output / "index.html")


def wrap_pagefind(tmp_path: Path, monkeypatch, before: str, **env: str) -> None:
    """Builds at the sample epoch run Pagefind through a shell script that
    runs `before` first (with `env` set), then the real Pagefind."""
    from eduweb import search_index

    wrapper = tmp_path / "wrapped-pagefind"
    wrapper.write_text(f'#!/bin/sh\n{before}\nexec "$REAL_PAGEFIND" "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    env = {"REAL_PAGEFIND": search_index.pagefind_executable(), **env}
    env |= {"PAGEFIND_BINARY_PATH": str(wrapper), "SOURCE_DATE_EPOCH": str(SAMPLE_EPOCH)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def test_after_an_edit_the_background_search_indexes_its_shard_alone(tmp_path, monkeypatch):
    """The search index is in shards kept in .cache/search/ (search_index.py):
    the preview's background run takes every shard but the edited article's
    from there."""
    site = Site(tmp_path / "site", with_sample=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nSEARCH_SHARD_PAGES = 3\n")
    runs = tmp_path / "runs"
    wrap_pagefind(tmp_path, monkeypatch, 'echo run >> "$RUNS"', RUNS=str(runs))
    builder = Builder(site.root, "pelicanconf.py", site.output)
    try:
        assert builder.build() == (True, [])
        assert builder.wait_for_search()
        shards = len(runs.read_text().splitlines())
        assert shards >= 3
        runs.unlink()
        edit(site.root / NEWS, "title: ", "title: Nyrubrik ")
        incremental_build(builder)
        assert builder.wait_for_search()
        assert runs.read_text().splitlines() == ["run"]
        assert_same_as_full_build(site, builder, tmp_path)
    finally:
        builder.stop()
        builder.close_server()


def test_a_stopped_build_process_leaves_no_search_index_run_behind(tmp_path, monkeypatch):
    """SIGTERM to the build process while its background search index runs
    (the preview stopping it): Pagefind is stopped and reaped with it, not
    left running as an orphan."""
    site = Site(tmp_path / "site", with_sample=True)
    slow, pids = tmp_path / "slow", tmp_path / "pids"
    wrap_pagefind(
        tmp_path,
        monkeypatch,
        'if [ -e "$SLOW" ]; then echo $$ >> "$PIDS"; exec sleep 60; fi',
        SLOW=str(slow),
        PIDS=str(pids),
    )
    builder = Builder(site.root, "pelicanconf.py", site.output)
    try:
        assert builder.build() == (True, [])
        slow.touch()
        edit(site.root / NEWS, "title: ", "title: Nyrubrik ")
        incremental_build(builder)
        deadline = time.monotonic() + 30
        while not pids.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = int(pids.read_text().split()[0])
        server = builder.server
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        with contextlib.suppress(OSError, ValueError, UnboundLocalError):
            os.kill(pid, signal.SIGKILL)
        builder.stop()
        builder.close_server()
