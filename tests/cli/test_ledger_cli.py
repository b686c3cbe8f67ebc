"""``ledger export`` and ``ledger import`` as a director runs them (in this process): the
dry run writes nothing, the import writes once, again changes nothing, a bad sheet is
refused with its row numbers."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from mediation_desk.cli import run
from tests.cli.helpers import login_as, login_desk
from tests.conftest import Clock
from tests.services.ledger_world import populate
from tests.services.test_ledger import digest


def _store(path):
    from mediation_desk.cli.login import open_desk

    class Args:
        db, user = str(path), None

    return open_desk(Args())  # type: ignore[arg-type]


@pytest.fixture
def desks(tmp_path, monkeypatch):
    clock = Clock()
    source = login_desk(tmp_path, "ZD-MS", clock=clock)
    numbers = populate(source)
    target = login_desk(tmp_path, "ZD-XD", clock=clock)
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    MediatorService(target).save("x", Mediator(center_id="", name="周明"))
    paths = source.path, target.path
    source.close()
    target.close()
    login_as(monkeypatch)
    return paths, numbers


def test_export_then_dry_run_then_import_then_again(desks, tmp_path, capsys):
    (source, target), numbers = desks
    out = tmp_path / "台账.xlsx"
    assert run(["ledger", "export", "--db", str(source), "--out", str(out),
                "--status", "调解中"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"已导出台账 {out}：1 件（含完整证件号码和电话")
    ws = load_workbook(out).active
    assert ws["A2"].value.startswith("状态 调解中；共1件")
    assert [r[1] for r in ws.iter_rows(min_row=4, values_only=True)] == [numbers["mediating"]]
    assert run(["ledger", "export", "--db", str(source), "--out", str(out)]) == 0
    capsys.readouterr()

    def state():
        store = _store(target)
        try:
            return digest(store)
        finally:
            store.close()

    before = state()
    assert run(["ledger", "import", "--db", str(target), str(out), "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["counts"] == {"new": 5, "same": 0, "differs": 0, "error": 0}
    assert shown["mapping"][1] == {"column": "案号", "field": "number", "field_label": "案号"}
    assert [r["row"] for r in shown["rows"]] == [4, 5, 6, 7, 8]
    assert state() == before  # the dry run wrote nothing

    assert run(["ledger", "import", "--db", str(target), str(out)]) == 0
    captured = capsys.readouterr()
    assert "新增 5 件，已有 0 件" in captured.out and "已导入 5 件案件。" in captured.err
    after = state()
    assert after != before
    assert run(["ledger", "import", "--db", str(target), str(out)]) == 0
    captured = capsys.readouterr()
    assert "新增 0 件，已有 5 件" in captured.out and "未作任何改动" in captured.err
    assert state() == after


def _bad_sheet() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["案号", "收案日期", "当事人", "纠纷类型", "争议金额"])
    both = "申请人：张三；被申请人：李四"
    ws.append(["（2026）马尚调字第1号", "2026-02-30", both, "邻里纠纷", "abc"])
    ws.append(["（2026）马尚调字第1号", "2026-02-03", both, "邻里纠纷", 5])
    ws.append(["（2026）马尚调字第2号", "下周", "申请人：王五", "不存在的类型", None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_malformed_sheet_is_refused_with_its_rows_and_nothing_changes(desks, tmp_path,
                                                                         capsys):
    (_source, target), _numbers = desks
    bad = tmp_path / "坏台账.xlsx"
    bad.write_bytes(_bad_sheet())
    store = _store(target)
    before = digest(store)
    store.close()
    assert run(["ledger", "import", "--db", str(target), str(bad)]) == 1
    err = capsys.readouterr().err
    for line in ("第2行 收案日期：不存在的日期“2026-02-30”", "第2行 争议金额：金额格式不正确：abc",
                 "第3行 案号：与第2行的案号重复：（2026）马尚调字第1号",
                 "第4行 收案日期：无法识别的日期“下周”（应如2026-03-01）",
                 "第4行 纠纷类型：“不存在的类型”不是有效的选项",
                 "第4行 当事人：至少需要一名被申请人", "未导入任何案件"):
        assert line in err, line
    assert "Traceback" not in err
    store = _store(target)
    assert digest(store) == before
    store.close()


def test_not_a_ledger_and_a_wrong_mapping_are_told_plainly(desks, tmp_path, capsys):
    (_source, target), _numbers = desks
    text = tmp_path / "台账.xlsx"
    text.write_text("序号,案号\n1,x\n", encoding="utf-8")
    assert run(["ledger", "import", "--db", str(target), str(text), "--dry-run"]) == 1
    assert "不是 Excel 工作簿（.xlsx）" in capsys.readouterr().err
    wb = Workbook()
    wb.active.append(["姓名", "年龄"])
    empty = tmp_path / "名单.xlsx"
    wb.save(empty)
    assert run(["ledger", "import", "--db", str(target), str(empty), "--dry-run"]) == 1
    assert "没有找到台账的表头" in capsys.readouterr().err
    good = tmp_path / "好.xlsx"
    good.write_bytes(_bad_sheet())
    assert run(["ledger", "import", "--db", str(target), str(good), "--dry-run",
                "--map", "争议金额=不存在"]) == 1
    assert "没有这个字段：“不存在”" in capsys.readouterr().err
