"""Tasks for building, previewing, checking and testing the site (invoke)."""

import os
import shutil
import sys

from invoke import task

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "output")
PELICAN = f"{sys.executable} -m pelican"
CHECK = f"{sys.executable} -m eduweb.check"
HOST, PORT = "127.0.0.1", 8000


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


def ensure_chromium(c):
    """Install Debian's Chromium for the browser tests if it is missing."""
    if os.path.exists("/usr/bin/chromium"):
        return
    sudo = "" if os.geteuid() == 0 else "sudo -n "
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    c.run(f"{sudo}apt-get update -qq", env=env)
    c.run(f"{sudo}apt-get install -y -qq chromium chromium-driver", env=env)


@task
def lint(c):
    """Run ruff over the code."""
    c.run(f"{sys.executable} -m ruff check .")
    c.run(f"{sys.executable} -m ruff format --check .")


@task
def test(c):
    """Lint, then run the whole test suite (installs Chromium if needed)."""
    lint(c)
    ensure_chromium(c)
    c.run(f"{sys.executable} -m pytest -q")
