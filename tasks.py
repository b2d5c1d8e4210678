"""Tasks for building, previewing, checking and testing the site (invoke)."""

import hashlib
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "output")
PELICAN = f"{sys.executable} -m pelican"
CHECK = f"{sys.executable} -m eduweb.check"
SCAFFOLD = f"{sys.executable} -m eduweb.scaffold"
DEPLOY = f"{sys.executable} -m eduweb.deploy"
LINKS = f"{sys.executable} -m eduweb.links"
HOST, PORT = "127.0.0.1", 8000
# The JavaScript iCalendar parsers tests/test_ics_parsers.py reads .ics files with.
JS_TESTS = os.path.join(HERE, "tests", "js")


def check_settings(c, settings):
    """Pelican reads the settings file before any plugin is loaded, so a
    mistake that stops the file from running would show as a traceback;
    this reports it, and every other settings problem, as one line each."""
    c.run(f"{CHECK} --settings-only {settings}", env={"PYTHONPATH": "plugins"})


@task
def build(c, output=OUTPUT):
    """Build the site into output/ with warnings fatal."""
    check_settings(c, "pelicanconf.py")
    c.run(f"{PELICAN} content -s pelicanconf.py -o {output} --fatal warnings", pty=False)


@task(
    help={
        "target": "rsync, s3 or none (build only); default: DEPLOY_TARGET in publishconf.py",
        "dry-run": "list what would change at the target, and change nothing",
    }
)
def publish(c, output=OUTPUT, target=None, dry_run=False):
    """Build the site with publishconf.py, then deploy it by rsync over SSH or
    to an S3-compatible bucket (README, "Deploying")."""
    check_settings(c, "publishconf.py")
    c.run(f"{PELICAN} content -s publishconf.py -o {output} --fatal warnings")
    options = (f" --target {target}" if target else "") + (" --dry-run" if dry_run else "")
    c.run(f"{DEPLOY} publishconf.py --output {output}{options}", env={"PYTHONPATH": "plugins"})


# The preview server behind serve and livereload (plugins/eduweb/preview.py).
PREVIEW = f"{sys.executable} -m eduweb.preview"


@task
def serve(c, port=PORT):
    """Build, then serve the site at http://127.0.0.1:8000 (--port N for another).

    A missing address gets the site's own 404 page, with status 404."""
    build(c)
    # in_stream=False: invoke would otherwise forward Ctrl+C to a closed stdin
    # (a traceback when started without a terminal, e.g. from a script).
    c.run(
        f"{PREVIEW} --bind {HOST} --port {port} -o {OUTPUT}",
        env={"PYTHONPATH": "plugins"},
        in_stream=False,
    )


@task
def livereload(c, port=PORT):
    """Serve the site, rebuild it on every save and reload the open pages.

    A content error is printed and shown over the last good page until the
    next good save; the preview keeps running."""
    c.run(
        f"{PREVIEW} --watch --bind {HOST} --port {port} -s pelicanconf.py -o {OUTPUT}",
        env={"PYTHONPATH": "plugins"},
        in_stream=False,
    )


@task(help={"port": "the port on 127.0.0.1 (default 8000)"})
def cms(c, port=PORT):
    """The web editor against the files on this computer, without an account:
    http://127.0.0.1:8000/admin/ saves into content/, and the site beside it
    rebuilds on every save (plugins/eduweb/cms_local.py)."""
    c.run(
        f"{sys.executable} -m eduweb.cms_local --port {int(port)} -s pelicanconf.py -o {OUTPUT}",
        env={"PYTHONPATH": "plugins"},
        in_stream=False,
    )


@task
def clean(c):
    """Remove output/."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(
    help={
        "settings": "the settings file (default pelicanconf.py; CI checks publishconf.py)",
        "github": "also show each problem on its file and line in GitHub, and list them "
        "in the job summary (for GitHub Actions)",
    }
)
def check(c, settings="pelicanconf.py", github=False):
    """Validate the settings and the content (fast: nothing is rendered or written)."""
    options = " --github" if github else ""
    c.run(f"{CHECK}{options} {shlex.quote(settings)}", env={"PYTHONPATH": "plugins"})


@task(
    help={
        "live": "the published site's address (default: PUBLIC_URL of publishconf.py)",
        "allow-unreachable": "go on if the published site cannot be reached (first deploy)",
        "output": "the new build to compare (default: output/)",
    }
)
def check_addresses(c, live=None, allow_unreachable=False, output=OUTPUT):
    """Before a deploy: refuse to drop an address of the published site's
    sitemap.xml that the new build neither has nor redirects (exit 1)."""
    args = ["--output", output, *(["--live", live] if live else [])]
    args += ["--allow-unreachable"] if allow_unreachable else []
    c.run(
        f"{sys.executable} -m eduweb.address_check {shlex.join(args)}",
        env={"PYTHONPATH": "plugins"},
    )


@task(
    name="check-links",
    help={
        "report": "also write the report to this file (for the nightly CI job)",
        "timeout": "seconds to wait for each site (default 10)",
    },
)
def check_links(c, report=None, timeout=10):
    """Check every external link in content/ and list the broken and moved
    ones; always exits 0 (broken links are reported, not a failed build)."""
    options = f" --report {shlex.quote(report)}" if report else ""
    c.run(
        f"{LINKS} pelicanconf.py --timeout {float(timeout)}{options}",
        env={"PYTHONPATH": "plugins"},
    )


def ensure_chromium(c):
    """Install Debian's Chromium for the browser tests if it is missing."""
    if os.path.exists("/usr/bin/chromium"):
        return
    apt_install(c, "chromium", "chromium-driver")


def ensure_deploy_tools(c):
    """Install rsync and an SSH server (Debian's) for tests/test_deploy.py,
    which publishes to an sshd it starts on 127.0.0.1."""
    if shutil.which("rsync") and os.path.exists("/usr/sbin/sshd"):
        return
    apt_install(c, "rsync", "openssh-server", "openssh-client")


def apt_install(c, *packages: str) -> None:
    sudo = "" if os.geteuid() == 0 else "sudo -n "
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    c.run(f"{sudo}apt-get update -qq", env=env)
    c.run(f"{sudo}apt-get install -y -qq {' '.join(packages)}", env=env)


def ensure_js_parsers(c):
    """Install Node.js (Debian's) if it is missing, and the pinned parsers in
    tests/js/package-lock.json when node_modules is missing or older than it."""
    missing = [name for name, cmd in (("nodejs", "node"), ("npm", "npm")) if not shutil.which(cmd)]
    if missing:
        apt_install(c, *missing)
    lock = Path(JS_TESTS, "package-lock.json")
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = Path(JS_TESTS, "node_modules", ".installed-package-lock")
    if stamp.exists() and stamp.read_text() == digest:
        return
    c.run(f"npm ci --prefix {JS_TESTS} --no-audit --no-fund --ignore-scripts")
    stamp.write_text(digest)


@task(
    help={
        "articles": "number of generated news articles (default 1000)",
        "repeat": "builds of each kind, alternating (default 3)",
        "profile": "also run our build once under cProfile and print where the time goes",
        "edits": "one-article edits timed in the preview (invoke livereload; default 3, 0: none)",
    }
)
def bench(c, articles=1000, repeat=3, profile=False, edits=3):
    """Time our build against plain Pelican on a generated corpus of N articles,
    and the preview's rebuild after one-article edits (benchmarks/run.py;
    README, "Build speed")."""
    options = f" --articles {int(articles)} --repeat {int(repeat)} --edits {int(edits)}"
    options += " --profile" if profile else ""
    with c.cd(HERE):
        c.run(f"{sys.executable} -m benchmarks.run{options}", pty=False)


@task
def lint(c):
    """Run ruff over the code."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task
def test(c):
    """Lint, then run the whole test suite (installs Chromium, Node.js, the
    JavaScript iCalendar parsers, rsync and an SSH server if needed)."""
    lint(c)
    ensure_chromium(c)
    ensure_js_parsers(c)
    ensure_deploy_tools(c)
    c.run(f"{sys.executable} -m pytest -q")


# The web editor's form (plugins/eduweb/cms_config.py), made from the content
# schemas; tests/test_cms_config.py fails when the committed copy is stale.
CMS_CONFIG = os.path.join(HERE, "theme", "admin", "config.yml")


@task(name="cms-config")
def cms_config(c):
    """Write theme/admin/config.yml, the web editor's configuration, from the
    content schemas (plugins/eduweb/model.py) and CMS in pelicanconf.py."""
    c.run(
        f"{sys.executable} -m eduweb.cms_config pelicanconf.py {shlex.quote(CMS_CONFIG)}",
        env={"PYTHONPATH": os.path.join(HERE, "plugins")},
    )


# New content files (plugins/eduweb/scaffold.py): every field of the contract
# with a Swedish comment above it; the file builds as it is.
def new_file(c, kind: str, title: str) -> None:
    settings = os.path.join(HERE, "pelicanconf.py")
    c.run(
        f"{SCAFFOLD} {kind} {shlex.quote(title)} {shlex.quote(settings)}",
        env={"PYTHONPATH": os.path.join(HERE, "plugins")},
    )


@task(help={"title": "the article's headline, in quotes"})
def new_article(c, title):
    """Create content/news/<year>/<title>.md dated today: invoke new-article "Titel"."""
    new_file(c, "article", title)


@task(help={"title": "the programme's name, in quotes"})
def new_programme(c, title):
    """Create content/programmes/<title>.md with one round: invoke new-programme "Titel"."""
    new_file(c, "programme", title)


@task(help={"name": "the person's full name, in quotes"})
def new_contact(c, name):
    """Create content/contacts/<name>.yml: invoke new-contact "Förnamn Efternamn"."""
    new_file(c, "contact", name)


@task(help={"title": "the page's title, in quotes"})
def new_page(c, title):
    """Create content/pages/<title>.md: invoke new-page "Titel"."""
    new_file(c, "page", title)


@task(name="vendor-cms")
def vendor_cms(c):
    """Copy Decap CMS (the version tests/js/package.json pins) from
    tests/js/node_modules into theme/admin/vendor/: the files /admin/ loads.

    Run `invoke test` (npm ci) first if tests/js/node_modules is missing."""
    sys.path.insert(0, os.path.join(HERE, "plugins"))
    from eduweb import cms_vendor

    names = cms_vendor.vendor()
    print(f"{len(names)} files in {os.path.relpath(cms_vendor.vendor_folder(), HERE)}")
