"""Browser fixtures: the sample site plus a test page, built and served on
127.0.0.1, driven by pytest-playwright with Debian's Chromium.

Playwright's own browser download is never used: the browser is
/usr/bin/chromium (`invoke test` installs it with apt when missing), and the
browser may talk to 127.0.0.1 only, so no test reaches the network.
"""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from conftest import Site

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = "/usr/bin/chromium"
ASSETS = Path(__file__).parent / "assets"
# Two builds that differ only in the consent policy version, and in the
# search index: one bundle in the first, shards of SHARDED_PAGES pages in
# the second (search_index.py), so that a search merges them.
POLICY_VERSIONS = ("test-1", "test-2")
SHARDED_PAGES = 4
TEST_PAGE = "samtyckestest/"

# A page with what the consent script must hold back: two gated scripts (the
# valid data-src form and the src form) and a YouTube embed written
# the way writers are told to (see the README).
TEST_PAGE_SOURCE = "\n".join(
    [
        "---",
        "title: Samtyckestest",
        "summary: En sida med innehåll som väntar på samtycke.",
        "---",
        "",
        "Den här sidan finns bara i testerna.",
        "",
        '<script type="text/plain" data-consent="statistik" data-src="/__test__/stats.js">'
        "</script>",
        "",
        '<script type="text/plain" data-consent="statistik" src="/__test__/stats-src.js"></script>',
        "",
        '<div class="embed">',
        '<iframe data-consent="externt-innehall" '
        'data-src="https://www.youtube-nocookie.com/embed/abc123" '
        'title="Film: Så kommer ni i gång" allow="fullscreen"></iframe>',
        '<div class="embed__placeholder" data-consent-placeholder="externt-innehall">',
        "<p>Filmen visas från YouTube, som kan sätta cookies. "
        '<a href="https://www.youtube.com/watch?v=abc123">Se filmen på YouTube</a>.</p>',
        "</div>",
        "</div>",
        "",
    ]
)


# A page for the search tests: it says "utbildning" and "distansutbildning",
# never "utbildningen", which a search must find it by (Swedish stemming).
SEARCH_TEST_PAGE = "soktest/"
SEARCH_TEST_SOURCE = (
    "---\ntitle: Söktest\nsummary: En sida som sökningen ska hitta.\n---\n\n"
    "Här står ordet utbildning, en gång, och ordet distansutbildning.\n"
)


def axe_script() -> Path:
    """axe.min.js from the pinned axe-playwright-python package (no npm, no network)."""
    try:
        return Path(str(resources.files("axe_playwright_python") / "axe.min.js"))
    except ModuleNotFoundError:
        pytest.fail("axe-playwright-python is missing: pip install -r requirements-dev.txt")


@pytest.fixture(scope="session")
def consent_builds(tmp_path_factory) -> dict[str, Path]:
    """The sample site with the test page, built once per policy version."""
    site = Site(tmp_path_factory.mktemp("browser") / "site", with_sample=True)
    site.write("pages/samtyckestest.md", TEST_PAGE_SOURCE)
    site.write("pages/soktest.md", SEARCH_TEST_SOURCE)
    outputs = {}
    for version in POLICY_VERSIONS:
        with open(site.root / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write(f"\nCONSENT = dict(CONSENT, policy_version={version!r})\n")
            if version == POLICY_VERSIONS[1]:
                settings.write(f"SEARCH_SHARD_PAGES = {SHARDED_PAGES}\n")
        result = site.build(output=site.root / f"output-{version}")
        assert result.returncode == 0, result.stderr
        test_files = result.output / "__test__"
        shutil.copytree(ASSETS, test_files)
        shutil.copy(axe_script(), test_files / "axe.min.js")
        outputs[version] = result.output
    return outputs


@dataclass
class SiteServer:
    url: str
    builds: dict[str, Path]
    state: dict

    def use(self, version: str) -> None:
        """Serve the build made with this policy version from now on."""
        self.state["root"] = self.builds[version]


@pytest.fixture(scope="session")
def site_server(consent_builds):
    """Serve the built site on a free 127.0.0.1 port."""
    state = {"root": consent_builds[POLICY_VERSIONS[0]]}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(state["root"]), **kwargs)

        def send_head(self):
            # The two builds are a second apart at most: no 304 from a stale
            # If-Modified-Since when the test switches between them.
            del self.headers["If-Modified-Since"]
            return super().send_head()

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield SiteServer(f"http://127.0.0.1:{httpd.server_address[1]}", consent_builds, state)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def served(site_server):
    """The server, put back to the first build after each test."""
    yield site_server
    site_server.use(POLICY_VERSIONS[0])


@pytest.fixture(scope="session")
def base_url(site_server) -> str:
    """page.goto("/") is relative to the served site."""
    return site_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; only 127.0.0.1 resolves."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `invoke test`, which installs Debian's chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        ],
    }
