"""Site search (issue 11, point 2): what the build indexes, the search
page's own policy, and a Pagefind that fails. The search itself runs in
Chromium: tests/browser/test_search_browser.py."""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import netlify_headers
import pytest
from conftest import Site, article
from eduweb import search_index, urls
from eduweb.consent import check_consent
from eduweb.errors import ContentValidationError

BODY = "data-pagefind-body"


def fake_pagefind(tmp_path: Path, script: str) -> str:
    """An executable that stands in for Pagefind (PAGEFIND_BINARY_PATH)."""
    path = tmp_path / "fake-pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# ------------------------------------------------------------- the policy
def test_the_search_policy_adds_wasm_to_script_src_and_nothing_else():
    csp = check_consent({}, None).csp
    relaxed = search_index.search_page_csp(csp)
    before, after = csp.split("; "), relaxed.split("; ")
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")]
    assert search_index.search_page_csp(relaxed) == relaxed


def test_only_the_search_page_has_the_relaxed_policy(sample_build):
    csp = sample_build.html("").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    strict = csp["content"]
    relaxed = search_index.search_page_csp(strict)
    pages = sorted(sample_build.output.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        rel = path.relative_to(sample_build.output).as_posix()
        meta = sample_build.html(rel).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if meta is None:
            continue  # an old address's redirect page
        want = relaxed if rel == urls.save_as(urls.SEARCH_PAGE) else strict
        assert meta["content"] == want, rel
    rules = netlify_headers.parse(sample_build.text("_headers"))
    for path in ("/sok/", "/sok/index.html"):
        header = netlify_headers.headers_for(rules, path)["Content-Security-Policy"]
        assert header == relaxed + "; frame-ancestors 'none'"
    for path in ("/", "/sokord/", "/nyheter/", "/pagefind/pagefind.js"):
        header = netlify_headers.headers_for(rules, path)["Content-Security-Policy"]
        assert header == strict + "; frame-ancestors 'none'", path
    htaccess = sample_build.text(".htaccess")
    assert '<If "%{REQUEST_URI} =~ m#^/sok/#">' in htaccess
    assert f'    Header always set Content-Security-Policy "{relaxed}; frame-ancestors' in htaccess


# ------------------------------------------------------------- what is indexed
def test_articles_programmes_and_pages_are_indexed_and_nothing_else(sample_build):
    out = sample_build.output
    marked = sorted(
        p.relative_to(out).parent.as_posix() + "/"
        for p in out.rglob("index.html")
        if BODY in p.read_text(encoding="utf-8")
    )
    assert marked
    for address in marked:
        kind = sample_build.html(address).select_one("[data-kind]")["data-kind"]
        expected = {"nyheter": "Nyhet", "utbildningar": "Utbildning"}.get(
            address.split("/")[0], "Sida"
        )
        assert kind == expected, address
    for address in (
        urls.HOME,
        urls.NEWS_LIST,
        urls.PROGRAMME_LIST,
        urls.CALENDAR,
        urls.CONTACTS_PAGE,
        urls.COOKIES_PAGE,
        urls.SEARCH_PAGE,
    ):
        assert address not in marked
    assert not any(a.startswith("nyheter/amne/") for a in marked)
    assert BODY not in sample_build.text(urls.NOT_FOUND)
    entry = json.loads(sample_build.text(urls.SEARCH_BUNDLE + "pagefind-entry.json"))
    assert list(entry["languages"]) == ["sv"]  # <html lang="sv">: Swedish stemming
    assert entry["languages"]["sv"]["page_count"] == len(marked)


def test_a_news_article_records_its_kind_tags_date_and_summary(sample_build):
    address = next(
        p.relative_to(sample_build.output).parent.as_posix() + "/"
        for p in sorted(sample_build.output.glob("nyheter/*/*/index.html"))
        if "tag-list" in p.read_text(encoding="utf-8")
    )
    page = sample_build.html(address)
    data = page.select_one("[data-pagefind-body] [data-kind]")
    assert data.has_attr("hidden")
    assert data["data-title"] == page.h1.get_text()
    assert data["data-summary"]
    assert data["data-date"] == page.select_one(".article-meta time")["datetime"]
    tags = [span["data-tag"] for span in data.select("[data-pagefind-filter]")]
    assert tags == [a.get_text() for a in page.select(".tag-list__tag")]


def test_the_search_page_and_the_header_form(sample_build):
    page = sample_build.html(urls.SEARCH_PAGE)
    form = page.select_one("main form[role=search]")
    assert form["action"] == "/sok/" and form.get("method") == "get"
    assert [i["value"] for i in form.select("input[name=typ]")] == ["Nyhet", "Utbildning", "Sida"]
    assert form.select_one("select[name=amne] option[value=Ledarskap]")
    assert page.select_one("[role=status]")
    assert not page.select("header form")  # one search form on the search page
    home = sample_build.html(urls.HOME)
    header_form = home.select_one("header form[role=search]")
    assert header_form["action"] == "/sok/"
    field = header_form.select_one("input[name=q]")
    assert home.select_one(f"label[for={field['id']}]").get_text() == "Sök på webbplatsen"


def test_pagefinds_own_interfaces_are_not_published(sample_build):
    bundle = sample_build.output / urls.SEARCH_BUNDLE
    assert (bundle / "pagefind.js").is_file()
    assert not [name for name in search_index.UNUSED_FILES if (bundle / name).exists()]


def test_a_site_with_nothing_to_search_gets_no_index(site: Site):
    """Pagefind indexes every page whole when none is marked: not here."""
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert not (result.output / urls.SEARCH_BUNDLE).exists()
    assert (result.output / urls.save_as(urls.SEARCH_PAGE)).exists()


# ------------------------------------------------------------- failures
def test_a_missing_pagefind_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(ContentValidationError) as raised:
        search_index.build_index(str(tmp_path), "output")
    assert [str(e) for e in raised.value.errors] == [
        "output:0: search index: the Pagefind program is not installed "
        "(install it: pip install -r requirements.txt)"
    ]


def test_a_failing_pagefind_is_one_line_with_its_reason(tmp_path, monkeypatch):
    script = 'echo "Indexing…"; printf "\\033[31mError: cannot read site\\033[0m\\n\\n" >&2; exit 3'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, script))
    with pytest.raises(ContentValidationError) as raised:
        search_index.build_index(str(tmp_path), "output")
    (line,) = [str(e) for e in raised.value.errors]
    assert line == (
        "output:0: search index: Pagefind could not build the search index: "
        "Error: cannot read site (build again; if it happens again, reinstall Pagefind: "
        "pip install -r requirements.txt)"
    )


def test_a_pagefind_that_writes_no_index_is_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, "exit 0"))
    with pytest.raises(ContentValidationError) as raised:
        search_index.build_index(str(tmp_path), "output")
    assert "pagefind.js missing" in str(raised.value.errors[0])


def digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_whose_index_fails_stops_and_leaves_the_site_as_it_was(
    site: Site, tmp_path, monkeypatch
):
    site.write("news/2024/a.md", article(title="Om utbildning"))
    first = site.build()
    assert first.returncode == 0, first.stderr
    before = digest(first.output)
    site.write("news/2024/b.md", article(title="Ny"))
    script = 'echo "Error: out of memory" >&2; exit 1'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, script))
    second = site.build()
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert second.stderr.splitlines() == [
        "output:0: search index: Pagefind could not build the search index: "
        "Error: out of memory (build again; if it happens again, reinstall Pagefind: "
        "pip install -r requirements.txt)",
        "1 problem in 1 file; nothing was built and the previous output was left as it was",
    ]
    assert digest(first.output) == before
    leftovers = [p for p in os.listdir(site.root) if p.startswith(".output.")]
    assert leftovers == []


# ------------------------------------------------------------- messages
# (key, what causes it, the Swedish line): this area's part of the table of
# messages (tests/test_messages.py).
SV_FAILED = (
    "output:0: sökfunktionen: Pagefind kunde inte bygga sökfunktionen: Error: out of memory "
    "(bygg igen; händer det igen, installera om Pagefind med: pip install -r requirements.txt)"
)
MESSAGE_CASES = [
    (
        "where.search",
        "Pagefind ends with an error",
        SV_FAILED,
    ),
    (
        "search.missing",
        "no Pagefind binary (PAGEFIND_BINARY_PATH names no file)",
        "output:0: sökfunktionen: programmet Pagefind, som bygger sökfunktionen, är inte "
        "installerat (installera det med: pip install -r requirements.txt)",
    ),
    ("search.failed", "Pagefind ends with an error", SV_FAILED),
    (
        "search.timeout",
        "Pagefind runs longer than the time allowed",
        "output:0: sökfunktionen: Pagefind blev inte klart med sökfunktionen på 1 sekunder "
        "(bygg igen)",
    ),
]
SCRIPTS = {
    "Pagefind ends with an error": 'echo "Error: out of memory" >&2; exit 1',
    "Pagefind runs longer than the time allowed": "exec sleep 3",
}


@pytest.mark.usefixtures("swedish_messages")
@pytest.mark.parametrize(
    ("key", "how", "expected"), MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES]
)
def test_each_search_message_in_swedish(key, how, expected, tmp_path, monkeypatch):
    if how in SCRIPTS:
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, SCRIPTS[how]))
    else:
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr(search_index, "TIMEOUT_SECONDS", 1)
    with pytest.raises(ContentValidationError) as raised:
        search_index.build_index(str(tmp_path), "output")
    assert [str(e) for e in raised.value.errors] == [expected]


# ------------------------------------------------------------- reproducible
def tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_indexing_the_same_site_again_gives_the_same_bytes(sample_build, tmp_path):
    """Pagefind alone writes filters in a different order at each run."""
    site = tmp_path / "site"
    shutil.copytree(sample_build.output, site)
    bundle = site / urls.SEARCH_BUNDLE
    first = tree(bundle)
    for _ in range(3):
        shutil.rmtree(bundle)
        search_index.build_index(str(site))
        assert tree(bundle) == first


def test_the_sorted_filters_are_the_filters_pagefind_wrote(sample_build, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sample_build.output, site)
    bundle = site / urls.SEARCH_BUNDLE
    shutil.rmtree(bundle)
    original = search_index.make_stable
    written = {}

    def remember_then_sort(folder: str) -> None:
        written.update(filters_of(Path(folder)))
        original(folder)

    try:
        search_index.make_stable = remember_then_sort
        search_index.build_index(str(site))
    finally:
        search_index.make_stable = original
    assert filters_of(bundle) == written
    assert set(written) == {"kind", "tag"}
    assert set(written["kind"]) == {"Nyhet", "Utbildning", "Sida"}


def filters_of(bundle: Path) -> dict[str, dict[str, list[int]]]:
    """Filter -> value -> pages, as the index files say (order left out)."""
    entry = json.loads((bundle / search_index.ENTRY).read_text(encoding="utf-8"))
    (info,) = entry["languages"].values()
    meta = search_index._load(str(bundle / f"pagefind.{info['hash']}.pf_meta"))
    found = {}
    for name, chunk in meta[3]:
        _name, values = search_index._load(str(bundle / "filter" / f"{chunk}.pf_filter"))
        found[name] = {value: sorted(pages) for value, pages in values}
    return found


# ------------------------------------------------------------- speed (issue 12)
# A Pagefind that writes down how it was run (its arguments, its jemalloc
# setting, the HTML files of the folder it is given), then fails so that
# nothing else runs.
RECORDING = (
    'printf "%s\\n" "$@" > "$RECORD.args"; printf "%s" "$_RJEM_MALLOC_CONF" > "$RECORD.env"; '
    '(cd "$2" && find . -name "*.html" | sort) > "$RECORD.pages"; exit 1'
)


def test_pagefind_reads_only_the_marked_pages(sample_build, tmp_path, monkeypatch):
    """Pagefind parses every HTML file it is given, to drop the lists, tag
    and calendar pages without the mark: it is given the marked pages
    alone, under their paths in the site (so their addresses are the same)."""
    record = tmp_path / "record"
    monkeypatch.setenv("RECORD", str(record))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, RECORDING))
    site = tmp_path / "site"
    shutil.copytree(sample_build.output, site)
    before = tree(site)
    with pytest.raises(ContentValidationError):
        search_index.build_index(str(site), "output")
    given = record.with_suffix(".pages").read_text(encoding="utf-8").splitlines()
    marked = sorted(
        "./" + p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if BODY in p.read_text(encoding="utf-8")
    )
    assert given == marked
    assert any(page.startswith("./nyheter/2024/") for page in given)
    assert len(marked) < len(list(site.rglob("*.html")))
    # Its memory back at once (jemalloc): a lower peak.
    assert record.with_suffix(".env").read_text() == "dirty_decay_ms:0,muzzy_decay_ms:0"
    # A failed run leaves the index there was, and nothing of its own.
    assert tree(site) == before


def page(folder: Path, path: str, marked: bool) -> None:
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    body = f"<article {BODY}>Text</article>" if marked else "<p>Lista</p>"
    (folder / path).write_text(f"<html lang='sv'><body>{body}</body></html>", encoding="utf-8")


def test_the_marked_pages_are_found_by_their_mark(tmp_path):
    for path, marked in [
        ("index.html", False),
        ("404.html", False),
        ("om/index.html", True),
        ("kalender/index.html", False),
        ("nyheter/2024/a/index.html", True),
        ("nyheter/sida/2/index.html", False),
        ("mix/b/index.html", False),
        ("mix/c/index.html", True),
    ]:
        page(tmp_path, path, marked)
    (tmp_path / "feed.xml").write_text(BODY, encoding="utf-8")
    found = search_index.marked_pages(str(tmp_path))
    assert [rel for rel, _digest in found] == [
        "mix/c/index.html",
        "nyheter/2024/a/index.html",
        "om/index.html",
    ]


def test_the_marked_pages_give_the_index_of_the_whole_site(sample_build, tmp_path):
    """What Pagefind writes over the marked pages alone is, byte for byte,
    what it writes over the whole site."""
    whole = tmp_path / "whole"
    shutil.copytree(sample_build.output, whole)
    bundle = whole / urls.SEARCH_BUNDLE
    shutil.rmtree(bundle)
    executable = search_index.pagefind_executable()
    subprocess.run([executable, "--site", whole, "--silent"], check=True, capture_output=True)
    for name in search_index.UNUSED_FILES:
        (bundle / name).unlink()
    search_index.make_stable(str(bundle))
    built = tree(sample_build.output / urls.SEARCH_BUNDLE)
    assert json.loads(built.pop(search_index.SHARDS_FILE)) == {"shards": []}  # one shard
    assert tree(bundle) == built


# Pagefind 1.5.2 exits with 0 when it cannot write, leaving empty or cut files.
CUT_INDEX = (
    'mkdir -p "$4/fragment"; echo "// js" > "$4/pagefind.js"; : > "$4/pagefind-entry.json"; '
    'printf "\\037\\213\\010\\000" > "$4/fragment/sv_1.pf_fragment"'
)


def test_an_index_pagefind_could_not_finish_is_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, CUT_INDEX))
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ContentValidationError) as raised:
        search_index.build_index(str(site), "output")
    assert "Pagefind could not build the search index: unexpected index files" in str(
        raised.value.errors[0]
    )


def test_an_index_cut_short_on_a_full_disk_is_a_full_disk(tmp_path, monkeypatch):
    """Reported as any write that fails: build.py turns it into the line
    'the new site could not be written: No space left on device (…)'."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, CUT_INDEX))
    full = os.statvfs_result((4096, 4096, 100, 0, 0, 100, 0, 0, 0, 255))
    monkeypatch.setattr(search_index.os, "statvfs", lambda path: full)
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OSError) as raised:
        search_index.build_index(str(site), "output")
    assert raised.value.errno == errno.ENOSPC


# ------------------------------------------------------------- shards and cache (issue 12)
# Pagefind's memory grows with the pages of a run: the index is built in
# shards, each one run, kept in .cache/search/ by the bytes of its pages.
SHARD_PAGES = 3
# A Pagefind that notes each run in $RUNS, then does the real one.
COUNTING = 'echo run >> "$RUNS"; exec "$REAL_PAGEFIND" "$@"'


@pytest.fixture
def sharded(tmp_path, monkeypatch) -> Site:
    """The sample site with shards of about SHARD_PAGES pages, its Pagefind
    runs counted."""
    site = Site(tmp_path / "site", with_sample=True)
    with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nSEARCH_SHARD_PAGES = {SHARD_PAGES}\n")
    monkeypatch.setenv("REAL_PAGEFIND", search_index.pagefind_executable())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", fake_pagefind(tmp_path, COUNTING))
    monkeypatch.setenv("RUNS", str(tmp_path / "runs"))
    return site


def runs(tmp_path: Path) -> int:
    path = tmp_path / "runs"
    count = len(path.read_text().splitlines()) if path.exists() else 0
    path.unlink(missing_ok=True)
    return count


def fragments(bundle: Path) -> dict[str, str]:
    """Address -> the text Pagefind indexed, of one shard's bundle."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes())[len(search_index.SIGNATURE) :])
        found[data["url"]] = data["content"]
    return found


def shard_bundles(output: Path) -> list[Path]:
    bundle = output / urls.SEARCH_BUNDLE
    listed = json.loads((bundle / search_index.SHARDS_FILE).read_text(encoding="utf-8"))
    return [bundle] + [bundle / path for path in listed["shards"]]


def test_the_shards_together_index_every_marked_page_once(sharded, sample_build, tmp_path):
    built = sharded.build()
    assert built.returncode == 0, built.stderr
    bundles = shard_bundles(built.output)
    assert len(bundles) >= 3
    assert runs(tmp_path) == len(bundles)
    found = [fragments(bundle) for bundle in bundles]
    addresses = [url for shard in found for url in shard]
    assert sorted(addresses) == sorted(fragments(sample_build.output / urls.SEARCH_BUNDLE))
    assert len(set(addresses)) == len(addresses)  # each page in one shard
    for bundle, shard in zip(bundles, found, strict=True):
        entry = json.loads((bundle / search_index.ENTRY).read_text(encoding="utf-8"))
        assert entry["languages"]["sv"]["page_count"] == len(shard)  # Swedish stemming
        assert (bundle / "pagefind.js").exists() == (bundle == bundles[0])
    # The filters of all shards are those of one index over the whole site.
    merged: dict[str, dict[str, int]] = {}
    for bundle in bundles:
        for name, values in filters_of(bundle).items():
            for value, pages in values.items():
                merged.setdefault(name, {}).setdefault(value, 0)
                merged[name][value] += len(pages)
    whole = filters_of(sample_build.output / urls.SEARCH_BUNDLE)
    assert merged == {n: {v: len(p) for v, p in values.items()} for n, values in whole.items()}


def test_an_unchanged_shard_comes_from_the_cache_and_an_edit_rebuilds_its_shard(sharded, tmp_path):
    first = sharded.build()
    assert first.returncode == 0, first.stderr
    cold = tree(first.output)
    shards = len(shard_bundles(first.output))
    assert runs(tmp_path) == shards
    cache = sharded.root / ".cache" / "search"
    assert len(os.listdir(cache)) == shards
    # Nothing changed: no Pagefind at all, the same bytes.
    again = sharded.build()
    assert again.returncode == 0, again.stderr
    assert runs(tmp_path) == 0
    assert tree(again.output) == cold
    # One article edited: its shard alone is indexed again.
    source = next((sharded.root / "content" / "news").rglob("*.md"))
    source.write_text(source.read_text(encoding="utf-8") + "\nOrdet kalkylblad.\n", "utf-8")
    edited = sharded.build()
    assert edited.returncode == 0, edited.stderr
    assert runs(tmp_path) == 1
    edited_tree = tree(edited.output)
    bundle = urls.SEARCH_BUNDLE
    differ = {
        path
        for path in set(cold) | set(edited_tree)
        if cold.get(path) != edited_tree.get(path) and path.startswith(bundle)
    }
    folders = {path[len(bundle) :].split("/")[0] for path in differ}
    assert len({name if name.isdigit() else "0" for name in folders}) == 1
    assert len(os.listdir(cache)) == shards  # the edited shard's old entry is gone
    # A cold build of the edited site (no cache) gives the same bytes.
    shutil.rmtree(cache)
    cold_again = sharded.build()
    assert cold_again.returncode == 0, cold_again.stderr
    assert runs(tmp_path) == shards
    assert tree(cold_again.output) == edited_tree


def test_a_cache_entry_cut_short_or_unreadable_is_built_again(sharded, tmp_path):
    first = sharded.build()
    assert first.returncode == 0, first.stderr
    expected = tree(first.output)
    runs(tmp_path)
    cache = sharded.root / ".cache" / "search"
    entries = sorted(cache.iterdir())
    (entries[0] / search_index.ENTRY).unlink()  # never renamed into place whole
    (cache / ".tmp-left-by-a-killed-build").mkdir()
    again = sharded.build()
    assert again.returncode == 0, again.stderr
    assert runs(tmp_path) == 1
    assert tree(again.output) == expected
    assert not (cache / ".tmp-left-by-a-killed-build").exists()


def test_the_shard_of_a_page_depends_on_its_address_alone():
    pages = [(f"nyheter/2024/{i}/index.html", bytes([i % 256]) * 32) for i in range(3000)]
    shards = search_index.plan_shards(pages, b"pagefind", 800)
    assert len(shards) == 4
    sizes = [len(shard.pages) for shard in shards]
    assert sum(sizes) == 3000 and max(sizes) < 800  # statistically alike
    edited = [(rel, b"x" * 32 if i == 7 else digest) for i, (rel, digest) in enumerate(pages)]
    keys = {shard.key for shard in search_index.plan_shards(edited, b"pagefind", 800)}
    assert len(keys - {shard.key for shard in shards}) == 1
    other = {shard.key for shard in search_index.plan_shards(pages, b"pagefind 1.6", 800)}
    assert not other & {shard.key for shard in shards}
    assert search_index.shard_count(0) == search_index.shard_count(800) == 1
    assert search_index.shard_count(801) == 2
