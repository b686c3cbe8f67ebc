"""Cases in every state a ledger shows, for the ledger tests (services, CLI, GUI)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mediation_desk.domain.enums import EndReason, Performance
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from tests.inputs import case_input, party

ACTOR = "测试主任"


def populate(store, *, mediator_name: str = "周明") -> dict[str, str]:
    """Five cases: registered, mediating, agreed + confirmed + visited, terminated, and a
    court-delegated one; returns their numbers by what they are."""
    svc = CaseService(store)
    roster = {m.name: m for m in store.directory.mediators()}
    mediator = roster.get(mediator_name) or MediatorService(store).save(
        ACTOR, Mediator(center_id="", name=mediator_name, villages=["马尚村"]))
    out = {}
    c = svc.register(ACTOR, case_input(received_on="2026-02-20", amount="1200.5"))
    out["registered"] = c.number
    c = svc.register(ACTOR, case_input(
        received_on="2026-02-25", dispute_type="marriage_family", amount="",
        parties=[party("applicant", "王芳", phone="13700001234"),
                 party("respondent", "赵强"), party("respondent", "赵刚")]))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    out["mediating"] = c.number
    c = svc.register(ACTOR, case_input(received_on="2026-02-26", dispute_type="damages",
                                       amount="45000"))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["李四赔偿张三40000元"], amount=Decimal("40000"),
        performance_deadline=date(2026, 3, 12)))
    svc.apply_jc(ACTOR, c.id)
    svc.record_jc_outcome(ACTOR, c.id, outcome="confirmed", ruling="（2026）鲁0303民特5号")
    svc.follow_up(ACTOR, c.id, performance=Performance.PERFORMED, satisfaction=5)
    out["agreed"] = c.number
    c = svc.register(ACTOR, case_input(received_on="2026-02-27", dispute_type="contract"))
    svc.accept(ACTOR, c.id)
    svc.assign(ACTOR, c.id, [mediator.id])
    svc.terminate(ACTOR, c.id, reason=EndReason.GAP_TOO_LARGE)
    out["terminated"] = c.number
    c = svc.register(ACTOR, case_input(received_on="2026-03-01", source="court_delegated",
                                       court_case_number="(2026)鲁0303民诉前调12号"))
    out["court"] = c.number
    return out
