"""Validation of case input from the registration form, the CLI and imports.

Input is a plain dict (JSON shape documented in ``docs/case-input.md``); the
result is a :class:`Case` with its parties, or a :class:`ValidationError`
listing every problem by field path, in Chinese.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.enums import (
    CaseFlag,
    CaseSource,
    DisputeType,
    LabelledEnum,
    PartyKind,
    PartyRole,
    Sex,
)
from ..domain.errors import ValidationError
from ..domain.formatting import parse_amount
from ..domain.models import Case, Party
from ..domain.party_fields import validate_ethnicity, validate_occupation
from ..domain.record_rules import clean_text, date_problem, is_multiline, max_len
from ..domain.validators import (
    CourtNumberUse,
    InvalidValue,
    check_credit_code,
    id_region_warning,
    parse_court_case_number,
    validate_id_number,
    validate_phone,
)

# the type code a court number should carry, by the case's source (REFERENCE §3.4)
COURT_NUMBER_USE = {CaseSource.COURT_DELEGATED: CourtNumberUse.REFERRAL,
                    CaseSource.COURT_ENTRUSTED: CourtNumberUse.TRIAL}

CASE_FIELDS = {"source", "dispute_type", "received_on", "title", "amount", "facts", "claims",
               "flags", "court_case_number", "parties", "id"}
PARTY_FIELDS = {"kind", "role", "name", "sex", "ethnicity", "birth_date", "id_number",
                "credit_code", "legal_representative", "occupation", "phone", "address",
                "village", "agent", "id"}
AGENT_FIELDS = {"name", "phone", "id_number", "relation"}


class Problems:
    """Collects problems by field path."""

    def __init__(self) -> None:
        self.items: dict[str, list[str]] = {}
        self.warnings: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.items.setdefault(path, []).append(message)

    def warn(self, path: str, message: str) -> None:
        self.warnings.setdefault(path, []).append(message)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


def _text(data: dict[str, Any], key: str, path: str, problems: Problems, *,
          entity: str = "parties", field: str | None = None, required: bool = False,
          raw_len: int | None = None) -> str:
    """A text value under the shared text rule (record_rules): NFC, no hidden or control
    characters, at most the table's length for ``entity.field`` (``raw_len``: a cap on the
    raw input of a value a validator then normalises, such as an ID number)."""
    value: object = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.add(f"{path}{key}", "应为文字")
        return ""
    name = field or key
    try:
        value = clean_text(value, raw_len or max_len(entity, name),
                           multiline=is_multiline(entity, name))
    except InvalidValue as exc:
        problems.add(f"{path}{key}", exc.message)
        return ""
    if required and not value:
        problems.add(f"{path}{key}", "不能为空")
    return value


def _enum(enum: type[LabelledEnum], data: dict[str, Any], key: str, path: str, problems: Problems,
          default: Any = None) -> Any:
    value = data.get(key)
    if value in (None, ""):
        if default is None:
            problems.add(f"{path}{key}", "必须选择")
        return default
    try:
        return enum.parse(value)
    except (ValueError, TypeError):
        choices = "、".join(e.label for e in enum)
        problems.add(f"{path}{key}", f"“{value}”不是有效的选项（可选：{choices}）")
        return default


def _date(data: dict[str, Any], key: str, path: str, problems: Problems, *, today: date,
          birth: bool = False) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value))
        except ValueError:
            problems.add(f"{path}{key}", f"日期格式应为 YYYY-MM-DD：{value}")
            return None
    problem = date_problem(parsed, today, birth=birth)
    if problem:
        problems.add(f"{path}{key}", problem)
        return None
    return parsed


def _unknown(data: dict[str, Any], allowed: set[str], path: str, problems: Problems) -> None:
    for key in data:
        if key not in allowed:
            problems.add(f"{path}{key}", "未知字段")


def parse_party(data: Any, path: str, problems: Problems, *, today: date,
                kept: dict[str, Party] | None = None) -> Party | None:
    """Validate one party dict; record problems under ``path`` (``kept``: the stored parties
    by id, when a saved case is edited)."""
    if not isinstance(data, dict):
        problems.add(path.rstrip("."), "当事人信息格式不正确")
        return None
    _unknown(data, PARTY_FIELDS, path, problems)
    kind = _enum(PartyKind, data, "kind", path, problems, PartyKind.PERSON)
    role = _enum(PartyRole, data, "role", path, problems)
    party = Party(kind=kind, role=role or PartyRole.APPLICANT,
                  name=_text(data, "name", path, problems, required=True))
    if isinstance(data.get("id"), str) and data["id"]:
        party.id = data["id"]
    for key in ("legal_representative", "village"):
        setattr(party, key, _text(data, key, path, problems))
    _person_fields(party, data, path, problems, (kept or {}).get(party.id))
    party.address = _text(data, "address", path, problems)
    if data.get("sex"):
        party.sex = _enum(Sex, data, "sex", path, problems)
    party.birth_date = _date(data, "birth_date", path, problems, today=today, birth=True)
    id_number = _text(data, "id_number", path, problems, raw_len=40)
    if id_number:
        try:
            info = validate_id_number(id_number, today=today)
        except InvalidValue as exc:
            problems.add(f"{path}id_number", exc.message)
        else:
            party.id_number = info.number
            if party.sex is not None and party.sex != info.sex:
                problems.add(f"{path}sex", f"与身份证号码不符（身份证显示为{info.sex.label}）")
            if party.birth_date is not None and party.birth_date != info.birth_date:
                problems.add(f"{path}birth_date", "与身份证号码中的出生日期不符")
            party.sex, party.birth_date = info.sex, info.birth_date
            region = id_region_warning(info)
            if region:
                problems.warn(f"{path}id_number", region)
    credit = _text(data, "credit_code", path, problems, raw_len=40)
    if credit:
        try:
            check = check_credit_code(credit)
        except InvalidValue as exc:
            problems.add(f"{path}credit_code", exc.message)
        else:
            party.credit_code = check.normalized
            for w in check.warnings:
                problems.warn(f"{path}credit_code", w)
    if kind is PartyKind.PERSON and party.credit_code:
        problems.add(f"{path}credit_code", "自然人不填写统一社会信用代码")
    if kind is PartyKind.ORGANISATION and party.id_number:
        problems.add(f"{path}id_number", "单位当事人请填写统一社会信用代码，不填身份证号码")
    phone = _text(data, "phone", path, problems, raw_len=40)
    if phone:
        try:
            party.phone = validate_phone(phone)
        except InvalidValue as exc:
            problems.add(f"{path}phone", exc.message)
    agent = data.get("agent")
    if agent:
        apath = f"{path}agent."
        if not isinstance(agent, dict):
            problems.add(f"{path}agent", "代理人信息格式不正确")
        else:
            _unknown(agent, AGENT_FIELDS, apath, problems)
            party.agent_name = _text(agent, "name", apath, problems, field="agent_name",
                                     required=True)
            party.agent_relation = _text(agent, "relation", apath, problems,
                                         field="agent_relation")
            aphone = _text(agent, "phone", apath, problems, raw_len=40)
            if aphone:
                try:
                    party.agent_phone = validate_phone(aphone)
                except InvalidValue as exc:
                    problems.add(f"{apath}phone", exc.message)
            aid = _text(agent, "id_number", apath, problems, raw_len=40)
            if aid:
                try:
                    party.agent_id_number = validate_id_number(aid, today=today).number
                except InvalidValue as exc:
                    problems.add(f"{apath}id_number", exc.message)
    return party


def _person_fields(party: Party, data: dict[str, Any], path: str, problems: Problems,
                   stored: Party | None = None) -> None:
    """民族 (one of the 56 official names) and 职业 (free text): a person's only.

    A value saved before the rule (or received from another desk) and left as it was when
    the case is edited is kept: editing the facts must not fail on a field nobody touched.
    """
    for key, check in (("ethnicity", validate_ethnicity), ("occupation", validate_occupation)):
        text = _text(data, key, path, problems)
        if not text:
            continue
        if stored is not None and text == getattr(stored, key) and stored.kind is party.kind:
            setattr(party, key, text)
            continue
        if party.kind is PartyKind.ORGANISATION:
            problems.add(f"{path}{key}", "单位当事人不填写民族和职业")
            continue
        try:
            setattr(party, key, check(text))
        except InvalidValue as exc:
            problems.add(f"{path}{key}", exc.message)


def parse_case(data: Any, *, center_id: str, today: date, path: str = "",
               kept: Case | None = None) -> tuple[Case, Problems]:
    """Validate one case dict; return the case and the problems found (maybe none).
    ``kept``: the stored case when a saved case is edited (unchanged old values stay)."""
    problems = Problems()
    if not isinstance(data, dict):
        problems.add(path.rstrip(".") or "case", "案件信息格式不正确")
        return Case(center_id=center_id), problems
    _unknown(data, CASE_FIELDS, path, problems)
    case = Case(center_id=center_id)
    if isinstance(data.get("id"), str) and data["id"]:
        case.id = data["id"]
    case.source = _enum(CaseSource, data, "source", path, problems) or CaseSource.PARTY_APPLICATION
    case.dispute_type = (_enum(DisputeType, data, "dispute_type", path, problems)
                         or DisputeType.OTHER)
    case.title = _text(data, "title", path, problems, entity="cases")
    case.facts = _text(data, "facts", path, problems, entity="cases", required=True)
    case.claims = _text(data, "claims", path, problems, entity="cases")
    received = _date(data, "received_on", path, problems, today=today)
    if received and received > today:
        problems.add(f"{path}received_on", "收案日期不能晚于今天")
    case.received_on = received or today
    amount = data.get("amount")
    if amount not in (None, ""):
        try:
            case.amount = parse_amount(str(amount))
        except InvalidValue as exc:
            problems.add(f"{path}amount", exc.message)
    flags = data.get("flags") or []
    if not isinstance(flags, list):
        problems.add(f"{path}flags", "应为列表")
        flags = []
    for i, f in enumerate(flags):
        try:
            case.flags.add(CaseFlag.parse(f))
        except (ValueError, TypeError):
            problems.add(f"{path}flags[{i}]", f"未知标记：{f}")
    court_no = _text(data, "court_case_number", path, problems, entity="cases")
    if court_no:
        try:
            number = parse_court_case_number(court_no, today=today)
        except InvalidValue as exc:
            problems.add(f"{path}court_case_number", exc.message)
        else:
            case.court_case_number = number.text
            use = COURT_NUMBER_USE.get(case.source)
            warning = number.type_warning(use) if use else None
            if warning:
                problems.warn(f"{path}court_case_number", warning)
    elif case.source is CaseSource.COURT_DELEGATED or case.source is CaseSource.COURT_ENTRUSTED:
        problems.add(f"{path}court_case_number", "法院委派或委托的案件必须填写法院案号")
    parties = data.get("parties")
    if not isinstance(parties, list) or not parties:
        problems.add(f"{path}parties", "至少需要一名当事人")
        parties = []
    for i, pdata in enumerate(parties):
        p = parse_party(pdata, f"{path}parties[{i}].", problems, today=today,
                        kept={q.id: q for q in kept.parties} if kept is not None else None)
        if p is not None:
            case.parties.append(p)
    roles = {p.role for p in case.parties}
    if case.parties and PartyRole.APPLICANT not in roles:
        problems.add(f"{path}parties", "至少需要一名申请人")
    if case.parties and PartyRole.RESPONDENT not in roles:
        problems.add(f"{path}parties", "至少需要一名被申请人")
    seen: set[str] = set()
    for i, p in enumerate(case.parties):
        if p.id_number and p.id_number in seen:
            problems.add(f"{path}parties[{i}].id_number", "与另一名当事人的身份证号码重复")
        if p.id_number:
            seen.add(p.id_number)
    return case, problems
