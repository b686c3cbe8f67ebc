"""Court → center referrals (委派调解) at the court liaison desk.

The court registers a referral for one of the centers it trusts: the court's referral
number (民诉前调), the parties, the dispute, the claims and facts, the materials as
attachments and the date by which it expects the pre-litigation mediation to be finished.
The referral is a case of that center (``center_id`` = the center's id, ``origin`` = the
court, source 法院委派, status 新登记) created at the court; the court's next export to the
center carries it, and the center's answer (受理 / 不予受理 with the reason) and the
outcome come back in the center's bundles. The court follows each referral by its state
(:class:`ReferralState`).

Numbering: a referral carries the court's number as its case number until the center
accepts it and numbers it (``IntakeOps.accept``); its serial is 0, -1, -2, ... meanwhile,
so it never takes one of the center's own serials (1, 2, 3, ... from the center's
``number_counters``) nor clashes with them on import.

Due date: the court's requested date defaults to the 委派调解 period (30 days, REFERENCE
§3.2, counted by §7 with this desk's holiday calendar) from the day of the referral; it is
kept as the case's ``due_on`` as sent and in the referral event's data
(``requested_due_on``). The legal period runs from the center's acceptance, so the center
recomputes ``due_on`` from its own acceptance date and settings; the court then follows
the center's date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from ..domain import attachment_types
from ..domain.deadlines import mediation_due
from ..domain.enums import CaseSource, CaseStatus, EventKind
from ..domain.errors import DomainError, ValidationError
from ..domain.formatting import format_cn_date
from ..domain.models import Attachment, Case, CaseEvent, Center
from ..storage.referral_queries import referrals_of
from ..storage.store import Store
from .access import require
from .case_input import Problems, parse_case
from .settings import Settings, load_settings

REFERRAL_SOURCES = (CaseSource.COURT_DELEGATED, CaseSource.COURT_ENTRUSTED)
MAX_DUE_DAYS = 366  # a requested date further out than a year is a typing mistake
MAX_MATERIAL_BYTES = 50 * 1024 * 1024
MAX_MATERIALS = 50


class ReferralState(StrEnum):
    """Where a referral stands, as the court follows it (each referral is in one state)."""

    SENT = "sent"  # registered at the center (or not yet imported), not answered
    ACCEPTED = "accepted"  # accepted, mediating or suspended, within its due date
    REFUSED = "refused"  # not accepted (不予受理), with the center's reason
    OVERDUE = "overdue"  # sent or accepted, past its due date without a result
    RESULT = "result"  # agreed, terminated, handed over, judicial confirmation, ...

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {ReferralState.SENT: "已委派待受理", ReferralState.ACCEPTED: "已受理",
                ReferralState.REFUSED: "不予受理", ReferralState.OVERDUE: "超期未结",
                ReferralState.RESULT: "已有结果"}
_WAITING = {CaseStatus.REGISTERED}
_RUNNING = {CaseStatus.ACCEPTED, CaseStatus.MEDIATING, CaseStatus.SUSPENDED}


def state_of(status: CaseStatus, due: date | None, today: date) -> ReferralState:
    """The state of a referral with ``status`` and effective due date ``due`` on ``today``."""
    if status in _WAITING or status in _RUNNING:
        if due is not None and today > due:
            return ReferralState.OVERDUE
        return ReferralState.SENT if status in _WAITING else ReferralState.ACCEPTED
    if status is CaseStatus.NOT_ACCEPTED:
        return ReferralState.REFUSED
    return ReferralState.RESULT


@dataclass(frozen=True)
class Referral:
    """One referral as the court sees it."""

    case_id: str
    center_id: str
    center_code: str
    center_name: str
    court_case_number: str
    number: str  # the center's number once it accepted, else the court's number
    title: str
    party_names: str
    status: CaseStatus
    state: ReferralState
    referred_on: date
    requested_due_on: date | None  # what the court asked for
    due_on: date | None  # the date the state is judged by (the center's once accepted)
    accepted_on: date | None
    closed_on: date | None
    reason: str  # the refusal reason or the end note
    filing_number: str
    jc_ruling: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-able row (``referral list --json``)."""
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None
        return {"id": self.case_id, "center": self.center_code, "center_name": self.center_name,
                "court_case_number": self.court_case_number, "number": self.number,
                "title": self.title, "parties": self.party_names, "status": self.status.value,
                "status_label": self.status.label, "state": self.state.value,
                "state_label": self.state.label, "referred_on": self.referred_on.isoformat(),
                "requested_due_on": iso(self.requested_due_on), "due_on": iso(self.due_on),
                "accepted_on": iso(self.accepted_on), "closed_on": iso(self.closed_on),
                "reason": self.reason, "filing_number": self.filing_number,
                "jc_ruling": self.jc_ruling}


@dataclass(frozen=True)
class ReferralCounts:
    """Referrals per state, overall and per center (code, name, counts)."""

    total: Counter[ReferralState]
    by_center: list[tuple[str, str, Counter[ReferralState]]]


@dataclass(frozen=True)
class Referred:
    """What :meth:`ReferralService.refer` created, with its non-blocking warnings."""

    case: Case
    center: Center
    requested_due_on: date
    attachments: list[Attachment] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReferralPreview:
    """Problems and warnings by field path, and the due date the referral would carry."""

    problems: dict[str, list[str]]
    warnings: dict[str, list[str]]
    due_on: date
    due_estimated: bool  # depends on a holiday year not yet published


@dataclass(frozen=True)
class Material:
    """A file to attach to a referral: its name and content."""

    name: str
    content: bytes


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


class ReferralService:
    """Register referrals and follow them, at a court liaison desk."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self._settings = settings

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.store)
        return self._settings

    def today(self) -> date:
        return self.store.today()

    # -- where referrals may go ----------------------------------------------------
    def _court(self) -> Center:
        me = self.store.directory.self_center()
        if me is None:
            raise DomainError("数据库尚未初始化（没有本单位信息），请先运行 init。",
                              code="not_initialised")
        if str(self.store.directory.setting("desk_kind", me.kind.value)) != "court":
            raise DomainError("只有法院联络台可以委派调解；本单位是调解组织。", code="not_a_court")
        return me

    def centers(self) -> list[Center]:
        """The centers a referral may go to: trusted (not revoked) mediation centers whose
        center record this desk holds, by code."""
        self._court()
        known = {c.code: c for c in self.store.directory.centers() if c.kind.value == "center"}
        out = []
        for row in self.store.exchange.trusted():
            center = known.get(row["code"])
            if (center is not None and not row["revoked"] and row["kind"] == "center"
                    and center.id == row["center_id"]):
                out.append(center)
        return out

    def center(self, code: str) -> Center:
        """A center a referral may go to, by its code; a clear refusal otherwise."""
        code = (code or "").strip()
        for c in self.centers():
            if c.code == code:
                return c
        choices = "、".join(f"{c.name}（{c.code}）" for c in self.centers()) or "无"
        raise DomainError(f"不能委派给“{code}”：它不是本院信任的调解组织（或信任已撤销）。"
                          f"可选：{choices}。", code="not_trusted_center")

    # -- registering ---------------------------------------------------------------
    def default_due(self, referred_on: date) -> date:
        """The 委派调解 period from ``referred_on`` by this desk's holiday calendar."""
        period = self.settings.period_for(CaseSource.COURT_DELEGATED)
        return mediation_due(referred_on, period, self.settings.calendar()).due

    def check(self, center_code: str, data: Any) -> tuple[Case, date, Problems]:
        """Validate a referral (the registration rules plus the court's own), saving nothing.

        ``data`` is the case input of ``docs/case-input.md`` (``source`` may be left out:
        法院委派) plus an optional ``due_on``; returns the case, the due date and the
        problems and warnings found.
        """
        center = self.center(center_code)
        today = self.today()
        problems = Problems()
        if not isinstance(data, dict):
            problems.add("referral", "委派信息格式不正确")
            return Case(center_id=center.id), today, problems
        fields = dict(data)
        due_raw = fields.pop("due_on", None)
        if "id" in fields:
            fields.pop("id")
            problems.add("id", "未知字段")
        fields.setdefault("source", CaseSource.COURT_DELEGATED.value)
        case, found = parse_case(fields, center_id=center.id, today=today)
        for k, v in found.items.items():
            for m in v:
                problems.add(k, m)
        for k, v in found.warnings.items():
            for m in v:
                problems.warn(k, m)
        if case.source not in REFERRAL_SOURCES:
            problems.add("source", "委派调解的案件来源应为“法院委派”（或“法院委托”）")
        due = self.default_due(case.received_on)
        if due_raw not in (None, ""):
            try:
                due = date.fromisoformat(str(due_raw))
            except ValueError:
                problems.add("due_on", f"日期格式应为 YYYY-MM-DD：{due_raw}")
            else:
                if due <= case.received_on:
                    problems.add("due_on", "要求调结日期应晚于委派日期")
                elif (due - case.received_on).days > MAX_DUE_DAYS:
                    problems.add("due_on", "要求调结日期距委派日期超过一年，请核对")
        if case.court_case_number:
            court = self._court()
            held = referrals_of(self.store).number_holder(court.code, case.court_case_number)
            if held is not None:
                problems.add("court_case_number",
                             f"本院已用案号{case.court_case_number}委派过一件案件，不能重复委派")
        return case, due, problems

    def _check_materials(self, case_id: str, materials: list[Material] | tuple[Material, ...],
                         problems: Problems) -> list[tuple[Attachment, bytes]]:
        """Each material by content (PDF, JPEG, PNG, TIFF) with a plain base name."""
        checked: list[tuple[Attachment, bytes]] = []
        if len(materials) > MAX_MATERIALS:
            problems.add("materials", f"材料不能超过{MAX_MATERIALS}份")
        for i, m in enumerate(materials):
            if len(m.content) > MAX_MATERIAL_BYTES:
                problems.add(f"materials[{i}]", f"“{m.name}”超过50MB")
                continue
            try:  # by content, not by name; the name becomes a plain base name
                name, kind = attachment_types.accept(m.name, m.content)
            except attachment_types.AttachmentRefused as exc:
                problems.add(f"materials[{i}]", exc.message)
                continue
            checked.append((Attachment(case_id=case_id, name=name, media_type=kind.media_type),
                            m.content))
        return checked

    def preview(self, center_code: str, data: Any,
                materials: list[Material] | tuple[Material, ...] = ()) -> ReferralPreview:
        """What the referral form shows before saving: problems, warnings, the due date."""
        case, due, problems = self.check(center_code, data)
        self._check_materials(case.id, materials, problems)
        return ReferralPreview(problems.items, problems.warnings, due,
                               self.settings.calendar().due_is_estimated(due))

    def refer(self, actor: str, center_code: str, data: Any,
              materials: list[Material] | tuple[Material, ...] = ()) -> Referred:
        """Register a referral for a trusted center, in one transaction with its audit row.

        Every problem of the input and of the materials is listed (ValidationError) and
        nothing is saved; warnings (e.g. a court number whose type code is not 民诉前调) do
        not block and are returned.
        """
        require(self.store, "refer_case")
        court = self._court()
        case, due, problems = self.check(center_code, data)
        center = self.center(center_code)
        checked = self._check_materials(case.id, materials, problems)
        problems.raise_if_any()
        case.status = CaseStatus.REGISTERED
        case.number = case.court_case_number
        case.year = case.received_on.year
        case.due_on = due
        if not case.title:
            names = [p.name for p in case.applicants[:1] + case.respondents[:1]]
            case.title = "与".join(names) + case.dispute_type.label
        summary = f"委派调解{case.court_case_number}至{center.name}（{center.code}）"
        with self.store.operation(actor, "refer_case", case_id=case.id,
                                  summary=summary) as work:
            # inside the transaction: the number and the serial are checked where they are taken
            if referrals_of(self.store).number_holder(court.code, case.court_case_number):
                raise ValidationError({"court_case_number": [
                    f"本院已用案号{case.court_case_number}委派过一件案件，不能重复委派"]})
            case.serial = referrals_of(self.store).next_serial(center.id, case.year)
            work.save_case(case)
            work.save_event(CaseEvent(
                case_id=case.id, kind=EventKind.STATUS_CHANGE,
                occurred_at=work.moment.replace(microsecond=0), actor=actor,
                notes=f"{court.name}委派调解，请于{format_cn_date(due)}前调结",
                # keys in sorted order, as every desk that imports it stores them
                data={"action": "refer", "center": center.code, "court": court.code,
                      "from": None, "requested_due_on": due.isoformat(),
                      "to": CaseStatus.REGISTERED.value}))
            for att, content in checked:
                work.add_attachment(att, content)
        return Referred(case, center, due, [a for a, _c in checked], problems.warnings)

    # -- following -----------------------------------------------------------------
    def referrals(self, state: ReferralState | str | None = None) -> list[Referral]:
        """This court's referrals, newest first; only those in ``state`` when given."""
        court = self._court()
        want = ReferralState(state) if state else None
        today = self.today()
        out = []
        for r in referrals_of(self.store).referrals(court.code):
            status = CaseStatus(r["status"])
            requested = _d(r["requested_due_on"])
            due = _d(r["due_on"]) if status in _RUNNING else requested
            due = due or requested
            st = state_of(status, due, today)
            if want is not None and st is not want:
                continue
            out.append(Referral(
                case_id=r["id"], center_id=r["center_id"], center_code=r["center_code"],
                center_name=r["center_name"], court_case_number=r["court_case_number"],
                number=r["number"], title=r["title"], party_names=r["party_names"],
                status=status, state=st, referred_on=date.fromisoformat(r["received_on"]),
                requested_due_on=requested, due_on=due, accepted_on=_d(r["accepted_on"]),
                closed_on=_d(r["closed_on"]), reason=r["end_note"] or "",
                filing_number=r["filing_number"], jc_ruling=r["jc_ruling"]))
        return out

    def counts(self, rows: list[Referral] | None = None) -> ReferralCounts:
        """Referrals per state, overall and per center (every trusted center listed);
        of ``rows`` when given (the list just loaded), else of all referrals."""
        rows = self.referrals() if rows is None else rows
        total: Counter[ReferralState] = Counter({s: 0 for s in ReferralState})
        per: dict[str, tuple[str, str, Counter[ReferralState]]] = {
            c.code: (c.code, c.name, Counter({s: 0 for s in ReferralState}))
            for c in self.centers()}
        for r in rows:
            total[r.state] += 1
            entry = per.setdefault(r.center_code, (r.center_code, r.center_name,
                                                   Counter({s: 0 for s in ReferralState})))
            entry[2][r.state] += 1
        return ReferralCounts(total, [per[k] for k in sorted(per)])
