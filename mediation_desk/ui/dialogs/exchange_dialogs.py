"""Dialogs of the exchange screen: trust a card, choose an export, preview an import."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...exchange.cards import DeskCard
from ...services.exchange import normalise_fingerprint
from ...services.exchange_import import ImportReport
from ...services.exchange_status import TrustedDesk


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
    """What an import would do (dry run); Import applies it, Cancel leaves the desk as is."""

    def __init__(self, report: ImportReport, sender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import preview"))
        c = report.counts
        head = QLabel(self.tr("Bundle No. {0} from {1}. Nothing has been imported yet.")
                      .format(report.sequence, sender))
        head.setWordWrap(True)
        form = QFormLayout()
        self.count_labels: dict[str, QLabel] = {}
        for key, text in (("new", self.tr("New records")), ("updated", self.tr("Updated")),
                          ("unchanged", self.tr("Unchanged")),
                          ("conflicting", self.tr("Conflicting"))):
            label = QLabel(str(c.get(key, 0)))
            label.setObjectName(f"count_{key}")
            self.count_labels[key] = label
            form.addRow(text, label)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
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
