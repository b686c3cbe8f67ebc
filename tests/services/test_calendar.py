"""The calendar at a desk: notices, the estimated flag, window checks that warn, recomputation."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from mediation_desk.domain.enums import CaseStatus, DayKind, YearSource
from mediation_desk.domain.errors import DomainError, NeedsConfirmation, ValidationError
from mediation_desk.domain.models import HolidayNotice, HolidaySpan, Mediator
from mediation_desk.services import calendar as cal_svc
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from tests.conftest import case_input

ACTOR = "中心主任"
NOTICE_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试用，非真实通知）
年份 2027
标题 国务院办公厅关于2027年部分节假日安排的通知
完整 是
放假 2027-01-01 2027-01-04 元旦
放假 2027-02-05 2027-02-12 春节
上班 2027-02-14 春节调休上班
"""


@pytest.fixture
def agreed_case(svc, store, clock):
    """A case whose agreement took effect on 2026-12-02 (today is 2026-12-02)."""
    clock.now = datetime(2026, 12, 2, 9, 0).astimezone()
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2026-12-01"))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["李四赔偿张三500元"],
                                                     effective_on=date(2026, 12, 2)))
    return svc.get(c.id)


def test_reference_bug_apply_jc_on_2027_01_04_is_on_time(svc, agreed_case, clock):
    # 30 days from 2026-12-02 end on 2027-01-01 (元旦) -> the next working day, 2027-01-04
    assert agreed_case.jc_due_on == date(2027, 1, 4)
    clock.now = datetime(2027, 1, 4, 9, 0).astimezone()
    c = svc.apply_jc(ACTOR, agreed_case.id, on=date(2027, 1, 4))
    assert c.status is CaseStatus.JC_APPLIED


def test_past_an_estimated_deadline_asks_then_proceeds_and_records_the_warning(
        svc, store, agreed_case, clock):
    clock.now = datetime(2027, 1, 5, 9, 0).astimezone()
    with pytest.raises(NeedsConfirmation) as asked:
        svc.apply_jc(ACTOR, agreed_case.id, on=date(2027, 1, 5))
    assert "推算" in asked.value.message and "2027年1月4日" in asked.value.message
    assert svc.get(agreed_case.id).status is CaseStatus.AGREED  # nothing written yet
    c = svc.apply_jc(ACTOR, agreed_case.id, on=date(2027, 1, 5), accept_estimated=True)
    assert c.status is CaseStatus.JC_APPLIED
    row = store.db.execute(
        "SELECT summary, changes FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert "推算" in row[0]
    assert "deadline_warning" in row[1]


def test_past_an_official_deadline_is_refused(svc, store, clock):
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2025-08-20"))
    clock.now = datetime(2025, 9, 1, 9, 0).astimezone()
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(clauses=["x"], effective_on=date(2025, 9, 1)))
    assert svc.get(c.id).jc_due_on == date(2025, 10, 9)
    clock.now = datetime(2025, 10, 10, 9, 0).astimezone()
    with pytest.raises(DomainError) as err:
        svc.apply_jc(ACTOR, c.id, on=date(2025, 10, 10), accept_estimated=True)
    assert err.value.code == "jc_window_passed"
    assert "2025年10月9日" in err.value.message


def test_entering_the_notice_recomputes_deadlines_in_the_same_audited_operation(
        store, svc, agreed_case, tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    before = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    change = cal_svc.import_notice_file(store, ACTOR, path)
    assert change.moved == [agreed_case.number]
    assert svc.get(agreed_case.id).jc_due_on == date(2027, 1, 5)  # 01-04 is now a holiday
    rows = store.db.execute("SELECT action, summary, changes FROM audit WHERE seq > ?",
                            [before]).fetchall()
    assert len(rows) == 1
    action, summary, changes = rows[0]
    assert action == "save_holiday_notice"
    assert "2027年" in summary and "重新计算1件" in summary
    entities = {c["entity"] for c in json.loads(changes)}
    assert entities == {"holiday_notice", "case"}
    overview = {y.year: y for y in cal_svc.year_overview(store, range(2025, 2029))}
    assert overview[2025].source is YearSource.OFFICIAL
    assert overview[2027].source is YearSource.ENTERED
    assert overview[2027].title == "国务院办公厅关于2027年部分节假日安排的通知"
    assert overview[2028].source is YearSource.ESTIMATED


def test_reimporting_the_same_file_changes_nothing(store, tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    first = cal_svc.import_notice_file(store, ACTOR, path)
    count = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    again = cal_svc.import_notice_file(store, ACTOR, path)
    assert again.notice.id == first.notice.id
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == count
    assert len(cal_svc.notices(store, 2027)) == 1


def test_notice_file_round_trips(store):
    n = cal_svc.parse_notice_text(NOTICE_2027)
    assert n.year == 2027 and n.complete
    assert [(s.start, s.end, s.kind) for s in n.spans] == [
        (date(2027, 1, 1), date(2027, 1, 4), DayKind.REST),
        (date(2027, 2, 5), date(2027, 2, 12), DayKind.REST),
        (date(2027, 2, 14), date(2027, 2, 14), DayKind.WORK)]
    again = cal_svc.parse_notice_text(cal_svc.notice_text(n))
    assert (again.year, again.title, again.complete, again.spans) == (
        n.year, n.title, n.complete, n.spans)
    english = cal_svc.parse_notice_text("year 2027\ncomplete no\nrest 2027-06-09 端午\n")
    assert not english.complete and english.spans[0].name == "端午"


@pytest.mark.parametrize("text, where", [
    ("放假 2027-01-01 元旦\n", "year"),
    ("年份 27\n", "第1行"),
    ("年份 2027\n放假 2027-13-01 元旦\n", "第2行"),
    ("年份 2027\n\n放假日 2027-01-01\n", "第3行"),
    ("年份 2027\n完整 也许\n", "第2行"),
    ("年份 2027\n放假\n", "第2行"),
])
def test_malformed_notice_files_name_the_line(text, where):
    with pytest.raises(ValidationError) as err:
        cal_svc.parse_notice_text(text)
    assert where in err.value.problems


@pytest.mark.parametrize("spans, field", [
    ([("2027-01-03", "2027-01-01", "rest", "")], "spans.1"),
    ([("2026-12-31", "2027-01-01", "rest", "")], "spans.1"),
    ([("2027-01-01", "2027-03-01", "rest", "")], "spans.1"),
    ([("2027-01-01", "2027-01-02", "rest", ""), ("2027-01-02", "2027-01-02", "work", "")],
     "spans.2"),
    ([("2027-01-01", "2027-01-01", "rest", "元旦\u202e")], "spans.1"),
    ([], "spans"),
])
def test_invalid_notices_are_refused_and_nothing_is_written(store, spans, field):
    n = HolidayNotice(year=2027, spans=[
        HolidaySpan(start=date.fromisoformat(a), end=date.fromisoformat(b), kind=DayKind(k),
                    name=nm) for a, b, k, nm in spans])
    count = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(ValidationError) as err:
        cal_svc.save_notice(store, ACTOR, n)
    assert field in err.value.problems
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == count
    assert cal_svc.notices(store) == []


def test_year_out_of_range_refused(store):
    with pytest.raises(ValidationError) as err:
        cal_svc.save_notice(store, ACTOR, HolidayNotice(year=1999, spans=[
            HolidaySpan(start=date(1999, 1, 1), end=date(1999, 1, 1))]))
    assert "year" in err.value.problems


def test_a_courts_notice_cannot_be_changed_or_deleted_here(store):
    court = HolidayNotice(year=2027, origin="FY-ZD", spans=[
        HolidaySpan(start=date(2027, 1, 1), end=date(2027, 1, 1), name="元旦")])
    with pytest.raises(DomainError) as err:
        cal_svc.save_notice(store, ACTOR, court)
    assert err.value.code == "not_owner"


def test_deleting_the_notice_makes_the_year_estimated_again(store, svc, agreed_case, tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(NOTICE_2027, encoding="utf-8")
    change = cal_svc.import_notice_file(store, ACTOR, path)
    assert not cal_svc.load_calendar(store).is_estimated(2027)
    back = cal_svc.delete_notice(store, ACTOR, change.notice.id)
    assert back.moved == [agreed_case.number]
    assert cal_svc.load_calendar(store).is_estimated(2027)
    assert svc.get(agreed_case.id).jc_due_on == date(2027, 1, 4)


def test_unreadable_notice_files(store, tmp_path):
    with pytest.raises(DomainError) as err:
        cal_svc.read_notice_file(tmp_path)
    assert err.value.code == "file_unreadable"
    big = tmp_path / "big.txt"
    big.write_bytes(b"#" * (70 * 1024))
    with pytest.raises(DomainError) as err:
        cal_svc.read_notice_file(big)
    assert err.value.code == "file_too_large"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("年份 2027\n放假 2027-01-01 元旦\n".encode("gbk"))
    with pytest.raises(DomainError) as err:
        cal_svc.read_notice_file(gbk)
    assert err.value.code == "file_encoding"


def test_month_periods_per_source(store, svc, clock):
    from mediation_desk.services.settings import load_settings, save_settings

    s = load_settings(store)
    s.deadline_days["party_application"] = 1
    s.deadline_units["party_application"] = "months"
    save_settings(store, ACTOR, s)
    clock.now = datetime(2027, 1, 31, 9, 0).astimezone()  # a Sunday; accepted anyway
    c = svc.register(ACTOR, case_input(received_on="2027-01-30"))
    svc.reload_settings()
    c = svc.accept(ACTOR, c.id, on=date(2027, 1, 31))
    assert c.due_on == date(2027, 3, 1)  # 02-28 is a Sunday -> Monday 03-01
    s.deadline_days["party_application"] = 13
    with pytest.raises(ValidationError) as err:
        save_settings(store, ACTOR, s)
    assert "deadline_days.party_application" in err.value.problems
