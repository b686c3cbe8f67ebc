"""A desk whose November 2026 has hand-computed 以案定补 figures (docs/subsidy.md).

Rates: 全部·调解成功 100; 邻里纠纷·调解成功 50 to 15 November, 80 from the 16th;
合同纠纷·调解成功 200 with its own ×1.5; 全部·调解不成 30; the table's 疑难复杂 ×2.

- A 邻里, 周明: success 11-10, 50 (the rule in force then) -> 50
- B 邻里 疑难, 周明 + 吴刚: success 11-20, 80 x 2 = 160 -> 80 + 80
- C 合同 疑难, 吴刚: success 11-05, 200 x 1.5 -> 300
- D 婚姻家庭, 李华: terminated 11-12 after a session -> 30
- E 劳动争议, 李华: terminated 11-13, no session on record -> 0
- H 道路交通, 周明 + 吴刚 + 李华: success 11-25, 100 -> 33.34 + 33.33 + 33.33
- I 邻里, no mediator: terminated 11-18 -> listed, 0
- J 损害赔偿, 周明: success 10-20, JC rejected, 重新调解, terminated 11-26 -> 0 (paid once)
- F 邻里, 周明: oral agreement 10-28, written copy 11-03 -> October, not November
- G 损害赔偿, 吴刚: success 12-01 -> not November

周明 50 + 80 + 33.34 = 163.34; 吴刚 80 + 300 + 33.33 = 413.33; 李华 30 + 0 + 33.33 = 63.33;
total 640.00 (陆佰肆拾元整). Cases counted: A B C D E H I J (8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mediation_desk.domain.enums import AgreementForm, EndReason
from mediation_desk.domain.models import Mediator
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.subsidy import save_rates
from mediation_desk.storage.store import Store
from tests.conftest import Clock, case_input

PROGRAM = "系统"

RATES = {"complex_multiplier": "2", "rules": [
    {"dispute_type": "全部", "outcome": "调解成功", "amount": "100",
     "effective_from": "2026-01-01"},
    {"dispute_type": "邻里纠纷", "outcome": "调解成功", "amount": "50",
     "effective_from": "2026-01-01", "effective_to": "2026-11-15"},
    {"dispute_type": "neighbour", "outcome": "succeeded", "amount": "80",
     "effective_from": "2026-11-16"},
    {"dispute_type": "合同纠纷", "outcome": "调解成功", "amount": "200",
     "effective_from": "2026-01-01", "complex_multiplier": "1.5"},
    {"dispute_type": "全部", "outcome": "调解不成", "amount": "30",
     "effective_from": "2026-01-01", "note": "须有调解记录"},
]}


@dataclass
class November:
    store: Store
    clock: Clock
    ids: dict[str, str]  # letter -> case id
    mediators: dict[str, str]  # name -> id


def _at(clock: Clock, d: date, hour: int = 10) -> None:
    clock.now = datetime(d.year, d.month, d.day, hour, 0).astimezone()


def build_november(store: Store, clock: Clock) -> November:
    """The cases of the table above, through the real services (as the program itself)."""
    roster = MediatorService(store)
    m = {name: roster.save(PROGRAM, Mediator(center_id="", name=name)).id
         for name in ("周明", "吴刚", "李华")}
    cases = CaseService(store)
    _at(clock, date(2026, 10, 2))
    spec = {"A": ("neighbour", []), "B": ("neighbour", ["complex"]),
            "C": ("contract", ["complex"]), "D": ("marriage_family", []),
            "E": ("labour", []), "H": ("traffic", []), "I": ("neighbour", []),
            "J": ("damages", []), "F": ("neighbour", []), "G": ("damages", [])}
    ids = {}
    for letter, (dtype, flags) in spec.items():
        c = cases.register(PROGRAM, case_input(dispute_type=dtype, flags=flags,
                                               received_on="2026-10-01"))
        cases.accept(PROGRAM, c.id)
        ids[letter] = c.id
    who = {"A": ["周明"], "B": ["周明", "吴刚"], "C": ["吴刚"], "D": ["李华"], "E": ["李华"],
           "H": ["周明", "吴刚", "李华"], "J": ["周明"], "F": ["周明"], "G": ["吴刚"]}
    for letter, names in who.items():
        cases.assign(PROGRAM, ids[letter], [m[n] for n in names])
    for letter in ("A", "B", "C", "D", "H", "J", "F", "G"):
        cases.record_session(PROGRAM, ids[letter], notes="组织双方调解",
                             occurred_at=datetime(2026, 10, 3, 9, 0).astimezone())

    def agree(letter: str, on: date, form: AgreementForm = AgreementForm.WRITTEN) -> None:
        _at(clock, on)
        cases.record_agreement(PROGRAM, ids[letter], AgreementInput(
            clauses=["赔偿三千元"], form=form, effective_on=on))

    agree("J", date(2026, 10, 20))
    agree("F", date(2026, 10, 28), AgreementForm.ORAL)
    _at(clock, date(2026, 10, 25))
    cases.apply_jc(PROGRAM, ids["J"])
    _at(clock, date(2026, 11, 2))
    cases.record_jc_outcome(PROGRAM, ids["J"], outcome="rejected")
    cases.remediate(PROGRAM, ids["J"], notes="重新调解")
    _at(clock, date(2026, 11, 3))
    cases.record_written_agreement(PROGRAM, ids["F"], AgreementInput(
        clauses=["赔偿三千元"], effective_on=date(2026, 11, 3)))
    agree("C", date(2026, 11, 5))
    agree("A", date(2026, 11, 10))
    for letter, day, reason in (("D", 12, EndReason.GAP_TOO_LARGE),
                                ("E", 13, EndReason.UNWILLING),
                                ("I", 18, EndReason.UNREACHABLE),
                                ("J", 26, EndReason.GAP_TOO_LARGE)):
        _at(clock, date(2026, 11, day), 16)
        cases.terminate(PROGRAM, ids[letter], reason=reason)
    agree("B", date(2026, 11, 20))
    agree("H", date(2026, 11, 25))
    agree("G", date(2026, 12, 1))
    _at(clock, date(2026, 12, 3))
    save_rates(store, PROGRAM, RATES)
    return November(store, clock, ids, m)
