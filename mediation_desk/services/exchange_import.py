"""Importing a bundle: verify everything, then apply it in one transaction.

Order: read (size cap) -> :func:`bundle.open_bundle` (decrypt, limits,
signature, recipient, versions, members, strict parsing, record validation)
-> kind and references -> plan the merge -> (dry run stops here) -> apply with
one audit row and a ledger entry. A bundle already in the ledger is a no-op.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.entities import AUDIT_NAMES
from ..domain.errors import DomainError
from ..domain.numbering import format_case_number
from ..exchange import bundle, ownership
from ..exchange.attachment_check import check_bundle_attachments
from ..exchange.errors import BundleRejected
from ..exchange.keys import DeskKeys, PublicKeys
from ..exchange.merge import Decision, decide
from ..exchange.records import ENTITIES, check_references, fields_of
from ..storage.audit import mask_value
from ..storage.store import Store, Work
from .access import require
from .exchange_status import missing_text
from .import_stream import Applied, Planner, apply_streamed

ACCEPTS = {"court": {"center_to_court"}, "center": {"court_to_center", "field_to_center"},
           "field": {"center_to_field", "enrollment"}}


@dataclass
class ImportReport:
    """The outcome (or, for a dry run, the preview) of an import."""

    bundle_id: str
    sender: str
    kind: str
    sequence: int
    counts: dict[str, int] = field(default_factory=dict)  # new/updated/unchanged/conflicting
    by_entity: dict[str, dict[str, int]] = field(default_factory=dict)
    already_applied: bool = False
    dry_run: bool = False
    missing: list[int] = field(default_factory=list)  # sequences skipped (a gap)
    renumbered: list[str] = field(default_factory=list)  # field cases numbered here

    def to_json(self) -> dict[str, Any]:
        """A JSON-able summary (for ``import --json``)."""
        return {"bundle_id": self.bundle_id, "sender": self.sender, "kind": self.kind,
                "sequence": self.sequence, "counts": self.counts, "by_entity": self.by_entity,
                "already_applied": self.already_applied, "dry_run": self.dry_run,
                "missing": self.missing, "renumbered": self.renumbered}


def trusted_lookup(store: Store) -> Callable[[str], bundle.Trusted | None]:
    """A function code -> :class:`bundle.Trusted` over this desk's trust list."""
    def lookup(code: str) -> bundle.Trusted | None:
        rows = store.exchange.trusted(code)
        if not rows:
            return None
        r = rows[0]
        return bundle.Trusted(code, PublicKeys(bytes(r["signing_public"]),
                                               bytes(r["encryption_public"])), bool(r["revoked"]))
    return lookup


def _read(path: str | Path) -> bytes:
    """The bundle file's bytes: a regular file only, at most the bundle size limit.

    A device (``/dev/zero``), pipe, folder or a file over the limit is refused before it can
    fill memory or hang the desk (``services/files.py``); an oversized one as
    ``file_too_large``, like any bundle over the limit.
    """
    from .files import InputFileRefused, read_input_file

    try:
        return read_input_file(path, limit=bundle.MAX_FILE_BYTES, what="交换文件")
    except InputFileRefused as exc:
        if exc.reason == "too_large":
            raise BundleRejected("file_too_large", message=exc.message) from None
        raise


def verify(store: Store, data: bytes | Callable[[], bytes],
           planner: Planner | None = None) -> bundle.Opened:
    """Every check short of merging; raise :class:`BundleRejected`.

    With a ``planner`` the records are planned batch by batch as they are validated and
    the checks after parsing run on what it kept (the records are not held); without,
    on the opened bundle's records.
    """
    found = store.exchange.load_keys()
    me = store.directory.self_center()
    if found is None or me is None:
        raise DomainError("本单位还没有密钥或尚未初始化，请先运行 init。", code="no_keys")
    opened = bundle.open_bundle(data, keys=DeskKeys(*found), my_code=me.code,
                                trusted=trusted_lookup(store), visit=planner)
    desk_kind = str(store.directory.setting("desk_kind", me.kind.value))
    if opened.manifest["kind"] not in ACCEPTS.get(desk_kind, set()):
        raise BundleRejected("wrong_kind", opened.manifest["kind"])
    if planner is None:
        check_references(opened.records, store.exchange.existing_ids, set(opened.attachments),
                         store.exchange.existing_blobs)
        check_bundle_attachments(opened.records, opened.attachments, store.items.blob)
        check_unique_keys(store, opened)
        return opened
    planner.references.check(store.exchange.existing_ids, set(opened.attachments),
                             store.exchange.existing_blobs)
    check_bundle_attachments({"attachments": planner.attachments}, opened.attachments,
                             store.items.blob)
    check_keys(store, planner.case_keys, planner.centers)
    return opened


def check_unique_keys(store: Store, opened: bundle.Opened) -> None:
    """:func:`check_keys` over an opened bundle's records."""
    check_keys(store, [(r["id"], r["center_id"], r["year"], r["serial"], r["number"])
                       for r in opened.records.get("cases", [])],
               [(r["id"], r["code"]) for r in opened.records.get("centers", [])])


def check_keys(store: Store, cases: list[tuple[str, str, int, int, str]],
               centers: list[tuple[str, str]]) -> None:
    """A case number or a center code that another record already holds here refuses the bundle
    (``case_number_taken``, ``code_taken``: a rejection like any other, nothing written).

    ``cases`` are the incoming (id, center id, year, serial, number), ``centers`` the
    incoming (id, code). Checked before anything is written (the database's UNIQUE
    constraints would stop the write anyway, but with a message no one can act on), and
    again inside the import's transaction when something was written since.
    """
    clashes = store.cases.serial_clashes([c[:4] for c in cases])
    if clashes:
        rid, local = clashes[0]
        _id, _center, year, serial, number = next(c for c in cases if c[0] == rid)
        held = f"本机已有的案件 {local}" if local else "同一文件中的另一件案件"
        raise BundleRejected("case_number_taken", message=(
            f"交换文件中的案件 {number} 与{held}占用同一个案号（{year}年"
            f"第{serial}号），为免两件案件混在一起，整个文件没有导入。"
            "请与发送方核对这件案件的案号。"))
    holders = store.directory.code_holders([code for _id, code in centers])
    for center_id, code in centers:
        held_by = holders.get(code)
        if held_by is not None and held_by[0] != center_id:
            raise BundleRejected("code_taken", message=(
                f"交换文件中的单位 {code} 与本机已知的另一个单位（{held_by[1]}）代码相同，"
                "整个文件没有导入。请与发送方核实单位代码。"))


Plan = dict[str, list[tuple[dict[str, Any], Decision]]]


def plan_merge(store: Store, opened: bundle.Opened, now: str) -> Plan:
    """Decide every incoming record, then refuse the bundle if its sender may not write one
    of the records it would change (``not_owner``; see :mod:`..exchange.ownership`)."""
    ex = store.exchange
    plan: Plan = {}
    items: dict[str, list[ownership.Item]] = {}
    for entity, (cls, _ex) in ENTITIES.items():
        incoming = opened.records[entity]
        ids = [r["id"] for r in incoming]
        local = {w["id"]: w for w in ex.wire_records(entity, cls, ids, fields_of(entity))}
        if not local:  # nothing here yet: every record is new (decide's first rule)
            plan[entity] = [(r, Decision("new", r, r)) for r in incoming]
            items[entity] = [ownership.Item(r, None, None, "new") for r in incoming]
            continue
        base = ex.bases(entity, ids)
        plan[entity] = [(r, decide(local.get(r["id"]), base.get(r["id"]), r, now))
                        for r in incoming]
        items[entity] = [ownership.Item(r, local.get(r["id"]), base.get(r["id"]), d.outcome)
                         for r, d in plan[entity]]
    ownership.check_bundle(ownership_context(store, opened.manifest), items,
                           lambda case_id: _local_case(store, case_id))
    return plan


def _local_case(store: Store, case_id: str) -> dict[str, Any] | None:
    rows = store.exchange.wire_records("cases", ENTITIES["cases"][0], [case_id],
                                       fields_of("cases"))
    return rows[0] if rows else None


def ownership_context(store: Store, manifest: dict[str, Any],
                      sender_center: str | None = None) -> ownership.Context:
    """What ownership is judged against: the sender's trusted center, this desk, the courts."""
    me = store.directory.self_center()
    assert me is not None  # verify() refused a desk without its own center
    sender = manifest["sender"]["code"]
    trusted = store.exchange.trusted()
    if sender_center is None:
        rows = [t for t in trusted if t["code"] == sender]
        sender_center = rows[0]["center_id"] if rows else ""
    courts = {t["code"] for t in trusted if t["kind"] == "court"}
    desk_kind = str(store.directory.setting("desk_kind", me.kind.value))
    if desk_kind == "court":
        courts.add(me.code)
    from .exchange import field_desks

    return ownership.Context(
        kind=manifest["kind"], sender=sender, sender_center=sender_center, my_code=me.code,
        my_center=me.id, center_codes=store.directory.center_codes(),
        court_codes=frozenset(courts),
        field_mediator=field_desks(store).get(sender, "") if manifest["kind"] ==
        "field_to_center" else "")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk import.

    An import builds hundreds of thousands of acyclic objects (parsed records,
    rows); the collector would otherwise walk the growing heap again and again
    (a fifth of the time of a 60,000-record import). Reference counting still
    frees everything; the collector's previous state is restored afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def import_bundle(store: Store, actor: str, path: str | Path, *,
                  dry_run: bool = False) -> ImportReport:
    """Verify and (unless ``dry_run``) apply a bundle file in one transaction."""
    with gc_paused():
        return _import(store, actor, path, dry_run=dry_run)


def _import(store: Store, actor: str, path: str | Path, *, dry_run: bool) -> ImportReport:
    require(store, "import_bundle")
    marker = store.changes.marker()
    planner = Planner(store, lambda manifest: ownership_context(store, manifest),
                      lambda case_id: _local_case(store, case_id))
    # the file's own refusals first (the desk's database, a device, too large), before the keys;
    # handed over once, so verify lets the bytes go once decrypted
    held = [_read(path)]
    opened = verify(store, held.pop, planner)
    m = opened.manifest
    if store.exchange.ledger_entry(m["bundle_id"]) is not None:
        return ImportReport(m["bundle_id"], m["sender"]["code"], m["kind"], m["sequence"],
                            already_applied=True, dry_run=dry_run)
    missing = check_sequence(store, m)
    planner.raise_refusal()  # ownership refused before any backup is taken
    if dry_run:
        report = _counted(opened, planner.outcomes, dry_run=True)
        report.missing = missing
        return report
    planner.release()
    from .backup import backup_before_import

    backup_before_import(store)  # a verified backup of the desk as it was before this bundle
    with store.operation(actor, "import_bundle") as work:
        if store.exchange.ledger_entry(m["bundle_id"]) is not None:  # applied meanwhile
            return ImportReport(m["bundle_id"], m["sender"]["code"], m["kind"], m["sequence"],
                                already_applied=True)
        missing = check_sequence(store, m)
        replan = store.changes.marker() != marker  # written since the plan: plan again
        if replan:
            check_keys(store, planner.case_keys, planner.centers)
        plan = StreamPlan(planner, replan, ownership_context(store, m) if replan else None)
        apply_plan(store, work, opened, plan)
        applied = plan.applied
        assert applied is not None
        renumbered = reown_new_cases(store, work, opened, applied.new_cases_of)
        moved = _calendar_after(store, work, applied.notice_years)
        opened.release()  # the plaintext is not needed for the audit row and its seals
        report = _counted(opened, applied.outcomes, dry_run=False)
        report.missing, report.renumbered = missing, renumbered
        work.summary = (f"导入{m['sender']['code']}的交换文件（序号{m['sequence']}）："
                        f"新增{report.counts['new']}，更新{report.counts['updated']}，"
                        f"未变{report.counts['unchanged']}，冲突{report.counts['conflicting']}")
        if moved:
            work.summary += f"；节假日安排已更新，重新计算{len(moved)}件案件的期限"
        if renumbered:
            work.summary += f"；外出调解笔记本登记的{len(renumbered)}件案件已由本中心编号"
        if missing:
            work.summary += f"；{missing_text(m['sender']['code'], tuple(missing))}"
    return report


def _counted(opened: bundle.Opened, outcomes: dict[str, Counter[str]], *,
             dry_run: bool) -> ImportReport:
    m = opened.manifest
    report = ImportReport(m["bundle_id"], m["sender"]["code"], m["kind"], m["sequence"],
                          dry_run=dry_run)
    total: Counter[str] = Counter({"new": 0, "updated": 0, "unchanged": 0, "conflicting": 0})
    for entity in ENTITIES:
        c = outcomes.get(entity, Counter())
        report.by_entity[entity] = dict(c)
        total.update(c)
    report.counts = dict(total)
    return report


MAX_SEQUENCE_JUMP = 1000  # more bundles than this skipped at once is not a lost file


def check_sequence(store: Store, manifest: dict[str, Any]) -> list[int]:
    """A bundle must be newer than the last one applied from its sender.

    An older one is refused (``sequence_old``: everything it carried that this desk has not
    acknowledged travels again in every later bundle, so nothing is lost); a jump of more than
    :data:`MAX_SEQUENCE_JUMP` is refused (``sequence_jump``). Returns the sequences skipped
    (a gap: files that were never imported), which the 交换 page and the report show.
    """
    sender, seq = manifest["sender"]["code"], manifest["sequence"]
    last = store.exchange.last_sequence(sender, "in")
    if seq <= last:
        raise BundleRejected(
            "sequence_old",
            f"已导入来自{sender}的第{last}号交换文件，这份是第{seq}号，较旧；"
            "它的内容已包含在较新的文件中，无需导入")
    if seq > last + MAX_SEQUENCE_JUMP:
        raise BundleRejected(
            "sequence_jump",
            f"上一份来自{sender}的交换文件是第{last}号，这份却是第{seq}号，序号跳跃异常")
    return list(range(last + 1, seq))


def reown_field_cases(store: Store, work: Work, opened: bundle.Opened, plan: Plan) -> list[str]:
    """:func:`reown_new_cases` for a planned merge held in memory."""
    return reown_new_cases(store, work, opened, {r["id"]: r["center_id"] for r, d in
                                                 plan["cases"] if d.outcome == "new"})


def reown_new_cases(store: Store, work: Work, opened: bundle.Opened,
                    new_cases: dict[str, str]) -> list[str]:
    """Cases a field laptop registered become this center's, with this center's numbers.

    ``new_cases`` maps each case new here to its incoming center id. The laptop learns the
    new number and center from the center's next bundle (the case is changed here after its
    merge base was set, so the change travels back).
    """
    if opened.manifest["kind"] != "field_to_center":
        return []
    me = store.directory.self_center()
    assert me is not None
    laptop = [t["center_id"] for t in store.exchange.trusted(opened.manifest["sender"]["code"])]
    fresh = [cid for cid, center in new_cases.items() if laptop and center == laptop[0]]
    numbers = []
    for case_id in fresh:
        case = store.cases.get(case_id)
        assert case is not None
        old = case.number
        case.center_id = me.id
        case.serial = work.next_serial(me.id, case.year)
        case.number = format_case_number(case.year, me.number_prefix, case.serial)
        work.save_case(case)
        work.note("case", case.id, {"number": [old, case.number]})
        numbers.append(case.number)
    return numbers


def _calendar_after_import(store: Store, work: Work, plan: Plan) -> list[str]:
    """:func:`_calendar_after` for a planned merge held in memory."""
    return _calendar_after(store, work, [r["year"] for r, d in plan.get("holiday_notices", [])
                                         if d.outcome in ("new", "updated")])


def _calendar_after(store: Store, work: Work, changed_years: list[int]) -> list[str]:
    """Recompute this desk's deadlines when a bundle brought a changed holiday notice."""
    if not changed_years:
        return []
    from .calendar import recompute_deadlines

    return recompute_deadlines(store, work, date(min(changed_years) - 1, 12, 1))


AUDIT_LISTED = 1000  # changed records listed one by one in the audit row; new ones are counted


def apply_plan(store: Store, work: Work, opened: bundle.Opened,
               plan: Plan | StreamPlan) -> Applied | None:
    """Write a planned merge inside ``work``'s transaction, with the ledger entry.

    A :class:`StreamPlan` (an import) is applied batch by batch by
    :func:`import_stream.apply_streamed` and returns what it wrote; a plan held in memory
    (an enrollment: one laptop's cases) is written as follows.

    Records new to this desk go in as plain batched INSERTs (new cases with
    their names and search entries computed from the bundle); the others are
    upserted and their cases refreshed. The audit row counts new records per
    entity and lists changed and conflicting ones.
    """
    if isinstance(plan, StreamPlan):
        return _apply_stream(store, work, opened, plan)
    ex = store.exchange
    m = opened.manifest
    sender = m["sender"]["code"]
    # only content a written record uses (or a conflict may take): nothing unreferenced
    wanted = {h for r, d in plan["attachments"] if d.outcome != "unchanged"
              for h in ((d.write or r)["sha256"], r["sha256"])}
    ex.store_blobs({h: b for h, b in opened.attachments.items() if h in wanted})
    touched_cases: set[str] = set()
    conflicts: list[tuple[Any, ...]] = []
    listed: list[tuple[str, str, str, int]] = []
    new_ids = {e: {r["id"] for r, d in items if d.outcome == "new"} for e, items in plan.items()}
    fast_cases = new_ids["cases"] - {r["case_id"] for r, d in plan["parties"]
                                     if d.outcome != "new"}
    for entity, items in plan.items():
        fresh = [d.write for _r, d in items if d.outcome == "new" and d.write is not None]
        writes = [d.write for _r, d in items if d.outcome != "new" and d.write is not None]
        if entity == "cases":
            fast = [w for w in fresh if w["id"] in fast_cases]
            derived, bodies = ex.new_case_texts(
                fast, (r for r, d in plan["parties"] if d.outcome == "new"))
            ex.insert_new(entity, fast, derived)
            ex.index_new_cases(bodies)
            writes += [w for w in fresh if w["id"] not in fast_cases]
        else:
            ex.insert_new(entity, fresh)
        ex.write_rows(entity, writes)
        # A new base is always the incoming record, i.e. line n of the bundle member.
        if entity in opened.packed:
            ex.set_bases_packed(entity, (opened.packed[entity][0], bytes(opened.packed[entity][1])),
                                [(r["id"], r["version"], n) for n, (r, d) in enumerate(items)
                                 if d.new_base is not None])
        else:
            ex.set_bases(entity, [d.new_base for _r, d in items if d.new_base is not None])
        for rec, d in items:
            if d.outcome in ("updated", "conflicting"):
                listed.append((entity, rec["id"], d.outcome, rec["version"]))
            for fname, mine, theirs in d.conflicts:
                conflicts.append((m["bundle_id"], entity, rec["id"], fname, mine, theirs,
                                  work.now))
        if entity == "cases":
            touched_cases.update(w["id"] for w in writes)
        elif entity == "parties":
            touched_cases.update(w["case_id"] for w in (*fresh, *writes)
                                 if w["case_id"] not in fast_cases)
    ex.add_conflicts(conflicts)
    ex.refresh_cases(sorted(touched_cases))
    ex.acknowledge(sender, m["acknowledged"])
    ex.mark_known(sender, [(e, r["id"], r["version"])
                           for e, rs in opened.records.items() for r in rs])
    keep_anchors(store, work, m)
    _record_in_ledger(store, work, opened)
    _audit(work, m, plan, listed)
    return None


def _record_in_ledger(store: Store, work: Work, opened: bundle.Opened) -> None:
    """The applied bundle in the exchange ledger (its sequence is the sender's newest)."""
    m = opened.manifest
    store.exchange.record_ledger({
        "bundle_id": m["bundle_id"], "direction": "in", "peer": m["sender"]["code"],
        "kind": m["kind"], "sequence": m["sequence"], "acknowledged": m["acknowledged"],
        "full": m["full"], "created_at": m["created_at"], "recorded_at": work.now,
        "counts": m["counts"], "file_sha256": opened.sha256})


@dataclass
class StreamPlan:
    """An import's plan: the planner that verified it, whether to plan again (something was
    written since), and the ownership context for that; ``applied`` is what was written."""

    planner: Planner
    replan: bool
    context: ownership.Context | None
    applied: Applied | None = None


def _apply_stream(store: Store, work: Work, opened: bundle.Opened,
                  plan: StreamPlan) -> Applied:
    ex = store.exchange
    m = opened.manifest
    sender = m["sender"]["code"]
    applied = plan.applied = apply_streamed(store, work, opened, plan.planner,
                                            replan=plan.replan, context=plan.context)
    ex.acknowledge(sender, m["acknowledged"])
    keep_anchors(store, work, m)
    _record_in_ledger(store, work, opened)
    outcomes = {e: dict(c) for e, c in applied.outcomes.items()}
    work.note("bundle", m["bundle_id"], {
        "sender": [None, m["sender"]["code"]], "sequence": [None, m["sequence"]],
        "outcomes": [None, outcomes], "listed": [None, min(applied.listed_count,
                                                           AUDIT_LISTED)]})
    for entity, rid, outcome, version in applied.listed:
        work.log.add(AUDIT_NAMES[entity], rid, outcome, {"version": [None, version]})
    return applied


def keep_anchors(store: Store, work: Work, m: dict[str, Any]) -> None:
    """Keep the sender's audit head (``received``) and the heads of this desk's own chain
    that the sender confirms having received (``confirmed``, checked by ``check``)."""
    sender, me = m["sender"]["code"], store.origin_code()
    rows = []
    head = m["audit_head"]
    if head["seq"] > 0:
        rows.append((sender, "received", head["seq"], head["hash"], m["bundle_id"], work.now))
    rows += [(sender, "confirmed", a["seq"], a["hash"], m["bundle_id"], work.now)
             for a in m["anchors"] if a["code"] == me]
    store.exchange.add_anchors(rows)


def _audit(work: Work, m: dict[str, Any], plan: Plan,
           listed: list[tuple[str, str, str, int]]) -> None:
    outcomes = {e: dict(Counter(d.outcome for _r, d in items)) for e, items in plan.items()}
    work.note("bundle", m["bundle_id"], {
        "sender": [None, m["sender"]["code"]], "sequence": [None, m["sequence"]],
        "outcomes": [None, outcomes], "listed": [None, min(len(listed), AUDIT_LISTED)]})
    for entity, rid, outcome, version in listed[:AUDIT_LISTED]:
        work.log.add(AUDIT_NAMES[entity], rid, outcome, {"version": [None, version]})


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    """Conflicts waiting for a person to choose a value."""
    return store.exchange.open_conflicts()


def resolve_conflict(store: Store, actor: str, seq: int, choice: str) -> None:
    """Keep the ``local`` or take the ``incoming`` value of a conflicting field (audited)."""
    require(store, "resolve_conflict")
    if choice not in ("local", "incoming"):
        raise DomainError("请选择保留本地值或采用对方的值。", code="bad_choice")
    found = [c for c in store.exchange.open_conflicts() if c["seq"] == seq]
    if not found:
        raise DomainError(f"找不到待处理的冲突：{seq}", code="not_found")
    c = found[0]
    cls = ENTITIES[c["entity"]][0]
    with store.operation(actor, "resolve_conflict",
                         summary=f"处理冲突：{c['entity']}.{c['field']}") as work:
        rows = store.exchange.wire_records(c["entity"], cls, [c["record_id"]],
                                           fields_of(c["entity"]))
        rec = rows[0]
        old = rec[c["field"]]
        rec[c["field"]] = c["local_value"] if choice == "local" else c["incoming_value"]
        rec["version"] += 1
        rec["updated_at"] = work.now
        store.exchange.write_rows(c["entity"], [rec])
        if c["entity"] in ("cases", "parties"):
            store.exchange.refresh_cases([rec["id"] if c["entity"] == "cases"
                                          else rec["case_id"]])
        store.exchange.resolve_conflict(seq, choice, work.now)
        name = c["field"]  # an ID or phone number is masked in the audit row, as always
        work.log.add(AUDIT_NAMES[c["entity"]], rec["id"], "update",
                     {name: [mask_value(name, old), mask_value(name, rec[name])]})

