"""``calendar show|import|export|delete`` as a user runs them."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.conftest import LOGIN, run

NOTICE = """# 测试用（非真实通知）
年份 2027
标题 国务院办公厅关于2027年部分节假日安排的通知
放假 2027-01-01 2027-01-03 元旦
上班 2027-02-14 春节调休上班
"""


def test_show_marks_2027_estimated_then_import_makes_it_entered(desk, tmp_path, home):
    r = run("calendar", "show", "--db", str(desk), "--year", "2027", "--json", home=home)
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["years"] == [{"year": 2027, "source": "estimated", "label": "推算",
                               "estimated": True, "title": "", "notice_ids": []}]
    days = {d["date"]: (d["kind"], d["name"]) for d in shown["days"]}
    assert days["2027-02-09"] == ("rest", "春节补假")
    assert days["2027-10-05"] == ("rest", "国庆节补假")
    text = run("calendar", "show", "--db", str(desk), "--year", "2027", home=home).stdout
    assert "节假日安排为推算" in text and "2027-02-09 周二  放假  春节补假" in text

    f = tmp_path / "2027.txt"
    f.write_text(NOTICE, encoding="utf-8")
    r = run("calendar", "import", "--db", str(desk), str(f), home=home)
    assert r.returncode == 0, r.stderr
    assert "已导入2027年节假日安排（2段，本机录入）" in r.stdout
    shown = json.loads(run("calendar", "show", "--db", str(desk), "--year", "2027", "--json",
                           home=home).stdout)
    assert shown["years"][0]["source"] == "entered"
    assert shown["years"][0]["title"] == "国务院办公厅关于2027年部分节假日安排的通知"
    assert [d["date"] for d in shown["days"]] == [
        "2027-01-01", "2027-01-02", "2027-01-03", "2027-02-14"]

    out = tmp_path / "back.txt"
    r = run("calendar", "export", "--db", str(desk), "--year", "2027", "--out", str(out),
            home=home)
    assert r.returncode == 0, r.stderr
    assert "放假 2027-01-01 2027-01-03 元旦" in out.read_text(encoding="utf-8")

    notice_id = shown["years"][0]["notice_ids"][0]
    r = run("calendar", "delete", "--db", str(desk), notice_id, home=home)
    assert r.returncode == 0, r.stderr
    shown = json.loads(run("calendar", "show", "--db", str(desk), "--year", "2027", "--json",
                           home=home).stdout)
    assert shown["years"][0]["source"] == "estimated"

    audit = run("check", "--db", str(desk), home=home)
    assert audit.returncode == 0, audit.stderr


@pytest.mark.parametrize("content, message", [
    ("放假 2027-01-01 元旦\n", "缺少“年份”"),
    ("年份 2027\n放假 2027-02-30 元旦\n", "第2行"),
    ("年份 2027\n放假 2027-01-03 2027-01-01 元旦\n", "结束日期早于开始日期"),
])
def test_bad_files_exit_1_with_a_chinese_reason_and_change_nothing(desk, tmp_path, home,
                                                                  content, message):
    f = tmp_path / "bad.txt"
    f.write_text(content, encoding="utf-8")
    r = run("calendar", "import", "--db", str(desk), str(f), home=home)
    assert r.returncode == 1
    assert message in r.stderr and "Traceback" not in r.stderr
    shown = json.loads(run("calendar", "show", "--db", str(desk), "--year", "2027", "--json",
                           home=home).stdout)
    assert shown["years"][0]["notice_ids"] == []


def test_a_folder_or_device_is_refused(desk, tmp_path, home):
    for target, word in ((str(tmp_path), "文件夹"), ("/dev/zero", "设备文件")):
        r = run("calendar", "import", "--db", str(desk), target, home=home)
        assert r.returncode == 1 and word in r.stderr


def test_closed_pipe_ends_quietly(desk, home, tmp_path):
    import os
    import sys
    env = {**os.environ, "MEDIATION_DESK_HOME": str(home), **LOGIN}
    p = subprocess.run(f"{sys.executable} -m mediation_desk calendar show --db {desk} --json"
                       " | head -c 1", shell=True, capture_output=True, text=True, env=env,
                       timeout=60)
    assert "内部错误" not in p.stderr
