"""Faults the browser test of the web editor (tests/browser/test_cms_editor_browser.py)
found in the pieces it drives, pinned here in-process so they show without a browser."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from eduweb import cms_config
from eduweb.preview import Builder

SETTINGS = {
    "PUBLIC_URL": "https://www.example.se",
    "CMS": {"backend": "github", "repo": "org/site", "base_url": "https://auth.example.se"},
}


def test_every_collection_puts_uploaded_pictures_in_content_images():
    """Decap stores a picture uploaded from an entry in the entry's own
    folder (content/news/2026/x.png, value `x.png`, which the build refuses)
    unless the collection names the media folder itself; a leading / is the
    site folder."""
    for collection in cms_config.config(SETTINGS)["collections"]:
        assert collection["media_folder"] == "/content/images", collection["name"]
        assert collection["public_folder"] == "/images", collection["name"]


def test_a_new_entry_starts_without_an_empty_round_or_session():
    """An optional list of objects without `default: []` starts a new entry
    with one empty item ("No name"), which the writer must remove to save."""
    programmes = next(
        c for c in cms_config.config(SETTINGS)["collections"] if c["name"] == "programmes"
    )
    rounds = next(f for f in programmes["fields"] if f["name"] == "rounds")
    sessions = next(f for f in rounds["fields"] if f["name"] == "sessions")
    assert rounds["default"] == [] and sessions["default"] == []


def test_a_stopped_build_is_reaped_before_stop_returns(tmp_path: Path):
    """The preview (and `invoke cms`) exits on SIGTERM; a build running then
    must be gone, not left as a zombie in the server's process group."""
    builder = Builder(tmp_path, "pelicanconf.py", tmp_path / "output")
    running = threading.Thread(target=builder.run, args=("-c", "import time; time.sleep(60)"))
    running.start()
    deadline = time.monotonic() + 30
    while builder.current is None:
        assert time.monotonic() < deadline, "the child did not start"
        time.sleep(0.01)
    child = builder.current
    builder.stop()
    assert child.returncode is not None
    running.join(timeout=30)
    assert sys.platform == "win32" or child.returncode < 0
