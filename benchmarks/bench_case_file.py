"""Time to render the electronic case file (卷宗) beside a bare reportlab document.

The case is a realistic court-delegated one: application, acceptance, notice,
an investigation, two sessions, a written agreement, a follow-up, the joint
application for judicial confirmation and the report to the court, with a
one-page PDF receipt and a photo of an identity card attached. The bare
document has the same number of A4 pages, each with a title and 20 lines of
text in the same registered TrueType font (embedded, subset), built with
reportlab's canvas in the same process. Both page counts are printed and must
agree. The target (issue 13, item 8) is that the case file takes no more than
3 times the bare document.

    .venv/bin/python benchmarks/bench_case_file.py [--repeat 10] [--parties 2]
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from mediation_desk.documents.case_file import build_case_file  # noqa: E402
from mediation_desk.documents.fonts import document_font  # noqa: E402
from mediation_desk.domain.enums import Performance  # noqa: E402
from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402

ACTOR = "基准测试"


def bare_document(font_name: str, pages: int) -> bytes:
    """``pages`` A4 pages: a title and 20 lines each, in the same font."""
    buf = io.BytesIO()
    cv = Canvas(buf, pagesize=A4, invariant=1, initialFontName=font_name)
    for n in range(pages):
        cv.setFont(font_name, 22)
        cv.drawCentredString(A4[0] / 2, A4[1] - 80, "人民调解卷宗")
        cv.setFont(font_name, 14)
        for i in range(20):
            cv.drawString(80, A4[1] - 130 - i * 26,
                          f"第{n + 1}页第{i + 1}行：经调解，双方自愿达成如下协议。")
        cv.showPage()
    cv.save()
    return buf.getvalue()


def _receipt_pdf(font_name: str) -> bytes:
    buf = io.BytesIO()
    cv = Canvas(buf, pagesize=A4, invariant=1, initialFontName=font_name)
    cv.setFont(font_name, 14)
    cv.drawString(100, 700, "收条：今收到李四退还的物业费贰万元整。")
    cv.showPage()
    cv.save()
    return buf.getvalue()


def _photo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 210, 220)).save(buf, "JPEG", quality=85)
    return buf.getvalue()


def make_case(db: Path, parties: int, font_name: str):
    clock = lambda: datetime(2026, 3, 2, 10, 0).astimezone()  # noqa: E731
    store = init_desk(db, code="BENCH", name="基准人民调解委员会", number_prefix="基准",
                      linked_court="张店区人民法院", clock=clock)
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    people = [{"role": "applicant", "name": "张三", "id_number": "11010519491231002X",
               "phone": "13812341234", "address": "山东省淄博市张店区马尚街道马尚村8号"},
              {"role": "respondent", "name": "李四", "id_number": "440524188001010014",
               "phone": "13900001111", "address": "山东省淄博市张店区马尚街道马尚村9号"}]
    for i in range(parties - 2):
        people.append({"role": "respondent", "name": f"王{'一二三四五六七八九十'[i % 10]}{i}"})
    c = svc.register(ACTOR, {
        "source": "court_delegated", "court_case_number": "（2026）鲁0303民诉前调12号",
        "dispute_type": "property_management", "received_on": "2026-02-02", "amount": "40000",
        "facts": "申请人称被申请人多收物业费。\n被申请人称费用依合同收取。" * 3,
        "claims": "请求退还多收的物业费40000元。\n请求出具收费明细。", "parties": people})
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_investigation(ACTOR, c.id, notes="走访物业公司财务，核对收费台账。" * 5,
                             place="物业办公室", participants="物业公司会计赵六",
                             occurred_at=datetime(2026, 2, 5, 9, 0))
    for day in (10, 12):
        notes = "申请人陈述：多收费用。\n被申请人陈述：同意核减。" * 4
        svc.record_session(ACTOR, c.id, notes=notes,
                           place="马尚街道调解室", participants="村委会主任王五",
                           occurred_at=datetime(2026, 2, day, 14, 30))
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人于2026年3月31日前退还申请人物业费40000元。", "申请人放弃其他请求。"],
        facts="双方因物业费收取发生争议，经核对台账，被申请人多收费用属实。",
        performance_method="银行转账", performance_place="张店区",
        performance_deadline=date(2026, 3, 31), amount=Decimal("40000"),
        effective_on=date(2026, 2, 20)))
    svc.follow_up(ACTOR, c.id, performance=Performance.IN_PROGRESS, satisfaction=4,
                  notes="已退还20000元，余款月底前付清。", on=date(2026, 3, 1))
    svc.apply_jc(ACTOR, c.id, on=date(2026, 2, 25))
    svc.add_attachment(ACTOR, c.id, "收条.pdf", _receipt_pdf(font_name), "application/pdf")
    svc.add_attachment(ACTOR, c.id, "身份证复印件.jpg", _photo(), "image/jpeg")
    return store, c


def timed(fns, repeat: int, clock=time.perf_counter) -> list[float]:
    """Median time of each function, run in turn ``repeat`` times (interleaved, so a
    machine busy with other work slows both alike)."""
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, samples, strict=True):
            t0 = clock()
            fn()
            out.append(clock() - t0)
    return [statistics.median(s) for s in samples]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--parties", type=int, default=2)
    args = ap.parse_args()
    font = document_font()
    with tempfile.TemporaryDirectory() as tmp:
        store, case = make_case(Path(tmp) / "bench.db", args.parties, font.name)
        docs = DocumentService(store, font=font)
        bundle = docs.bundle(case.id, with_attachments=True)
        first = build_case_file(bundle, font)  # warm up (font parsed, modules loaded)
        pages = first.pages
        bare_pdf = bare_document(font.name, pages)
        bare_pages = len(PdfReader(io.BytesIO(bare_pdf)).pages)
        fns = [lambda: bare_document(font.name, pages), lambda: build_case_file(bundle, font)]
        bare, full = timed(fns, args.repeat)
        bare_cpu, full_cpu = timed(fns, args.repeat, time.process_time)
        fonts = subprocess.run(["pdffonts", "-"], input=first.pdf, capture_output=True,
                               check=False).stdout.decode() if shutil.which("pdffonts") else ""
        store.close()
    print(f"font: {font.file.path} ({font.file.source}); {args.parties} parties")
    print(f"pages: case file {pages}, bare document {bare_pages}"
          + ("" if pages == bare_pages else "  << PAGE COUNTS DIFFER"))
    print(f"bare reportlab {bare_pages}-page document: {bare * 1000:.1f} ms "
          f"(median of {args.repeat})")
    print(f"case file rendered (build + layout + merge, warm): {full * 1000:.1f} ms "
          f"(median of {args.repeat}) -> {full / bare:.2f}x the bare document (target <= 3x)")
    print(f"CPU time of this process: bare {bare_cpu * 1000:.1f} ms, case file "
          f"{full_cpu * 1000:.1f} ms -> {full_cpu / bare_cpu:.2f}x")
    print(f"case file size {len(first.pdf) // 1024} KiB, bare {len(bare_pdf) // 1024} KiB")
    if fonts:
        print("pdffonts of the case file:\n" + fonts)


if __name__ == "__main__":
    main()
