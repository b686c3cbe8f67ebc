"""Add or edit a mediator: name, phone, specialties, villages, declared relations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import DisputeType, RelationKind
from ...domain.errors import ValidationError
from ...domain.models import DeclaredRelation, Mediator
from .. import errors, labels
from ..context import Services


class MediatorDialog(QDialog):
    """Edits a copy of a mediator; saves through ``MediatorService.save`` on OK."""

    def __init__(self, services: Services, mediator: Mediator | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.mediator = mediator
        self.saved: Mediator | None = None
        self.setWindowTitle(self.tr("Edit mediator") if mediator else self.tr("Add mediator"))
        self.name = QLineEdit(mediator.name if mediator else "")
        self.name.setObjectName("mediatorName")
        self.name_error = QLabel()
        self.phone = QLineEdit(mediator.phone if mediator else "")
        self.phone_error = QLabel()
        self.villages_error = QLabel()
        self.relations_error = QLabel()
        self.errors = {"name": self.name_error, "phone": self.phone_error,
                       "villages": self.villages_error, "relations": self.relations_error}
        for e in self.errors.values():
            e.setWordWrap(True)
            e.setStyleSheet("color: #b3261e;")
            e.hide()
        self.full_time = QCheckBox(self.tr("Full-time mediator"))
        self.full_time.setChecked(mediator.full_time if mediator else True)
        self.specialties = QListWidget()
        self.specialties.setObjectName("specialties")
        chosen = set(mediator.specialties) if mediator else set()
        for member, text in labels.choices(DisputeType):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member in chosen
                               else Qt.CheckState.Unchecked)
            self.specialties.addItem(item)
        self.specialties.setMaximumHeight(self.fontMetrics().height() * 8)
        self.villages = QLineEdit("、".join(mediator.villages) if mediator else "")
        self.villages.setPlaceholderText(self.tr("Separate villages with 、 or commas"))
        self.relations = QTableWidget(0, 3)
        self.relations.setObjectName("relations")
        self.relations.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Relation"),
                                                  self.tr("Note")])
        self.relations.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.relations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.relations.setTabKeyNavigation(False)
        for r in (mediator.relations if mediator else []):
            self.add_relation(r)
        add = QPushButton(self.tr("Add relation"))
        remove = QPushButton(self.tr("Remove relation"))
        add.clicked.connect(lambda: self.add_relation(None))
        remove.clicked.connect(self.remove_relation)
        rel_buttons = QHBoxLayout()
        rel_buttons.addWidget(add)
        rel_buttons.addWidget(remove)
        rel_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.name_error)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow("", self.phone_error)
        form.addRow("", self.full_time)
        form.addRow(self.tr("&Specialties"), self.specialties)
        form.addRow(self.tr("&Villages"), self.villages)
        form.addRow("", self.villages_error)
        form.addRow(QLabel(self.tr("Declared relations (for recusal)")))
        form.addRow(self.relations)
        form.addRow(self.relations_error)
        form.addRow(rel_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def add_relation(self, relation: DeclaredRelation | None) -> None:
        row = self.relations.rowCount()
        self.relations.insertRow(row)
        self.relations.setItem(row, 0, QTableWidgetItem(relation.person_name if relation else ""))
        kind = QComboBox()
        for member, text in labels.choices(RelationKind):
            kind.addItem(text, member.value)
        if relation:
            kind.setCurrentIndex(kind.findData(relation.kind.value))
        self.relations.setCellWidget(row, 1, kind)
        self.relations.setItem(row, 2, QTableWidgetItem(relation.note if relation else ""))
        if relation is None:
            self.relations.setCurrentCell(row, 0)
            self.relations.editItem(self.relations.item(row, 0))

    def remove_relation(self) -> None:
        row = self.relations.currentRow()
        if row >= 0:
            self.relations.removeRow(row)

    def values(self) -> Mediator:
        """A mediator from the form (a copy of the edited one, or a new one)."""
        import re
        from dataclasses import replace

        center = self.services.center()
        base = (replace(self.mediator) if self.mediator
                else Mediator(center_id=center.id if center else "", name=""))
        base.name = self.name.text()
        base.phone = self.phone.text().strip()
        base.full_time = self.full_time.isChecked()
        base.specialties = [DisputeType(self.specialties.item(i).data(Qt.ItemDataRole.UserRole))
                            for i in range(self.specialties.count())
                            if self.specialties.item(i).checkState() == Qt.CheckState.Checked]
        base.villages = [v for v in re.split(r"[、,，;；\s]+", self.villages.text()) if v]
        relations = []
        for row in range(self.relations.rowCount()):
            name = (self.relations.item(row, 0) or QTableWidgetItem()).text().strip()
            note = (self.relations.item(row, 2) or QTableWidgetItem()).text().strip()
            kind = self.relations.cellWidget(row, 1).currentData()
            if name or note:
                relations.append(DeclaredRelation(person_name=name, kind=RelationKind(kind),
                                                  note=note))
        base.relations = relations
        return base

    def save(self) -> None:
        for e in self.errors.values():
            e.hide()
        try:
            self.saved = self.services.mediators.save(self.services.actor, self.values())
        except ValidationError as exc:
            # each problem beside its field: relations[2].note goes under the relations table
            grouped: dict[str, list[str]] = {}
            for path, messages in exc.problems.items():
                key = path.split("[")[0].split(".")[0]
                if key not in self.errors:
                    errors.report(exc, self)
                    return
                grouped.setdefault(key, []).extend(messages)
            for key, messages in grouped.items():
                self.errors[key].setText("\n".join(messages))
                self.errors[key].show()
            return
        except Exception as exc:  # noqa: BLE001 - shown, not raised into Qt
            errors.report(exc, self)
            return
        self.accept()
