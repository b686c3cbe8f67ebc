"""Time to generate the agreement (warm) beside a bare reportlab document of the same pages.

A realistic two-page agreement (two parties, one with an agent, facts of about
900 characters, six clauses) is rendered; the bare document draws the same lines
(read back from the agreement with pdftotext) with ``Canvas.drawString`` on the
same number of pages, in the same registered TrueType font and process. The run
checks that both have the same page count and text, then compares the medians.
The target (issue 13, item 8) is at most 3 times the bare document.

    .venv/bin/python benchmarks/bench_documents.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import re
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

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from mediation_desk.documents.fonts import document_font  # noqa: E402
from mediation_desk.documents.kinds import render_kind  # noqa: E402
from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402

ACTOR = "基准测试"


def page_lines(pdf: bytes) -> list[list[str]]:
    """The text lines of each page of ``pdf`` (pdftotext)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        sys.exit("pdftotext not found (poppler-utils)")
    out = subprocess.run([exe, "-enc", "UTF-8", "-raw", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return [[ln for ln in page.splitlines() if ln.strip()] for page in out.split("\f")
            if page.strip()]


def bare_pages(font_name: str, pages: list[list[str]]) -> bytes:
    """The same lines drawn one under another with drawString, page for page."""
    buf = io.BytesIO()
    cv = Canvas(buf, pagesize=A4, invariant=1, initialFontName=font_name)
    for lines in pages:
        cv.setFont(font_name, 12)
        for i, line in enumerate(lines):
            cv.drawString(80, A4[1] - 80 - i * 14, line)
        cv.showPage()
    cv.save()
    return buf.getvalue()


def flat(pdf_pages: list[list[str]]) -> str:
    return re.sub(r"\s+", "", "".join("".join(p) for p in pdf_pages))


FACTS = ("2025年春，申请人在自家宅基地东侧修建围墙，被申请人认为围墙占用了两家之间的通道，"
         "多次阻止施工，双方发生口角。") * 6


def make_case(db: Path):
    clock = lambda: datetime(2026, 3, 2, 10, 0).astimezone()  # noqa: E731
    store = init_desk(db, code="BENCH", name="基准人民调解委员会", number_prefix="基准",
                      linked_court="张店区人民法院", clock=clock)
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, {
        "source": "party_application", "dispute_type": "neighbour", "received_on": "2026-02-02",
        "facts": "双方因通道堆放杂物发生争议。", "claims": "请求清理杂物。", "parties": [
            {"role": "applicant", "name": "张三", "id_number": "11010519491231002X",
             "address": "山东省淄博市张店区马尚街道马尚村8号", "phone": "13812341234",
             "agent": {"name": "张小明", "relation": "儿子", "phone": "13700001111"}},
            {"role": "respondent", "name": "李四", "id_number": "440524188001010014",
             "address": "山东省淄博市张店区马尚街道马尚村9号", "phone": "13900001111"}]})
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人于2026年3月31日前支付申请人40000元。", "申请人拆除围墙东侧超出部分。",
                 "通道宽度保持一点五米，双方均不得堆放杂物。", "围墙修建费用由申请人承担。",
                 "双方今后友好相处，互不干涉正常生活。", "双方再无其他纠纷。"],
        facts=FACTS, performance_method="银行转账", performance_place="张店区",
        performance_deadline=date(2026, 3, 31),
        amount=Decimal("40000"), effective_on=date(2026, 2, 20)))
    return store, c


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        samples.append(time.process_time() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    font = document_font()
    with tempfile.TemporaryDirectory() as tmp:
        store, case = make_case(Path(tmp) / "bench.db")
        docs = DocumentService(store, font=font)
        docs.generate(ACTOR, case.id, "agreement")  # warm up (font parsed, modules loaded)
        bundle = docs.bundle(case.id)
        pdf = render_kind("agreement", bundle, font).pdf
        pages = page_lines(pdf)
        bare_pdf = bare_pages(font.name, pages)
        same = flat(page_lines(bare_pdf)) == flat(pages)
        bare = timed(lambda: bare_pages(font.name, pages), args.repeat)
        full = timed(lambda: docs.generate(ACTOR, case.id, "agreement"), args.repeat)
        render_only = timed(lambda: render_kind("agreement", bundle, font), args.repeat)
        store.close()
    print(f"font: {font.file.path} ({font.file.source})")
    print(f"pages: agreement {len(pages)}, bare {len(page_lines(bare_pdf))}; "
          f"same text: {'yes' if same else 'NO'}")
    print(f"bare reportlab document of the same pages: {bare * 1000:.1f} ms "
          f"(median of {args.repeat})")
    print(f"agreement rendered (build + layout, warm): {render_only * 1000:.1f} ms"
          f" (median of {args.repeat}) -> {render_only / bare:.2f}x the bare document "
          "(target <= 3x)")
    print(f"agreement via DocumentService.generate (load + render + register/audit commit): "
          f"{full * 1000:.1f} ms -> {full / bare:.2f}x")


if __name__ == "__main__":
    main()
