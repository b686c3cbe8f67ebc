"""Fixtures the service tests share: the case service, a case being mediated, and a case
referred by a court to a center that accepted and assigned it."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from mediation_desk.domain.models import Case, Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.storage.store import Store
from tests.conftest import case_input
from tests.exchange.helpers import ACTOR, make_desk, referral, send, trust_both


@pytest.fixture
def svc(store):
    return CaseService(store)


@pytest.fixture
def mediating(svc, store):
    """A case registered 2 February, accepted 3 February and assigned to 周明."""
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, case_input(received_on="2026-02-02"))
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    return svc.get(c.id)


class Referred(NamedTuple):
    court: Store
    center: Store
    svc: CaseService  # the center's
    case: Case


@pytest.fixture
def referred(tmp_path):
    """court01 and centerA trust each other; the court's referral came to the center in a
    bundle and was accepted there and assigned to 赵调解. Both desks are closed after."""
    court, center = make_desk(tmp_path, "court01", "court"), make_desk(tmp_path, "centerA")
    try:
        trust_both(tmp_path, court, center)
        case = referral(court, center)
        send(tmp_path, court, "centerA", center, "referral")
        svc = CaseService(center)
        m = MediatorService(center).save(ACTOR, Mediator(center_id="", name="赵调解"))
        svc.accept(ACTOR, case.id)
        svc.assign(ACTOR, case.id, [m.id])
        yield Referred(court, center, svc, case)
    finally:
        court.close()
        center.close()
