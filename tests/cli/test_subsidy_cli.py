"""``subsidy`` and ``subsidy-rates`` as a director runs them (in this process), and refused
to a mediator before anything is written."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from mediation_desk.cli import run
from mediation_desk.domain.access import Role
from mediation_desk.domain.subsidy import SETTING_KEY
from mediation_desk.storage.store import Store
from tests.cli.helpers import add_account, login_as, login_desk
from tests.conftest import Clock
from tests.services.subsidy_world import RATES, build_november


@pytest.fixture
def desk(tmp_path, monkeypatch):
    clock = Clock()
    store = login_desk(tmp_path, "ZD-MS", clock=clock)
    world = build_november(store, clock)
    add_account(store, "周调解员", Role.MEDIATOR, mediator_id=world.mediators["周明"])
    key = store.path
    store.close()
    login_as(monkeypatch)
    return key


def _stored(path, monkeypatch) -> object:
    from mediation_desk.cli.login import open_desk

    class Args:
        db, user = str(path), None

    store: Store = open_desk(Args())  # type: ignore[arg-type]
    try:
        return store.directory.setting(SETTING_KEY)
    finally:
        store.close()


def test_rates_are_shown_set_and_shown_again_as_json(desk, tmp_path, capsys, monkeypatch):
    assert run(["subsidy-rates", "--db", str(desk)]) == 0
    out = capsys.readouterr().out
    assert "疑难复杂案件倍数：2" in out
    assert "3\t邻里纠纷\t调解成功\t80\t2026-11-16\t长期\t按总倍数\t" in out
    changed = dict(RATES, complex_multiplier="2.5")
    f = tmp_path / "rates.json"
    f.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    assert run(["subsidy-rates", "--db", str(desk), "--set", str(f), "--json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已保存以案定补标准（5条）。\n")
    shown = json.loads(out.split("\n", 1)[1])
    assert shown["complex_multiplier"] == "2.5" and len(shown["rules"]) == 5
    assert _stored(desk, monkeypatch) == shown


def test_an_overlapping_file_is_refused_naming_the_rows(desk, tmp_path, capsys, monkeypatch):
    before = _stored(desk, monkeypatch)
    bad = {"rules": [*RATES["rules"], {"dispute_type": "全部", "outcome": "调解成功",
                                        "amount": "120", "effective_from": "2026-12-01"}]}
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert run(["subsidy-rates", "--db", str(desk), "--set", str(f)]) == 1
    err = capsys.readouterr().err
    assert "输入有误，未保存任何内容" in err
    assert "第1条与第6条重叠：同为“全部”" in err
    assert _stored(desk, monkeypatch) == before
    f.write_text("{\"rules\": [", encoding="utf-8")
    assert run(["subsidy-rates", "--db", str(desk), "--set", str(f)]) == 1
    assert "不是有效的 JSON" in capsys.readouterr().err


def test_the_sheet_is_written_as_xlsx_with_the_hand_computed_total(desk, tmp_path, capsys):
    out = tmp_path / "以案定补-2026-11.xlsx"
    assert run(["subsidy", "--db", str(desk), "--month", "2026-11", "--format", "xlsx",
                "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert said == (f"已生成2026年11月以案定补补贴发放表：{out}（调解员3人，办结8件，合计640.00元，"
                    "陆佰肆拾元整）\n")
    ws = load_workbook(out)["汇总"]
    totals = [row for row in ws.iter_rows(min_row=4, values_only=True) if row[0] == "合计"]
    assert totals == [("合计", None, 8, 4, 4, 5, 640)]  # A B C H succeeded; D E I J failed


def test_a_mediator_is_refused_and_no_file_is_written(desk, tmp_path, capsys, monkeypatch):
    login_as(monkeypatch, "周调解员")
    out = tmp_path / "表.pdf"
    assert run(["subsidy", "--db", str(desk), "--month", "2026-11", "--format", "pdf",
                "--out", str(out)]) == 1
    assert "“制作以案定补补贴发放表”只能由中心主任操作" in capsys.readouterr().err
    assert not out.exists()
    assert run(["subsidy-rates", "--db", str(desk)]) == 1
    assert "以案定补标准由中心主任查看和设置" in capsys.readouterr().err


def test_a_bad_month_is_named(desk, tmp_path, capsys):
    assert run(["subsidy", "--db", str(desk), "--month", "2026-13", "--format", "pdf",
                "--out", str(tmp_path / "x.pdf")]) == 1
    assert "月份应写作“2026-11”：2026-13" in capsys.readouterr().err
