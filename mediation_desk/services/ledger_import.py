"""The 台账 (case ledger) in: map a sheet's columns, check every row, write in one operation.

``plan = LedgerImport(store).plan(sheet, mapping)`` reads nothing but the database and
writes nothing: each row becomes a :class:`RowPlan` that is new, already here (matched), or
has errors, each error in Chinese with the row number Excel shows. A row's case goes
through the same validator as the registration form and ``add --json``
(:func:`.case_input.parse_case`). :meth:`LedgerImport.apply` plans again inside one
``register_cases`` operation (so nothing changed between the preview and the write) and
writes every new case, or nothing if any row has an error.

A row is matched to a case here by its 案号 (the same text); a row without 案号 by its row
key: the same 收案日期, 纠纷类型 and party names. A matched row is never written over, so
importing the same file again changes nothing. See docs/ledger.md for what each column
becomes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ..domain.enums import (
    AgreementScope,
    CaseSource,
    CaseStatus,
    DisputeType,
    EndReason,
    EventKind,
    LabelledEnum,
    Performance,
)
from ..domain.errors import DomainError, ValidationError
from ..domain.ledger_columns import COLUMNS, IGNORE, field_of, guess_mapping, header_unit
from ..domain.models import Agreement, Case, CaseEvent
from ..domain.numbering import DEFAULT_PREFIX, parse_case_number
from ..domain.validators import InvalidValue
from ..reports.ledger_xlsx import LedgerSheet
from ..storage.ledger_queries import ledger_of
from ..storage.store import Store
from .case_input import parse_case
from .intake import IntakeOps
from .ledger import FAILURE, LEDGER_FACTS, SUCCESS

NEW, SAME, DIFFERS, ERROR = "new", "same", "differs", "error"
ROW_LABELS = {NEW: "新增", SAME: "已有，未改动", DIFFERS: "已有，内容不同，未修改", ERROR: "有错误"}

FIELD_TITLES = {"received_on": "收案日期", "source": "来源", "dispute_type": "纠纷类型",
                "amount": "争议金额", "parties": "当事人", "court_case_number": "法院案号",
                "facts": "简要案情", "title": "案由", "claims": "请求事项"}
PARTY_FIELDS = {"name": "姓名", "id_number": "身份证号码", "phone": "电话",
                "credit_code": "统一社会信用代码", "kind": "类别", "role": "身份",
                "sex": "性别", "birth_date": "出生日期"}

SOURCE_WORDS = {"申请": CaseSource.PARTY_APPLICATION, "主动": CaseSource.SELF_INITIATED,
                "排查": CaseSource.SELF_INITIATED, "委派": CaseSource.COURT_DELEGATED,
                "委托": CaseSource.COURT_ENTRUSTED, "公安": CaseSource.POLICE_TRANSFER,
                "派出所": CaseSource.POLICE_TRANSFER, "政府": CaseSource.GOVERNMENT_ASSIGNED,
                "指定": CaseSource.GOVERNMENT_ASSIGNED, "交办": CaseSource.GOVERNMENT_ASSIGNED}
STATUS_WORDS = {"调解成功": CaseStatus.AGREED, "成功": CaseStatus.AGREED,
                "调解不成功": CaseStatus.TERMINATED, "不成功": CaseStatus.TERMINATED,
                "调解失败": CaseStatus.TERMINATED, "终止": CaseStatus.TERMINATED,
                "在办": CaseStatus.MEDIATING, "在调": CaseStatus.MEDIATING,
                "受理": CaseStatus.ACCEPTED, "登记": CaseStatus.REGISTERED,
                "已结案": CaseStatus.ARCHIVED, "结案": CaseStatus.ARCHIVED,
                "归档": CaseStatus.ARCHIVED}
_SPLIT_NAMES = re.compile(r"[、,，;；/\s]+")
_ROLE_PART = re.compile(r"^(申请人|被申请人|第三人|当事人)[:：]?(.*)$")
_DETAIL = re.compile(r"^(.+?)[（(](.*)[）)]$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_FOLLOW_UP = re.compile(r"^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(已履行|正在履行|未履行)?"
                        r"\s*(?:[，,]?\s*满意度\s*(\d))?$")
_DUE_FOLLOW_UP = re.compile(r"^应于\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*回访$")
_EXCEL_EPOCH = date(1899, 12, 30)
MASK = "*"


@dataclass
class RowPlan:
    """One row of the sheet: what the import would do with it."""

    row: int  # as Excel shows it
    kind: str = NEW
    number: str = ""
    summary: str = ""  # 当事人 as read, for the preview
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    case: Case | None = None
    agreement: Agreement | None = None
    follow_up: CaseEvent | None = None
    keep_serial: tuple[int, int] | None = None  # (year, serial) of an 案号 kept as it was
    existing_id: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    def error(self, column: str, message: str) -> None:
        self.errors.append(f"第{self.row}行 {column}：{message}")
        self.kind = ERROR


@dataclass
class ImportPlan:
    file_name: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: list[str]
    rows: list[RowPlan]
    problems: list[str] = field(default_factory=list)  # of the sheet as a whole
    notes: list[str] = field(default_factory=list)  # of the sheet as a whole, not blocking

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def errors(self) -> list[str]:
        return self.problems + [e for r in self.rows for e in r.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {k: len(self.of(k)) for k in (NEW, SAME, DIFFERS, ERROR)}


@dataclass(frozen=True)
class ImportResult:
    added: list[Case]
    matched: int


def parse_mapping(headers: Sequence[str], given: Sequence[str]) -> list[str]:
    """The guessed mapping with ``列名=字段`` overrides (the CLI's ``--map``)."""
    mapping = guess_mapping(headers)
    for item in given:
        name, sep, target = item.partition("=")
        if not sep:
            raise ValidationError({"map": [f"应写成 列名=字段：{item}"]})
        try:
            fld = field_of(target)
        except ValueError as exc:
            raise ValidationError({"map": [str(exc)]}) from None
        cols = [i for i, h in enumerate(headers) if h.strip() == name.strip()]
        if not cols and name.strip().isdigit() and 0 < int(name) <= len(headers):
            cols = [int(name) - 1]
        if not cols:
            raise ValidationError({"map": [f"表头中没有“{name}”这一列"]})
        for i, f in enumerate(mapping):
            if f == fld and fld:
                mapping[i] = IGNORE
        mapping[cols[0]] = fld
    return mapping


# --- cell values ----------------------------------------------------------------------------
def cell_date(value: Any) -> date:
    """A date cell, an Excel day number or text (2026-03-01, 2026/3/1, 2026年3月1日)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise InvalidValue(f"无法识别的日期：{value}")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _DATE_TEXT.match(text)
    if m is None and re.fullmatch(r"\d{8}", text):
        m = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if m is None:
        raise InvalidValue(f"无法识别的日期“{text}”（应如2026-03-01）")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InvalidValue(f"不存在的日期“{text}”") from None


def cell_amount(value: Any, unit: str) -> str:
    """An amount as text for the validator (a number cell, or text like 1,200元)."""
    if isinstance(value, bool):
        raise InvalidValue(f"金额格式不正确：{value}")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if unit != "万元":
            return text
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return text
    if unit == "万元":
        number *= 10_000
    return str(number.quantize(Decimal("0.01")) if number == number.quantize(
        Decimal("0.01")) else number)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _enum_value(enum: type[LabelledEnum], text: str, words: dict[str, Any]) -> str:
    """An enum id from its label, a label without 纠纷, or a word offices use; else text."""
    for candidate in (text, text + "纠纷", text.removesuffix("纠纷") + "纠纷"):
        try:
            return str(enum.parse(candidate).value)
        except ValueError:
            pass
    for word, member in words.items():
        if word in text:
            return str(member.value)
    return text  # the validator names it as not a valid choice


def _party(text: str, role: str, plan: RowPlan, today: date) -> dict[str, Any]:
    name, details = text, ""
    m = _DETAIL.match(text)
    if m:
        name, details = m.group(1).strip(), m.group(2)
    data: dict[str, Any] = {"role": role, "name": name}
    for bit in re.split(r"[，,；;]", details):
        bit = bit.strip()
        for label, key in (("身份证", "id_number"), ("信用代码", "credit_code"),
                           ("电话", "phone")):
            if bit.startswith(label):
                number = bit[len(label):].strip(" ：:号码")
                if MASK in number:
                    plan.warnings.append(f"第{plan.row}行 {name}的{label}号码已遮蔽，未导入")
                elif number:
                    data[key] = number
    if "credit_code" in data or (len(name) > 5 and any(w in name for w in (
            "公司", "厂", "合作社", "委员会", "中心", "医院", "学校", "物业", "店"))):
        data["kind"] = "organisation"
    return data


def parties_from(values: dict[str, Any], plan: RowPlan, today: date) -> list[dict[str, Any]]:
    """Parties from 当事人 (申请人：张三；被申请人：李四) or from 申请人 / 被申请人 columns."""
    out: list[dict[str, Any]] = []
    roles = {"申请人": "applicant", "被申请人": "respondent", "第三人": "third_party"}
    for key, role in (("applicants", "applicant"), ("respondents", "respondent")):
        for name in _names(_text(values.get(key))):
            out.append(_party(name, role, plan, today))
    whole = _text(values.get("parties"))
    if whole and not out:
        untagged: list[str] = []
        for part in re.split(r"[；;\n]+", whole):
            part = part.strip()
            if not part:
                continue
            m = _ROLE_PART.match(part)
            if m and m.group(1) in roles:
                out += [_party(n, roles[m.group(1)], plan, today) for n in _names(m.group(2))]
            else:
                untagged += _names(m.group(2) if m else part)
        if untagged:
            if len(untagged) >= 2:
                plan.warnings.append(f"第{plan.row}行 当事人未注明申请人、被申请人："
                                     f"按第一人为申请人、其余为被申请人导入")
            for i, name in enumerate(untagged):
                out.append(_party(name, "applicant" if i == 0 else "respondent", plan, today))
    plan.summary = "；".join(f"{p['name']}" for p in out)
    return out


def _names(text: str) -> list[str]:
    """Names split on 、，; a detail in brackets (身份证 …，电话 …) stays with its name."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and _SPLIT_NAMES.fullmatch(ch):
            if cur.strip():
                out.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def _failed(outcome: str) -> bool:
    return any(w in outcome for w in (FAILURE, "不成功", "失败", "终止", "未达成"))


def _succeeded(outcome: str) -> bool:
    """调解成功, 成功, 达成协议, 部分达成 (not 调解不成功, 未达成)."""
    return not _failed(outcome) and (SUCCESS in outcome or outcome == "成功"
                                     or "达成" in outcome)


def normal_number(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split()).replace(
        "(", "（").replace(")", "）")


# --- the plan -------------------------------------------------------------------------------
class LedgerImport(IntakeOps):
    """Plan and apply the import of a ledger sheet (one ``register_cases`` operation)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.ledger = ledger_of(store)

    def plan(self, sheet: LedgerSheet, mapping: Sequence[str] | None = None, *,
             file_name: str = "") -> ImportPlan:
        """What importing ``sheet`` with ``mapping`` (a field per column) would do."""
        mapping = list(mapping) if mapping is not None else guess_mapping(sheet.headers)
        mapping += [IGNORE] * (len(sheet.headers) - len(mapping))
        plan = ImportPlan(file_name, sheet.name, sheet.header_row, sheet.headers, mapping, [])
        chosen = [f for f in mapping if f]
        for fld in sorted(set(chosen)):
            if chosen.count(fld) > 1:
                plan.problems.append(f"“{COLUMNS[fld].title}”对应了不止一列，请只选一列")
        if "received_on" not in chosen:
            plan.problems.append("没有对应“收案日期”的列（受理日期、登记日期也可），无法导入")
        if not {"parties", "applicants", "respondents"} & set(chosen):
            plan.problems.append("没有对应“当事人”（或“申请人”“被申请人”）的列，无法导入")
        if "dispute_type" not in chosen:
            plan.problems.append("没有对应“纠纷类型”的列，无法导入")
        if plan.problems:
            return plan
        units = {f: header_unit(h) for f, h in zip(mapping, sheet.headers, strict=False) if f}
        if "source" not in units:
            plan.notes.append("台账中没有“来源”列：各案件的来源按“当事人申请”导入")
        center = self._own_center()
        today = self.today()
        roster: dict[str, str] = {}
        for m in self.store.directory.mediators(include_inactive=False):
            roster.setdefault(m.name, m.id)
        seen_numbers: dict[str, int] = {}
        for n, cells in sheet.rows:
            values = {f: cells[i] for i, f in enumerate(mapping) if f and i < len(cells)
                      and cells[i] is not None}
            row = RowPlan(n, values=values)
            plan.rows.append(row)
            self._row(row, values, units, center.id, center.number_prefix, today, roster)
            if row.number:
                if row.number in seen_numbers:
                    row.error("案号", f"与第{seen_numbers[row.number]}行的案号重复：{row.number}")
                else:
                    seen_numbers[row.number] = n
        self._match(plan, center.id, center.number_prefix)
        return plan

    def _row(self, row: RowPlan, values: dict[str, Any], units: dict[str, str], center_id: str,
             prefix: str, today: date, roster: dict[str, str]) -> None:
        data: dict[str, Any] = {}
        row.number = normal_number(_text(values.get("number")))
        for key, column in (("received_on", "收案日期"), ("due_on", "期限")):
            if key in values:
                try:
                    data[key] = cell_date(values[key])
                except InvalidValue as exc:
                    row.error(column, exc.message)
        if "received_on" not in values:
            row.error("收案日期", "不能为空")
        source = _text(values.get("source"))
        if source:
            data["source"] = _enum_value(CaseSource, source, SOURCE_WORDS)
        else:
            data["source"] = CaseSource.PARTY_APPLICATION.value
            if "source" in units:  # the column is there, this row's cell is empty
                row.warnings.append(f"第{row.row}行 来源未填，按“当事人申请”导入")
        kind = _text(values.get("dispute_type"))
        if kind:
            data["dispute_type"] = _enum_value(DisputeType, kind, {})
        if "amount" in values:
            try:
                data["amount"] = cell_amount(values["amount"], units.get("amount", ""))
            except InvalidValue as exc:
                row.error("争议金额", exc.message)
        for key in ("court_case_number", "title"):
            if values.get(key) is not None:
                data[key] = _text(values[key])
        data["facts"] = _text(values.get("facts")) or LEDGER_FACTS
        data["parties"] = parties_from(values, row, today)
        case_in = {k: v for k, v in data.items() if k != "due_on"}
        case, problems = parse_case(case_in, center_id=center_id, today=today)
        for path, messages in problems.items.items():
            for message in messages:
                row.error(self._column(path), message)
        for path, messages in problems.warnings.items():
            row.warnings += [f"第{row.row}行 {self._column(path)}：{m}" for m in messages]
        if row.kind == ERROR:
            return
        case.due_on = data.get("due_on")
        self._status(row, case, values)
        self._mediators(row, case, values, roster)
        self._outcome(row, case, values, units)
        self._follow_up(row, case, values)
        if row.number:
            case.number = row.number
            try:
                year, own, serial = parse_case_number(row.number)
            except InvalidValue:
                own, year, serial = "", 0, 0
            if own == (prefix.strip() or DEFAULT_PREFIX):
                row.keep_serial = (year, serial)
                case.year, case.serial = year, serial
        if not case.title:
            names = [p.name for p in case.applicants[:1] + case.respondents[:1]]
            case.title = "与".join(names) + case.dispute_type.label
        row.case = case

    @staticmethod
    def _column(path: str) -> str:
        m = re.match(r"parties\[(\d+)\]\.(\w+)", path)
        if m:
            return f"当事人{int(m.group(1)) + 1} {PARTY_FIELDS.get(m.group(2), m.group(2))}"
        return FIELD_TITLES.get(path.split(".")[0], path)

    def _status(self, row: RowPlan, case: Case, values: dict[str, Any]) -> None:
        text = _text(values.get("status"))
        outcome = _text(values.get("outcome"))
        if text:
            status = _enum_value(CaseStatus, text, STATUS_WORDS)
            try:
                case.status = CaseStatus(status)
            except ValueError:
                choices = "、".join(s.label for s in CaseStatus)
                row.error("状态", f"“{text}”不是有效的状态（可选：{choices}）")
        elif _succeeded(outcome):
            case.status = CaseStatus.AGREED
        elif _failed(outcome):
            case.status = CaseStatus.TERMINATED
        jc = _text(values.get("jc"))
        if jc == "是" and case.status is not CaseStatus.JC_CONFIRMED:
            case.jc_ruling = "据台账：已司法确认"

    def _mediators(self, row: RowPlan, case: Case, values: dict[str, Any],
                   roster: dict[str, str]) -> None:
        for name in _names(_text(values.get("mediators"))):
            if name in roster:
                case.mediator_ids.append(roster[name])
            else:
                row.warnings.append(f"第{row.row}行 调解员“{name}”不在本中心名册中，未指派")
        case.mediator_ids = list(dict.fromkeys(case.mediator_ids))

    def _outcome(self, row: RowPlan, case: Case, values: dict[str, Any],
                 units: dict[str, str]) -> None:
        outcome = _text(values.get("outcome"))
        amount = None
        if "agreement_amount" in values:
            try:
                from ..domain.formatting import parse_amount

                amount = parse_amount(cell_amount(values["agreement_amount"],
                                                  units.get("agreement_amount", "")))
            except InvalidValue as exc:
                row.error("协议金额", exc.message)
                return
        if _succeeded(outcome) or amount is not None:
            scope = AgreementScope.PARTIAL if "部分" in outcome else AgreementScope.FULL
            row.agreement = Agreement(case_id=case.id, scope=scope, amount=amount)
        elif _failed(outcome):
            reason = outcome.partition("：")[2].strip() or outcome.partition(":")[2].strip()
            try:
                case.end_reason = EndReason.parse(reason) if reason else EndReason.OTHER
            except ValueError:
                case.end_reason = EndReason.OTHER
                case.end_note = reason
        elif outcome and outcome != "不予受理":
            row.warnings.append(f"第{row.row}行 结果“{outcome}”未能识别，未导入")

    def _follow_up(self, row: RowPlan, case: Case, values: dict[str, Any]) -> None:
        text = unicodedata.normalize("NFKC", _text(values.get("follow_up"))).replace(" ", " ")
        if not text:
            return
        due = _DUE_FOLLOW_UP.match(text)
        m = _FOLLOW_UP.match(text)
        try:
            if due:
                case.follow_up_due_on = cell_date(due.group(1))
                return
            if m:
                on = cell_date(m.group(1))
                data: dict[str, Any] = {"source": "ledger"}
                if m.group(2):
                    data["performance"] = Performance.parse(m.group(2)).value
                if m.group(3):
                    data["satisfaction"] = int(m.group(3))
                row.follow_up = CaseEvent(case_id=case.id, kind=EventKind.FOLLOW_UP,
                                          occurred_at=datetime.combine(on, time(0, 0)),
                                          data=data)
                return
        except InvalidValue as exc:
            row.error("回访", exc.message)
            return
        row.warnings.append(f"第{row.row}行 回访“{text}”未能识别（应如“2026-03-01 已履行”），"
                            "未导入")

    def _match(self, plan: ImportPlan, center_id: str, prefix: str) -> None:
        rows = [r for r in plan.rows if r.case is not None]
        by_number = self.ledger.by_number([r.number for r in rows if r.number])
        keyless = [r for r in rows if not r.number]
        by_day = self.ledger.received_on([r.case.received_on for r in keyless if r.case])
        candidates = [cid for ids in by_day.values() for cid in ids]
        names = {cid: sorted(p.name for p in ps)
                 for cid, ps in self.store.cases.parties_of(candidates).items()}
        types = {cid: self.store.cases.get(cid) for cid in candidates} if candidates else {}
        for r in rows:
            assert r.case is not None
            cid = by_number.get(r.number) if r.number else None
            if not r.number:
                key = sorted(p.name for p in r.case.parties)
                cid = next((c for c in by_day.get(r.case.received_on, [])
                            if names.get(c) == key and (case := types.get(c)) is not None
                            and case.dispute_type is r.case.dispute_type), None)
            if cid is not None:
                r.existing_id = cid
                r.kind = SAME
                differs = self._differences(cid, r.case)
                if differs:
                    r.kind = DIFFERS
                    r.warnings.append(f"第{r.row}行 本机已有此案件，{'、'.join(differs)}"
                                      "与台账不同；导入不修改已有案件")
        kept = [r.keep_serial for r in rows if r.kind == NEW and r.keep_serial]
        taken = self.ledger.serials_taken(center_id, kept) if kept else set()
        for r in rows:
            if r.kind == NEW and r.keep_serial in taken:
                r.error("案号", f"{r.number}的序号已被本机另一案件使用")

    def _differences(self, case_id: str, incoming: Case) -> list[str]:
        here = self.store.cases.get(case_id)
        if here is None:
            return []
        out = []
        for attr, title in (("received_on", "收案日期"), ("dispute_type", "纠纷类型"),
                            ("status", "状态"), ("due_on", "期限"), ("amount", "争议金额")):
            if getattr(here, attr) != getattr(incoming, attr):
                out.append(title)
        if sorted(p.name for p in here.parties if not p.deleted) != sorted(
                p.name for p in incoming.parties):
            out.append("当事人")
        return out

    # --- applying ---------------------------------------------------------------------------
    def apply(self, actor: str, sheet: LedgerSheet, mapping: Sequence[str] | None = None, *,
              file_name: str = "") -> ImportResult:
        """Import every new row in one operation; ValidationError (nothing written) if any
        row has an error. Nothing new (a file imported before): no operation at all."""
        plan = self.plan(sheet, mapping, file_name=file_name)
        if not plan.ok:
            raise ValidationError({"台账": plan.errors})
        new = plan.of(NEW)
        if not new:
            return ImportResult([], len(plan.rows))
        label = file_name or sheet.name
        with self.store.operation(actor, "register_cases",
                                  summary=f"导入台账“{label}”：新增{len(new)}件") as work:
            plan = self.plan(sheet, mapping, file_name=file_name)  # under the write lock
            if not plan.ok:
                raise ValidationError({"台账": plan.errors})
            new = plan.of(NEW)
            center = self._own_center()
            ordered = sorted(new, key=lambda r: r.keep_serial is None)  # kept numbers first
            for r in ordered:
                case = r.case
                assert case is not None
                if r.keep_serial is not None:
                    self.ledger.keep_serial(center.id, *r.keep_serial)
                else:
                    number = case.number
                    self._number(work, case)
                    if number:  # another office's 案号: kept as the ledger wrote it
                        case.number = number
                work.save_case(case)
                work.save_event(CaseEvent(
                    case_id=case.id, kind=EventKind.STATUS_CHANGE,
                    occurred_at=work.moment.replace(microsecond=0), actor=actor,
                    data={"from": None, "to": case.status.value, "action": "import_ledger",
                          "row": r.row}))
                if r.agreement is not None:
                    r.agreement.case_id = case.id
                    work.save_agreement(r.agreement)
                if r.follow_up is not None:
                    r.follow_up.case_id = case.id
                    r.follow_up.actor = actor
                    work.save_event(r.follow_up)
            work.note("ledger_import", label, {"rows": [None, len(plan.rows)],
                                               "added": [None, len(new)]})
        return ImportResult([r.case for r in ordered if r.case is not None],
                            len(plan.rows) - len(new))


def read_ledger_file(data: bytes, name: str) -> LedgerSheet:
    """The ledger table of an XLSX file's bytes (reports.ledger_xlsx.read_ledger)."""
    from ..reports.ledger_xlsx import read_ledger

    if not data:
        raise DomainError(f"“{name}”是空文件。", code="ledger_file")
    return read_ledger(data, name=name)
