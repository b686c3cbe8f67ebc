"""The structured 调解笔录 (记录调解): time, place, who took part, the recorder, what was said
and what it came to, saved in the background.

参加人员 are ticked from the case's parties (and their agents) and mediators, with a line for
anyone else; the record stores them as one 、-separated list in that order, which the printed
调解记录 shows as 参加人. The recorder (记录人) is the logged-in account, shown and never typed:
the service names it. Saving runs on the database thread (``services.tasks``): the form shows
that it is saving, 保存 is disabled until the answer comes, and a refusal comes back beside
its field. A message beside a field goes as soon as the field is valid again.

Tab order: 时间 (one Tab: Left/Right for its sections), 地点, each participant's check box
(Space ticks it), 其他参加人员, 调解经过, 调解结果, 保存, 取消. Ctrl+S saves, Esc closes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, NeedsConfirmation
from ...domain.models import Case
from ...domain.state_machine import Action
from ..context import Services
from ..widgets.enum_combo import enum_label
from ..widgets.field_error import with_error
from .action_form import DateTimeField, qdate
from .form_dialog import FormDialog

translate = QCoreApplication.translate

NOTES_REQUIRED = "请填写记录内容"  # the service's own message, shown before any round trip


def attendee_options(case: Case, mediators: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(key, name, label) of everyone who may take part: each live party and its agent, then
    the case's mediators (``mediators``: (id, name) pairs)."""
    out: list[tuple[str, str, str]] = []
    for p in sorted((p for p in case.parties if not p.deleted), key=lambda p: p.position):
        out.append((f"party:{p.id}", p.name, f"{p.name}（{enum_label(p.role)}）"))
        if p.agent_name:
            agent = translate("SessionRecordDialog", "agent of %1").replace("%1", p.name)
            out.append((f"agent:{p.id}", p.agent_name, f"{p.agent_name}（{agent}）"))
    word = translate("SessionRecordDialog", "mediator")
    out += [(f"mediator:{mid}", name, f"{name}（{word}）") for mid, name in mediators]
    return out


def participants_text(picked: list[str], others: str) -> str:
    """The stored 参加人 list: the ticked names in form order, then the others typed."""
    names = list(dict.fromkeys(picked))
    extra = [o.strip() for o in others.replace("，", "、").replace(",", "、").split("、")]
    names += [o for o in extra if o and o not in names]
    return "、".join(names)


class SessionRecordDialog(FormDialog):
    """记录调解 for ``case``; accepted once the service saved the record."""

    def __init__(self, services: Services, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case = case
        self.saving = False
        self.setObjectName(f"action_{Action.RECORD_SESSION.value}")
        self.setWindowTitle(translate("CaseActions", "Record a session"))
        self.setMinimumWidth(560)
        self.inputs: dict[str, Any] = {}
        self._build()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        form = QFormLayout()
        layout.addLayout(form)
        today = self.services.cases.today()
        now = datetime.now()
        self.when = DateTimeField(QDateTime(qdate(today), QTime(now.hour, now.minute)))
        self.when.setObjectName("occurred_at")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("e.g. the committee's mediation room"))
        self._row(form, "occurred_at", self.tr("When"), self.when)
        self._row(form, "place", self.tr("Place"), self.place)

        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.attendees: dict[str, tuple[str, QCheckBox]] = {}
        for i, (key, name, label) in enumerate(attendee_options(self.case, self._mediators())):
            check = QCheckBox(label)
            check.setObjectName(f"attendee_{key.replace(':', '_')}")
            self.attendees[key] = (name, check)
            grid.addWidget(check, i // 2, i % 2)
        self.others = QLineEdit()
        self.others.setObjectName("participants")
        self.others.setPlaceholderText(self.tr(
            "Anyone else present, e.g. a village committee member; 、 between names"))
        grid.addWidget(self.others, (len(self.attendees) + 1) // 2, 0, 1, 2)
        self._row(form, "participants", self.tr("Present"), box)

        self.recorder = QLabel(self.services.actor)
        self.recorder.setObjectName("recorder")
        self.recorder.setToolTip(self.tr("The logged-in account records the session."))
        form.addRow(self.tr("Recorder"), self.recorder)
        self.notes = self._text("notes", self.tr("What was said and done, in order"))
        self.result_edit = self._text("result", self.tr("Terms agreed, or why not and the route "
                                                   "advised"))
        self._row(form, "notes", self.tr("Course of the mediation") + " *", self.notes)
        self._row(form, "result", self.tr("Result of the session"), self.result_edit)

        busy = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("savingProgress")
        self.progress.setRange(0, 0)  # busy: no known end
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel(self.tr("Saving…"))
        self.progress_label.setObjectName("savingLabel")
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_row.setVisible(False)
        layout.addWidget(self.busy_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.inputs.update(occurred_at=self.when, place=self.place, participants=self.others,
                           notes=self.notes, result=self.result_edit)
        self.track(self.when, self.place, self.others, self.notes, self.result_edit,
                   *(check for _name, check in self.attendees.values()))
        self.notes.textChanged.connect(self._notes_changed)
        chain: list[QWidget] = [self.when, self.place,
                                *(check for _n, check in self.attendees.values()), self.others,
                                self.notes, self.result_edit, self.save_button,
                                self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.when.setFocus()

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        box, error = with_error(widget)
        box.setFocusProxy(widget)
        self.add_error(key, error)
        form.addRow(label, box)

    def _text(self, key: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(key)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(90)
        return edit

    def _mediators(self) -> list[tuple[str, str]]:
        out = []
        for mid in self.case.mediator_ids:
            try:
                out.append((mid, self.services.mediators.get(mid).name))
            except DomainError:
                continue
        return out

    # -- behaviour --------------------------------------------------------------------
    def _notes_changed(self) -> None:
        """「请填写记录内容」 goes as soon as there is something written."""
        if self.notes.toPlainText().strip():
            self.errors["notes"].clear_messages()

    def values(self) -> dict[str, Any]:
        picked = [name for name, check in self.attendees.values() if check.isChecked()]
        when: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        return {"occurred_at": when.replace(second=0, microsecond=0).astimezone(),
                "place": self.place.text().strip(),
                "participants": participants_text(picked, self.others.text()),
                "notes": self.notes.toPlainText().strip(),
                "result": self.result_edit.toPlainText().strip()}

    def set_saving(self, on: bool) -> None:
        """While the database works: the busy row shown, 保存, 取消 and the fields disabled."""
        self.saving = on
        self.busy_row.setVisible(on)
        self.save_button.setEnabled(not on)
        self.cancel_button.setEnabled(not on)  # the outcome is shown before the form closes
        for widget in (self.when, self.place, self.others, self.notes, self.result_edit,
                       *(check for _n, check in self.attendees.values())):
            widget.setEnabled(not on)

    def try_save(self) -> bool:
        """Start saving; False when nothing was started (already saving, or a field is
        missing). The dialog closes when the service has saved."""
        if self.saving:
            return False
        values = self.values()
        if not values["notes"]:
            self.show_problems({"notes": [NOTES_REQUIRED]})
            return False
        self.clear_problems()
        self.set_saving(True)
        cases, actor, key, version = (self.services.cases, self.services.actor, self.case.id,
                                      self.case.version)
        self.services.tasks.submit(
            lambda: cases.record_session(actor, key, notes=values["notes"],
                                         place=values["place"],
                                         participants=values["participants"],
                                         occurred_at=values["occurred_at"],
                                         result=values["result"], expected_version=version),
            self._saved, self._failed)
        return True

    def _saved(self, _event: Any) -> None:
        self.set_saving(False)
        self._dirty = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_saving(False)
        if isinstance(exc, NeedsConfirmation | DomainError):
            self.show_domain_error(exc)
            return
        from .. import errors

        errors.report(exc, self)  # a bug: logged, a short apology, never a traceback

    def reject(self) -> None:
        if self.saving:  # the record is on its way: closing now would hide the outcome
            return
        super().reject()
