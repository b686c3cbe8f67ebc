"""Editor for one party of a case (当事人): a person or an organisation, with an agent.

The ID number is checked as it is typed and fills birth date and sex; the credit code is
checked too, but a wrong check character is only a warning (REFERENCE §6.3). A person's
民族 is one of the 56 official names and 职业 free text (``person_fields.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain.enums import PartyKind, PartyRole, Sex
from ...domain.formatting import format_cn_date
from ...domain.validators import (
    InvalidValue,
    check_credit_code,
    id_region_warning,
    validate_id_number,
    validate_phone,
)
from .enum_combo import EnumCombo, enum_label
from .field_error import FieldError, with_error
from .person_fields import EthnicityCombo, OccupationCombo

NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date that may be left blank (shown as the special text at the minimum date).

    While blank there are no sections to step through, so Tab must leave the field
    (a plain QDateEdit keeps the focus and traps the keyboard user).
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        if self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


class PartyEditor(QGroupBox):
    """One party; ``data()`` gives the dict documented in docs/case-input.md."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None, *,
                 role: PartyRole = PartyRole.APPLICANT) -> None:
        super().__init__(parent)
        self.today = today
        self.errors: dict[str, FieldError] = {}
        self.touched: set[str] = set()
        self._build()
        self.role.set_value(role)
        self._kind_changed()

    # -- layout -----------------------------------------------------------------------
    def _line(self, key: str, placeholder: str = "", *, warning: bool = False,
              extra: QWidget | None = None) -> tuple[QLineEdit, QWidget]:
        edit = QLineEdit()
        edit.setObjectName(key.replace(".", "_"))
        edit.setPlaceholderText(placeholder)
        box, error = with_error(edit, extra=extra)
        self.errors[key] = error
        if warning:
            warn = FieldError(box, warning=True)
            box.layout().addWidget(warn)
            self.errors[key + "#warning"] = warn
        edit.textEdited.connect(lambda _t, k=key: self._edited(k))
        return edit, box

    def _build(self) -> None:
        form = QFormLayout(self)
        self.form = form
        top = QHBoxLayout()
        self.kind = EnumCombo(PartyKind)
        self.kind.setObjectName("kind")
        self.role = EnumCombo(PartyRole)
        self.role.setObjectName("role")
        self.remove_button = QPushButton(self.tr("Remove party"))
        self.remove_button.setObjectName("removeParty")
        top.addWidget(QLabel(self.tr("Type")))
        top.addWidget(self.kind)
        top.addWidget(QLabel(self.tr("Role")))
        top.addWidget(self.role)
        top.addStretch(1)
        top.addWidget(self.remove_button)
        form.addRow(top)
        self.name, box = self._line("name", self.tr("Full name, or the organisation's name"))
        self.name_label = QLabel(self.tr("Name"))
        form.addRow(self.name_label, box)

        self.id_info = QLabel()
        self.id_info.setObjectName("idInfo")
        self.id_number, box = self._line("id_number", self.tr("18-digit resident ID number"),
                                         extra=self.id_info, warning=True)
        self.id_info.hide()
        form.addRow(self.tr("ID number"), box)
        self.sex = EnumCombo(Sex, placeholder=self.tr("Not given"))
        self.sex.setObjectName("sex")
        self.birth_date = OptionalDateEdit()
        self.birth_date.setObjectName("birth_date")
        self.birth_date.setDisplayFormat("yyyy-MM-dd")
        self.birth_date.setMinimumDate(NO_DATE)
        self.birth_date.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        self.birth_date.setSpecialValueText(self.tr("Not given"))
        self.birth_date.setDate(NO_DATE)
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.sex)
        sex_row.addWidget(QLabel(self.tr("Birth date")))
        sex_row.addWidget(self.birth_date)
        sex_row.addStretch(1)
        sex_box = QWidget()
        sex_box.setLayout(sex_row)
        sex_row.setContentsMargins(0, 0, 0, 0)
        self.errors["sex"] = self.errors["birth_date"] = FieldError(sex_box)
        sex_row.addWidget(self.errors["sex"])
        form.addRow(self.tr("Sex"), sex_box)
        self._build_person_row(form)

        self.credit_code, box = self._line("credit_code",
                                           self.tr("18-character unified social credit code"),
                                           warning=True)
        form.addRow(self.tr("Credit code"), box)
        self.legal_rep, box = self._line("legal_representative")
        form.addRow(self.tr("Legal representative"), box)

        self.phone, box = self._line("phone", self.tr("Mobile or landline, e.g. 0533-1234567"))
        form.addRow(self.tr("Phone"), box)
        self.address, box = self._line("address")
        form.addRow(self.tr("Address"), box)
        self.village, box = self._line("village", self.tr("Village or community"))
        form.addRow(self.tr("Village"), box)

        self.has_agent = QCheckBox(self.tr("Has an agent (委托代理人)"))
        self.has_agent.setObjectName("hasAgent")
        form.addRow(self.has_agent)
        self.agent_name, self._agent_name_box = self._line("agent.name")
        self.agent_relation, self._agent_rel_box = self._line(
            "agent.relation", self.tr("e.g. son, lawyer"))
        self.agent_phone, self._agent_phone_box = self._line("agent.phone")
        self.agent_id, self._agent_id_box = self._line("agent.id_number")
        form.addRow(self.tr("Agent's name"), self._agent_name_box)
        form.addRow(self.tr("Relation"), self._agent_rel_box)
        form.addRow(self.tr("Agent's phone"), self._agent_phone_box)
        form.addRow(self.tr("Agent's ID number"), self._agent_id_box)
        self.errors["agent"] = self.errors["agent.name"]

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(self._emit)
        self.role.currentIndexChanged.connect(self._emit)
        self.sex.currentIndexChanged.connect(self._emit)
        self.birth_date.dateChanged.connect(self._emit)
        self.has_agent.toggled.connect(self._agent_toggled)
        self.id_number.textEdited.connect(self._check_id)
        self.id_number.editingFinished.connect(lambda: self._check_id(final=True))
        self.credit_code.textEdited.connect(self._check_credit)
        self.credit_code.editingFinished.connect(lambda: self._check_credit(final=True))
        self.phone.editingFinished.connect(lambda: self._check_phone(self.phone, "phone"))
        self.agent_phone.editingFinished.connect(
            lambda: self._check_phone(self.agent_phone, "agent.phone"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._agent_toggled(False)

    def _build_person_row(self, form: QFormLayout) -> None:
        """民族 and 职业 side by side, each with its error under it."""
        self.ethnicity = EthnicityCombo()
        self.ethnicity.setObjectName("ethnicity")
        self.occupation = OccupationCombo()
        self.occupation.setObjectName("occupation")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        eth_box, self.errors["ethnicity"] = with_error(self.ethnicity)
        occ_box, self.errors["occupation"] = with_error(self.occupation)
        top = Qt.AlignmentFlag.AlignTop  # a message under one field moves neither field
        row.addWidget(eth_box, 2, top)
        self.occupation_label = QLabel(self.tr("Occupation"))
        self.occupation_label.setMinimumHeight(self.occupation.sizeHint().height())
        row.addWidget(self.occupation_label, 0, top)
        row.addWidget(occ_box, 3, top)
        self._person_box = QWidget()
        self._person_box.setLayout(row)
        self.occupation_label.setBuddy(self.occupation)
        form.addRow(self.tr("Ethnicity"), self._person_box)
        self.ethnicity.lineEdit().textEdited.connect(lambda _t: self._ethnicity_edited())
        self.ethnicity.activated.connect(lambda _i: self._ethnicity_edited())
        self.ethnicity.finished.connect(lambda: self._check_ethnicity(final=True))
        self.occupation.lineEdit().textEdited.connect(lambda _t: self._occupation_edited())
        self.occupation.activated.connect(lambda _i: self._occupation_edited())

    # -- behaviour ----------------------------------------------------------------------
    def _ethnicity_edited(self) -> None:
        self._edited("ethnicity")
        self._check_ethnicity()

    def _occupation_edited(self) -> None:
        self.errors["occupation"].clear_messages()  # the service checks it again on save
        self._edited("occupation")

    def _check_ethnicity(self, *, final: bool = False) -> None:
        """An error beside 民族 once typing is done; cleared as soon as the text is valid."""
        problem = self.ethnicity.problem()
        if not problem:
            self.errors["ethnicity"].clear_messages()
        elif final:
            self.errors["ethnicity"].show_messages([problem])

    def _emit(self, *_args: Any) -> None:
        self.changed.emit()

    def _edited(self, key: str) -> None:
        self.touched.add(key)
        self.changed.emit()

    def _is_person(self) -> bool:
        return self.kind.value() is not PartyKind.ORGANISATION

    def _kind_changed(self, *_args: Any) -> None:
        person = self._is_person()
        for widget, show in ((self.id_number, person), (self.sex, person),
                             (self.credit_code, not person), (self.legal_rep, not person)):
            self.form.setRowVisible(widget.parentWidget() if widget.parentWidget() is not self
                                    else widget, show)
        self.form.setRowVisible(self._person_box, person)
        self.name_label.setText(self.tr("Name") if person else self.tr("Organisation"))

    def _agent_toggled(self, on: bool) -> None:
        for box in (self._agent_name_box, self._agent_rel_box, self._agent_phone_box,
                    self._agent_id_box):
            self.form.setRowVisible(box, on)
        self.changed.emit()

    def _set_derived(self, birth: date | None, sex: Sex | None) -> None:
        """Birth date and sex come from a valid ID number and are then locked."""
        locked = birth is not None
        self.sex.set_value(sex)
        self.birth_date.setDate(QDate(birth.year, birth.month, birth.day) if birth else NO_DATE)
        self.sex.setEnabled(not locked)
        self.birth_date.setEnabled(not locked)

    def _check_id(self, *_args: Any, final: bool = False) -> None:
        text = self.id_number.text().strip()
        error = self.errors["id_number"]
        self.errors["id_number#warning"].clear_messages()
        if not text:
            error.clear_messages()
            self.id_info.hide()
            if not self.sex.isEnabled():
                self._set_derived(None, None)
            return
        compact = "".join(text.split())
        if len(compact) < 18 and not final:
            error.clear_messages()
            self.id_info.setText(self.tr("%n of 18 characters", "", len(compact)))
            self.id_info.show()
            return
        try:
            info = validate_id_number(text, today=self.today)
        except InvalidValue as exc:
            error.show_messages([exc.message])
            self.id_info.hide()
            if not self.sex.isEnabled():
                self._set_derived(None, None)
            return
        error.clear_messages()
        region = id_region_warning(info)  # unknown region code: a warning, never a block
        self.errors["id_number#warning"].show_messages([region] if region else [])
        self._set_derived(info.birth_date, info.sex)
        self.id_info.setText(self.tr("Born %1, %2").replace("%1", format_cn_date(info.birth_date))
                             .replace("%2", enum_label(info.sex)))
        self.id_info.show()
        self.changed.emit()

    def _check_credit(self, *_args: Any, final: bool = False) -> None:
        text = self.credit_code.text().strip()
        error, warning = self.errors["credit_code"], self.errors["credit_code#warning"]
        warning.clear_messages()
        if not text or (len(text) < 18 and not final):
            error.clear_messages()
            return
        try:
            check = check_credit_code(text)
        except InvalidValue as exc:
            error.show_messages([exc.message])
            return
        error.clear_messages()
        warning.show_messages(list(check.warnings))

    def _check_phone(self, edit: QLineEdit, key: str) -> None:
        text = edit.text().strip()
        if not text:
            self.errors[key].clear_messages()
            return
        try:
            validate_phone(text)
        except InvalidValue as exc:
            self.errors[key].show_messages([exc.message])
        else:
            self.errors[key].clear_messages()

    def set_index(self, index: int) -> None:
        self.setTitle(self.tr("Party %1").replace("%1", str(index + 1)))

    # -- data -----------------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        """The party as the service's input dict (only filled-in fields)."""
        kind = self.kind.value() or PartyKind.PERSON
        role = self.role.value()
        out: dict[str, Any] = {"kind": kind.value, "role": role.value if role else "",
                               "name": self.name.text().strip()}

        def put(key: str, edit: QLineEdit, target: dict[str, Any] = out) -> None:
            if edit.text().strip():
                target[key] = edit.text().strip()

        if kind is PartyKind.PERSON:
            put("id_number", self.id_number)
            for key, combo in (("ethnicity", self.ethnicity), ("occupation", self.occupation)):
                if combo.text():
                    out[key] = combo.text()
            if not self.id_number.text().strip():  # otherwise the service reads them off the ID
                sex = self.sex.value()
                if sex is not None:
                    out["sex"] = sex.value
                if self.birth_date.date() != NO_DATE:
                    out["birth_date"] = self.birth_date.date().toString("yyyy-MM-dd")
        else:
            put("credit_code", self.credit_code)
            put("legal_representative", self.legal_rep)
        put("phone", self.phone)
        put("address", self.address)
        put("village", self.village)
        if self.has_agent.isChecked():
            agent: dict[str, Any] = {"name": self.agent_name.text().strip()}
            put("relation", self.agent_relation, agent)
            put("phone", self.agent_phone, agent)
            put("id_number", self.agent_id, agent)
            out["agent"] = agent
        return out

    def show_problems(self, problems: dict[str, list[str]],
                      warnings: dict[str, list[str]] | None = None, *,
                      only_touched: bool = False) -> None:
        """Problems keyed by the path inside the party (``id_number``, ``agent.phone``)."""
        grouped: dict[FieldError, list[str]] = {}
        for key, label in self.errors.items():
            if not key.endswith("#warning"):
                grouped.setdefault(label, [])
        for key, messages in problems.items():
            if only_touched and key not in self.touched:
                continue
            label = self.errors.get(key) or self.errors["name"]
            grouped.setdefault(label, []).extend(messages)
        for label, messages in grouped.items():
            label.show_messages(messages)
        for key in ("credit_code", "id_number"):
            self.errors[f"{key}#warning"].show_messages((warnings or {}).get(key, []))

    def focus_chain(self) -> list[QWidget]:
        """The editor's inputs in form order (for the dialog's tab order)."""
        return [self.kind, self.role, self.name, self.id_number, self.sex, self.birth_date,
                self.ethnicity, self.occupation, self.credit_code, self.legal_rep, self.phone,
                self.address, self.village,
                self.has_agent, self.agent_name, self.agent_relation, self.agent_phone,
                self.agent_id, self.remove_button]

    def first_error_field(self) -> QWidget | None:
        for key, label in self.errors.items():
            if label.text() and label.isVisibleTo(self) and not key.endswith("#warning"):
                return label.parentWidget()
        return None
