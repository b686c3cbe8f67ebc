"""The case file's own papers: the cover (卷宗封面), the index (卷内目录), the 备考表.

REFERENCE §2.1: the cover names the committee, the file (卷名), its number,
the mediators and mediation dates, who compiled it (立卷人) and when, and how
long it is kept (保管期限); the index lists every item with its date and its
pages (起止页); the 备考表 says what the file holds, what it lacks and what the
compiler noted, signed by the compiler and the checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import CaseStatus, EventKind
from ..domain.models import CaseEvent
from .common import FOUR, numeral
from .data import CaseBundle, cn_date
from .spec import DocSpec, Grid, Heading, Para, Signatures

RETENTION_CHOICES = ("永久", "长期", "短期", "定期30年", "定期10年")
"""保管期限: no national figure (REFERENCE §2.1); the desk picks its local rule's term."""
DEFAULT_RETENTION = "长期"

INDEX_TITLE = "卷内目录"
BACK_TITLE = "卷内备考表"
COVER_TITLE = "人民调解卷宗"


@dataclass(frozen=True)
class FileRecord:
    """Who compiles the file (立卷人), when (立卷日期), how long it is kept (保管期限)."""

    compiled_by: str = ""
    compiled_on: date | None = None
    retention: str = DEFAULT_RETENTION


@dataclass(frozen=True)
class Entry:
    """One line of the index: title, date, first and last page, remark."""

    title: str
    on: date | None
    first: int
    last: int
    note: str = ""

    @property
    def pages(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def _status_event(b: CaseBundle, to: CaseStatus) -> CaseEvent | None:
    found = [e for e in b.events_of(EventKind.STATUS_CHANGE) if e.data.get("to") == to.value]
    return found[-1] if found else None


def handed_over_on(b: CaseBundle) -> date | None:
    """The day the case was handed to the court for filing (移送立案), if it was."""
    ev = _status_event(b, CaseStatus.HANDED_TO_FILING)
    return ev.occurred_at.date() if ev else None


def compiled_on(b: CaseBundle, record: FileRecord) -> date | None:
    """立卷日期: the day the case was archived, else the day the file is made."""
    ev = _status_event(b, CaseStatus.ARCHIVED)
    return ev.occurred_at.date() if ev else record.compiled_on


def court_references(b: CaseBundle) -> list[tuple[str, str]]:
    """The court's numbers and rulings on the case, ``(label, text)``."""
    c = b.case
    assert c is not None
    out = []
    if c.court_case_number:
        out.append(("法院案号", c.court_case_number))
    if c.filing_number:
        out.append(("立案案号", c.filing_number))
    if c.jc_ruling:
        out.append(("司法确认", c.jc_ruling))
    for ev in b.events_of(EventKind.STATUS_CHANGE):
        if ev.data.get("document_number"):
            out.append(("法院调解书", str(ev.data["document_number"])))
    return out


def _remarks(b: CaseBundle) -> str:
    c = b.case
    assert c is not None
    bits = []
    handed = handed_over_on(b)
    if handed is not None:
        bits.append(f"{cn_date(handed)}移送{b.court_name}立案")
    elif c.end_reason is not None:
        bits.append(f"调解结果：{c.end_reason.label}")
    return "；".join(bits)


def cover(b: CaseBundle, record: FileRecord) -> DocSpec:
    """卷宗封面: every row grows with its text (a long 卷名 pushes the rows below down)."""
    c = b.case
    assert c is not None
    spec = DocSpec(kind="case_file", title=COVER_TITLE, number=f"卷号：{c.number}",
                   page_footer=False)
    period = f"{cn_date(c.accepted_on or c.received_on)}至{cn_date(c.closed_on)}"
    refs = court_references(b)
    rows: list[tuple[str, str, str, str]] = [
        ("调解组织", b.center_name, "", ""), ("卷名", b.dispute(), "", ""),
        ("卷号", c.number, "案件来源", c.source.label)]
    rows += [(label, text, "", "") for label, text in refs]
    rows += [("人民调解员", b.mediator_names, "调解日期", period),
             ("立卷人", record.compiled_by, "立卷日期", cn_date(compiled_on(b, record))),
             ("保管期限", record.retention, "备注", _remarks(b))]
    spans = tuple((1, i, 3, i) for i, r in enumerate(rows) if r[2] == "")
    spec.add(Grid(rows=tuple(rows), widths=FOUR, spans=spans, labels=(0, 2)))
    return spec


def index(b: CaseBundle, entries: list[Entry]) -> DocSpec:
    """卷内目录: 序号, 文件名称, 日期, 页号 (起止页), 备注."""
    spec = DocSpec(kind="case_file_index", title=INDEX_TITLE, page_footer=False,
                   number=f"卷号：{b.number}")
    rows = [("序号", "文件名称", "日期", "页号", "备注")]
    for i, e in enumerate(entries, start=1):
        rows.append((str(i), e.title, cn_date(e.on) if e.on else "", e.pages, e.note))
    spec.add(Grid(rows=tuple(rows), widths=(0.08, 0.44, 0.22, 0.13, 0.13),
                  labels=(0, 2, 3, 4)))
    return spec


def back(b: CaseBundle, record: FileRecord, notes: list[str], total: int) -> DocSpec:
    """卷内备考表: 说明 (what the file holds and lacks, the compiler's notes), signatures."""
    spec = DocSpec(kind="case_file_back", title=BACK_TITLE, page_footer=False,
                   number=f"卷号：{b.number}")
    spec.add(Heading("说明："))
    lines = [f"本卷共{total}页（含封面、卷内目录及本表）。", *notes, *b.internal_notes]
    spec.add(*(Para(f"{numeral(i)}、{text}") for i, text in enumerate(lines)))
    name = record.compiled_by
    spec.add(Signatures(lines=(f"立卷人（签名）：{name}", "检查人（签名）："),
                        date=cn_date(compiled_on(b, record)), columns=2))
    return spec
