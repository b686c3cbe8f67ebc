"""Who may do what: roles, accounts and the permission matrix (docs/permissions.md).

Every business operation is named by its audit action (``store.operation(actor, action)``);
:data:`MATRIX` says, for each action, which roles may run it and whether a mediator must be
on the case. The services enforce it (``services/access.py`` guards every operation of a
logged-in store), the GUI asks the same table to disable what a user may not press, and
``tests/services/test_permission_matrix.py`` runs every cell.

An action missing from the table is refused to every account (deny by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The four roles of a desk's accounts."""

    MEDIATOR = "mediator"
    DIRECTOR = "director"
    LIAISON = "liaison"
    READONLY = "readonly"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @classmethod
    def parse(cls, value: str) -> Role:
        """A role from its code or its Chinese label; ValueError names the choices."""
        text = value.strip()
        for role in cls:
            if text in (role.value, role.label):
                return role
        choices = "、".join(f"{r.label}（{r.value}）" for r in cls)
        raise ValueError(f"没有这个角色：{value}。可选：{choices}")


ROLE_LABELS: dict[Role, str] = {
    Role.MEDIATOR: "调解员",
    Role.DIRECTOR: "中心主任",
    Role.LIAISON: "法院联络员",
    Role.READONLY: "只读",
}


@dataclass(frozen=True)
class Account:
    """A person's account on this desk (who the audit trail names)."""

    id: str
    name: str
    role: Role
    mediator_id: str | None = None  # the roster entry of a mediator's account
    active: bool = True

    @property
    def label(self) -> str:
        return f"{self.name}（{self.role.label}）"


@dataclass(frozen=True)
class Rule:
    """Who may run one action.

    ``own_cases``: a mediator only on cases that are theirs; ``field_roles``: roles that may
    run it too on a field laptop (外出调解笔记本, desk kind ``field``), whose mediator carries
    their own work to and from the center.
    """

    roles: frozenset[Role]
    own_cases: bool = False
    label: str = ""
    field_roles: frozenset[Role] = frozenset()

    def roles_on(self, desk_kind: str = "") -> frozenset[Role]:
        """The roles that may run the action on a desk of ``desk_kind``."""
        return self.roles | self.field_roles if desk_kind == FIELD else self.roles


FIELD = "field"
"""The desk kind of a field laptop (setting ``desk_kind``)."""

D, M, L, R = Role.DIRECTOR, Role.MEDIATOR, Role.LIAISON, Role.READONLY


def _rule(label: str, *roles: Role, own: bool = False,
          field: tuple[Role, ...] = ()) -> Rule:
    return Rule(frozenset(roles), own_cases=own, label=label, field_roles=frozenset(field))


CASE_WORK = {  # the mediation itself: director, or a mediator on their own case
    "accept_case": "受理", "not_accept_case": "不予受理", "update_case": "修改案件信息",
    "record_session": "记录调解", "record_investigation": "记录调查",
    "record_undisputed_facts": "记录无争议事实",
    "suspend_case": "中止调解", "resume_case": "恢复调解", "extend_case": "延长期限",
    "record_agreement": "登记调解协议", "record_written_agreement": "制作书面调解协议",
    "terminate_case": "终止调解", "apply_jc": "申请司法确认", "remediate": "重新调解",
    "follow_up": "回访", "apply_enforcement": "申请强制执行", "litigate": "转诉讼",
    "hand_over": "移送立案", "archive": "归档",
    # corrections (domain/corrections.py): a new version, a 补充协议, a 更正说明
    "correct_record": "更正调解记录", "add_supplementary_agreement": "签订补充协议",
    "add_correction_note": "添加更正说明",
    # full ID and phone numbers: shown on request, or printed on a paper (PIPL Art 51)
    "reveal_identifiers": "查看完整证件号码和电话", "generate_document": "生成文书（含完整号码）",
}
COURT_RESULTS = {  # the court's results: its liaison, a director, or the case's mediator
    "jc_confirm": "司法确认：有效", "jc_reject": "司法确认：驳回", "jc_withdraw": "司法确认：撤回",
    "record_filing": "登记立案", "return_to_trial": "退回审判",
}
EXCHANGE = {  # bundles carry full numbers, encrypted to one trusted desk
    "export_bundle": "导出交换文件", "import_bundle": "导入交换文件",
    "resolve_conflict": "处理交换冲突",
}

MATRIX: dict[str, Rule] = {
    **{a: _rule(label, D, M, own=True) for a, label in CASE_WORK.items()},
    **{a: _rule(label, D, M, L, own=True) for a, label in COURT_RESULTS.items()},
    # the court's materials are added at the court desk by its liaison
    "add_attachment": _rule("添加附件", D, M, L, own=True),
    "register_case": _rule("登记新案件", D, M),
    "register_cases": _rule("批量登记案件", D, M),
    "refer_case": _rule("法院委派（发出委派）", D, L),
    "assign_mediators": _rule("指派、改派调解员", D),
    "intake_sheet": _rule("导出法院立案登记表（含完整号码）", L),
    "intake_case_file": _rule("随立案登记表生成卷宗（含完整号码）", L),
    "blank_form": _rule("打印空白文书", D, M, L),
    # a paper or printed code checked against the register: case number, masked names
    "verify_document": _rule("核验文书（校验码、PDF）", D, M, L, R),
    # counts and case numbers, never a name or an ID number (docs/statistics.md)
    "write_report": _rule("导出统计报表（月报、季度通报、年度报告）", D, M, L, R),
    "write_assessment": _rule("导出调解员考评", D),
    "add_mediator": _rule("新增调解员名册", D),
    "update_mediator": _rule("修改、停用调解员名册", D),
    "update_center": _rule("修改中心信息和编号", D),
    "update_settings": _rule("修改设置", D),
    # 以案定补: the rates and the monthly sheet the director signs (docs/subsidy.md)
    "set_subsidy_rates": _rule("修改以案定补标准", D),
    "subsidy_sheet": _rule("制作以案定补补贴发放表", D),
    "save_holiday_notice": _rule("录入节假日安排", D),
    "delete_holiday_notice": _rule("删除节假日安排", D),
    "generate_desk_keys": _rule("生成本单位交换密钥", D),
    "change_own_keys": _rule("更换本单位密钥", D),
    "trust_desk": _rule("信任其他单位", D),
    "change_peer_key": _rule("更换其他单位的密钥", D),
    "revoke_desk": _rule("吊销其他单位的密钥", D),
    **{a: _rule(label, D, L, field=(M,)) for a, label in EXCHANGE.items()},
    "enroll_field_desk": _rule("登记外出调解笔记本", D),
    "restore_backup": _rule("从备份恢复", D),
    "create_account": _rule("新建账户", D),
    "update_account": _rule("修改账户（角色、停用、启用）", D),
    "reset_password": _rule("重置他人密码", D),
    # the one write a read-only account makes: its own password, never a record
    "change_password": _rule("修改自己的密码", D, M, L, R),
    "encrypt_database": _rule("加密旧数据库", D),
    # a field laptop has one account, its mediator's: the recovery key (kept by the director)
    # gives it a new password without losing the work not yet carried to the center
    "recover_access": _rule("用恢复密钥重设密码", D, field=(M,)),
}
"""Every action a logged-in account may run, by audit action name (or, for a check that
writes nothing, the name the service asks with: ``blank_form``)."""

PROGRAM_ONLY = frozenset({"init_desk", "init_field_desk", "demo_mark", "demo_mediators",
                          "demo_accounts", "demo_cases"})
"""Operations only the program itself runs (no account is logged in yet, or a demo is built):
refused to every account, like any action missing from :data:`MATRIX`."""

READ_ONLY_VIEWS = ("案件列表和详情（号码已遮蔽）", "统计和法院汇总", "审计记录", "交换状态")
"""What every role, 只读 included, may look at (never a full ID or phone number)."""


def rule_for(action: str) -> Rule | None:
    return MATRIX.get(action)


def may(account: Account, action: str, desk_kind: str = "") -> bool:
    """The role part of the rule (a mediator's case scope is checked with the case)."""
    rule = MATRIX.get(action)
    return account.active and rule is not None and account.role in rule.roles_on(desk_kind)


def owns_case(account: Account, mediator_ids: Iterable[str], registered_by: str) -> bool:
    """A mediator's case: they are assigned to it, or they registered it and none is yet."""
    ids = list(mediator_ids)
    if account.mediator_id and account.mediator_id in ids:
        return True
    return not ids and registered_by == account.name


def refusal(account: Account, action: str, desk_kind: str = "") -> str:
    """Why ``account`` may not run ``action`` at all ('' when its role may)."""
    rule = MATRIX.get(action)
    if not account.active:
        return f"账户“{account.name}”已停用，不能操作。"
    if rule is None:
        return f"没有账户可以执行这个操作（{action}）。"
    roles = rule.roles_on(desk_kind)
    if account.role in roles:
        return ""
    who = "、".join(r.label for r in Role if r in roles)
    field = "、".join(r.label for r in Role if r in rule.field_roles and r not in roles)
    where = f"（在外出调解笔记本上也可由{field}操作）" if field else ""
    return (f"“{rule.label}”只能由{who}操作{where}；"
            f"您的账户“{account.name}”是{account.role.label}。")


def case_refusal(account: Account, action: str, case_number: str,
                 mediator_ids: Iterable[str], registered_by: str, desk_kind: str = "") -> str:
    """Why ``account`` may not run ``action`` on this case ('' when it may)."""
    why = refusal(account, action, desk_kind)
    if why:
        return why
    rule = MATRIX[action]
    if rule.own_cases and account.role is Role.MEDIATOR and \
            not owns_case(account, mediator_ids, registered_by):
        return (f"案件{case_number}没有指派给您，调解员只能办理指派给自己的案件"
                "（或自己登记、尚未指派的案件）。请找中心主任指派。")
    return ""


# -- the table in docs/permissions.md --------------------------------------------------
TABLE_START = "<!-- permission table: generated by domain.access.permissions_table -->"
TABLE_END = "<!-- end of permission table -->"


def _cell(rule: Rule, role: Role) -> str:
    if role in rule.roles:
        return "本人案件" if rule.own_cases and role is Role.MEDIATOR else "✓"
    if role in rule.field_roles:
        return "仅外出笔记本"
    return "—"


def permissions_table() -> str:
    """The matrix as a Markdown table (operation × role), as docs/permissions.md shows it."""
    roles = list(Role)
    lines = ["| 操作 | 审计名 | " + " | ".join(r.label for r in roles) + " |",
             "|---|---|" + "---|" * len(roles)]
    for action, rule in MATRIX.items():
        cells = " | ".join(_cell(rule, r) for r in roles)
        lines.append(f"| {rule.label} | `{action}` | {cells} |")
    return "\n".join(lines)
