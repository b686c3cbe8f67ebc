"""Record the mediation agreement (登记调解协议): clauses, performance, amount, dates.

The same form writes an oral agreement down as a 人民调解协议书 (制作书面调解协议): it opens
filled from the oral agreement, the form fixed to written, and saves through
``CaseService.record_written_agreement``.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import AgreementForm, AgreementScope
from ...domain.errors import ValidationError
from ...domain.formatting import parse_amount
from ...domain.models import Agreement, Case
from ...domain.validators import InvalidValue
from ...services.mediation import AgreementInput
from ..context import Services
from ..widgets.amount_edit import AmountEdit
from ..widgets.clauses_editor import ClausesEditor
from ..widgets.enum_combo import EnumCombo
from ..widgets.field_error import with_error
from .action_form import qdate
from .form_dialog import FormDialog


class AgreementDialog(FormDialog):
    """The agreement form; saving calls ``CaseService.record_agreement``."""

    def __init__(self, services: Services, case: Case, parent: QWidget | None = None, *,
                 written_from: Agreement | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        self.written_from = written_from  # the oral agreement being written down
        today = services.cases.today()
        if written_from is None:
            self.setObjectName("action_record_agreement")
            self.setWindowTitle(self.tr("Record the agreement"))
        else:
            self.setObjectName("action_record_written_agreement")
            self.setWindowTitle(self.tr("Record the written agreement"))
        self.resize(760, 720)
        outer = QVBoxLayout(self)
        outer.addWidget(self.general_error)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.buttons)
        body_layout = QVBoxLayout(body)
        form = QFormLayout()
        body_layout.addLayout(form)
        body_layout.addStretch(1)

        def row(label: str, path: str, widget: QWidget) -> None:
            box, error = with_error(widget)
            box.setFocusProxy(widget)
            self.add_error(path, error)
            form.addRow(label, box)

        kind = QHBoxLayout()
        self.form_kind = EnumCombo(AgreementForm)
        self.form_kind.setObjectName("form")
        self.scope = EnumCombo(AgreementScope)
        self.scope.setObjectName("scope")
        kind.addWidget(self.form_kind)
        kind.addWidget(self.scope)
        kind.addStretch(1)
        kind_box = QWidget()
        kind_box.setLayout(kind)
        kind.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Form and scope"), kind_box)
        self.facts = QPlainTextEdit(case.facts)
        self.facts.setObjectName("facts")
        self.facts.setTabChangesFocus(True)
        self.facts.setFixedHeight(90)
        row(self.tr("Facts, issues and responsibility"), "facts", self.facts)
        self.clauses = ClausesEditor()
        row(self.tr("Agreed terms *"), "clauses", self.clauses)
        self.method = QLineEdit()
        self.method.setObjectName("performance_method")
        self.method.setPlaceholderText(self.tr("e.g. one payment by bank transfer"))
        row(self.tr("Manner of performance"), "performance_method", self.method)
        self.place = QLineEdit()
        self.place.setObjectName("performance_place")
        row(self.tr("Place of performance"), "performance_place", self.place)
        deadline = QHBoxLayout()
        self.has_deadline = QCheckBox(self.tr("By"))
        self.has_deadline.setObjectName("has_deadline")
        self.deadline = QDateEdit(qdate(today).addDays(30))
        self.deadline.setObjectName("performance_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        deadline.addWidget(self.has_deadline)
        deadline.addWidget(self.deadline)
        deadline.addStretch(1)
        deadline.setContentsMargins(0, 0, 0, 0)
        deadline_box = QWidget()
        deadline_box.setLayout(deadline)
        row(self.tr("Time limit of performance"), "performance_deadline", deadline_box)
        self.amount = AmountEdit()
        row(self.tr("Amount"), "amount", self.amount)
        self.effective_on = QDateEdit(qdate(today))
        self.effective_on.setObjectName("effective_on")
        self.effective_on.setCalendarPopup(True)
        self.effective_on.setDisplayFormat("yyyy-MM-dd")
        self.effective_on.setMaximumDate(qdate(today))
        self.effective_on.setMinimumDate(QDate(2000, 1, 1))
        row(self.tr("Effective on (all signed and sealed)"), "effective_on", self.effective_on)

        if written_from is not None:
            self._fill_from(written_from)
        self.track(self.form_kind, self.scope, self.facts, self.method, self.place,
                   self.has_deadline, self.deadline, self.amount.edit, self.effective_on)
        self.clauses.changed.connect(self.mark_dirty)
        chain = [self.form_kind, self.scope, self.facts, *self.clauses.focus_chain(),
                 self.method, self.place, self.has_deadline, self.deadline, self.amount.edit,
                 self.effective_on, self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._dirty = False
        self.clauses.edits[0].setFocus()

    def _fill_from(self, oral: Agreement) -> None:
        """Start from the oral agreement's terms; the form is written, and stays so."""
        self.form_kind.set_value(AgreementForm.WRITTEN)
        self.form_kind.setEnabled(False)
        self.scope.set_value(oral.scope)
        self.facts.setPlainText(oral.facts)
        for i, clause in enumerate(oral.clauses):
            if i == 0:
                self.clauses.edits[0].setPlainText(clause)
            else:
                self.clauses.add_clause(clause)
        self.method.setText(oral.performance_method)
        self.place.setText(oral.performance_place)
        if oral.performance_deadline:
            self.has_deadline.setChecked(True)
            self.deadline.setDate(qdate(oral.performance_deadline))
        self.amount.set_amount(oral.amount)
        if oral.effective_on:
            self.effective_on.setMinimumDate(qdate(oral.effective_on))

    def agreement_input(self) -> AgreementInput:
        amount = None
        if self.amount.text():
            try:
                amount = parse_amount(self.amount.text())
            except InvalidValue as exc:
                raise ValidationError({"amount": [exc.message]}) from exc
        effective = self.effective_on.date().toPython()
        return AgreementInput(
            clauses=self.clauses.clauses(), form=self.form_kind.value() or AgreementForm.WRITTEN,
            scope=self.scope.value() or AgreementScope.FULL, facts=self.facts.toPlainText().strip(),
            performance_method=self.method.text().strip(),
            performance_place=self.place.text().strip(),
            performance_deadline=(self.deadline.date().toPython()
                                  if self.has_deadline.isChecked() else None),
            amount=amount, signed_on=effective, effective_on=effective)

    def save(self) -> None:
        if self.written_from is not None:
            self.services.cases.record_written_agreement(self.services.actor, self.case.id,
                                                         self.agreement_input(),
                                                         expected_version=self.case.version)
            return
        self.services.cases.record_agreement(self.services.actor, self.case.id,
                                             self.agreement_input(),
                                             expected_version=self.case.version)
