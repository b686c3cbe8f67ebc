"""Who may write which record: ownership checked per record, not per file (pure, no SQL).

A signed bundle proves who sent it, not that its sender may change what it carries. Every
record has an owner desk, derived from the data every desk already holds:

* a center record is owned by the desk it describes (its id is the center id on that desk's
  trusted card);
* a mediator and a case are owned by the desk of their ``center_id``;
* a case's court fields (referral number, filing number, confirmation ruling and the court's
  outcome statuses) are owned by the court; a court may create a referral (委派) for the
  center it sends to;
* a party, event, agreement or attachment is owned by the owner of its case, except an event
  or attachment a court created (its ``origin`` is a court's code: the court's materials and
  records): only that court changes it (a referral's parties become the center's); a court
  never corrects a session record or an agreement (no correction event, docs/corrections.md);
* a document register row (文书登记) is owned by the desk that issued the paper (its
  ``origin``, with that desk's own center as ``center_id``): no other desk writes one in its
  name, and a row never moves to another case; a center relays its laptops' rows to them;
* a field laptop may change only the cases its center assigned to its mediator, plus the cases
  it registered itself (which the center re-owns and renumbers on import; the reassignment,
  numbers and roster stay the center's); the center is
  authoritative for everything it sends to the laptop except the laptop's own center record.

:func:`check_bundle` looks only at records the merge would write (new, updated or conflicting)
and compares what the sender changed (the incoming record against the common base, or the
local record when there is none). One record the sender may not write refuses the whole
bundle with ``not_owner``, naming the record and the rule. ``docs/exchange-format.md`` §10
states the same rules for other implementations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..domain.corrections import CORRECTION_ACTIONS
from ..domain.enums import CaseSource
from .errors import BundleRejected
from .merge import META

COURT_SOURCES = frozenset(s.value for s in CaseSource if s.court_related)
# Fields of a court-related case that the court writes (with its own outcome statuses).
COURT_FIELDS = frozenset({"court_case_number", "filing_number", "jc_ruling", "status",
                          "closed_on"})
# The court's own moves of a case's status (REFERENCE §4: its rulings and its filing).
COURT_MOVES = frozenset({("jc_applied", "jc_confirmed"), ("jc_applied", "jc_rejected"),
                         ("jc_applied", "jc_withdrawn"), ("handed_to_filing", "filed")})
COURT_STATUSES = frozenset(new for _old, new in COURT_MOVES)
CHILDREN = ("parties", "events", "agreements", "attachments")
COURT_MADE = frozenset({"events", "attachments"})  # a court's own records on a case it refers
WRITES = frozenset({"new", "updated", "conflicting"})


@dataclass(frozen=True)
class Context:
    """What the receiving desk knows when it checks a bundle.

    ``center_codes`` maps every center id this desk knows to that center's code;
    ``court_codes`` holds the codes of the court desks this desk knows (itself included when
    it is a court); ``field_mediator`` is, for a bundle from a field laptop, the mediator the
    center enrolled it for.
    """

    kind: str
    sender: str
    sender_center: str
    my_code: str
    my_center: str
    center_codes: Mapping[str, str]
    court_codes: frozenset[str] = frozenset()
    field_mediator: str = ""


@dataclass
class Item:
    """One incoming record with what the desk holds of it and the merge's outcome."""

    incoming: dict[str, Any]
    local: dict[str, Any] | None
    base: dict[str, Any] | None
    outcome: str

    @property
    def reference(self) -> dict[str, Any] | None:
        """What the sender's change is measured against: the common base, else the local."""
        return self.base if self.base is not None else self.local

    def changed(self) -> set[str]:
        ref = self.reference
        if ref is None:
            return set(self.incoming) - set(META)
        return {k for k, v in self.incoming.items() if k not in META and ref.get(k) != v}


@dataclass
class _Checker:
    ctx: Context
    items: Mapping[str, list[Item]]
    cases: dict[str, Item] = field(default_factory=dict)
    local_case: Callable[[str], dict[str, Any] | None] = lambda _id: None
    _local: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def refuse(self, entity: str, rec: dict[str, Any], why: str) -> BundleRejected:
        return BundleRejected("not_owner", f"{entity} {rec['id']}：{why}")

    # -- owners ------------------------------------------------------------------------
    def owner_of_center(self, center_id: str) -> str | None:
        if center_id == self.ctx.sender_center:
            return self.ctx.sender
        return self.ctx.center_codes.get(center_id)

    def case_record(self, case_id: str) -> tuple[dict[str, Any] | None, Item | None]:
        """The case as it will be after this bundle (incoming if written), and its item."""
        item = self.cases.get(case_id)
        if item is not None:
            return (item.incoming if item.outcome in WRITES else item.local or item.incoming,
                    item)
        if case_id not in self._local:
            self._local[case_id] = self.local_case(case_id)
        return self._local[case_id], None

    # -- rules per entity --------------------------------------------------------------
    def center(self, it: Item) -> None:
        rec, ctx = it.incoming, self.ctx
        if rec["id"] != ctx.sender_center or rec["code"] != ctx.sender:
            held = (it.local or {}).get("code") or rec["code"]
            raise self.refuse("centers", rec, f"单位记录属于{held}，只能由该单位修改")
        if it.local is not None and it.local["code"] != rec["code"]:
            raise self.refuse("centers", rec, "单位代码不能更改")

    def mediator(self, it: Item) -> None:
        rec, ctx = it.incoming, self.ctx
        if ctx.kind == "field_to_center":
            raise self.refuse("mediators", rec, "调解员名册由中心维护，外出调解笔记本不能修改")
        for r in (rec, it.reference):
            if r is not None and self.owner_of_center(r["center_id"]) != ctx.sender:
                raise self.refuse("mediators", rec, "调解员属于另一个单位")

    def case(self, it: Item) -> None:
        rule = {"center_to_court": self.case_from_center, "court_to_center": self.case_from_court,
                "field_to_center": self.case_from_field, "center_to_field": self.case_to_field,
                "enrollment": self.case_to_field}.get(self.ctx.kind)
        if rule is None:
            raise self.refuse("cases", it.incoming, f"{self.ctx.kind}不能携带案件")
        rule(it)

    def _own_center(self, it: Item, *, allow_mine: bool = False) -> None:
        """The case is (and stays) the sender's; ``allow_mine``: or was this desk's own."""
        rec, ctx = it.incoming, self.ctx
        if self.owner_of_center(rec["center_id"]) != ctx.sender:
            raise self.refuse("cases", rec, "案件属于另一个单位")
        ref = it.reference
        if ref is not None and self.owner_of_center(ref["center_id"]) != ctx.sender and not (
                allow_mine and ref["center_id"] == ctx.my_center):
            raise self.refuse("cases", rec, "案件属于另一个单位")

    def case_from_center(self, it: Item) -> None:
        self._own_center(it)
        rec, ref = it.incoming, it.reference
        if ref is None:
            return  # the court learns the case now: the center's record is the record
        changed = it.changed()
        for name in ("court_case_number", "filing_number"):
            if name in changed:
                raise self.refuse("cases", rec, f"{name} 由法院录入，调解组织不能修改")
        if "jc_ruling" in changed and rec["jc_ruling"]:
            raise self.refuse("cases", rec, "jc_ruling 由法院录入，调解组织不能修改")
        if "status" in changed and rec["status"] in COURT_STATUSES:
            raise self.refuse("cases", rec, f"状态 {rec['status']} 只能由法院作出")

    def case_from_court(self, it: Item) -> None:
        rec, ctx, ref = it.incoming, self.ctx, it.reference
        if rec["center_id"] != ctx.my_center or rec["source"] not in COURT_SOURCES:
            raise self.refuse("cases", rec, "法院只能向本调解组织委派或委托案件")
        if ref is None:
            if rec["status"] != "registered":  # (a withdrawn one arrives as a tombstone)
                raise self.refuse("cases", rec, "法院委派的新案件应为新登记状态")
            if rec["origin"] != ctx.sender or not rec["court_case_number"]:
                raise self.refuse("cases", rec, "法院委派的新案件应有法院案号，来源为该法院")
            return
        if ref["center_id"] != ctx.my_center or ref["source"] not in COURT_SOURCES:
            raise self.refuse("cases", rec, "案件不是本调解组织的法院委派或委托案件")
        changed = it.changed()
        if "deleted" in changed:  # a referral withdrawn before the center accepted it
            if rec["origin"] == ctx.sender and ref["status"] == "registered" and \
                    (it.local or ref)["status"] == "registered" and changed <= {"deleted"}:
                return
            raise self.refuse("cases", rec, "法院只能撤回尚未受理的委派案件")
        extra = changed - COURT_FIELDS
        if extra:
            names = "、".join(sorted(extra))
            raise self.refuse("cases", rec, f"法院只能修改法院字段，不能修改 {names}")
        if rec["status"] != ref["status"] and (ref["status"], rec["status"]) not in COURT_MOVES:
            raise self.refuse("cases", rec,
                              f"法院不能把状态从 {ref['status']} 改为 {rec['status']}")

    def case_from_field(self, it: Item) -> None:
        rec, ctx, ref = it.incoming, self.ctx, it.reference
        if ref is None:
            if rec["center_id"] != ctx.sender_center:
                raise self.refuse("cases", rec, "外出调解笔记本只能登记本机的新案件")
            return
        assigned = self.local_assigned(rec["id"]) or ref["origin"] == ctx.sender
        if ref["center_id"] != ctx.sender_center and not assigned:
            raise self.refuse("cases", rec, "案件没有指派给该外出调解笔记本的调解员")
        changed = it.changed()
        if ref["center_id"] != ctx.sender_center:
            for name in ("center_id", "mediator_ids", "number", "year", "serial", "deleted"):
                if name in changed:
                    raise self.refuse("cases", rec, f"外出调解笔记本不能修改 {name}")
        for name in ("court_case_number", "filing_number"):
            if name in changed and ref["source"] in COURT_SOURCES:
                raise self.refuse("cases", rec, f"{name} 由法院录入")
        if "jc_ruling" in changed and rec["jc_ruling"]:
            raise self.refuse("cases", rec, "jc_ruling 由法院录入")
        if "status" in changed and rec["status"] in COURT_STATUSES:
            raise self.refuse("cases", rec, f"状态 {rec['status']} 只能由法院作出")

    def local_assigned(self, case_id: str) -> bool:
        item = self.cases.get(case_id)
        local = item.local if item is not None else self.case_record(case_id)[0]
        return bool(local) and bool(self.ctx.field_mediator) and \
            self.ctx.field_mediator in (local or {}).get("mediator_ids", [])

    def case_to_field(self, it: Item) -> None:
        self._own_center(it, allow_mine=True)

    def child(self, entity: str, it: Item) -> None:
        rec, ctx, ref = it.incoming, self.ctx, it.reference
        relay = ctx.kind in ("center_to_field", "enrollment")
        court_made = entity in COURT_MADE and not relay
        if court_made and ref is not None and ref["origin"] in ctx.court_codes \
                and ref["origin"] != ctx.sender:
            raise self.refuse(entity, rec, f"该记录由法院（{ref['origin']}）制作，只能由法院修改")
        if court_made and ref is None and rec["origin"] in ctx.court_codes \
                and rec["origin"] != ctx.sender:
            raise self.refuse(entity, rec, f"不能以法院（{rec['origin']}）的名义新增记录")
        if ref is not None and ref["case_id"] != rec["case_id"]:
            raise self.refuse(entity, rec, "记录不能移到另一件案件")
        case, case_item = self.case_record(rec["case_id"])
        if case is None:
            raise self.refuse(entity, rec, "找不到所属案件")
        if ctx.kind == "court_to_center":
            self.child_from_court(entity, it, case, case_item)
            return
        if case_item is not None and case_item.outcome in WRITES:
            return  # the case itself passed its rule in this bundle
        try:  # the sender must be allowed to write the case the record belongs to
            self.case(Item(case, case, None, "updated"))
        except BundleRejected as exc:
            raise self.refuse(entity, rec, f"所属案件 {case['id']} 不能由发送方修改"
                              f"（{exc.detail}）") from None

    def child_from_court(self, entity: str, it: Item, case: dict[str, Any],
                         case_item: Item | None) -> None:
        rec, ctx, ref = it.incoming, self.ctx, it.reference
        if case["center_id"] != ctx.my_center or case["source"] not in COURT_SOURCES:
            raise self.refuse(entity, rec, "案件不是本调解组织的法院委派或委托案件")
        created_now = case_item is not None and case_item.reference is None \
            and case_item.outcome == "new"
        if entity == "parties" and not created_now:
            raise self.refuse(entity, rec, "当事人信息由调解组织维护，法院只能随委派一并提供")
        if entity == "agreements":
            raise self.refuse(entity, rec, "调解协议由调解组织制作")
        if entity == "events" and _is_correction(rec):  # docs/corrections.md
            raise self.refuse(entity, rec, "调解记录和调解协议由调解组织更正，法院不能更正")
        if (ref or rec)["origin"] != ctx.sender:
            raise self.refuse(entity, rec, "法院只能新增或修改自己制作的记录")


def check_bundle(ctx: Context, items: Mapping[str, list[Item]],
                 local_case: Callable[[str], dict[str, Any] | None]) -> None:
    """Refuse the bundle (``not_owner``) at the first written record its sender may not write.

    ``items`` holds, per entity, every incoming record with its local copy, base and merge
    outcome; ``local_case`` fetches a case this desk holds (for a child whose case is not in
    the bundle).
    """
    checker = _Checker(ctx, items, {it.incoming["id"]: it for it in items.get("cases", [])},
                       local_case)
    for it in _writes(items.get("centers", [])):
        checker.center(it)
    for it in _writes(items.get("mediators", [])):
        checker.mediator(it)
    for it in _writes(items.get("cases", [])):
        checker.case(it)
    for entity in CHILDREN:
        for it in _writes(items.get(entity, [])):
            checker.child(entity, it)
    for it in _writes(items.get("holiday_notices", [])):
        check_notice(ctx, it.incoming)
    for it in _writes(items.get("documents", [])):
        check_document(ctx, it)


class StreamChecker:
    """:func:`check_bundle` fed one batch at a time, entities in bundle order (centers,
    mediators, cases, their children, notices, documents); it keeps the bundle's case
    items, which the rules for a case's children consult, and nothing else."""

    def __init__(self, ctx: Context, local_case: Callable[[str], dict[str, Any] | None]
                 ) -> None:
        self._checker = _Checker(ctx, {}, {}, local_case)

    def add(self, entity: str, items: list[Item]) -> None:
        """Check a batch of ``entity``'s items; raise ``not_owner`` at the first refused."""
        checker = self._checker
        if entity == "cases":
            checker.cases.update((it.incoming["id"], it) for it in items)
        try:
            self._check(entity, items)
        finally:
            if entity == "cases":  # keep of each case only what its children's rules read
                checker.cases.update((it.incoming["id"], _slim(it)) for it in items
                                     if it.outcome in WRITES)
                for it in items:
                    if it.outcome not in WRITES:  # read back when a child asks (it is here)
                        checker.cases.pop(it.incoming["id"], None)

    def _check(self, entity: str, items: list[Item]) -> None:
        checker = self._checker
        for it in _writes(items):
            if entity == "centers":
                checker.center(it)
            elif entity == "mediators":
                checker.mediator(it)
            elif entity == "cases":
                checker.case(it)
            elif entity in CHILDREN:
                checker.child(entity, it)
            elif entity == "holiday_notices":
                check_notice(checker.ctx, it.incoming)
            elif entity == "documents":
                check_document(checker.ctx, it)


def _slim(it: Item) -> Item:
    """A written case as its children's rules read it: the fields consulted, the outcome and
    whether the case is created by this bundle (no common base, nothing here)."""
    rec = {k: it.incoming[k] for k in ("id", "center_id", "source")}
    return Item(rec, None if it.reference is None else rec, None, it.outcome)


def check_document(ctx: Context, it: Item) -> None:
    """A register row is written only by the desk that issued the paper (its ``origin``),
    for its own center; a center relays to its field laptops whatever it holds."""
    rec, ref = it.incoming, it.reference
    if ref is not None and ref["case_id"] != rec["case_id"]:
        raise BundleRejected("not_owner", f"documents {rec['id']}：记录不能移到另一件案件")
    if ctx.kind in ("center_to_field", "enrollment"):
        return
    if rec["origin"] != ctx.sender or (ref is not None and ref["origin"] != ctx.sender):
        raise BundleRejected("not_owner", f"documents {rec['id']}：文书由{(ref or rec)['origin']}"
                             "签发，只有签发单位能登记")
    if rec["center_id"] != ctx.sender_center:
        raise BundleRejected("not_owner", f"documents {rec['id']}：签发单位应为发送方本单位")


def check_notice(ctx: Context, rec: dict[str, Any]) -> None:
    """A court distributes its own calendar; a center relays what it applies to its laptops."""
    if ctx.kind in ("center_to_field", "enrollment"):
        return
    if ctx.kind != "court_to_center" or rec["origin"] != ctx.sender:
        raise BundleRejected("not_owner", f"holiday_notices {rec['id']}（来源 {rec['origin']}）")


def _is_correction(rec: Mapping[str, Any]) -> bool:
    """A correction of a session record or an agreement (domain/corrections.py): a NOTE
    event whose ``data["action"]`` names one, or a session's new version."""
    data = rec.get("data")
    if not isinstance(data, Mapping):
        return False
    return data.get("action") in CORRECTION_ACTIONS or "corrects" in data


def _writes(items: Iterable[Item]) -> Iterable[Item]:
    return (it for it in items if it.outcome in WRITES)
