"""The command line as a user runs it: verbs, JSON output, exit codes, masking."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.cli.conftest import DEMO, connect, run
from tests.conftest import case_input


def test_add_cases_show_check(desk, tmp_path, home):
    f = tmp_path / "in.json"
    f.write_text(json.dumps({"cases": [case_input(), case_input(dispute_type="contract")]},
                            ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 0, r.stderr
    assert "（2026）马尚调字第" in r.stdout or "马尚调字第" in r.stdout
    r = run("cases", "--db", str(desk), "--json", home=home)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) == 2
    first = rows[0]
    for key in ("id", "number", "status", "dispute_type", "source", "received_on", "due_on",
                "mediators", "parties"):
        assert key in first
    assert {p["name"] for p in first["parties"]} == {"张三", "李四"}
    assert "11010519491231002X" not in r.stdout and "13812341234" not in r.stdout
    assert "110***********002X" in r.stdout
    r = run("cases", "--db", str(desk), "--search", "张三", "--json", home=home)
    assert len(json.loads(r.stdout)) == 2
    r = run("show", "--db", str(desk), first["number"], "--json", home=home)
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["id"] == first["id"] and shown["allowed_actions"] == ["accept", "not_accept"]
    assert "11010519491231002X" not in r.stdout
    r = run("check", "--db", str(desk), home=home)
    assert r.returncode == 0 and "链校验通过" in r.stdout


def test_show_speaks_chinese_labels(desk, tmp_path, home):
    f = tmp_path / "in.json"
    f.write_text(json.dumps({"cases": [case_input(source="court_delegated",
                                                  dispute_type="marriage_family",
                                                  court_case_number="（2026）鲁0303民诉前调1号")]},
                            ensure_ascii=False), encoding="utf-8")
    assert run("add", "--db", str(desk), "--json", str(f), home=home).returncode == 0
    number = json.loads(run("cases", "--db", str(desk), "--json", home=home).stdout)[0]["number"]
    r = run("show", "--db", str(desk), number, home=home)
    assert r.returncode == 0, r.stderr
    assert "来源：法院委派" in r.stdout and "类型：婚姻家庭" in r.stdout, r.stdout
    for raw in ("court_delegated", "marriage_family", "none", "None", "T0", "+08"):
        assert raw not in r.stdout, (raw, r.stdout)
    assert "期限：" in r.stdout and "收案：2026年" in r.stdout


def test_invalid_json_rejected_as_a_whole(desk, tmp_path, home):
    f = tmp_path / "bad.json"
    good = case_input()
    bad = case_input(parties=[{"kind": "person", "role": "applicant", "name": "王五",
                               "id_number": "110105194912310021"}])
    f.write_text(json.dumps([good, bad], ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 1
    assert "cases[1].parties[0].id_number" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("cases", "--db", str(desk), "--json", home=home)
    assert json.loads(r.stdout) == []


@pytest.mark.parametrize("content", [None, b"", b"hello world, not sqlite",
                                     b"SQLite format 3\x00" + b"\x00" * 200])
def test_bad_database_files_exit_1_untouched(tmp_path, home, content):
    db = tmp_path / "x.db"
    if content is not None:
        db.write_bytes(content)
    before = hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None
    for verb in (["cases"], ["check"], ["show", "whatever"]):
        r = run(verb[0], "--db", str(db), *verb[1:], home=home)
        assert r.returncode == 1, (verb, r.stderr)
        assert "Traceback" not in r.stderr and r.stderr.strip()
        assert len(r.stderr.strip().splitlines()) == 1
    after = hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None
    assert before == after


def test_usage_errors_exit_2(home):
    assert run("cases", home=home).returncode == 2
    assert run("frobnicate", home=home).returncode == 2


def test_unknown_case_exit_1(desk, home):
    r = run("show", "--db", str(desk), "（2026）马尚调字第99号", home=home)
    assert r.returncode == 1 and "找不到" in r.stderr


def test_demo_is_deterministic(tmp_path, home):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    for p in (a, b):
        r = run("demo", "--db", str(p), "--cases", "300", "--seed", "7", home=home)
        assert r.returncode == 0, r.stderr
        assert "演示主任" in r.stdout and "演示调解员" in r.stdout and "demo" in r.stdout
    ra = json.loads(run("cases", "--db", str(a), "--json", "--limit", "300", home=home,
                        **DEMO).stdout)
    rb = json.loads(run("cases", "--db", str(b), "--json", "--limit", "300", home=home,
                        **DEMO).stdout)
    assert ra == rb and len(ra) == 300
    statuses = {r["status"] for r in ra}
    assert {"mediating", "agreed", "terminated", "performed"} <= statuses
    assert any(r["court_case_number"] for r in ra)
    r = run("check", "--db", str(a), home=home, **DEMO)
    assert r.returncode == 0, r.stderr


def test_locked_database_is_reported(desk, desk_key, tmp_path, home):
    f = tmp_path / "in.json"
    f.write_text(json.dumps(case_input(), ensure_ascii=False), encoding="utf-8")
    holder = connect(desk, desk_key)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = run("add", "--db", str(desk), "--json", str(f), home=home)
    finally:
        holder.rollback()
        holder.close()
    assert r.returncode == 1
    assert "锁定" in r.stderr and "Traceback" not in r.stderr


def test_add_shows_warnings_on_stderr_and_in_json_output(desk, tmp_path, home):
    from mediation_desk.domain.validators import id_check_char

    odd_region = "99010519491231002"
    odd_region += id_check_char(odd_region)
    company = {"kind": "organisation", "role": "respondent", "name": "某某物业公司",
               "credit_code": "91350100M000100Y44"}  # check character should be 3
    cases = [case_input(parties=[{"kind": "person", "role": "applicant", "name": "王五",
                                  "id_number": odd_region}, company]),
             case_input(source="court_delegated", court_case_number="（2026）鲁0303民初9号")]
    f = tmp_path / "warn.json"
    f.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    r = run("add", "--db", str(desk), "--json", str(f), "--output", "json", home=home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert len(out["cases"]) == 2 and all(c["number"] for c in out["cases"])
    first, second = out["cases"][0]["warnings"], out["cases"][1]["warnings"]
    assert "校验位" in first["parties[1].credit_code"][0]
    assert "990105" in first["parties[0].id_number"][0]
    assert "民诉前调" in second["court_case_number"][0]
    assert set(out["warnings"]) == {"cases[0].parties[1].credit_code",
                                    "cases[0].parties[0].id_number",
                                    "cases[1].court_case_number"}
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("提示（已保存）：cases[") for line in lines)
    assert "Traceback" not in r.stderr
    # the plain output keeps its one line per case, warnings still on stderr
    r = run("add", "--db", str(desk), "--json", str(f), home=home)
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) == 2
    assert "cases[0].parties[1].credit_code" in r.stderr


def test_starting_the_command_line_does_not_load_the_document_kit(home):
    """``document`` imports the document kinds (reportlab: about half of a start-up) only
    when it runs or shows its help."""
    import subprocess
    import sys

    probe = ("import sys; from mediation_desk.cli import build_parser; build_parser();"
             " print(sorted(m for m in sys.modules if m.startswith('reportlab'))[:1])")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stdout + r.stderr
    r = run("document", "--help", home=home, user=None, password=None)
    wrapped = "".join(r.stdout.split())  # argparse wraps the long list at the terminal's width
    assert r.returncode == 0 and "agreement=人民调解协议书" in wrapped and "--kind" in r.stdout
    r = run("document", "--db", "x.db", "--kind", "letter", "--out", "y.pdf", home=home)
    assert r.returncode == 2 and "letter" in r.stderr


def test_help_starts_with_opening_the_application(home):
    r = run("--help", home=home)
    assert r.returncode == 0, r.stderr
    head = r.stdout.splitlines()[:12]
    assert "打开程序" in head[0] and "--db" in head[0], head
    assert any(line.strip().startswith("mediation-desk --demo") for line in head), head
    assert "init" in r.stdout and "enroll" in r.stdout  # the verbs follow


def test_init_a_court_desk_with_its_court_code(tmp_path, home):
    from mediation_desk.services import auth
    from mediation_desk.storage import directory

    db = tmp_path / "court.db"
    r = run("init", "--db", str(db), "--kind", "court", "--center-code", "ZD-FY",
            "--center-name", "张店区人民法院", "--court-code", "鲁0303", "--user", "李法官",
            home=home, user=None, password="court-pass-1")
    assert r.returncode == 0, r.stderr
    store = auth.login(db, "李法官", "court-pass-1")
    try:
        me = directory.self_center(store.db)
        assert (me.kind.value, me.court_code, me.name) == ("court", "鲁0303", "张店区人民法院")
    finally:
        store.close()
