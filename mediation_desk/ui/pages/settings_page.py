"""设置 Settings: center details and numbering, deadline days, warning days, wage, language,
the auto-lock time (a director's page: the services refuse anyone else's save)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CaseSource, PeriodUnit
from ...domain.errors import ValidationError
from ...services.settings import RETENTION_CHOICES
from .. import errors, labels
from ..context import Services
from .holiday_calendar_box import HolidayCalendarBox
from .subsidy_box import SubsidyBox

BACKUP_KEYS = ("backup_dir", "backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly")


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    label.hide()
    return label


class SettingsPage(QScrollArea):
    """A form saved in one go with Save (Ctrl+S)."""

    language_changed = Signal(str)
    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)

        self.center_name = QLineEdit()
        self.center_name.setObjectName("centerName")
        self.center_code = QLineEdit()
        self.center_code.setReadOnly(True)
        self.prefix = QLineEdit()
        self.prefix.setObjectName("numberPrefix")
        self.linked_court = QLineEdit()
        self.court_code = QLineEdit()
        self.errors = {k: _error_label() for k in ("name", "number_prefix", "due_soon_days",
                                                    "avg_wage", "deadline_days")}
        self.errors.update({k: _error_label() for k in ("avg_wage_year", "avg_wage_province")})
        self.errors.update({k: _error_label() for k in BACKUP_KEYS})
        self.errors["lock_minutes"] = _error_label()
        self.errors["case_file_retention"] = _error_label()
        self.retention = QComboBox()  # 保管期限 printed on the 卷宗's cover
        self.retention.setObjectName("caseFileRetention")
        for term in RETENTION_CHOICES:
            self.retention.addItem(term, term)
        self.committee_name = QLineEdit()  # 人民调解委员会名称: seal lines and text of the papers
        self.committee_name.setObjectName("committeeName")
        self.committee_name.setPlaceholderText(self.tr("Empty: the center's name"))
        self.errors["committee_name"] = _error_label()
        center_box = QGroupBox(self.tr("Center"))
        form = QFormLayout(center_box)
        form.addRow(self.tr("Center &name"), self.center_name)
        form.addRow("", self.errors["name"])
        form.addRow(self.tr("Center code"), self.center_code)
        form.addRow(self.tr("Case number &prefix"), self.prefix)
        form.addRow("", self.errors["number_prefix"])
        self.number_example = QLabel()
        form.addRow(self.tr("Example number"), self.number_example)
        form.addRow(self.tr("Linked &court"), self.linked_court)
        form.addRow(self.tr("Court code (e.g. 鲁0303)"), self.court_code)
        form.addRow(self.tr("Case file &retention (on the cover)"), self.retention)
        form.addRow("", self.errors["case_file_retention"])
        form.addRow(self.tr("Co&mmittee's registered name (seal line)"), self.committee_name)
        form.addRow("", self.errors["committee_name"])
        self.prefix.textChanged.connect(self._update_example)

        self.days: dict[str, QSpinBox] = {}
        self.units: dict[str, QComboBox] = {}
        deadline_box = QGroupBox(self.tr("Mediation period by source"))
        dform = QFormLayout(deadline_box)
        for member, text in labels.choices(CaseSource):
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setObjectName(f"days_{member.value}")
            self.days[member.value] = spin
            unit = QComboBox()
            unit.setObjectName(f"unit_{member.value}")
            unit.addItem(self.tr("days"), PeriodUnit.DAYS.value)
            unit.addItem(self.tr("months"), PeriodUnit.MONTHS.value)
            unit.setToolTip(self.tr("A period written as 「一个月」 counts to the same day of the "
                                    "next month (31 January → 28 February)."))
            self.units[member.value] = unit
            row = QHBoxLayout()
            row.addWidget(spin, 1)
            row.addWidget(unit)
            dform.addRow(text, row)
        dform.addRow("", self.errors["deadline_days"])
        self.holidays = HolidayCalendarBox(services)
        self.subsidy = SubsidyBox(services)  # 以案定补: its own audited operations

        other_box = QGroupBox(self.tr("Warnings and triage"))
        oform = QFormLayout(other_box)
        self.due_soon = QSpinBox()
        self.due_soon.setObjectName("dueSoonDays")
        self.due_soon.setRange(0, 60)
        self.due_soon.setSuffix(self.tr(" days"))
        oform.addRow(self.tr("Warn when due within"), self.due_soon)
        oform.addRow("", self.errors["due_soon_days"])
        self.avg_wage = QLineEdit()
        self.avg_wage.setObjectName("avgWage")
        self.avg_wage_year = QSpinBox()
        self.avg_wage_year.setObjectName("avgWageYear")
        self.avg_wage_year.setRange(2000, 2100)
        self.avg_wage_province = QLineEdit()
        self.avg_wage_province.setObjectName("avgWageProvince")
        self.avg_wage_province.setPlaceholderText(self.tr("e.g. Shandong"))
        wage_row = QHBoxLayout()
        wage_row.addWidget(self.avg_wage, 1)
        wage_row.addWidget(QLabel(self.tr("yuan/year, published for")))
        wage_row.addWidget(self.avg_wage_year)
        oform.addRow(self.tr("Provincial average wage"), wage_row)
        oform.addRow("", self.errors["avg_wage"])
        oform.addRow("", self.errors["avg_wage_year"])
        oform.addRow(self.tr("Province of the wage figure"), self.avg_wage_province)
        oform.addRow("", self.errors["avg_wage_province"])

        lang_box = QGroupBox(self.tr("Interface"))
        lform = QFormLayout(lang_box)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        lform.addRow(self.tr("&Language"), self.language)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(1, 240)
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setToolTip(self.tr("The lock screen hides every case after this long "
                                             "without keyboard or mouse input."))
        lform.addRow(self.tr("&Lock after no input for"), self.lock_minutes)
        lform.addRow("", self.errors["lock_minutes"])

        self.save_button = QPushButton(self.tr("&Save settings (Ctrl+S)"))
        self.save_button.setObjectName("saveSettings")
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        layout = QVBoxLayout(body)
        title = QLabel(self.tr("Settings"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        layout.addWidget(title)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(center_box)
        left.addWidget(other_box)
        left.addWidget(lang_box)
        left.addWidget(self._backup_box())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(deadline_box)
        right.addWidget(self.holidays)
        right.addWidget(self.subsidy)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _backup_box(self) -> QGroupBox:
        """备份: the backup folder (may be a USB stick) and how many backups are kept."""
        from ...storage.backup import default_backup_dir

        box = QGroupBox(self.tr("Backups"))
        form = QFormLayout(box)
        self.backup_dir = QLineEdit()
        self.backup_dir.setObjectName("backupDir")
        self.backup_dir.setPlaceholderText(str(default_backup_dir()))
        self.backup_dir.setToolTip(self.tr("Empty: the backups folder in the user data folder"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_backup_dir)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(choose)
        label = QLabel(self.tr("Backup &folder"))
        label.setBuddy(self.backup_dir)
        form.addRow(label, row)
        form.addRow("", self.errors["backup_dir"])
        self.backup_keep: dict[str, QSpinBox] = {}
        keep = QHBoxLayout()
        for key, text, most in (("backup_keep_daily", self.tr("daily"), 366),
                                ("backup_keep_weekly", self.tr("weekly"), 260),
                                ("backup_keep_monthly", self.tr("monthly"), 240)):
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(1, most)
            self.backup_keep[key] = spin
            keep.addWidget(spin)
            keep.addWidget(QLabel(text))
        keep.addStretch(1)
        form.addRow(self.tr("Keep"), keep)
        for key in ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly"):
            form.addRow("", self.errors[key])
        return box

    def _choose_backup_dir(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                  self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def _update_example(self) -> None:
        from ...domain.numbering import format_case_number

        try:
            self.number_example.setText(format_case_number(2026, self.prefix.text().strip(), 1))
        except Exception:  # noqa: BLE001 - an invalid prefix is reported on save
            self.number_example.setText("")

    def load(self) -> None:
        """Fill the form from the database."""
        center = self.services.center()
        if center is not None:
            self.center_name.setText(center.name)
            self.center_code.setText(center.code)
            self.prefix.setText(center.number_prefix)
            self.linked_court.setText(center.linked_court)
            self.court_code.setText(center.court_code)
        s = self.services.load_settings()
        for member in CaseSource:
            self.days[member.value].setValue(s.days_for(member))
            unit = self.units[member.value]
            unit.setCurrentIndex(max(unit.findData(s.unit_for(member).value), 0))
        self.holidays.load()
        self.subsidy.load()
        self.due_soon.setValue(s.due_soon_days)
        self.avg_wage.setText(str(s.avg_wage))
        self.avg_wage_year.setValue(s.avg_wage_year)
        self.avg_wage_province.setText(s.avg_wage_province)
        self.backup_dir.setText(s.backup_dir)
        for key, spin in self.backup_keep.items():
            spin.setValue(getattr(s, key))
        self.language.setCurrentIndex(max(self.language.findData(s.language), 0))
        self.lock_minutes.setValue(s.lock_minutes)
        self.retention.setCurrentIndex(max(self.retention.findData(s.case_file_retention), 0))
        self.committee_name.setText(s.committee_name)
        for e in self.errors.values():
            e.hide()
        self.status.clear()

    def _show_problems(self, problems: dict[str, list[str]]) -> bool:
        shown = False
        for key, msgs in problems.items():
            target = "deadline_days" if key.startswith(("deadline_days", "deadline_units")) \
                else key
            if target in self.errors:
                self.errors[target].setText("\n".join(msgs))
                self.errors[target].show()
                shown = True
        return shown

    def save(self) -> bool:
        """Validate and save everything; True when saved."""
        from ...services.desk import update_center

        for e in self.errors.values():
            e.hide()
        s = self.services.load_settings()
        old_language = s.language
        try:
            s.avg_wage = Decimal(self.avg_wage.text().strip().replace(",", ""))
        except InvalidOperation:
            self._show_problems({"avg_wage": [self.tr("Enter the wage as a number of yuan")]})
            return False
        s.avg_wage_year = self.avg_wage_year.value()
        s.avg_wage_province = self.avg_wage_province.text().strip()
        s.due_soon_days = self.due_soon.value()
        s.deadline_days.update({k: spin.value() for k, spin in self.days.items()})
        s.deadline_units.update({k: str(box.currentData()) for k, box in self.units.items()})
        s.language = self.language.currentData()
        s.lock_minutes = self.lock_minutes.value()
        s.case_file_retention = str(self.retention.currentData())
        s.committee_name = self.committee_name.text().strip()
        s.backup_dir = self.backup_dir.text().strip()
        for key, spin in self.backup_keep.items():
            setattr(s, key, spin.value())
        try:
            name, prefix = self.center_name.text(), self.prefix.text()
            court, court_code = self.linked_court.text(), self.court_code.text()
            self.services.run(lambda st: update_center(
                st.store, self.services.actor, name=name, number_prefix=prefix,
                linked_court=court, court_code=court_code))
            self.services.save_settings(s)
        except ValidationError as exc:
            if not self._show_problems(exc.problems):
                errors.report(exc, self)
            return False
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return False
        self.status.setText(self.tr("Saved."))
        self.saved.emit()
        self.services.data_changed()
        if s.language != old_language:
            self.language_changed.emit(s.language)
        return True
