"""Dialogs of the exchange screen: trust a card, choose an export, preview an import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...exchange.cards import DeskCard
from ...services.exchange import normalise_fingerprint
from ...services.exchange_import import ImportReport
from ...services.exchange_status import TrustedDesk
from ...services.import_preview import CenterPreview


def fingerprint_text(fingerprint: str) -> str:
    """The fingerprint's groups in two lines ("3F2A 9C01 ..." has ten groups of four)."""
    groups = fingerprint.split()
    half = (len(groups) + 1) // 2
    return " ".join(groups[:half]) + "\n" + " ".join(groups[half:])


def fingerprint_label(fingerprint: str) -> QLabel:
    """The fingerprint in two lines, large and monospaced, for reading aloud."""
    label = QLabel(fingerprint_text(fingerprint))
    label.setObjectName("fingerprint")
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(label.font().pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(label.textInteractionFlags().TextSelectableByMouse)
    label.setAccessibleName(fingerprint)
    return label


def desk_kind_text(kind: str) -> str:
    return {"center": QWidget.tr("Mediation center"), "court": QWidget.tr("Court liaison desk"),
            "field": QWidget.tr("Field laptop")}.get(kind, kind)


class TrustCardDialog(QDialog):
    """Shows a card and trusts it only once the person confirms the phone comparison."""

    def __init__(self, card: DeskCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustCardDialog")
        self.setWindowTitle(self.tr("Trust another desk"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), QLabel(card.name))
        form.addRow(self.tr("Code"), QLabel(card.code))
        form.addRow(self.tr("Kind"), QLabel(desk_kind_text(card.kind)))
        form.addRow(self.tr("Fingerprint"), fingerprint_label(card.fingerprint))
        hint = QLabel(self.tr("Call the other desk and read the fingerprint aloud group by "
                              "group. Trust the card only if every group matches what they "
                              "see on their screen."))
        hint.setWordWrap(True)
        self.compared = QCheckBox(self.tr("I compared the fingerprint over the phone and every "
                                          "group matches"))
        self.compared.setObjectName("comparedCheck")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust = self.buttons.addButton(self.tr("Trust this desk"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust.setObjectName("trustButton")
        self.trust.setEnabled(False)
        self.compared.toggled.connect(self.trust.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.compared)
        layout.addWidget(self.buttons)


class ExportDialog(QDialog):
    """Which desk to export to, incremental (default) or everything."""

    def __init__(self, desks: list[TrustedDesk], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export a bundle"))
        self.desk = QComboBox()
        self.desk.setObjectName("exportDesk")
        for d in desks:
            if not d.revoked:
                self.desk.addItem(f"{d.name}（{d.code}）", d.code)
        self.incremental = QRadioButton(self.tr("Only what the desk has not confirmed yet"))
        self.incremental.setChecked(True)
        self.full = QRadioButton(self.tr("Everything (full export)"))
        self.full.setObjectName("fullExport")
        form = QFormLayout()
        form.addRow(self.tr("To"), self.desk)
        form.addRow(self.tr("Content"), self.incremental)
        form.addRow("", self.full)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.addButton(self.tr("Choose file and export…"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("exportButton")
        ok.setEnabled(self.desk.count() > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def choice(self) -> tuple[str, bool]:
        """(desk code, full export?)."""
        return self.desk.currentData(), self.full.isChecked()


class ImportPreviewDialog(QDialog):
    """What an import would do (dry run); Import applies it, Cancel leaves the desk as is.

    With an ``ImportPreview`` (``services/import_preview.py``) the centers come first, each
    with its new, updated and conflicting cases, and below them the chosen center's cases
    with the fields that change; the record counts follow in one line."""

    def __init__(self, report: ImportReport, sender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import preview"))
        c = report.counts
        head = QLabel(self.tr("Bundle No. {0} from {1}. Nothing has been imported yet.")
                      .format(report.sequence, sender))
        head.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        centers: list[CenterPreview] | None = getattr(report, "centers", None)
        self.centers_view: QTableView | None = None
        self.cases_view: QTableView | None = None
        if centers is not None:
            self._add_centers(layout, centers)
        records = QGroupBox(self.tr("Records in the file"))
        form = QFormLayout(records) if centers is None else QHBoxLayout(records)
        self.count_labels: dict[str, QLabel] = {}
        for key, text in (("new", self.tr("New records")), ("updated", self.tr("Updated")),
                          ("unchanged", self.tr("Unchanged")),
                          ("conflicting", self.tr("Conflicting"))):
            label = QLabel(str(c.get(key, 0)))
            label.setObjectName(f"count_{key}")
            self.count_labels[key] = label
            if isinstance(form, QFormLayout):
                form.addRow(text, label)
            else:
                caption = QLabel(text)
                caption.setBuddy(label)
                form.addWidget(caption)
                form.addWidget(label)
                form.addSpacing(12)
        if isinstance(form, QHBoxLayout):
            form.addStretch(1)
        layout.addWidget(records)
        if report.missing:
            gap = QLabel(self.tr("Files No. {0} from this desk were never imported here. Their "
                                 "content is included in this file, but ask the other desk "
                                 "where they went.").format(
                                     "、".join(str(n) for n in report.missing[:20])))
            gap.setObjectName("gapNote")
            gap.setWordWrap(True)
            layout.addWidget(gap)
        if c.get("conflicting"):
            note = QLabel(self.tr("Where both desks changed the same field, this desk's value "
                                  "is kept and both values wait in the conflicts list for you "
                                  "to choose."))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = self.buttons.addButton(self.tr("Import"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setObjectName("applyImport")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if centers is not None:
            screen = self.screen().availableGeometry()
            self.resize(min(1100, int(screen.width() * 0.9)),
                        min(680, int(screen.height() * 0.85)))

    def _add_centers(self, layout: QVBoxLayout, centers: list[CenterPreview]) -> None:
        from ..models.exchange_tables import ImportCasesModel, ImportCentersModel
        from ..pages.exchange_view import table

        self.centers_model = ImportCentersModel(self)
        self.centers_model.set_rows(centers)
        self.cases_model = ImportCasesModel(self)
        self.centers_view = table("importCenters")
        self.centers_view.setModel(self.centers_model)
        self.centers_view.horizontalHeader().setStretchLastSection(False)
        self.cases_view = table("importCases")
        self.cases_view.setModel(self.cases_model)
        self.cases_view.setWordWrap(False)
        header = self.cases_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.cases_view.fontMetrics()
        for col, sample in ((0, "（2026）测调字第00000号"), (1, "买卖合同纠纷买卖合同"),
                            (2, "冲突冲突")):
            self.cases_view.setColumnWidth(col, metrics.horizontalAdvance(sample) + 20)
        header.setStretchLastSection(True)
        self.cases_box = QGroupBox()
        box = QVBoxLayout(self.cases_box)
        self.case_changes = QLabel()  # the chosen case's changes, one a line, beside the list
        self.case_changes.setObjectName("caseChanges")
        self.case_changes.setWordWrap(True)
        self.case_changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.case_changes.setTextInteractionFlags(
            self.case_changes.textInteractionFlags().TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.case_changes)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.fontMetrics().horizontalAdvance("中" * 20))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.cases_view)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        box.addWidget(split, 1)
        self.cases_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_changes(current.row()))
        by_center = QLabel(self.tr("By center: choose a center to see its cases and what "
                                   "changes in each."))
        by_center.setWordWrap(True)
        layout.addWidget(by_center)
        layout.addWidget(self.centers_view)
        layout.addWidget(self.cases_box, 1)
        self.centers_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_center(current.row()))
        rows = max(1, min(len(centers), 4))
        self.centers_view.setMaximumHeight(
            self.centers_view.horizontalHeader().sizeHint().height()
            + rows * (self.centers_view.verticalHeader().defaultSectionSize() + 1) + 4)
        if centers:
            busiest = max(range(len(centers)), key=lambda i: len(centers[i].cases))
            self.centers_view.selectRow(busiest)
            self.show_center(busiest)
        else:
            self.show_center(-1)

    def _show_changes(self, row: int) -> None:
        cases = self.cases_model.rows
        if not 0 <= row < len(cases):
            self.case_changes.setText("")
            return
        c = cases[row]
        lines = self.cases_model.change_lines(c)
        self.case_changes.setText(f"{c.number}：\n" + "\n".join(f"· {x}" for x in lines[:12])
                                  + ("\n…" if len(lines) > 12 else ""))

    def show_center(self, row: int) -> None:
        """List the cases of the center in ``row`` of the centers table."""
        centers = self.centers_model.rows
        if not 0 <= row < len(centers):
            self.cases_model.set_rows([])
            self._show_changes(-1)
            self.cases_box.setTitle(self.tr("No case is added or changed"))
            return
        center = centers[row]
        self.cases_model.set_rows(center.cases)
        self._show_changes(-1)
        if center.cases:
            self.cases_view.selectRow(0)
        name = f"{center.name}（{center.code}）" if center.code else center.name
        self.cases_box.setTitle(self.tr("{0}: {1} case(s) added or changed").format(
            name, len(center.cases)))


class ReasonDialog(QDialog):
    """Asks for the reason of a revocation or a key change (required, kept in the audit)."""

    def __init__(self, title: str, text: str, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        label = QLabel(text)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("e.g. the laptop was lost"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("reasonOk")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def value(self) -> str:
        return self.reason.text().strip()


class ChangeKeyDialog(QDialog):
    """Accept a trusted desk's new key: the new fingerprint typed as read over the phone,
    and a reason; the old key is revoked for ever."""

    def __init__(self, card: DeskCard, old_fingerprint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeKeyDialog")
        self.setWindowTitle(self.tr("Change the key of a trusted desk"))
        self.card = card
        form = QFormLayout()
        form.addRow(self.tr("Name"), QLabel(card.name))
        form.addRow(self.tr("Code"), QLabel(card.code))
        old = QLabel(fingerprint_text(old_fingerprint))
        old.setObjectName("oldFingerprint")
        form.addRow(self.tr("Old fingerprint"), old)
        form.addRow(self.tr("New fingerprint"), fingerprint_label(card.fingerprint))
        hint = QLabel(self.tr("Call the other desk. Ask them to read the fingerprint shown on "
                              "their screen and type it here. The old key is then revoked and "
                              "can never be trusted again."))
        hint.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.setObjectName("typedFingerprint")
        self.typed.setPlaceholderText("XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX")
        self.typed_error = QLabel()
        self.typed_error.setObjectName("typedFingerprintError")
        self.typed_error.setStyleSheet("color: #842029")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(200)
        form.addRow(self.tr("Fingerprint read &aloud"), self.typed)
        form.addRow("", self.typed_error)
        form.addRow(self.tr("&Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Change the key"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("changeKeyOk")
        self.ok.setEnabled(False)
        self.typed.textChanged.connect(self._check)
        self.reason.textChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        typed = normalise_fingerprint(self.typed.text())
        complete = len(typed.replace(" ", "")) >= 40
        matches = typed == self.card.fingerprint
        self.typed_error.setText(self.tr("The fingerprint does not match the new card.")
                                 if complete and not matches else "")
        self.ok.setEnabled(matches and bool(self.reason.text().strip()))

    def values(self) -> tuple[str, str]:
        return self.typed.text(), self.reason.text().strip()
