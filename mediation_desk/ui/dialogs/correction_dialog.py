"""Correct a session record or an agreement (更正): a new version with its reason while the
record may still change; once it is final (an agreement in effect, a mediation ended) the
dialog says why and offers what may be added instead: a 补充协议 (agreements) or a 更正说明.

The rule and its reasons are the service's (``CaseService.correctable``); this dialog shows
them and saves through ``correct_session``, ``add_supplementary_agreement`` or
``add_correction_note``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QSize, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import EventKind
from ...domain.errors import NotFoundError
from ...domain.models import Agreement, Case, CaseEvent
from ..context import Services
from ..geometry import fit_window
from ..i18n import format_date
from ..widgets.clauses_editor import ClausesEditor
from .action_form import qdate
from .form_dialog import FormDialog

EDIT, SUPPLEMENT, NOTE = "edit", "supplement", "note"
PREFERRED_SIZE = QSize(760, 680)
REFUSAL_STYLE = ("QLabel { background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px;"
                 " padding: 8px; color: #5c3b00; }")


def _page() -> tuple[QWidget, QFormLayout]:
    """A page of the dialog: a form whose rows keep their height (the space goes below)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    form = QFormLayout()
    layout.addLayout(form)
    layout.addStretch(1)
    return page, form


class CorrectionDialog(FormDialog):
    """Correct ``record_id`` of ``case``: a session event or the case's agreement."""

    def __init__(self, services: Services, case: Case, record_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        cs = services.cases
        self.state = cs.correctable(case.id, record_id)
        self.session: CaseEvent | None = next(
            (e for e in cs.events(case.id) if e.id == record_id
             and e.kind is EventKind.SESSION), None)
        self.agreement: Agreement | None = None
        if self.session is None:
            self.agreement = next((a for a in cs.agreements(case.id) if a.id == record_id),
                                  None)
            if self.agreement is None:
                raise NotFoundError("调解协议", record_id)
        self.setObjectName("correctionDialog")
        is_session = self.session is not None
        self.setWindowTitle(self.tr("Correct the session record") if is_session
                            else self.tr("Correct the agreement"))
        outer = QVBoxLayout(self)
        outer.addWidget(self.general_error)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.about = QLabel(self._about())
        self.about.setObjectName("correctionAbout")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        self.refusal = QLabel(self.state.refusal)
        self.refusal.setObjectName("correctionRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSAL_STYLE)
        self.refusal.setVisible(not self.state.may_edit)
        layout.addWidget(self.refusal)

        # what to do: a new version (while allowed), a 补充协议 (agreements), a 更正说明
        self.modes: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        texts = {EDIT: self.tr("Correct the record as a new version (the old one is kept)"),
                 SUPPLEMENT: self.tr("Add a supplementary agreement, signed by the parties"),
                 NOTE: self.tr("Add a correction note (the record stays as it is)")}
        offered = ([EDIT] if self.state.may_edit else []) + (
            [SUPPLEMENT] if not is_session else []) + [NOTE]
        for mode in offered:
            button = QRadioButton(texts[mode])
            button.setObjectName(f"mode_{mode}")
            group.addButton(button)
            layout.addWidget(button)
            self.modes[mode] = button
            button.toggled.connect(lambda on, m=mode: on and self._show(m))

        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("e.g. the amount was written down wrongly"))
        form.addRow(self.tr("Reason for the correction *"), self._with_error("reason",
                                                                            self.reason))
        layout.addLayout(form)

        self.pages = QStackedWidget()
        self.page_of: dict[str, QWidget] = {}
        if EDIT in self.modes:
            self._add_page(EDIT, self._edit_page())
        if SUPPLEMENT in self.modes:
            self._add_page(SUPPLEMENT, self._supplement_page())
        self._add_page(NOTE, self._note_page())
        layout.addWidget(self.pages)
        layout.addStretch(1)  # rows keep their height; the space goes below
        scroll = QScrollArea()  # a small screen scrolls the form, the buttons stay visible
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.buttons)
        self.track(self.reason)
        # the keyboard's order: the choice, the reason, the page's fields, 保存, 取消 (Tab
        # skips the fields of the pages not shown)
        chain: list[QWidget] = [*self.modes.values(), self.reason]
        if EDIT in self.modes:
            chain += [self.when, self.place, self.participants, self.notes, self.result]
        if SUPPLEMENT in self.modes:
            chain += [*self.clauses.focus_chain(), self.signed_on]
        chain += [self.note_text, self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.modes[offered[0]].setChecked(True)
        self._dirty = False
        fit_window(self, PREFERRED_SIZE)
        self.reason.setFocus()

    # -- building ---------------------------------------------------------------------
    def _about(self) -> str:
        if self.session is not None:
            local = self.session.occurred_at.astimezone()
            when = f"{format_date(local.date())} {local:%H:%M}"
            return self.tr("Session record of %1, version %2, recorded by %3.").replace(
                "%1", when).replace("%2", str(self.state.version)).replace(
                "%3", self.session.actor or "—")
        assert self.agreement is not None
        on = format_date(self.agreement.effective_on) if self.agreement.effective_on else "—"
        return self.tr("Agreement of case %1, in effect since %2.").replace(
            "%1", self.case.number).replace("%2", on)

    def _with_error(self, path: str, widget: QWidget) -> QWidget:
        from ..widgets.field_error import with_error

        box, error = with_error(widget)
        box.setFocusProxy(widget)
        self.add_error(path, error)
        return box

    def _add_page(self, mode: str, page: QWidget) -> None:
        self.page_of[mode] = page
        self.pages.addWidget(page)

    def _edit_page(self) -> QWidget:
        assert self.session is not None
        old = self.session
        page, form = _page()
        local = old.occurred_at.astimezone()
        self.when = QDateTimeEdit(QDateTime(qdate(local.date()),
                                            QTime(local.hour, local.minute)))
        self.when.setObjectName("occurred_at")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._when_start = self.when.dateTime()
        self.place = QLineEdit(old.place)
        self.place.setObjectName("place")
        self.participants = QLineEdit(old.participants)
        self.participants.setObjectName("participants")
        self.notes = QPlainTextEdit(old.notes)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(140)
        self.result = QPlainTextEdit(str((old.data or {}).get("result", "")))
        self.result.setObjectName("result")
        self.result.setTabChangesFocus(True)
        self.result.setFixedHeight(70)
        for label, path, widget in ((self.tr("When"), "occurred_at", self.when),
                                    (self.tr("Place"), "place", self.place),
                                    (self.tr("Invited participants"), "participants",
                                     self.participants),
                                    (self.tr("Record *"), "notes", self.notes),
                                    (self.tr("Result of the session"), "result", self.result)):
            form.addRow(label, self._with_error(path, widget))
        self.track(self.when, self.place, self.participants, self.notes, self.result)
        return page

    def _supplement_page(self) -> QWidget:
        assert self.agreement is not None
        page, form = _page()
        intro = QLabel(self.tr("The supplementary agreement changes or adds to the agreement; "
                               "it takes effect when every party has signed it and the "
                               "committee has sealed it. The agreement itself stays as "
                               "signed."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.clauses = ClausesEditor()
        form.addRow(self.tr("Supplementary terms *"), self._with_error("clauses", self.clauses))
        today = self.services.cases.today()
        self.signed_on = QDateEdit(qdate(today))
        self.signed_on.setObjectName("signed_on")
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("yyyy-MM-dd")
        self.signed_on.setMaximumDate(qdate(today))
        if self.agreement.effective_on:
            self.signed_on.setMinimumDate(qdate(self.agreement.effective_on))
        else:
            self.signed_on.setMinimumDate(QDate(2000, 1, 1))
        form.addRow(self.tr("Signed on (all signed and sealed)"),
                    self._with_error("signed_on", self.signed_on))
        self.clauses.changed.connect(self.mark_dirty)
        self.track(self.signed_on)
        return page

    def _note_page(self) -> QWidget:
        page, form = _page()
        intro = QLabel(self.tr("Write what the record says and what it should say. The note "
                               "is printed as a 更正说明 and filed with the record, which is "
                               "not changed."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.note_text = QPlainTextEdit()
        self.note_text.setObjectName("text")
        self.note_text.setTabChangesFocus(True)
        self.note_text.setMinimumHeight(140)
        self.note_text.setPlaceholderText(self.tr("e.g. In the second paragraph “5,000 yuan” "
                                                  "should read “3,000 yuan”."))
        form.addRow(self.tr("Correction *"), self._with_error("text", self.note_text))
        self.track(self.note_text)
        return page

    # -- behaviour --------------------------------------------------------------------
    def mode(self) -> str:
        return next(m for m, b in self.modes.items() if b.isChecked())

    def _show(self, mode: str) -> None:
        self.pages.setCurrentWidget(self.page_of[mode])
        self.clear_problems()

    def save(self) -> None:
        cs, actor, key = self.services.cases, self.services.actor, self.case.id
        version, mode = self.case.version, self.mode()
        reason = self.reason.text().strip()
        if mode == EDIT:
            assert self.session is not None
            at: datetime | None = None
            if self.when.dateTime() != self._when_start:
                at = self.when.dateTime().toPython().replace(second=0,
                                                             microsecond=0).astimezone()
            cs.correct_session(actor, key, self.session.id, reason=reason,
                               notes=self.notes.toPlainText(), place=self.place.text(),
                               participants=self.participants.text(), occurred_at=at,
                               result=self.result.toPlainText(), expected_version=version)
        elif mode == SUPPLEMENT:
            assert self.agreement is not None
            cs.add_supplementary_agreement(actor, key, self.agreement.id, reason=reason,
                                           clauses=self.clauses.clauses(),
                                           signed_on=self.signed_on.date().toPython(),
                                           expected_version=version)
        else:
            record_id = self.session.id if self.session is not None else self.state.record_id
            cs.add_correction_note(actor, key, record_id, reason=reason,
                                   text=self.note_text.toPlainText(), expected_version=version)


__all__ = ["CorrectionDialog"]
