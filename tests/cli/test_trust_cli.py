"""revoke, change-key, keys --new-keys and import's bounded read, on the command line."""

from __future__ import annotations

import os
import sys

import pytest

from mediation_desk.cli import run
from mediation_desk.storage.store import Store
from tests.cli.helpers import login_as, login_desk
from tests.exchange.helpers import db_digest, referral, trust_both


@pytest.fixture
def keys(tmp_path, monkeypatch) -> dict[str, bytes]:
    """Two desks that trust each other, one referral sent: their paths and data keys."""
    court, center = login_desk(tmp_path, "court01", "court"), login_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    referral(court, center)
    out = {}
    for s in (court, center):
        out[str(s.path)] = s.key
        s.close()
    login_as(monkeypatch)  # both desks' director
    return out


@pytest.fixture
def desks(keys):
    return tuple(keys)


def digest(keys, path) -> str:
    s = Store.open(path, readonly=True, key=keys[path])
    try:
        return db_digest(s)
    finally:
        s.close()


def test_revoke_needs_a_reason_and_sticks(desks, keys, tmp_path, capsys):
    court, center = map(str, desks)
    with pytest.raises(SystemExit) as usage:  # --reason is required
        run(["revoke", "--db", center, "court01"])
    assert usage.value.code == 2
    assert run(["revoke", "--db", center, "court01", "--reason", "法院电脑丢失"]) == 0
    assert "不能再被信任" in capsys.readouterr().out
    assert run(["keys", "--db", court, "--export-card", str(tmp_path / "c.card")]) == 0
    before = digest(keys, center)
    assert run(["trust", "--db", center, str(tmp_path / "c.card"), "--yes"]) == 1
    assert "已被撤销" in capsys.readouterr().err and digest(keys, center) == before


def test_new_keys_then_change_key_with_the_phoned_fingerprint(desks, tmp_path, capsys):
    court, center = map(str, desks)
    assert run(["keys", "--db", court, "--new-keys"]) == 1  # a reason is required
    assert "原因" in capsys.readouterr().err
    assert run(["keys", "--db", court, "--new-keys", "--reason", "重装系统",
                "--export-card", str(tmp_path / "new.card")]) == 0
    out = capsys.readouterr().out
    new = out.split("本单位指纹：")[1].split("\n")[0].strip()
    # a plain trust of the new card is refused: the key is pinned
    assert run(["trust", "--db", center, str(tmp_path / "new.card"), "--yes"]) == 1
    assert "密钥不同" in capsys.readouterr().err
    assert run(["change-key", "--db", center, str(tmp_path / "new.card"), "--fingerprint",
                "0000", "--reason", "重装"]) == 1
    assert "不一致" in capsys.readouterr().err
    assert run(["change-key", "--db", center, str(tmp_path / "new.card"), "--fingerprint",
                new.replace(" ", "").lower(), "--reason", "法院重装系统，电话核对"]) == 0
    assert "原密钥已撤销" in capsys.readouterr().out
    # bundles flow with the new key
    assert run(["export", "--db", court, "--to", "center01", "--out",
                str(tmp_path / "b.mdx")]) == 0
    assert run(["import", "--db", center, str(tmp_path / "b.mdx")]) == 0


def test_import_refuses_devices_pipes_and_folders(desks, keys, tmp_path, capsys):
    _court, center = map(str, desks)
    before = digest(keys, center)
    targets = [str(tmp_path)]
    if os.path.exists("/dev/zero"):
        targets.append("/dev/zero")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.mdx"
        os.mkfifo(fifo)
        targets.append(str(fifo))
    for target in targets:
        assert run(["import", "--db", center, target]) == 1, target
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip(), target
    assert digest(keys, center) == before


@pytest.mark.skipif(sys.platform == "win32", reason="sparse files")
def test_import_refuses_a_file_over_the_limit_without_reading_it(desks, tmp_path, capsys):
    _court, center = map(str, desks)
    big = tmp_path / "big.mdx"
    with open(big, "wb") as f:
        f.truncate(800 * 1024 * 1024)  # sparse: 800 MiB declared, nothing on disk
    assert run(["import", "--db", center, str(big)]) == 1
    assert "file_too_large" in capsys.readouterr().err
