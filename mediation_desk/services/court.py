"""The court liaison desk (法院联络台, ``init --kind court``).

Sees the cases of every center it imported: counts per center, case lists
filtered by center, and the intake sheet (XLSX) of cases handed over for
filing together with their case-file PDFs. The court's outcomes (filing
number, judicial-confirmation ruling) are recorded with the case services
(``record_filing``, ``record_jc_outcome``) and go back to the center with the
next ``export``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.queries import CaseFilter, CaseRow
from ..storage.store import Store
from .access import require


@dataclass(frozen=True)
class CenterCounts:
    """Court-related cases of one center as seen by the court."""

    center_id: str
    code: str
    name: str
    received: int
    in_mediation: int
    agreed: int
    overdue: int
    handed_to_filing: int
    jc_applied: int
    jc_confirmed: int


@dataclass(frozen=True)
class IntakeReport:
    """What ``intake_sheet`` wrote."""

    path: Path
    cases: int
    pdfs: list[Path]


class CourtService:
    """Read models and the intake sheet of the court liaison desk."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def center_counts(self) -> list[CenterCounts]:
        """Per-center counts (received, in mediation, agreed, overdue, handed to filing,
        judicial-confirmation applications and confirmations)."""
        return [CenterCounts(**row) for row in
                self.store.cases.court_center_counts(today=self.store.today())]

    def center_id(self, code: str) -> str:
        """The id of a known center by its code (for the case-list filter)."""
        for c in self.store.directory.centers():
            if c.code == code:
                return c.id
        raise DomainError(f"没有该调解组织的数据：{code}", code="not_found")

    def cases_of_center(self, code: str, *, limit: int = 100) -> list[CaseRow]:
        """Case rows of one center (the list's center filter)."""
        from .cases import CaseService
        return CaseService(self.store).list(CaseFilter(center_id=self.center_id(code)),
                                            limit=limit)

    def intake_sheet(self, actor: str, out: str | Path, *, pdf_dir: str | Path | None = None,
                     center_code: str | None = None) -> IntakeReport:
        """Write the XLSX intake sheet of cases handed to filing; with ``pdf_dir`` also
        each case's case-file PDF (generated and registered, audited)."""
        # imported here: openpyxl and the exchange crypto are not needed to show the court page
        from ..reports.intake_sheet import IntakeCase, build_intake_sheet
        from .exchange import write_file_atomically

        store = self.store
        require(store, "intake_sheet")  # full numbers: the liaison only, before any file
        ids = store.cases.handed_to_filing(self.center_id(center_code) if center_code else None)
        names = {c.id: c.name for c in store.directory.centers()}
        items, pdfs = [], []
        if pdf_dir is not None:
            Path(pdf_dir).mkdir(parents=True, exist_ok=True)
        for cid in ids:
            case = store.cases.get(cid)
            assert case is not None
            item = IntakeCase(case, names.get(case.center_id, ""),
                              store.cases.mediator_names(case.mediator_ids),
                              store.cases.session_dates(cid), case.status.label)
            if pdf_dir is not None:
                from .documents import DocumentService
                doc = DocumentService(self.store).generate(actor, cid, "case_file",
                                                           action="intake_case_file")
                path = Path(pdf_dir) / doc.filename
                write_file_atomically(path, doc.pdf)
                item.pdf_name = path.name
                pdfs.append(path)
            items.append(item)
        me = store.directory.self_center()
        data = build_intake_sheet(items, court_desk=me.name if me else "",
                                  today=self.store.today())
        path = Path(out)
        write_file_atomically(path, data)
        with self.store.operation(actor, "intake_sheet",
                                  summary=f"导出移送立案登记表（{len(items)}件）") as work:
            work.note("intake_sheet", path.name, {"cases": [None, len(items)]})
        return IntakeReport(path, len(items), pdfs)
