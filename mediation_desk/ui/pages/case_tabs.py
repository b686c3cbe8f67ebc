"""Read-only tabs of the case page: parties, agreement, follow-up visits (the timeline:
timeline_tab.py)."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.corrections import CORRECTION_NOTE, SUPPLEMENTARY_AGREEMENT, corrections
from ...domain.enums import CaseStatus, EventKind, PartyKind, Performance
from ...domain.formatting import format_amount, format_cn_date, format_cn_datetime, numeral
from ...domain.masking import mask_id_number, mask_phone
from ...domain.models import Agreement, Case, CaseEvent, Party
from ..widgets.enum_combo import enum_label

translate = QCoreApplication.translate


def when(dt: datetime) -> str:
    """An event time in local time, Chinese style."""
    return format_cn_datetime(dt.astimezone() if dt.tzinfo else dt)


def read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text if len(text) > 30 else "")
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class PartiesTab(QWidget):
    """Parties with ID and phone masked; ``reveal_requested(party_id)`` asks for full numbers."""

    reveal_requested = Signal(str)
    COL_ID, COL_PHONE, COL_AGENT, COL_REVEAL = 3, 4, 6, 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.table = read_only_table([
            self.tr("Role"), self.tr("Type"), self.tr("Name"), self.tr("ID number / credit code"),
            self.tr("Phone"), self.tr("Address"), self.tr("Agent"), ""])
        self.table.setObjectName("partiesTable")
        layout.addWidget(self.table)
        self.parties: list[Party] = []

    def load(self, case: Case) -> None:
        self.parties = sorted((p for p in case.parties if not p.deleted),
                              key=lambda p: p.position)
        rows = []
        for p in self.parties:
            ident = (p.credit_code if p.kind is PartyKind.ORGANISATION
                     else mask_id_number(p.id_number))
            about = "，".join(x for x in (p.ethnicity, p.occupation) if x)  # 民族，职业
            rows.append([enum_label(p.role), enum_label(p.kind),
                         f"{p.name}（{about}）" if about else p.name, ident or "—",
                         mask_phone(p.phone) or "—", p.address or p.village or "—",
                         self._agent(p, mask_id_number(p.agent_id_number),
                                     mask_phone(p.agent_phone)), ""])
        fill(self.table, rows)
        for row, p in enumerate(self.parties):
            has_numbers = bool(p.id_number or p.phone or p.agent_phone or p.agent_id_number)
            button = QPushButton(self.tr("Show full numbers"))
            button.setObjectName(f"reveal_{row}")
            button.setToolTip(self.tr("Shows the full ID and phone numbers; the viewing is "
                                      "recorded in the audit log."))
            button.setEnabled(has_numbers)
            button.clicked.connect(lambda _c=False, pid=p.id: self.reveal_requested.emit(pid))
            self.table.setCellWidget(row, self.COL_REVEAL, button)

    def _agent(self, p: Party, id_number: str, phone: str) -> str:
        if not p.agent_name:
            return "—"
        bits = [p.agent_name, p.agent_relation, id_number, phone]
        return " ".join(b for b in bits if b)

    def show_full(self, party_id: str, numbers: dict[str, str]) -> None:
        """Put the revealed numbers in the party's row."""
        for row, p in enumerate(self.parties):
            if p.id != party_id:
                continue
            if p.kind is PartyKind.PERSON:
                self.table.item(row, self.COL_ID).setText(numbers.get("id_number") or "—")
            self.table.item(row, self.COL_PHONE).setText(numbers.get("phone") or "—")
            self.table.item(row, self.COL_AGENT).setText(self._agent(
                p, numbers.get("agent_id_number", ""), numbers.get("agent_phone", "")))
            button = self.table.cellWidget(row, self.COL_REVEAL)
            if isinstance(button, QPushButton):
                button.setEnabled(False)
                button.setText(self.tr("Shown (logged)"))


def describe_event(e: CaseEvent) -> str:
    """What an event says, in one or two lines."""
    d = e.data or {}
    parts: list[str] = []
    if e.kind is EventKind.STATUS_CHANGE:
        old = CaseStatus(d["from"]) if d.get("from") else None
        new = CaseStatus(d["to"]) if d.get("to") else None
        parts.append(f"{enum_label(old)} → {enum_label(new)}" if old else enum_label(new))
    elif e.kind is EventKind.FOLLOW_UP and d.get("performance"):
        parts.append(enum_label(Performance(d["performance"])))
        parts.append(translate("CaseTabs", "satisfaction %1/5").replace(
            "%1", str(d.get("satisfaction", ""))))
    elif e.kind is EventKind.EXTENSION and d.get("days"):
        days = int(d["days"])
        parts.append(translate("CaseTabs", "%n more day(s)", "", days))
        if d.get("new_due"):
            parts.append(translate("CaseTabs", "now due %1").replace(
                "%1", format_cn_date(datetime.fromisoformat(d["new_due"]).date())))
    elif e.kind is EventKind.RESUMPTION and "suspended_days" in d:
        stopped = int(d["suspended_days"])
        parts.append(translate("CaseTabs", "suspended for %n day(s)", "", stopped))
    if e.place:
        parts.append(e.place)
    if e.participants:
        parts.append(e.participants)
    if e.notes:
        parts.append(e.notes)
    return "；".join(parts)


class FollowUpsTab(QWidget):
    """Follow-up visits (回访): performance, satisfaction 1-5, notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.table = read_only_table([self.tr("Visited"), self.tr("Performance"),
                                      self.tr("Satisfaction"), self.tr("Place"),
                                      self.tr("Notes"), self.tr("Visited by")])
        self.table.setObjectName("followUpsTable")
        layout.addWidget(self.table)

    def load(self, events: list[CaseEvent]) -> None:
        rows = []
        for e in events:
            if e.kind is not EventKind.FOLLOW_UP:
                continue
            d = e.data or {}
            score = int(d.get("satisfaction", 0))
            rows.append([format_cn_date(e.occurred_at.date()),
                         enum_label(Performance(d["performance"])) if d.get("performance")
                         else "", f"{'★' * score}{'☆' * (5 - score)} {score}/5",
                         e.place, e.notes, e.actor])
        fill(self.table, rows)


class AgreementTab(QWidget):
    """The agreement as it will read on the 协议书; ``correct_requested(agreement id)`` asks
    for its correction (a 补充协议 or a 更正说明: it is in effect)."""

    correct_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setObjectName("agreementView")
        layout.addWidget(self.view)
        self.correct_button = QPushButton(self.tr("Correct the agreement…"))
        self.correct_button.setObjectName("correctAgreementTab")
        self.correct_button.setToolTip(self.tr(
            "An agreement in effect is never edited: add a supplementary agreement or a "
            "correction note."))
        self.correct_button.setEnabled(False)
        layout.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignRight)
        self.agreement_id = ""
        self.correct_button.clicked.connect(
            lambda: self.agreement_id and self.correct_requested.emit(self.agreement_id))

    def load(self, case: Case, agreement: Agreement | None,
             events: list[CaseEvent] | None = None) -> None:
        """Show ``agreement``; with the case's ``events``, its 补充协议 and 更正说明 below."""
        self.agreement_id = agreement.id if agreement is not None else ""
        self.correct_button.setEnabled(agreement is not None)
        if agreement is None:
            self.view.setPlainText(self.tr("No agreement has been recorded."))
            return
        e = html.escape
        rows = [(self.tr("Form"), f"{enum_label(agreement.form)}，{enum_label(agreement.scope)}")]
        if agreement.effective_on:
            rows.append((self.tr("Effective on"), format_cn_date(agreement.effective_on)))
        if case.jc_due_on:
            rows.append((self.tr("Judicial confirmation: apply by"),
                         format_cn_date(case.jc_due_on)))
        if agreement.amount is not None:
            rows.append((self.tr("Amount"), format_amount(agreement.amount)))
        parts = ["<table cellspacing='4'>"]
        parts += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        parts.append("</table>")
        facts_heading = self.tr("Facts, issues and responsibility")
        terms_heading = self.tr("Agreed terms")
        performance_heading = self.tr("Performance")
        if agreement.facts:
            parts.append(f"<h4>{e(facts_heading)}</h4><p>{e(agreement.facts)}</p>")
        parts.append(f"<h4>{e(terms_heading)}</h4>")
        parts += [f"<p>{numeral(i)}、{e(c)}</p>" for i, c in enumerate(agreement.clauses)]
        perf = [(self.tr("Manner"), agreement.performance_method),
                (self.tr("Place"), agreement.performance_place),
                (self.tr("Time limit"), format_cn_date(agreement.performance_deadline)
                 if agreement.performance_deadline else "")]
        perf = [(k, v) for k, v in perf if v]
        if perf:
            parts.append(f"<h4>{e(performance_heading)}</h4>")
            parts += [f"<p><b>{e(k)}：</b>{e(v)}</p>" for k, v in perf]
        parts += self._corrections(agreement, events or [])
        self.view.setHtml("".join(parts))

    def _corrections(self, agreement: Agreement, events: list[CaseEvent]) -> list[str]:
        """The agreement's 补充协议 (their terms) and 更正说明, oldest first, as HTML."""
        e = html.escape
        out: list[str] = []
        for c in corrections(events):
            if c.target_id != agreement.id:
                continue
            on = format_cn_date(c.event.occurred_at.date())
            if c.action == SUPPLEMENTARY_AGREEMENT:
                heading = self.tr("Supplementary agreement of %1 (reason: %2)")
                terms = [str(t) for t in (c.event.data or {}).get("clauses", [])]
                out.append(f"<h4>{e(heading.replace('%1', on).replace('%2', c.reason))}</h4>")
                out += [f"<p>{numeral(i)}、{e(t)}</p>" for i, t in enumerate(terms)]
            elif c.action == CORRECTION_NOTE:
                heading = self.tr("Correction note of %1 (reason: %2)")
                out.append(f"<h4>{e(heading.replace('%1', on).replace('%2', c.reason))}</h4>")
                out.append(f"<p>{e(c.event.notes)}</p>")
        return out

    def text(self) -> str:
        return self.view.toPlainText()


