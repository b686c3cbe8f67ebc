"""Statistics: the report of a period for this desk (docs/statistics.md).

A center desk reports its own cases; the court liaison desk reports every center it
imported (the roll-up: a row per center, ranked, and the 诉源治理 table). Every output — the
统计 page, the PDF, the XLSX, ``report --format json``, ``court-summary`` — is rendered from
the one :class:`~mediation_desk.domain.statistics.Report` computed here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain.enums import CenterKind
from ..domain.queries import CaseFilter
from ..domain.statistics import Figure, Report, ReportPeriod, published
from ..reports.measures import compute_report, windows
from ..storage.store import Store
from .access import desk_kind, require
from .villages import VillageService


class StatisticsService:
    """Reports of this desk's cases, by the counting rule of REFERENCE §5.2."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def court_desk(self) -> bool:
        """Whether this is a court liaison desk (its report is the roll-up of centers)."""
        if desk_kind(self.store) == CenterKind.COURT.value:
            return True
        me = self.store.directory.self_center()
        return me is not None and me.kind is CenterKind.COURT

    def unit_name(self) -> str:
        """填报单位: this desk's name."""
        me = self.store.directory.self_center()
        return me.name if me is not None else ""

    def report(self, period: ReportPeriod, *, public: bool = False,
               center_id: str | None = None, today: date | None = None) -> Report:
        """The report of ``period`` (``public``: for publication, small cells suppressed).

        Read in one snapshot: every figure and table sees the same committed state.
        """
        today = today or self.store.today()
        with self.store.snapshot():
            # only the period's own cases are split by mediator (按调解员): the windows
            # read for 环比 / 同比 skip the mediators
            facts = [self.store.statistics.facts(start, end, trend_only=trend,
                                                 center_id=center_id if trend else None,
                                                 with_mediators=n == 0)
                     for n, (start, end, trend) in enumerate(windows(period))]
            villages, wusong = VillageService(self.store).tables(
                period, center_id=center_id, public=public)
        report = compute_report(facts[0], period, unit_name=self.unit_name(), today=today,
                                court_desk=self.court_desk(), center_id=center_id,
                                more=tuple(facts[1:]))
        if public:
            report = published(report)
        # the village tables are published by their own rule (the candidates hide the cells
        # the village table hides), so they join the report after it is published
        return replace(report, tables=(*report.tables, villages, wusong))

    def for_file(self, period: ReportPeriod, *, public: bool = False,
                 center_id: str | None = None, assessment: bool = False) -> Report:
        """The report to write to a file (PDF, XLSX, JSON): checked against the account.

        A report holds counts and case numbers, never a name or an ID number; any account
        may print the desk's report, a mediator's assessment (考评) only a director.
        """
        require(self.store, "write_assessment" if assessment else "write_report")
        return self.report(period, public=public, center_id=center_id)

    @staticmethod
    def drill_down(report: Report, figure: Figure, what: str = "") -> CaseFilter:
        """The case-list filter showing exactly the cases ``figure`` counts."""
        caption = f"{report.period.label} {what or figure.label}"
        return CaseFilter(case_ids=figure.case_ids, caption=caption)
