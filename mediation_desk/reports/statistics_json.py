"""A statistics report as JSON: every figure with its comparisons, rule and cases.

What ``report --format json`` writes: each headline figure with its value, 上期 and 去年同期
(and their % change), unit and counting rule, and the ids of exactly the cases it counts
beside their case numbers (for a person checking a figure by hand); every table with its
rows and cells, each cell with its case ids; the 12-month trend. A published report
(对外发布) carries no case ids or numbers at all; a small cell has ``value`` null and
``text`` ``"<3"``, a hidden comparison ``previous`` null and ``previous_text`` ``"<3"``
(:mod:`.comparisons`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..domain.statistics import (
    MEASURES,
    SMALL_CELL,
    Figure,
    Number,
    Report,
    ReportPeriod,
    Row,
    Table,
)
from .comparisons import comparison, hidden_comparisons

FORMAT = "mediation-desk-statistics"
VERSION = 1


def number(value: Number | None) -> int | float | None:
    """A value as JSON holds it: a count an integer, a rate or amount a decimal number."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    return int(value)


def period_json(period: ReportPeriod) -> dict[str, Any]:
    return {"kind": period.kind.value, "code": period.code, "label": period.label,
            "start": period.start.isoformat(), "end": period.end.isoformat()}


def figure_json(fig: Figure, report: Report, numbers: Mapping[str, str], *,
                full: bool = True, hidden: dict[str, frozenset[str]] | None = None,
                ) -> dict[str, Any]:
    """One figure; ``full`` adds what the headline shows (label, unit, rule, comparisons;
    ``hidden``: the comparisons a published report hides, :func:`hidden_comparisons`)."""
    out: dict[str, Any] = {"key": fig.key}
    if full:
        out |= {"label": fig.label, "unit": fig.unit.value, "rule": fig.measure.rule}
    out |= {"value": None if fig.suppressed else number(fig.value), "text": fig.text(),
            "suppressed": fig.suppressed}
    if full:
        for which, change in (("previous", "previous_change"), ("year_before", "year_change")):
            then = comparison(fig, which, hidden or {})
            out |= {which: number(then.value), change: number(then.change)}
            if then.hidden:
                out[f"{which}_text"] = f"<{SMALL_CELL}"
    if not report.public:
        out["case_ids"] = list(fig.case_ids)
        if full:  # a person checks a headline figure by its case numbers
            out["case_numbers"] = [numbers.get(i, "") for i in fig.case_ids]
    return out


def _row_json(row: Row, table: Table, report: Report,
              numbers: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"key": row.key, "label": row.label}
    if row.rank is not None:
        out["rank"] = row.rank
    out["cells"] = {c: figure_json(row.cells[c], report, numbers, full=False)
                    for c in table.columns if c in row.cells}
    return out


def table_json(table: Table, report: Report, numbers: Mapping[str, str]) -> dict[str, Any]:
    return {"key": table.key, "title": table.title, "note": table.note,
            "columns": [{"key": c, "label": MEASURES[c].label, "unit": MEASURES[c].unit.value}
                        for c in table.columns],
            "rows": [_row_json(r, table, report, numbers) for r in table.rows],
            "total": _row_json(table.total, table, report, numbers) if table.total else None}


def report_json(report: Report, numbers: Mapping[str, str] | None = None,
                *, prepared_by: str = "", reviewed_by: str = "") -> dict[str, Any]:
    """The report as a JSON-ready dict; ``numbers`` maps case ids to case numbers."""
    numbers = numbers or {}
    hidden = hidden_comparisons(report)
    return {
        "format": FORMAT, "version": VERSION, "title": report.title,
        "unit_name": report.unit_name, "period": period_json(report.period),
        "previous_period": period_json(report.period.previous()),
        "year_before_period": period_json(report.period.year_before()),
        "generated_on": report.generated_on.isoformat(), "court_desk": report.court_desk,
        "public": report.public, "center_id": report.center_id,
        "prepared_by": prepared_by, "reviewed_by": reviewed_by, "notes": list(report.notes),
        "figures": [figure_json(f, report, numbers, hidden=hidden)
                    for f in report.figures.values()],
        "tables": [table_json(t, report, numbers) for t in report.tables],
        "trend": [{"period": period_json(p.period),
                   "accepted": figure_json(p.accepted, report, numbers, full=False),
                   "succeeded": figure_json(p.succeeded, report, numbers, full=False),
                   "success_rate": figure_json(p.success_rate, report, numbers, full=False)}
                  for p in report.trend],
    }


def headline_case_ids(report: Report) -> list[str]:
    """The cases the headline figures count, each once (their numbers go in the JSON)."""
    return sorted({i for f in report.figures.values() for i in f.case_ids})
