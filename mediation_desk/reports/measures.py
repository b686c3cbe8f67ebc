"""Compute a :class:`~mediation_desk.domain.statistics.Report` from the facts of a window.

One module computes every figure for every output (the 统计 page, PDF, XLSX, JSON, the
court roll-up, the mediator assessment). The counting rule is in
:mod:`mediation_desk.domain.statistics` and docs/statistics.md: events in the period, each
case once per measure per period, every figure with the ids of the cases it counts.
"""

from __future__ import annotations

import statistics as pystats
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from ..domain.enums import CaseFlag, CaseSource, DisputeType, EndReason
from ..domain.statistics import (
    HEADLINE,
    SHARE,
    Deadline,
    Figure,
    FollowUp,
    MonthPoint,
    Number,
    Report,
    ReportPeriod,
    Row,
    StatFacts,
    Success,
    Table,
    Transition,
)

T = TypeVar("T")

ONE = Decimal("0.1")
TO_COURT_ACTIONS = ("hand_over", "litigate")


@dataclass
class PeriodSets:
    """The cases each measure counts in one period, and the values averaged or summed."""

    sets: dict[str, set[str]] = field(default_factory=dict)
    amount: dict[str, int] = field(default_factory=dict)  # succeeded case -> fen
    days: dict[str, int] = field(default_factory=dict)  # closed case -> days to close
    score: dict[str, int] = field(default_factory=dict)  # followed-up case -> last score
    end_reason: dict[str, str] = field(default_factory=dict)  # terminated case -> reason

    def of(self, key: str) -> set[str]:
        return self.sets.get(key, set())


def period_sets(facts: StatFacts, period: ReportPeriod, today: date) -> PeriodSets:
    """What each measure counts in ``period`` (which must lie inside the facts' window)."""
    if period.start < facts.start or period.end > facts.end:
        raise ValueError(f"{period.code} is outside the facts' window")
    out = PeriodSets()
    sets = out.sets

    def add(key: str, case_id: str) -> None:
        sets.setdefault(key, set()).add(case_id)

    lo, hi = period.start, period.end

    def part(items: list[T], key: Callable[[T], date]) -> list[T]:
        return items[bisect_left(items, lo, key=key):bisect_right(items, hi, key=key)]

    sets["received"] = {cid for cid, _on in part(facts.received, _second)}
    sets["accepted"] = {cid for cid, _on in part(facts.accepted, _second)}
    closing: dict[str, date] = {}  # the earliest closing in the period
    for s in part(facts.successes, _on):
        add("succeeded", s.case_id)
        if s.partial:
            add("partial", s.case_id)
        # two agreements of one case in one period (after a rejected confirmation): the later
        out.amount[s.case_id] = s.amount_fen or 0
        if s.case_id not in closing or s.on < closing[s.case_id]:
            closing[s.case_id] = s.on
    actions = {"apply_jc": "jc_applied", "jc_confirm": "jc_confirmed",
               "jc_reject": "jc_rejected", "jc_withdraw": "jc_withdrawn",
               "hand_over": "handed_over", "record_filing": "filed",
               "return_to_trial": "returned_to_trial", "not_accept": "not_accepted",
               "terminate": "terminated"}
    for t in part(facts.transitions, _on):
        if t.action in actions:
            add(actions[t.action], t.case_id)
        if t.action in TO_COURT_ACTIONS or (t.action == "return_to_trial" and not t.outcome):
            add("to_court", t.case_id)
        if t.action == "terminate":
            out.end_reason[t.case_id] = t.reason
            if t.case_id not in closing or t.on < closing[t.case_id]:
                closing[t.case_id] = t.on
    for cid, closed in closing.items():
        info = facts.cases.get(cid)
        if info is not None and info.accepted_on is not None and info.accepted_on <= closed:
            add("closed", cid)
            out.days[cid] = (closed - info.accepted_on).days
    last_visit: dict[str, date] = {}
    for f in part(facts.follow_ups, _on):
        if f.case_id not in last_visit or f.on >= last_visit[f.case_id]:
            last_visit[f.case_id] = f.on
            out.score[f.case_id] = f.satisfaction
            add("follow_ups", f.case_id)
    for d in part(facts.deadlines, _due):
        if d.due_on >= today or d.suspended:
            continue
        add("due", d.case_id)
        if d.closed_on is None or d.closed_on > d.due_on:
            add("overdue", d.case_id)
    criminal, mass = CaseFlag.PREVENTED_CRIMINAL.value, CaseFlag.PREVENTED_MASS.value
    cases = facts.cases
    for cid in out.of("succeeded"):
        info = cases.get(cid)
        if info is None or not info.flags:
            continue
        if criminal in info.flags:
            add("prevented_criminal", cid)
        if mass in info.flags:
            add("prevented_mass", cid)
    return out


def _second(x: tuple[str, date]) -> date:
    return x[1]


def _on(x: Success | Transition | FollowUp) -> date:
    return x.on


def _due(x: Deadline) -> date:
    return x.due_on


def _rate(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE, rounding=ROUND_HALF_UP)


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(ONE, rounding=ROUND_HALF_UP)


class Figures:
    """Builds figures of one period over a subset of cases (a row of a table, or all)."""

    def __init__(self, facts: StatFacts, sets: PeriodSets) -> None:
        self.facts = facts
        self.sets = sets
        self._counted: set[str] | None = None
        self._sorted: dict[frozenset[str], tuple[str, ...]] = {}

    def counted(self) -> set[str]:
        """Every case some measure counts in the period (the rows of a table are of these)."""
        if self._counted is None:
            self._counted = set().union(*self.sets.sets.values()) & self.facts.cases.keys()
        return self._counted

    def ids(self, cases: Iterable[str]) -> tuple[str, ...]:
        """Case ids, sorted (the same report gives the same lists). Many figures count the
        same cases (a total and the headline, a rate and its count): each set sorted once."""
        key = frozenset(cases)
        if key not in self._sorted:
            self._sorted[key] = tuple(sorted(key))
        return self._sorted[key]

    def value(self, key: str, within: set[str] | None = None) -> tuple[Number | None, set[str]]:
        """A measure's value and its cases over ``within`` (None: every case)."""
        s = self.sets

        def pick(name: str) -> set[str]:
            base = s.of(name)
            return base if within is None else base & within

        if key == "success_rate":
            succeeded, accepted = pick("succeeded"), pick("accepted")
            return _rate(len(succeeded), len(accepted)), succeeded
        if key == "overdue_rate":
            overdue, due = pick("overdue"), pick("due")
            return _rate(len(overdue), len(due)), overdue
        if key == "amount":
            cases = pick("succeeded")
            fen = sum(s.amount.get(c, 0) for c in cases)
            value = (Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return value, {c for c in cases if s.amount.get(c)}
        if key in ("avg_days", "median_days"):
            cases = pick("closed")
            days = sorted(s.days[c] for c in cases)
            if key == "avg_days":
                return _mean(days), cases
            median = None if not days else Decimal(str(pystats.median(days))).quantize(ONE)
            return median, cases
        if key == "satisfaction":
            cases = pick("follow_ups")
            return _mean([s.score[c] for c in cases if s.score.get(c)]), cases
        if key.endswith("_persons"):
            cases = pick(key.removesuffix("_persons"))
            return sum(self.facts.persons.get(c, 0) for c in cases), cases
        cases = pick(key)
        return len(cases), cases

    def figure(self, key: str, within: set[str] | None = None) -> Figure:
        value, cases = self.value(key, within)
        return Figure(key, value, self.ids(cases))


def _with_comparison(now: Figures, before: Figures, year: Figures, key: str) -> Figure:
    f = now.figure(key)
    return Figure(f.key, f.value, f.case_ids, previous=before.value(key)[0],
                  year_before=year.value(key)[0])


# --- tables --------------------------------------------------------------------------------

DIMENSION_COLUMNS = ("accepted", "share", "succeeded", "success_rate", "amount", "overdue")
MEDIATOR_COLUMNS = ("accepted", "succeeded", "success_rate", "closed", "avg_days", "overdue",
                    "satisfaction", "jc_confirmed")
CENTER_COLUMNS = ("accepted", "succeeded", "success_rate", "overdue", "overdue_rate",
                  "jc_confirmed", "handed_over")
OVERDUE_COLUMNS = ("due", "overdue", "overdue_rate")
SOURCE_COLUMNS = ("received", "accepted", "not_accepted", "succeeded", "success_rate",
                  "overdue", "handed_over")


def _row(fig: Figures, key: str, label: str, columns: tuple[str, ...], within: set[str],
         total_accepted: int) -> Row:
    cells: dict[str, Figure] = {}
    for col in columns:
        if col == SHARE.key:
            accepted = fig.sets.of("accepted") & within
            cells[col] = Figure(col, _rate(len(accepted), total_accepted), fig.ids(accepted))
        else:
            cells[col] = fig.figure(col, within)
    return Row(key, label, cells)


def _table(fig: Figures, key: str, title: str, columns: tuple[str, ...],
           group_of: Callable[[str], Iterable[str]], labels: dict[str, str], *,
           order: list[str] | None = None, within: set[str] | None = None,
           note: str = "", keep_empty: bool = False) -> Table:
    """Rows by the groups ``group_of`` puts each case in (a case may be in several)."""
    counted = fig.counted()
    everyone = counted if within is None else counted & within
    groups: dict[str, set[str]] = {}
    for cid in everyone:
        for g in group_of(cid):
            groups.setdefault(g, set()).add(cid)
    total_accepted = len(fig.sets.of("accepted") & everyone)
    keys = order if order is not None else sorted(groups, key=lambda g: labels.get(g, g))
    rows = []
    for g in keys:
        row = _row(fig, g, labels.get(g, g) or "未填写", columns, groups.get(g, set()),
                   total_accepted)
        if keep_empty or any(isinstance(f.value, int) and f.value for f in row.cells.values()):
            rows.append(row)
    total = _row(fig, "", "合计", columns, everyone, total_accepted)
    return Table(key, title, columns, tuple(rows), total, note)


def _ranked(table: Table) -> Table:
    """Rank rows by success rate (higher first), then by more cases accepted."""
    def sort_key(r: Row) -> tuple[Decimal, int, str]:
        rate = r.cells["success_rate"].value
        accepted = r.cells["accepted"].value
        return (-(Decimal(rate) if rate is not None else Decimal(-1)),
                -int(accepted or 0), r.label)
    rows = sorted(table.rows, key=sort_key)
    ranked = []
    for n, r in enumerate(rows, 1):
        ranked.append(Row(r.key, r.label, r.cells, rank=n))
    return Table(table.key, table.title, table.columns, tuple(ranked), table.total,
                 table.note)


def _ranked_by_overdue(table: Table) -> Table:
    """Rank rows by overdue rate (lower first, none due last), then by more cases due."""
    def sort_key(r: Row) -> tuple[int, Decimal, int, str]:
        rate = r.cells["overdue_rate"].value
        due = r.cells["due"].value
        return (rate is None, Decimal(rate) if rate is not None else Decimal(0),
                -int(due or 0), r.label)
    rows = [Row(r.key, r.label, r.cells, rank=n)
            for n, r in enumerate(sorted(table.rows, key=sort_key), 1)]
    return Table(table.key, table.title, table.columns, tuple(rows), table.total, table.note)


def _satisfaction_table(fig: Figures) -> Table:
    rows = []
    for score in (5, 4, 3, 2, 1):
        cases = {c for c in fig.sets.of("follow_ups") if fig.sets.score.get(c) == score}
        rows.append(Row(str(score), f"{score}分", {"follow_ups": Figure(
            "follow_ups", len(cases), fig.ids(cases))}))
    total = Row("", "合计", {"follow_ups": fig.figure("follow_ups")})
    return Table("satisfaction", "回访满意度分布", ("follow_ups",), tuple(rows), total,
                 "每件案件按本期最后一次回访的满意度计")


def _end_reason_table(fig: Figures) -> Table:
    rows = []
    for reason in EndReason:
        if reason is EndReason.AGREEMENT_REACHED:
            continue
        cases = {c for c in fig.sets.of("terminated") if fig.sets.end_reason.get(c) == reason}
        rows.append(Row(reason.value, reason.label, {"terminated": Figure(
            "terminated", len(cases), fig.ids(cases))}))
    total = Row("", "合计", {"terminated": fig.figure("terminated")})
    return Table("by_end_reason", "终止调解原因", ("terminated",), tuple(rows), total)


def compute_report(facts: StatFacts, period: ReportPeriod, *, unit_name: str, today: date,
                   court_desk: bool = False, center_id: str | None = None,
                   more: tuple[StatFacts, ...] = ()) -> Report:
    """The report of ``period``: its figures with 环比 and 同比, its tables, the 12-month trend.

    ``facts`` covers the period; ``more`` the other windows a report reads (:func:`windows`:
    the period before, the same period a year earlier, the trend's months, which may be
    trend-only facts) where ``facts`` does not. ``center_id`` limits every figure to that
    center's cases (the court desk looking at one center).
    """
    read = [facts, *more]
    if center_id is not None:  # trend-only facts are read for the center already
        read = [f if f.trend_only else only_center(f, center_id) for f in read]
    facts = read[0]
    computed: dict[tuple[date, date], Figures] = {}

    def figures_of(p: ReportPeriod) -> Figures:  # a yearly 环比 is its 同比: computed once
        key = (p.start, p.end)
        if key not in computed:
            src = next(f for f in read if f.start <= p.start and p.end <= f.end)
            computed[key] = Figures(src, period_sets(src, p, today))
        return computed[key]

    now, before, year = figures_of(period), figures_of(period.previous()), \
        figures_of(period.year_before())
    figures = {k: _with_comparison(now, before, year, k) for k in HEADLINE}
    info = facts.cases
    types = {t.value: t.label for t in DisputeType}
    sources = {s.value: s.label for s in CaseSource}
    tables = [
        _table(now, "by_type", "按纠纷类型", DIMENSION_COLUMNS,
               lambda c: (info[c].dispute_type,), types, order=list(types), keep_empty=True),
        _table(now, "by_source", "按案件来源", DIMENSION_COLUMNS,
               lambda c: (info[c].source,), sources, order=list(sources), keep_empty=True),
        _table(now, "by_mediator", "按调解员", MEDIATOR_COLUMNS,
               lambda c: info[c].mediator_ids, facts.mediators,
               note="一件案件有两名调解员的，分别计入每名调解员；合计按案件计"),
        _end_reason_table(now),
        _satisfaction_table(now),
    ]
    centers = {cid: name for cid, (_code, name) in facts.centers.items()}
    counted_centers = {info[c].center_id for c in now.counted()}
    if court_desk or len(counted_centers) > 1:
        by_center = _table(now, "by_center", "按调解组织", CENTER_COLUMNS,
                           lambda c: (info[c].center_id,), centers,
                           note="按调解成功率排名，成功率相同的受理多者在前")
        tables.append(_ranked(by_center))
        overdue = _table(now, "overdue_rank", "超期率排名（按调解组织）", OVERDUE_COLUMNS,
                         lambda c: (info[c].center_id,), centers,
                         note="按超期率由低到高排名，超期率相同的期限届满多者在前；"
                              "本期无期限届满案件的排在最后")
        tables.append(_ranked_by_overdue(overdue))
    if court_desk:
        court = CaseSource.COURT_DELEGATED.value
        delegated = {c for c, i in info.items() if i.source == court}
        tables.append(_table(now, "litigation_source", "诉源治理（法院委派诉前调解）",
                             SOURCE_COLUMNS, lambda c: (info[c].center_id,), centers,
                             within=delegated,
                             note="仅统计法院委派的诉前调解案件；调解成功即诉前化解"))
    trend = []
    for month in period.months_to(12):
        ms = figures_of(month)
        trend.append(MonthPoint(month, ms.figure("accepted"), ms.figure("succeeded"),
                                ms.figure("success_rate")))
    return Report(period=period, unit_name=unit_name, figures=figures, tables=tuple(tables),
                  trend=tuple(trend), generated_on=today, court_desk=court_desk,
                  center_id=center_id)


def windows(period: ReportPeriod) -> list[tuple[date, date, bool]]:
    """What a report of ``period`` reads: (start, end, trend_only) windows, the period first.

    The period before and the year before are read in full where the period does not cover
    them; the 12-month trend needs only acceptances and successes.
    """
    def covered(start: date, end: date) -> bool:
        return any(s <= start and end <= e for s, e, _t in out)

    out = [(period.start, period.end, False)]
    for p in (period.previous(), period.year_before()):
        if not covered(p.start, p.end):
            out.append((p.start, p.end, False))
    months = period.months_to(12)
    first, last = months[0].start, max(period.end, months[-1].end)  # a range may end mid-month
    if not covered(first, last):
        out.append((first, last, True))
    return out


def only_center(facts: StatFacts, center_id: str) -> StatFacts:
    """The facts of one center's cases."""
    keep = {c for c, i in facts.cases.items() if i.center_id == center_id}
    return StatFacts(
        start=facts.start, end=facts.end,
        received=[x for x in facts.received if x[0] in keep],
        accepted=[x for x in facts.accepted if x[0] in keep],
        successes=[x for x in facts.successes if x.case_id in keep],
        transitions=[x for x in facts.transitions if x.case_id in keep],
        follow_ups=[x for x in facts.follow_ups if x.case_id in keep],
        deadlines=[x for x in facts.deadlines if x.case_id in keep],
        cases={c: i for c, i in facts.cases.items() if c in keep},
        mediators=facts.mediators, centers=facts.centers)
