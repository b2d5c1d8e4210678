"""Links that never break (issue 9, point 7): old addresses under `aliases:`,
the redirects every host gets, and the check of the live site's sitemap
before a deploy (`invoke check-addresses`)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, Site, article
from eduweb import address_check, host_files, messages
from eduweb.content_index import scan
from eduweb.dates import site_timezone

# The messages here are asserted in Swedish, the writers' language.
pytestmark = pytest.mark.usefixtures("swedish_messages")


OWN = "content/pages/a.md:4: aliases[0]: "
EXAMPLE = "t.ex. /nyheter/2023/gammal-rubrik/"

# (message key, the alias written in content/pages/a.md, the line the writer sees).
# The site also has /b/ (a page), a news article tagged Digitalisering and
# the programme /utbildningar/kurs/.
ALIAS_CASES = [
    (
        "alias.not_text",
        "[x]",
        OWN + "väntade en adress, hittade ['x'] (skriv en gammal adress per rad, "
        "t.ex. - /nyheter/2023/gammal-rubrik/)",
    ),
    (
        "alias.bad_character",
        '"/gammal sida/"',
        OWN + "'/gammal sida/' innehåller ett mellanslag, som en adress inte kan ha "
        f"(kopiera adressen från webbläsarens adressfält, {EXAMPLE})",
    ),
    (
        "alias.bad_character",
        "/a%0A/",
        OWN + "'/a%0A/' innehåller det osynliga tecknet U+000A, som en adress inte kan ha "
        f"(kopiera adressen från webbläsarens adressfält, {EXAMPLE})",
    ),
    (
        "alias.has_host",
        "https://www.example.se/om/",
        OWN + "'https://www.example.se/om/' har ett domännamn; skriv bara delen efter "
        f"domännamnet, med / först ({EXAMPLE})",
    ),
    (
        "alias.has_host",
        "//evil.example/x/",
        OWN + "'//evil.example/x/' har ett domännamn; skriv bara delen efter "
        f"domännamnet, med / först ({EXAMPLE})",
    ),
    (
        "alias.not_path",
        "om-oss/",
        OWN + "'om-oss/' är ingen adress på webbplatsen (skriv den med / först och utan "
        f"tomma delar som //, {EXAMPLE})",
    ),
    (
        "alias.not_path",
        "/a//b/",
        OWN + "'/a//b/' är ingen adress på webbplatsen (skriv den med / först och utan "
        f"tomma delar som //, {EXAMPLE})",
    ),
    (
        "alias.dot_segment",
        "/a/../b/",
        OWN + "'/a/../b/' innehåller . eller .. som en del av adressen (skriv hela "
        f"adressen utan dem, {EXAMPLE})",
    ),
    (
        "alias.dot_segment",
        "/a/%2e%2e/b/",
        OWN + "'/a/%2e%2e/b/' innehåller . eller .. som en del av adressen (skriv hela "
        f"adressen utan dem, {EXAMPLE})",
    ),
    (
        "alias.query",
        "/a/?sida=2",
        OWN + "'/a/?sida=2' innehåller ? eller #; en gammal adress leds vidare utan dem "
        "(ta bort allt från ? eller #)",
    ),
    (
        "alias.own_address",
        "/a",
        OWN + "'/a/' är sidans egen adress (under aliases: skrivs bara gamla adresser som "
        "ska leda hit; ta bort raden)",
    ),
    (
        "alias.taken",
        "/b/",
        OWN + "'/b/' är adressen till content/pages/b.md, så den kan inte leda hit (ta bort raden)",
    ),
    (
        "alias.taken",
        "/utbildningar/kurs/kalender.ics",
        OWN + "'/utbildningar/kurs/kalender.ics' är adressen till "
        "content/programmes/kurs.md, så den kan inte leda hit (ta bort raden)",
    ),
    (
        "alias.tag_page",
        "/nyheter/amne/digitalisering/",
        OWN + "'/nyheter/amne/digitalisering/' är adressen till en ämnessida som finns, "
        "så den kan inte leda hit (ta bort raden)",
    ),
    (
        "alias.reserved",
        "/kalender/",
        OWN + "'/kalender/' är en adress som webbplatsen själv använder (ta bort raden)",
    ),
    (
        "alias.reserved",
        "/",
        OWN + "'/' är en adress som webbplatsen själv använder (ta bort raden)",
    ),
    (
        "alias.reserved",
        "/nyheter/sida/3/",
        OWN + "'/nyheter/sida/3/' är en adress som webbplatsen själv använder (ta bort raden)",
    ),
    (
        "alias.reserved",
        "/theme/css/site.css",
        OWN + "'/theme/css/site.css' är en adress som webbplatsen själv använder (ta bort raden)",
    ),
    (
        "alias.reserved",
        "/_redirects",
        OWN + "'/_redirects/' är en adress som webbplatsen själv använder (ta bort raden)",
    ),
]


# Every other key of this area, with how it is triggered; the tests below
# hold the program to these lines.
URL = "http://127.0.0.1:8000"
OTHER_CASES = [
    (
        "alias.repeated",
        "/gammal/ and /gammal on lines 4 and 5 of one file",
        "content/pages/a.md:5: aliases[1]: '/gammal/' står redan på rad 4 (ta bort den ena raden)",
    ),
    (
        "alias.claimed",
        "/gammal/ in content/pages/a.md and /gammal in content/pages/c.md",
        "content/pages/c.md:3: aliases[0]: '/gammal/' står redan under aliases: i "
        "content/pages/a.md:4; en gammal adress kan bara leda till en sida (ta bort den "
        "ena raden)",
    ),
    (
        "addresses.dropped",
        "the live sitemap has /nyheter/2023/gammal/, the build neither has nor redirects it",
        "/nyheter/2023/gammal/ finns på den publicerade webbplatsen men försvinner med det här "
        "bygget, och ingen omdirigering leder vidare (skriv den under aliases: i sidan som "
        "ersätter den: aliases: [/nyheter/2023/gammal/])",
    ),
    (
        "addresses.summary",
        "two such addresses",
        "2 publicerade adresser skulle sluta fungera; publicera inte förrän de leds vidare",
    ),
    (
        "addresses.ok",
        "every address of a sitemap of five is kept or redirected",
        f"Alla 5 adresser i {URL}/sitemap.xml finns kvar eller leds vidare.",
    ),
    (
        "addresses.unreachable",
        "the live site answers 404 for sitemap.xml",
        f"den publicerade webbplatsens {URL}/sitemap.xml gick inte att hämta (HTTP 404 File "
        "not found); kontrollera adressen, eller lägg till --allow-unreachable om "
        "webbplatsen aldrig har publicerats",
    ),
    (
        "addresses.unreachable_allowed",
        "the same, with --allow-unreachable",
        f"{URL}/sitemap.xml gick inte att hämta (HTTP 404 File not found); fortsätter ändå "
        "(--allow-unreachable: första publiceringen)",
    ),
    (
        "addresses.bad_sitemap",
        "the live sitemap.xml is an HTML page",
        f"{URL}/sitemap.xml är ingen sitemap som går att läsa (ingen <urlset>, utan <html>)",
    ),
    (
        "addresses.no_settings",
        "no --live and no publishconf.py",
        "publishconf.py finns inte, så den publicerade webbplatsens adress (PUBLIC_URL) är "
        "okänd (ange den: --live https://www.example.se)",
    ),
    (
        "addresses.no_output",
        "--output names a folder that does not exist",
        "saknas finns inte eller är tomt (bygg webbplatsen först: invoke publish)",
    ),
]
MESSAGE_CASES = ALIAS_CASES + OTHER_CASES


def case(key: str, url: str = URL) -> str:
    (line,) = [line for k, _how, line in OTHER_CASES if k == key]
    return line.replace(URL, url)


def scan_site(root: Path):
    return scan({"PATH": str(root / "content"), "_eduweb_tz": site_timezone("Europe/Stockholm")})


def alias_site(tmp_path: Path, *aliases: str) -> Site:
    site = Site(tmp_path / "site")
    lines = "".join(f"  - {alias}\n" for alias in aliases)
    site.write("pages/a.md", f"---\ntitle: A\naliases:\n{lines}---\n\nText.\n")
    site.write("pages/b.md", "---\ntitle: B\n---\n\nText.\n")
    site.write("news/rubrik.md", article(tags="[Digitalisering]"))
    site.write("programmes/kurs.md", "---\ntitle: Kurs\nsummary: Om kursen.\n---\n")
    return site


@pytest.mark.parametrize(("key", "alias", "expected"), ALIAS_CASES)
def test_each_alias_message_in_swedish(tmp_path, key, alias, expected):
    assert key in messages.CATALOGUE
    index = scan_site(alias_site(tmp_path, alias).root)
    assert [str(e) for e in index.errors] == [expected]
    assert index.aliases == {}


def test_every_key_of_this_area_has_a_row():
    keys = {k for k in messages.CATALOGUE if k.startswith(("alias.", "addresses."))}
    assert keys == {row[0] for row in MESSAGE_CASES}


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("/nyheter/2023/gammal-rubrik/", "/nyheter/2023/gammal-rubrik/"),
        ("/gammal", "/gammal/"),  # a folder address ends in /
        ("/om/index.html", "/om/"),  # the same page as /om/
        ("/%C3%A5rsplan/", "/årsplan/"),  # escapes decoded: one address, one way
        ("/dokument/plan.pdf", "/dokument/plan.pdf"),  # a file keeps its name
    ],
)
def test_aliases_are_normalised(tmp_path, written, address):
    index = scan_site(alias_site(tmp_path, written).root)
    assert index.errors == []
    assert {a: d.rel_path for a, d in index.aliases.items()} == {address: "content/pages/a.md"}


def test_an_alias_written_twice_in_one_file(tmp_path):
    index = scan_site(alias_site(tmp_path, "/gammal/", "/gammal").root)
    assert [str(e) for e in index.errors] == [case("alias.repeated")]


def test_two_files_may_not_claim_one_alias(tmp_path):
    site = alias_site(tmp_path, "/gammal/")
    site.write("pages/c.md", "---\ntitle: C\naliases: [/gammal]\n---\n\nText.\n")
    assert [str(e) for e in scan_site(site.root).errors] == [case("alias.claimed")]


def test_news_and_programmes_have_aliases_too(tmp_path):
    site = Site(tmp_path / "site")
    site.write("news/ny.md", article(aliases="[/nyheter/2023/gammal-rubrik/]"))
    site.write("programmes/kurs.md", "---\ntitle: K\nsummary: S.\naliases: [/kurser/k/]\n---\n")
    index = scan_site(site.root)
    assert index.errors == []
    assert {a: d.rel_path for a, d in index.aliases.items()} == {
        "/nyheter/2023/gammal-rubrik/": "content/news/ny.md",
        "/kurser/k/": "content/programmes/kurs.md",
    }


# ------------------------------------------------------------ the host files
REDIRECTS = [("/gammal/", "/nyheter/2024/ny/"), ("/årsplan/", "/plan/"), ("/a.b/x.pdf", "/c/")]


def test_netlify_redirects_are_301_lines_percent_encoded():
    assert host_files.netlify_redirects(REDIRECTS).splitlines()[1:] == [
        "/gammal/ /nyheter/2024/ny/ 301",
        "/%C3%A5rsplan/ /plan/ 301",
        "/a.b/x.pdf /c/ 301",
    ]


def test_htaccess_redirects_match_the_whole_address_only():
    text = host_files.htaccess("default-src 'self'", REDIRECTS)
    assert '  RedirectMatch 301 "^/gammal/?$" "/nyheter/2024/ny/"' in text
    assert '  RedirectMatch 301 "^/a\\.b/x\\.pdf$" "/c/"' in text


def test_a_build_writes_a_redirect_for_every_host(tmp_path):
    """One subprocess build: _redirects, .htaccess and the alias page, and
    nothing for the old address in the sitemap or for a draft's alias."""
    site = Site(tmp_path / "site")
    site.write("news/ny.md", article(title="Ny", aliases="[/nyheter/2023/gammal-rubrik]"))
    site.write("pages/plan.md", "---\ntitle: Plan\naliases: ['/%C3%A5rsplan/']\n---\n\nText.\n")
    site.write("pages/utkast.md", "---\ntitle: U\nstatus: draft\naliases: [/u/]\n---\n\nText.\n")
    site.write("programmes/kurs.md", "---\ntitle: K\nsummary: S.\naliases: [/kurser/k/]\n---\n")
    build = site.build()
    assert build.returncode == 0, build.stderr
    expected = [
        ("/kurser/k/", "/utbildningar/kurs/"),
        ("/nyheter/2023/gammal-rubrik/", "/nyheter/2024/ny/"),
        ("/årsplan/", "/plan/"),
    ]
    assert build.text("_redirects") == host_files.netlify_redirects(expected)
    assert '"^/kurser/k/?$" "/utbildningar/kurs/"' in build.text(".htaccess")
    # The .htaccess is one file: media types (issue 4), headers and redirects.
    assert "AddType text/vcard .vcf" in build.text(".htaccess")
    page = build.html("nyheter/2023/gammal-rubrik/")
    assert (
        page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/nyheter/2024/ny/"
    )
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == "https://digitaltledarskap.example.se/nyheter/2024/ny/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("a")["href"] == "/nyheter/2024/ny/"
    assert "Sidan har flyttat" in page.get_text()
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert (build.output / "årsplan/index.html").is_file()
    assert not (build.output / "u").exists()
    sitemap = build.text("sitemap.xml")
    assert "gammal-rubrik" not in sitemap and "kurser" not in sitemap


# ------------------------------------------------- the check before a deploy
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{}
</urlset>
"""


def sitemap(*paths: str) -> bytes:
    rows = "\n".join(f"  <url><loc>https://live.example.se{p}</loc></url>" for p in paths)
    return SITEMAP.format(rows).encode()


@pytest.fixture
def live_site(tmp_path):
    """A "live" site on 127.0.0.1: write its files into the yielded folder."""
    folder = tmp_path / "live"
    folder.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def output_with(tmp_path: Path, files: list[str], redirects: str = "") -> Path:
    output = tmp_path / "output"
    for name in files:
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    if redirects:
        (output / "_redirects").write_text(redirects, encoding="utf-8")
    return output


def run_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`invoke check-addresses` runs this command."""
    return subprocess.run(
        [sys.executable, "-m", "eduweb.address_check", *args],
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_address_dropped_without_redirect_stops_the_deploy(tmp_path, live_site):
    folder, url = live_site
    (folder / "sitemap.xml").write_bytes(
        sitemap("/", "/om-oss/", "/nyheter/2023/gammal/", "/%C3%A5rsplan/", "/nyheter/sida/4/")
    )
    output = output_with(tmp_path, ["index.html", "om-oss/index.html"])
    result = run_check("--live", url, "--output", str(output))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        case("addresses.dropped"),
        case("addresses.dropped").replace("/nyheter/2023/gammal/", "/årsplan/"),
        case("addresses.summary"),
    ]


def test_an_address_that_is_redirected_or_kept_passes(tmp_path, live_site):
    folder, url = live_site
    (folder / "sitemap.xml").write_bytes(
        sitemap("/", "/om-oss", "/nyheter/2023/gammal/", "/%C3%A5rsplan/", "/kalender.ics")
    )
    output = output_with(
        tmp_path,
        ["index.html", "om-oss/index.html", "kalender.ics"],
        "# comment\n/nyheter/2023/gammal/ /nyheter/2024/ny/ 301\n/%C3%A5rsplan/ /plan/ 301\n",
    )
    result = run_check("--live", url + "/sitemap.xml", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == case("addresses.ok", url) + "\n"


def test_an_unreachable_live_site(tmp_path, live_site):
    _folder, url = live_site  # serves no sitemap.xml: 404
    output = output_with(tmp_path, ["index.html"])
    result = run_check("--live", url, "--output", str(output))
    assert result.returncode == 1
    assert result.stderr == case("addresses.unreachable", url) + "\n"
    first_deploy = run_check("--live", url, "--output", str(output), "--allow-unreachable")
    assert first_deploy.returncode == 0
    assert first_deploy.stdout == case("addresses.unreachable_allowed", url) + "\n"
    closed = run_check("--live", "http://127.0.0.1:9", "--output", str(output))
    assert closed.returncode == 1 and "gick inte att hämta" in closed.stderr
    assert "Traceback" not in closed.stderr


def test_a_live_file_that_is_not_a_sitemap(tmp_path, live_site):
    folder, url = live_site
    (folder / "sitemap.xml").write_text("<html>oj</html>", encoding="utf-8")
    result = run_check("--live", url, "--output", str(output_with(tmp_path, ["index.html"])))
    assert result.returncode == 1
    assert result.stderr == case("addresses.bad_sitemap", url) + "\n"


def test_without_a_build_or_settings(tmp_path):
    result = run_check("--live", "http://127.0.0.1:9", "--output", "saknas")
    assert result.returncode == 1
    assert result.stderr == case("addresses.no_output") + "\n"
    output = str(output_with(tmp_path, ["index.html"]))
    result = run_check("--output", output, "--settings", "publishconf.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == case("addresses.no_settings") + "\n"


def test_the_built_sample_site_keeps_its_own_addresses(sample_build):
    """A build compared with its own sitemap drops nothing."""
    live = address_check.sitemap_addresses(sample_build.text("sitemap.xml").encode())
    assert len(live) > 10
    built = address_check.built_addresses(sample_build.output)
    assert address_check.dropped_addresses(live, built) == []
