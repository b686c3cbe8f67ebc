"""以案定补: the rate table in settings and the monthly subsidy sheet (docs/subsidy.md).

The director alone sets the rates (``set_subsidy_rates``, audited with the old and new
table) and makes the sheet (``subsidy_sheet``: writing the file is audited with the month,
the total and the file's hash). What counts and how much is decided by
:mod:`mediation_desk.domain.subsidy`; the facts come from
:mod:`mediation_desk.storage.subsidy_queries`, by the statistics' counting rule.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.enums import CaseFlag, DisputeType, PartyRole
from ..domain.errors import DomainError, ValidationError
from ..domain.models import Case, Party
from ..domain.statistics import PeriodKind, ReportPeriod
from ..domain.subsidy import (
    SETTING_KEY,
    Closing,
    SubsidyOutcome,
    SubsidyRates,
    SubsidySheet,
    complex_reason,
    compute_sheet,
    rates_from_wire,
    rates_to_wire,
    validate_rates,
)
from ..storage import subsidy_queries
from ..storage.store import Store
from .access import NotPermitted, require, why_not

FORMATS = ("pdf", "xlsx", "json")


@dataclass(frozen=True)
class WrittenSheet:
    """What :meth:`SubsidyService.write` wrote."""

    path: Path
    sheet: SubsidySheet
    sha256: str


def load_rates(store: Store) -> SubsidyRates:
    """The rate table in force at this desk (empty until a director sets one)."""
    raw = store.directory.setting(SETTING_KEY)
    if not raw:
        return SubsidyRates()
    try:
        return rates_from_wire(raw)
    except ValidationError as exc:  # written by the program itself, so this is damage
        raise DomainError("设置中保存的以案定补标准无法读取，请在“设置”中重新填写。"
                          + "；".join(m for ms in exc.problems.values() for m in ms),
                          code="subsidy_rates_damaged") from exc


def view_rates(store: Store) -> SubsidyRates:
    """The rate table for the director (who alone sets it and makes the sheet)."""
    why = why_not(store, "set_subsidy_rates")
    if why:
        raise NotPermitted("以案定补标准由中心主任查看和设置。" + why)
    return load_rates(store)


MAX_RATES_FILE_BYTES = 1024 * 1024


def read_rates_file(path: str | Path) -> Any:
    """The JSON data of a rate-table file (``subsidy-rates --set FILE.json``), unchecked:
    :func:`save_rates` checks it like any other input."""
    import json

    from .files import read_input_file

    raw = read_input_file(path, limit=MAX_RATES_FILE_BYTES, what="以案定补标准文件")
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise DomainError(f"以案定补标准文件不是有效的 JSON（UTF-8）：{exc}",
                          code="bad_json") from exc
    except RecursionError:
        raise DomainError("以案定补标准文件嵌套层数过多，不是以案定补标准。",
                          code="bad_json") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"不支持 {name}")


def save_rates(store: Store, actor: str, data: SubsidyRates | Mapping[str, Any]) -> SubsidyRates:
    """Check and store the rate table in one audited operation (``set_subsidy_rates``).

    ``data`` is the table, or its JSON form (the settings form's cells, a ``--set`` file):
    either way the same checks run, and a refusal leaves the database unchanged.
    """
    require(store, "set_subsidy_rates")
    rates = data if isinstance(data, SubsidyRates) else rates_from_wire(data)
    validate_rates(rates)
    with store.operation(actor, "set_subsidy_rates",
                         summary=f"修改以案定补标准（{len(rates.rules)}条）") as work:
        work.set_setting(SETTING_KEY, rates_to_wire(rates))
    return rates


def _flags(values: list[str]) -> set[CaseFlag]:
    known = {f.value for f in CaseFlag}
    return {CaseFlag(v) for v in values if v in known}


class SubsidyService:
    """The 以案定补 sheet of a month, for the director's signature."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def rates(self) -> SubsidyRates:
        return load_rates(self.store)

    def save_rates(self, actor: str, data: SubsidyRates | Mapping[str, Any]) -> SubsidyRates:
        return save_rates(self.store, actor, data)

    def unit_name(self) -> str:
        me = self.store.directory.self_center()
        return me.name if me is not None else ""

    def subsidy_sheet(self, month: ReportPeriod, *, center_id: str | None = None,
                      today: date | None = None,
                      rates: SubsidyRates | None = None) -> SubsidySheet:
        """The sheet of ``month``: per mediator the cases closed in it, amounts and totals.

        ``rates``: a table to try instead of the stored one (checked; nothing is saved).
        """
        require(self.store, "subsidy_sheet")
        if month.kind is not PeriodKind.MONTH:
            raise DomainError("以案定补补贴按月发放，请选择一个月份（如 2026-11）。",
                              code="subsidy_month_only")
        if rates is None:
            rates = self.rates()
        else:
            validate_rates(rates)
        facts = subsidy_queries.closings(self.store, month.start, month.end, center_id)
        out = []
        for cid, f in facts.items():
            # the case as complex_reason needs it: its flags and its parties' roles
            case = Case(center_id=f.center_id, number=f.number, flags=_flags(f.flags),
                        parties=[Party(role=PartyRole(r), name="") for r in f.party_roles])
            before = [d for _o, d in f.closings if d < month.start]
            outcome, on = next((o, d) for o, d in f.closings if d >= month.start)
            out.append(Closing(
                case_id=cid, number=f.number, dispute_type=DisputeType(f.dispute_type),
                outcome=SubsidyOutcome(outcome), closed_on=on,
                complex_reason=complex_reason(case),
                mediated=f.first_session is not None and f.first_session <= on,
                paid_before=before[0] if before else None,
                mediators=tuple((mid, name or "（名册中已无此调解员）")
                                for mid, name in f.mediators)))
        return compute_sheet(month, self.unit_name(), out, rates,
                             today=today or self.store.today())

    def write(self, actor: str, month: ReportPeriod, fmt: str, out: str | Path, *,
              center_id: str | None = None) -> WrittenSheet:
        """Write the sheet as PDF, XLSX or JSON to ``out``; audited (``subsidy_sheet``)."""
        from ..reports.subsidy_sheet import sheet_json, sheet_pdf, sheet_xlsx
        from .exchange import write_file_atomically

        if fmt not in FORMATS:
            raise ValidationError({"format": [f"格式只能是 {'、'.join(FORMATS)}"]})
        sheet = self.subsidy_sheet(month, center_id=center_id)
        if fmt == "pdf":
            from ..documents.fonts import document_font
            data = sheet_pdf(sheet, document_font())
        elif fmt == "xlsx":
            data = sheet_xlsx(sheet)
        else:
            data = sheet_json(sheet).encode("utf-8")
        path = Path(out)
        write_file_atomically(path, data)
        digest = hashlib.sha256(data).hexdigest()
        summary = f"制作{sheet.title}（{len(sheet.case_ids)}件，合计{sheet.total}元）"
        with self.store.operation(actor, "subsidy_sheet", summary=summary) as work:
            work.note("subsidy_sheet", month.code, {
                "total": [None, str(sheet.total)], "cases": [None, len(sheet.case_ids)],
                "file": [None, path.name], "sha256": [None, digest]})
        return WrittenSheet(path, sheet, digest)
