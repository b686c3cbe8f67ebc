"""``verify``: a PDF or a printed code checked against the register, logged in like every verb
(a read-only account may), in this process."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from mediation_desk.cli import run
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from tests.cli.conftest import USER
from tests.cli.helpers import login_as, register_mediating, with_login
from tests.conftest import party


@pytest.fixture
def issued(desk, tmp_path):
    """The desk with an agreement issued: (desk, PDF path, code, case number)."""
    def make(store):
        svc, c = register_mediating(store, parties=[
            party("applicant", "张三", "11010519491231002X", "13812341234"),
            party("respondent", "李四", "440524188001010014", "13900001111")])
        svc.record_agreement(USER, c.id, AgreementInput(
            clauses=["被申请人退还申请人物业费40000元。"], amount=Decimal("40000"),
            performance_deadline=date(2026, 3, 31), effective_on=date(2026, 2, 20)))
        return c, DocumentService(store).generate(USER, c.id, "agreement")
    c, doc = with_login(desk, make)
    path = tmp_path / "协议书.pdf"
    path.write_bytes(doc.pdf)
    return desk, path, doc.verification_code, c.number


def test_a_registered_pdf_and_code(issued, monkeypatch, capsys):
    desk, path, code, number = issued
    login_as(monkeypatch)
    assert run(["verify", "--db", str(desk), str(path)]) == 0
    out = capsys.readouterr().out
    for line in ("核验结果：本机签发", f"校验码：{code}", f"案件：{number}", "当事人：张＊、李＊",
                 "文书：人民调解协议书", "首次签发日期："):
        assert line in out, line
    assert "张三" not in out
    assert run(["verify", "--db", str(desk), "--code", code.lower().replace("-", "")]) == 0
    assert "核验结果：本机签发" in capsys.readouterr().out


def test_altered_unknown_and_bad_input(issued, monkeypatch, capsys, tmp_path):
    desk, path, code, number = issued
    login_as(monkeypatch)
    altered = tmp_path / "改过的.pdf"
    altered.write_bytes(path.read_bytes() + b"%\n")
    assert run(["verify", "--db", str(desk), str(altered), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["status"], out["verdict"], out["code"], out["case_number"]) == (
        "altered", "已被修改", code, number)
    assert run(["verify", "--db", str(desk), "--code", "ZZZZZ-ZZZZZ"]) == 1
    assert "核验结果：未找到" in capsys.readouterr().out
    assert run(["verify", "--db", str(desk), "--code", "12"]) == 1
    err = capsys.readouterr().err
    assert "校验码格式不对" in err and "Traceback" not in err
    assert run(["verify", "--db", str(desk), str(tmp_path / "没有.pdf")]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert run(["verify", "--db", str(desk)]) == 2  # neither a file nor a code: usage
    assert "用法错误" in capsys.readouterr().err


def test_login_required_and_read_only_may_verify(issued, monkeypatch, capsys):
    desk, path, code, _number = issued
    login_as(monkeypatch, password="wrong-password")
    assert run(["verify", "--db", str(desk), "--code", code]) == 1
    assert "核验结果" not in capsys.readouterr().out
    login_as(monkeypatch)
    monkeypatch.setenv("MEDIATION_DESK_NEW_PASSWORD", "inspector-1")
    assert run(["account", "add", "--db", str(desk), "督查员", "--role", "readonly"]) == 0
    capsys.readouterr()
    login_as(monkeypatch, "督查员", "inspector-1")
    assert run(["verify", "--db", str(desk), str(path)]) == 0
    assert "核验结果：本机签发" in capsys.readouterr().out
