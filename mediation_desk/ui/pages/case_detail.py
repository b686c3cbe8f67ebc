"""The case page (案件详情): header with countdown, tabs, and the actions the state machine
allows now. Every save goes through CaseService; ``changed`` tells the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain.deadlines import DeadlineLevel, DeadlineState
from ...domain.errors import DomainError, ValidationError
from ...domain.formatting import format_cn_date
from ...domain.models import Case
from ...domain.recusal import RecusalOverride, recusal_override
from ...domain.state_machine import Action
from ..context import Services
from ..dialogs.case_actions import action_title, make_action_dialog
from ..dialogs.form_dialog import FormDialog
from ..permits import REFUSED, refuse
from ..widgets.ask import ask_discard, show_error
from ..widgets.enum_combo import enum_label
from .attachments_tab import read_scan
from .case_detail_view import DEADLINE_STYLES, CaseDetailView
from .documents_tab import DocumentsTab
from .overview_tab import case_input


class CaseDetailWidget(QWidget):
    """One case. ``changed(case_id)`` is emitted after every saved action or edit."""

    changed = Signal(str)

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.case: Case | None = None
        self.active_dialog: FormDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = CaseDetailView(self)
        layout.addWidget(self.view)
        v = self.view
        self.documents = DocumentsTab(services, case_id)  # 文书
        v.tabs.addTab(self.documents, self.tr("Documents"))
        for action, button in v.action_buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.open_action(a))
        v.parties.reveal_requested.connect(self.reveal)
        v.attachments.add_requested.connect(lambda path: self.add_attachment(Path(path)))
        v.attachments.content_of = self.services.cases.attachment_content
        v.overview.save_requested.connect(self.save_details)
        v.timeline.correct_requested.connect(self.open_correction)  # 更正 (H15-corr)
        v.agreement.correct_requested.connect(self.open_correction)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(v.overview.request_save)
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case again and refresh everything shown."""
        cs = self.services.cases
        case = cs.get(self.case_id)
        self.case = case
        self.case_id = case.id
        v = self.view
        v.number.setText(case.number)
        v.title.setText(case.title)
        v.status.setText(enum_label(case.status))
        self._show_deadline(cs.deadline(case), case)
        names = []
        for mid in case.mediator_ids:
            try:
                names.append(self.services.mediators.get(mid).name)
            except DomainError:
                names.append("?")
        v.overview.load(case, names, court_made=cs.court_made(case))
        v.parties.load(case)
        events = cs.events(case.id)
        self._show_recusal(recusal_override(events))
        agreement = cs.agreement(case.id)
        v.timeline.load(events, agreement.id if agreement is not None else "")
        v.follow_ups.load(events)
        v.agreement.load(case, agreement, events)
        v.attachments.load(cs.attachments(case.id))
        self.documents.case_id = case.id
        self.documents.load_register()
        self._update_actions(case)
        if why := self.services.case_why_not(case, "add_correction_note"):  # 更正: its role
            v.timeline.refuse_corrections(why)
            refuse(v.agreement.correct_button, why)

    def _show_deadline(self, state: DeadlineState, case: Case) -> None:
        label = self.view.deadline
        due = format_cn_date(case.due_on) if case.due_on else ""
        level = state.level
        if level is DeadlineLevel.NONE:
            text = self.tr("No running deadline")
        elif state.days_left is None:
            text = self.tr("Suspended: the clock is stopped")
        elif level is DeadlineLevel.OVERDUE:
            text = self.tr("Overdue by %n day(s)", "", -state.days_left)
        elif state.days_left == 0:
            text = self.tr("Due today")
        elif level is DeadlineLevel.DUE_SOON:
            text = self.tr("Due soon: %n day(s) left", "", state.days_left)
        else:
            text = self.tr("%n day(s) left", "", state.days_left)
        if due and level is not DeadlineLevel.NONE:
            text += self.tr(" (until %1)").replace("%1", due)
        tip = self.tr("Mediation period: %1").replace("%1", level.label)
        if state.estimated:
            text += self.tr(" (holiday arrangement estimated)")
            tip += "\n" + self._estimate_tip()
        label.setText(text)
        label.setProperty("level", level.value)
        label.setProperty("estimated", state.estimated)
        label.setStyleSheet(DEADLINE_STYLES[level.value])
        label.setToolTip(tip)
        window = self.services.cases.jc_window(case)
        self.view.jc_window.setVisible(window is not None)
        if window is not None:
            jc, estimated = window
            text = self.tr("Judicial confirmation: apply by %1").replace("%1", format_cn_date(jc))
            if estimated:
                text += self.tr(" (holiday arrangement estimated)")
            self.view.jc_window.setText(text)
            self.view.jc_window.setToolTip(self._estimate_tip() if estimated else "")

    def _show_recusal(self, override: RecusalOverride | None) -> None:
        """The header's warning while the current assignment overrode a recusal ground."""
        label = self.view.recusal_warning
        label.setVisible(override is not None)
        if override is None:
            label.clear()
            return
        when = override.occurred_at
        day = format_cn_date((when.astimezone() if when.tzinfo else when).date())
        text = self.tr("⚠ Assigned despite a recusal ground: %1. Mediators: %2; assigned by %3 "
                       "on %4; reason given: %5")
        for marker, value in (("%1", "；".join(override.grounds)),
                              ("%2", override.mediators or "—"), ("%3", override.actor or "—"),
                              ("%4", day), ("%5", override.reason or "—")):
            text = text.replace(marker, value)
        label.setText(text)
        label.setToolTip(self.tr("A mediator with a recusal ground continues only if the "
                                 "ground was disclosed and both parties agreed (SIM Art 15, "
                                 "OMR Art 13); a party may ask for another mediator."))

    def _estimate_tip(self) -> str:
        return self.tr("This deadline depends on a year whose holiday arrangement has not been "
                       "entered yet; it was computed from the statutory holidays. Enter the "
                       "State Council notice under Settings → Holiday calendar.")

    def _update_actions(self, case: Case) -> None:
        cs = self.services.cases
        allowed = set(cs.allowed(case))
        for action, button in self.view.action_buttons.items():
            ok = action in allowed
            button.setEnabled(ok)
            button.setToolTip(action_title(action) if ok else (cs.why_not(case, action) or ""))
        self._apply_permissions(case)

    def _apply_permissions(self, case: Case) -> None:
        """The tabs' own writes follow the account's role and case scope (the services'
        rule): refused controls are hidden or disabled with the reason as tooltip."""
        if self.services.account is None:
            return
        v = self.view
        why = self.services.case_why_not
        if reason := why(case, "update_case"):
            v.overview.save_button.hide()
            v.overview.save_button.setProperty(REFUSED, reason)
        if reason := why(case, "add_attachment"):
            refuse(v.attachments.add_button, reason)
        if reason := why(case, "generate_document"):
            self.documents.generate_button.hide()
            self.documents.generate_button.setProperty(REFUSED, reason)
        if not cs_may_reveal(self.services, case):
            reason = why(case, "reveal_identifiers")
            for row in range(v.parties.table.rowCount()):
                button = v.parties.table.cellWidget(row, v.parties.COL_REVEAL)
                if button is not None:
                    refuse(button, reason)

    # -- actions ------------------------------------------------------------------------
    def open_action(self, action: Action) -> FormDialog | None:
        """Open the form for ``action`` (window-modal); refresh when it is saved."""
        if self.case is None:
            return None
        try:
            dialog = make_action_dialog(self.services, self.case, action, self)
        except DomainError as exc:
            show_error(self, exc.message)
            return None
        return self._open_modal(dialog)

    def open_correction(self, record_id: str) -> FormDialog | None:
        """Open the correction (更正) of a session record or the agreement; refresh on save."""
        if self.case is None:
            return None
        from ..dialogs.correction_dialog import CorrectionDialog

        why = self.services.case_why_not(self.case, "add_correction_note")
        if why:
            show_error(self, why)
            return None
        try:
            dialog = CorrectionDialog(self.services, self.case, record_id, self)
        except DomainError as exc:
            show_error(self, exc.message)
            return None
        return self._open_modal(dialog)

    def _open_modal(self, dialog: FormDialog) -> FormDialog:
        """Open ``dialog`` window-modal; refresh when it is saved, delete it when closed."""
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.active_dialog = None
        self.reload()
        self.changed.emit(self.case_id)

    def reveal(self, party_id: str) -> None:
        """Show a party's full ID and phone numbers; the service logs the viewing."""
        try:
            numbers = self.services.cases.reveal_identifiers(self.services.actor, self.case_id,
                                                             party_id)
        except DomainError as exc:
            show_error(self, exc.message)
            return
        self.view.parties.show_full(party_id, numbers)

    def add_attachment(self, path: Path) -> bool:
        try:  # refused before the database is asked: folder, device, too large, wrong type
            name, content, media = read_scan(path)
        except DomainError as exc:
            show_error(self, exc.message)
            return False
        try:
            self.services.cases.add_attachment(self.services.actor, self.case_id, name, content,
                                               media)
        except DomainError as exc:
            show_error(self, exc.message)
            return False
        self.reload()
        self.view.tabs.setCurrentWidget(self.view.attachments)
        self.changed.emit(self.case_id)
        return True

    def save_details(self, edits: dict[str, Any]) -> bool:
        if self.case is None:
            return False
        data = case_input(self.case)
        data.update(edits)
        if not data.get("amount"):
            data.pop("amount", None)
        try:
            self.services.cases.update_details(self.services.actor, self.case_id, data,
                                               expected_version=self.case.version)
        except ValidationError as exc:
            self.view.overview.show_problems(exc.problems)
            return False
        except DomainError as exc:
            self.view.overview.show_problems({})
            self.view.overview.general_error.show_messages([exc.message])
            return False
        self.reload()
        self.changed.emit(self.case_id)
        return True

    # -- closing --------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.view.overview.dirty

    def maybe_close(self) -> bool:
        """True if the page may close: no unsaved edits, or the user chose to discard them."""
        if not self.dirty:
            return True
        if ask_discard(self):
            self.view.overview.dirty = False
            return True
        return False


def cs_may_reveal(services: Services, case: Case) -> bool:
    """Whether the account may ask for the case's full ID and phone numbers."""
    return bool(services.cases.may_reveal(case))
