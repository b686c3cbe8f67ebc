"""Layout of the registration form (登记案件); behaviour lives in register_case.py.

The fields scroll (a 1366×768 laptop at 150 % has 512 logical pixels of height); the
triage panel sits beside them behind a splitter whose position is remembered. Tab order:
来源 → 法院案号 (court sources only) → 纠纷类型 → 收案日期 → 标题 → 争议金额 → 事实 →
请求 → the flags → each party's fields (party_editor.focus_chain) → 添加当事人 → 检查 →
保存 → 取消 (set in ``RegisterCaseDialog._fix_tab_order``; docs/keyboard.md).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CaseFlag, CaseSource, DisputeType
from ..widgets.amount_edit import AmountEdit
from ..widgets.date_field import DateField
from ..widgets.enum_combo import EnumCombo, enum_label
from ..widgets.field_error import FieldError, with_error


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def reserve_line(label: QLabel) -> None:
    """Keep ``label``'s line in the layout while it is hidden (no jump as it comes and
    goes): at least one line high, its place kept when hidden."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    one_line = QLabel("国")  # a shown one-line message's height, exactly
    one_line.setFont(label.font())
    label.setMinimumHeight(one_line.sizeHint().height())


class RegisterCaseView(QWidget):
    """The case fields, the party list and the preview panel (triage, related cases)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, FieldError] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("registerSplitter")
        self.splitter = splitter
        outer.addWidget(splitter)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        splitter.addWidget(scroll)

        case_box = QGroupBox(self.tr("The dispute"))
        form = QFormLayout(case_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.source = EnumCombo(CaseSource)
        self.source.setObjectName("source")
        form.addRow(self.tr("Source"), self._err("source", self.source))
        self.court_case_number = QLineEdit()
        self.court_case_number.setObjectName("court_case_number")
        self.court_case_number.setPlaceholderText(self.tr("e.g. (2026)鲁0303民诉前调12号"))
        self.court_label = QLabel(self.tr("Court case number *"))
        self.court_box = self._err("court_case_number", self.court_case_number)
        # a type code that does not fit the source: amber, under the field, never a block
        self.court_warning = FieldError(self.court_box, warning=True)
        self.court_warning.setObjectName("courtCaseNumberWarning")
        self.court_box.layout().addWidget(self.court_warning)
        form.addRow(self.court_label, self.court_box)
        self.dispute_type = EnumCombo(DisputeType, placeholder=self.tr("Choose…"))
        self.dispute_type.setObjectName("dispute_type")
        form.addRow(self.tr("Dispute type *"), self._err("dispute_type", self.dispute_type))
        self.received_on = DateField(_qdate(today))
        self.received_on.setObjectName("received_on")
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.received_on.setMaximumDate(_qdate(today))
        form.addRow(self.tr("Received on"), self._err("received_on", self.received_on))
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setPlaceholderText(self.tr("Optional; default: applicant and respondent"))
        form.addRow(self.tr("Title"), self._err("title", self.title))
        self.amount = AmountEdit()
        form.addRow(self.tr("Amount in dispute"), self._err("amount", self.amount))
        # a bad amount is said once, in the error line under the field (not in the capitals
        # line too), and both lines keep their place: typing does not move the form
        self.amount.say_errors_in(self.errors["amount"])
        self.facts = QPlainTextEdit()
        self.facts.setObjectName("facts")
        self.facts.setTabChangesFocus(True)
        self.facts.setPlaceholderText(self.tr("What happened, briefly"))
        self.facts.setFixedHeight(110)
        form.addRow(self.tr("Facts *"), self._err("facts", self.facts))
        self.claims = QPlainTextEdit()
        self.claims.setObjectName("claims")
        self.claims.setTabChangesFocus(True)
        self.claims.setPlaceholderText(self.tr("What the applicant asks for"))
        self.claims.setFixedHeight(70)
        form.addRow(self.tr("Claims"), self._err("claims", self.claims))
        flags = QWidget()
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.flags: dict[CaseFlag, QCheckBox] = {}
        for i, flag in enumerate(CaseFlag):
            box = QCheckBox(enum_label(flag))
            box.setObjectName(f"flag_{flag.value}")
            self.flags[flag] = box
            grid.addWidget(box, i // 3, i % 3)
        form.addRow(self.tr("Flags"), self._err("flags", flags))
        self.body_layout.addWidget(case_box)

        self.parties_box = QGroupBox(self.tr("Parties"))
        self.parties_layout = QVBoxLayout(self.parties_box)
        self.parties_error = FieldError()
        self.parties_error.setObjectName("partiesError")
        self.errors["parties"] = self.parties_error
        self.parties_layout.addWidget(self.parties_error)
        self.add_party_button = QPushButton(self.tr("Add party"))
        self.add_party_button.setObjectName("addParty")
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_party_button)
        add_row.addStretch(1)
        self.parties_layout.addLayout(add_row)
        self.body_layout.addWidget(self.parties_box)
        self.body_layout.addStretch(1)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        before = self.tr("Before saving")  # lupdate does not look inside f-strings
        side_layout.addWidget(QLabel(f"<b>{before}</b>"))
        self.triage = QLabel(self.tr("Fill in the form to see the triage suggestion."))
        self.triage.setObjectName("triage")
        self.triage.setWordWrap(True)
        self.triage.setTextFormat(Qt.TextFormat.PlainText)
        side_layout.addWidget(self.triage)
        related = self.tr("Related open cases")
        side_layout.addWidget(QLabel(f"<b>{related}</b>"))
        self.related = QLabel(self.tr("None"))
        self.related.setObjectName("related")
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.PlainText)
        side_layout.addWidget(self.related)
        self.warnings = FieldError(warning=True)
        self.warnings.setObjectName("warnings")
        side_layout.addWidget(self.warnings)
        side_layout.addStretch(1)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setObjectName("checkButton")
        side_layout.addWidget(self.check_button)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 300])
        splitter.setChildrenCollapsible(False)
        side.setMinimumWidth(220)
        scroll.setMinimumWidth(520)

    def _err(self, path: str, field: QWidget) -> QWidget:
        box, error = with_error(field)
        box.setFocusProxy(field)
        self.errors[path] = error
        return box

    def insert_party_widget(self, widget: QWidget) -> None:
        """Party editors go above the add button."""
        self.parties_layout.insertWidget(self.parties_layout.count() - 1, widget)
