"""Editor for an agreement's clauses, numbered 一、二、三、… as printed on the 协议书."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.formatting import numeral


class ClausesEditor(QWidget):
    """A list of clause boxes; ``clauses()`` gives the non-empty texts in order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add clause"))
        self.add_button.setObjectName("addClause")
        row.addWidget(self.add_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.edits: list[QPlainTextEdit] = []
        self._rows: list[tuple[QLabel, QPlainTextEdit, QPushButton]] = []
        self.add_button.clicked.connect(self._add_clicked)
        self.add_clause()

    def _add_clicked(self) -> None:
        self.add_clause().setFocus()

    def add_clause(self, text: str = "") -> QPlainTextEdit:
        number = QLabel()
        edit = QPlainTextEdit(text)
        edit.setObjectName(f"clause{len(self.edits)}")
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(56)
        remove = QPushButton(self.tr("Remove"))
        edit.textChanged.connect(self.changed)
        remove.clicked.connect(lambda: self.remove_clause(edit))
        self.edits.append(edit)
        self._rows.append((number, edit, remove))
        self._relayout()
        self.changed.emit()
        return edit

    def remove_clause(self, edit: QPlainTextEdit) -> None:
        if len(self.edits) <= 1:
            edit.clear()
            return
        i = self.edits.index(edit)
        for w in self._rows.pop(i):
            w.setParent(None)
            w.deleteLater()
        self.edits.pop(i)
        self._relayout()
        self.changed.emit()

    def _relayout(self) -> None:
        for i, (number, edit, remove) in enumerate(self._rows):
            number.setText(f"{numeral(i)}、")
            edit.setObjectName(f"clause{i}")
            self.grid.addWidget(number, i, 0)
            self.grid.addWidget(edit, i, 1)
            self.grid.addWidget(remove, i, 2)
        previous: QWidget | None = None
        for _number, edit, remove in self._rows:
            if previous is not None:
                QWidget.setTabOrder(previous, edit)
            QWidget.setTabOrder(edit, remove)
            previous = remove
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for _n, edit, remove in self._rows:
            chain += [edit, remove]
        return chain + [self.add_button]

    def clauses(self) -> list[str]:
        return [e.toPlainText().strip() for e in self.edits if e.toPlainText().strip()]
