"""What importing a bundle would do, center by center and case by case (a dry run).

:func:`preview_bundle` runs the import's checks exactly as ``import_bundle(dry_run=True)``
does (verify, the ledger, the sequence, ownership) and returns the same report, plus each
case the bundle would add or change, under its center: new, updated or conflicting, with
the fields that change (the case's own and its records': parties, events, agreement, ...)
and the records it gains. Nothing is written; the apply path is untouched.

The records are decided a second time beside the import's own planning (the planner keeps
only counts): a preview reads what the desk holds of each incoming record twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exchange.merge import FIXED
from ..storage.store import Store
from .access import require
from .exchange_import import (
    ImportReport,
    _counted,
    _local_case,
    _read,
    check_sequence,
    gc_paused,
    ownership_context,
    verify,
)
from .import_stream import Planner, decide_batch

CASE_CHILDREN = ("parties", "events", "agreements", "attachments", "documents")
BOOKKEEPING = (*FIXED, "deleted")  # not a change a person reads ("deleted" is told apart)


@dataclass(frozen=True)
class FieldChange:
    """One field of one record that the import changes (or leaves in conflict)."""

    entity: str
    field: str
    before: Any
    after: Any
    conflicting: bool = False  # both desks changed it: this desk's value is kept for now


@dataclass
class CasePreview:
    """One case the bundle adds or changes."""

    case_id: str
    number: str = ""
    title: str = ""
    center_id: str = ""
    outcome: str = "unchanged"  # new | updated | conflicting | unchanged
    changes: list[FieldChange] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)  # records gained, by entity
    removed: Counter[str] = field(default_factory=Counter)  # records deleted, by entity

    def mark(self, outcome: str) -> None:
        rank = {"unchanged": 0, "updated": 1, "conflicting": 2, "new": 3}
        if rank[outcome] > rank[self.outcome]:
            self.outcome = outcome


@dataclass
class CenterPreview:
    """The cases of one center the bundle adds or changes."""

    center_id: str
    code: str
    name: str
    cases: list[CasePreview] = field(default_factory=list)
    unchanged: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for c in self.cases if c.outcome == outcome)


@dataclass
class ImportPreview(ImportReport):
    """The dry run's report and its cases per center."""

    centers: list[CenterPreview] = field(default_factory=list)


class _CaseCollector:
    """Decides each validated batch again and keeps, per case, what would change."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cases: dict[str, CasePreview] = {}
        self.center_names: dict[str, tuple[str, str]] = {}

    def case(self, case_id: str) -> CasePreview:
        found = self.cases.get(case_id)
        if found is None:
            found = self.cases[case_id] = CasePreview(case_id)
        return found

    def add(self, entity: str, rows: list[dict[str, Any]]) -> None:
        if entity == "centers":
            self.center_names.update({r["id"]: (r["code"], r["name"]) for r in rows})
            return
        if entity != "cases" and entity not in CASE_CHILDREN:
            return
        decided, items = decide_batch(self.store, entity, rows, "")
        for (r, d), item in zip(decided, items, strict=True):
            case_id = r["id"] if entity == "cases" else r.get("case_id")
            if not case_id:
                continue
            preview = self.case(case_id)
            if entity == "cases":
                preview.number, preview.title = r["number"], r["title"]
                preview.center_id = r["center_id"]
            if d.outcome == "unchanged":
                continue
            if d.outcome == "new":
                if entity == "cases":
                    preview.mark("new")
                elif not r["deleted"]:
                    preview.added[entity] += 1
                    preview.mark("updated")
                continue
            preview.mark(d.outcome)
            local = item.local or {}
            if r["deleted"] and not local.get("deleted"):
                preview.removed[entity] += 1
                continue
            conflicted = {name for name, _mine, _theirs in d.conflicts}
            for name, _mine, theirs in d.conflicts:
                preview.changes.append(FieldChange(entity, name, local.get(name), theirs, True))
            after = d.write or r
            for name, value in after.items():
                if name in BOOKKEEPING or name in conflicted or local.get(name) == value:
                    continue
                preview.changes.append(FieldChange(entity, name, local.get(name), value))

    def centers(self) -> list[CenterPreview]:
        """The cases under their centers (by code), each center's cases by number."""
        known = {c.id: (c.code, c.name) for c in self.store.directory.centers()}
        known.update(self.center_names)
        for preview in self.cases.values():
            if not preview.number:  # only its records travel: the case is this desk's
                local = _local_case(self.store, preview.case_id) or {}
                preview.number = str(local.get("number", ""))
                preview.title = str(local.get("title", ""))
                preview.center_id = str(local.get("center_id", ""))
        per: dict[str, CenterPreview] = {}
        for preview in self.cases.values():
            code, name = known.get(preview.center_id, ("", preview.center_id))
            center = per.setdefault(preview.center_id,
                                    CenterPreview(preview.center_id, code, name))
            if preview.outcome == "unchanged":
                center.unchanged += 1
            else:
                center.cases.append(preview)
        for center in per.values():
            center.cases.sort(key=lambda c: c.number)
        return sorted(per.values(), key=lambda c: (c.code, c.name))


@dataclass
class _PreviewPlanner(Planner):
    """The import's planner, telling each batch to the case collector too."""

    collector: _CaseCollector | None = None

    def __call__(self, manifest: dict[str, Any], entity: str,
                 rows: list[dict[str, Any]]) -> None:
        super().__call__(manifest, entity, rows)
        if self.collector is not None:
            self.collector.add(entity, rows)


def preview_bundle(store: Store, actor: str, path: str | Path) -> ImportPreview:
    """The dry run of ``import_bundle`` with each case it adds or changes, per center.

    Refuses (``BundleRejected``) exactly where the import would."""
    with gc_paused():
        require(store, "import_bundle")
        collector = _CaseCollector(store)
        planner = _PreviewPlanner(store, lambda manifest: ownership_context(store, manifest),
                                  lambda case_id: _local_case(store, case_id),
                                  collector=collector)
        opened = verify(store, _read(path), planner)
        m = opened.manifest
        if store.exchange.ledger_entry(m["bundle_id"]) is not None:
            return ImportPreview(m["bundle_id"], m["sender"]["code"], m["kind"],
                                 m["sequence"], already_applied=True, dry_run=True)
        missing = check_sequence(store, m)
        planner.raise_refusal()
        report = _counted(opened, planner.outcomes, dry_run=True)
        preview = ImportPreview(**vars(report), centers=collector.centers())
        preview.missing = missing
        return preview
