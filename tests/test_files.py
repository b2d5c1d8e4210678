"""write_whole (plugins/eduweb/files.py): a file is written whole or not at all."""

from __future__ import annotations

import os

import pytest
from eduweb import files
from eduweb.files import write_whole


def test_the_new_bytes_replace_the_file_with_the_mode_asked_for(tmp_path):
    target = tmp_path / "sida.html"
    target.write_bytes(b"gammal")
    write_whole(target, b"ny", prefix=".x-", mode=0o640, sync=True)
    assert target.read_bytes() == b"ny"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sida.html"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_beside_it(tmp_path, monkeypatch):
    target = tmp_path / "sida.html"
    target.write_bytes(b"gammal")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError):
        write_whole(target, b"ny")
    assert target.read_bytes() == b"gammal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sida.html"]


def test_a_missing_folder_is_not_made(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_whole(tmp_path / "saknas" / "fil", b"x")
    assert not os.path.exists(tmp_path / "saknas")
