"""The court liaison desk: per-center counts, center filter, intake sheet, outcomes back."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from mediation_desk.cli import run
from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.errors import DomainError
from mediation_desk.domain.models import Mediator
from mediation_desk.services import exchange
from mediation_desk.services.cases import CaseService
from mediation_desk.services.court import CourtService
from mediation_desk.services.desk import MediatorService
from mediation_desk.storage import cases as case_store

from .helpers import ACTOR, id_number, make_desk, referral, trust_both


def _send(tmp, frm, to_code, to, name):
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    return exchange.import_bundle(to, ACTOR, path)


@pytest.fixture
def world(tmp_path):
    court = make_desk(tmp_path, "court01", "court")
    a, b = make_desk(tmp_path, "centerA"), make_desk(tmp_path, "centerB")
    trust_both(tmp_path, court, a)
    trust_both(tmp_path, court, b)
    yield court, a, b
    for s in (court, a, b):
        s.close()


def test_counts_filter_intake_sheet_and_outcome(tmp_path, world):
    court, a, b = world
    ca = [referral(court, a, n) for n in range(3)]
    cb = referral(court, b, 10)
    # a hostile-looking name must stay text in the sheet
    ca[0].parties[0].name = "=HYPERLINK(\"x\")"
    with court.operation(ACTOR, "edit", case_id=ca[0].id) as work:
        work.save_case(ca[0])
    _send(tmp_path, court, "centerA", a, "ra")
    _send(tmp_path, court, "centerB", b, "rb")
    m = MediatorService(a).save(ACTOR, Mediator(center_id="", name="赵调解"))
    svc = CaseService(a)
    for c in ca:
        svc.accept(ACTOR, c.id)
        svc.assign(ACTOR, c.id, [m.id])
    svc.record_session(ACTOR, ca[0].id, notes="调解未成")
    svc.terminate(ACTOR, ca[0].id, reason=EndReason.GAP_TOO_LARGE, notes="双方分歧较大")
    svc.hand_over(ACTOR, ca[0].id, notes="移送立案")
    _send(tmp_path, a, "court01", court, "back-a")

    rows = {r.code: r for r in CourtService(court).center_counts()}
    assert set(rows) == {"centerA", "centerB"}
    assert (rows["centerA"].received, rows["centerA"].in_mediation,
            rows["centerA"].handed_to_filing) == (3, 2, 1)
    assert rows["centerB"].received == 1 and rows["centerB"].in_mediation == 0
    listed = CourtService(court).cases_of_center("centerB")
    assert [r.id for r in listed] == [cb.id]
    with pytest.raises(DomainError):
        CourtService(court).cases_of_center("nowhere")

    out = tmp_path / "intake.xlsx"
    try:
        rep = CourtService(court).intake_sheet(ACTOR, out, pdf_dir=tmp_path / "pdf")
    except DomainError as exc:  # no CJK font on this machine: the sheet alone
        assert "字体" in exc.message
        rep = CourtService(court).intake_sheet(ACTOR, out)
    else:
        assert len(rep.pdfs) == 1 and rep.pdfs[0].read_bytes().startswith(b"%PDF")
    assert rep.cases == 1
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    cases_ws, parties_ws = wb["移送立案案件"], wb["当事人"]
    header = [c.value for c in cases_ws[1]]
    row = dict(zip(header, [c.value for c in cases_ws[2]], strict=True))
    assert row["诉前调解案号"] == ca[0].court_case_number and row["调解员"] == "赵调解"
    assert row["调解组织"] == "centerA单位" and "双方分歧较大" in row["终止原因及说明"]
    assert row["调解日期"]
    pheader = [c.value for c in parties_ws[1]]
    prow = [dict(zip(pheader, [c.value for c in r], strict=True))
            for r in parties_ws.iter_rows(min_row=2)]
    assert {p["证件号码"] for p in prow} == {id_number(0), id_number(500)}  # full: to the court
    assert prow[0]["姓名/名称"] == "=HYPERLINK(\"x\")"
    assert parties_ws.cell(row=2, column=4).data_type == "s"

    # the court records the filing number; the center receives it
    CaseService(court).record_filing(ACTOR, ca[0].id, filing_number="（2026）鲁0303民初77号")
    r = _send(tmp_path, court, "centerA", a, "outcome")
    assert r.counts["conflicting"] == 0
    got = case_store.get_case(a.db, ca[0].id)
    assert got.filing_number == "（2026）鲁0303民初77号" and got.status.value == "filed"


@pytest.fixture
def login_world(tmp_path):
    """The same three desks, encrypted, each with its director (the command line logs in)."""
    from tests.cli.helpers import login_desk

    court = login_desk(tmp_path, "court01", "court")
    a, b = login_desk(tmp_path, "centerA"), login_desk(tmp_path, "centerB")
    trust_both(tmp_path, court, a)
    trust_both(tmp_path, court, b)
    yield court, a, b
    for s in (court, a, b):
        s.close()


def test_court_cli_verbs(tmp_path, login_world, capsys, monkeypatch):
    from mediation_desk.domain.access import Role
    from tests.cli.helpers import add_account, login_as

    court, a, _b = login_world
    c = referral(court, a, 0)
    add_account(court, "法院联络员甲", Role.LIAISON)
    court_db = str(court.path)
    login_as(monkeypatch)  # the court's director
    assert run(["court-summary", "--db", court_db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)  # this year, events of the year (not statuses)
    assert data["period"]["code"] == str(court.today().year)
    assert data["total"]["accepted"] == 0  # the referral is not accepted yet
    assert run(["court-cases", "--db", court_db, "--center", "centerA"]) == 0
    text = capsys.readouterr().out
    assert c.court_case_number in text and id_number(0) not in text and "13800000000" not in text
    # the sheet with full numbers is the liaison's, not the director's
    assert run(["intake-sheet", "--db", court_db, "--out", str(tmp_path / "s.xlsx")]) == 1
    assert "法院联络员" in capsys.readouterr().err and not (tmp_path / "s.xlsx").exists()
    assert run(["--user", "法院联络员甲", "intake-sheet", "--db", court_db, "--out",
                str(tmp_path / "s.xlsx")]) == 0
    assert (tmp_path / "s.xlsx").exists()
