"""The case's timeline (时间线): every event in time order, corrections marked.

A session record a correction replaced stays in the list, greyed and marked 「已更正」 with the
new version and the reason; the new version says which version it is; a 补充协议 and a
更正说明 show what they refer to. 「更正…」 asks to correct the selected session record,
「更正调解协议…」 the case's agreement (``correct_requested(record_id)``; the agreement's id
is passed in by :meth:`load`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from ...domain import corrections as rules
from ...domain.enums import EventKind
from ...domain.models import CaseEvent
from ..permits import refuse
from ..widgets.enum_combo import enum_label
from .case_tabs import describe_event, fill, read_only_table, when

translate = QCoreApplication.translate
OLD_VERSION = QColor("#8a8a8a")


def correction_marks(events: list[CaseEvent]) -> dict[str, str]:
    """Event id -> the mark the timeline puts before its details (corrections only)."""
    marks: dict[str, str] = {}
    fixes = rules.corrections(events)
    by_id = {e.id: e for e in events}
    for c in fixes:
        if c.action == rules.CORRECT_SESSION and c.new_id:
            marks[c.target_id] = translate("Timeline", "[Corrected: see version %1; reason: "
                                                       "%2]").replace(
                "%1", str(c.version)).replace("%2", c.reason)
            marks[c.new_id] = translate("Timeline", "[Version %1, corrects the record of "
                                                    "%2]").replace(
                "%1", str(c.version)).replace(
                "%2", when(by_id[c.target_id].occurred_at) if c.target_id in by_id else "—")
        elif c.action == rules.CORRECTION_NOTE:
            what = (translate("Timeline", "session record of %1").replace(
                "%1", when(by_id[c.target_id].occurred_at)) if c.target_id in by_id
                else translate("Timeline", "the agreement"))
            marks[c.event.id] = translate("Timeline", "[Correction note on the %1; reason: "
                                                      "%2]").replace(
                "%1", what).replace("%2", c.reason)
        elif c.action == rules.SUPPLEMENTARY_AGREEMENT:
            terms = "；".join(str(t) for t in (c.event.data or {}).get("clauses", []))
            marks[c.event.id] = translate("Timeline", "[Supplementary agreement: %1]").replace(
                "%1", terms)
    return marks


CORRECTION_KINDS = {
    rules.CORRECT_SESSION: QT_TRANSLATE_NOOP("Timeline", "Correction"),
    rules.SUPPLEMENTARY_AGREEMENT: QT_TRANSLATE_NOOP("Timeline", "Supplementary agreement"),
    rules.CORRECTION_NOTE: QT_TRANSLATE_NOOP("Timeline", "Correction note"),
}
"""What the timeline calls each kind of correction event (a NOTE event with its action)."""


def event_label(e: CaseEvent) -> str:
    """The 「事项」 of an event: its kind, or the kind of correction it records."""
    c = rules.correction_of(e)
    if c is not None:
        return translate("Timeline", CORRECTION_KINDS[c.action])
    return enum_label(e.kind)


class TimelineTab(QWidget):
    """Every event of the case in time order: who and when; corrections marked."""

    correct_requested = Signal(str)  # a session event's id, or the agreement's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.table = read_only_table([self.tr("When"), self.tr("What"), self.tr("Details"),
                                      self.tr("Recorded by")])
        self.table.setObjectName("timelineTable")
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.correct_button = QPushButton(self.tr("Correct the selected record…"))
        self.correct_button.setObjectName("correctRecord")
        self.correct_button.setToolTip(self.tr(
            "Select a session record: it is corrected as a new version with a reason, or, "
            "once final, a correction note is added."))
        self.correct_agreement_button = QPushButton(self.tr("Correct the agreement…"))
        self.correct_agreement_button.setObjectName("correctAgreement")
        self.correct_agreement_button.setToolTip(self.tr(
            "An agreement in effect is never edited: add a supplementary agreement or a "
            "correction note."))
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.correct_agreement_button)
        layout.addLayout(buttons)
        self.events: list[CaseEvent] = []
        self.agreement_id = ""
        self.refused = ""  # why the account may not correct (set by the case page)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        # Enter (or a double click) on a session record opens its correction: keyboard-first
        self.table.activated.connect(lambda _i: self._correct_selected())
        self.correct_button.clicked.connect(self._correct_selected)
        self.correct_agreement_button.clicked.connect(
            lambda: self.agreement_id and self.correct_requested.emit(self.agreement_id))
        self._selection_changed()
        self.correct_agreement_button.setEnabled(False)

    def load(self, events: list[CaseEvent], agreement_id: str = "") -> None:
        self.events = list(events)
        self.agreement_id = agreement_id
        marks = correction_marks(self.events)
        old = rules.superseded(self.events)
        rows = []
        for e in self.events:
            what = event_label(e)
            if e.id in old:
                what = self.tr("%1 (corrected)").replace("%1", what)
            details = describe_event(e)
            if e.id in marks:
                details = f"{marks[e.id]} {details}"
            rows.append([when(e.occurred_at), what, details, e.actor])
        fill(self.table, rows)
        grey = QBrush(OLD_VERSION)
        for row, e in enumerate(self.events):
            if e.id in old:
                for col in range(self.table.columnCount()):
                    item = self.table.item(row, col)
                    item.setForeground(grey)
                    item.setToolTip(marks.get(e.id, ""))
        self.correct_agreement_button.setEnabled(bool(agreement_id) and not self.refused)
        self._selection_changed()

    def selected_event(self) -> CaseEvent | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.events[row] if 0 <= row < len(self.events) else None

    def refuse_corrections(self, why: str) -> None:
        """The account may not correct records here: both buttons off, ``why`` as tooltip."""
        self.refused = why
        for button in (self.correct_button, self.correct_agreement_button):
            refuse(button, why)

    def _selection_changed(self) -> None:
        e = self.selected_event()
        self.correct_button.setEnabled(not self.refused and e is not None
                                       and e.kind is EventKind.SESSION)

    def _correct_selected(self) -> None:
        e = self.selected_event()
        if e is not None and e.kind is EventKind.SESSION and not self.refused:
            self.correct_requested.emit(e.id)
