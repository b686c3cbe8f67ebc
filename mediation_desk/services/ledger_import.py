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
from datetime import date, datetime, time
from typing import Any

from ..domain.enums import (
    AgreementScope,
    CaseSource,
    CaseStatus,
    DisputeType,
    EndReason,
    EventKind,
    Performance,
)
from ..domain.errors import DomainError, ValidationError
from ..domain.ledger_cells import (
    DUE_FOLLOW_UP,
    FOLLOW_UP,
    SOURCE_WORDS,
    STATUS_WORDS,
    cell_amount,
    cell_date,
    cell_text,
    enum_value,
    failed,
    names_in,
    normal_number,
    parties_from,
    succeeded,
)
from ..domain.ledger_columns import COLUMNS, IGNORE, field_of, guess_mapping, header_unit
from ..domain.models import Agreement, Case, CaseEvent
from ..domain.numbering import DEFAULT_PREFIX, parse_case_number
from ..domain.validators import InvalidValue
from ..reports.ledger_xlsx import LedgerSheet
from ..storage.ledger_queries import ledger_of
from ..storage.store import Store
from .case_input import parse_case
from .intake import IntakeOps
from .ledger import LEDGER_FACTS

NEW, SAME, DIFFERS, ERROR = "new", "same", "differs", "error"
ROW_LABELS = {NEW: "新增", SAME: "已有，未改动", DIFFERS: "已有，内容不同，未修改", ERROR: "有错误"}

FIELD_TITLES = {"received_on": "收案日期", "source": "来源", "dispute_type": "纠纷类型",
                "amount": "争议金额", "parties": "当事人", "court_case_number": "法院案号",
                "facts": "简要案情", "title": "案由", "claims": "请求事项"}
PARTY_FIELDS = {"name": "姓名", "id_number": "身份证号码", "phone": "电话",
                "credit_code": "统一社会信用代码", "kind": "类别", "role": "身份",
                "sex": "性别", "birth_date": "出生日期"}



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
        row.number = normal_number(cell_text(values.get("number")))
        for key, column in (("received_on", "收案日期"), ("due_on", "期限")):
            if key in values:
                try:
                    data[key] = cell_date(values[key])
                except InvalidValue as exc:
                    row.error(column, exc.message)
        if "received_on" not in values:
            row.error("收案日期", "不能为空")
        source = cell_text(values.get("source"))
        if source:
            data["source"] = enum_value(CaseSource, source, SOURCE_WORDS)
        else:
            data["source"] = CaseSource.PARTY_APPLICATION.value
            if "source" in units:  # the column is there, this row's cell is empty
                row.warnings.append(f"第{row.row}行 来源未填，按“当事人申请”导入")
        kind = cell_text(values.get("dispute_type"))
        if kind:
            data["dispute_type"] = enum_value(DisputeType, kind, {})
        if "amount" in values:
            try:
                data["amount"] = cell_amount(values["amount"], units.get("amount", ""))
            except InvalidValue as exc:
                row.error("争议金额", exc.message)
        for key in ("court_case_number", "title"):
            if values.get(key) is not None:
                data[key] = cell_text(values[key])
        data["facts"] = cell_text(values.get("facts")) or LEDGER_FACTS
        data["parties"] = parties_from(values, row.row, row.warnings)
        row.summary = "；".join(str(p["name"]) for p in data["parties"])
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
        text = cell_text(values.get("status"))
        outcome = cell_text(values.get("outcome"))
        if text:
            status = enum_value(CaseStatus, text, STATUS_WORDS)
            try:
                case.status = CaseStatus(status)
            except ValueError:
                choices = "、".join(s.label for s in CaseStatus)
                row.error("状态", f"“{text}”不是有效的状态（可选：{choices}）")
        elif succeeded(outcome):
            case.status = CaseStatus.AGREED
        elif failed(outcome):
            case.status = CaseStatus.TERMINATED
        jc = cell_text(values.get("jc"))
        if jc == "是" and case.status is not CaseStatus.JC_CONFIRMED:
            case.jc_ruling = "据台账：已司法确认"

    def _mediators(self, row: RowPlan, case: Case, values: dict[str, Any],
                   roster: dict[str, str]) -> None:
        for name in names_in(cell_text(values.get("mediators"))):
            if name in roster:
                case.mediator_ids.append(roster[name])
            else:
                row.warnings.append(f"第{row.row}行 调解员“{name}”不在本中心名册中，未指派")
        case.mediator_ids = list(dict.fromkeys(case.mediator_ids))

    def _outcome(self, row: RowPlan, case: Case, values: dict[str, Any],
                 units: dict[str, str]) -> None:
        outcome = cell_text(values.get("outcome"))
        amount = None
        if "agreement_amount" in values:
            try:
                from ..domain.formatting import parse_amount

                amount = parse_amount(cell_amount(values["agreement_amount"],
                                                  units.get("agreement_amount", "")))
            except InvalidValue as exc:
                row.error("协议金额", exc.message)
                return
        if succeeded(outcome) or amount is not None:
            scope = AgreementScope.PARTIAL if "部分" in outcome else AgreementScope.FULL
            row.agreement = Agreement(case_id=case.id, scope=scope, amount=amount)
        elif failed(outcome):
            reason = outcome.partition("：")[2].strip() or outcome.partition(":")[2].strip()
            try:
                case.end_reason = EndReason.parse(reason) if reason else EndReason.OTHER
            except ValueError:
                case.end_reason = EndReason.OTHER
                case.end_note = reason
        elif outcome and outcome != "不予受理":
            row.warnings.append(f"第{row.row}行 结果“{outcome}”未能识别，未导入")

    def _follow_up(self, row: RowPlan, case: Case, values: dict[str, Any]) -> None:
        text = unicodedata.normalize("NFKC", cell_text(values.get("follow_up"))).replace(" ", " ")
        if not text:
            return
        due = DUE_FOLLOW_UP.match(text)
        m = FOLLOW_UP.match(text)
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
