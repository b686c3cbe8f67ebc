"""The permission matrix (docs/permissions.md), cell by cell, through the real services.

1. Every operation the source runs (``store.operation(actor, "action")``, ``case_operation``,
   literal or ``Action`` member) is in :data:`MATRIX` or is one the program alone runs.
2. Every cell: each action × role (a director, a mediator on their own case, the same
   mediator on another mediator's case, a court liaison, a read-only inspector) performed by
   the real service on a store logged in as that account: it succeeds, or it raises
   NotPermitted (code ``not_permitted``) and leaves the database (and any file it would have
   written) unchanged.
3. The table in docs/permissions.md is what MATRIX says.
"""

from __future__ import annotations

import ast
import functools
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import mediation_desk
from mediation_desk.domain import access as domain_access
from mediation_desk.domain.access import MATRIX, PROGRAM_ONLY, Account, Role
from mediation_desk.domain.enums import (
    AgreementForm,
    CaseSource,
    CenterKind,
    DayKind,
    EndReason,
    Performance,
)
from mediation_desk.domain.models import HolidayNotice, HolidaySpan, Mediator
from mediation_desk.domain.state_machine import Action
from mediation_desk.domain.statistics import ReportPeriod
from mediation_desk.services import access, backup, enrollment, exchange, subsidy
from mediation_desk.services import calendar as cal_svc
from mediation_desk.services.access import NotPermitted, login_store
from mediation_desk.services.cases import OPERATIONS, CaseService, operation_name
from mediation_desk.services.court import CourtService
from mediation_desk.services.desk import MediatorService, init_desk, update_center
from mediation_desk.services.documents import DocumentService
from mediation_desk.services.mediation import AgreementInput
from mediation_desk.services.referrals import ReferralService
from mediation_desk.services.settings import load_settings, save_settings
from mediation_desk.services.statistics import StatisticsService
from mediation_desk.services.verification import VerificationService
from mediation_desk.storage import exchange as exchange_rows
from mediation_desk.storage.connection import backup_file
from mediation_desk.storage.store import Store
from tests.attachment_samples import png_bytes
from tests.conftest import Clock, case_input
from tests.exchange.helpers import db_digest, referral_input

PACKAGE = Path(mediation_desk.__file__).parent
DOCS = PACKAGE.parent / "docs" / "permissions.md"


# -- 1. every operation in the source is in the matrix ---------------------------------
def _action_values(node: ast.expr) -> set[str] | None:
    """The action(s) an argument names: "x", Action.X, Action.X.value; None if dynamic."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
            node.value.id == "Action":
        return {operation_name(Action[node.attr])}
    if isinstance(node, ast.IfExp):
        a, b = _action_values(node.body), _action_values(node.orelse)
        return None if a is None or b is None else a | b
    return None


def _param(fn: ast.FunctionDef, name: str) -> tuple[int | None, ast.expr | None]:
    """A parameter's positional index (None if keyword-only) and its default."""
    args = fn.args
    names = [a.arg for a in args.args]
    if name in names:
        i = names.index(name)
        first_default = len(names) - len(args.defaults)
        default = args.defaults[i - first_default] if i >= first_default else None
        return i - (1 if names[0] == "self" else 0), default
    kwonly = [a.arg for a in args.kwonlyargs]
    assert name in kwonly, f"{fn.name}: no parameter {name}"
    return None, args.kw_defaults[kwonly.index(name)]


TREES = {path: ast.parse(path.read_text(encoding="utf-8"))
         for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(tree: ast.Module, fn: ast.FunctionDef | None, node: ast.expr,
             where: str) -> set[str]:
    """Resolve a dynamic action through the enclosing function: a local assigned from
    literals, or a parameter: its default and what every caller passes (by keyword in any
    module, by position in the function's own module)."""
    found = _action_values(node)
    if found is not None:
        return found
    base = node.value if isinstance(node, ast.Attribute) and node.attr == "value" else node
    if isinstance(base, ast.Subscript) and isinstance(base.value, ast.Name):
        table = _module_dict(tree, base.value.id)  # a lookup in a module's table: any value
        assert table is not None, f"{where}: cannot read the table {base.value.id}"
        return set().union(*(_resolve(tree, fn, v, where) for v in table.values))
    assert isinstance(base, ast.Name) and fn is not None, f"{where}: cannot read the action"
    for stmt in ast.walk(fn):
        if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == base.id for t in stmt.targets):
            return _resolve(tree, fn, stmt.value, where)
    index, default = _param(fn, base.id)
    out: set[str] = set() if default is None else _resolve(tree, fn, default, where)
    for other in TREES.values():
        for call in _calls(other):
            if getattr(call.func, "attr", getattr(call.func, "id", "")) != fn.name:
                continue
            arg = next((k.value for k in call.keywords if k.arg == base.id), None)
            if arg is None and other is tree and index is not None and len(call.args) > index:
                arg = call.args[index]
            if arg is not None:
                out |= _resolve(other, _enclosing(other, call), arg, where)
    assert out, f"{where}: no caller of {fn.name} names the action"
    return out


def _module_dict(tree: ast.Module, name: str) -> ast.Dict | None:
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
            return stmt.value
    return None


@functools.cache
def _calls(tree: ast.Module) -> list[ast.Call]:
    """The calls in ``tree``, walked once (each dynamic action looks for its callers)."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


@functools.cache
def _enclosing_functions(tree: ast.Module) -> dict[int, ast.FunctionDef]:
    """id(node) -> the innermost function definition holding it, for every node of ``tree``
    (one walk: asking each function whether it holds a node was quadratic, 10-30 s a scan)."""
    out: dict[int, ast.FunctionDef] = {}

    def visit(node: ast.AST, fn: ast.FunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef) else fn
            if inner is not None:
                out[id(child)] = inner
            visit(child, inner)

    visit(tree, None)
    return out


def _enclosing(tree: ast.Module, target: ast.AST) -> ast.FunctionDef | None:
    return _enclosing_functions(tree).get(id(target))


@functools.cache
def operations_in_source() -> dict[str, set[str]]:
    """Every action the package runs as an operation -> where (``module:line``)."""
    found: dict[str, set[str]] = {}
    for path, tree in TREES.items():
        for call in _calls(tree):
            if not isinstance(call.func, ast.Attribute):
                continue
            name = call.func.attr
            if name not in ("operation", "case_operation"):
                continue
            index = 1 if name == "operation" else 2
            arg = next((k.value for k in call.keywords if k.arg == "action"), None)
            if arg is None and len(call.args) > index:
                arg = call.args[index]
            if arg is None:
                continue
            fn = _enclosing(tree, call)
            if fn is not None and fn.name == "case_operation":
                continue  # the funnel: its every caller is a case_operation call
            where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno}"
            for action in _resolve(tree, fn, arg, where):
                found.setdefault(action, set()).add(where)
    return found


def test_every_operation_in_the_source_is_in_the_matrix():
    found = operations_in_source()
    assert len(found) > 40  # the scan sees the services (a broken scan finds nothing)
    missing = {a: sorted(w) for a, w in found.items()
               if a not in MATRIX and a not in PROGRAM_ONLY}
    assert missing == {}
    assert not set(MATRIX) & PROGRAM_ONLY


def test_every_rule_of_the_matrix_is_asked_by_the_source():
    """No dead rule: each is an operation, or a check a service makes by name."""
    operations = set(operations_in_source())
    text = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                     if p.name != "access.py")
    unused = [a for a in MATRIX if a not in operations and f'"{a}"' not in text]
    assert unused == []


def test_every_state_machine_action_has_its_operation():
    for action in Action:
        assert operation_name(action) in MATRIX, action
    assert set(OPERATIONS) <= set(Action)


def test_the_program_only_operations_are_refused_to_every_account():
    for role in Role:
        who = Account(id="x", name="某人", role=role, mediator_id="m")
        for action in PROGRAM_ONLY:
            assert domain_access.refusal(who, action)


# -- 2. every cell through the real services -----------------------------------------
ROLES = ("director", "mediator_own", "mediator_other", "liaison", "readonly")
ROLE_OF = {"director": Role.DIRECTOR, "mediator_own": Role.MEDIATOR,
           "mediator_other": Role.MEDIATOR, "liaison": Role.LIAISON,
           "readonly": Role.READONLY}
PROGRAM = "系统"
WHO = "随便写的名字"  # the actor a caller passes; the audit names the account anyway
RULING = "（2026）鲁0303民特5号"


@dataclass
class World:
    """A desk with two mediators, an account per role, and helpers to prepare cases.

    Everything is prepared by the program itself (no principal); :meth:`as_role` then logs
    the role's account in.
    """

    tmp: Path
    store: Store
    kind: str
    mine: Mediator
    other: Mediator
    accounts: dict[str, Account]
    clock: Clock
    peers: list[Store] = field(default_factory=list)

    @property
    def cases(self) -> CaseService:
        return CaseService(self.store)

    def owner(self, role: str) -> str:
        return "other" if role == "mediator_other" else "mine"

    def mediator(self, owner: str) -> Mediator:
        return self.mine if owner == "mine" else self.other

    def as_role(self, role: str) -> Account:
        account = self.accounts[role]
        login_store(self.store, account)
        return account

    def as_program(self) -> None:
        self.store.principal, self.store.guard = None, None

    # the cases, by state; ``owner`` 'mine' registers as the mediator's account
    def registered(self, owner: str, **kw: Any) -> str:
        who = self.accounts["mediator_own"].name if owner == "mine" else "张主任"
        return self.cases.register(who, case_input(**kw)).id

    def accepted(self, owner: str, **kw: Any) -> str:
        key = self.registered(owner, **kw)
        self.cases.accept(PROGRAM, key)
        return key

    def mediating(self, owner: str, **kw: Any) -> str:
        key = self.accepted(owner, **kw)
        self.cases.assign(PROGRAM, key, [self.mediator(owner).id])
        return key

    def agreed(self, owner: str, form: AgreementForm = AgreementForm.WRITTEN) -> str:
        key = self.mediating(owner)
        self.cases.record_agreement(PROGRAM, key, AgreementInput(clauses=["赔偿三千元"],
                                                                 form=form))
        return key

    def jc_applied(self, owner: str) -> str:
        key = self.agreed(owner)
        self.cases.apply_jc(PROGRAM, key)
        return key

    def jc_ruled(self, owner: str, outcome: str) -> str:
        key = self.jc_applied(owner)
        self.cases.record_jc_outcome(PROGRAM, key, outcome=outcome,
                                     ruling=RULING if outcome == "confirmed" else "")
        return key

    def terminated(self, owner: str, **kw: Any) -> str:
        key = self.mediating(owner, **kw)
        self.cases.terminate(PROGRAM, key, reason=EndReason.GAP_TOO_LARGE)
        return key

    def delegated(self) -> dict[str, Any]:
        return {"source": CaseSource.COURT_DELEGATED.value,
                "court_case_number": "（2026）鲁0303民诉前调12号"}

    def handed_over(self, owner: str) -> str:
        key = self.terminated(owner, **self.delegated())
        self.cases.hand_over(PROGRAM, key)
        return key

    # other desks
    def peer(self, code: str, kind: str) -> Store:
        peer = init_desk(self.tmp / f"{code}.db", code=code, name=f"{code}单位",
                         kind=CenterKind.COURT if kind == "court" else CenterKind.CENTER,
                         number_prefix="测", actor=PROGRAM, clock=self.clock)
        exchange.ensure_desk_keys(peer)
        self.peers.append(peer)
        return peer

    def card_of(self, peer: Store) -> Any:
        path = self.tmp / f"{peer.origin_code()}-{len(list(self.tmp.iterdir()))}.card"
        exchange.export_card(peer, path)
        return exchange.read_card(path)

    def trust_both(self, peer: Store) -> None:
        exchange.ensure_desk_keys(self.store)
        exchange.trust_card(self.store, PROGRAM, self.card_of(peer))
        exchange.trust_card(peer, PROGRAM, self.card_of(self.store))


def make_world(tmp: Path, kind: str = "center") -> World:
    """A desk of ``kind`` ('center', 'court', or 'field': a center set up as a field laptop)."""
    clock = Clock()
    store = init_desk(tmp / "desk.db", code="ZD-MS" if kind != "court" else "FY-ZD",
                      name="马尚街道调解中心" if kind != "court" else "张店区人民法院",
                      kind=CenterKind.COURT if kind == "court" else CenterKind.CENTER,
                      number_prefix="马尚", linked_court="张店区人民法院", clock=clock,
                      actor=PROGRAM)
    roster = MediatorService(store)
    mine = roster.save(PROGRAM, Mediator(center_id=WHO, name="周明", villages=["马尚村"]))
    other = roster.save(PROGRAM, Mediator(center_id=WHO, name="吴刚"))
    accounts = {
        "director": Account(id="a-d", name="张主任", role=Role.DIRECTOR),
        "mediator_own": Account(id="a-m", name="周调解员", role=Role.MEDIATOR,
                                mediator_id=mine.id),
        "liaison": Account(id="a-l", name="刘联络员", role=Role.LIAISON),
        "readonly": Account(id="a-r", name="王检查员", role=Role.READONLY),
    }
    accounts["mediator_other"] = accounts["mediator_own"]
    with store.operation(PROGRAM, "create_account") as work:
        for account in {a.id: a for a in accounts.values()}.values():
            work.save_account(account)
        if kind == "field":
            work.set_setting("desk_kind", "field")
    return World(tmp, store, kind, mine, other, accounts, clock)


@dataclass(frozen=True)
class Cell:
    """One operation: ``prepare(world, owner)`` as the program returns what ``act`` needs;
    ``act(world, prepared)`` runs the real service as the logged-in account; ``out``: the
    file the operation writes (must not exist after a refusal)."""

    action: str
    prepare: Callable[[World, str], Any]
    act: Callable[[World, Any], Any]
    desk: str = "center"
    out: str = ""
    audited: bool = True


def _nothing(_w: World, _owner: str) -> None:
    return None


def _party(w: World, key: str) -> str:
    return w.store.cases.get(key).parties[0].id  # type: ignore[union-attr]


def _every_party(w: World, key: str) -> list[str]:
    return [p.id for p in w.store.cases.get(key).parties]  # type: ignore[union-attr]


def _with_notice(w: World, _owner: str) -> str:
    notice = _notice()
    cal_svc.save_notice(w.store, PROGRAM, notice)
    return notice.id


def _notice() -> HolidayNotice:
    return HolidayNotice(year=2027, title="2027年部分节假日安排", spans=[
        HolidaySpan(start=date(2027, 1, 1), end=date(2027, 1, 3), kind=DayKind.REST,
                    name="元旦")])


def _with_peer(kind: str) -> Callable[[World, str], Store]:
    def prepare(w: World, _owner: str) -> Store:
        peer = w.peer("PEER-1" if kind == "center" else "FY-PEER", kind)
        w.trust_both(peer)
        return peer
    return prepare


def _trusted_code(w: World, _owner: str) -> str:
    return _with_peer("court")(w, _owner).origin_code()


def _new_peer_key(w: World, owner: str) -> Any:
    peer = _with_peer("court")(w, owner)
    exchange.change_own_keys(peer, PROGRAM, reason="笔记本丢失")
    return w.card_of(peer)


def _bundle_from_peer(w: World, owner: str) -> Path:
    peer = _with_peer("court" if w.kind != "field" else "center")(w, owner)
    path = w.tmp / "from-peer.mdx"
    exchange.export_bundle(peer, PROGRAM, w.store.origin_code(), path)
    return path


def _export(w: World, peer: Store) -> Any:
    return exchange.export_bundle(w.store, WHO, peer.origin_code(), w.tmp / "out.mdx")


def _conflict(w: World, owner: str) -> int:
    key = w.registered(owner)
    with w.store.operation(PROGRAM, "demo_mark") as work:
        exchange_rows.add_conflicts(w.store.db, [("b-1", "cases", key, "facts", "本地的事实",
                                                  "对方的事实", work.now)])
    return int(exchange.open_conflicts(w.store)[0]["seq"])


def _referral_peer(w: World, owner: str) -> str:
    return _with_peer("center")(w, owner).origin_code()


def _court_case(w: World, _owner: str) -> str:
    return w.handed_over("mine")


def _backup(w: World, _owner: str) -> Path:
    (w.tmp / "backups").mkdir()
    return backup.take_backup(w.store.path, "manual",  # type: ignore[arg-type]
                              to=w.tmp / "backups", source=w.store).path


def _restore(w: World, made: Path) -> Any:
    params = inspect.signature(backup.restore_backup).parameters
    if "account" not in params:
        pytest.skip("restore_backup takes no account yet (the backup part of issue 11)")
    path, key, account = w.store.path, w.store.key, w.store.principal
    assert path is not None
    w.store.close()  # a restore needs the database to itself
    try:
        return backup.restore_backup(path, made, WHO, key=key, account=account)
    finally:
        w.store = Store.open(path, key=key, clock=w.clock)


A = AgreementInput
CELLS: list[Cell] = [
    Cell("register_case", _nothing, lambda w, _p: w.cases.register(WHO, case_input())),
    Cell("register_cases", _nothing,
         lambda w, _p: w.cases.register_many(WHO, [case_input(), case_input()])),
    Cell("accept_case", lambda w, o: w.registered(o), lambda w, k: w.cases.accept(WHO, k)),
    Cell("not_accept_case", lambda w, o: w.registered(o),
         lambda w, k: w.cases.not_accept(WHO, k, reason="当事人明确拒绝调解")),
    Cell("assign_mediators", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.assign(WHO, k, [w.mine.id, w.other.id])),
    Cell("update_case", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.update_details(WHO, k, dict(case_input(), facts="补充的事实"))),
    Cell("add_attachment", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.add_attachment(WHO, k, "现场照片.png", png_bytes())),
    Cell("reveal_identifiers", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.reveal_identifiers(WHO, k, _party(w, k), reason="电话通知")),
    Cell("record_session", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.record_session(WHO, k, notes="双方到场调解")),
    Cell("record_investigation", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.record_investigation(WHO, k, notes="走访邻居")),
    Cell("record_undisputed_facts", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.record_undisputed_facts(WHO, k, facts="双方均确认借款五千元",
                                                      confirming_party_ids=_every_party(w, k))),
    Cell("suspend_case", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.suspend(WHO, k, reason="伤情鉴定")),
    Cell("resume_case",
         lambda w, o: (k := w.mediating(o), w.cases.suspend(PROGRAM, k, reason="鉴定"))[0],
         lambda w, k: w.cases.resume(WHO, k)),
    Cell("extend_case", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.extend(WHO, k, days=10, consenting_party_ids=_every_party(w, k))),
    Cell("record_agreement", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.record_agreement(WHO, k, A(clauses=["赔偿三千元"]))),
    Cell("record_written_agreement", lambda w, o: w.agreed(o, AgreementForm.ORAL),
         lambda w, k: w.cases.record_written_agreement(WHO, k, A(clauses=["赔偿三千元"]))),
    Cell("terminate_case", lambda w, o: w.mediating(o),
         lambda w, k: w.cases.terminate(WHO, k, reason=EndReason.GAP_TOO_LARGE)),
    Cell("apply_jc", lambda w, o: w.agreed(o), lambda w, k: w.cases.apply_jc(WHO, k)),
    Cell("jc_confirm", lambda w, o: w.jc_applied(o),
         lambda w, k: w.cases.record_jc_outcome(WHO, k, outcome="confirmed", ruling=RULING)),
    Cell("jc_reject", lambda w, o: w.jc_applied(o),
         lambda w, k: w.cases.record_jc_outcome(WHO, k, outcome="rejected")),
    Cell("jc_withdraw", lambda w, o: w.jc_applied(o),
         lambda w, k: w.cases.record_jc_outcome(WHO, k, outcome="withdrawn")),
    Cell("remediate", lambda w, o: w.jc_ruled(o, "rejected"),
         lambda w, k: w.cases.remediate(WHO, k)),
    Cell("litigate", lambda w, o: w.jc_ruled(o, "rejected"),
         lambda w, k: w.cases.litigate(WHO, k)),
    Cell("follow_up", lambda w, o: w.jc_ruled(o, "confirmed"),
         lambda w, k: w.cases.follow_up(WHO, k, performance=Performance.PERFORMED,
                                        satisfaction=5, notes="已履行")),
    Cell("apply_enforcement",
         lambda w, o: (k := w.jc_ruled(o, "confirmed"), w.cases.follow_up(
             PROGRAM, k, performance=Performance.NOT_PERFORMED, satisfaction=2))[0],
         lambda w, k: w.cases.apply_enforcement(WHO, k)),
    Cell("correct_record",
         lambda w, o: (k := w.mediating(o),
                       w.cases.record_session(PROGRAM, k, notes="双方到场").id),
         lambda w, p: w.cases.correct_session(WHO, p[0], p[1], reason="笔误",
                                              notes="双方到场调解")),
    Cell("add_supplementary_agreement", lambda w, o: (k := w.agreed(o),
                                                      w.cases.agreement(k).id),
         lambda w, p: w.cases.add_supplementary_agreement(WHO, p[0], p[1], reason="分期履行",
                                                          clauses=["分两期支付"])),
    Cell("add_correction_note", lambda w, o: (k := w.agreed(o), w.cases.agreement(k).id),
         lambda w, p: w.cases.add_correction_note(WHO, p[0], p[1], reason="笔误",
                                                  text="“三千元”应为“叁仟元”")),
    Cell("hand_over", lambda w, o: w.terminated(o, **w.delegated()),
         lambda w, k: w.cases.hand_over(WHO, k)),
    Cell("record_filing", lambda w, o: w.handed_over(o),
         lambda w, k: w.cases.record_filing(WHO, k, filing_number="（2026）鲁0303民初88号")),
    Cell("return_to_trial",
         lambda w, o: w.terminated(o, source=CaseSource.COURT_ENTRUSTED.value,
                                   court_case_number="（2026）鲁0303民初66号"),
         lambda w, k: w.cases.return_to_trial(WHO, k)),
    Cell("archive", lambda w, o: w.terminated(o), lambda w, k: w.cases.archive(WHO, k)),
    Cell("generate_document", lambda w, o: w.mediating(o),
         lambda w, k: DocumentService(w.store).generate(WHO, k, "acceptance")),
    Cell("blank_form", _nothing,
         lambda w, _p: DocumentService(w.store).generate(WHO, None, "application", blank=True),
         audited=False),
    Cell("verify_document", _nothing,
         lambda w, _p: VerificationService(w.store).check_code("7K2QM-9XD4A"), audited=False),
    Cell("write_report", _nothing,
         lambda w, _p: StatisticsService(w.store).for_file(ReportPeriod.month(2026, 3)),
         audited=False),
    Cell("write_assessment", _nothing,
         lambda w, _p: StatisticsService(w.store).for_file(ReportPeriod.year(2026),
                                                           assessment=True),
         audited=False),
    Cell("add_mediator", _nothing,
         lambda w, _p: MediatorService(w.store).save(WHO, Mediator(center_id=WHO, name="郑新"))),
    Cell("update_mediator", _nothing,
         lambda w, _p: MediatorService(w.store).set_active(WHO, w.other.id, False)),
    Cell("update_center", _nothing,
         lambda w, _p: update_center(w.store, WHO, name="马尚街道人民调解委员会",
                                     number_prefix="马尚")),
    Cell("update_settings", _nothing,
         lambda w, _p: save_settings(w.store, WHO, load_settings(w.store))),
    Cell("set_subsidy_rates", _nothing,
         lambda w, _p: subsidy.save_rates(w.store, WHO, {"rules": [
             {"outcome": "调解成功", "amount": "100", "effective_from": "2026-01-01"}]})),
    Cell("subsidy_sheet", _nothing,
         lambda w, _p: subsidy.SubsidyService(w.store).write(
             WHO, ReportPeriod.month(2026, 3), "xlsx", w.tmp / "以案定补.xlsx"),
         out="以案定补.xlsx"),
    Cell("save_holiday_notice", _nothing,
         lambda w, _p: cal_svc.save_notice(w.store, WHO, _notice())),
    Cell("delete_holiday_notice", _with_notice,
         lambda w, n: cal_svc.delete_notice(w.store, WHO, n)),
    Cell("generate_desk_keys", _nothing, lambda w, _p: exchange.ensure_desk_keys(w.store, "")),
    Cell("change_own_keys", lambda w, _o: exchange.ensure_desk_keys(w.store),
         lambda w, _p: exchange.change_own_keys(w.store, WHO, reason="笔记本丢失")),
    Cell("trust_desk", lambda w, _o: w.card_of(w.peer("FY-PEER", "court")),
         lambda w, card: exchange.trust_card(w.store, WHO, card)),
    Cell("change_peer_key", _new_peer_key,
         lambda w, card: exchange.change_peer_key(
             w.store, WHO, card, confirmed_fingerprint=card.fingerprint, reason="对方已更换")),
    Cell("revoke_desk", _trusted_code,
         lambda w, code: exchange.revoke(w.store, WHO, code, "对方笔记本丢失")),
    Cell("enroll_field_desk", lambda w, _o: exchange.ensure_desk_keys(w.store),
         lambda w, _p: enrollment.enroll(w.store, WHO, w.mine.id, w.tmp / "enroll.mdx"),
         out="enroll.mdx"),
    Cell("restore_backup", _backup, _restore),
    # the exchange: at a center, at a field laptop (whose mediator carries their own work)
    *[c for desk in ("center", "field") for c in (
        Cell("export_bundle", _with_peer("court" if desk == "center" else "center"), _export,
             desk=desk, out="out.mdx"),
        Cell("import_bundle", _bundle_from_peer,
             lambda w, p: exchange.import_bundle(w.store, WHO, p), desk=desk),
        Cell("resolve_conflict", _conflict,
             lambda w, seq: exchange.resolve_conflict(w.store, WHO, seq, "incoming"), desk=desk),
    )],
    # the court liaison desk
    Cell("refer_case", _referral_peer,
         lambda w, code: ReferralService(w.store).refer(WHO, code, referral_input()),
         desk="court"),
    Cell("intake_sheet", _court_case,
         lambda w, _k: CourtService(w.store).intake_sheet(WHO, w.tmp / "立案登记表.xlsx"),
         desk="court", out="立案登记表.xlsx"),
    Cell("intake_case_file", _court_case,
         lambda w, k: DocumentService(w.store).generate(WHO, k, "case_file",
                                                        action="intake_case_file"),
         desk="court"),
]


def _cell_id(cell: Cell) -> str:
    return cell.action if cell.desk == "center" else f"{cell.action}@{cell.desk}"


def test_every_rule_has_its_cells():
    tested = {c.action for c in CELLS}
    # accounts, passwords and the recovery key: tests/services/test_accounts.py;
    # encrypting an old database: the encryption tests
    elsewhere = {"create_account", "update_account", "reset_password", "change_password",
                 "recover_access", "encrypt_database"}
    assert set(MATRIX) - tested == elsewhere
    assert {c.desk for c in CELLS if MATRIX[c.action].field_roles} >= {"field"}


def expected_allowed(action: str, role: str, desk_kind: str) -> bool:
    rule = MATRIX[action]
    if ROLE_OF[role] not in rule.roles_on(desk_kind):
        return False
    return not (rule.own_cases and role == "mediator_other")


@pytest.fixture(scope="module")
def world_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, World]]:
    """One world of each kind made by make_world, copied for each test (SQLite's backup)."""
    made: dict[str, World] = {}
    yield made
    for w in made.values():
        w.store.close()


@pytest.fixture
def worlds(tmp_path: Path, world_templates: dict[str, World],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], World]]:
    made: list[World] = []

    def make(kind: str) -> World:
        template = world_templates.get(kind)
        if template is None:
            template = make_world(tmp_path_factory.mktemp(f"world-{kind}"), kind)
            world_templates[kind] = template
        backup_file(template.store.db, tmp_path / "desk.db")
        clock = Clock()
        world = World(tmp_path, Store.open(tmp_path / "desk.db", clock=clock), kind,
                      template.mine, template.other, template.accounts, clock)
        made.append(world)
        return world

    yield make
    for w in made:
        for s in [w.store, *w.peers]:
            s.close()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cell", CELLS, ids=_cell_id)
def test_cell(worlds, cell: Cell, role: str) -> None:
    w = worlds(cell.desk)
    prepared = cell.prepare(w, w.owner(role))
    account = w.as_role(role)
    before, head = db_digest(w.store), w.store.audit.head()
    allowed = expected_allowed(cell.action, role, w.kind)
    if allowed:
        cell.act(w, prepared)
        if cell.audited:
            row = w.store.db.execute("SELECT actor, action FROM audit ORDER BY seq DESC"
                                     " LIMIT 1").fetchone()
            assert tuple(row) == (account.name, cell.action)
        return
    with pytest.raises(NotPermitted) as err:
        cell.act(w, prepared)
    assert err.value.code == "not_permitted" and err.value.message
    assert account.role.label in err.value.message or "没有指派给您" in err.value.message
    assert w.store.audit.head() == head and db_digest(w.store) == before
    if cell.out:
        assert not (w.tmp / cell.out).exists()


# -- what the GUI asks: the same answers as the services --------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_case_service_why_not_gives_the_roles_reason(worlds, role: str) -> None:
    w = worlds("center")
    key = w.mediating(w.owner(role))
    w.as_role(role)
    case = w.cases.get(key)
    allowed = w.cases.allowed(case)
    for action in (Action.RECORD_SESSION, Action.ASSIGN, Action.RECORD_AGREEMENT,
                   Action.TERMINATE, Action.EXTEND):
        may = expected_allowed(operation_name(action), role, "center")
        assert (action in allowed) is may, action
        reason = w.cases.why_not(case, action)
        assert (reason is None) is may, (action, reason)
        if not may:
            assert reason and ("没有指派给您" in reason or ROLE_OF[role].label in reason)
    assert w.cases.may_reveal(case) is expected_allowed("reveal_identifiers", role, "center")


@pytest.mark.parametrize("kind", ["center", "field"])
@pytest.mark.parametrize("role", ROLES)
def test_access_why_not_for_operations_off_a_case(worlds, role: str, kind: str) -> None:
    w = worlds(kind)
    w.as_role(role)
    for action in ("update_settings", "trust_desk", "export_bundle", "import_bundle",
                   "assign_mediators", "intake_sheet", "blank_form", "change_password"):
        may = expected_allowed(action, role, kind)
        assert access.allowed(w.store, action) is may, action
        reason = access.why_not(w.store, action)
        assert (reason == "") is may, (action, reason)
        if not may:
            assert MATRIX[action].label in reason and ROLE_OF[role].label in reason
    w.as_program()
    assert access.allowed(w.store, "update_settings") and access.why_not(w.store, "x") == ""


def test_an_inactive_account_may_do_nothing(worlds):
    w = worlds("center")
    gone = Account(id="a-d", name="张主任", role=Role.DIRECTOR, active=False)
    login_store(w.store, gone)
    head = w.store.audit.head()
    with pytest.raises(NotPermitted) as err:
        w.cases.register(WHO, case_input())
    assert "已停用" in err.value.message and w.store.audit.head() == head


def test_case_history_and_the_document_register_name_the_account(worlds):
    """Not only the audit row: a case's events and the paper register name the logged-in
    account, whatever actor string a caller passes."""
    w = worlds("center")
    key = w.mediating("mine")
    w.as_role("mediator_own")
    w.cases.record_session(WHO, key, notes="双方到场")
    DocumentService(w.store).generate(WHO, key, "acceptance")
    assert w.cases.events(key)[-1].actor == "周调解员"
    assert [e.actor for e in DocumentService(w.store).register(key)] == ["周调解员"]


def test_a_mediator_registers_and_then_works_their_own_unassigned_case(worlds):
    w = worlds("center")
    w.as_role("mediator_own")
    case = w.cases.register(WHO, case_input())
    w.cases.accept(WHO, case.id)  # theirs: registered by them, no mediator yet
    with pytest.raises(NotPermitted):
        w.cases.assign(WHO, case.id, [w.mine.id])  # assigning is the director's
    w.as_role("director")
    w.cases.assign(WHO, case.id, [w.other.id])
    w.as_role("mediator_own")
    with pytest.raises(NotPermitted) as err:  # now it is 吴刚's case, not theirs
        w.cases.record_investigation(WHO, case.id, notes="走访")
    assert "没有指派给您" in err.value.message


# -- 3. the table in the documentation ------------------------------------------------
def test_the_documented_table_is_the_matrix():
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(domain_access.TABLE_START) + len(domain_access.TABLE_START)
    end = text.index(domain_access.TABLE_END)
    assert text[start:end].strip() == domain_access.permissions_table()
    for action in PROGRAM_ONLY:
        assert f"`{action}`" in text
