"""Statistics: report periods, the measures, and the report every output renders.

The counting rule (REFERENCE §5.2, docs/statistics.md): a measure counts **events in the
period**, not current statuses. A case counts as 受理 in the period of its acceptance date,
as 调解成功 in the period its agreement took effect, as 司法确认 applied / confirmed in the
period of that event, as 移送立案 in the period of the hand-over, whatever has happened to it
since. A case is counted once per measure per period, and every figure carries the ids of
exactly the cases it counts, so every number drills down to its list.

This module is plain data: :mod:`mediation_desk.reports.measures` computes a
:class:`Report` from the facts :mod:`mediation_desk.storage.statistics_queries` reads; the
PDF, XLSX, JSON and the 统计 page all render the same :class:`Report`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from .validators import InvalidValue


class PeriodKind(StrEnum):
    MONTH = "monthly"
    QUARTER = "quarterly"
    YEAR = "yearly"
    RANGE = "range"

    @property
    def report_title(self) -> str:
        """What a report over such a period is called (月报 / 季度通报 / 年度报告)."""
        return {"monthly": "人民调解工作月报", "quarterly": "人民调解工作季度通报",
                "yearly": "人民调解工作年度报告", "range": "人民调解工作统计报告"}[self.value]


_QUARTER_NAMES = "一二三四"


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def _add_months(d: date, months: int) -> date:
    """The first of the month ``months`` after ``d``'s month."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class ReportPeriod:
    """A report period: both ends inclusive."""

    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue("统计期间的结束日期不能早于开始日期")

    # --- construction -------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> ReportPeriod:
        return cls(PeriodKind.MONTH, date(year, month, 1), _month_end(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> ReportPeriod:
        first = 3 * (quarter - 1) + 1
        return cls(PeriodKind.QUARTER, date(year, first, 1), _month_end(year, first + 2))

    @classmethod
    def year(cls, year: int) -> ReportPeriod:
        return cls(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def range(cls, start: date, end: date) -> ReportPeriod:
        return cls(PeriodKind.RANGE, start, end)

    @classmethod
    def parse(cls, kind: PeriodKind | str, text: str) -> ReportPeriod:
        """``2026-11`` (monthly), ``2026Q4`` (quarterly), ``2026`` (yearly).

        Raises InvalidValue with a Chinese message naming the expected form.
        """
        kind = PeriodKind(kind)
        text = text.strip()
        if kind is PeriodKind.MONTH:
            m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
            if m and 1 <= int(m[2]) <= 12:
                return cls.month(int(m[1]), int(m[2]))
            raise InvalidValue(f"月份应写作“2026-11”：{text}")
        if kind is PeriodKind.QUARTER:
            m = re.fullmatch(r"(\d{4})[Qq]([1-4])", text)
            if m:
                return cls.quarter(int(m[1]), int(m[2]))
            raise InvalidValue(f"季度应写作“2026Q4”：{text}")
        if kind is PeriodKind.YEAR:
            if re.fullmatch(r"\d{4}", text):
                return cls.year(int(text))
            raise InvalidValue(f"年份应写作“2026”：{text}")
        raise InvalidValue("自定义期间请给出开始和结束日期")

    @classmethod
    def containing(cls, kind: PeriodKind, day: date) -> ReportPeriod:
        """The month, quarter or year that contains ``day``."""
        if kind is PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind is PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind is PeriodKind.YEAR:
            return cls.year(day.year)
        return cls.range(day, day)

    # --- naming -------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """The form the command line takes: 2026-11, 2026Q4, 2026, or start..end."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        """2026年11月 / 2026年第四季度 / 2026年度 / 2026年11月3日至2026年12月1日."""
        s = self.start
        if self.kind is PeriodKind.MONTH:
            return f"{s.year}年{s.month}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{s.year}年第{_QUARTER_NAMES[(s.month - 1) // 3]}季度"
        if self.kind is PeriodKind.YEAR:
            return f"{s.year}年度"
        e = self.end
        return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    # --- comparison periods -------------------------------------------------------------
    def previous(self) -> ReportPeriod:
        """环比: the month, quarter or year before; a range: as many days just before."""
        if self.kind is PeriodKind.MONTH:
            p = _add_months(self.start, -1)
            return ReportPeriod.month(p.year, p.month)
        if self.kind is PeriodKind.QUARTER:
            p = _add_months(self.start, -3)
            return ReportPeriod.quarter(p.year, (p.month - 1) // 3 + 1)
        if self.kind is PeriodKind.YEAR:
            return ReportPeriod.year(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return ReportPeriod.range(end - timedelta(days=self.days - 1), end)

    def year_before(self) -> ReportPeriod:
        """同比: the same period one year earlier (29 February becomes the 28th)."""
        def back(d: date) -> date:
            try:
                return d.replace(year=d.year - 1)
            except ValueError:  # 29 February
                return d.replace(year=d.year - 1, day=28)
        if self.kind is PeriodKind.MONTH:
            return ReportPeriod.month(self.start.year - 1, self.start.month)
        if self.kind is PeriodKind.QUARTER:
            return ReportPeriod.quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.kind is PeriodKind.YEAR:
            return ReportPeriod.year(self.start.year - 1)
        return ReportPeriod.range(back(self.start), back(self.end))

    def months_to(self, count: int = 12) -> tuple[ReportPeriod, ...]:
        """The ``count`` calendar months ending with the month of ``end`` (for the trend line)."""
        first = _add_months(self.end.replace(day=1), -(count - 1))
        return tuple(ReportPeriod.month(d.year, d.month)
                     for d in (_add_months(first, k) for k in range(count)))


class Unit(StrEnum):
    CASES = "件"
    PERSONS = "人"
    PERCENT = "%"
    TEN_THOUSAND_YUAN = "万元"
    DAYS = "日"
    SCORE = "分"


@dataclass(frozen=True)
class Measure:
    """What a figure means: its key, Chinese label, unit and how it is counted."""

    key: str
    label: str
    unit: Unit
    rule: str  # the counting rule, printed in the report's notes


MEASURES: dict[str, Measure] = {m.key: m for m in (
    Measure("received", "收案数", Unit.CASES, "收案日期在本期内的案件"),
    Measure("accepted", "受理纠纷数", Unit.CASES, "受理日期在本期内的案件"),
    Measure("succeeded", "调解成功数", Unit.CASES,
            "调解协议（书面或口头，含部分达成）生效日期在本期内的案件；口头协议补写为书面协议不重复计算"),
    Measure("partial", "其中：部分达成", Unit.CASES, "本期调解成功的案件中协议为部分达成的"),
    Measure("success_rate", "调解成功率", Unit.PERCENT,
            "调解成功率 = 调解成功数 ÷ 受理纠纷数 × 100%（两数均按本期计，本期成功的可含以前受理的"
            "案件，故可超过100%）"),
    Measure("amount", "协议涉及金额", Unit.TEN_THOUSAND_YUAN, "本期调解成功案件的协议金额之和"),
    Measure("jc_applied", "申请司法确认", Unit.CASES,
            "申请日期在本期内的案件（撤回后再次申请同期只计一次）"),
    Measure("jc_confirmed", "司法确认有效", Unit.CASES, "法院在本期内裁定确认有效的案件"),
    Measure("jc_rejected", "司法确认驳回", Unit.CASES, "法院在本期内裁定驳回申请的案件"),
    Measure("jc_withdrawn", "司法确认撤回", Unit.CASES, "本期内撤回司法确认申请的案件"),
    Measure("handed_over", "移送立案（转立案）", Unit.CASES, "本期内调解不成移送法院立案的案件"),
    Measure("filed", "法院已立案", Unit.CASES, "本期内登记法院立案案号的案件"),
    Measure("returned_to_trial", "退回审判", Unit.CASES, "本期内退回法院审判的委托调解案件"),
    Measure("to_court", "进入诉讼", Unit.CASES,
            "本期内移送立案、转诉讼或调解不成退回审判的案件"),
    Measure("repeat", "重复纠纷", Unit.CASES,
            "本期受理、且同一当事人在此前12个月内另有案件的案件"),
    Measure("not_accepted", "不予受理", Unit.CASES, "本期内决定不予受理的案件"),
    Measure("terminated", "终止调解", Unit.CASES, "本期内终止调解的案件（按终止原因分列）"),
    Measure("due", "期限届满", Unit.CASES,
            "调解期限（含经各方同意的延长）在本期内届满且已过期的案件"),
    Measure("overdue", "超期", Unit.CASES,
            "期限届满时仍未办结（未达成协议或终止），且未经各方同意延长的案件"),
    Measure("overdue_rate", "超期率", Unit.PERCENT, "超期率 = 超期数 ÷ 期限届满案件数 × 100%"),
    Measure("closed", "办结", Unit.CASES, "本期内达成协议或终止调解的已受理案件"),
    Measure("avg_days", "平均办理天数", Unit.DAYS, "本期办结案件自受理至办结的天数的平均数"),
    Measure("median_days", "办理天数中位数", Unit.DAYS, "本期办结案件自受理至办结的天数的中位数"),
    Measure("follow_ups", "回访", Unit.CASES, "本期内回访过的案件（同一案件多次回访只计一次）"),
    Measure("satisfaction", "平均满意度", Unit.SCORE,
            "本期回访案件最后一次回访满意度（1—5分）的平均数"),
    Measure("prevented_criminal", "防止民转刑", Unit.CASES,
            "本期调解成功且标记为“防止民间纠纷转化为刑事案件”的案件"),
    Measure("prevented_criminal_persons", "防止民转刑涉及人数", Unit.PERSONS,
            "上述案件的当事人人数"),
    Measure("prevented_mass", "防止群体性事件", Unit.CASES,
            "本期调解成功且标记为“防止群体性上访（事件）”的案件"),
    Measure("prevented_mass_persons", "防止群体性事件涉及人数", Unit.PERSONS,
            "上述案件的当事人人数"),
)}

HEADLINE = ("received", "accepted", "succeeded", "partial", "success_rate", "amount",
            "jc_applied", "jc_confirmed", "jc_rejected", "jc_withdrawn", "handed_over", "filed",
            "returned_to_trial", "not_accepted", "terminated", "due", "overdue", "overdue_rate",
            "closed", "avg_days", "median_days", "follow_ups", "satisfaction",
            "prevented_criminal", "prevented_criminal_persons", "prevented_mass",
            "prevented_mass_persons")
"""The report's first table, in this order."""

SMALL_CELL = 3
"""A published report shows a count below this (and above 0) as ``<3``."""

Number = int | Decimal


@dataclass(frozen=True)
class Figure:
    """One number of a report and the cases behind it.

    ``value`` is None when it cannot be computed (a rate over zero cases). For a count,
    ``case_ids`` are the cases counted; for a rate, the numerator's cases; for an average,
    the cases averaged; for an amount, the cases whose amounts are summed. In a published
    report a small count is ``suppressed`` (shown as ``<3``) and its ``case_ids`` are empty.
    """

    key: str
    value: Number | None
    case_ids: tuple[str, ...] = ()
    previous: Number | None = None  # 环比 (the period before)
    year_before: Number | None = None  # 同比 (the same period a year earlier)
    suppressed: bool = False

    @property
    def measure(self) -> Measure:
        return MEASURES[self.key]

    @property
    def label(self) -> str:
        return MEASURES[self.key].label

    @property
    def unit(self) -> Unit:
        return MEASURES[self.key].unit

    def text(self) -> str:
        """The value as printed: ``<3``, ``—`` (not computable), ``96.9``, ``12.35``, ``842``."""
        if self.suppressed:
            return f"<{SMALL_CELL}"
        return format_value(self.value, self.unit)

    @staticmethod
    def change(now: Number | None, before: Number | None) -> Decimal | None:
        """Percentage change from ``before`` to ``now`` (None when ``before`` is 0 or None)."""
        if now is None or before is None or before == 0:
            return None
        return ((Decimal(now) - Decimal(before)) / Decimal(before) * 100).quantize(Decimal("0.1"))

    @property
    def previous_change(self) -> Decimal | None:
        return None if self.suppressed else self.change(self.value, self.previous)

    @property
    def year_change(self) -> Decimal | None:
        return None if self.suppressed else self.change(self.value, self.year_before)


def format_value(value: Number | None, unit: Unit) -> str:
    """A figure's value as printed (rates one decimal, 万元 two, days one, counts whole)."""
    if value is None:
        return "—"
    if unit is Unit.PERCENT or unit is Unit.DAYS or unit is Unit.SCORE:
        return f"{Decimal(value):.1f}"
    if unit is Unit.TEN_THOUSAND_YUAN:
        return f"{Decimal(value):.2f}"
    return str(int(value))


@dataclass(frozen=True)
class Row:
    """One row of a table: a dimension value (a dispute type, a mediator, a center...)."""

    key: str  # the dimension value's id ('' = not recorded)
    label: str
    cells: dict[str, Figure]  # column key -> figure
    rank: int | None = None  # in a ranked table (court roll-up, assessment)


@dataclass(frozen=True)
class Table:
    """A table of the report: rows by one dimension, columns are measures.

    ``share`` columns (key ``share``) are a row's 受理 as a percentage of the total's.
    ``total`` is the column totals (a case with two mediators counts for each of them, so
    the mediator table's rows may add up to more than its total, which counts cases).
    """

    key: str  # by_type, by_source, by_mediator, by_village, by_center, by_end_reason, ...
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    note: str = ""


SHARE = Measure("share", "占比", Unit.PERCENT, "本行受理数 ÷ 合计受理数 × 100%")
MEASURES[SHARE.key] = SHARE


@dataclass(frozen=True)
class MonthPoint:
    """One month of the 12-month trend: 受理, 调解成功 and the rate."""

    period: ReportPeriod
    accepted: Figure
    succeeded: Figure
    success_rate: Figure


@dataclass(frozen=True)
class Report:
    """A statistics report: headline figures, tables by dimension, the 12-month trend."""

    period: ReportPeriod
    unit_name: str  # 填报单位
    figures: dict[str, Figure]  # by measure key, in HEADLINE order
    tables: tuple[Table, ...]
    trend: tuple[MonthPoint, ...]
    generated_on: date
    court_desk: bool = False  # the court's roll-up across centers
    public: bool = False  # 对外发布: small cells suppressed, no case ids
    center_id: str | None = None  # limited to one center (court desk drill-down)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        return self.period.kind.report_title

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)

    def figure(self, key: str) -> Figure:
        return self.figures[key]


def _suppress(f: Figure) -> Figure:
    """Hide a small count: 1 or 2 cases (a rate or an average of them is hidden too)."""
    return replace(f, suppressed=True, case_ids=())


def _is_small(f: Figure) -> bool:
    return (f.unit in (Unit.CASES, Unit.PERSONS) and isinstance(f.value, int)
            and 0 < f.value < SMALL_CELL)


_DERIVED = {  # a figure computed from the cases another counts: hidden with it
    "accepted": ("share", "success_rate"), "succeeded": ("amount", "success_rate", "partial"),
    "overdue": ("overdue_rate",), "due": ("overdue_rate",),
    "closed": ("avg_days", "median_days"), "follow_ups": ("satisfaction",),
    "prevented_criminal": ("prevented_criminal_persons",),
    "prevented_mass": ("prevented_mass_persons",),
}


def _hidden(cells: dict[str, Figure], extra: set[str]) -> set[str]:
    small = {k for k, f in cells.items() if _is_small(f)} | extra
    for k in list(small):
        small.update(_DERIVED.get(k, ()))
    return small & cells.keys()


def _numeric(f: Figure) -> Decimal | None:
    if f.suppressed or f.value is None or f.value == 0:
        return None
    return Decimal(f.value)


def published(report: Report) -> Report:
    """The report for publication (对外发布): no case ids, small cells shown as ``<3``.

    A count of 1 or 2 is suppressed, and so is every figure computed from the same small
    set of cases in the same row (its rate, amount, average). In each table column with
    exactly one suppressed row, the row with the next smallest non-zero value is suppressed
    there too (with what is computed from it), so no hidden cell can be recovered by
    subtracting the others from the total or the shares from 100 %; repeated until no
    column has a single hidden cell. The trend's small monthly counts are hidden the same way.
    """
    def row_out(row: Row, extra: set[str] | None = None) -> Row:
        hide = _hidden(row.cells, extra or set())
        return replace(row, cells={k: _suppress(f) if k in hide else replace(f, case_ids=())
                                   for k, f in row.cells.items()})

    def table_out(t: Table) -> Table:
        extras: list[set[str]] = [set() for _ in t.rows]
        rows = [row_out(r) for r in t.rows]
        for _round in range(len(t.columns) * max(1, len(rows))):
            changed = False
            for col in t.columns:
                hidden = [r for r in rows if col in r.cells and r.cells[col].suppressed]
                if len(hidden) != 1:
                    continue
                candidates = [(v, i) for i, r in enumerate(rows) if col in r.cells
                              and (v := _numeric(r.cells[col])) is not None]
                if candidates:
                    _v, i = min(candidates)
                    extras[i].add(col)
                    rows[i] = row_out(t.rows[i], extras[i])
                    changed = True
            if not changed:
                break
        total = row_out(t.total) if t.total else None
        return replace(t, rows=tuple(rows), total=total)

    def point_out(p: MonthPoint) -> MonthPoint:
        cells = row_out(Row("", "", {"accepted": p.accepted, "succeeded": p.succeeded,
                                     "success_rate": p.success_rate})).cells
        return replace(p, accepted=cells["accepted"], succeeded=cells["succeeded"],
                       success_rate=cells["success_rate"])

    # the 环比/同比 values stay: reports/comparisons.py hides them by the same rule
    figures = row_out(Row("", "", report.figures)).cells
    return replace(report, figures=figures, tables=tuple(table_out(t) for t in report.tables),
                   trend=tuple(point_out(p) for p in report.trend), public=True)


# --- the facts a report is computed from (read by storage/statistics_queries.py) ------------

class CaseInfo(NamedTuple):
    """What the tables need to know of a counted case."""

    id: str
    center_id: str
    dispute_type: str
    source: str
    accepted_on: date | None
    flags: frozenset[str]
    mediator_ids: tuple[str, ...]


class Success(NamedTuple):
    """An agreement taking effect (调解成功); a written-down oral agreement is not another."""

    case_id: str
    on: date
    amount_fen: int | None  # the amount of the agreement in force (the written copy if any)
    partial: bool


class Transition(NamedTuple):
    """A status change that a measure counts, on its business date."""

    case_id: str
    on: date
    action: str  # apply_jc, jc_confirm, jc_reject, jc_withdraw, hand_over, record_filing, ...
    reason: str = ""  # terminate: the end reason
    outcome: str = ""  # return_to_trial: '' after a failed mediation, else the court's outcome


class FollowUp(NamedTuple):
    case_id: str
    on: date
    satisfaction: int


class Deadline(NamedTuple):
    """A mediation deadline (due date after consented extensions and suspensions)."""

    case_id: str
    due_on: date
    closed_on: date | None
    suspended: bool  # the clock is stopped now (suspended on or before the due date)


@dataclass
class StatFacts:
    """Everything counted over a window of dates, and the names the tables print."""

    start: date
    end: date
    # trend-only facts (acceptances and successes, no cases) of one center, or of all: None
    trend_of: str | None = None
    trend_only: bool = False
    received: list[tuple[str, date]] = field(default_factory=list)
    accepted: list[tuple[str, date]] = field(default_factory=list)
    successes: list[Success] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    cases: dict[str, CaseInfo] = field(default_factory=dict)
    # live parties of the cases flagged 防止民转刑 / 防止群体性事件 (their 涉及人数)
    persons: dict[str, int] = field(default_factory=dict)
    mediators: dict[str, str] = field(default_factory=dict)  # id -> name
    centers: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (code, name)
