"""The demo's cases: people, disputes and their histories drawn from one seeded random
generator (``CaseMaker``), and the demo center's mediators; ``demo.build_demo`` writes
them."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any, Generic, TypeVar

from ..domain.deadlines import jc_window_end, mediation_due
from ..domain.enums import (
    AgreementForm,
    AgreementScope,
    CaseFlag,
    CaseSource,
    CaseStatus,
    DisputeType,
    EndReason,
    EventKind,
    PartyKind,
    PartyRole,
    Performance,
    RelationKind,
    Sex,
)
from ..domain.ids import uuid7_text
from ..domain.models import Agreement, Case, CaseEvent, DeclaredRelation, Mediator, Party
from ..domain.validators import credit_check_char, id_check_char
from . import demo_text as T
from .settings import Settings

ACTOR = "演示数据"

SOURCES = [(CaseSource.PARTY_APPLICATION, 45), (CaseSource.SELF_INITIATED, 18),
           (CaseSource.COURT_DELEGATED, 22), (CaseSource.COURT_ENTRUSTED, 5),
           (CaseSource.POLICE_TRANSFER, 6), (CaseSource.GOVERNMENT_ASSIGNED, 4)]
TYPES = [(DisputeType.NEIGHBOUR, 18), (DisputeType.MARRIAGE_FAMILY, 15), (DisputeType.CONTRACT, 14),
         (DisputeType.DAMAGES, 9), (DisputeType.TRAFFIC, 8), (DisputeType.PROPERTY_MANAGEMENT, 7),
         (DisputeType.HOUSING_HOMESTEAD, 6), (DisputeType.LABOUR, 6), (DisputeType.CONSUMER, 4),
         (DisputeType.PRODUCTION_BUSINESS, 3), (DisputeType.FOREST_LAND, 3),
         (DisputeType.LAND_REQUISITION, 2), (DisputeType.MEDICAL, 2), (DisputeType.ENVIRONMENT, 1),
         (DisputeType.OTHER, 2)]

_T = TypeVar("_T")


class _Weighted(Generic[_T]):
    """Draws from weighted choices with one ``random()`` (``choices`` built its table per call)."""

    def __init__(self, weighted: list[tuple[_T, int]]) -> None:
        self.items = [w[0] for w in weighted]
        self.bounds = list(accumulate(w[1] for w in weighted))
        self.total = self.bounds[-1]

    def draw(self, random_: Callable[[], float]) -> _T:
        return self.items[bisect(self.bounds, random_() * self.total)]


_SOURCES, _TYPES = _Weighted(SOURCES), _Weighted(TYPES)
_PHONE_PREFIXES = ("138", "139", "150", "151", "158", "135", "186", "187", "177", "199")
_EPOCH = date(1970, 1, 1).toordinal()
_DAY_MS = 86_400_000
_QUARTERS = (0, 15, 30, 45)


def _amount(span: T.AmountRange, size: float, rounding: float) -> Decimal:
    """An amount in its narrative's range (issue 17), from two uniform draws: ``size`` spread
    evenly over the range's orders of magnitude (as many 300s as 3,000s), ``rounding``
    making two in five a rounder figure (five times the step)."""
    low, high, step = span
    if rounding < 0.4:
        step *= 5
    raw = low * (high / low) ** size
    return Decimal(min(high // step * step, max(-(-low // step) * step, round(raw / step) * step)))


def _day_ms(d: date) -> int:
    """Unix milliseconds of 08:00 UTC on ``d`` (the demo's ids tell time by the day alone)."""
    return (d.toordinal() - _EPOCH) * _DAY_MS + 8 * 3_600_000


class CaseMaker:
    """Makes people, cases and histories from one random generator.

    Draws use ``random()`` and ``getrandbits()`` directly (``choice``/``randint`` cost a few
    Python calls each, and the demo draws about 60 times per case): the same seed still
    gives the same data. Ids are UUIDv7 (domain/ids.py): the time is the case's received
    day, one millisecond more per id, so a build appends to every id index in order; the
    random bits come from the seeded generator.
    """

    def __init__(self, rng: random.Random, today: date, mediators: list[Mediator],
                 settings: Settings) -> None:
        self.rng, self.today, self.mediators, self.settings = rng, today, mediators, settings
        self.calendar = settings.calendar()
        self.court_serial: dict[tuple[int, str], int] = {}
        self.random = rng.random
        self.bits = rng.getrandbits
        self.ms = _day_ms(today - timedelta(days=800))  # mediators before the oldest case
        self._due: dict[tuple[date, CaseSource], date] = {}
        self._jc_due: dict[date, date] = {}

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def uid(self) -> str:
        self.ms += 1
        return uuid7_text(self.ms, self.bits(74))

    def start_day(self, d: date) -> None:
        """Ids made from now on tell the day ``d`` (never going back: ids stay ascending)."""
        self.ms = max(self.ms, _day_ms(d))

    def mediation_due(self, accepted: date, source: CaseSource) -> date:
        key = (accepted, source)
        due = self._due.get(key)
        if due is None:
            due = mediation_due(accepted, self.settings.period_for(source), self.calendar).due
            self._due[key] = due
        return due

    def jc_due(self, agreed: date) -> date:
        due = self._jc_due.get(agreed)
        if due is None:
            due = self._jc_due[agreed] = jc_window_end(agreed, self.calendar).due
        return due

    def name(self) -> str:
        pick, given = self.pick, T.GIVEN
        if self.random() < 1 / 3:
            return pick(T.SURNAMES) + pick(given)
        return pick(T.SURNAMES) + pick(given) + pick(given)

    def id_number(self, sex: Sex) -> tuple[str, date]:
        between = self.between
        birth = date(between(1945, 2004), between(1, 12), between(1, 28))
        seq = between(0, 499) * 2 + (1 if sex is Sex.MALE else 0)
        first17 = f"{self.pick(T.AREAS)}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
        return first17 + id_check_char(first17), birth

    def phone(self) -> str:
        return f"{self.pick(_PHONE_PREFIXES)}{self.bits(27) % 100_000_000:08d}"

    def person(self, role: PartyRole, village: str) -> Party:
        pick = self.pick
        sex = Sex.MALE if self.random() < 0.5 else Sex.FEMALE
        idn, birth = self.id_number(sex)
        p = Party(id=self.uid(), kind=PartyKind.PERSON, role=role, name=self.name(), sex=sex,
                  birth_date=birth, id_number=idn, ethnicity=pick(T.ETHNICITIES),
                  occupation=pick(T.OCCUPATIONS), phone=self.phone(), village=village,
                  address=f"淄博市张店区马尚街道{village}{self.between(1, 300)}号")
        if self.random() < 0.08:
            p.agent_name, p.agent_phone, p.agent_relation = self.name(), self.phone(), "近亲属"
        return p

    def organisation(self, role: PartyRole) -> Party:
        body = f"913703{self.between(0, 99):02d}MA{self.between(0, 9999999):07d}"[:17]
        return Party(id=self.uid(), kind=PartyKind.ORGANISATION, role=role,
                     name=self.pick(T.COMPANIES), credit_code=body + credit_check_char(body),
                     legal_representative=self.name(), phone=self.phone(),
                     address=f"淄博市张店区{self.pick(T.STREETS)}{self.between(1, 200)}号")

    def court_number(self, year: int, code: str) -> str:
        key = (year, code)
        self.court_serial[key] = self.court_serial.get(key, 0) + self.between(1, 6)
        return f"（{year}）鲁0303{code}{self.court_serial[key]}号"

    def at(self, d: date) -> datetime:
        return datetime(d.year, d.month, d.day, self.between(8, 17), self.pick(_QUARTERS))

    def case(self, received: date, center_id: str) -> tuple[Case, list[CaseEvent], list[Agreement]]:
        self.start_day(received)
        source = _SOURCES.draw(self.random)
        dtype = _TYPES.draw(self.random)
        village = self.pick(T.VILLAGES)
        a = self.person(PartyRole.APPLICANT, village)
        org_types = (DisputeType.PROPERTY_MANAGEMENT, DisputeType.MEDICAL, DisputeType.CONSUMER,
                     DisputeType.LABOUR)
        b = self.organisation(PartyRole.RESPONDENT) if dtype in org_types and self.random() < 0.7 \
            else self.person(PartyRole.RESPONDENT, self.pick((village, self.pick(T.VILLAGES))))
        parties = [a, b]
        if self.random() < 0.06:
            parties.append(self.person(PartyRole.THIRD_PARTY, village))
        size, rounding = self.random(), self.random()  # drawn before the narrative, as ever
        facts, claims, clause, span = self.pick(T.NARRATIVES[dtype])
        amount = _amount(span, size, rounding)
        fmt = {"a": a.name, "b": b.name, "v": village, "n": f"{amount:,.0f}"}
        flags = set()
        if dtype is DisputeType.MARRIAGE_FAMILY:
            flags.add(CaseFlag.FAMILY)
        if dtype in (DisputeType.CONTRACT, DisputeType.LABOUR, DisputeType.DAMAGES,
                     DisputeType.TRAFFIC, DisputeType.CONSUMER):
            flags.add(CaseFlag.MONEY_ONLY)
        if self.random() < 0.04:
            flags.add(CaseFlag.RISK)
        if self.random() < 0.1:
            flags.add(CaseFlag.ON_SITE_CIRCUIT)
        if b.kind is PartyKind.ORGANISATION and self.random() < 0.5:
            flags.add(CaseFlag.BUSINESS_ENVIRONMENT)
        case = Case(id=self.uid(), center_id=center_id, source=source, dispute_type=dtype,
                    amount=amount, facts=facts.format(**fmt), claims=claims.format(**fmt),
                    flags=flags, received_on=received, parties=parties,
                    title=f"{a.name}与{b.name}{dtype.label}")
        if source is CaseSource.COURT_DELEGATED:
            case.court_case_number = self.court_number(received.year, "民诉前调")
        elif source is CaseSource.COURT_ENTRUSTED:
            case.court_case_number = self.court_number(received.year, "民初")
        events: list[CaseEvent] = []
        agreements: list[Agreement] = []
        self._history(case, events, agreements, clause.format(**fmt))
        return case, events, agreements

    def _ev(self, case: Case, events: list[CaseEvent], kind: EventKind, d: date,
            **kw: Any) -> None:
        events.append(CaseEvent(id=self.uid(), case_id=case.id, kind=kind, occurred_at=self.at(d),
                                actor=kw.pop("actor", ACTOR), **kw))

    def _status(self, case: Case, events: list[CaseEvent], d: date, new: CaseStatus, action: str,
                **data: Any) -> None:
        self._ev(case, events, EventKind.STATUS_CHANGE, d,
                 data={"from": case.status.value if events else None, "to": new.value,
                       "action": action, **data})
        case.status = new

    def _history(self, case: Case, events: list[CaseEvent], agreements: list[Agreement],
                 clause: str) -> None:
        today = self.today
        age = (today - case.received_on).days
        self._status(case, events, case.received_on, CaseStatus.REGISTERED, "register")
        if age < 2 and self.random() < 0.7:
            return
        if self.random() < 0.03:
            self._status(case, events, case.received_on, CaseStatus.NOT_ACCEPTED, "not_accept")
            case.end_note = "一方当事人明确拒绝调解"
            case.closed_on = case.received_on
            return
        acc = min(today, case.received_on + timedelta(days=self.pick((0, 0, 1, 1, 2, 3))))
        case.accepted_on = acc
        self._status(case, events, acc, CaseStatus.ACCEPTED, "accept")
        case.due_on = case.base_due_on = self.mediation_due(acc, case.source)
        if age < 4 and self.random() < 0.5:
            return
        pool = [m for m in self.mediators if case.dispute_type in m.specialties] or self.mediators
        chosen = [self.pick(pool)]
        if self.random() < 0.25:
            other = self.pick(self.mediators)
            if other.id != chosen[0].id:
                chosen.append(other)
        case.mediator_ids = [m.id for m in chosen]
        self._status(case, events, acc, CaseStatus.MEDIATING, "assign")
        self._ev(case, events, EventKind.ASSIGNMENT, acc,
                 participants="、".join(m.name for m in chosen),
                 data={"mediator_ids": case.mediator_ids})
        # how long this mediation takes; some run over their deadline
        span = self.pick((3, 5, 8, 12, 15, 20, 25, 28, 35, 45))
        end = acc + timedelta(days=span)
        names = "、".join(p.name for p in case.parties)
        mediator = chosen[0].name
        if self.random() < 0.3:
            self._ev(case, events, EventKind.INVESTIGATION, min(today, acc + timedelta(days=1)),
                     actor=mediator, place=f"{case.parties[0].village or '现场'}",
                     participants=names,
                     notes="到现场查看情况，分别听取双方陈述，并向村委会了解情况。")
        for k in range(self.pick((1, 1, 2, 2, 3))):
            d = min(today, acc + timedelta(days=2 + k * max(1, span // 3)))
            self._ev(case, events, EventKind.SESSION, d, actor=mediator, place="调解室",
                     participants=names,
                     notes=("告知当事人权利义务后，双方分别陈述。调解员释法明理，"
                            "引导双方互谅互让。"
                            + ("双方初步达成一致意见。" if k else "双方分歧较大。")),
                     data={"result": "双方初步达成一致意见，约定继续协商具体条款。" if k
                           else "双方分歧较大，约定另行组织调解。"})
        if end > today:  # still open today
            if self.random() < 0.08:
                since = min(today, acc + timedelta(days=5))
                self._status(case, events, since, CaseStatus.SUSPENDED, "suspend")
                case.suspended_since = since
                self._ev(case, events, EventKind.SUSPENSION, since,
                         notes="委托鉴定机构进行伤情鉴定")
            return
        outcome = self.random()
        if outcome < 0.80:
            self._agree(case, events, agreements, clause, end)
        else:
            reason = self.pick((EndReason.GAP_TOO_LARGE, EndReason.UNWILLING, EndReason.UNREACHABLE,
                               EndReason.WITHDRAWN_SETTLED, EndReason.EXPIRED_NO_CONSENT))
            self._status(case, events, end, CaseStatus.TERMINATED, "terminate", reason=reason.value)
            case.end_reason, case.closed_on = reason, end
            after = end + timedelta(days=self.between(3, 20))
            if case.source is CaseSource.COURT_DELEGATED and after <= today:
                self._status(case, events, after, CaseStatus.HANDED_TO_FILING, "hand_over")
                filed = after + timedelta(days=self.between(3, 10))
                if filed <= today and self.random() < 0.7:
                    case.filing_number = self.court_number(filed.year, "民初")
                    self._status(case, events, filed, CaseStatus.FILED, "record_filing")
            elif case.source is CaseSource.COURT_ENTRUSTED and after <= today:
                self._status(case, events, after, CaseStatus.RETURNED_TO_TRIAL, "return_to_trial")
            self._maybe_archive(case, events)

    def _agree(self, case: Case, events: list[CaseEvent], agreements: list[Agreement],
               clause: str, end: date) -> None:
        today = self.today
        oral = self.random() < 0.12 and (case.amount or 0) < 5000
        partial = self.random() < 0.04
        deadline = end + timedelta(days=self.pick((0, 7, 15, 30)))
        ag = Agreement(id=self.uid(), case_id=case.id,
                       form=AgreementForm.ORAL if oral else AgreementForm.WRITTEN,
                       scope=AgreementScope.PARTIAL if partial else AgreementScope.FULL,
                       facts=case.facts, clauses=[clause, "双方就本纠纷再无其他争议",
                                                  "本协议履行完毕后，双方不得再就此事向对方主张权利"],
                       performance_method="现金或银行转账", performance_place="马尚街道调解中心",
                       performance_deadline=deadline, amount=case.amount, signed_on=end,
                       effective_on=end)
        agreements.append(ag)
        self._status(case, events, end, CaseStatus.AGREED, "record_agreement",
                     form=ag.form.value, scope=ag.scope.value)
        entrusted = case.source is CaseSource.COURT_ENTRUSTED  # no confirmation (SIM 20)
        case.jc_due_on = None if entrusted else self.jc_due(end)
        case.follow_up_due_on = deadline
        case.closed_on = end
        case.end_reason = None if partial else EndReason.AGREEMENT_REACHED
        if partial:
            if end + timedelta(days=3) <= today:
                self._status(case, events, end + timedelta(days=3), CaseStatus.TERMINATED,
                             "terminate", reason=EndReason.GAP_TOO_LARGE.value)
                case.end_reason = EndReason.GAP_TOO_LARGE
            return
        if entrusted and end + timedelta(days=7) <= today:
            # the court issues its 调解书 on the agreement (no random draw: same demo data)
            self._status(case, events, end + timedelta(days=7), CaseStatus.RETURNED_TO_TRIAL,
                         "return_to_trial", outcome="mediation_document",
                         document_number=case.court_case_number)
            case.follow_up_due_on = None
            self._maybe_archive(case, events)
            return
        # an oral agreement is not taken to confirmation (JCR 3, CPLI 354)
        if case.source is CaseSource.COURT_DELEGATED and self.random() < 0.45 and not oral:
            applied = end + timedelta(days=self.between(1, 10))
            if applied > today:
                return
            self._status(case, events, applied, CaseStatus.JC_APPLIED, "apply_jc")
            case.jc_applied_on = applied
            ruled = applied + timedelta(days=self.between(5, 15))
            if ruled > today:
                return
            if self.random() < 0.97:
                case.jc_ruling = self.court_number(ruled.year, "民特")
                self._status(case, events, ruled, CaseStatus.JC_CONFIRMED, "jc_confirm")
            else:
                self._status(case, events, ruled, CaseStatus.JC_REJECTED, "jc_reject")
                return
        visit = deadline + timedelta(days=self.between(1, 20))
        if visit > today:
            return
        perf = Performance.PERFORMED if self.random() < 0.92 else Performance.NOT_PERFORMED
        self._ev(case, events, EventKind.FOLLOW_UP, visit, place="电话回访",
                 notes="当事人表示已按协议履行，对调解结果满意。" if perf is Performance.PERFORMED
                 else "被申请人未按期履行，已督促其履行。",
                 data={"performance": perf.value,
                       "satisfaction": self.pick((5, 5, 5, 4, 4, 3))
                       if perf is Performance.PERFORMED else self.pick((2, 3))})
        self._status(case, events, visit, CaseStatus(perf.value), "follow_up")
        case.follow_up_due_on = None
        self._maybe_archive(case, events)

    def _maybe_archive(self, case: Case, events: list[CaseEvent]) -> None:
        last = max(e.occurred_at.date() for e in events)
        if (self.today - last).days > 90 and self.random() < 0.6:
            self._status(case, events, last + timedelta(days=self.between(10, 60)),
                         CaseStatus.ARCHIVED, "archive")


def demo_mediators(rng: random.Random, center_id: str, maker: CaseMaker) -> list[Mediator]:
    types = [t for t, _ in TYPES]
    out = []
    for i in range(14):
        m = Mediator(id=maker.uid(), center_id=center_id, name=maker.name(), phone=maker.phone(),
                     full_time=i < 6,
                     specialties=sorted(set(rng.sample(types, 3)), key=types.index),
                     villages=sorted(rng.sample(T.VILLAGES, 3)), active=i != 13)
        if rng.random() < 0.4:
            m.relations = [DeclaredRelation(person_name=maker.name(),
                                            kind=RelationKind.NEAR_RELATIVE, note="配偶")]
        out.append(m)
    return out
