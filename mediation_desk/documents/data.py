"""What the builders read: a case with everything around it, as domain objects.

The service loads a :class:`CaseBundle` from storage; builders never touch the
database. A bundle with ``case=None`` stands for a blank form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..domain.corrections import Correction, corrections, superseded
from ..domain.enums import CaseSource, EventKind, PartyKind, PartyRole
from ..domain.formatting import format_amount, format_cn_date, format_cn_datetime, numeral
from ..domain.models import Agreement, Attachment, Case, CaseEvent, Center, Mediator, Party
from .spec import blank

BLANK_DATE = f"{blank(4)}年{blank(2)}月{blank(2)}日"
BLANK_NUMBER = f"（{blank(4)}）{blank(3)}调字第{blank(3)}号"


UNDISPUTED_KEY = "undisputed_facts"
"""The data key of a NOTE event holding undisputed facts (the shape before their event kind)."""


@dataclass(frozen=True)
class UndisputedFacts:
    """One written confirmation of undisputed facts: the text, its date, who confirmed."""

    text: str
    on: date
    parties: tuple[str, ...] = ()


@dataclass
class CaseBundle:
    """A case and what its documents print; ``case is None`` for blank forms."""

    center: Center | None = None
    case: Case | None = None
    mediators: list[Mediator] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    agreement: Agreement | None = None  # the live one (the latest)
    agreements: list[Agreement] = field(default_factory=list)  # all, oldest first
    attachments: list[tuple[Attachment, bytes]] = field(default_factory=list)
    # for the file only, never for parties or the court (e.g. 节假日安排为推算 on a deadline)
    internal_notes: list[str] = field(default_factory=list)
    today: date | None = None  # the day the paper is made (the desk's clock)
    jc_due_estimated: bool = False  # case.jc_due_on rests on an estimated holiday year
    committee: str = ""  # 人民调解委员会名称 (setting): seal lines and text; "" = center's name

    @property
    def blank(self) -> bool:
        return self.case is None

    @property
    def parties(self) -> list[Party]:
        """Live parties in their case order."""
        return [] if self.case is None else [p for p in self.case.parties if not p.deleted]

    def role_parties(self, role: PartyRole) -> list[Party]:
        return [p for p in self.parties if p.role is role]

    def events_of(self, kind: EventKind) -> list[CaseEvent]:
        """Live events of ``kind``; a record a correction replaced prints as its newest
        version only (the old one stays on file and in the timeline)."""
        old = superseded(self.events)
        return [e for e in self.events if e.kind is kind and not e.deleted and e.id not in old]

    def corrections(self) -> list[Correction]:
        """The case's corrections (new versions, 补充协议, 更正说明), oldest first."""
        return corrections(self.events)

    @property
    def live_agreement(self) -> Agreement | None:
        """The case's agreement unless there is none (or it was deleted)."""
        a = self.agreement
        return a if a is not None and not a.deleted else None

    def undisputed_facts(self) -> list[UndisputedFacts]:
        """The undisputed facts the parties confirmed (无争议事实), oldest first.

        Each ``undisputed_facts`` event is one confirmation; a NOTE event carrying
        ``data["undisputed_facts"]`` (text or a list of texts), the shape before the
        event kind existed, is read too.
        """
        names = {p.id: p.name for p in self.parties}
        out = []
        for ev in self.events:
            if ev.deleted:
                continue
            if ev.kind is EventKind.UNDISPUTED_FACTS and ev.notes.strip():
                ids = ev.data.get("party_ids")
                who = tuple(names[i] for i in ids if i in names) if isinstance(ids, list) \
                    else ()
                out.append(UndisputedFacts(ev.notes.strip(), ev.occurred_at.date(), who))
            elif ev.kind is EventKind.NOTE:
                value = ev.data.get(UNDISPUTED_KEY)
                texts = [value] if isinstance(value, str) else \
                    [str(v) for v in value] if isinstance(value, list) else []
                text = "\n".join(t.strip() for t in texts if t.strip())
                if text:
                    out.append(UndisputedFacts(text, ev.occurred_at.date(), ()))
        return out

    @property
    def center_name(self) -> str:
        """The committee as the papers name it (the registered name when set)."""
        if self.committee:
            return self.committee
        return self.center.name if self.center else f"{blank(8)}人民调解委员会"

    @property
    def number(self) -> str:
        return self.case.number if self.case and self.case.number else BLANK_NUMBER

    @property
    def court_related(self) -> bool:
        return bool(self.case and self.case.source.court_related)

    @property
    def court_case_number(self) -> str:
        """The court's own case number (法院案号), empty when there is none."""
        return self.case.court_case_number if self.case else ""

    @property
    def court_mode(self) -> str:
        """``委派`` (pre-filing) or ``委托`` (after filing)."""
        return "委托" if self.case and self.case.source is CaseSource.COURT_ENTRUSTED else "委派"

    @property
    def court_name(self) -> str:
        return (self.center.linked_court if self.center else "") or "　　　　人民法院"

    @property
    def mediator_names(self) -> str:
        return "、".join(m.name for m in self.mediators)

    def party_names(self, role: PartyRole | None = None) -> str:
        return "、".join(p.name for p in self.parties if role is None or p.role is role)

    def sides(self) -> str:
        """``张三与李四`` (applicants and respondents)."""
        a, r = self.party_names(PartyRole.APPLICANT), self.party_names(PartyRole.RESPONDENT)
        return "与".join(x for x in (a, r) if x)

    def dispute(self) -> str:
        """``张三与李四之间的合同纠纷``."""
        if self.case is None:
            return blank(12)
        return f"{self.sides()}之间的{self.case.dispute_type.label}"


def cn_date(d: date | None) -> str:
    """``2026年11月27日``, or a blank to write in."""
    return format_cn_date(d) if d else BLANK_DATE


def cn_datetime(dt: datetime | None) -> str:
    """``2026年11月27日 08时05分`` (zero-padded, as on the screen), or blanks to write in."""
    if dt is None:
        return BLANK_DATE + f"{blank(2)}时{blank(2)}分"
    return format_cn_datetime(dt)


def amount_text(value: Decimal | int | None) -> str:
    """``肆万元整（¥40,000.00）``, or empty."""
    return "" if value is None else format_amount(value)


def age_on(birth: date | None, on: date | None) -> int | None:
    """Full years of age on a date."""
    if birth is None or on is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def role_label(p: Party, index: int = 0, count: int = 1) -> str:
    """``申请人``, or ``申请人二`` when a side has several parties."""
    return p.role.label + (numeral(index) if count > 1 else "")


def party_sentence(p: Party, on: date | None, *, with_id: bool = True) -> str:
    """One party described in a sentence, the way agreements print it (§2.3)."""
    if p.kind is PartyKind.ORGANISATION:
        bits = [p.name]
        if p.credit_code:
            bits.append(f"统一社会信用代码{p.credit_code}")
        if p.address:
            bits.append(f"住所{p.address}")
        if p.phone:
            bits.append(f"联系电话{p.phone}")
        text = "，".join(bits) + "。"
        if p.legal_representative:
            text += f"法定代表人（负责人）：{p.legal_representative}。"
    else:
        bits = [p.name]
        if p.sex:
            bits.append(p.sex.label)
        if p.ethnicity:
            bits.append(p.ethnicity if p.ethnicity.endswith("族") else p.ethnicity + "族")
        if p.birth_date:
            age = age_on(p.birth_date, on)
            bits.append(f"{format_cn_date(p.birth_date)}出生"
                        + (f"（{age}岁）" if age is not None else ""))
        if p.occupation:
            bits.append(p.occupation)
        if p.address:
            bits.append(f"住{p.address}")
        if p.phone:
            bits.append(f"联系电话{p.phone}")
        if with_id and p.id_number:
            bits.append(f"公民身份号码{p.id_number}")
        text = "，".join(bits) + "。"
    return text


def agent_sentence(p: Party, *, with_id: bool = True) -> str:
    """The party's agent (委托代理人), or empty."""
    if not p.agent_name:
        return ""
    bits = [p.agent_name]
    if p.agent_relation:
        bits.append(f"系{p.name}的{p.agent_relation}")
    if p.agent_phone:
        bits.append(f"联系电话{p.agent_phone}")
    if with_id and p.agent_id_number:
        bits.append(f"公民身份号码{p.agent_id_number}")
    return "委托代理人：" + "，".join(bits) + "。"

