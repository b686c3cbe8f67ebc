"""The recording verbs (session, investigation, undisputed-facts), in this process: the
login is the recorder, bad input is named by its option and leaves the database unchanged."""

from __future__ import annotations

import pytest

from mediation_desk.cli import run
from mediation_desk.domain.enums import EventKind
from tests.cli.conftest import USER
from tests.cli.helpers import login_as, on_the_case, register_mediating, with_login


@pytest.fixture
def mediating(desk):
    """The desk with one case under mediation; returns (desk, case number)."""
    return desk, with_login(desk, lambda store: register_mediating(store)[1].number)


def _events(desk, kind):
    return on_the_case(desk, lambda svc, k: [e for e in svc.events(k) if e.kind is kind])


def test_session_with_result_and_the_login_as_recorder(mediating, monkeypatch, capsys):
    desk, number = mediating
    login_as(monkeypatch)
    args = ["session", "--db", str(desk), "--case", number, "--notes", "双方陈述。",
            "--result", "同意分期归还。", "--at", "2026-02-10 14:30", "--place", "调解室"]
    assert run(args) == 0
    assert f"已记录：{number}第1次调解" in capsys.readouterr().out
    [ev] = _events(desk, EventKind.SESSION)
    assert ev.data["result"] == "同意分期归还。" and ev.actor == USER and ev.place == "调解室"
    assert ev.occurred_at.hour == 14 and ev.occurred_at.minute == 30


def test_investigation_notes_from_a_file(mediating, monkeypatch, capsys, tmp_path):
    desk, number = mediating
    login_as(monkeypatch)
    notes = tmp_path / "notes.txt"
    notes.write_text("走访邻居王五。\n核实通道情况。", encoding="utf-8")
    assert run(["investigation", "--db", str(desk), "--case", number,
                "--notes-file", str(notes)]) == 0
    [ev] = _events(desk, EventKind.INVESTIGATION)
    assert ev.notes == "走访邻居王五。\n核实通道情况。"


def test_undisputed_facts_need_every_party(mediating, monkeypatch, capsys):
    desk, number = mediating
    login_as(monkeypatch)
    base = ["undisputed-facts", "--db", str(desk), "--case", number, "--facts", "通道宽1.2米。"]
    assert run([*base, "--confirmed-by", "张三"]) == 1
    err = capsys.readouterr().err
    assert "确认的当事人（--confirmed-by）" in err and "李四" in err and "Traceback" not in err
    assert run([*base, "--confirmed-by", "王二"]) == 1
    assert "没有名为“王二”的当事人" in capsys.readouterr().err
    assert _events(desk, EventKind.UNDISPUTED_FACTS) == []  # nothing saved
    assert run([*base, "--confirmed-by", "张三", "--confirmed-by", "李四"]) == 0
    [ev] = _events(desk, EventKind.UNDISPUTED_FACTS)
    assert ev.notes == "通道宽1.2米。" and ev.participants == "张三、李四"


def test_bad_input_is_named_by_its_option(mediating, monkeypatch, capsys):
    desk, number = mediating
    login_as(monkeypatch)
    assert run(["session", "--db", str(desk), "--case", number, "--notes", "调解。",
                "--at", "明天下午"]) == 1
    assert "时间（--at）" in capsys.readouterr().err
    assert run(["session", "--db", str(desk), "--case", number, "--notes", "调解。",
                "--result", "结果\x07"]) == 1
    err = capsys.readouterr().err
    assert "调解结果（--result）" in err and "Traceback" not in err
    assert _events(desk, EventKind.SESSION) == []
