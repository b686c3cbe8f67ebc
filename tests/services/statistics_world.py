"""A desk whose autumn 2026 has hand-computed statistics (docs/statistics.md).

Every case goes through the real services with the clock set to the day things happen.
Today is 2026-12-10. Due dates: 30 days from acceptance (party applications).

- A 周明: received 10-28, accepted 10-30, written agreement 11-03 (10,000 yuan)
- B 周明 + 吴刚: received and accepted 11-02, agreement 11-10 (5,000), judicial
  confirmation applied 11-15 (recorded 11-20), confirmed 12-02, followed up 12-05 (5分)
- C 吴刚, court-delegated: received and accepted 11-05, terminated 11-25 (gap too large),
  handed over for filing 12-01, filed 12-03, archived 12-04
- D: received 11-06, not accepted 11-06
- E 吴刚, flagged 防止民转刑 (2 parties): received and accepted 11-10, oral agreement
  11-12 (800), written down 11-20 (900): one success on 11-12, 900 yuan
- F 周明: received and accepted 2025-11-03, agreement 2025-11-20 (20,000): last year
- G 吴刚: received and accepted 10-20, never closed: due in November, overdue
- H 周明: received and accepted 10-20, agreement 11-10 (3,000), followed up 11-28 (4分)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from mediation_desk.domain.enums import AgreementForm, EndReason, Performance
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage.store import Store
from tests.conftest import Clock, case_input

PROGRAM = "系统"
TODAY = date(2026, 12, 10)


@dataclass
class Autumn:
    store: Store
    clock: Clock
    ids: dict[str, str]  # letter -> case id
    mediators: dict[str, str]  # name -> id

    def of(self, letters: str) -> tuple[str, ...]:
        return tuple(sorted(self.ids[x] for x in letters))


def at(clock: Clock, d: date, hour: int = 10) -> None:
    clock.now = datetime(d.year, d.month, d.day, hour, 0).astimezone()


def build_autumn(store: Store, clock: Clock) -> Autumn:
    roster = MediatorService(store)
    m = {name: roster.save(PROGRAM, Mediator(center_id="", name=name)).id
         for name in ("周明", "吴刚")}
    svc = CaseService(store)
    ids: dict[str, str] = {}

    def register(letter: str, received: date, *, accept: date | None = None,
                 mediators: tuple[str, ...] = (), **kw: object) -> str:
        at(clock, received, 9)
        c = svc.register(PROGRAM, case_input(received_on=received.isoformat(), **kw))
        ids[letter] = c.id
        if accept:
            at(clock, accept, 9)
            svc.accept(PROGRAM, c.id, on=accept)
            if mediators:
                svc.assign(PROGRAM, c.id, [m[n] for n in mediators])
        return c.id

    def agree(letter: str, on: date, amount: str, form: AgreementForm = AgreementForm.WRITTEN
              ) -> None:
        at(clock, on, 15)
        svc.record_agreement(PROGRAM, ids[letter], AgreementInput(
            clauses=["赔偿"], form=form, effective_on=on, amount=Decimal(amount)))

    register("F", date(2025, 11, 3), accept=date(2025, 11, 3), mediators=("周明",))
    agree("F", date(2025, 11, 20), "20000")
    register("G", date(2026, 10, 20), accept=date(2026, 10, 20), mediators=("吴刚",))
    register("H", date(2026, 10, 20), accept=date(2026, 10, 20), mediators=("周明",))
    register("A", date(2026, 10, 28), accept=date(2026, 10, 30), mediators=("周明",))
    register("B", date(2026, 11, 2), accept=date(2026, 11, 2), mediators=("周明", "吴刚"))
    register("C", date(2026, 11, 5), accept=date(2026, 11, 5), mediators=("吴刚",),
             source="court_delegated", court_case_number="（2026）鲁0303民诉前调12号")
    register("D", date(2026, 11, 6))
    at(clock, date(2026, 11, 6), 11)
    svc.not_accept(PROGRAM, ids["D"], reason="不属于人民调解范围")
    register("E", date(2026, 11, 10), accept=date(2026, 11, 10), mediators=("吴刚",),
             flags=["prevented_criminal"])
    agree("A", date(2026, 11, 3), "10000")
    agree("B", date(2026, 11, 10), "5000")
    agree("H", date(2026, 11, 10), "3000")
    agree("E", date(2026, 11, 12), "800", AgreementForm.ORAL)
    at(clock, date(2026, 11, 20), 9)
    svc.record_written_agreement(PROGRAM, ids["E"], AgreementInput(
        clauses=["赔偿"], effective_on=date(2026, 11, 20), amount=Decimal("900")))
    svc.apply_jc(PROGRAM, ids["B"], on=date(2026, 11, 15))
    at(clock, date(2026, 11, 25), 16)
    svc.terminate(PROGRAM, ids["C"], reason=EndReason.GAP_TOO_LARGE)
    at(clock, date(2026, 11, 28), 10)
    svc.follow_up(PROGRAM, ids["H"], performance=Performance.IN_PROGRESS, satisfaction=4,
                  on=date(2026, 11, 28))
    at(clock, date(2026, 12, 1), 10)
    svc.hand_over(PROGRAM, ids["C"])
    at(clock, date(2026, 12, 2), 10)
    svc.record_jc_outcome(PROGRAM, ids["B"], outcome="confirmed",
                          ruling="（2026）鲁0303民特12号")
    at(clock, date(2026, 12, 3), 10)
    svc.record_filing(PROGRAM, ids["C"], filing_number="（2026）鲁0303民初88号")
    at(clock, date(2026, 12, 4), 10)
    svc.archive(PROGRAM, ids["C"])
    at(clock, date(2026, 12, 5), 10)
    svc.follow_up(PROGRAM, ids["B"], performance=Performance.PERFORMED, satisfaction=5,
                  on=date(2026, 12, 5))
    at(clock, TODAY, 10)
    return Autumn(store, clock, ids, m)
