"""以案定补: the per-case subsidy for mediators (docs/subsidy.md).

A rate table (以案定补标准) of rules: a dispute type (or 全部), an outcome (调解成功,
调解不成 or both), an amount in yuan per case, the dates it is in force, and optionally its
own multiplier for a 疑难复杂 case (otherwise the table's). The rule applied to a case is the
most specific one (its own dispute type over 全部) in force on the case's counting date (the
agreement's effective date, or the termination date). Two rules of the same specificity whose
outcomes and dates overlap are refused on save, so there is never a choice to make.

The monthly sheet counts, per mediator, the cases closed in the month by the statistics
counting rule (domain/statistics.py): agreement effective in the month = 调解成功,
termination in the month = 调解不成; each case once. A case paid is paid once: closed again
after 重新调解 it is listed, unpaid. A failure is paid only after real mediation (at least
one 调解 session on record). A case with several mediators is split equally, the odd fen
going to the first-named (主办) mediator.

Everything here is plain data and pure functions: the service reads the facts, this module
decides, the reports render.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from .enums import CaseFlag, DisputeType
from .errors import ValidationError
from .formatting import chinese_capital
from .models import Case
from .statistics import ReportPeriod
from .triage import _complex_reasons

ALL_TYPES = "all"
ALL_TYPES_LABEL = "全部"
MAX_RULES = 200
MAX_AMOUNT = Decimal("100000")  # yuan per case: anything above is a typing error
MAX_MULTIPLIER = Decimal("10")
MAX_NOTE = 100
EARLIEST = date(2000, 1, 1)
CENT = Decimal("0.01")
SETTING_KEY = "subsidy_rates"
"""The settings key the table is stored under (as :func:`rates_to_wire` gives it)."""


class SubsidyOutcome(StrEnum):
    """Which closings a rule pays for."""

    SUCCEEDED = "succeeded"  # 调解成功: an agreement took effect
    FAILED = "failed"  # 调解不成: terminated after real mediation
    ANY = "any"  # both

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    def covers(self, outcome: SubsidyOutcome) -> bool:
        """Whether a rule for ``self`` pays a case that ended with ``outcome``."""
        return self is SubsidyOutcome.ANY or self is outcome

    @classmethod
    def parse(cls, text: str) -> SubsidyOutcome:
        """An outcome from its id or Chinese label (ValueError naming the choices)."""
        t = text.strip()
        for o in cls:
            if t in (o.value, o.label) or t in _OUTCOME_ALIASES.get(o, ()):
                return o
        raise ValueError("结果只能是" + "、".join(o.label for o in cls))


_OUTCOME_LABELS = {SubsidyOutcome.SUCCEEDED: "调解成功", SubsidyOutcome.FAILED: "调解不成",
                   SubsidyOutcome.ANY: "成功或不成"}
_OUTCOME_ALIASES = {SubsidyOutcome.SUCCEEDED: ("成功",), SubsidyOutcome.FAILED: ("不成", "终止"),
                    SubsidyOutcome.ANY: ("均可", "全部", "both")}


@dataclass(frozen=True)
class SubsidyRule:
    """One line of the rate table. ``dispute_type`` None = 全部; ``effective_to`` None =
    until further notice; ``complex_multiplier`` None = the table's."""

    dispute_type: DisputeType | None
    outcome: SubsidyOutcome
    amount: Decimal
    effective_from: date
    effective_to: date | None = None
    complex_multiplier: Decimal | None = None
    note: str = ""

    @property
    def type_label(self) -> str:
        return self.dispute_type.label if self.dispute_type else ALL_TYPES_LABEL

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def overlaps(self, other: SubsidyRule) -> bool:
        """Same specificity (dispute type), outcomes that share a case, dates that meet."""
        if self.dispute_type != other.dispute_type:
            return False
        if not (self.outcome.covers(other.outcome) or other.outcome.covers(self.outcome)):
            return False
        end_a, end_b = self.effective_to or date.max, other.effective_to or date.max
        return self.effective_from <= end_b and other.effective_from <= end_a

    @property
    def span_label(self) -> str:
        end = self.effective_to.isoformat() if self.effective_to else "长期"
        return f"{self.effective_from.isoformat()}至{end}"

    @property
    def short_label(self) -> str:
        """e.g. 邻里纠纷·调解成功."""
        return f"{self.type_label}·{self.outcome.label}"

    def describe(self) -> str:
        """e.g. 邻里纠纷·调解成功 100元/件（2026-01-01至长期）."""
        times = (f"，疑难复杂×{_yuan(self.complex_multiplier)}"
                 if self.complex_multiplier is not None else "")
        return (f"{self.type_label}·{self.outcome.label} {_yuan(self.amount)}元/件"
                f"（{self.span_label}{times}）")


@dataclass(frozen=True)
class SubsidyRates:
    """The rate table (以案定补标准) and the table's 疑难复杂 multiplier."""

    rules: tuple[SubsidyRule, ...] = ()
    complex_multiplier: Decimal = Decimal("1")

    def rule_for(self, dispute_type: DisputeType, outcome: SubsidyOutcome,
                 on: date) -> SubsidyRule | None:
        """The most specific rule in force on ``on`` that pays ``outcome`` (None: none)."""
        found = [r for r in self.rules if r.outcome.covers(outcome) and r.in_force(on)
                 and r.dispute_type in (dispute_type, None)]
        found.sort(key=lambda r: r.dispute_type is None)  # its own type first
        return found[0] if found else None

    def multiplier_of(self, rule: SubsidyRule) -> Decimal:
        return rule.complex_multiplier if rule.complex_multiplier is not None \
            else self.complex_multiplier


# -- input (settings page, CLI --set FILE.json): one parser, one validator -------------------
def _yuan(value: Decimal) -> str:
    """An amount without trailing zeros: 50, 12.5, 0.05."""
    text = f"{value.quantize(CENT):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimal(text: Any, what: str) -> Decimal:
    raw = str(text).strip().replace(",", "").replace("，", "")
    raw = raw.removesuffix("元").removesuffix("倍").lstrip("×x*")
    if not re.fullmatch(r"\d+(\.\d+)?", raw):
        raise ValueError(f"{what}应为数字，例如 100 或 12.5")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"{what}应为数字") from exc


def _date(text: Any, what: str) -> date:
    raw = str(text).strip()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{what}应写作 2026-01-01：{raw}") from None


def _dispute_type(text: Any) -> DisputeType | None:
    raw = str(text or "").strip()
    if raw in ("", ALL_TYPES, ALL_TYPES_LABEL):
        return None
    try:
        return DisputeType.parse(raw)
    except ValueError:
        raise ValueError(f"没有这个纠纷类型：{raw}（可写“全部”或如“邻里纠纷”）") from None


_REQUIRED = {"outcome": "适用结果", "amount": "补贴金额", "effective_from": "起始日期"}
RULE_FIELDS = ("dispute_type", "outcome", "amount", "effective_from", "effective_to",
               "complex_multiplier", "note")


def rates_from_wire(data: Any) -> SubsidyRates:
    """Parse and check a rate table given as JSON-like data (the settings form's cells,
    ``subsidy-rates --set FILE.json``, the stored setting); ValidationError names every
    problem by its path (``rules.2.amount``, ``complex_multiplier``, ``rules``)."""
    problems: dict[str, list[str]] = {}
    if not isinstance(data, Mapping):
        raise ValidationError({"rules": ["以案定补标准应为一个对象：{\"complex_multiplier\": …, "
                                         "\"rules\": […]}"]})
    unknown = sorted(set(data) - {"complex_multiplier", "rules"})
    if unknown:
        problems["rates"] = [f"不认识的项目：{'、'.join(map(str, unknown))}"]
    multiplier = Decimal("1")
    try:
        raw = data.get("complex_multiplier", "1")
        multiplier = _decimal("1" if raw in (None, "") else raw, "疑难复杂倍数")
    except ValueError as exc:
        problems["complex_multiplier"] = [str(exc)]
    raw_rules = data.get("rules", [])
    rules: list[SubsidyRule] = []
    if not isinstance(raw_rules, Sequence) or isinstance(raw_rules, str):
        problems["rules"] = ["rules 应为一个列表"]
        raw_rules = []
    for i, item in enumerate(raw_rules, 1):
        rule = _rule_from_wire(item, i, problems)
        if rule is not None:
            rules.append(rule)
    if problems:  # the table's multiplier is checked too, so one pass shows everything
        if "complex_multiplier" not in problems:
            problems.update(rate_problems(SubsidyRates((), multiplier)))
        raise ValidationError(problems)
    rates = SubsidyRates(tuple(rules), multiplier)
    validate_rates(rates)
    return rates


def _rule_from_wire(item: Any, i: int, problems: dict[str, list[str]]) -> SubsidyRule | None:
    at = f"rules.{i}"
    if not isinstance(item, Mapping):
        problems[at] = [f"第{i}条：应为一个对象"]
        return None
    unknown = sorted(set(item) - set(RULE_FIELDS))
    if unknown:
        problems[at] = [f"第{i}条：不认识的项目 {'、'.join(map(str, unknown))}"]
    values: dict[str, Any] = {}
    parsers: dict[str, Any] = {
        "dispute_type": _dispute_type,
        "outcome": lambda v: SubsidyOutcome.parse(str(v or "")),
        "amount": lambda v: _decimal(v, "补贴金额"),
        "effective_from": lambda v: _date(v, "起始日期"),
        "effective_to": lambda v: None if v in (None, "") else _date(v, "截止日期"),
        "complex_multiplier": lambda v: None if v in (None, "") else _decimal(v, "疑难复杂倍数"),
        "note": lambda v: str(v or "").strip(),
    }
    for key, parse in parsers.items():
        if key in _REQUIRED and item.get(key) in (None, ""):
            problems.setdefault(f"{at}.{key}", []).append(f"第{i}条：请填写{_REQUIRED[key]}")
            continue
        try:
            values[key] = parse(item.get(key))
        except ValueError as exc:
            problems.setdefault(f"{at}.{key}", []).append(f"第{i}条：{exc}")
    if len(values) != len(parsers):
        return None
    return SubsidyRule(**values)


def rate_problems(rates: SubsidyRates) -> dict[str, list[str]]:
    """Every problem of a rate table, by path (rows numbered from 1, as the table shows)."""
    problems: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        problems.setdefault(path, []).append(message)

    if not Decimal("1") <= rates.complex_multiplier <= MAX_MULTIPLIER:
        add("complex_multiplier", f"疑难复杂倍数应在1到{MAX_MULTIPLIER}之间")
    elif rates.complex_multiplier != rates.complex_multiplier.quantize(CENT):
        add("complex_multiplier", "疑难复杂倍数最多两位小数")
    if len(rates.rules) > MAX_RULES:
        add("rules", f"以案定补标准最多{MAX_RULES}条")
    for i, r in enumerate(rates.rules, 1):
        at = f"rules.{i}"
        if not Decimal("0") <= r.amount <= MAX_AMOUNT:
            add(f"{at}.amount", f"第{i}条：补贴金额应在0到{MAX_AMOUNT}元之间")
        elif r.amount != r.amount.quantize(CENT):
            add(f"{at}.amount", f"第{i}条：补贴金额最多精确到分（两位小数）")
        m = r.complex_multiplier
        if m is not None and not (Decimal("1") <= m <= MAX_MULTIPLIER
                                  and m == m.quantize(CENT)):
            add(f"{at}.complex_multiplier",
                f"第{i}条：疑难复杂倍数应在1到{MAX_MULTIPLIER}之间，最多两位小数")
        if r.effective_from < EARLIEST:
            add(f"{at}.effective_from", f"第{i}条：起始日期不能早于{EARLIEST.isoformat()}")
        if r.effective_to is not None and r.effective_to < r.effective_from:
            add(f"{at}.effective_to", f"第{i}条：截止日期早于起始日期")
        if len(r.note) > MAX_NOTE or any(ord(ch) < 0x20 for ch in r.note):
            add(f"{at}.note", f"第{i}条：说明不超过{MAX_NOTE}字，且不能含换行等控制字符")
    for i, a in enumerate(rates.rules, 1):
        for j, b in enumerate(rates.rules[i:], i + 1):
            if a.overlaps(b):
                add("rules", f"第{i}条与第{j}条重叠：同为“{a.type_label}”、适用结果重合"
                             f"（{a.outcome.label}／{b.outcome.label}），且有效期"
                             f"（{a.span_label}／{b.span_label}）交叉；请调整日期或合并为一条")
    return problems


def validate_rates(rates: SubsidyRates) -> None:
    """Raise ValidationError with :func:`rate_problems` when there are any."""
    problems = rate_problems(rates)
    if problems:
        raise ValidationError(problems)


def rule_to_wire(r: SubsidyRule) -> dict[str, Any]:
    return {"dispute_type": r.dispute_type.value if r.dispute_type else ALL_TYPES,
            "outcome": r.outcome.value, "amount": _yuan(r.amount),
            "effective_from": r.effective_from.isoformat(),
            "effective_to": r.effective_to.isoformat() if r.effective_to else None,
            "complex_multiplier": (_yuan(r.complex_multiplier)
                                   if r.complex_multiplier is not None else None),
            "note": r.note}


def rates_to_wire(rates: SubsidyRates) -> dict[str, Any]:
    """The table as JSON data (what is stored, what ``subsidy-rates`` shows and takes)."""
    return {"complex_multiplier": _yuan(rates.complex_multiplier),
            "rules": [rule_to_wire(r) for r in rates.rules]}


# -- complexity ------------------------------------------------------------------------------
def complex_reason(case: Case) -> str:
    """Why a case counts as 疑难复杂 ('' when it does not).

    Marked 疑难复杂 (CaseFlag.COMPLEX), or one of triage's firm reasons that rule out simple
    procedure (a party's whereabouts unknown, 10 or more on one side, public interest).
    Triage's provisional "facts not yet marked clear" is not one: it would make nearly every
    case complex.
    """
    if CaseFlag.COMPLEX in case.flags:
        return "标记为疑难复杂"
    reasons = _complex_reasons(case)
    return "；".join(reasons)


# -- the sheet -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Closing:
    """A case closed in the month, as the service read it (the facts this module needs)."""

    case_id: str
    number: str
    dispute_type: DisputeType
    outcome: SubsidyOutcome  # SUCCEEDED or FAILED
    closed_on: date  # the counting date
    complex_reason: str = ""
    mediated: bool = True  # a 调解 session is on record (a failure is paid only then)
    paid_before: date | None = None  # an earlier closing (before the month) of the same case
    mediators: tuple[tuple[str, str], ...] = ()  # (mediator id, name), 主办 first


@dataclass(frozen=True)
class SubsidyItem:
    """One case on one mediator's line."""

    case_id: str
    number: str
    dispute_type: DisputeType
    outcome: SubsidyOutcome
    closed_on: date
    complex: bool
    complex_reason: str
    rule: SubsidyRule | None
    rate: Decimal  # the rule's amount (0 when none applies)
    multiplier: Decimal  # applied (1 unless complex)
    case_amount: Decimal  # rate × multiplier, or 0 when not payable
    share: Decimal  # this mediator's part of case_amount
    sharers: int  # how many mediators share it
    note: str = ""  # why nothing is paid, or how it was shared


@dataclass(frozen=True)
class SubsidyLine:
    """One mediator's line: the cases and the total."""

    mediator_id: str
    mediator_name: str
    items: tuple[SubsidyItem, ...]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def paid_count(self) -> int:
        return sum(1 for i in self.items if i.share > 0)

    @property
    def succeeded(self) -> int:
        return sum(1 for i in self.items if i.outcome is SubsidyOutcome.SUCCEEDED)

    @property
    def failed(self) -> int:
        return sum(1 for i in self.items if i.outcome is SubsidyOutcome.FAILED)

    @property
    def total(self) -> Decimal:
        return sum((i.share for i in self.items), Decimal("0"))


@dataclass(frozen=True)
class SubsidySheet:
    """以案定补补贴发放表 of one month."""

    period: ReportPeriod
    unit_name: str  # 填报单位
    lines: tuple[SubsidyLine, ...]
    unassigned: tuple[SubsidyItem, ...]  # closed cases without a mediator (nothing paid)
    rates: SubsidyRates
    generated_on: date
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return f"{self.period.start.year}年{self.period.start.month}月以案定补补贴发放表"

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0"))

    @property
    def total_capital(self) -> str:
        return chinese_capital(self.total)

    @property
    def case_ids(self) -> tuple[str, ...]:
        """Every case the sheet counts, once (the statistics core's 调解成功 ∪ 终止调解)."""
        seen = dict.fromkeys([i.case_id for line in self.lines for i in line.items]
                             + [i.case_id for i in self.unassigned])
        return tuple(seen)


def split_equally(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` shares to the fen; the odd fen go to the first shares."""
    if parts <= 0:
        return []
    fen = int((amount * 100).to_integral_value(rounding=ROUND_DOWN))
    base, extra = divmod(fen, parts)
    return [(Decimal(base + (1 if k < extra else 0)) / 100).quantize(CENT)
            for k in range(parts)]


def _case_amount(c: Closing, rates: SubsidyRates) -> tuple[SubsidyRule | None, Decimal,
                                                            Decimal, Decimal, str]:
    """(rule, rate, multiplier, amount, note) for one closed case."""
    rule = rates.rule_for(c.dispute_type, c.outcome, c.closed_on)
    rate = rule.amount if rule else Decimal("0")
    multiplier = rates.multiplier_of(rule) if rule and c.complex_reason else Decimal("1")
    if c.paid_before is not None:
        return rule, rate, multiplier, Decimal("0"), (
            f"已于{c.paid_before.year}年{c.paid_before.month}月办结计补，重新调解后不重复补贴")
    if c.outcome is SubsidyOutcome.FAILED and not c.mediated:
        return rule, rate, multiplier, Decimal("0"), "未开展调解（无调解记录），不予补贴"
    if rule is None:
        return None, rate, multiplier, Decimal("0"), "无适用的补贴标准"
    amount = (rate * multiplier).quantize(CENT, rounding=ROUND_HALF_UP)
    return rule, rate, multiplier, amount, ""


def compute_sheet(period: ReportPeriod, unit_name: str, closings: Iterable[Closing],
                  rates: SubsidyRates, *, today: date) -> SubsidySheet:
    """The sheet from the month's closings: each case once, split among its mediators."""
    by_mediator: dict[str, list[SubsidyItem]] = {}
    names: dict[str, str] = {}
    unassigned: list[SubsidyItem] = []
    for c in sorted(closings, key=lambda c: (c.closed_on, c.number)):
        rule, rate, multiplier, amount, note = _case_amount(c, rates)
        people = c.mediators
        if not people:  # nobody to pay: listed for the director, with nothing paid
            amount, note = Decimal("0"), "未指派调解员，无人领取"
        shares = split_equally(amount, len(people)) if people else [amount]
        if len(people) > 1 and amount > 0:
            note = note or f"{len(people)}名调解员平分"
        for k, share in enumerate(shares):
            item = SubsidyItem(
                case_id=c.case_id, number=c.number, dispute_type=c.dispute_type,
                outcome=c.outcome, closed_on=c.closed_on, complex=bool(c.complex_reason),
                complex_reason=c.complex_reason, rule=rule, rate=rate, multiplier=multiplier,
                case_amount=amount, share=share, sharers=max(len(people), 1), note=note)
            if not people:
                unassigned.append(item)
                continue
            mid, name = people[k]
            names[mid] = name
            by_mediator.setdefault(mid, []).append(item)
    lines = tuple(SubsidyLine(mid, names[mid], tuple(items))
                  for mid, items in sorted(by_mediator.items(),
                                           key=lambda kv: (names[kv[0]], kv[0])))
    notes = (
        "计数规则：调解协议生效日期在本月的为调解成功，终止调解日期在本月的为调解不成，"
        "每案计一次（与人民调解工作月报的“调解成功数”“终止调解”同一口径）。",
        "疑难复杂案件按标准乘以倍数；调解不成的案件须有调解记录；"
        "多名调解员共同调解的案件平均分配，不能整除的分给主办调解员。",
    )
    return SubsidySheet(period, unit_name, lines, tuple(unassigned), rates, today, notes)
