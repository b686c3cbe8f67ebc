"""数据交换 Data exchange: this desk's card, trusted desks, bundles out and in, conflicts.

Lists are queried on the worker over the reader connection. Exports and imports
(decrypting, verifying, merging) run on the worker behind a modal progress
dialog, so the main connection is not used by the GUI thread meanwhile.
Trusting, revoking and choosing a conflict's value are short writes on the GUI
thread, like the other screens' saves.

An import is always previewed first (a dry run); only the person's "Import"
applies it. A rejected file shows its Chinese reason and reason code; the
database is untouched (the verifier raises before anything is written).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ...domain.errors import DomainError
from ...exchange.errors import BundleRejected
from ...services import exchange, exchange_status
from ...services.enrollment import EnrollReport
from ...services.exchange_import import ImportReport
from .. import errors
from ..context import Services
from ..dialogs.exchange_dialogs import (
    ChangeKeyDialog,
    ExportDialog,
    ImportPreviewDialog,
    ReasonDialog,
    TrustCardDialog,
    desk_kind_text,
    fingerprint_text,
)
from ..models.exchange_tables import (
    ConflictsModel,
    KeyRole,
    RevokedKeysModel,
    TrustedDesksModel,
)
from ..permits import guard
from ..tasks import run_with_progress
from .exchange_view import ExchangePageView


class ExchangePage(ExchangePageView):
    """The exchange screen's behaviour."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.build()
        self.desk_model = TrustedDesksModel(self)
        self.desks.setModel(self.desk_model)
        self.conflict_model = ConflictsModel(self)
        self.revoked_model = RevokedKeysModel(self)
        self.revoked.setModel(self.revoked_model)
        self.conflicts.setModel(self.conflict_model)
        self.export_card.clicked.connect(self.export_own_card)
        self.trust.clicked.connect(self.trust_card)
        self.revoke.clicked.connect(self.revoke_desk)
        self.change_key_button.clicked.connect(self.change_key)
        self.new_own_keys.clicked.connect(self.change_own_keys)
        self.enroll_laptop.clicked.connect(self.enroll)
        self.export_bundle.clicked.connect(self.export)
        self.import_bundle.clicked.connect(self.import_file)
        self.keep_local.clicked.connect(lambda: self.resolve("local"))
        self.take_incoming.clicked.connect(lambda: self.resolve("incoming"))
        self.desks.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.conflicts.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons())
        self.last_import: ImportReport | None = None
        self._update_buttons()
        guard(services, "trust_desk", self.trust)
        guard(services, "change_own_keys", self.new_own_keys)
        guard(services, "import_bundle", self.import_bundle)
        guard(services, "revoke_desk", self.revoke, hide=True)
        guard(services, "change_peer_key", self.change_key_button, hide=True)
        guard(services, "export_bundle", self.export_bundle, hide=True)
        self.may_enroll = guard(services, "enroll_field_desk", self.enroll_laptop, hide=True)
        self.enroll_laptop.setVisible(False)  # until the card says this desk is a center
        guard(services, "resolve_conflict", self.keep_local, self.take_incoming, hide=True)

    # -- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        """Own card (GUI thread: it may create the keys once), then the lists on the worker."""
        from ...domain.errors import DomainError

        try:
            card = self.services.run(lambda s: exchange.own_card(s.store))
        except DomainError as exc:
            if exc.code != "not_permitted":
                errors.report(exc, self)
                return
            # the desk's keys are made the first time a director opens this page
            self.own_code.setText(self.tr("This desk has no exchange keys yet: a director "
                                          "makes them by opening this page."))
            return
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            errors.report(exc, self)
            return
        self.own_code.setText(card.code)
        self.own_name.setText(card.name)
        self.own_kind.setText(desk_kind_text(card.kind))
        self.own_fingerprint.setText(fingerprint_text(card.fingerprint))
        self.own_fingerprint.setAccessibleName(card.fingerprint)
        self.enroll_laptop.setVisible(self.may_enroll and card.kind == "center")
        reader = self.services.read_cases.store
        self.services.tasks.submit(
            lambda: (exchange_status.trusted_desks(reader),
                     exchange_status.open_conflicts(reader),
                     exchange_status.revoked_keys(reader)), self._show_lists)

    def _show_lists(self, lists) -> None:
        desks, conflicts, revoked = lists
        current = self.current_desk()
        self.desk_model.set_rows(desks)
        self.revoked_model.set_rows(revoked)
        self.revoked_box.setVisible(bool(revoked))
        gaps = [exchange_status.missing_text(d.code, d.missing) for d in desks if d.missing]
        self.gaps.setText("；".join(gaps))
        self.gaps.setVisible(bool(gaps))
        self.conflict_model.set_rows(conflicts)
        self.conflicts_box.setTitle(self.tr("Conflicts to decide (%n)", "", len(conflicts)))
        for row, d in enumerate(desks):
            if d.code == current:
                self.desks.selectRow(row)
        if conflicts:
            self.conflicts.selectRow(0)
        self._update_buttons()

    def current_desk(self) -> str | None:
        index = self.desks.currentIndex()
        return index.siblingAtColumn(0).data(KeyRole) if index.isValid() else None

    def current_conflict(self) -> int | None:
        index = self.conflicts.currentIndex()
        return index.siblingAtColumn(0).data(KeyRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        code = self.current_desk()
        revoked = code is not None and any(d.code == code and d.revoked
                                           for d in self.desk_model.rows)
        self.revoke.setEnabled(code is not None and not revoked)
        self.change_key_button.setEnabled(code is not None)
        self.export_bundle.setEnabled(any(not d.revoked for d in self.desk_model.rows))
        has_conflict = self.current_conflict() is not None
        self.keep_local.setEnabled(has_conflict)
        self.take_incoming.setEnabled(has_conflict)

    def _changed(self, message: str) -> None:
        self.status.setText(message)
        self.refresh()
        self.services.calendar_changed()  # an import may bring the court's holiday notices

    # -- cards and trust ------------------------------------------------------------
    def _card_filter(self) -> str:
        return self.tr("Desk cards (*.card *.json);;All files (*)")

    def _bundle_filter(self) -> str:
        return self.tr("Exchange files (*.mdx);;All files (*)")

    def export_own_card(self) -> None:
        suggested = f"{self.own_code.text()}.card"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export this desk's card"),
                                              suggested, self._card_filter())
        if not path:
            return
        try:
            fpr = self.services.run(lambda s: exchange.export_card(s.store, path))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self.status.setText(self.tr("Card written to {0}. Fingerprint: {1}").format(path, fpr))

    def trust_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Trust a desk's card"), "",
                                              self._card_filter())
        if not path:
            return
        try:
            card = exchange.read_card(path)
        except BundleRejected as exc:
            self.show_rejection(exc)
            return
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        dialog = TrustCardDialog(card, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.services.run(
                lambda s: exchange.trust_card(s.store, self.services.actor, card))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self._changed(self.tr("{0} ({1}) is now trusted.").format(card.name, card.code))

    def revoke_desk(self) -> None:
        code = self.current_desk()
        if code is None:
            return
        name = next((d.name for d in self.desk_model.rows if d.code == code), code)
        dialog = ReasonDialog(
            self.tr("Revoke trust"),
            self.tr("Revoke the key of {0} ({1})? Its files will be refused from now on, "
                    "nothing can be exported to it, and this key can never be trusted "
                    "again.").format(name, code), self.tr("Revoke"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.value()
        try:
            self.services.run(lambda s: exchange.revoke(s.store, self.services.actor, code,
                                                        reason))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self._changed(self.tr("The key of {0} ({1}) is revoked.").format(name, code))

    def change_key(self) -> None:
        """A trusted desk has new keys: its new card, the phoned fingerprint, a reason."""
        code = self.current_desk()
        desk = next((d for d in self.desk_model.rows if d.code == code), None)
        if desk is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The new card of {0}").format(desk.name), "", self._card_filter())
        if not path:
            return
        try:
            card = exchange.read_card(path)
        except BundleRejected as exc:
            self.show_rejection(exc)
            return
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        if card.code != desk.code:
            errors.report(DomainError(f"这张名片属于{card.code}，不是{desk.code}。",
                                      code="wrong_card"), self)
            return
        dialog = ChangeKeyDialog(card, desk.fingerprint, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        typed, reason = dialog.values()
        try:
            self.services.run(lambda s: exchange.change_peer_key(
                s.store, self.services.actor, card, confirmed_fingerprint=typed, reason=reason))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self._changed(self.tr("The key of {0} ({1}) was changed; the old key is revoked.")
                      .format(card.name, card.code))

    def change_own_keys(self) -> None:
        """New keys for this desk (e.g. after the old ones may have been copied)."""
        dialog = ReasonDialog(
            self.tr("Change this desk's keys"),
            self.tr("New keys are made for this desk. Every desk you exchange with must then "
                    "take your new card with 'Change key…' after comparing the fingerprint by "
                    "phone; files already made for the old key cannot be read here and must "
                    "be exported again."), self.tr("Make new keys"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.value()
        try:
            self.services.run(lambda s: exchange.change_own_keys(s.store, self.services.actor,
                                                                 reason=reason))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self._changed(self.tr("This desk has new keys. Export the new card and send it to "
                              "every desk you exchange with."))

    # -- field laptops ------------------------------------------------------------------
    def enroll(self) -> None:
        """登记外出调解笔记本: pick the mediator, save the enrollment file (written and
        verified on the worker), then show the one-time passphrase and the slip once."""
        from ...services import enrollment
        from ..dialogs.enrollment_dialogs import EnrollDialog
        from .documents_tab import save_folder

        try:
            mediators = self.services.run(lambda s: enrollment.enrollable_mediators(s.store))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        if not mediators:
            QMessageBox.information(self, self.tr("Enroll a field laptop"), self.tr(
                "There are no active mediators. Add the mediator on the Mediators page "
                "first."))
            return
        dialog = EnrollDialog(mediators, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        mediator_id, name = dialog.mediator_id(), dialog.mediator_name()
        folder = save_folder()
        suggested = f"{self.own_code.text()}-登记-{name}-{self.services.today():%Y%m%d}.mdx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the enrollment file"),
            str(folder / suggested) if folder else suggested, self._bundle_filter())
        if not path:
            return
        if not path.lower().endswith(".mdx"):
            path += ".mdx"
        store, actor = self.services.store, self.services.actor
        run_with_progress(
            self.services.tasks, self, self.tr("Writing and checking the enrollment file…"),
            lambda _p: enrollment.enroll(store, actor, mediator_id, path),
            self._enrolled, lambda exc: errors.report(exc, self), cancellable=False)

    def _enrolled(self, report: EnrollReport) -> None:
        from ..dialogs.enrollment_dialogs import PassphraseDialog

        shown = PassphraseDialog(report, director_name=self.services.actor, parent=self)
        shown.exec()
        self._changed(self.tr("Enrollment file for {0} written to {1} (laptop {2}). When the "
                              "laptop is set up, trust the card it sends back.").format(
            report.mediator_name, report.path, report.field_code))

    # -- bundles ----------------------------------------------------------------------
    def export(self) -> None:
        dialog = ExportDialog(self.desk_model.rows, self)
        code = self.current_desk()
        if code is not None and (i := dialog.desk.findData(code)) >= 0:
            dialog.desk.setCurrentIndex(i)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        to, full = dialog.choice()
        suggested = f"{self.own_code.text()}-{to}-{self.services.today():%Y%m%d}.mdx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the exchange file"),
                                              suggested, self._bundle_filter())
        if not path:
            return
        store, actor = self.services.store, self.services.actor
        run_with_progress(
            self.services.tasks, self, self.tr("Exporting and verifying…"),
            lambda _p: exchange.export_bundle(store, actor, to, path, full=full),
            self._exported, lambda exc: errors.report(exc, self), cancellable=False)

    def _exported(self, report) -> None:
        records = sum(report.counts.values())
        self._changed(self.tr("Exported and verified: {0} (No. {1}, {2} records). Send this "
                              "file to the other desk.").format(report.path, report.sequence,
                                                                records))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import an exchange file"), "",
                                              self._bundle_filter())
        if path:
            self.preview(Path(path))

    def preview(self, path: Path) -> None:
        """Verify the file and show what importing it would do (nothing written)."""
        from ...services.import_preview import preview_bundle

        store, actor = self.services.store, self.services.actor
        run_with_progress(
            self.services.tasks, self, self.tr("Checking the file…"),
            lambda _p: preview_bundle(store, actor, path),  # the dry run, case by case
            lambda report: self._previewed(path, report), self._import_failed,
            cancellable=False)

    def _sender_name(self, code: str) -> str:
        name = next((d.name for d in self.desk_model.rows if d.code == code), "")
        return f"{name}（{code}）" if name else code

    def _previewed(self, path: Path, report: ImportReport) -> None:
        if report.already_applied:
            self.status.setText(self.tr("This file (No. {0} from {1}) was imported before; "
                                        "nothing changed.").format(
                                            report.sequence, self._sender_name(report.sender)))
            QMessageBox.information(self, self.tr("Already imported"), self.status.text())
            return
        dialog = ImportPreviewDialog(report, self._sender_name(report.sender), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.status.setText(self.tr("Import cancelled; nothing changed."))
            return
        store, actor = self.services.store, self.services.actor
        run_with_progress(
            self.services.tasks, self, self.tr("Importing…"),
            lambda _p: exchange.import_bundle(store, actor, path),
            self._imported, self._import_failed, cancellable=False)

    def _imported(self, report: ImportReport) -> None:
        self.last_import = report
        c = report.counts
        if report.already_applied:
            text = self.tr("This file was imported before; nothing changed.")
        else:
            text = self.tr("Imported No. {0} from {1}: {2} new, {3} updated, {4} unchanged, "
                           "{5} conflicting.").format(
                report.sequence, self._sender_name(report.sender), c.get("new", 0),
                c.get("updated", 0), c.get("unchanged", 0), c.get("conflicting", 0))
        self._changed(text)

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, BundleRejected):
            self.show_rejection(exc)
        else:
            errors.report(exc, self)

    def show_rejection(self, exc: BundleRejected) -> None:
        """The reason in Chinese with its code (for the technical contact); nothing changed."""
        text = self.tr("The file was refused and nothing was imported.\n\n{0}\n\nReason code: "
                       "{1}").format(exc.message_zh, exc.reason_code)
        self.status.setText(text.replace("\n\n", " "))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("File refused"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("rejectionBox")
        box.exec()

    # -- conflicts --------------------------------------------------------------------
    def resolve(self, choice: str) -> None:
        seq = self.current_conflict()
        if seq is None:
            return
        try:
            self.services.run(lambda s: exchange.resolve_conflict(s.store, self.services.actor,
                                                                  seq, choice))
        except Exception as exc:  # noqa: BLE001
            errors.report(exc, self)
            return
        self._changed(self.tr("Conflict decided: kept the value here.") if choice == "local"
                      else self.tr("Conflict decided: took the incoming value."))
