"""The exchangeable record types by entity name (the tables and bundle members share them).

Order matters: referenced entities come first.
"""

from __future__ import annotations

from . import codec
from .documents import DocumentRecord
from .models import (
    Agreement,
    Attachment,
    Case,
    CaseEvent,
    Center,
    HolidayNotice,
    Mediator,
    Party,
)

ENTITIES: dict[str, tuple[type, tuple[str, ...]]] = {
    "centers": (Center, ()),
    "mediators": (Mediator, ()),
    "cases": (Case, ("parties",)),
    "parties": (Party, ()),
    "events": (CaseEvent, ()),
    "agreements": (Agreement, ()),
    "attachments": (Attachment, ()),
    "holiday_notices": (HolidayNotice, ()),
    "documents": (DocumentRecord, ()),  # the document register (文书登记), bundle schema 2
}
"""entity -> (record class, fields not carried as columns)."""


AUDIT_NAMES: dict[str, str] = {
    "centers": "center", "mediators": "mediator", "cases": "case", "parties": "party",
    "events": "event", "agreements": "agreement", "attachments": "attachment",
    "holiday_notices": "holiday_notice", "documents": "document",
}
"""entity -> the singular name its changes carry in the audit trail (as a form's save writes)."""


def fields_of(entity: str) -> list[str]:
    """Column / wire field names of an entity, in declaration order."""
    cls, exclude = ENTITIES[entity]
    return codec.field_names(cls, exclude=exclude)
