"""Undisputed facts (无争议事实) as their own record: one operation with its audit row, the
same input rules as every form, every party's confirmation, the case's real outcome, and the
hand-over to the court in an exchange bundle."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mediation_desk.domain.enums import AgreementScope, EndReason, EventKind
from mediation_desk.domain.errors import TransitionError, ValidationError
from mediation_desk.services.cases import CaseService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage import audit
from tests.conftest import case_input
from tests.exchange.helpers import ACTOR, send

FACTS = "双方确认：借款5000元于2025年6月1日交付。"


def _all(case):
    return [p.id for p in case.parties if not p.deleted]


def _facts_events(svc, case):
    return [e for e in svc.events(case.id) if e.kind is EventKind.UNDISPUTED_FACTS]


def test_recorded_with_its_audit_row(svc, store, mediating):
    ev = svc.record_undisputed_facts(ACTOR, mediating.id, facts=FACTS,
                                     confirming_party_ids=_all(mediating), place="调解室")
    [saved] = _facts_events(svc, mediating)
    assert saved.id == ev.id and saved.notes == FACTS and saved.place == "调解室"
    assert saved.data["party_ids"] == _all(mediating) and saved.participants == "张三、李四"
    rows = [r for r in audit.case_history(store.db, mediating.id)
            if r["action"] == "record_undisputed_facts"]
    assert len(rows) == 1 and "记录无争议事实" in rows[0]["summary"]
    assert audit.verify_chain(store.db).ok
    assert svc.get(mediating.id).status is mediating.status  # the status does not move


def test_every_party_must_confirm(svc, mediating):
    with pytest.raises(ValidationError) as caught:
        svc.record_undisputed_facts(ACTOR, mediating.id, facts=FACTS,
                                    confirming_party_ids=_all(mediating)[:1])
    assert "李四" in caught.value.problems["confirming_party_ids"][0]
    assert _facts_events(svc, mediating) == []


@pytest.mark.parametrize(("facts", "why"), [("", "请填写"), ("欠款\x00五千元", "")])
def test_the_text_follows_the_input_rules(svc, mediating, facts, why):
    with pytest.raises(ValidationError) as caught:
        svc.record_undisputed_facts(ACTOR, mediating.id, facts=facts,
                                    confirming_party_ids=_all(mediating))
    assert why in caught.value.problems["facts"][0]
    assert _facts_events(svc, mediating) == []


def test_a_date_in_the_future_is_refused(svc, mediating):
    with pytest.raises(ValidationError) as caught:
        svc.record_undisputed_facts(ACTOR, mediating.id, facts=FACTS,
                                    confirming_party_ids=_all(mediating),
                                    occurred_at=datetime(2030, 1, 1, 9, 0).astimezone())
    assert "occurred_at" in caught.value.problems


def test_refused_for_a_fully_agreed_case_allowed_beside_a_partial_one(svc, store, mediating):
    other = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, other.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, other.id, mediating.mediator_ids)
    svc.record_agreement(ACTOR, other.id, AgreementInput(clauses=["赔偿500元。"],
                                                         effective_on=date(2026, 2, 20)))
    before = store.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(TransitionError, match="已全部达成调解协议"):
        svc.record_undisputed_facts(ACTOR, other.id, facts=FACTS,
                                    confirming_party_ids=_all(other))
    assert store.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    svc.record_agreement(ACTOR, mediating.id, AgreementInput(
        clauses=["先归还3000元。"], scope=AgreementScope.PARTIAL, effective_on=date(2026, 2, 20)))
    svc.record_undisputed_facts(ACTOR, mediating.id, facts=FACTS,
                                confirming_party_ids=_all(mediating))
    assert len(_facts_events(svc, mediating)) == 1


def test_recorded_after_the_mediation_failed(svc, mediating):
    svc.terminate(ACTOR, mediating.id, reason=EndReason.GAP_TOO_LARGE)
    svc.record_undisputed_facts(ACTOR, mediating.id, facts=FACTS,
                                confirming_party_ids=_all(mediating))
    assert len(_facts_events(svc, mediating)) == 1


def test_they_travel_to_the_court_with_the_hand_over(tmp_path, referred):
    court, center, svc, case = referred
    svc.terminate(ACTOR, case.id, reason=EndReason.GAP_TOO_LARGE)
    svc.record_undisputed_facts(ACTOR, case.id, facts=FACTS,
                                confirming_party_ids=_all(svc.get(case.id)))
    svc.hand_over(ACTOR, case.id, notes="移送立案")
    send(tmp_path, center, "court01", court, "back")
    at_court = [e for e in CaseService(court).events(case.id)
                if e.kind is EventKind.UNDISPUTED_FACTS]
    assert [e.notes for e in at_court] == [FACTS]
