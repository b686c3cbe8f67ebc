"""A hand-made desk for the village view (村居, 无讼社区), with its figures worked out by hand,
and a brute-force oracle that counts the same measures in plain Python over every case.

``build(store, clock)`` registers and runs cases through the services (dates set by moving
the clock) around November 2026: cases crossing the month's boundaries, repeated parties by
ID number and by name and phone (and the near misses: a different ID number, a case
received a day too early, the same day, a later case, a tombstoned case or party), written
copies of oral agreements, hand-over / litigation / return to trial, a case followed up and
taken to court after its agreement, and a case archived after its hand-over.

``NOVEMBER`` holds the figures of 2026-11 per village, worked out by hand from the case list
below; ``oracle(store, start, end)`` recounts any period from the domain objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mediation_desk.domain.enums import (
    AgreementForm,
    EndReason,
    EventKind,
    PartyRole,
    Performance,
)
from mediation_desk.domain.models import Mediator
from mediation_desk.domain.validators import id_check_char
from mediation_desk.services.cases import CaseService
from mediation_desk.services.desk import MediatorService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.storage.store import Store
from tests.conftest import Clock, case_input, party

ACTOR = "村居测试"
UNRECORDED = ""


def ident(n: int, birth: str = "19800101") -> str:
    """A valid ID number (the check character computed), distinct for each ``n``."""
    body = f"370303{birth}{n:03d}"
    return body + id_check_char(body)


def phone(n: int) -> str:
    return f"139{n:08d}"


def _at(clock: Clock, day: str, time: str = "10:00") -> date:
    clock.now = datetime.fromisoformat(f"{day}T{time}").astimezone()
    return date.fromisoformat(day)


@dataclass
class Desk:
    """The built desk: case ids by their letter in the list below."""

    ids: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.ids[key]

    def of(self, *keys: str) -> tuple[str, ...]:
        return tuple(sorted(self.ids[k] for k in keys))


def build(store: Store, clock: Clock) -> Desk:
    """Register and run every case of the fixture; returns their ids."""
    svc = CaseService(store)
    _at(clock, "2024-01-02")
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    ids: dict[str, str] = {}

    def new(key: str, received: str, village: str = "", *, accepted: str | None = None,
            parties: list[dict] | None = None, **kw: str) -> str:
        _at(clock, received)
        people = parties or [party("applicant", f"申请人{key}", village=village),
                             party("respondent", f"被申请人{key}")]
        c = svc.register(ACTOR, case_input(received_on=received, parties=people, **kw))
        ids[key] = c.id
        if accepted:
            svc.accept(ACTOR, c.id, on=_at(clock, accepted))
            svc.assign(ACTOR, c.id, [m.id])
        return c.id

    def agree(cid: str, day: str, form: AgreementForm = AgreementForm.WRITTEN) -> None:
        svc.record_agreement(ACTOR, cid, AgreementInput(clauses=["双方和解"], form=form,
                                                        effective_on=_at(clock, day)))

    def written(cid: str, day: str) -> None:
        svc.record_written_agreement(ACTOR, cid, AgreementInput(
            clauses=["双方和解"], effective_on=_at(clock, day)))

    def terminate(cid: str, day: str) -> None:
        _at(clock, day)
        svc.terminate(ACTOR, cid, reason=EndReason.GAP_TOO_LARGE)

    delegated = {"source": "court_delegated"}
    entrusted = {"source": "court_entrusted"}

    # -- boundaries of the month, outcomes ------------------------------------------------
    a = new("A", "2026-10-28", "马尚村", accepted="2026-10-31")
    agree(a, "2026-11-02")  # accepted in October, succeeded in November
    b = new("B", "2026-11-29", "湖田村", accepted="2026-11-30")
    agree(b, "2026-12-01")  # accepted on the last day, succeeded the day after the month
    c = new("C", "2026-11-03", "北石村", accepted="2026-11-03", court_case_number=(
        "（2026）鲁0303民诉前调7号"), **delegated)
    terminate(c, "2026-11-20")
    _at(clock, "2026-11-30", "23:30")
    svc.hand_over(ACTOR, c)  # to court in the month's last half hour
    _at(clock, "2026-12-02")
    svc.record_filing(ACTOR, c, filing_number="（2026）鲁0303民初88号")
    _at(clock, "2026-12-03")
    svc.archive(ACTOR, c)  # archived after the hand-over: still went to court in November
    d = new("D", "2026-11-05", "西坡村", accepted="2026-11-05", court_case_number=(
        "（2026）鲁0303民初101号"), **entrusted)
    terminate(d, "2026-11-25")
    _at(clock, "2026-12-01", "00:10")
    svc.return_to_trial(ACTOR, d)  # failed, back to the trial ten minutes into December
    e = new("E", "2026-11-06", "西坡村", accepted="2026-11-06", court_case_number=(
        "（2026）鲁0303民初102号"), **entrusted)
    agree(e, "2026-11-10")
    _at(clock, "2026-11-20")
    svc.return_to_trial(ACTOR, e, outcome="mediation_document",
                        document_number="（2026）鲁0303民初102号")  # agreed: not to court
    f = new("F", "2026-10-20", "马尚村", accepted="2026-10-21")
    agree(f, "2026-10-30", AgreementForm.ORAL)
    written(f, "2026-11-05")  # the written copy in November is not another success
    g = new("G", "2026-11-08", "湖田村", accepted="2026-11-08")
    agree(g, "2026-11-10", AgreementForm.ORAL)
    written(g, "2026-11-12")  # oral and written in the month: one success
    h = new("H", "2026-09-01", "北石村", accepted="2026-09-01")
    agree(h, "2026-09-10")
    svc.follow_up(ACTOR, h, performance=Performance.NOT_PERFORMED, satisfaction=2,
                  on=_at(clock, "2026-11-15"))  # followed up, then to court
    _at(clock, "2026-11-16")
    svc.litigate(ACTOR, h)
    _at(clock, "2026-12-05")
    svc.archive(ACTOR, h)

    # -- repeated parties -------------------------------------------------------------------
    def two(key: str, received: str, village: str, who: dict, *, accepted: str | None = None,
            first: bool = True) -> str:
        other = party("applicant", f"申请人{key}", village=village)
        people = [party(**{**who, "role": "applicant", "village": village}),
                  party("respondent", f"被申请人{key}")] if first else \
            [other, party(**{**who, "role": "respondent"})]
        return new(key, received, accepted=accepted, parties=people)

    wang = {"name": "王五", "id_number": ident(1), "phone": phone(1)}
    two("R0", "2025-11-20", "湖田村", wang, accepted="2025-11-20")
    two("R1", "2026-11-10", "湖田村", wang, accepted="2026-11-11", first=False)  # repeat
    zhao = {"name": "赵六", "phone": phone(6)}  # no ID number: name and phone
    two("R2", "2025-11-09", "马尚村", zhao, accepted="2025-11-09")
    two("R3", "2026-11-10", "马尚村", zhao, accepted="2026-11-10")  # a day too late: no
    two("R4", "2026-06-01", "北石村", {"name": "钱八", "id_number": ident(8), "phone": phone(8)})
    two("R5", "2026-11-05", "北石村", {"name": "钱八", "phone": phone(8)},
        accepted="2026-11-05")  # one has no ID number: name and phone decide, repeat
    zhou = {"name": "周九", "id_number": ident(9), "phone": phone(9)}
    two("R6", "2026-11-02", "西坡村", zhou, accepted="2026-11-02")  # the other one is later
    two("R7", "2026-11-20", "西坡村", zhou, accepted="2026-11-21")  # repeat
    two("R8", "2026-10-01", "马尚村", {"name": "吴十", "id_number": ident(10), "phone": phone(10)},
        accepted="2026-10-01")
    two("R9", "2026-11-03", "马尚村", {"name": "吴十", "id_number": ident(11), "phone": phone(10)},
        accepted="2026-11-03")  # other ID number, same name and phone: someone else
    zheng = {"name": "郑一", "id_number": ident(12), "phone": phone(12)}
    two("R10", "2026-11-04", "湖田村", zheng, accepted="2026-11-04")  # the same day:
    two("R11", "2026-11-04", "湖田村", zheng, accepted="2026-11-04", first=False)  # no repeat
    chen = {"name": "陈三", "id_number": ident(13), "phone": phone(13)}
    two("R14", "2026-05-01", "西坡村", chen)
    store.db.execute("UPDATE cases SET deleted = 1 WHERE id = ?", [ids["R14"]])  # tombstoned
    two("R15", "2026-11-12", "西坡村", chen, accepted="2026-11-12")  # no live earlier case
    chu = {"name": "褚四", "id_number": ident(14), "phone": phone(14)}
    r16 = two("R16", "2026-07-01", "南定村", chu, first=False)
    kept = svc.get(r16).parties[0]
    _at(clock, "2026-07-02")
    svc.update_details(ACTOR, r16, {"facts": "当事人有变更。", "parties": [
        {"id": kept.id, "kind": "person", "role": "applicant", "name": kept.name,
         "village": "南定村"},
        party("respondent", "另一被申请人")]})  # 褚四 removed from R16 (tombstoned)
    two("R17", "2026-11-13", "南定村", chu, accepted="2026-11-13")  # no live earlier party

    # -- whose village --------------------------------------------------------------------
    new("V1", "2026-11-14", accepted="2026-11-14", parties=[
        party("applicant", "卫甲"), party("respondent", "卫乙", village="东风村"),
        party("applicant", "卫丙", village="南定村")])  # the second applicant's: 南定村
    new("V2", "2026-11-15", accepted="2026-11-15", parties=[
        party("applicant", "蒋甲"), party("respondent", "蒋乙", village="东风村")])  # 东风村
    new("V3", "2026-11-16", accepted="2026-11-16", parties=[
        party("applicant", "沈甲"), party("respondent", "沈乙")])  # none recorded
    x = new("X", "2026-11-17", "湖田村", accepted="2026-11-17")
    store.db.execute("UPDATE cases SET deleted = 1 WHERE id = ?", [x])  # tombstoned
    return Desk(ids)


NOVEMBER: dict[str, dict[str, tuple[str, ...]]] = {
    # village -> measure -> the letters of the cases counted (worked out by hand)
    "湖田村": {"accepted": ("B", "G", "R1", "R10", "R11"), "repeat": ("R1",),
              "succeeded": ("G",), "to_court": ()},
    "西坡村": {"accepted": ("D", "E", "R6", "R7", "R15"), "repeat": ("R7",),
              "succeeded": ("E",), "to_court": ()},
    "北石村": {"accepted": ("C", "R5"), "repeat": ("R5",), "succeeded": (),
              "to_court": ("C", "H")},
    "马尚村": {"accepted": ("R3", "R9"), "repeat": (), "succeeded": ("A",), "to_court": ()},
    "东风村": {"accepted": ("V2",), "repeat": (), "succeeded": (), "to_court": ()},
    "南定村": {"accepted": ("R17", "V1"), "repeat": (), "succeeded": (), "to_court": ()},
    UNRECORDED: {"accepted": ("V3",), "repeat": (), "succeeded": (), "to_court": ()},
}
"""2026-11 per village; rows in the order the table lists them (受理 desc, then name)."""

NOVEMBER_ORDER = ("湖田村", "西坡村", "北石村", "南定村", "马尚村", "东风村", "（未填写）")
NOVEMBER_WUSONG = ("湖田村", "西坡村", "南定村", "马尚村", "东风村")


# -- the oracle ------------------------------------------------------------------------------

def _year_earlier(d: date) -> date:
    if d.month == 2 and d.day == 29:
        return date(d.year - 1, 3, 1)
    return date(d.year - 1, d.month, d.day)


def oracle(store: Store, start: date, end: date) -> dict[str, dict[str, set[str]]]:
    """measure -> village -> case ids, counted in plain Python from every live case."""
    ids = [r[0] for r in store.db.execute("SELECT id FROM cases WHERE deleted = 0")]
    cases = [store.cases.get(cid) for cid in ids]
    cases = [c for c in cases if c is not None and not c.deleted]
    events = {c.id: [e for e in store.items.events_of(c.id) if not e.deleted] for c in cases}
    agreements = {c.id: [a for a in store.items.agreements_of(c.id) if not a.deleted]
                  for c in cases}

    def live_parties(c):
        return sorted((p for p in c.parties if not p.deleted), key=lambda p: p.position)

    def village(c) -> str:
        ps = live_parties(c)
        for p in ps:
            if p.role is PartyRole.APPLICANT and p.village:
                return p.village
        for p in ps:
            if p.village:
                return p.village
        return UNRECORDED

    def same(p, q) -> bool:
        if p.id_number and q.id_number:
            return p.id_number == q.id_number
        return bool(p.name and p.phone) and (p.name, p.phone) == (q.name, q.phone)

    def inside(d: date | None) -> bool:
        return d is not None and start <= d <= end

    counted: dict[str, set[str]] = {k: set() for k in ("accepted", "repeat", "succeeded",
                                                       "to_court")}
    for c in cases:
        if inside(c.accepted_on):
            counted["accepted"].add(c.id)
            since = _year_earlier(c.received_on)
            if any(same(p, q) for o in cases if o.id != c.id
                   and since <= o.received_on < c.received_on
                   for p in live_parties(c) for q in live_parties(o)):
                counted["repeat"].add(c.id)
        copies = {e.data.get("written_agreement_id") for e in events[c.id]
                  if e.kind is EventKind.NOTE
                  and e.data.get("action") == "record_written_agreement"}
        if any(inside(a.effective_on) and a.id not in copies for a in agreements[c.id]):
            counted["succeeded"].add(c.id)
        for e in events[c.id]:
            action = e.data.get("action")
            if e.kind is EventKind.STATUS_CHANGE and inside(e.occurred_at.date()) and (
                    action in ("hand_over", "litigate")
                    or (action == "return_to_trial" and not e.data.get("outcome"))):
                counted["to_court"].add(c.id)
    places = {c.id: village(c) for c in cases}
    out: dict[str, dict[str, set[str]]] = {}
    for measure, cids in counted.items():
        for cid in cids:
            out.setdefault(measure, {}).setdefault(places[cid], set()).add(cid)
    return out
