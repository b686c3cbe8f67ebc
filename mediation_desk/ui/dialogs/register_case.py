"""Register a case (登记案件): parties, dispute, triage and related cases before saving.

The dialog opens at 1100×780 or as much of it as the screen has (``ui/geometry.py``); the
fields scroll between the general error line and the 保存/取消 buttons, which stay on
screen. Errors after a save attempt follow the typing without moving the focus; a line an
error has used keeps its place when the error clears (no jumps while correcting).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ...domain.enums import PartyRole
from ...domain.errors import DomainError, ValidationError
from ...domain.formatting import format_cn_date
from ...services.intake import Preview
from ..context import Services
from ..geometry import Layouts
from ..widgets.enum_combo import enum_label
from ..widgets.party_editor import PartyEditor
from .form_dialog import FormDialog
from .register_case_view import RegisterCaseView, reserve_line

_PARTY_PATH = re.compile(r"^parties\[(\d+)\]\.?(.*)$")
PREVIEW_DELAY_MS = 400
PREFERRED_SIZE = QSize(1100, 780)


class RegisterCaseDialog(FormDialog):
    """``exec()`` returns Accepted once the case is saved; ``created_case_id`` holds its id."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.created_case_id: str | None = None
        self._last_warnings: dict[str, list[str]] = {}
        self._attempted = False  # after the first save attempt, errors follow the typing
        self.today = services.cases.today()
        self.setWindowTitle(self.tr("Register a case"))
        self.setObjectName("registerCaseDialog")
        self.view = RegisterCaseView(self.today, self)
        self.errors.update(self.view.errors)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.save_button.setText(self.tr("Save and register"))
        self.parties: list[PartyEditor] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)

        v = self.view
        self.track(v.source, v.court_case_number, v.dispute_type, v.received_on, v.title,
                   v.amount.edit, v.facts, v.claims, *v.flags.values())
        v.source.currentIndexChanged.connect(self._changed)
        v.dispute_type.currentIndexChanged.connect(self._changed)
        v.received_on.dateChanged.connect(self._changed)
        for w in (v.court_case_number, v.title, v.amount.edit):
            w.textEdited.connect(self._changed)
        for w in (v.facts, v.claims):
            w.textChanged.connect(self._changed)
        for box in v.flags.values():
            box.toggled.connect(self._changed)
        v.source.currentIndexChanged.connect(self._source_changed)
        v.add_party_button.clicked.connect(self._add_party_clicked)
        v.check_button.clicked.connect(self.check)
        self._loading = True
        self.add_party(PartyRole.APPLICANT)
        self.add_party(PartyRole.RESPONDENT)
        self._loading = False
        self._source_changed()
        self.fit_to_screen(PREFERRED_SIZE)
        account = services.account
        Layouts(account.id if account is not None else None).remember_splitter(
            v.splitter, "registerCase/splitter")
        v.source.setFocus()

    # -- parties -------------------------------------------------------------------------
    def add_party(self, role: PartyRole = PartyRole.THIRD_PARTY) -> PartyEditor:
        editor = PartyEditor(self.today, role=role)
        editor.setObjectName(f"party{len(self.parties)}")
        editor.changed.connect(self._changed)
        editor.changed.connect(self.mark_dirty)
        editor.remove_requested.connect(self.remove_party)
        self.parties.append(editor)
        self.view.insert_party_widget(editor)
        editor.show()
        self._renumber()
        self.mark_dirty()
        return editor

    def _add_party_clicked(self) -> None:
        editor = self.add_party()
        editor.name.setFocus()
        self._changed()

    def remove_party(self, editor: PartyEditor) -> None:
        if editor not in self.parties:
            return
        self.parties.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self._renumber()
        self.mark_dirty()
        self._changed()

    def _renumber(self) -> None:
        for i, editor in enumerate(self.parties):
            editor.set_index(i)
            editor.setObjectName(f"party{i}")
            editor.remove_button.setEnabled(len(self.parties) > 1)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        v = self.view
        chain: list[QWidget] = [v.source, v.court_case_number, v.dispute_type, v.received_on,
                                v.title, v.amount.edit, v.facts, v.claims, *v.flags.values()]
        for editor in self.parties:
            chain += editor.focus_chain()
        chain += [v.add_party_button, v.check_button, self.save_button, self.cancel_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- form data ---------------------------------------------------------------------
    def _source_changed(self, *_args: Any) -> None:
        source = self.view.source.value()
        court = bool(source and source.court_related)
        self.view.court_label.setVisible(court)
        self.view.court_box.setVisible(court)

    def data(self) -> dict[str, Any]:
        """The case as the service's input dict (docs/case-input.md)."""
        v = self.view
        source = v.source.value()
        dispute = v.dispute_type.value()
        out: dict[str, Any] = {
            "source": source.value if source else "",
            "dispute_type": dispute.value if dispute else "",
            "received_on": v.received_on.date().toString("yyyy-MM-dd"),
            "facts": v.facts.toPlainText().strip(),
            "claims": v.claims.toPlainText().strip(),
            "flags": [f.value for f, box in v.flags.items() if box.isChecked()],
            "parties": [p.data() for p in self.parties],
        }
        if v.title.text().strip():
            out["title"] = v.title.text().strip()
        if v.amount.text():
            out["amount"] = v.amount.text()
        if source and source.court_related and v.court_case_number.text().strip():
            out["court_case_number"] = v.court_case_number.text().strip()
        return out

    # -- preview ---------------------------------------------------------------------
    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self._timer.start()

    def check(self) -> Preview | None:
        """Validate now and show every problem (the Check button)."""
        self._attempted = True
        return self.refresh_preview()

    def refresh_preview(self) -> Preview | None:
        self._timer.stop()
        try:
            preview = self.services.cases.preview(self.data())
        except ValidationError as exc:  # while typing: shown, the focus stays where it is
            self.show_problems(exc.problems, focus=False)
            return None
        except DomainError as exc:
            self.show_domain_error(exc)
            return None
        self._show_preview(preview)
        if self._attempted:
            self.show_problems(preview.problems, preview.warnings, focus=False)
        else:
            self._show_warnings(preview.warnings)
        return preview

    def _show_preview(self, preview: Preview) -> None:
        v = self.view
        if preview.triage is not None:
            reasons = "\n".join(f"· {r}" for r in preview.triage.reasons)
            v.triage.setText(self.tr("Suggested track: %1").replace(
                "%1", preview.triage.category.label) + ("\n" + reasons if reasons else ""))
        else:
            v.triage.setText(self.tr("The suggestion appears once the form is complete."))
        if preview.related:
            lines = [f"{row.number} {row.title}（{enum_label(row.status)}，"
                     f"{format_cn_date(row.received_on)}）：{reason}"
                     for row, reason in preview.related]
            v.related.setText("\n".join(lines))
            v.related.setStyleSheet("color: #8a5300;")
        else:
            v.related.setText(self.tr("None"))
            v.related.setStyleSheet("")

    def _show_warnings(self, warnings: dict[str, list[str]]) -> None:
        self.view.warnings.show_messages([m for msgs in warnings.values() for m in msgs])
        self.view.court_warning.show_messages(warnings.get("court_case_number", []))
        for i, editor in enumerate(self.parties):
            for key in ("credit_code", "id_number"):
                editor.errors[f"{key}#warning"].show_messages(
                    warnings.get(f"parties[{i}].{key}", []))

    # -- errors ---------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, list[str]],
                      warnings: dict[str, list[str]] | None = None, *,
                      focus: bool = True) -> None:
        """Case-level problems next to their fields, party problems in their editor."""
        own: dict[str, list[str]] = {}
        per_party: list[dict[str, list[str]]] = [{} for _ in self.parties]
        for path, messages in problems.items():
            m = _PARTY_PATH.match(path)
            if m and int(m.group(1)) < len(self.parties):
                key = m.group(2) or "name"
                per_party[int(m.group(1))].setdefault(key, []).extend(messages)
            else:
                own.setdefault(path, []).extend(messages)
        super().show_problems(own)
        warnings = warnings if warnings is not None else self._last_warnings
        for i, editor in enumerate(self.parties):
            prefix = f"parties[{i}]."
            editor.show_problems(per_party[i], {k[len(prefix):]: v for k, v in warnings.items()
                                                if k.startswith(prefix)})
        self.view.warnings.show_messages(
            [m for k, msgs in warnings.items() if not k.startswith("parties[") for m in msgs])
        self.view.court_warning.show_messages(warnings.get("court_case_number", []))
        self._keep_error_lines()
        if focus:
            self._focus_first_problem(own, per_party)

    def _keep_error_lines(self) -> None:
        """Every error line now showing keeps its place once its error clears."""
        labels = [*self.errors.values(), self.view.court_warning]
        for editor in self.parties:
            labels += editor.errors.values()
        for label in labels:
            if label.isVisibleTo(self):
                reserve_line(label)

    def focus_first_error(self) -> None:  # done by _focus_first_problem
        pass

    def _focus_first_problem(self, own: dict[str, list[str]],
                             per_party: list[dict[str, list[str]]]) -> None:
        target: QWidget | None = None
        for path, label in self.errors.items():
            if path in own and label.parentWidget() is not None:
                target = label.parentWidget()
                break
        if target is None:
            for editor, problems in zip(self.parties, per_party, strict=True):
                if problems:
                    target = editor.first_error_field()
                    break
        if target is None:
            return
        scroll = self.view.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(target)
        (target.focusProxy() or target).setFocus()

    # -- saving --------------------------------------------------------------------------
    def save(self) -> None:
        self._attempted = True
        data = self.data()
        preview = self.services.cases.preview(data)
        self._show_preview(preview)
        self._last_warnings = preview.warnings
        if preview.problems:
            raise ValidationError(preview.problems)
        case = self.services.cases.register(self.services.actor, data)
        self.created_case_id = case.id
