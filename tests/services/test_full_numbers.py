"""Full ID and phone numbers leave a desk only on the audited paths docs/permissions.md names,
and never through a log record or an audit row.

One referral's whole journey between a court desk and a center, by logged-in accounts: the
court refers it, the center registers its own case too, reveals, edits, prints, mediates,
hands the referral over for filing; both sides change a party's phone at once and the court's
liaison settles the conflict; the liaison writes the intake sheet with the case files. Then
no audit row of either desk and no log record (as logged, before the file handler's masking)
holds a full number, while the intake sheet, which is the liaison's, does.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mediation_desk.domain.access import Account, Role
from mediation_desk.domain.enums import EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.logs import log_file, setup_logging
from mediation_desk.services import exchange
from mediation_desk.services.access import login_store
from mediation_desk.services.cases import CaseService
from mediation_desk.services.court import CourtService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.referrals import ReferralService
from mediation_desk.storage import cases as case_store
from mediation_desk.storage.store import Store
from tests.conftest import case_input, party
from tests.exchange.helpers import make_desk, referral_input, trust_both

PROGRAM = "系统"
OWN_ID, OWN_PHONE = "11010519491231002X", "13812341234"
NEW_ID, NEW_PHONE = "440524188001010014", "13900001111"
COURT_PHONE, CENTER_PHONE = "13700001234", "13600005678"


def _login(store: Store, name: str, role: Role, mediator_id: str | None = None) -> Account:
    account = Account(id=f"acc-{name}", name=name, role=role, mediator_id=mediator_id)
    store.principal, store.guard = None, None
    with store.operation(PROGRAM, "create_account") as work:
        work.save_account(account)
    login_store(store, account)
    return account


def _edit_phone(store: Store, case_id: str, phone: str) -> None:
    """A raw change of the first party's phone by the program (to make both sides differ)."""
    principal, guard = store.principal, store.guard
    store.principal, store.guard = None, None
    case = case_store.get_case(store.db, case_id)
    assert case is not None
    case.parties[0].phone = phone
    with store.operation(PROGRAM, "edit", case_id=case_id) as work:
        work.save_case(case)
    store.principal, store.guard = principal, guard


def _send(tmp: Path, frm: Store, to: Store, name: str) -> None:
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, PROGRAM, to.origin_code(), path)
    exchange.import_bundle(to, PROGRAM, path)


@pytest.fixture
def desks(tmp_path):
    court = make_desk(tmp_path, "court01", "court")
    center = make_desk(tmp_path, "center01")
    trust_both(tmp_path, court, center)
    yield court, center
    court.close()
    center.close()


def test_full_numbers_stay_out_of_logs_and_audit_rows(tmp_path, desks, caplog):
    court, center = desks
    caplog.set_level(logging.DEBUG, logger="mediation_desk")
    setup_logging(logging.DEBUG)
    _login(court, "刘联络员", Role.LIAISON)
    mediator = MediatorService(center).save(PROGRAM, Mediator(center_id="", name="周明"))
    _login(center, "张主任", Role.DIRECTOR)

    referred = ReferralService(court).refer(PROGRAM, "center01", referral_input(1)).case
    referral_numbers = [(p.id_number, p.phone) for p in referred.parties]
    _send(tmp_path, court, center, "1")

    cases = CaseService(center)
    own = cases.register(PROGRAM, case_input())
    cases.accept(PROGRAM, own.id)
    cases.assign(PROGRAM, own.id, [mediator.id])
    revealed = cases.reveal_identifiers(PROGRAM, own.id, own.parties[0].id, reason="电话通知")
    assert revealed["id_number"] == OWN_ID and revealed["phone"] == OWN_PHONE
    cases.update_details(PROGRAM, own.id, dict(case_input(parties=[
        party("applicant", "张三", NEW_ID, NEW_PHONE), party("respondent", "李四")])))
    cases.record_session(PROGRAM, own.id, notes=f"张三留下电话{NEW_PHONE}，身份证{NEW_ID}")
    DocumentService(center).generate(PROGRAM, own.id, "acceptance")

    cases.accept(PROGRAM, referred.id)
    cases.assign(PROGRAM, referred.id, [mediator.id])
    cases.terminate(PROGRAM, referred.id, reason=EndReason.GAP_TOO_LARGE)
    cases.hand_over(PROGRAM, referred.id)
    _send(tmp_path, center, court, "2")

    # both desks change the same party's phone: the court's liaison settles the conflict
    _edit_phone(court, referred.id, COURT_PHONE)
    _edit_phone(center, referred.id, CENTER_PHONE)
    _send(tmp_path, center, court, "3")
    [conflict] = exchange.open_conflicts(court)
    assert conflict["field"] == "phone"
    exchange.resolve_conflict(court, PROGRAM, conflict["seq"], "incoming")

    report = CourtService(court).intake_sheet(PROGRAM, tmp_path / "登记表.xlsx",
                                              pdf_dir=tmp_path / "卷宗")
    assert report.cases == 1 and len(report.pdfs) == 1
    sheet = load_workbook(io.BytesIO(report.path.read_bytes()))
    cells = {str(c.value) for ws in sheet.worksheets for row in ws.iter_rows() for c in row}
    assert referral_numbers[0][0] in cells  # the liaison's sheet carries the full number
    actions = [r[0] for r in court.db.execute(
        "SELECT action FROM audit WHERE actor = '刘联络员' ORDER BY seq")]
    assert actions[-3:] == ["resolve_conflict", "intake_case_file", "intake_sheet"]

    full = {OWN_ID, OWN_PHONE, NEW_ID, NEW_PHONE, COURT_PHONE, CENTER_PHONE,
            *(n for pair in referral_numbers for n in pair if n)}
    for store in (court, center):
        rows = store.db.execute("SELECT actor, action, summary, changes FROM audit")
        text = "\n".join(" ".join(str(v) for v in r) for r in rows)
        assert [n for n in full if n in text] == [], store.origin_code()
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert [n for n in full if n in messages] == []
    logged = log_file().read_text(encoding="utf-8") if log_file().exists() else ""
    assert [n for n in full if n in logged] == []
