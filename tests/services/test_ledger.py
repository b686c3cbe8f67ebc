"""The 台账 through the services: export a list, import it into a fresh desk (the same
cases), import again (nothing changes), and the office variants an import understands."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from mediation_desk.domain.access import Account, Role
from mediation_desk.domain.enums import CaseSource, CaseStatus, EndReason
from mediation_desk.domain.errors import ValidationError
from mediation_desk.domain.ledger_columns import DEFAULT_EXPORT
from mediation_desk.domain.queries import CaseFilter
from mediation_desk.services.access import login_store
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import init_desk
from mediation_desk.services.ledger import LEDGER_FACTS, LedgerService
from mediation_desk.services.ledger_import import (
    DIFFERS,
    NEW,
    SAME,
    LedgerImport,
    parse_mapping,
    read_ledger_file,
)
from tests.services.ledger_world import ACTOR, populate


def digest(store) -> str:
    """Every row of every table (the audit too): equal digests, an unchanged database."""
    h = hashlib.sha256()
    tables = [r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    for t in tables:
        for row in store.db.execute(f"SELECT * FROM [{t}] ORDER BY 1"):
            h.update(repr((t, row)).encode())
    return h.hexdigest()


def fresh_desk(tmp_path: Path, clock, name: str = "b.db", mediator: str = "周明"):
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.desk import MediatorService

    store = init_desk(tmp_path / name, code="ZD-XD", name="马尚街道调解中心",
                      number_prefix="马尚", linked_court="张店区人民法院", clock=clock)
    if mediator:
        MediatorService(store).save(ACTOR, Mediator(center_id="", name=mediator))
    return store


def export(store, path: Path, flt: CaseFilter = CaseFilter(), **kw) -> Path:  # noqa: B008
    LedgerService(store).export(ACTOR, flt, path, **kw)
    return path


def table(path: Path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(min_row=4, values_only=True))


def test_the_export_has_the_standard_layout_real_dates_and_numbers(store, tmp_path):
    numbers = populate(store)
    ws = load_workbook(export(store, tmp_path / "台账.xlsx")).active
    assert ws["A1"].value == "马尚街道调解中心矛盾纠纷调解台账"
    assert ws["A2"].value == "全部案件；共5件；导出日期 2026-03-02"
    assert [c.value for c in ws[3]] == [
        "序号", "案号", "收案日期", "来源", "纠纷类型", "当事人", "争议金额", "调解员", "状态",
        "期限", "结果", "协议金额", "是否司法确认", "回访", "法院案号"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4)}
    agreed = rows[numbers["agreed"]]
    assert agreed[2].value == datetime(2026, 2, 26) and agreed[2].is_date
    assert agreed[2].number_format == "yyyy-mm-dd"
    assert agreed[6].value == 45000 and agreed[6].data_type == "n"
    assert agreed[6].number_format == "0.00"
    assert [c.value for c in agreed[7:14]] == [
        "周明", "已履行", datetime(2026, 4, 1), "调解成功", 40000, "是",
        "2026-03-02 已履行，满意度5"]
    assert rows[numbers["registered"]][6].value == 1200.5
    assert rows[numbers["terminated"]][10].value == "调解不成功：各方分歧较大难以达成一致"
    assert rows[numbers["court"]][14].value == "（2026）鲁0303民诉前调12号"
    assert rows[numbers["mediating"]][5].value == (
        "申请人：王芳（电话 13700001234）；被申请人：赵强、赵刚")
    assert [r[0].value for r in rows.values()] == [1, 2, 3, 4, 5]
    # print setup: A4 landscape, one page wide, the header row on every page
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:O1", "A2:O2"}


def test_the_director_s_export_is_audited_as_a_reveal(store, tmp_path):
    populate(store)
    before = store.audit.last_seq()
    export(store, tmp_path / "台账.xlsx")
    rows = list(store.db.execute("SELECT action, summary FROM audit WHERE seq > ?", [before]))
    assert rows == [("reveal_identifiers", "导出台账（含完整证件号码和电话，5件）")]
    # without the 当事人 column nothing is revealed and nothing is logged
    before = store.audit.last_seq()
    export(store, tmp_path / "无当事人.xlsx", columns=["number", "status"])
    assert store.audit.last_seq() == before


def test_an_account_that_may_not_reveal_gets_masked_numbers(store, tmp_path):
    numbers = populate(store)
    login_store(store, Account(id="r", name="检查员", role=Role.READONLY))
    before = store.audit.last_seq()
    rows = {r[1]: r for r in table(export(store, tmp_path / "台账.xlsx"))}
    assert rows[numbers["registered"]][5] == (
        "申请人：张三（身份证 110***********002X，电话 138****1234）；"
        "被申请人：李四（身份证 440***********0014，电话 139****1111）")
    assert store.audit.last_seq() == before  # nothing revealed, nothing to log
    text = (tmp_path / "台账.xlsx").read_bytes()
    assert b"13812341234" not in text


def test_a_mediator_sees_full_numbers_of_their_own_cases_only(store, tmp_path):
    numbers = populate(store)
    zhou = next(m for m in store.directory.mediators() if m.name == "周明")
    login_store(store, Account(id="z", name="周明", role=Role.MEDIATOR, mediator_id=zhou.id))
    rows = {r[1]: r for r in table(export(store, tmp_path / "台账.xlsx"))}
    assert "13700001234" in rows[numbers["mediating"]][5]  # assigned to 周明
    assert "138****1234" in rows[numbers["registered"]][5]  # registered by the director


def test_the_filter_and_its_words(store, tmp_path):
    numbers = populate(store)
    flt = CaseFilter(statuses=(CaseStatus.MEDIATING,), received_from=date(2026, 2, 1))
    ws = load_workbook(export(store, tmp_path / "台账.xlsx", flt)).active
    assert ws["A2"].value == "收案日期 2026-02-01 至 今；状态 调解中；共1件；导出日期 2026-03-02"
    assert [r[1] for r in ws.iter_rows(min_row=4, values_only=True)] == [numbers["mediating"]]


def test_round_trip_into_a_fresh_desk_gives_the_same_cases(store, tmp_path, clock):
    populate(store)
    first = export(store, tmp_path / "台账.xlsx")
    other = fresh_desk(tmp_path, clock)
    try:
        sheet = read_ledger_file(first.read_bytes(), first.name)
        plan = LedgerImport(other).plan(sheet, file_name=first.name)
        assert plan.ok, plan.errors
        assert plan.counts() == {NEW: 5, SAME: 0, DIFFERS: 0, "error": 0}
        result = LedgerImport(other).apply(ACTOR, sheet, file_name=first.name)
        assert len(result.added) == 5
        second = export(other, tmp_path / "再导出.xlsx")
        assert table(second) == table(first)  # every column of every case
        agreed = CaseService(other).get("（2026）马尚调字第3号")
        assert agreed.status is CaseStatus.PERFORMED
        assert CaseService(other).agreement(agreed.id).amount == Decimal("40000.00")
        terminated = CaseService(other).get("（2026）马尚调字第4号")
        assert terminated.end_reason is EndReason.GAP_TOO_LARGE
        court = CaseService(other).get("（2026）马尚调字第5号")
        assert court.source is CaseSource.COURT_DELEGATED
        # one operation with its audit record for the whole import
        audit = list(other.db.execute(
            "SELECT action, summary FROM audit ORDER BY seq DESC LIMIT 2"))
        assert audit[1] == ("register_cases", "导入台账“台账.xlsx”：新增5件")
        # the next registration follows the imported numbers
        nxt = CaseService(other).register(ACTOR, __import__("tests.inputs").inputs.case_input())
        assert nxt.number == "（2026）马尚调字第6号"
        # the same file again: every row matched, nothing written (not even an audit row)
        before = digest(other)
        again = LedgerImport(other).plan(sheet)
        assert again.counts()[SAME] == 5 and again.ok
        assert LedgerImport(other).apply(ACTOR, sheet).added == []
        assert digest(other) == before
    finally:
        other.close()


def variant_sheet() -> bytes:
    """A 台账 as an office keeps it: merged title rows, 编号, 受理日期, 申请人/被申请人
    columns, 金额（元）, dates as text and as date cells, a formula cell."""
    wb = Workbook()
    ws = wb.active
    ws.append(["某某村人民调解委员会矛盾纠纷排查调处台账"])
    ws.merge_cells("A1:H1")
    ws.append(["填报单位：某某村", None, None, None, "2026年第一季度"])
    ws.append(["编号", "受理日期", "申请人", "被申请人", "纠纷类别", "金额（元）", "调解结果",
               "备注"])
    ws.append(["2026-001", "2026年2月3日", "张三", "李四、李五", "邻里", 1500,
               "调解成功", "=1+1"])
    ws.append(["2026-002", datetime(2026, 2, 10), "王芳", "某某物业管理有限公司", "物业纠纷",
               "2,000.50", "调解不成功", None])
    ws.append([None, "2026/2/12", "赵强", "赵刚", "婚姻家庭", None, None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_office_variant_is_mapped_from_its_chinese_headers(store):
    sheet = read_ledger_file(variant_sheet(), "村台账.xlsx")
    assert sheet.header_row == 3
    plan = LedgerImport(store).plan(sheet)
    assert plan.mapping == ["number", "received_on", "applicants", "respondents",
                            "dispute_type", "amount", "outcome", ""]
    assert plan.ok, plan.errors
    first, second, third = plan.rows
    assert (first.row, second.row, third.row) == (4, 5, 6)
    c = first.case
    assert c.number == "2026-001" and c.received_on == date(2026, 2, 3)
    assert c.dispute_type.value == "neighbour" and c.amount == Decimal("1500.00")
    assert [(p.role.value, p.name) for p in c.parties] == [
        ("applicant", "张三"), ("respondent", "李四"), ("respondent", "李五")]
    assert c.status is CaseStatus.AGREED and first.agreement is not None
    assert second.case.amount == Decimal("2000.50")
    assert second.case.parties[1].kind.value == "organisation"
    assert second.case.status is CaseStatus.TERMINATED
    assert third.case.received_on == date(2026, 2, 12) and third.number == ""
    assert plan.notes == ["台账中没有“来源”列：各案件的来源按“当事人申请”导入"]
    assert first.warnings == [] and c.source is CaseSource.PARTY_APPLICATION
    result = LedgerImport(store).apply(ACTOR, sheet)
    numbers = sorted(c.number for c in result.added)
    # another office's 案号 is kept as written; each still takes a serial of this desk
    assert numbers == ["2026-001", "2026-002", "（2026）马尚调字第3号"]
    # the row without 案号 is matched again by its row key (date, type, names)
    again = LedgerImport(store).plan(sheet)
    assert [r.kind for r in again.rows] == [SAME, SAME, SAME]


def test_the_mapping_can_be_changed(store):
    sheet = read_ledger_file(variant_sheet(), "村台账.xlsx")
    mapping = parse_mapping(sheet.headers, ["备注=简要案情", "金额（元）=忽略"])
    assert mapping[7] == "facts" and mapping[5] == ""
    plan = LedgerImport(store).plan(sheet, mapping)
    # a formula is never run: read as its saved result, here none (openpyxl saves none)
    assert plan.rows[0].case.facts == LEDGER_FACTS and plan.rows[0].case.amount is None
    with pytest.raises(Exception, match="没有这个字段"):
        parse_mapping(sheet.headers, ["备注=不存在"])


def test_default_columns_are_the_standard_layout_and_the_court_number():
    assert DEFAULT_EXPORT[:14][0] == "seq" and DEFAULT_EXPORT[-1] == "court_case_number"


def test_a_masked_export_imports_without_the_masked_numbers(store, tmp_path, clock):
    populate(store)
    login_store(store, Account(id="r", name="检查员", role=Role.READONLY))
    masked = export(store, tmp_path / "遮蔽.xlsx")
    other = fresh_desk(tmp_path, clock)
    try:
        sheet = read_ledger_file(masked.read_bytes(), masked.name)
        plan = LedgerImport(other).plan(sheet)
        assert plan.ok, plan.errors
        row = next(r for r in plan.rows if r.number == "（2026）马尚调字第1号")
        assert "第8行 张三的身份证号码已遮蔽，未导入" in row.warnings
        assert "第8行 张三的电话号码已遮蔽，未导入" in row.warnings
        assert all(not p.id_number and not p.phone for p in row.case.parties)
    finally:
        other.close()


def test_apply_refuses_a_sheet_with_an_error_and_writes_nothing(store):
    wb = Workbook()
    ws = wb.active
    ws.append(["案号", "收案日期", "当事人", "纠纷类型"])
    ws.append(["A-1", "2026-03-01", "申请人：甲；被申请人：乙", "邻里纠纷"])
    ws.append(["A-2", "2027-01-01", "申请人：丙；被申请人：丁", "邻里纠纷"])
    out = io.BytesIO()
    wb.save(out)
    sheet = read_ledger_file(out.getvalue(), "x.xlsx")
    before = digest(store)
    with pytest.raises(ValidationError) as err:
        LedgerImport(store).apply(ACTOR, sheet)
    assert err.value.problems == {"台账": ["第3行 收案日期：收案日期不能晚于今天"]}
    assert digest(store) == before


def test_three_hundred_demo_cases_round_trip(tmp_path):
    """The demo's variety (every source, type and status, court numbers, agreements,
    visits): exported, imported into a fresh desk with the same roster, exported again —
    the same cells; planned again — every row already here."""
    from mediation_desk.domain.models import Mediator
    from mediation_desk.services.demo import build_demo, open_demo
    from mediation_desk.services.desk import MediatorService

    build_demo(tmp_path / "demo.db", cases=300, seed=7)
    demo = open_demo(tmp_path / "demo.db")
    fresh = None
    try:
        first = export(demo, tmp_path / "demo.xlsx")
        me = demo.directory.self_center()
        fresh = init_desk(tmp_path / "fresh.db", code="X-1", name=me.name,
                          number_prefix=me.number_prefix, clock=demo.clock)
        for m in demo.directory.mediators():
            MediatorService(fresh).save(ACTOR, Mediator(center_id="", name=m.name))
        sheet = read_ledger_file(first.read_bytes(), first.name)
        assert len(LedgerImport(fresh).apply(ACTOR, sheet).added) == 300
        again = export(fresh, tmp_path / "again.xlsx")
        assert sorted(r[1:] for r in table(again)) == sorted(r[1:] for r in table(first))
        assert LedgerImport(fresh).plan(sheet).counts()[SAME] == 300
    finally:
        demo.close()
        if fresh is not None:
            fresh.close()
