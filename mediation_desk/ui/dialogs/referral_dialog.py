"""Refer a case to a center (委派调解), at the court liaison desk.

The registration form (parties, dispute, claims, facts: the same fields and the same
checks) with the court's own: the center it goes to, the court's referral number
(民诉前调), the date by which the court expects the mediation to be finished (default: the
委派调解 period by this desk's holiday calendar) and the materials as attachments. Saving
registers the referral through :class:`ReferralService`; it travels with the next exchange
file to that center.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import CaseSource
from ...domain.errors import DomainError, ValidationError
from ...domain.formatting import format_cn_date
from ...services.files import read_input_file
from ...services.referrals import MAX_MATERIAL_BYTES, Material, ReferralPreview, ReferralService
from ..context import Services
from ..widgets.field_error import with_error
from .register_case import RegisterCaseDialog


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class ReferralDialog(RegisterCaseDialog):
    """``exec()`` returns Accepted once the referral is saved; ``created_case_id`` holds it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        self._ready = False
        super().__init__(services, parent)
        self.setWindowTitle(self.tr("Refer a case to a mediation center"))
        self.setObjectName("referralDialog")
        self.resize(1100, 720)
        self.save_button.setText(self.tr("Save the referral"))
        self.material_paths: list[Path] = []
        self._due_touched = False
        centers = services.run(lambda s: ReferralService(s.store).centers())
        v = self.view

        box = QGroupBox(self.tr("The referral"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.center = QComboBox()
        self.center.setObjectName("referralCenter")
        for c in centers:
            self.center.addItem(f"{c.name}（{c.code}）", c.code)
        form.addRow(self.tr("Mediation center *"), self._field("center", self.center))
        self.due_on = QDateEdit()
        self.due_on.setObjectName("referralDueOn")
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("To be finished by *"), self._field("due_on", self.due_on))
        self.due_hint = QLabel()
        self.due_hint.setObjectName("referralDueHint")
        self.due_hint.setWordWrap(True)
        form.addRow("", self.due_hint)
        materials = QWidget()
        mlayout = QVBoxLayout(materials)
        mlayout.setContentsMargins(0, 0, 0, 0)
        self.materials = QListWidget()
        self.materials.setObjectName("referralMaterials")
        self.materials.setFixedHeight(70)
        mlayout.addWidget(self.materials)
        mbuttons = QHBoxLayout()
        self.add_material = QPushButton(self.tr("Add files…"))
        self.add_material.setObjectName("addMaterial")
        self.remove_material = QPushButton(self.tr("Remove"))
        self.remove_material.setObjectName("removeMaterial")
        mbuttons.addWidget(self.add_material)
        mbuttons.addWidget(self.remove_material)
        mbuttons.addStretch(1)
        mlayout.addLayout(mbuttons)
        form.addRow(self.tr("Materials (PDF, JPEG, PNG, TIFF)"),
                    self._field("materials", materials))
        v.body_layout.insertWidget(0, box)

        # the source is the court's: 法院委派
        v.source.set_value(CaseSource.COURT_DELEGATED)
        v.source.setEnabled(False)
        self._source_changed()
        v.court_case_number.setPlaceholderText(self.tr("e.g. (2026)鲁0303民诉前调12号"))
        self._relabel(v.received_on, self.tr("Referred on"))
        # the related-cases panel is about a center's own open cases: not shown here
        related = QCoreApplication.translate("RegisterCaseView", "Related open cases")
        side = v.related.parentWidget()
        for label in side.findChildren(QLabel) if side is not None else []:
            if related in label.text():
                label.hide()
        v.related.hide()
        self.flow = QLabel(self.tr("The referral goes to the center with the next exchange "
                                   "file; the center numbers it when it accepts it."))
        self.flow.setObjectName("referralFlow")
        self.flow.setWordWrap(True)
        v.triage.parentWidget().layout().insertWidget(2, self.flow)  # type: ignore[union-attr]

        self.track(self.center, self.due_on)
        self.center.currentIndexChanged.connect(self._changed)
        self.due_on.dateChanged.connect(self._due_edited)
        self.add_material.clicked.connect(self.choose_materials)
        self.remove_material.clicked.connect(self._remove_material)
        self._ready = True
        self._set_default_due()
        v.received_on.dateChanged.connect(lambda *_: self._set_default_due())
        self._fix_tab_order()
        if not centers:
            self.general_error.show_messages([self.tr(
                "No trusted mediation center yet. Trust a center's card on the Exchange page "
                "first.")])
            self.save_button.setEnabled(False)
        self.center.setFocus()

    def _field(self, path: str, widget: QWidget) -> QWidget:
        box, error = with_error(widget)
        box.setFocusProxy(widget)
        self.errors[path] = error
        return box

    def _relabel(self, field: QWidget, text: str) -> None:
        box = field.parentWidget()
        holder = box.parentWidget() if box is not None else None
        form = holder.layout() if holder is not None else None
        if box is not None and isinstance(form, QFormLayout):
            label = form.labelForField(box)
            if isinstance(label, QLabel):
                label.setText(text)

    def _fix_tab_order(self) -> None:
        if not getattr(self, "_ready", False):
            return
        v = self.view
        chain: list[QWidget] = [self.center, v.court_case_number, self.due_on,
                                self.add_material, self.remove_material, v.dispute_type,
                                v.received_on, v.title, v.amount.edit, v.facts, v.claims,
                                *v.flags.values()]
        for editor in self.parties:
            chain += editor.focus_chain()
        chain += [v.add_party_button, v.check_button, self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- the due date ----------------------------------------------------------------
    def _referred_on(self) -> date:
        d = self.view.received_on.date()
        return date(d.year(), d.month(), d.day())

    def _set_default_due(self) -> None:
        if self._due_touched:
            return
        on = self._referred_on()
        due = self.services.run(lambda s: ReferralService(s.store).default_due(on))
        self._loading = True
        try:
            self.due_on.setDate(_qdate(due))
        finally:
            self._loading = False
        self.due_hint.setText(self.tr("Default: the period of delegated mediation from the "
                                      "referral day, by the holiday calendar ({0}).").format(
            format_cn_date(due)))

    def _due_edited(self, *_args: Any) -> None:
        if not self._loading:
            self._due_touched = True
            self._changed()

    # -- materials ---------------------------------------------------------------------
    def choose_materials(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Materials for the referral"), "",
            self.tr("Case files (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"))
        for name in names:
            self.add_material_path(Path(name))

    def add_material_path(self, path: Path) -> None:
        self.material_paths.append(path)
        self.materials.addItem(path.name)
        self.mark_dirty()

    def _remove_material(self) -> None:
        row = self.materials.currentRow()
        if 0 <= row < len(self.material_paths):
            self.material_paths.pop(row)
            self.materials.takeItem(row)
            self.mark_dirty()

    def _read_materials(self) -> list[Material]:
        out, problems = [], {}
        for i, path in enumerate(self.material_paths):
            try:  # regular files only, never more than the limit
                out.append(Material(path.name, read_input_file(
                    path, limit=MAX_MATERIAL_BYTES, what="材料")))
            except DomainError as exc:
                problems[f"materials[{i}]"] = [exc.message]
        if problems:
            raise ValidationError(problems)
        return out

    # -- form data, preview and saving -------------------------------------------------
    def center_code(self) -> str:
        return str(self.center.currentData() or "")

    def data(self) -> dict[str, Any]:
        out = super().data()
        out.pop("source", None)
        out["due_on"] = self.due_on.date().toString("yyyy-MM-dd")
        return out

    def refresh_preview(self) -> ReferralPreview | None:  # type: ignore[override]
        self._timer.stop()
        if not self.center_code() or not self.isVisible():  # closed: nothing to show
            return None
        code, data = self.center_code(), self.data()
        try:
            preview = self.services.run(lambda s: ReferralService(s.store).preview(code, data))
        except DomainError as exc:
            self.show_domain_error(exc)
            return None
        text = self.tr("To be finished by {0}.").format(format_cn_date(preview.due_on))
        if preview.due_estimated:
            text += " " + self.tr("This date depends on a holiday year not yet published.")
        self.view.triage.setText(text)
        if self._attempted:
            self.show_problems(preview.problems, preview.warnings, focus=False)
        else:
            self._show_warnings(preview.warnings)
        return preview

    def done(self, result: int) -> None:
        self._timer.stop()  # no preview after the dialog closed
        super().done(result)

    def save(self) -> None:
        self._attempted = True
        if not self.center_code():
            raise ValidationError({"center": [self.tr("Choose the mediation center")]})
        code, data = self.center_code(), self.data()
        materials = self._read_materials()
        preview = self.services.run(
            lambda s: ReferralService(s.store).preview(code, data, materials))
        self._last_warnings = preview.warnings
        if preview.problems:
            raise ValidationError(preview.problems)
        actor = self.services.actor
        done = self.services.run(
            lambda s: ReferralService(s.store).refer(actor, code, data, materials))
        self.created_case_id = done.case.id
