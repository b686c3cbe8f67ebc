"""Command-line verbs of the court liaison desk: court-summary, court-cases, intake-sheet."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from .login import actor, add_db, open_desk


def run_court_summary(args: argparse.Namespace) -> int:
    """Per-center counts of court cases."""
    from ..services.court import CourtService
    store = open_desk(args, readonly=True)
    try:
        rows = CourtService(store).center_counts()
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    print("调解组织\t收到\t调解中\t达成协议\t超期\t移送立案\t申请司法确认\t确认有效")
    for r in rows:
        print(f"{r.name}（{r.code}）\t{r.received}\t{r.in_mediation}\t{r.agreed}\t{r.overdue}\t"
              f"{r.handed_to_filing}\t{r.jc_applied}\t{r.jc_confirmed}")
    return 0


def run_court_cases(args: argparse.Namespace) -> int:
    """Cases of one center (names only; no ID numbers or phones in a listing)."""
    from ..services.court import CourtService
    store = open_desk(args, readonly=True)
    try:
        rows = CourtService(store).cases_of_center(args.center, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"id": r.id, "number": r.number, "court_case_number":
                           r.court_case_number, "status": r.status.value,
                           "received_on": r.received_on.isoformat(),
                           "due_on": r.due_on.isoformat() if r.due_on else None,
                           "parties": r.party_names, "mediators": r.mediator_names}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.court_case_number or r.number}\t{r.status.label}\t{r.party_names}\t"
              f"{r.mediator_names}")
    return 0


def run_intake_sheet(args: argparse.Namespace) -> int:
    """Write the intake sheet (XLSX) of cases handed to filing, optionally with PDFs."""
    from ..services.court import CourtService
    store = open_desk(args)
    try:
        rep = CourtService(store).intake_sheet(actor(store), args.out, pdf_dir=args.pdf_dir,
                                               center_code=args.center)
    finally:
        store.close()
    extra = f"，案卷 PDF {len(rep.pdfs)} 份在 {args.pdf_dir}" if args.pdf_dir else ""
    print(f"已导出移送立案登记表：{rep.path}（{rep.cases} 件{extra}）", file=sys.stdout)
    return 0


def add_court_commands(sub: Any) -> None:
    """Add the court desk's verbs."""
    p = sub.add_parser("court-summary", help="法院联络台：各调解组织的案件统计")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_court_summary)

    p = sub.add_parser("court-cases", help="法院联络台：某调解组织的案件")
    add_db(p)
    p.add_argument("--center", required=True, metavar="CODE")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_court_cases)

    p = sub.add_parser("intake-sheet", help="法院联络台：导出移送立案登记表（XLSX）")
    add_db(p)
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.add_argument("--pdf-dir", metavar="DIR", help="同时生成各案卷宗 PDF")
    p.add_argument("--center", metavar="CODE", help="只导出该调解组织的案件")
    p.set_defaults(func=run_intake_sheet)
