"""Setting up a desk and managing its roster of mediators."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..domain.access import Account
from ..domain.enums import CenterKind, DisputeType, RelationKind
from ..domain.errors import DomainError, ValidationError
from ..domain.models import Center, DeclaredRelation, Mediator
from ..domain.record_rules import MAX_ITEMS, check_text, clean_text
from ..domain.validators import InvalidValue, validate_phone
from ..storage.store import Store
from .access import require

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")


def validate_center(code: str, name: str, prefix: str, *, linked_court: str = "",
                    court_code: str = "") -> dict[str, str]:
    """Check a center's fields; return them cleaned (record_rules' text rule) or raise
    ValidationError listing every problem."""
    problems: dict[str, list[str]] = {}
    if not CODE_RE.match(code or ""):
        problems["code"] = ["中心代码应为2到32位字母、数字、下划线或短横线"]
    cleaned: dict[str, str] = {}
    for key, value in (("name", name), ("number_prefix", prefix),
                       ("linked_court", linked_court), ("court_code", court_code)):
        try:
            cleaned[key] = check_text("centers", key, value or "")
        except InvalidValue as exc:
            problems[key] = [exc.message]
    if "name" in cleaned and not cleaned["name"]:
        problems["name"] = ["请填写中心名称"]
    prefix = cleaned.get("number_prefix", "")
    if prefix and any(c in prefix for c in "（）()第号 "):
        problems["number_prefix"] = ["编号前缀不超过10个字，且不含括号、“第”“号”或空格"]
    if problems:
        raise ValidationError(problems)
    return cleaned


def init_desk(path: str | Path, *, code: str, name: str, kind: CenterKind = CenterKind.CENTER,
              number_prefix: str = "", linked_court: str = "", court_code: str = "",
              actor: str = "系统初始化", director: Account | None = None,
              **store_kwargs: Any) -> Store:
    """Create (or open) a database and record this desk's own center once.

    With ``director`` (services/auth.py) the director's account is created in the same
    operation, which the audit names as its actor.
    """
    cleaned = validate_center(code, name, number_prefix, linked_court=linked_court,
                              court_code=court_code)
    store = Store.open(path, create=True, **store_kwargs)
    try:
        existing = store.directory.self_center()
        if existing is not None:
            raise DomainError(f"该数据库已经初始化为“{existing.name}”（{existing.code}），"
                              "不能重复初始化。",
                              code="already_initialised")
        center = Center(code=code, name=cleaned["name"], kind=kind,
                        number_prefix=cleaned["number_prefix"],
                        linked_court=cleaned["linked_court"], court_code=cleaned["court_code"],
                        origin=code)
        with store.operation(director.name if director else actor, "init_desk",
                             summary=f"初始化{name}") as work:
            work.origin = code
            work.save_center(center, is_self=True)
            if director is not None:
                work.save_account(director)
    except BaseException:
        store.close()
        raise
    return store


class MediatorService:
    """Add, edit and deactivate mediators."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def roster(self, *, include_inactive: bool = True) -> list[tuple[Mediator, int]]:
        """Mediators with their current open workload."""
        loads = self.store.cases.open_workloads()
        return [(m, loads.get(m.id, 0))
                for m in self.store.directory.mediators(include_inactive=include_inactive)]

    def mediators(self, *, include_inactive: bool = True) -> list[Mediator]:
        """The mediators without their workload (cheap: for pickers and filters)."""
        return self.store.directory.mediators(include_inactive=include_inactive)

    def get(self, mediator_id: str) -> Mediator:
        m = self.store.directory.mediator(mediator_id)
        if m is None or m.deleted:
            raise DomainError(f"找不到调解员：{mediator_id}", code="not_found")
        return m

    def _validate(self, m: Mediator) -> None:
        """Check and clean a mediator as every input is (record_rules); raise ValidationError."""
        problems: dict[str, list[str]] = {}

        def text(path: str, field: str, value: str) -> str:
            try:
                return check_text("mediators", field, value)
            except InvalidValue as exc:
                row = f"第{int(path[10:path.index(']')]) + 1}行：" if path.startswith(
                    "relations[") else ""  # the form shows them under the table
                problems[path] = [row + exc.message]
                return value

        m.name = text("name", "name", m.name)
        if not m.name and "name" not in problems:
            problems["name"] = ["请填写姓名"]
        if m.phone:
            try:
                m.phone = validate_phone(clean_text(m.phone, 40))
            except InvalidValue as exc:
                problems["phone"] = [exc.message]
        # the lists may hold anything untyped callers put there: check each value
        specialties: Sequence[object] = m.specialties
        for i, s in enumerate(specialties):
            if not isinstance(s, DisputeType):
                problems[f"specialties[{i}]"] = ["未知纠纷类型"]
        m.villages = [text("villages", "villages", v) for v in m.villages]
        m.villages = [v for v in m.villages if v]
        if len(m.villages) > MAX_ITEMS["villages"]:
            problems["villages"] = [f"最多{MAX_ITEMS['villages']}个村（社区）"]
        if len(m.relations) > MAX_ITEMS["relations"]:
            problems["relations"] = [f"最多{MAX_ITEMS['relations']}项申报的关系"]
        for i, r in enumerate(m.relations):
            r.person_name = text(f"relations[{i}].person_name", "relations.person_name",
                                 r.person_name)
            r.note = text(f"relations[{i}].note", "relations.note", r.note)
            if not r.person_name and f"relations[{i}].person_name" not in problems:
                problems[f"relations[{i}].person_name"] = ["请填写关系人姓名"]
            kind: object = r.kind
            if not isinstance(kind, RelationKind):
                problems[f"relations[{i}].kind"] = ["未知关系类型"]
        if problems:
            raise ValidationError(problems)

    def save(self, actor: str, mediator: Mediator) -> Mediator:
        """Add or update a mediator."""
        center = self.store.directory.self_center()
        if center is None:
            raise DomainError("数据库尚未初始化。", code="not_initialised")
        mediator.center_id = mediator.center_id or center.id
        self._validate(mediator)
        action = "update_mediator" if mediator.version else "add_mediator"
        with self.store.operation(actor, action, summary=f"调解员{mediator.name}") as work:
            work.save_mediator(mediator)
        return mediator

    def set_active(self, actor: str, mediator_id: str, active: bool) -> Mediator:
        """Activate or deactivate a mediator (their history stays)."""
        require(self.store, "update_mediator")
        m = self.get(mediator_id)
        m.active = active
        with self.store.operation(actor, "update_mediator",
                                  summary=f"{'启用' if active else '停用'}调解员{m.name}") as work:
            work.save_mediator(m)
        return m


__all__ = ["init_desk", "MediatorService", "DeclaredRelation", "validate_center", "update_center"]


def update_center(store: Store, actor: str, *, name: str, number_prefix: str,
                  linked_court: str = "", court_code: str = "") -> Center:
    """Change this desk's own center details (name, numbering prefix, linked court)."""
    require(store, "update_center")
    center = store.directory.self_center()
    if center is None:
        raise DomainError("数据库尚未初始化。", code="not_initialised")
    cleaned = validate_center(center.code, name, number_prefix, linked_court=linked_court,
                              court_code=court_code)
    center.name, center.number_prefix = cleaned["name"], cleaned["number_prefix"]
    center.linked_court, center.court_code = cleaned["linked_court"], cleaned["court_code"]
    with store.operation(actor, "update_center", summary=f"修改中心信息{center.name}") as work:
        work.save_center(center, is_self=True)
    return center
