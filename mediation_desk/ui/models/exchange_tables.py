"""Small tables of the exchange and court screens, loaded whole (a few dozen rows).

Trusted desks (信任名单), open conflicts (冲突), per-center counts and the dashboard
figures of the court liaison desk, and an import preview's centers and cases. Each
model's rows are replaced in one reset.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...domain.codec import fen_to_yuan
from ...domain.enums import CaseSource, CaseStatus, DisputeType, EndReason, EventKind, PartyRole
from ...domain.formatting import format_yuan
from ...domain.masking import mask_id_number, mask_phone
from ...services.court import CenterCounts
from ...services.exchange_status import OpenConflict, RevokedKey, TrustedDesk
from ...services.import_preview import CasePreview, CenterPreview
from .. import labels
from .rows_model import RowsModel

KeyRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class TrustedDesksModel(RowsModel):
    """Code, name, kind, fingerprint, status, last bundle sent and received."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Code"), self.tr("Name"), self.tr("Kind"), self.tr("Fingerprint"),
                self.tr("Status"), self.tr("Last sent"), self.tr("Last received"),
                self.tr("Missing files"))

    def missing_text(self, missing: tuple[int, ...]) -> str:
        if not missing:
            return self.tr("None")
        return self.tr("No. {0}").format("、".join(str(n) for n in missing[:10])) + \
            ("…" if len(missing) > 10 else "")

    def last_text(self, value: tuple[int, str] | None) -> str:
        """A ledger entry as "No. 3, 2026-03-02 09:00"."""
        if value is None:
            return self.tr("Never")
        seq, at = value
        return self.tr("No. {0}, {1}").format(seq, at[:16].replace("T", " "))

    def kind_text(self, kind: str) -> str:
        return {"center": self.tr("Mediation center"), "court": self.tr("Court liaison desk"),
                "field": self.tr("Field laptop")}.get(kind, kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d: TrustedDesk = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.code, d.name, self.kind_text(d.kind), d.fingerprint,
                    self.tr("Revoked") if d.revoked else self.tr("Trusted"),
                    self.last_text(d.last_sent), self.last_text(d.last_received),
                    self.missing_text(d.missing))[col]
        if role == Qt.ItemDataRole.FontRole and col == 3:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == 7 and d.missing:
            return QColor("#842029")
        if role == Qt.ItemDataRole.ForegroundRole and d.revoked:
            return QColor("#842029") if col == 4 else QColor("#6c757d")
        if role == KeyRole:
            return d.code
        return None


class RevokedKeysModel(RowsModel):
    """Code, fingerprint, when and why a key was revoked."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Code"), self.tr("Fingerprint"), self.tr("Revoked at"),
                self.tr("Reason"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        k: RevokedKey = self.rows[index.row()]
        return (k.code, k.fingerprint, k.revoked_at[:16].replace("T", " "),
                k.reason)[index.column()]


class ConflictsModel(RowsModel):
    """Case, record, field, this desk's value, the incoming value."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Case"), self.tr("Record"), self.tr("Field"), self.tr("Value here"),
                self.tr("Incoming value"))

    def entity_text(self, entity: str) -> str:
        return {"cases": self.tr("Case"), "parties": self.tr("Party"),
                "events": self.tr("Event"), "agreements": self.tr("Agreement"),
                "attachments": self.tr("Attachment"), "mediators": self.tr("Mediator"),
                "centers": self.tr("Center")}.get(entity, entity)

    def field_text(self, name: str) -> str:
        """The form's name of a record field (the field's own name when not listed)."""
        return {"facts": self.tr("Facts"), "claims": self.tr("Claims"),
                "title": self.tr("Title"), "amount": self.tr("Amount (yuan)"),
                "status": self.tr("Status"), "due_on": self.tr("Due date"),
                "dispute_type": self.tr("Dispute type"), "mediator_ids": self.tr("Mediators"),
                "name": self.tr("Name"), "phone": self.tr("Phone"),
                "address": self.tr("Address"), "id_number": self.tr("ID number"),
                "notes": self.tr("Notes"), "court_case_number": self.tr("Court case number"),
                "filing_number": self.tr("Filing number"), "jc_ruling": self.tr("Ruling"),
                }.get(name, name)

    @staticmethod
    def value_text(value: object) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c: OpenConflict = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (c.case_number, self.entity_text(c.entity), self.field_text(c.field),
                    self.value_text(masked(c.field, c.local_value)),
                    self.value_text(masked(c.field, c.incoming_value)))[index.column()]
        if role == KeyRole:
            return c.seq
        return None


def masked(field: str, value: object) -> object:
    """A conflicting ID or phone number as every list shows it: masked."""
    if isinstance(value, str) and value:
        if field.endswith("id_number"):
            return mask_id_number(value)
        if field.endswith("phone"):
            return mask_phone(value)
    return value


class CenterCountsModel(RowsModel):
    """Per-center counts of the court liaison desk (法院联络台)."""

    FIELDS = ("received", "in_mediation", "agreed", "overdue", "handed_to_filing",
              "jc_applied", "jc_confirmed")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Center"), self.tr("Received"), self.tr("In mediation"),
                self.tr("Agreed"), self.tr("Overdue"), self.tr("Handed to filing"),
                self.tr("JC applied"), self.tr("JC confirmed"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r: CenterCounts = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{r.name}（{r.code}）"
            return getattr(r, self.FIELDS[col - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and r.overdue:
            return QColor("#842029")
        if role == KeyRole:
            return r.center_id
        return None


CasesRole = Qt.ItemDataRole.UserRole + 2  # the ids of the cases a figure counts


class CourtFiguresModel(RowsModel):
    """The court dashboard: per center (then 合计) the figures of a period (CenterFigures)."""

    FIELDS = ("sent", "accepted", "refused", "overdue", "jc_applied", "jc_confirmed",
              "handed_over")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.total: Any = None

    def set_figures(self, centers: list[Any], total: Any) -> None:
        self.total = total
        self.set_rows([*centers, total])

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Center"), self.tr("Referred"), self.tr("Accepted"),
                self.tr("Refused"), self.tr("Overdue now"), self.tr("JC applied"),
                self.tr("JC confirmed"), self.tr("Handed to filing"))

    def center_text(self, r: Any) -> str:
        if r is self.total:
            return self.tr("Total")
        return f"{r.name}（{r.code}）" if r.code else r.name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        key = self.FIELDS[col - 1] if col > 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.center_text(r) if key is None else r.count(key)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "overdue" and r.count(key):
            return QColor("#842029")
        if role == Qt.ItemDataRole.FontRole and r is self.total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key is not None and r.count(key):
            return self.tr("Double-click or press Enter to list these cases")
        if role == KeyRole:
            return r.center_id
        if role == CasesRole and key is not None:
            return r.ids(key)
        return None


_ENUM_FIELDS = {"status": CaseStatus, "source": CaseSource, "dispute_type": DisputeType,
                "end_reason": EndReason, "kind": EventKind, "role": PartyRole}


_FIRST_FIELDS = ("status", "number", "court_case_number", "due_on", "accepted_on",
                 "mediator_ids", "closed_on", "end_reason", "end_note", "filing_number",
                 "jc_applied_on", "jc_ruling", "follow_up_due_on", "base_due_on")
"""The case fields a preview names first, in this order (the others follow)."""


class ImportCentersModel(RowsModel):
    """The import preview's centers: new, updated, conflicting and unchanged cases."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Center"), self.tr("New cases"), self.tr("Updated"),
                self.tr("Conflicting"), self.tr("Unchanged"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c: CenterPreview = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{c.name}（{c.code}）" if c.code else c.name
            if col == 4:
                return c.unchanged
            return c.count(("new", "updated", "conflicting")[col - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and c.count("conflicting"):
            return QColor("#842029")
        if role == KeyRole:
            return c.center_id
        return None


class ImportCasesModel(RowsModel):
    """The import preview's cases (of one center): number, title, what happens, the changes."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Case number"), self.tr("Title"), self.tr("Import"),
                self.tr("Changes"))

    def outcome_text(self, outcome: str) -> str:
        return {"new": self.tr("New"), "updated": self.tr("Updated"),
                "conflicting": self.tr("Conflicting")}.get(outcome, outcome)

    def entity_text(self, entity: str) -> str:
        return {"cases": self.tr("Case"), "parties": self.tr("Party"),
                "events": self.tr("Record"), "agreements": self.tr("Agreement"),
                "attachments": self.tr("Attachment"), "documents": self.tr("Document")
                }.get(entity, entity)

    def field_text(self, name: str) -> str:
        return {"status": self.tr("Status"), "number": self.tr("Case number"),
                "title": self.tr("Title"), "facts": self.tr("Facts"),
                "claims": self.tr("Claims"), "amount_fen": self.tr("Amount (yuan)"),
                "dispute_type": self.tr("Dispute type"), "source": self.tr("Source"),
                "accepted_on": self.tr("Accepted"), "due_on": self.tr("Due date"),
                "base_due_on": self.tr("Due date (before extensions)"),
                "closed_on": self.tr("Closed"), "end_reason": self.tr("End reason"),
                "end_note": self.tr("End note"), "mediator_ids": self.tr("Mediators"),
                "court_case_number": self.tr("Court case number"),
                "filing_number": self.tr("Filing number"), "jc_ruling": self.tr("Ruling"),
                "jc_due_on": self.tr("JC due"), "jc_applied_on": self.tr("JC applied"),
                "follow_up_due_on": self.tr("Follow-up due"),
                "suspended_since": self.tr("Suspended since"),
                "suspended_days": self.tr("Days suspended"),
                "extended_days": self.tr("Days extended"), "flags": self.tr("Flags"),
                "serial": self.tr("Serial"), "year": self.tr("Year"),
                "name": self.tr("Name"), "phone": self.tr("Phone"),
                "address": self.tr("Address"), "id_number": self.tr("ID number"),
                "notes": self.tr("Notes"), "place": self.tr("Place"),
                }.get(name, name)

    @staticmethod
    def value_text(name: str, value: object) -> str:
        value = masked(name, value)
        if value is None or value == "" or value == []:
            return "—"
        enum = _ENUM_FIELDS.get(name)
        if enum is not None and isinstance(value, str):
            try:
                return labels.label(enum(value))
            except ValueError:
                return value
        if name == "amount_fen" and isinstance(value, int):
            return format_yuan(fen_to_yuan(value))
        if name == "mediator_ids" and isinstance(value, list):
            return f"{len(value)}"
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        text = str(value)
        return text if len(text) <= 24 else text[:23] + "…"

    def change_lines(self, c: CasePreview) -> list[str]:
        """Each change in words, the case's status and number first."""
        if c.outcome == "new":
            return [self.tr("New case with its records")]
        fields = {ch.field for ch in c.changes if ch.entity == "cases"}
        hidden = {"year", "serial"} if "number" in fields else set()
        order = {name: i for i, name in enumerate(_FIRST_FIELDS)}
        changes = sorted((ch for ch in c.changes
                          if not (ch.entity == "cases" and ch.field in hidden)),
                         key=lambda ch: (ch.entity != "cases", order.get(ch.field, 99)))
        parts = []
        for ch in changes:
            label = self.field_text(ch.field)
            if ch.entity != "cases":
                label = f"{self.entity_text(ch.entity)}·{label}"
            text = f"{label}：{self.value_text(ch.field, ch.before)}→" \
                   f"{self.value_text(ch.field, ch.after)}"
            if ch.conflicting:
                text += self.tr(" (conflict: this desk's value kept)")
            parts.append(text)
        for entity, n in sorted(c.added.items()):
            parts.append(self.tr("new {0}: {1}").format(self.entity_text(entity), n))
        for entity, n in sorted(c.removed.items()):
            parts.append(self.tr("deleted {0}: {1}").format(self.entity_text(entity), n))
        return parts

    def changes_text(self, c: CasePreview) -> str:
        return "；".join(self.change_lines(c))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c: CasePreview = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (c.number, c.title, self.outcome_text(c.outcome), self.changes_text(c))[col]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text.replace("；", "\n") if col == 3 else text or None
            return text
        if role == Qt.ItemDataRole.ForegroundRole and c.outcome == "conflicting" and col == 2:
            return QColor("#842029")
        if role == KeyRole:
            return c.case_id
        return None
