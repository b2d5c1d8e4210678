"""The build-speed benchmark (benchmarks/): the generated corpus is
reproducible and builds without a problem, and the runner's table and ratio
are right. The timings themselves are figures in README.md, not tests."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, file_bytes

sys.path.insert(0, str(ROOT))

from benchmarks import generate, run


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    generate.generate(tmp_path / "a", 20, seed=7)
    generate.generate(tmp_path / "b", 20, seed=7)
    first, second = file_bytes(tmp_path / "a"), file_bytes(tmp_path / "b")
    assert first == second
    news = [name for name in first if name.startswith("ours/content/news/")]
    plain = [name for name in first if name.startswith("plain/content/news/")]
    assert len(news) == len(plain) == 20
    assert sum(name.startswith("ours/content/programmes/") for name in first) == 2
    # A different seed is a different corpus (the comparison can fail).
    generate.generate(tmp_path / "c", 20, seed=8)
    assert file_bytes(tmp_path / "c") != first


def test_an_article_has_the_writers_structure(tmp_path):
    generate.generate(tmp_path, 40, seed=1)
    texts = [p.read_text("utf-8") for p in sorted((tmp_path / "ours/content/news").rglob("*.md"))]
    bodies = [text.split("\n---\n", 1)[1] for text in texts]
    assert all(500 <= len(body.split()) <= 900 for body in bodies)
    assert all("\n## " in body for body in bodies)
    assert any("{filename}/news/" in body for body in bodies)
    assert any('!!! facts "' in body for body in bodies)
    assert any("[^1]:" in body for body in bodies)
    plain = sorted((tmp_path / "plain/content/news").rglob("*.md"))
    assert plain[0].read_text("utf-8").startswith("Title: ")


def test_the_generated_corpus_builds_with_no_problem(tmp_path):
    run.prepare(tmp_path, 20, seed=3)
    site = tmp_path / "ours"
    proc = subprocess.run(
        run.pelican_command("ours", tmp_path / "output"),
        cwd=site,
        env=run.build_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    problems = [line for line in proc.stderr.splitlines() if line.startswith("content/")]
    assert problems == []
    assert "WARNING" not in proc.stdout + proc.stderr
    pages, files = run.count_files(tmp_path / "output")
    assert (tmp_path / "output/nyheter/index.html").exists()
    assert 20 < pages < files


def test_the_table_gives_medians_and_the_ratios():
    measurements = [
        run.Measurement("ours-cold", 20.0, 100, 150, 230 * 1024),
        run.Measurement("ours", 12.0, 100, 150, 200 * 1024),
        run.Measurement("plain", 10.0, 80, 90, 100 * 1024),
        run.Measurement("plain", 8.0, 80, 90, 120 * 1024),
        run.Measurement("ours-cold", 18.0, 100, 150, 240 * 1024),
        run.Measurement("ours", 10.0, 100, 150, 220 * 1024),
        run.Measurement("ours-cold", 19.0, 100, 150, 235 * 1024),
        run.Measurement("ours", 14.0, 100, 150, 210 * 1024),
        run.Measurement("plain", 9.0, 80, 90, 110 * 1024),
    ]
    rows = run.summarize(measurements)
    cold, ours, plain = rows
    assert (cold.kind, cold.median, cold.peak_mb) == ("ours-cold", 19.0, 240.0)
    assert (ours.median, ours.minimum, ours.peak_mb) == (12.0, 10.0, 220.0)
    assert (plain.median, plain.minimum, plain.peak_mb) == (9.0, 8.0, 120.0)
    assert ours.pages_per_second == pytest.approx(100 / 12)
    assert run.ratio(rows) == pytest.approx(12.0 / 9.0)
    assert run.ratio(rows, "ours-cold") == pytest.approx(19.0 / 9.0)
    table = run.format_table(rows)
    assert "| ratio ours/plain | 1.33 |" in table
    assert "| ratio ours-cold/plain | 2.11 |" in table
    parsed = run.parse_table(table)
    assert [(r.kind, r.median, r.pages, r.files) for r in parsed] == [
        ("ours-cold", 19.0, 100, 150),
        ("ours", 12.0, 100, 150),
        ("plain", 9.0, 80, 90),
    ]
    assert run.ratio(parsed) == pytest.approx(12.0 / 9.0)
    assert run.ratio(rows[1:2]) is None


def test_builds_alternate_and_a_warm_build_follows_a_cold_one():
    assert run.schedule(2) == [
        *("ours-cold", "ours", "ours-edit", "plain"),
        *("plain", "ours-cold", "ours", "ours-edit"),
    ]
    order = run.schedule(3)
    assert all(order.count(kind) == 3 for kind in run.KINDS)
    assert all(order[i - 1] == "ours-cold" for i, kind in enumerate(order) if kind == "ours")
    assert all(order[i - 1] == "ours" for i, kind in enumerate(order) if kind == "ours-edit")


def test_an_edit_build_changes_one_article_a_different_one_each_time(tmp_path):
    run.prepare(tmp_path, 12, seed=2)
    news = tmp_path / "ours" / "content" / "news"
    before = {path: path.read_text(encoding="utf-8") for path in news.rglob("*.md")}
    first = run.edit_one_article(tmp_path / "ours")
    second = run.edit_one_article(tmp_path / "ours")
    changed = {
        path for path in news.rglob("*.md") if path.read_text(encoding="utf-8") != before[path]
    }
    assert changed == {first, second} and first != second
    text = second.read_text(encoding="utf-8")
    assert "(uppdaterad 2)" in text.split("\n---", 1)[0] and text.endswith(
        "Tillägg nummer 2 till texten.\n"
    )


def test_a_cold_build_starts_without_the_cache(tmp_path):
    run.prepare(tmp_path, 12, seed=2)
    site = tmp_path / "ours"
    run.run_build("ours-cold", site, tmp_path / "out-1")
    assert (site / ".cache").is_dir()  # the build filled it
    marker = site / ".cache" / "marker"
    marker.write_text("x")
    run.run_build("ours", site, tmp_path / "out-2")
    assert marker.exists()  # a warm build keeps it
    run.run_build("ours-cold", site, tmp_path / "out-3")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("func", "group"),
    [
        (("/v/lib/yaml/composer.py", 1, "compose_node"), "YAML"),
        (("/v/lib/markdown/core.py", 1, "convert"), "Markdown"),
        (("/v/lib/jinja2/environment.py", 1, "render"), "Jinja render"),
        (("/v/lib/markupsafe/__init__.py", 1, "escape"), "Jinja render"),
        (("/v/lib/icalendar/prop.py", 1, "to_ical"), "calendar files"),
        (("/w/plugins/eduweb/icalendar_feed.py", 1, "fold"), "calendar files"),
        (("/w/plugins/eduweb/markdown_render.py", 1, "run"), "Markdown"),
        (("~", 0, "<method 'write' of '_io.BufferedWriter' objects>"), "file writing"),
        (("/w/plugins/eduweb/content_index.py", 1, "scan"), "our validation (scan)"),
        (("/v/lib/pelican/generators.py", 1, "generate_context"), "other"),
    ],
)
def test_profile_groups_by_file(func, group):
    assert run.group_of(func) == group


def test_profile_groups_partition_the_time_and_give_builtins_to_their_caller():
    scan = ("/w/plugins/eduweb/content_index.py", 10, "scan")
    load = ("/w/plugins/eduweb/frontmatter.py", 250, "load_yaml")
    parse = ("/v/site-packages/yaml/__init__.py", 40, "parse")
    convert = ("/v/site-packages/markdown/core.py", 300, "convert")
    search = ("~", 0, "<method 'search' of 're.Pattern' objects>")
    main = ("/v/site-packages/pelican/__init__.py", 1, "main")
    raw = {
        main: (1, 1, 1.0, 10.0, {}),
        scan: (1, 1, 0.5, 4.0, {main: (1, 1, 0.5, 4.0)}),
        load: (5, 5, 0.2, 3.2, {scan: (5, 5, 0.2, 3.2)}),
        parse: (5, 5, 2.0, 3.0, {load: (5, 5, 2.0, 3.0)}),
        convert: (5, 5, 3.0, 5.0, {main: (5, 5, 3.0, 5.0)}),
        # re.search: 1 s from YAML's parse, 1.5 s from Markdown
        search: (9, 9, 2.5, 2.5, {parse: (4, 4, 1.0, 1.0), convert: (5, 5, 1.5, 1.5)}),
    }
    groups = {name: (own, inclusive) for name, own, inclusive in run.profile_groups(raw)}
    assert groups["YAML"] == (pytest.approx(3.2), 3.2)
    assert groups["Markdown"] == (4.5, 5.0)
    assert groups["our validation (scan)"] == (0.5, 4.0)
    assert groups["other"] == (1.0, None)
    assert sum(own for own, _ in groups.values()) == pytest.approx(9.2)
    assert run.top_files(raw, "YAML") == [("yaml", 3.0), ("plugins/eduweb/frontmatter.py", 0.2)]
