"""`check` finds what was changed outside the program: planted schema objects, edited rows."""

from __future__ import annotations

import hashlib
import json

from tests.cli.conftest import DEMO, connect, run
from tests.conftest import case_input


def outside(db, key: bytes, *sql: str) -> None:
    """Another program with the data key changes the file."""
    con = connect(db, key)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def add_case(desk, tmp_path, home) -> None:
    f = tmp_path / "in.json"
    f.write_text(json.dumps(case_input(), ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 0, r.stderr


def test_clean_demo_passes_check(tmp_path, home):
    db = tmp_path / "demo.db"
    r = run("demo", "--db", str(db), "--cases", "300", home=home)
    assert r.returncode == 0, r.stderr
    r = run("check", "--db", str(db), home=home, **DEMO)
    assert r.returncode == 0, r.stderr
    assert "链校验通过" in r.stdout and "条记录与审计记录一致" in r.stdout


def test_party_name_edited_with_sqlite3_is_reported(desk, desk_key, tmp_path, home):
    add_case(desk, tmp_path, home)
    outside(desk, desk_key, "UPDATE parties SET name = '王五' WHERE name = '张三'")
    r = run("check", "--db", str(desk), home=home)
    assert r.returncode == 1
    assert "1 条记录与审计记录不符" in r.stderr and "当事人 王五" in r.stderr
    assert "马尚调字第1号" in r.stderr and "Traceback" not in r.stderr


def test_planted_trigger_is_reported_by_check_and_refused_by_other_verbs(desk, desk_key,
                                                                        tmp_path, home):
    add_case(desk, tmp_path, home)
    outside(desk, desk_key, "CREATE TABLE stolen (id_number TEXT)",
            "CREATE TRIGGER steal_ids AFTER INSERT ON parties"
            " BEGIN INSERT INTO stolen VALUES (NEW.id_number); END")
    before = hashlib.sha256(desk.read_bytes()).hexdigest()
    r = run("check", "--db", str(desk), home=home)
    assert r.returncode == 1 and "多出触发器 steal_ids" in r.stderr and "多出表 stolen" in r.stderr
    f = tmp_path / "in.json"
    for verb in (["add", "--json", str(f)], ["cases"]):
        r = run(verb[0], "--db", str(desk), *verb[1:], home=home)
        assert r.returncode == 1
        assert "数据库结构与本程序不一致" in r.stderr and "steal_ids" in r.stderr
        assert "内部错误" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(desk.read_bytes()).hexdigest() == before
    con = connect(desk, desk_key)
    assert con.execute("SELECT count(*) FROM stolen").fetchone()[0] == 0
    con.close()
