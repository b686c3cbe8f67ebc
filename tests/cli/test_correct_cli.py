"""``correct``: a session record corrected as a new version (the old one kept), refused once
final with the reason, a 补充协议 and a 更正说明 on an agreement in effect; the same rules as
the GUI, bad input named by its option and the database left unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_desk.cli import run
from mediation_desk.domain import corrections as rules
from mediation_desk.domain.enums import EventKind
from mediation_desk.services.mediation import AgreementInput
from tests.cli.conftest import USER
from tests.cli.helpers import digest_of, login_as, on_the_case, register_mediating, with_login


@pytest.fixture
def with_session(desk):
    """A case under mediation with one session; returns (desk, case number)."""
    def make(store):
        svc, c = register_mediating(store)
        svc.record_session(USER, c.id, notes="申请人要求赔偿五千元。", place="调解室",
                           result="未达成")
        return c.number
    return desk, with_login(desk, make)


def test_a_session_corrected_keeps_the_old_record(with_session, monkeypatch, capsys):
    desk, number = with_session
    login_as(monkeypatch)
    assert run(["correct", "--db", str(desk), "--case", number, "--session", "1",
                "--reason", "金额记错", "--notes", "申请人要求赔偿三千元。"]) == 0
    assert f"已更正：{number}第1次调解的调解记录为第2版" in capsys.readouterr().out
    old, new = on_the_case(desk, lambda s, k: [e for e in s.events(k)
                                               if e.kind is EventKind.SESSION])
    assert old.notes == "申请人要求赔偿五千元。" and new.notes == "申请人要求赔偿三千元。"
    assert new.place == "调解室" and new.data["result"] == "未达成"  # kept from the old one
    assert on_the_case(desk, lambda s, k: rules.superseded(s.events(k)))[old.id].new_id == new.id


def test_refused_once_final_with_the_reason_and_nothing_written(with_session, monkeypatch,
                                                                capsys):
    desk, number = with_session
    on_the_case(desk, lambda s, k: s.record_agreement(USER, k, AgreementInput(
        clauses=["赔偿三千元。"], effective_on=date(2026, 2, 20))))
    login_as(monkeypatch)
    before = digest_of(desk)
    assert run(["correct", "--db", str(desk), "--case", number, "--session", "1",
                "--reason", "金额记错", "--notes", "改正后的记录"]) == 1
    err = capsys.readouterr().err
    assert "调解已结束" in err and "更正说明" in err and "Traceback" not in err
    assert run(["correct", "--db", str(desk), "--case", number, "--agreement",
                "--reason", "金额记错", "--notes", "改"]) == 1
    assert "补充协议" in capsys.readouterr().err
    assert digest_of(desk) == before
    assert run(["correct", "--db", str(desk), "--case", number, "--session", "1",
                "--reason", "笔误", "--note", "“五千元”应为“三千元”"]) == 0
    assert "已添加更正说明" in capsys.readouterr().out


def test_a_supplementary_agreement_and_its_validation(with_session, monkeypatch, capsys):
    desk, number = with_session
    on_the_case(desk, lambda s, k: s.record_agreement(USER, k, AgreementInput(
        clauses=["赔偿三千元。"], effective_on=date(2026, 2, 20))))
    login_as(monkeypatch)
    before = digest_of(desk)
    assert run(["correct", "--db", str(desk), "--case", number, "--agreement",
                "--reason", "分期", "--clause", "分两期支付", "--signed-on", "2026-02-19"]) == 1
    assert "签订日期（--signed-on）" in capsys.readouterr().err
    assert digest_of(desk) == before
    assert run(["correct", "--db", str(desk), "--case", number, "--agreement",
                "--reason", "分期", "--clause", "分两期支付", "--clause", "每期一千五百元",
                "--signed-on", "2026-03-01"]) == 0
    assert "已添加补充协议" in capsys.readouterr().out
    [fix] = on_the_case(desk, lambda s, k: rules.corrections(s.events(k)))
    assert fix.event.data["clauses"] == ["分两期支付", "每期一千五百元"]


def test_show_marks_the_replaced_record(with_session, monkeypatch, capsys):
    desk, number = with_session
    login_as(monkeypatch)
    assert run(["correct", "--db", str(desk), "--case", number, "--session", "1",
                "--reason", "金额记错", "--notes", "申请人要求赔偿三千元。"]) == 0
    capsys.readouterr()
    assert run(["show", "--db", str(desk), number]) == 0
    out = capsys.readouterr().out
    assert "调解（已更正）" in out and "五千元" in out  # the old one kept, marked
    assert "调解（第2版）" in out and "三千元" in out
