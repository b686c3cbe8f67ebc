"""backup / backups / restore on the command line, and demo's refusals."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import DEMO, LOGIN, connect, demo_key, run
from tests.conftest import case_input


def _add(db: Path, tmp_path: Path, home: Path, n: int = 1) -> None:
    f = tmp_path / "in.json"
    f.write_text(json.dumps([case_input() for _ in range(n)], ensure_ascii=False), "utf-8")
    r = run("add", "--db", str(db), "--json", str(f), home=home)
    assert r.returncode == 0, r.stderr


def _count(db: Path, key: bytes) -> int:
    con = connect(db, key)
    try:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        con.close()


def test_backup_list_restore(desk, desk_key, tmp_path, home):
    _add(desk, tmp_path, home)
    r = run("backup", "--db", str(desk), home=home)
    assert r.returncode == 0, r.stderr
    assert "已备份并校验通过" in r.stdout and "案件 1 件" in r.stdout
    r = run("backups", "--db", str(desk), "--json", home=home)
    listed = json.loads(r.stdout)
    assert listed["folder"] == str(home / "backups")
    [entry] = listed["backups"]
    assert entry["verified"] and entry["cases"] == 1 and entry["reason"] == "manual"
    r = run("backups", "--db", str(desk), home=home)
    assert "已校验" in r.stdout and "手动" in r.stdout

    _add(desk, tmp_path, home, 2)
    assert _count(desk, desk_key) == 3
    # no terminal and no --yes: refused, nothing changed
    r = run("restore", "--db", str(desk), entry["file"], home=home)
    assert r.returncode == 1 and "--yes" in r.stderr and "未做任何改动" in r.stderr
    assert _count(desk, desk_key) == 3
    r = run("restore", "--db", str(desk), "--practice", entry["path"], home=home)
    assert r.returncode == 0, r.stderr
    assert "案件 1 件" in r.stdout and "校验通过" in r.stdout and "数据库未改动" in r.stdout
    assert _count(desk, desk_key) == 3
    r = run("restore", "--db", str(desk), entry["file"], "--yes", home=home)
    assert r.returncode == 0, r.stderr
    assert _count(desk, desk_key) == 1
    aside = [p for p in desk.parent.iterdir() if p.name.startswith("c.db.before-restore-")]
    assert len(aside) == 1 and str(aside[0]) in r.stdout and _count(aside[0], desk_key) == 3
    r = run("check", "--db", str(desk), home=home)
    assert r.returncode == 0, r.stderr


def test_backup_to_a_folder_and_errors(desk, tmp_path, home):
    stick = tmp_path / "stick"
    r = run("backup", "--db", str(desk), "--to", str(stick), home=home)
    assert r.returncode == 1 and "U 盘" in r.stderr and "Traceback" not in r.stderr
    stick.mkdir()
    r = run("backup", "--db", str(desk), "--to", str(stick), home=home)
    assert r.returncode == 0, r.stderr
    assert len(list(stick.glob("c-*-manual.mdbak"))) == 1
    r = run("restore", "--db", str(desk), "nothing.mdbak", "--yes", home=home)
    assert r.returncode == 1 and "找不到备份文件" in r.stderr
    r = run("backup", "--db", str(tmp_path / "missing.db"), home=home)
    assert r.returncode == 1 and "不存在" in r.stderr


def test_restore_refused_while_open(desk, desk_key, tmp_path, home):
    r = run("backup", "--db", str(desk), home=home)
    backup = json.loads(run("backups", "--db", str(desk), "--json", home=home).stdout)
    holder = connect(desk, desk_key)
    holder.execute("SELECT count(*) FROM cases").fetchone()
    try:
        r = run("restore", "--db", str(desk), backup["backups"][0]["path"], "--yes", home=home)
    finally:
        holder.close()
    assert r.returncode == 1 and "正被其他程序使用" in r.stderr


def test_demo_refuses_a_real_desk(desk, desk_key, tmp_path, home):
    _add(desk, tmp_path, home)
    r = run("demo", "--db", str(desk), "--cases", "10", home=home)
    assert r.returncode == 1, r.stdout
    assert "不是演示数据库" in r.stderr and "新文件" in r.stderr
    assert _count(desk, desk_key) == 1


def test_demo_twice_says_what_it_did(tmp_path, home):
    db = tmp_path / "demo.db"
    r = run("demo", "--db", str(db), "--cases", "20", home=home)
    assert r.returncode == 0, r.stderr
    r = run("demo", "--db", str(db), "--cases", "20", home=home)
    assert r.returncode == 0, r.stderr
    assert "未新增" in r.stdout and "--seed 2" in r.stdout
    assert _count(db, demo_key(db)) == 20
    r = run("demo", "--db", str(db), "--cases", "20", "--seed", "2", home=home)
    assert r.returncode == 0, r.stderr
    assert "新增案件 20 件，共 40 件" in r.stdout
    assert run("check", "--db", str(db), home=home, **DEMO).returncode == 0


def test_restore_asks_on_a_terminal(desk, desk_key, tmp_path, home):
    import os
    import subprocess
    import sys

    _add(desk, tmp_path, home)
    run("backup", "--db", str(desk), home=home)
    backup = json.loads(run("backups", "--db", str(desk), "--json", home=home).stdout)
    _add(desk, tmp_path, home)
    env = {**os.environ, "MEDIATION_DESK_HOME": str(home), **LOGIN}
    for answer, restored in (("no\n", False), ("yes\n", True)):
        controller, terminal = os.openpty()
        try:
            os.write(controller, answer.encode())
            r = subprocess.run([sys.executable, "-m", "mediation_desk", "restore", "--db",
                                str(desk), backup["backups"][0]["path"]], stdin=terminal,
                               capture_output=True, text=True, env=env, timeout=120)
        finally:
            os.close(terminal)
            os.close(controller)
        assert "确认恢复请输入 yes" in r.stdout + r.stderr
        assert (r.returncode == 0) is restored, r.stderr
        assert _count(desk, desk_key) == (1 if restored else 2)
