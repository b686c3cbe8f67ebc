"""The private temporary folder: owner-only, one per process, stale ones of dead runs removed."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from mediation_desk.ui import temp_folder
from mediation_desk.ui.widgets.pdf_preview import write_temp

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and flock")


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setattr(temp_folder.tempfile, "tempdir", str(tmp_path))
    temp_folder.remove_private_folder()
    yield tmp_path
    temp_folder.remove_private_folder()


@posix_only
def test_one_owner_only_folder_per_process(fresh):
    path = write_temp(b"%PDF-1.7 generated", "调解协议书.pdf")
    folder = temp_folder.private_folder()
    assert path.parent == folder and folder.parent == fresh
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert write_temp(b"x", "b.pdf").parent == folder
    temp_folder.remove_private_folder()
    assert not folder.exists()


@posix_only
def test_stale_folders_of_dead_runs_are_removed_live_ones_kept(fresh):
    import fcntl

    dead = fresh / f"{temp_folder.PREFIX}dead"
    dead.mkdir()
    (dead / ".lock").touch()
    (dead / "身份证.pdf").write_bytes(b"left behind")
    live = fresh / f"{temp_folder.PREFIX}live"
    live.mkdir()
    held = open(live / ".lock", "wb")  # noqa: SIM115
    fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    other = fresh / "mediation-desk-cache"  # not ours: never touched
    other.mkdir()
    try:
        temp_folder.private_folder()
        assert not dead.exists() and live.exists() and other.exists()
    finally:
        held.close()
    assert temp_folder.remove_stale(fresh) == [live]
    assert os.path.exists(temp_folder.private_folder())  # our own is never stale
