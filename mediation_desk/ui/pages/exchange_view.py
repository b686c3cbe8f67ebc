"""Widgets of the 数据交换 page (layout only; behaviour is in exchange_page.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.exchange_dialogs import fingerprint_label


def table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    label.setFont(font)
    return label


class ExchangePageView(QWidget):
    """Own card, trusted desks with their buttons, bundle buttons, conflicts."""

    def build(self) -> None:
        self.own_code = QLabel()
        self.own_name = QLabel()
        self.own_kind = QLabel()
        self.own_fingerprint = fingerprint_label("")
        self.export_card = QPushButton(self.tr("Export this desk's card…"))
        self.export_card.setObjectName("exportCard")
        self.new_own_keys = QPushButton(self.tr("New keys for this desk…"))
        self.new_own_keys.setObjectName("newOwnKeys")
        self.enroll_laptop = QPushButton(self.tr("Enroll a field &laptop…"))
        self.enroll_laptop.setObjectName("enrollLaptop")
        self.enroll_laptop.setToolTip(self.tr("Set up a laptop for one mediator's work away "
                                              "from the center: an enrollment file, its "
                                              "one-time passphrase and a printable slip"))
        own = QGroupBox(self.tr("This desk's card"))
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.own_code)
        form.addRow(self.tr("Name"), self.own_name)
        form.addRow(self.tr("Kind"), self.own_kind)
        form.addRow(self.tr("Fingerprint"), self.own_fingerprint)
        own_layout = QHBoxLayout(own)
        own_layout.addLayout(form, 1)
        own_buttons = QVBoxLayout()
        own_buttons.addWidget(self.export_card)
        own_buttons.addWidget(self.new_own_keys)
        own_buttons.addWidget(self.enroll_laptop)
        own_buttons.addStretch(1)
        own_layout.addLayout(own_buttons)

        self.desks = table("trustedDesks")
        self.trust = QPushButton(self.tr("&Trust a card…"))
        self.trust.setObjectName("trustCard")
        self.revoke = QPushButton(self.tr("&Revoke…"))
        self.revoke.setObjectName("revokeDesk")
        self.change_key_button = QPushButton(self.tr("Change &key…"))
        self.change_key_button.setObjectName("changeKey")
        self.change_key_button.setToolTip(self.tr("The desk has new keys: take its new card "
                                                  "after comparing the fingerprint by phone"))
        self.export_bundle = QPushButton(self.tr("&Export bundle…"))
        self.export_bundle.setObjectName("exportBundle")
        self.import_bundle = QPushButton(self.tr("&Import bundle…"))
        self.import_bundle.setObjectName("importBundle")
        trusted = QGroupBox(self.tr("Trusted desks"))
        buttons = QHBoxLayout()
        for b in (self.trust, self.revoke, self.change_key_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.export_bundle, self.import_bundle):
            buttons.addWidget(b)
        self.gaps = QLabel()
        self.gaps.setObjectName("exchangeGaps")
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet("color: #842029")
        self.gaps.setVisible(False)
        self.revoked = table("revokedKeys")
        rows = self.revoked.verticalHeader().defaultSectionSize()
        self.revoked.setMaximumHeight(self.revoked.horizontalHeader().sizeHint().height()
                                      + 3 * rows + 4)  # three rows; it scrolls beyond
        self.revoked_box = QGroupBox(self.tr("Revoked keys (never trusted again)"))
        revoked_layout = QVBoxLayout(self.revoked_box)
        revoked_layout.addWidget(self.revoked)
        self.revoked_box.setVisible(False)
        trusted_layout = QVBoxLayout(trusted)
        trusted_layout.addLayout(buttons)
        trusted_layout.addWidget(self.desks, 1)
        trusted_layout.addWidget(self.gaps)
        trusted_layout.addWidget(self.revoked_box, 0)

        self.status = QLabel()
        self.status.setObjectName("exchangeStatus")
        self.status.setWordWrap(True)

        self.conflicts = table("conflicts")
        self.keep_local = QPushButton(self.tr("Keep the value &here"))
        self.keep_local.setObjectName("keepLocal")
        self.take_incoming = QPushButton(self.tr("Take the &incoming value"))
        self.take_incoming.setObjectName("takeIncoming")
        self.conflicts_box = QGroupBox(self.tr("Conflicts to decide"))
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addWidget(self.keep_local)
        conflict_buttons.addWidget(self.take_incoming)
        conflict_buttons.addStretch(1)
        conflicts_layout = QVBoxLayout(self.conflicts_box)
        conflicts_layout.addWidget(self.conflicts, 1)
        conflicts_layout.addLayout(conflict_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Data exchange")))
        layout.addWidget(own)
        layout.addWidget(trusted, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.conflicts_box, 1)
