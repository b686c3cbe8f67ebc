"""A bundle imported in batches: planned while it is verified, applied batch by batch.

A bundle's records are never all held at once. While :func:`bundle.open_bundle` parses and
validates each member a batch at a time, :class:`Planner` (its ``visit``) decides each batch
against the database (reads only) and keeps what the checks after parsing need: the ids
references point at, the incoming case numbers, the bundle's cases for the ownership rules
of their children (:class:`ownership.StreamChecker`), the attachment records, and the party
fields a new case's names and search text are made from. An ownership refusal found during
parsing is held back and raised in its documented place (after references and sequence).

:func:`apply_streamed` then runs inside the import's transaction: each member is read
again from the bundle, batch by batch, re-decided (a batch of an entity that had nothing
here at planning time is all new, unless something was written since) and written.
"""

from __future__ import annotations

import marshal
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..exchange import bundle, ownership
from ..exchange.errors import BundleRejected
from ..exchange.idset import IdSet
from ..exchange.merge import Decision, decide
from ..exchange.records import ENTITIES, References, fields_of
from ..storage.store import Store, Work

# The party fields a case's party summary and search text are built from (storage/cases.py;
# a deleted party contributes nothing and is not kept).
PARTY_VIEW = ("role", "position", "name", "phone", "id_number", "credit_code", "address",
              "village", "agent_name", "agent_phone", "legal_representative")
AUDIT_LISTED = 1000  # changed records listed one by one in the audit row; new ones are counted

Decided = list[tuple[dict[str, Any], Decision]]


def decide_batch(store: Store, entity: str, rows: list[dict[str, Any]], now: str,
                 *, all_new: bool = False) -> tuple[Decided, list[ownership.Item]]:
    """Merge decisions for a batch of incoming records, with their ownership items.

    ``all_new`` skips the look-up when the caller knows nothing of the batch is here.
    """
    ex = store.exchange
    local: dict[str, dict[str, Any]] = {}
    if not all_new:
        cls = ENTITIES[entity][0]
        local = {w["id"]: w for w in ex.wire_records(entity, cls, [r["id"] for r in rows],
                                                     fields_of(entity))}
    if not local:  # nothing here yet: every record is new (decide's first rule)
        return ([(r, Decision("new", r, r)) for r in rows],
                [ownership.Item(r, None, None, "new") for r in rows])
    base = ex.bases(entity, [r["id"] for r in rows])
    decided = [(r, decide(local.get(r["id"]), base.get(r["id"]), r, now)) for r in rows]
    return decided, [ownership.Item(r, local.get(r["id"]), base.get(r["id"]), d.outcome)
                     for r, d in decided]


@dataclass
class Planner:
    """The ``visit`` of :func:`bundle.open_bundle`: plans each validated batch (reads only)."""

    store: Store
    context: Callable[[dict[str, Any]], ownership.Context]
    local_case: Callable[[str], dict[str, Any] | None]
    checker: ownership.StreamChecker | None = None
    refused: BundleRejected | None = None  # the first ownership refusal, raised later
    references: References = field(default_factory=References)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    case_keys: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    centers: list[tuple[str, str]] = field(default_factory=list)
    outcomes: dict[str, Counter[str]] = field(default_factory=dict)
    has_local: set[str] = field(default_factory=set)  # entities with a record already here
    new_cases: IdSet = field(default_factory=IdSet)
    changed_party_cases: set[str] = field(default_factory=set)  # a party not new
    party_views: dict[str, bytes] = field(default_factory=dict)  # marshal, per case

    def __call__(self, manifest: dict[str, Any], entity: str,
                 rows: list[dict[str, Any]]) -> None:
        if self.checker is None:
            self.checker = ownership.StreamChecker(self.context(manifest), self.local_case)
        if entity == "cases":  # a few distinct values, kept per case: one string each
            for r in rows:
                r["center_id"], r["source"] = sys.intern(r["center_id"]), sys.intern(r["source"])
        self.references.add(entity, rows)
        if entity == "attachments":
            self.attachments += rows
        elif entity == "cases":
            self.case_keys += [(r["id"], r["center_id"], r["year"], r["serial"], r["number"])
                               for r in rows]
        elif entity == "centers":
            self.centers += [(r["id"], r["code"]) for r in rows]
        decided, items = decide_batch(self.store, entity, rows, "")
        if any(it.local is not None for it in items):
            self.has_local.add(entity)
        self.outcomes.setdefault(entity, Counter()).update(d.outcome for _r, d in decided)
        if entity == "cases":
            self.new_cases.update(r["id"] for r, d in decided if d.outcome == "new")
        elif entity == "parties":
            for r, d in decided:
                if d.outcome != "new":
                    self.changed_party_cases.add(r["case_id"])
                elif r["case_id"] in self.new_cases and not r["deleted"]:
                    self._keep_view(r)
        if self.refused is None:
            try:
                self.checker.add(entity, items)
            except BundleRejected as exc:
                self.refused = exc

    def _keep_view(self, party: dict[str, Any]) -> None:
        # packed (marshal: a few hundred bytes a party instead of a tuple of eleven strings)
        case_id = party["case_id"]
        views = self.party_views.get(case_id)
        view = tuple(party[k] for k in PARTY_VIEW)
        self.party_views[case_id] = marshal.dumps(
            (view,) if views is None else (*marshal.loads(views), view))

    def views_of(self, case_id: str) -> list[tuple[Any, ...]]:
        """The kept party views of a new case (each handed out once)."""
        packed = self.party_views.pop(case_id, None)
        return [] if packed is None else list(marshal.loads(packed))

    def raise_refusal(self) -> None:
        """Raise the ownership refusal found while parsing, if any."""
        if self.refused is not None:
            raise self.refused

    def release(self) -> None:
        """Drop what only the checks needed (the apply keeps the rest)."""
        self.checker = None
        self.references = References()
        self.case_keys = []


@dataclass
class Applied:
    """What :func:`apply_streamed` wrote, for the report, the audit row and the follow-ups."""

    outcomes: dict[str, Counter[str]] = field(default_factory=dict)
    listed: list[tuple[str, str, str, int]] = field(default_factory=list)  # first ones
    listed_count: int = 0
    # new case id -> center id (a field laptop's bundle only: reown_new_cases)
    new_cases_of: dict[str, str] = field(default_factory=dict)
    notice_years: list[int] = field(default_factory=list)  # changed holiday notices


def apply_streamed(store: Store, work: Work, opened: bundle.Opened, planner: Planner, *,
                   replan: bool, context: ownership.Context | None = None) -> Applied:
    """Write a bundle inside ``work``'s transaction, member by member, batch by batch.

    ``replan``: something was written since the planning, so every batch is decided and
    its ownership checked again (a refusal rolls the transaction back), and new cases take
    the general path (written, then refreshed from what is stored). Otherwise a new case
    whose parties are all new gets its names and search entries from the planner's views.
    """
    ex = store.exchange
    now = work.now
    checker = ownership.StreamChecker(context, _local_case(store)) if replan and context \
        else None
    # attachment contents first: only what a written record uses (or a conflict may take)
    wanted: set[str] = set()
    for i in range(0, len(planner.attachments), bundle.BATCH):
        decided, _items = decide_batch(store, "attachments",
                                       planner.attachments[i:i + bundle.BATCH], now)
        wanted.update(h for r, d in decided if d.outcome != "unchanged"
                      for h in ((d.write or r)["sha256"], r["sha256"]))
    ex.store_blobs({h: b for h, b in opened.attachments.items() if h in wanted})
    out = Applied()
    touched_cases: set[str] = set()
    fast_ok = not replan
    # new rows are sealed by the seq range they append (no note per row: an import of
    # millions of rows would hold a note of each until the audit row is written)
    with ex.appending():
        for entity in ENTITIES:
            _apply_entity(store, work, opened, planner, entity, out, touched_cases,
                          checker=checker, replan=replan, fast_ok=fast_ok)
        ex.refresh_cases(sorted(touched_cases))
    return out


def _apply_entity(store: Store, work: Work, opened: bundle.Opened, planner: Planner,
                  entity: str, out: Applied, touched_cases: set[str], *,
                  checker: ownership.StreamChecker | None, replan: bool,
                  fast_ok: bool) -> None:
    """One member, batch by batch: decide, write, and note what the peer holds and the
    new bases as each batch is written (nothing per record kept for the member's end)."""
    ex = store.exchange
    m = opened.manifest
    sender, now = m["sender"]["code"], work.now
    counter = out.outcomes.setdefault(entity, Counter())
    bases = ex.packed_bases(entity, opened.packed[entity]) if entity in opened.packed \
        else None
    line = 0
    for rows in opened.chunks(entity):
        all_new = not replan and entity not in planner.has_local
        decided, items = decide_batch(store, entity, rows, now, all_new=all_new)
        if checker is not None:
            checker.add(entity, items)
        _write_batch(store, entity, decided, planner, fast_ok, touched_cases)
        new_bases: list[tuple[str, int, int]] = []
        for n, (r, d) in enumerate(decided, line):
            counter[d.outcome] += 1
            if d.new_base is not None:
                new_bases.append((r["id"], r["version"], n))
            if d.outcome in ("updated", "conflicting"):
                out.listed_count += 1
                if len(out.listed) < AUDIT_LISTED:
                    out.listed.append((entity, r["id"], d.outcome, r["version"]))
        ex.add_conflicts([(m["bundle_id"], entity, r["id"], fname, mine, theirs, now)
                          for r, d in decided for fname, mine, theirs in d.conflicts])
        if entity == "cases" and m["kind"] == "field_to_center":  # reown_new_cases
            out.new_cases_of.update((r["id"], r["center_id"]) for r, d in decided
                                    if d.outcome == "new")
        elif entity == "holiday_notices":
            out.notice_years += [r["year"] for r, d in decided
                                 if d.outcome in ("new", "updated")]
        if bases is not None:
            bases.add(new_bases)
        ex.mark_known(sender, ((entity, r["id"], r["version"]) for r in rows))
        line += len(rows)
    if bases is not None:
        bases.close()


def _write_batch(store: Store, entity: str, decided: Decided, planner: Planner,
                 fast_ok: bool, touched_cases: set[str]) -> None:
    """Insert the batch's new records, upsert the others; note the cases to refresh."""
    ex = store.exchange
    fresh = [d.write for _r, d in decided if d.outcome == "new" and d.write is not None]
    writes = [d.write for _r, d in decided if d.outcome != "new" and d.write is not None]
    if entity == "cases":
        fast = [w for w in fresh
                if fast_ok and w["id"] not in planner.changed_party_cases]
        fast_ids = {w["id"] for w in fast}
        derived, bodies = ex.new_case_texts(fast, _party_views(planner, fast_ids))
        ex.insert_new(entity, fast, derived)
        ex.index_new_cases(bodies)
        slow = [w for w in fresh if w["id"] not in fast_ids]
        writes += slow
        ex.write_rows(entity, writes)
        touched_cases.update(w["id"] for w in writes)
        return
    ex.insert_new(entity, fresh)
    ex.write_rows(entity, writes)
    if entity == "parties":
        # a new case on the fast path already has its names; every other case is refreshed
        touched_cases.update(w["case_id"] for w in (*fresh, *writes)
                             if not (fast_ok and w["case_id"] in planner.new_cases
                                     and w["case_id"] not in planner.changed_party_cases))


def _party_views(planner: Planner, case_ids: set[str]) -> Iterable[dict[str, Any]]:
    for case_id in case_ids:
        for view in planner.views_of(case_id):
            yield {"case_id": case_id, "deleted": False, **dict(zip(PARTY_VIEW, view,
                                                                    strict=True))}


def _local_case(store: Store) -> Callable[[str], dict[str, Any] | None]:
    def local(case_id: str) -> dict[str, Any] | None:
        rows = store.exchange.wire_records("cases", ENTITIES["cases"][0], [case_id],
                                           fields_of("cases"))
        return rows[0] if rows else None
    return local
