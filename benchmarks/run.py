"""Build-speed benchmark: our build against plain Pelican on the same articles.

    python -m benchmarks.run --articles 1000 [--repeat 3] [--profile]

Generates the corpus (benchmarks/generate.py) in a work folder, then builds

- ours: the project's pelicanconf.py (copied, pointed at the corpus, the
  project's theme and plugin), with `--fatal warnings` like `invoke build`;
- plain: Pelican 4.12 with its default theme `notmyidea`, no plugins, the
  same N articles (DEFAULT_PAGINATION = NEWS_PER_PAGE, as our lists page);

R times each, alternating (ours, plain, plain, ours, … so that a drift in the
machine's load falls on both), each in a fresh subprocess into a fresh output
folder, with SOURCE_DATE_EPOCH fixed. Wall time is measured around the
subprocess; peak memory is the child's own maximum resident set size from
os.wait4 (per build, not the maximum over all children so far). Pages are the
.html files written.

`--profile` runs our build once more under cProfile and prints the top 25
functions by cumulative and by own time, and the time grouped into YAML,
Markdown, Jinja render, icalendar, file writing, our validation (scan) and
other.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate

ROOT = Path(__file__).resolve().parent.parent
# ours-cold: no cache (the first build on a machine: content and picture
# caches removed); ours: the cache of the build before it kept, as CI keeps
# .cache/ between runs and as every later build on a desk, nothing changed
# (a nightly rebuild); ours-edit: the same, after a one-article edit (a
# writer's push); plain: Pelican.
KINDS = ("ours-cold", "ours", "ours-edit", "plain")
OURS = ("ours-cold", "ours", "ours-edit")


@dataclass(frozen=True)
class Measurement:
    kind: str
    seconds: float
    pages: int
    files: int
    max_rss_kb: int


@dataclass(frozen=True)
class Row:
    kind: str
    median: float
    minimum: float
    pages: int
    pages_per_second: float
    peak_mb: float
    files: int


def ours_settings(corpus: Path) -> str:
    """The project's pelicanconf.py, pointed at the corpus, theme and plugin."""
    text = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    return text + (
        "\n# benchmarks/run.py: the generated corpus, the project's theme and plugin\n"
        f'PATH = "content"\nTHEME = {str(ROOT / "theme")!r}\n'
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        # Kept with the corpus, not in the project's .cache/ folder.
        f"PICTURE_CACHE = {str(corpus / '.cache' / 'images')!r}\n"
    )


PLAIN_SETTINGS = """\
# Plain Pelican for benchmarks/run.py: default theme, no plugins.
SITENAME = "Digitalt ledarskap"
SITEURL = ""
FEED_DOMAIN = "https://digitaltledarskap.example.se"
PATH = "content"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
PLUGINS = []
DEFAULT_PAGINATION = 10
"""


def prepare(work: Path, articles: int, seed: int) -> dict[str, int]:
    """Generate the corpus and write both settings files."""
    info = generate.generate(work, articles, seed)
    (work / "ours" / "pelicanconf.py").write_text(ours_settings(work / "ours"), encoding="utf-8")
    (work / "plain" / "pelicanconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    return info


def pelican_command(kind: str, output: Path) -> list[str]:
    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"]
    command += ["-o", str(output)]
    # Ours as `invoke build` runs it; plain Pelican's default theme warns
    # about nothing we care about, and a warning must not end its build.
    return command + (["--fatal", "warnings"] if kind in OURS else [])


def build_env() -> dict[str, str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(generate.BUILD_EPOCH))
    env.pop("PUBLIC_URL", None)
    return env


def run_build(
    kind: str, site: Path, output: Path, profile: Path | None = None, one_process: bool = False
) -> Measurement:
    """One build in a fresh subprocess; wall time and the child's own peak RSS.
    With `profile`, under cProfile, its statistics written there."""
    shutil.rmtree(output, ignore_errors=True)
    if kind == "ours-cold":
        shutil.rmtree(site / ".cache", ignore_errors=True)
    elif kind == "ours-edit":
        edit_one_article(site)
    command = pelican_command(kind, output)
    if one_process:
        command += ["-e", "BUILD_WORKERS=1"]
    if profile:
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), *command[1:]]
    log = site / f"{kind}-build.log"
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command,
            cwd=site,
            env=build_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's rusage (its max RSS), unlike the running
        # maximum that getrusage(RUSAGE_CHILDREN) keeps over all children.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(
            f"{kind} build failed (exit {proc.returncode}):\n"
            + log.read_text(encoding="utf-8", errors="replace")[-4000:]
        )
    pages, files = count_files(output)
    return Measurement(kind, seconds, pages, files, usage.ru_maxrss)


def edit_one_article(site: Path) -> Path:
    """A writer's push: a new title and a new sentence in one news article,
    a different one each time (a title shows on the article, the lists, its
    tag pages, the feed and the search index)."""
    articles = sorted((site / "content" / "news").rglob("*.md"))
    state = site / "edits.txt"
    count = int(state.read_text()) + 1 if state.exists() else 1
    state.write_text(str(count))
    path = articles[(count * 7919) % len(articles)]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: (.*)$", rf"title: \1 (uppdaterad {count})", text, count=1, flags=re.M)
    path.write_text(text + f"\nTillägg nummer {count} till texten.\n", encoding="utf-8")
    return path


def site_of(work: Path, kind: str) -> Path:
    return work / ("plain" if kind == "plain" else "ours")


def count_files(output: Path) -> tuple[int, int]:
    """(.html files, all files) under output."""
    pages = files = 0
    for _, _, names in os.walk(output):
        files += len(names)
        pages += sum(name.endswith(".html") for name in names)
    return pages, files


def schedule(repeat: int) -> list[str]:
    """ours-cold, ours, ours-edit, plain, plain, ours-cold, …: alternating, so
    that a drift in the machine's load falls on both; a warm build always
    follows the cold one that filled its cache, and the edit the warm one."""
    order: list[str] = []
    for index in range(repeat):
        order += [*OURS, "plain"] if index % 2 == 0 else ["plain", *OURS]
    return order


def summarize(measurements: list[Measurement]) -> list[Row]:
    """One row per kind: median and minimum wall time, pages, pages per second
    (at the median), and peak memory (the largest over the repetitions)."""
    rows = []
    for kind in KINDS:
        runs = [m for m in measurements if m.kind == kind]
        if not runs:
            continue
        median = statistics.median(m.seconds for m in runs)
        pages = runs[-1].pages
        rows.append(
            Row(
                kind=kind,
                median=median,
                minimum=min(m.seconds for m in runs),
                pages=pages,
                pages_per_second=pages / median if median else 0.0,
                peak_mb=max(m.max_rss_kb for m in runs) / 1024,
                files=runs[-1].files,
            )
        )
    return rows


def ratio(rows: list[Row], kind: str = "ours") -> float | None:
    """Median wall time of one of ours over plain's (below 1: ours is faster)."""
    by_kind = {row.kind: row for row in rows}
    if kind not in by_kind or "plain" not in by_kind or not by_kind["plain"].median:
        return None
    return by_kind[kind].median / by_kind["plain"].median


HEADER = ("build", "median s", "min s", "pages", "pages/s", "peak MB", "files")


def format_table(rows: list[Row]) -> str:
    """A Markdown table (pasted as it is into README.md), with the ratio line."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = (
            row.kind,
            f"{row.median:.2f}",
            f"{row.minimum:.2f}",
            str(row.pages),
            f"{row.pages_per_second:.1f}",
            f"{row.peak_mb:.0f}",
            str(row.files),
        )
        lines.append("| " + " | ".join(cells) + " |")
    for kind in OURS:
        value = ratio(rows, kind)
        if value is not None:
            lines.append(f"| ratio {kind}/plain | {value:.2f} | | | | | |")
    return "\n".join(lines)


def parse_table(text: str) -> list[Row]:
    """The rows of a table format_table printed (e.g. from a saved run)."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != len(HEADER) or cells[0] not in KINDS:
            continue
        kind, median, minimum, pages, per_second, peak, files = cells
        rows.append(
            Row(kind, float(median), float(minimum), int(pages), float(per_second),
                float(peak), int(files))
        )  # fmt: skip
    return rows


# Profile groups: the first whose pattern is in a function's file (or name,
# for built-ins) holds it. "file writing" is the built-in I/O calls, shutil,
# and our writer and staging; Pelican's own writer, which renders the
# templates before it writes, stays in "other".
GROUPS = [
    # The front matter: the YAML parser and our builder of values with lines.
    ("YAML", ("/yaml/", "_yaml", "eduweb/frontmatter.py")),
    ("Markdown", ("/markdown/", "eduweb/markdown_render.py")),
    ("Jinja render", ("/jinja2/", "/markupsafe/", "/templates/", "<template>")),
    ("calendar files", ("/icalendar/", "eduweb/icalendar_feed.py")),
    (
        "file writing",
        (
            "eduweb/writer.py",
            "eduweb/staging.py",
            "shutil.py",
            "method 'write' of",
            "method 'flush' of",
            "built-in method io.open",
            "built-in method _io.open",
            "built-in method posix.",
        ),
    ),
    (
        "our validation (scan)",
        (
            "eduweb/content_index.py",
            "eduweb/model.py",
            "eduweb/body_checks.py",
            "/pydantic",
        ),
    ),
]
GROUP_NAMES = [group for group, _ in GROUPS] + ["other"]

Func = tuple[str, int, str]


def group_of(func: Func) -> str:
    filename, _, name = func
    text = f"{filename} {name}"
    for group, patterns in GROUPS:
        if any(pattern in text for pattern in patterns):
            return group
    return "other"


# Each group's inclusive time: the cumulative time of these functions (file
# part, names), at their outermost calls; file writing has no single entry.
ENTRY_POINTS = {
    # load_yaml: the parser's events and the builder of values with lines.
    "YAML": ("eduweb/frontmatter.py", ("load_yaml",)),
    "Markdown": ("/markdown/core.py", ("convert",)),
    "Jinja render": ("/jinja2/environment.py", ("render",)),
    "calendar files": ("eduweb/icalendar_feed.py", ("calendar_ics",)),
    "our validation (scan)": ("eduweb/content_index.py", ("scan",)),
}


def short_file(filename: str) -> str:
    """A library's package name, or our file below plugins/."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if "/plugins/" in filename:
        return "plugins/" + filename.split("/plugins/")[1]
    return filename


def own_times(raw: dict) -> dict[tuple[str, str], float]:
    """Own time per (group, file), from pstats' raw table
    {func: (cc, nc, tottime, cumtime, {caller: (cc, nc, tottime, cumtime)})}.
    A built-in function that no pattern names (a regex search, a str.join)
    counts for the code that called it. The values add up to the total."""
    totals: dict[tuple[str, str], float] = {}
    for func, (_, _, tottime, _, callers) in raw.items():
        group = group_of(func)
        if group == "other" and func[0] == "~" and callers:
            shares = [(caller, edge[2]) for caller, edge in callers.items()]
        else:
            shares = [(func, tottime)]
        for owner, seconds in shares:
            key = (group_of(owner), short_file(owner[0]))
            totals[key] = totals.get(key, 0.0) + seconds
    return totals


def is_entry(group: str, func: Func) -> bool:
    part, names = ENTRY_POINTS[group]
    return part in func[0] and func[2] in names


def profile_groups(raw: dict) -> list[tuple[str, float, float | None]]:
    """(group, own time, inclusive time) per group. Own times partition the
    total; inclusive times overlap (our validation reads YAML)."""
    own = dict.fromkeys(GROUP_NAMES, 0.0)
    for (group, _), seconds in own_times(raw).items():
        own[group] += seconds
    inclusive: dict[str, float] = {}
    for group in ENTRY_POINTS:
        inclusive[group] = sum(
            cumtime
            for func, (_, _, _, cumtime, callers) in raw.items()
            if is_entry(group, func) and not any(is_entry(group, c) for c in callers)
        )
    return [(name, own[name], inclusive.get(name)) for name in GROUP_NAMES]


def top_files(raw: dict, group: str, count: int = 6) -> list[tuple[str, float]]:
    """The files (packages, for libraries) with the most own time in a group."""
    files = [(name, t) for (g, name), t in own_times(raw).items() if g == group]
    return sorted(files, key=lambda item: -item[1])[:count]


def run_profile(site: Path, work: Path, kind: str) -> None:
    out = work / f"profile-{kind}.out"
    # One process (BUILD_WORKERS=1): cProfile sees only the process it runs
    # in, and the work of forked workers would be missing from the profile.
    measurement = run_build(kind, site, work / "output-profile", profile=out, one_process=True)
    print(
        f"\nProfiled build ({kind}): {measurement.seconds:.1f} s wall, "
        f"{measurement.max_rss_kb / 1024:.0f} MB"
    )
    stats = pstats.Stats(str(out))
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\nProfile of our build (cProfile): {total:.1f} s under the profiler\n")
    for key in ("cumulative", "tottime"):
        print(f"Top 25 by {key}:")
        stats.sort_stats(key).print_stats(25)
    raw = stats.stats  # type: ignore[attr-defined]
    print("| group | own time s | own % | inclusive s |")
    print("|---|---|---|---|")
    for group, own_time, inclusive in profile_groups(raw):
        share = 100 * own_time / total if total else 0
        shown = "" if inclusive is None else f"{inclusive:.1f}"
        print(f"| {group} | {own_time:.1f} | {share:.0f} | {shown} |")
    others = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in top_files(raw, "other"))
    print(f"\n'other' by file: {others}")


def time_edits(work: Path, edits: int) -> None:
    """`invoke livereload` on a copy of our corpus: the time from saving a
    one-article edit to the rebuilt page being served
    (benchmarks/preview_edit.py)."""
    site = work / "preview"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir()
    shutil.copytree(work / "ours" / "content", site / "content")
    shutil.copy2(work / "ours" / "pelicanconf.py", site / "pelicanconf.py")
    print(f"\nPreview (invoke livereload), {edits} one-article edits:", flush=True)
    env = build_env()
    command = [sys.executable, "-m", "benchmarks.preview_edit", str(site), "--edits", str(edits)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    shutil.rmtree(site, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="also profile our build once")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--edits",
        type=int,
        default=0,
        help="also time the preview's rebuild after this many one-article edits",
    )
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="eduweb-bench-"))
    try:
        info = prepare(work, args.articles, args.seed)
        print(f"Corpus in {work}: {info}")
        load = os.getloadavg()
        print(f"Load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        measurements = []
        for index, kind in enumerate(schedule(args.repeat)):
            m = run_build(kind, site_of(work, kind), work / f"output-{kind}-{index}")
            shutil.rmtree(work / f"output-{kind}-{index}", ignore_errors=True)
            print(f"  {kind}: {m.seconds:.2f} s, {m.pages} pages, {m.max_rss_kb / 1024:.0f} MB")
            measurements.append(m)
        load = os.getloadavg()
        print(f"Load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
        print(format_table(summarize(measurements)))
        if args.edits:
            time_edits(work, args.edits)
        if args.profile:
            for kind in OURS[:2]:  # cold first: it fills the cache the warm one reads
                run_profile(work / "ours", work, kind)
    finally:
        if args.keep or args.work:
            print(f"\nWork folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
