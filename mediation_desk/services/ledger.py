"""The 台账 (case ledger) out: any case list, its filter and columns, as XLSX.

:meth:`LedgerService.export` pages through the list by keyset (the case list's own order,
``CaseService.page``) inside one read snapshot and streams each page to the workbook, so
100,000 cases are never held at once. ID and phone numbers are masked unless the logged-in
account may reveal that case's numbers (``reveal_identifiers``: a director, or the case's
own mediator); when any are written in full, one ``reveal_identifiers`` operation records
the export (file, how many cases) before the file takes its name, as a reveal on the case
page is recorded. Import: :mod:`.ledger_import`. Format: docs/ledger.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..domain.access import case_refusal
from ..domain.enums import (
    AgreementScope,
    CaseFlag,
    CaseSource,
    CaseStatus,
    DisputeType,
    EndReason,
    PartyRole,
    Performance,
)
from ..domain.errors import DomainError, ValidationError
from ..domain.ledger_cells import FAILURE, SUCCESS
from ..domain.ledger_columns import COLUMNS, DEFAULT_EXPORT, IMPORT_ONLY, Column
from ..domain.masking import mask_id_number, mask_phone
from ..domain.queries import CaseFilter, CaseRow, CaseSort
from ..storage.connection import refuse_database_file
from ..storage.ledger_queries import LedgerExtras, LedgerParty, ledger_of
from ..storage.store import Store
from .access import desk_kind
from .cases import CaseService

PAGE = 500
Progress = Callable[[int, int], bool]
"""``progress(done, total)``; False asks to stop (the export is then abandoned, no file)."""

JC_LABELS = {CaseStatus.JC_APPLIED: "已申请", CaseStatus.JC_CONFIRMED: "是",
             CaseStatus.JC_REJECTED: "驳回", CaseStatus.JC_WITHDRAWN: "撤回"}
LEDGER_FACTS = "（据台账导入，台账未载明案情）"


@dataclass(frozen=True)
class LedgerExport:
    path: Path
    count: int
    revealed: int  # cases whose ID and phone numbers were written in full


@dataclass(frozen=True)
class LedgerLine:
    """One case as the ledger shows it (the values of every column)."""

    values: dict[str, Any] = field(default_factory=dict)


def export_columns(keys: Sequence[str] | None) -> list[Column]:
    """The columns to write, in the standard order then the optional ones as given."""
    keys = list(keys or DEFAULT_EXPORT)
    unknown = [k for k in keys if k not in COLUMNS or COLUMNS[k] in IMPORT_ONLY]
    if unknown:
        raise ValidationError({"columns": [f"没有这一列：{'、'.join(unknown)}"]})
    if not keys:
        raise ValidationError({"columns": ["请至少选择一列"]})
    return [COLUMNS[k] for k in dict.fromkeys(keys)]


def party_text(parties: list[LedgerParty], *, reveal: bool) -> str:
    """申请人：张三（身份证 370…1234，电话 138****5678）；被申请人：李四"""
    groups: dict[str, list[str]] = {}
    for p in parties:
        ident = p.id_number or p.credit_code
        bits = []
        if ident:
            kind = "身份证" if p.id_number else "信用代码"
            bits.append(f"{kind} {ident if reveal or not p.id_number else mask_id_number(ident)}")
        if p.phone:
            bits.append(f"电话 {p.phone if reveal else mask_phone(p.phone)}")
        groups.setdefault(_ROLES.get(p.role, p.role), []).append(
            p.name + (f"（{'，'.join(bits)}）" if bits else ""))
    return "；".join(f"{role}：{'、'.join(names)}" for role, names in groups.items())


_ROLES = {r.value: r.label for r in PartyRole}


def outcome_text(row: CaseRow, x: LedgerExtras) -> str:
    if x.agreement_scope is not None:
        partial = x.agreement_scope == AgreementScope.PARTIAL.value
        return SUCCESS + ("（部分达成）" if partial else "")
    if row.status is CaseStatus.TERMINATED:
        reason = EndReason(x.end_reason).label if x.end_reason else ""
        return FAILURE + (f"：{reason}" if reason else "")
    if row.status is CaseStatus.NOT_ACCEPTED:
        return "不予受理"
    return ""


def jc_text(row: CaseRow, x: LedgerExtras) -> str:
    return JC_LABELS.get(row.status) or ("是" if x.jc_ruling else "否")


def follow_up_text(x: LedgerExtras) -> str:
    if x.follow_up_on is not None:
        text = x.follow_up_on.isoformat()
        if x.follow_up_performance:
            text += f" {Performance(x.follow_up_performance).label}"
        if x.follow_up_satisfaction:
            text += f"，满意度{x.follow_up_satisfaction}"
        return text
    if x.follow_up_due_on is not None:
        return f"应于{x.follow_up_due_on.isoformat()}回访"
    return ""


def describe_filter(flt: CaseFilter, mediator_names: dict[str, str],
                    center_names: dict[str, str]) -> str:
    """The filter in words, for the line under the ledger's title."""
    parts = []
    if flt.caption:
        parts.append(flt.caption)
    if flt.received_from or flt.received_to:
        start = flt.received_from.isoformat() if flt.received_from else "最早"
        end = flt.received_to.isoformat() if flt.received_to else "今"
        parts.append(f"收案日期 {start} 至 {end}")
    if flt.open_only:
        parts.append("在办案件")
    for title, values, enum in (("状态", flt.statuses, CaseStatus),
                                ("纠纷类型", flt.dispute_types, DisputeType),
                                ("来源", flt.sources, CaseSource), ("标记", flt.flags, CaseFlag)):
        if values:
            parts.append(f"{title} {'、'.join(enum(v).label for v in values)}")
    if flt.mediator_id:
        parts.append(f"调解员 {mediator_names.get(flt.mediator_id, flt.mediator_id)}")
    if flt.center_id:
        parts.append(f"调解组织 {center_names.get(flt.center_id, flt.center_id)}")
    if flt.overdue:
        parts.append("已超期")
    if flt.due_within is not None:
        parts.append(f"{flt.due_within}日内到期")
    if flt.text:
        parts.append(f"检索“{flt.text}”")
    if flt.case_ids is not None and not flt.caption:
        parts.append(f"指定的{len(flt.case_ids)}件案件")
    return "；".join(parts) or "全部案件"


class LedgerService:
    """Export a case list as a ledger (the import is :class:`.ledger_import.LedgerImport`)."""

    def __init__(self, store: Store, cases: CaseService | None = None) -> None:
        self.store = store
        self.cases = cases or CaseService(store)

    def _may_reveal(self, row: CaseRow, mediator_ids: tuple[str, ...], desk: str) -> bool:
        account = self.store.principal
        if account is None:
            return True  # the program itself (a test, a script without a login)
        registered_by = ""
        if not mediator_ids and account.role.value == "mediator":
            registered_by = self.store.audit.registered_by(row.id)
        return not case_refusal(account, "reveal_identifiers", row.number, mediator_ids,
                                registered_by, desk)

    def lines(self, flt: CaseFilter, sort: CaseSort, columns: Sequence[Column], *,
              counter: list[int] | None = None, mask: bool = False) -> Iterator[list[Any]]:
        """The ledger's rows, page by page (``counter[0]`` counts the revealed cases;
        ``mask``: every number masked, whoever asks, as the printed list shows them)."""
        keys = [c.key for c in columns]
        wants_facts = "facts" in keys
        ledger = ledger_of(self.store)
        mediators = {m.id: m.name for m in self.store.directory.mediators()}
        desk = desk_kind(self.store)
        after = None
        seq = 0
        while True:
            page = self.cases.page(flt, sort=sort, after=after, limit=PAGE)
            ids = [r.id for r in page.rows]
            parties = ledger.parties(ids)
            extras = ledger.extras(ids, facts=wants_facts)
            for r in page.rows:
                x = extras[r.id]
                seq += 1
                reveal = not mask and self._may_reveal(r, x.mediator_ids, desk)
                if reveal and counter is not None and any(
                        p.id_number or p.phone for p in parties[r.id]):
                    counter[0] += 1
                values = {
                    "seq": seq, "number": r.number, "received_on": r.received_on,
                    "source": r.source.label, "dispute_type": r.dispute_type.label,
                    "parties": party_text(parties[r.id], reveal=reveal),
                    "amount": r.amount,
                    "mediators": "、".join(mediators.get(m, "") for m in x.mediator_ids
                                          if m in mediators) or r.mediator_names,
                    "status": r.status.label, "due_on": r.due_on,
                    "outcome": outcome_text(r, x), "agreement_amount": x.agreement_amount,
                    "jc": jc_text(r, x), "follow_up": follow_up_text(x),
                    "court_case_number": r.court_case_number, "title": r.title,
                    "facts": x.facts,
                }
                yield [values[k] if values[k] != "" else None for k in keys]
            if page.next is None:
                return
            after = page.next

    def title(self) -> str:
        me = self.store.directory.self_center()
        return f"{me.name if me else ''}矛盾纠纷调解台账"

    def export(self, actor: str, flt: CaseFilter, out: str | Path, *,
               sort: CaseSort | None = None, columns: Sequence[str] | None = None,
               progress: Progress | None = None) -> LedgerExport:
        """Write the list ``flt`` (in ``sort`` order) as a ledger XLSX at ``out``."""
        from ..reports.ledger_xlsx import write_ledger

        cols = export_columns(columns)
        path = Path(out)
        refuse_database_file(path)
        if path.is_dir() or not path.parent.is_dir():
            raise DomainError(f"无法保存到 {path}：请选择已有文件夹中的一个文件名。",
                              code="out_invalid")
        part = path.with_name(f".{path.name}.part")
        revealed = [0]
        flt = replace(flt)
        sort = sort or CaseSort()
        try:
            with self.store.snapshot():
                total = self.cases.count(flt)
                mediators = {m.id: m.name for m in self.store.directory.mediators()}
                centers = {c.id: c.name for c in self.store.directory.centers()}
                note = (f"{describe_filter(flt, mediators, centers)}；共{total}件；"
                        f"导出日期 {self.store.today().isoformat()}")
                rows = self._counted(self.lines(flt, sort, cols, counter=revealed),
                                     total, progress)
                with open(part, "wb") as fh:
                    count = write_ledger(fh, title=self.title(), note=note, columns=cols,
                                         rows=rows)
            if revealed[0] and any(c.key == "parties" for c in cols):
                with self.store.operation(
                        actor, "reveal_identifiers",
                        summary=f"导出台账（含完整证件号码和电话，{revealed[0]}件）") as work:
                    work.note("ledger_export", path.name, {
                        "cases": [None, count], "revealed": [None, revealed[0]]})
            os.replace(part, path)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return LedgerExport(path, count, revealed[0] if any(
            c.key == "parties" for c in cols) else 0)

    @staticmethod
    def _counted(rows: Iterator[list[Any]], total: int,
                 progress: Progress | None) -> Iterator[list[Any]]:
        for n, row in enumerate(rows, 1):
            if progress is not None and n % 200 == 0 and not progress(n, total):
                raise DomainError("已取消导出，未保存文件。", code="cancelled")
            yield row
        if progress is not None:
            progress(total, total)
