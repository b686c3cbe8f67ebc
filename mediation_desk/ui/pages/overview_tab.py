"""The case's details (概况): read-only facts of record, and editable title, amount,
facts and claims saved through ``CaseService.update_details``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.formatting import format_cn_date
from ...domain.models import Case, Party
from ..widgets.amount_edit import AmountEdit
from ..widgets.enum_combo import enum_label
from ..widgets.field_error import FieldError, with_error


def party_input(p: Party) -> dict[str, Any]:
    """A stored party back in the registration input shape (ids kept)."""
    d: dict[str, Any] = {"id": p.id, "kind": p.kind.value, "role": p.role.value, "name": p.name}
    for key in ("id_number", "credit_code", "legal_representative", "occupation", "ethnicity",
                "phone", "address", "village"):
        if getattr(p, key):
            d[key] = getattr(p, key)
    if not p.id_number:
        if p.sex is not None:
            d["sex"] = p.sex.value
        if p.birth_date is not None:
            d["birth_date"] = p.birth_date.isoformat()
    if p.agent_name:
        d["agent"] = {k: v for k, v in (("name", p.agent_name), ("phone", p.agent_phone),
                                        ("id_number", p.agent_id_number),
                                        ("relation", p.agent_relation)) if v}
    return d


def case_input(case: Case) -> dict[str, Any]:
    """The whole case in the input shape, for ``update_details``."""
    d: dict[str, Any] = {
        "title": case.title, "facts": case.facts, "claims": case.claims,
        "flags": sorted(f.value for f in case.flags),
        "parties": [party_input(p) for p in sorted(case.parties, key=lambda p: p.position)
                    if not p.deleted],
    }
    if case.amount is not None:
        d["amount"] = f"{case.amount:f}"
    if case.court_case_number:
        d["court_case_number"] = case.court_case_number
    return d


class OverviewTab(QWidget):
    """``save_requested`` carries the edited fields; ``dirty`` tells whether there are edits."""

    save_requested = Signal(dict)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, FieldError] = {}
        self.dirty = False
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        body_layout = QVBoxLayout(body)
        form = QFormLayout()
        body_layout.addLayout(form)
        body_layout.addStretch(1)  # rows keep their height; the space goes below
        self.info: dict[str, QLabel] = {}
        for key, text in (("source", self.tr("Source")), ("dispute_type", self.tr("Dispute type")),
                          ("court_case_number", self.tr("Court case number")),
                          ("received_on", self.tr("Received on")),
                          ("accepted_on", self.tr("Accepted on")),
                          ("mediators", self.tr("Mediators")), ("flags", self.tr("Flags")),
                          ("outcome", self.tr("Outcome"))):
            label = QLabel()
            label.setObjectName(f"info_{key}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info[key] = label
            form.addRow(text, label)
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.amount = AmountEdit()
        self.facts = QPlainTextEdit()
        self.facts.setObjectName("facts")
        self.facts.setTabChangesFocus(True)
        self.facts.setFixedHeight(120)
        self.claims = QPlainTextEdit()
        self.claims.setObjectName("claims")
        self.claims.setTabChangesFocus(True)
        self.claims.setFixedHeight(80)
        for path, text, widget in (("title", self.tr("Title"), self.title),
                                   ("amount", self.tr("Amount in dispute"), self.amount),
                                   ("facts", self.tr("Facts"), self.facts),
                                   ("claims", self.tr("Claims"), self.claims)):
            box, error = with_error(widget)
            box.setFocusProxy(widget)
            self.errors[path] = error
            form.addRow(text, box)
        self.general_error = FieldError()
        form.addRow(self.general_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save details"))
        self.save_button.setObjectName("saveDetails")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setEnabled(False)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.title.textEdited.connect(self._edited)
        self.amount.edited.connect(self._edited)
        self.facts.textChanged.connect(self._edited)
        self.claims.textChanged.connect(self._edited)
        self.save_button.clicked.connect(self.request_save)

    def _edited(self, *_args: Any) -> None:
        if self._loading:
            return
        self.dirty = True
        self.save_button.setEnabled(True)
        self.edited.emit()

    def load(self, case: Case, mediator_names: list[str], *, court_made: bool = False) -> None:
        """Show ``case``; ``court_made``: a court's referral, whose court data is the court's."""
        self._loading = True
        try:
            i = self.info
            i["source"].setText(enum_label(case.source))
            i["dispute_type"].setText(enum_label(case.dispute_type))
            court_number = case.court_case_number or "—"
            if court_made and case.court_case_number:  # the court's field: never edited here
                court_number = self.tr("%1 (by the court, read-only)").replace(
                    "%1", case.court_case_number)
            i["court_case_number"].setText(court_number)
            i["court_case_number"].setToolTip(self.tr(
                "Set by the court that referred the case; it cannot be changed here.")
                if court_made else "")
            i["received_on"].setText(format_cn_date(case.received_on))
            i["accepted_on"].setText(format_cn_date(case.accepted_on) if case.accepted_on
                                     else "—")
            i["mediators"].setText("、".join(mediator_names) or self.tr("Not assigned yet"))
            i["flags"].setText("、".join(enum_label(f) for f in sorted(case.flags)) or "—")
            outcome = [enum_label(case.end_reason) if case.end_reason else "", case.end_note,
                       case.jc_ruling and self.tr("Ruling %1").replace("%1", case.jc_ruling),
                       case.filing_number and self.tr("Filed as %1").replace(
                           "%1", case.filing_number)]
            i["outcome"].setText("；".join(x for x in outcome if x) or "—")
            self.title.setText(case.title)
            self.amount.set_amount(case.amount)
            self.facts.setPlainText(case.facts)
            self.claims.setPlainText(case.claims)
        finally:
            self._loading = False
        self.dirty = False
        self.save_button.setEnabled(False)
        self.show_problems({})

    def edits(self) -> dict[str, Any]:
        return {"title": self.title.text().strip(), "amount": self.amount.text(),
                "facts": self.facts.toPlainText().strip(),
                "claims": self.claims.toPlainText().strip()}

    def request_save(self) -> None:
        if self.dirty:
            self.save_requested.emit(self.edits())

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        rest: list[str] = []
        for label in self.errors.values():
            label.clear_messages()
        for path, messages in problems.items():
            if path in self.errors:
                self.errors[path].show_messages(messages)
            else:
                rest += [f"{path}：{m}" for m in messages]
        self.general_error.show_messages(rest)
