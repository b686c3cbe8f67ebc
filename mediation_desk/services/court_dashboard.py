"""The court liaison desk's dashboard: per center, for a period, what the court follows.

* 委派 sent: this court's referrals referred in the period; 已受理 accepted: accepted
  in the period; 不予受理 refused: refused (closed) in the period; 超期未结 overdue: the
  referrals overdue **today** (a state, not an event: the period does not apply);
* 申请司法确认 / 司法确认 / 移送立案: the applications, confirmations and hand-overs for
  filing dated in the period, of every case this desk holds (events, so a case counts in
  the period of the event whatever its status now, docs/statistics.md).

Each figure carries the ids of exactly the cases it counts, so a click lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..storage.court_dashboard_queries import court_dashboard_of
from ..storage.store import Store
from .referrals import ReferralService, ReferralState

FIGURES = ("sent", "accepted", "refused", "overdue", "jc_applied", "jc_confirmed",
           "handed_over")
_ACTION_FIGURE = {"apply_jc": "jc_applied", "jc_confirm": "jc_confirmed",
                  "hand_over": "handed_over"}
PERIOD_FREE = ("overdue",)
"""Figures of today's state, whatever the period."""


@dataclass
class CenterFigures:
    """One center's figures: each the ids of the cases it counts (in order, no repeats)."""

    center_id: str
    code: str
    name: str
    cases: dict[str, dict[str, None]] = field(
        default_factory=lambda: {k: {} for k in FIGURES})  # ordered sets

    def count(self, key: str) -> int:
        return len(self.cases[key])

    def ids(self, key: str) -> tuple[str, ...]:
        return tuple(self.cases[key])

    def add(self, key: str, case_id: str) -> None:
        self.cases[key][case_id] = None


@dataclass(frozen=True)
class CourtDashboard:
    """The figures of ``start`` to ``end`` (both included) per center, and in all."""

    start: date
    end: date
    today: date
    centers: list[CenterFigures]
    total: CenterFigures


def court_dashboard(store: Store, start: date, end: date) -> CourtDashboard:
    """Per-center figures of the period (call inside one read snapshot)."""
    if end < start:
        start, end = end, start
    refs = ReferralService(store)
    per: dict[str, CenterFigures] = {
        c.id: CenterFigures(c.id, c.code, c.name) for c in refs.centers()}
    names = {c.id: c for c in store.directory.centers()}

    def of(center_id: str) -> CenterFigures:
        found = per.get(center_id)
        if found is None:
            c = names.get(center_id)
            found = per[center_id] = CenterFigures(center_id, c.code if c else "",
                                                   c.name if c else center_id)
        return found

    def within(d: date | None) -> bool:
        return d is not None and start <= d <= end

    for r in reversed(refs.referrals()):  # oldest first
        figures = of(r.center_id)
        if within(r.referred_on):
            figures.add("sent", r.case_id)
        if within(r.accepted_on):
            figures.add("accepted", r.case_id)
        if r.state is ReferralState.REFUSED and within(r.closed_on or r.referred_on):
            figures.add("refused", r.case_id)
        if r.state is ReferralState.OVERDUE:
            figures.add("overdue", r.case_id)
    me = store.directory.self_center()
    for center_id, action, case_id in court_dashboard_of(store).court_events(start, end):
        if me is not None and center_id == me.id:
            continue  # a court's own case is no center's figure
        of(center_id).add(_ACTION_FIGURE[action], case_id)
    centers = sorted(per.values(), key=lambda f: (f.code, f.name))
    total = CenterFigures("", "", "")
    for f in centers:
        for key in FIGURES:
            for case_id in f.cases[key]:
                total.add(key, case_id)
    return CourtDashboard(start, end, store.today(), centers, total)
