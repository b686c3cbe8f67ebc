"""``report`` and ``court-summary`` on desks whose figures are computed by hand.

The center desk ZD-TJ (director 测试员), cases through the real services:

====  ============  ==============================  =============================
case  accepted      then                            counts in
====  ============  ==============================  =============================
A     2026-10-20    agreement effective 11-05       受理 Oct, 成功 Nov
B     2026-11-03    agreement effective 11-10       受理 Nov, 成功 Nov
C     2026-11-12    terminated 11-20 (分歧较大)      受理 Nov, 终止 Nov
D     2026-11-25    (open)                          受理 Nov
F     2026-10-05    agreement effective 10-15       受理 Oct, 成功 Oct
E     2026-12-01    (open)                          受理 Dec
====  ============  ==============================  =============================

November: 受理 3 (B C D), 成功 2 (A B), 成功率 66.7, 终止 1; October: 受理 2, 成功 1 (F),
so 受理 环比 +50.0%. 2026Q4: 受理 6, 成功 3 (50.0%).
"""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from mediation_desk.cli import run
from mediation_desk.domain.access import Role
from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from tests.cli.helpers import add_account, login_as, login_desk
from tests.conftest import Clock, case_input
from tests.exchange.helpers import ACTOR


def _at(clock: Clock, d: date) -> None:
    clock.now = datetime(d.year, d.month, d.day, 10, 0).astimezone()


@pytest.fixture(scope="module")
def center(tmp_path_factory):
    """The desk of the module docstring: (db path, {letter: case id}, {id: number}); made
    once, every verb here only reads it."""
    tmp_path = tmp_path_factory.mktemp("center")
    clock = Clock()
    store = login_desk(tmp_path, "ZD-TJ", clock=clock)
    try:
        m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
        add_account(store, "周明", Role.MEDIATOR, mediator_id=m.id)
        add_account(store, "只读员", Role.READONLY)
        cases = CaseService(store)
        plan = {"A": date(2026, 10, 20), "B": date(2026, 11, 3), "C": date(2026, 11, 12),
                "D": date(2026, 11, 25), "F": date(2026, 10, 5), "E": date(2026, 12, 1)}
        ids = {}
        for letter, on in plan.items():
            _at(clock, on)
            c = cases.register(ACTOR, case_input(received_on=on.isoformat()))
            cases.accept(ACTOR, c.id, on=on)
            cases.assign(ACTOR, c.id, [m.id])
            ids[letter] = c.id
        for letter, on in (("F", date(2026, 10, 15)), ("A", date(2026, 11, 5)),
                           ("B", date(2026, 11, 10))):
            _at(clock, on)
            cases.record_agreement(ACTOR, ids[letter], AgreementInput(
                clauses=["清理杂物"], effective_on=on))
        _at(clock, date(2026, 11, 20))
        cases.record_session(ACTOR, ids["C"], notes="调解未成")
        cases.terminate(ACTOR, ids["C"], reason=EndReason.GAP_TOO_LARGE)
        numbers = {cid: cases.get(cid).number for cid in ids.values()}
    finally:
        store.close()
    return tmp_path / "ZD-TJ.db", ids, numbers


def _figures(doc: dict) -> dict[str, dict]:
    return {f["key"]: f for f in doc["figures"]}


def test_report_json_counts_events_of_the_period_with_their_cases(center, tmp_path,
                                                                  monkeypatch, capsys):
    db, ids, numbers = center
    login_as(monkeypatch)
    out = tmp_path / "nov.json"
    assert run(["report", "--db", str(db), "--kind", "monthly", "--period", "2026-11",
                "--format", "json", "--out", str(out), "--prepared-by", "王填报"]) == 0
    said = capsys.readouterr().out
    assert "人民调解工作月报（2026年11月，JSON）" in said
    assert "受理纠纷数 3件，调解成功数 2件，调解成功率 66.7%" in said
    doc = json.loads(out.read_text("utf-8"))
    assert doc["period"] == {"kind": "monthly", "code": "2026-11", "label": "2026年11月",
                             "start": "2026-11-01", "end": "2026-11-30"}
    assert doc["previous_period"]["code"] == "2026-10" and doc["prepared_by"] == "王填报"
    f = _figures(doc)
    assert (f["accepted"]["value"], f["accepted"]["previous"]) == (3, 2)
    assert f["accepted"]["previous_change"] == 50.0
    assert sorted(f["accepted"]["case_ids"]) == sorted(ids[x] for x in "BCD")
    assert sorted(f["accepted"]["case_numbers"]) == sorted(numbers[ids[x]] for x in "BCD")
    assert (f["succeeded"]["value"], f["succeeded"]["previous"]) == (2, 1)
    assert sorted(f["succeeded"]["case_ids"]) == sorted(ids[x] for x in "AB")
    assert f["success_rate"]["value"] == 66.7 and f["success_rate"]["unit"] == "%"
    assert f["terminated"]["value"] == 1 and f["terminated"]["case_ids"] == [ids["C"]]
    assert f["accepted"]["rule"] == "受理日期在本期内的案件"
    by_type = next(t for t in doc["tables"] if t["key"] == "by_type")
    neighbour = next(r for r in by_type["rows"] if r["key"] == "neighbour")
    assert neighbour["cells"]["accepted"]["value"] == 3
    assert sorted(neighbour["cells"]["accepted"]["case_ids"]) == sorted(ids[x] for x in "BCD")


def test_report_xlsx_quarter_and_the_published_json(center, tmp_path, monkeypatch, capsys):
    db, ids, _numbers = center
    login_as(monkeypatch, "只读员")  # a read-only account may print the desk's report
    out = tmp_path / "q4.xlsx"
    assert run(["report", "--db", str(db), "--period", "2026Q4", "--out", str(out),
                "--reviewed-by", "李审核"]) == 0  # quarterly and xlsx from the period and name
    ws = load_workbook(io.BytesIO(out.read_bytes()))["主要指标"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["受理纠纷数"][1] == 6 and rows["调解成功数"][1] == 3
    assert rows["调解成功率"][1] == 50.0
    assert ws["A1"].value == "ZD-TJ单位人民调解工作季度通报（2026年第四季度）——主要指标"
    assert rows["填报人"][1:4] == ("只读员", "审核人", "李审核")  # 填报人: the login

    public = tmp_path / "nov-public.json"
    assert run(["report", "--db", str(db), "--period", "2026-11", "--out", str(public),
                "--public"]) == 0
    assert "对外发布" in capsys.readouterr().out
    text = public.read_text("utf-8")
    assert "case_ids" not in text and "case_numbers" not in text
    assert not any(cid in text for cid in ids.values())
    f = _figures(json.loads(text))
    assert f["accepted"]["value"] == 3  # 3 is shown
    assert (f["succeeded"]["text"], f["succeeded"]["value"]) == ("<3", None)  # 2 is not
    assert f["terminated"]["suppressed"] is True


def test_a_mediator_prints_the_report_and_a_range_counts_its_days(center, tmp_path,
                                                                  monkeypatch, capsys):
    db, ids, _numbers = center
    login_as(monkeypatch, "周明")
    out = tmp_path / "range.json"
    assert run(["report", "--db", str(db), "--from", "2026-11-01", "--to", "2026-11-10",
                "--out", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    assert doc["period"]["kind"] == "range" and doc["title"] == "人民调解工作统计报告"
    f = _figures(doc)
    assert f["accepted"]["case_ids"] == [ids["B"]]  # C (11-12) and D (11-25) are after it
    assert sorted(f["succeeded"]["case_ids"]) == sorted([ids["A"], ids["B"]])


BAD = {
    "month 13": (["--period", "2026-13"], "--period 月份应写作“2026-11”：2026-13"),
    "a year as a month": (["--kind", "monthly", "--period", "2026"], "月份应写作"),
    "quarter 5": (["--period", "2026Q5"], "季度"),
    "no period": ([], "请给出统计期间"),
    "kind without period": (["--kind", "quarterly"], "--period 2026Q4"),
    "range without --to": (["--from", "2026-11-01"], "同时给出 --from 和 --to"),
    "bad date": (["--from", "2026-11-01", "--to", "2026-11-31"], "--to 应为日期"),
    "backwards": (["--from", "2026-11-10", "--to", "2026-11-01"], "不能早于 --from"),
    "range and period": (["--period", "2026-11", "--from", "2026-11-01", "--to",
                          "2026-11-02"], "不能与 --period"),
    "range kind, no dates": (["--kind", "range"], "--from 和 --to"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_wrong_period_is_a_usage_error_and_writes_nothing(case, tmp_path, monkeypatch,
                                                            capsys):
    db = tmp_path / "no-such.db"  # found before the desk is opened, and before the login
    login_as(monkeypatch, None, None)
    args, says = BAD[case]
    out = tmp_path / "out.xlsx"
    assert run(["report", "--db", str(db), *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert says in err and "用法错误" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_format_is_needed_and_center_is_for_the_court_desk(center, tmp_path, monkeypatch,
                                                             capsys):
    db, _ids, _numbers = center
    login_as(monkeypatch)
    assert run(["report", "--db", str(db), "--period", "2026-11", "--out",
                str(tmp_path / "r.txt")]) == 2
    assert "--format pdf|xlsx|json" in capsys.readouterr().err
    assert run(["report", "--db", str(db), "--period", "2026-11", "--center", "ZD-TJ",
                "--out", str(tmp_path / "r.json")]) == 1
    assert "只用于法院联络台" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.txt").exists()
    # a missing folder: one clear line, nothing written
    assert run(["report", "--db", str(db), "--period", "2026-11", "--out",
                str(tmp_path / "nowhere" / "r.json")]) == 1
    assert "文件夹不存在" in capsys.readouterr().err


def test_report_pdf(center, tmp_path, monkeypatch, capsys):
    db, _ids, _numbers = center
    login_as(monkeypatch)
    out = tmp_path / "nov.pdf"
    code = run(["report", "--db", str(db), "--period", "2026-11", "--out", str(out)])
    if code == 1:  # no CJK font on this machine
        assert "字体" in capsys.readouterr().err
        return
    assert code == 0 and out.read_bytes().startswith(b"%PDF")


def test_court_summary_on_a_center_desk_is_its_own_line(center, monkeypatch, capsys):
    db, _ids, _numbers = center
    login_as(monkeypatch)
    assert run(["court-summary", "--db", str(db), "--period", "2026-11", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"]["code"] == "2026-11"
    [row] = doc["centers"]
    assert (row["code"], row["accepted"], row["succeeded"], row["success_rate"]) == \
        ("ZD-TJ", 3, 2, 66.7)
    assert run(["court-summary", "--db", str(db), "--period", "2026-13"]) == 2


# --- the court desk ---------------------------------------------------------------------
def _send(tmp, frm, to_code, to, name):
    from mediation_desk.services import exchange

    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    return exchange.import_bundle(to, ACTOR, path)


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    """The court FY-01 and its referrals to centers A and B (2026), sent back and forth:

    ===  ==========  ================================================================
    a0   A 03-05     agreement 03-20, JC applied 03-22, confirmed at the court 03-30,
                     archived at A 04-10 (status now 归档)
    a1   A 03-06     terminated 03-25, handed over 03-26, filed at the court 04-01
                     (status now 已立案)
    a2   A 04-02     open
    b0   B 03-10     agreement 04-15
    ===  ==========  ================================================================

    2026Q1: A 受理 2 成功 1 (50.0%) 司法确认有效 1 移送立案 1; B 受理 1 成功 0 (0.0%).
    2026: A 受理 3 成功 1 (33.3%); B 受理 1 成功 1 (100.0%, ranked first); 合计 4 / 2 / 50.0.
    Counted by current status (the old court-summary), a0 is no longer 确认有效.
    """
    from tests.exchange.helpers import referral, trust_both

    tmp = tmp_path_factory.mktemp("court")
    clock = Clock()
    _at(clock, date(2026, 3, 2))
    fy = login_desk(tmp, "FY-01", "court", clock=clock)
    a, b = login_desk(tmp, "centerA", clock=clock), login_desk(tmp, "centerB", clock=clock)
    try:
        trust_both(tmp, fy, a)
        trust_both(tmp, fy, b)
        a_cases = [referral(fy, a, n) for n in range(3)]
        b_case = referral(fy, b, 10)
        _send(tmp, fy, "centerA", a, "to-a")
        _send(tmp, fy, "centerB", b, "to-b")
        ca, cb = CaseService(a), CaseService(b)
        ma = MediatorService(a).save(ACTOR, Mediator(center_id="", name="赵调解")).id
        mb = MediatorService(b).save(ACTOR, Mediator(center_id="", name="钱调解")).id
        a0, a1, a2 = (c.id for c in a_cases)
        for svc, m, cid, on in ((ca, ma, a0, date(2026, 3, 5)), (ca, ma, a1, date(2026, 3, 6)),
                                (cb, mb, b_case.id, date(2026, 3, 10)),
                                (ca, ma, a2, date(2026, 4, 2))):
            _at(clock, on)
            svc.accept(ACTOR, cid, on=on)
            svc.assign(ACTOR, cid, [m])
            svc.record_session(ACTOR, cid, notes="组织双方调解")
        _at(clock, date(2026, 3, 20))
        ca.record_agreement(ACTOR, a0, AgreementInput(clauses=["支付货款"],
                                                      effective_on=date(2026, 3, 20)))
        _at(clock, date(2026, 3, 22))
        ca.apply_jc(ACTOR, a0, on=date(2026, 3, 22))
        _at(clock, date(2026, 3, 25))
        ca.terminate(ACTOR, a1, reason=EndReason.GAP_TOO_LARGE)
        _at(clock, date(2026, 3, 26))
        ca.hand_over(ACTOR, a1, notes="移送立案")
        _send(tmp, a, "FY-01", fy, "back-a1")
        court_cases = CaseService(fy)
        _at(clock, date(2026, 3, 30))
        court_cases.record_jc_outcome(ACTOR, a0, outcome="confirmed",
                                      ruling="（2026）鲁0303民特12号")
        _at(clock, date(2026, 4, 1))
        court_cases.record_filing(ACTOR, a1, filing_number="（2026）鲁0303民初77号")
        _send(tmp, fy, "centerA", a, "outcomes")
        _at(clock, date(2026, 4, 10))
        ca.archive(ACTOR, a0)
        _send(tmp, a, "FY-01", fy, "back-a2")
        _at(clock, date(2026, 4, 15))
        cb.record_agreement(ACTOR, b_case.id, AgreementInput(clauses=["支付货款"],
                                                             effective_on=date(2026, 4, 15)))
        _send(tmp, b, "FY-01", fy, "back-b")
        from mediation_desk.services.court import CourtService
        old = {r.code: r for r in CourtService(fy).center_counts()}
    finally:
        for s in (fy, a, b):
            s.close()
    return tmp / "FY-01.db", old


def _summary(capsys) -> dict:
    doc = json.loads(capsys.readouterr().out)
    return {"centers": {c["code"]: c for c in doc["centers"]}, "total": doc["total"],
            "period": doc["period"]}


def test_court_summary_counts_the_events_of_the_period(court, monkeypatch, capsys):
    db, old = court
    login_as(monkeypatch)
    assert run(["court-summary", "--db", str(db), "--period", "2026Q1", "--json"]) == 0
    got = _summary(capsys)
    assert got["period"]["label"] == "2026年第一季度"
    a, b = got["centers"]["centerA"], got["centers"]["centerB"]
    assert (a["accepted"], a["succeeded"], a["success_rate"], a["jc_confirmed"],
            a["handed_over"]) == (3 - 1, 1, 50.0, 1, 1)
    assert (b["accepted"], b["succeeded"], b["success_rate"]) == (1, 0, 0.0)
    assert (got["total"]["accepted"], got["total"]["succeeded"]) == (3, 1)
    # a0 is 归档 now: the court page's count (court_queries.center_counts) counts the
    # confirmation that happened, not the status (it lost it when it counted statuses)
    assert old["centerA"].jc_confirmed == 1

    assert run(["court-summary", "--db", str(db)]) == 0  # this year, as a table
    text = capsys.readouterr().out
    assert "2026年度（2026-01-01 至 2026-12-31）" in text
    lines = text.splitlines()
    assert lines[1].split("\t") == ["名次", "调解组织", "受理", "成功", "成功率%", "超期",
                                    "超期率%", "司法确认有效", "移送立案"]
    rows = [line.split("\t") for line in lines[2:]]
    assert [r[:5] for r in rows] == [["1", "centerB单位（centerB）", "1", "1", "100.0"],
                                     ["2", "centerA单位（centerA）", "3", "1", "33.3"],
                                     ["", "合计", "4", "2", "50.0"]]
    assert rows[1][7:] == ["1", "1"] and rows[2][7:] == ["1", "1"]


def test_the_court_report_per_center_and_its_roll_up(court, tmp_path, monkeypatch, capsys):
    db, _old = court
    login_as(monkeypatch)
    out = tmp_path / "a.json"
    assert run(["report", "--db", str(db), "--period", "2026", "--center", "centerA",
                "--out", str(out)]) == 0
    f = _figures(json.loads(out.read_text("utf-8")))
    assert (f["accepted"]["value"], f["succeeded"]["value"], f["handed_over"]["value"],
            f["jc_confirmed"]["value"], f["filed"]["value"]) == (3, 1, 1, 1, 1)
    assert run(["report", "--db", str(db), "--period", "2026", "--center", "nowhere",
                "--out", str(out.with_name("x.json"))]) == 1
    assert "没有该调解组织的数据：nowhere" in capsys.readouterr().err
    roll_up = tmp_path / "all.xlsx"
    assert run(["report", "--db", str(db), "--period", "2026", "--out", str(roll_up)]) == 0
    wb = load_workbook(io.BytesIO(roll_up.read_bytes()))
    centers = {r[1]: r for r in wb["按调解组织"].iter_rows(min_row=5, values_only=True)
               if r[1]}
    assert centers["centerB单位"][:5] == (1, "centerB单位", 1, 1, 100.0)
    assert centers["centerA单位"][:5] == (2, "centerA单位", 3, 1, 33.3)
    assert centers["合计"][2:4] == (4, 2)


def test_the_director_prints_the_assessment_a_mediator_may_not(center, tmp_path, monkeypatch,
                                                               capsys):
    db, _ids, _numbers = center
    login_as(monkeypatch)  # the director
    ranked, own = tmp_path / "考评排名.pdf", tmp_path / "周明考评.pdf"
    assert run(["assessment", "--db", str(db), "--period", "2026", "--out", str(ranked)]) == 0
    assert run(["assessment", "--db", str(db), "--period", "2026", "--mediator", "周明",
                "--out", str(own)]) == 0
    assert "周明的考评表" in capsys.readouterr().out
    for pdf in (ranked, own):
        assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(own), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "周明" in text and "考评" in text
    assert run(["assessment", "--db", str(db), "--period", "2026", "--mediator", "无此人",
                "--out", str(tmp_path / "x.pdf")]) != 0
    assert "无此人" in capsys.readouterr().err
    login_as(monkeypatch, "周明")
    denied = tmp_path / "denied.pdf"
    assert run(["assessment", "--db", str(db), "--period", "2026", "--out", str(denied)]) != 0
    assert not denied.exists()
