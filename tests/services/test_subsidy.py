"""以案定补 through the real services: the hand-computed November (subsidy_world.py), the
rates saved and refused, the sheet written and audited, and who may do it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from mediation_desk.domain.access import Account, Role
from mediation_desk.domain.errors import DomainError, ValidationError
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.domain.subsidy import SETTING_KEY, SubsidyOutcome
from mediation_desk.services.access import NotPermitted, login_store
from mediation_desk.services.subsidy import SubsidyService, load_rates, save_rates
from tests.services.subsidy_world import PROGRAM, RATES, build_november

NOV = ReportPeriod.parse("monthly", "2026-11")


@pytest.fixture
def world(store, clock):
    return build_november(store, clock)


def _letters(world, ids):
    back = {v: k for k, v in world.ids.items()}
    return sorted(back[i] for i in ids)


def test_the_november_sheet_has_the_hand_computed_figures(world):
    sheet = SubsidyService(world.store).subsidy_sheet(NOV)
    lines = {line.mediator_name: line for line in sheet.lines}
    assert {n: line.total for n, line in lines.items()} == {
        "周明": Decimal("163.34"), "吴刚": Decimal("413.33"), "李华": Decimal("63.33")}
    assert sheet.total == Decimal("640.00") and sheet.total_capital == "陆佰肆拾元整"
    assert _letters(world, sheet.case_ids) == ["A", "B", "C", "D", "E", "H", "I", "J"]
    assert {n: (line.count, line.succeeded, line.failed, line.paid_count)
            for n, line in lines.items()} == {
        "周明": (4, 3, 1, 3), "吴刚": (3, 3, 0, 3), "李华": (3, 1, 2, 2)}
    items = {(line.mediator_name, _letters(world, [i.case_id])[0]): i
             for line in sheet.lines for i in line.items}
    b = items[("吴刚", "B")]
    assert (b.rate, b.multiplier, b.case_amount, b.share, b.sharers) == (
        Decimal("80"), Decimal("2"), Decimal("160.00"), Decimal("80.00"), 2)
    assert b.complex and b.complex_reason == "标记为疑难复杂"
    assert items[("周明", "A")].rate == Decimal("50")  # the rule in force on 11-10
    c = items[("吴刚", "C")]
    assert (c.multiplier, c.case_amount) == (Decimal("1.5"), Decimal("300.00"))
    assert items[("周明", "H")].share == Decimal("33.34")  # the odd fen: 主办 (first named)
    assert items[("李华", "H")].share == Decimal("33.33")
    e = items[("李华", "E")]
    assert e.outcome is SubsidyOutcome.FAILED and e.share == 0 and "无调解记录" in e.note
    j = items[("周明", "J")]
    assert j.closed_on.isoformat() == "2026-11-26" and j.share == 0
    assert "已于2026年10月" in j.note
    (i,) = sheet.unassigned
    assert _letters(world, [i.case_id]) == ["I"] and i.share == 0
    assert sheet.unit_name == "马尚街道调解中心"


def test_october_counts_the_oral_agreement_not_its_written_copy(world):
    sheet = SubsidyService(world.store).subsidy_sheet(ReportPeriod.month(2026, 10))
    assert _letters(world, sheet.case_ids) == ["F", "J"]  # F oral on 10-28, J on 10-20
    december = SubsidyService(world.store).subsidy_sheet(ReportPeriod.month(2026, 12))
    assert _letters(world, december.case_ids) == ["G"]


def test_the_sheet_is_monthly(world):
    with pytest.raises(DomainError) as err:
        SubsidyService(world.store).subsidy_sheet(ReportPeriod.parse("quarterly", "2026Q4"))
    assert err.value.code == "subsidy_month_only" and "按月" in err.value.message


def test_saved_rates_are_read_back_and_audited_with_the_old_table(world):
    store = world.store
    assert load_rates(store).complex_multiplier == Decimal("2")
    assert len(load_rates(store).rules) == 5
    changed = dict(RATES, complex_multiplier="3")
    save_rates(store, PROGRAM, changed)
    assert load_rates(store).complex_multiplier == Decimal("3")
    last = store.db.execute("SELECT action, summary, changes FROM audit ORDER BY seq DESC"
                            " LIMIT 1").fetchone()
    assert last[0] == "set_subsidy_rates" and last[1] == "修改以案定补标准（5条）"
    old_new = json.loads(last[2])
    assert "\"complex_multiplier\": \"2\"" in json.dumps(old_new, ensure_ascii=False)
    assert "\"complex_multiplier\": \"3\"" in json.dumps(old_new, ensure_ascii=False)


def test_an_overlapping_table_is_refused_and_nothing_changes(world):
    store = world.store
    head = store.audit.head()
    before = store.directory.setting(SETTING_KEY)
    bad = {"rules": [*RATES["rules"], {"dispute_type": "邻里纠纷", "outcome": "成功或不成",
                                        "amount": "60", "effective_from": "2026-11-01"}]}
    with pytest.raises(ValidationError) as err:
        save_rates(store, PROGRAM, bad)
    assert err.value.problems["rules"][0].startswith("第2条与第6条重叠")
    assert "第3条与第6条重叠" in err.value.problems["rules"][1]
    assert store.audit.head() == head and store.directory.setting(SETTING_KEY) == before


def _login(store, role: Role) -> Account:
    account = Account(id=f"a-{role.value}", name=f"{role.label}甲", role=role,
                      mediator_id="m" if role is Role.MEDIATOR else None)
    login_store(store, account)
    return account


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.LIAISON, Role.READONLY])
def test_only_the_director_sets_rates_or_makes_the_sheet(world, tmp_path, role):
    store = world.store
    head = store.audit.head()
    _login(store, role)
    with pytest.raises(NotPermitted) as err:
        save_rates(store, "x", RATES)
    assert "修改以案定补标准" in err.value.message and role.label in err.value.message
    with pytest.raises(NotPermitted):
        SubsidyService(store).subsidy_sheet(NOV)
    out = tmp_path / "表.pdf"
    with pytest.raises(NotPermitted):
        SubsidyService(store).write("x", NOV, "pdf", out)
    assert not out.exists() and store.audit.head() == head


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "json"])
def test_writing_the_sheet_is_audited_with_its_total_and_hash(world, tmp_path, fmt):
    store = world.store
    director = _login(store, Role.DIRECTOR)
    out = tmp_path / f"以案定补.{fmt}"
    written = SubsidyService(store).write("随便", NOV, fmt, out)
    assert out.read_bytes()[:4] == {"pdf": b"%PDF", "xlsx": b"PK\x03\x04", "json": b"{\n  "}[fmt]
    actor, action, summary, changes = store.db.execute(
        "SELECT actor, action, summary, changes FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert (actor, action) == (director.name, "subsidy_sheet")
    assert summary == "制作2026年11月以案定补补贴发放表（8件，合计640.00元）"
    assert written.sha256 in changes and "640.00" in changes
    if fmt == "json":
        data = json.loads(out.read_text("utf-8"))
        assert data["total"] == "640.00" and len(data["case_ids"]) == 8


def test_a_bad_format_is_refused_before_anything_is_written(world, tmp_path):
    head = world.store.audit.head()
    with pytest.raises(ValidationError) as err:
        SubsidyService(world.store).write(PROGRAM, NOV, "docx", tmp_path / "x.docx")
    assert "format" in err.value.problems
    assert world.store.audit.head() == head and not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("month", [10, 11, 12])
def test_the_sheet_counts_exactly_the_statistics_cores_successes_and_terminations(world, month):
    """The same counting rule as the 月报: its 调解成功 ∪ 终止调解 are the sheet's cases."""
    from mediation_desk.services.statistics import StatisticsService

    period = ReportPeriod.month(2026, month)
    report = StatisticsService(world.store).report(period)
    core = set(report.figure("succeeded").case_ids) | set(report.figure("terminated").case_ids)
    sheet = SubsidyService(world.store).subsidy_sheet(period)
    assert set(sheet.case_ids) == core
    assert len(sheet.case_ids) == len(core) == {10: 2, 11: 8, 12: 1}[month]


def test_a_table_can_be_tried_on_a_month_without_saving_it(world):
    from mediation_desk.domain.subsidy import rates_from_wire

    before = world.store.directory.setting(SETTING_KEY)
    flat = rates_from_wire({"rules": [{"outcome": "成功或不成", "amount": "10",
                                       "effective_from": "2026-01-01"}]})
    sheet = SubsidyService(world.store).subsidy_sheet(NOV, rates=flat)
    # A B C D H paid 10 each (E: no session, I: nobody, J: paid in October); no multiplier
    assert sheet.total == Decimal("50.00")
    assert world.store.directory.setting(SETTING_KEY) == before
