"""上期 and 去年同期 as a published report may show them.

:func:`~mediation_desk.domain.statistics.published` hides a count of 1 or 2 of the period
(and what is computed from the same few cases), but a headline figure's comparison values
(``previous``, ``year_before``) are counts of another period, just as identifying: the two
cases of last month name a family as well as this month's. And a % change gives a hidden
value back (3 now and +200% means 1 before). So in a published report each comparison
period's values are hidden by the very rule of :func:`published` (the comparison figures run
through it as if they were a report of their own), shown as ``<3``, and a hidden value's %
change is not shown. The internal report shows everything. The XLSX and the JSON ask here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..domain.statistics import Figure, Number, Report, published

WHICH = ("previous", "year_before")
"""环比 (the period before) and 同比 (the same period a year earlier)."""


@dataclass(frozen=True)
class Comparison:
    """One comparison of a figure as printed: its value (None: hidden or not known),
    whether it is hidden (``<3``), and the % change (None: not computable or hidden)."""

    value: Number | None
    hidden: bool
    change: Decimal | None


def hidden_comparisons(report: Report) -> dict[str, frozenset[str]]:
    """For ``previous`` and ``year_before``: the headline keys whose value a published
    report hides (none for an internal report)."""
    if not report.public:
        return {w: frozenset() for w in WHICH}
    out = {}
    for which in WHICH:
        then = {k: Figure(k, getattr(f, which)) for k, f in report.figures.items()}
        shown = published(replace(report, figures=then, tables=(), trend=(), public=False))
        out[which] = frozenset(k for k, f in shown.figures.items() if f.suppressed)
    return out


def comparison(fig: Figure, which: str, hidden: dict[str, frozenset[str]]) -> Comparison:
    """The ``which`` comparison of ``fig`` (``hidden`` from :func:`hidden_comparisons`)."""
    value = fig.previous if which == "previous" else fig.year_before
    change = fig.previous_change if which == "previous" else fig.year_change
    if fig.key in hidden.get(which, frozenset()):
        return Comparison(None, True, None)
    return Comparison(value, False, change)
