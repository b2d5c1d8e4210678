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


@task
def publish(c, output=OUTPUT):
    """Build the site for publishing, with publishconf.py."""
    check_settings(c, "publishconf.py")
    c.run(f"{PELICAN} content -s publishconf.py -o {output} --fatal warnings")


@task
def serve(c):
    """Build, then serve the site at http://127.0.0.1:8000."""
    build(c)
    print(f"Webbplatsen visas på http://{HOST}:{PORT}/ (avsluta med Ctrl+C)")
    c.run(f"{PELICAN} --listen --bind {HOST} --port {PORT} -s pelicanconf.py -o {OUTPUT}")


@task
def livereload(c):
    """Serve the site and rebuild it whenever content or theme changes."""
    check_settings(c, "pelicanconf.py")
    c.run(
        f"{PELICAN} content --autoreload --listen --bind {HOST} --port {PORT} "
        f"-s pelicanconf.py -o {OUTPUT}"
    )


@task
def clean(c):
    """Remove output/."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task
def check(c):
    """Validate the settings and the content (fast: nothing is rendered or written)."""
    c.run(f"{CHECK} pelicanconf.py", env={"PYTHONPATH": "plugins"})


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
    c.run(f"npm ci --prefix {JS_TESTS} --no-audit --no-fund")
    stamp.write_text(digest)


@task
def lint(c):
    """Run ruff over the code."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task
def test(c):
    """Lint, then run the whole test suite (installs Chromium, Node.js and the
    JavaScript iCalendar parsers if needed)."""
    lint(c)
    ensure_chromium(c)
    ensure_js_parsers(c)
    c.run(f"{sys.executable} -m pytest -q")
