"""Tables of the court's referrals (委派调解): the list, and the counts per center by state.

Loaded whole (a court follows hundreds of referrals, not hundreds of thousands); rows are
replaced in one reset.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...domain.formatting import format_cn_date
from ...services.referrals import Referral, ReferralState
from ..widgets.enum_combo import enum_label
from .exchange_tables import KeyRole
from .rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
STATES = tuple(ReferralState)
_TONE = {ReferralState.OVERDUE: "#842029", ReferralState.REFUSED: "#8a5300"}


translate = QCoreApplication.translate


def state_label(state: ReferralState) -> str:
    """The state's name in the interface language."""
    return {ReferralState.SENT: translate("Referral", "Sent, not yet accepted"),
            ReferralState.ACCEPTED: translate("Referral", "Accepted"),
            ReferralState.REFUSED: translate("Referral", "Refused"),
            ReferralState.OVERDUE: translate("Referral", "Overdue"),
            ReferralState.RESULT: translate("Referral", "Result")}[state]


class ReferralsModel(RowsModel):
    """One row per referral: court number, center, parties, state, dates, reason."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Court number"), self.tr("Center"), self.tr("Parties"),
                self.tr("State"), self.tr("Status at the center"), self.tr("Referred on"),
                self.tr("Due"), self.tr("Reason or outcome"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r: Referral = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.court_case_number
            if col == 1:
                return f"{r.center_name}（{r.center_code}）"
            if col == 2:
                return r.party_names
            if col == 3:
                return state_label(r.state)
            if col == 4:
                return enum_label(r.status)
            if col == 5:
                return format_cn_date(r.referred_on)
            if col == 6:  # a refused referral has no running period
                shown = r.due_on if r.state is not ReferralState.REFUSED else None
                return format_cn_date(shown) if shown else "—"
            outcome = [r.reason, r.filing_number, r.jc_ruling]
            return "；".join(x for x in outcome if x) or "—"
        if role == Qt.ItemDataRole.ForegroundRole and r.state in _TONE and (
                col == 3 or (col == 6 and r.state is ReferralState.OVERDUE)):
            return QColor(_TONE[r.state])
        if role == Qt.ItemDataRole.ToolTipRole and col == 7 and r.reason:
            return r.reason
        if role == KeyRole:
            return r.case_id
        return None


class ReferralCountsModel(RowsModel):
    """Rows (center code, name, counts by state); the first row is the total."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Center"), *(state_label(s) for s in STATES))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code, name, counts = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{name}（{code}）" if code else name
            return counts[STATES[col - 1]]
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (role == Qt.ItemDataRole.ForegroundRole and col > 0
                and STATES[col - 1] in _TONE and counts[STATES[col - 1]]):
            return QColor(_TONE[STATES[col - 1]])
        if role == KeyRole:
            return code
        return None
