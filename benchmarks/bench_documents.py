"""Time to generate the agreement (warm) beside a bare one-page reportlab document.

Both use the same registered TrueType font in the same process. The target
(issue 4) is that the agreement takes no more than 3 times the bare document.

    uv run python benchmarks/bench_documents.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import statistics
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


def bare_page(font_name: str) -> bytes:
    """A one-page A4 document: a title and a few lines in the same font."""
    buf = io.BytesIO()
    cv = Canvas(buf, pagesize=A4, invariant=1, initialFontName=font_name)
    cv.setFont(font_name, 22)
    cv.drawCentredString(A4[0] / 2, A4[1] - 80, "人民调解协议书")
    cv.setFont(font_name, 14)
    for i in range(20):
        cv.drawString(80, A4[1] - 130 - i * 26, f"第{i + 1}行：经调解，双方自愿达成如下协议。")
    cv.showPage()
    cv.save()
    return buf.getvalue()


def make_case(db: Path):
    clock = lambda: datetime(2026, 3, 2, 10, 0).astimezone()  # noqa: E731
    store = init_desk(db, code="BENCH", name="基准人民调解委员会", number_prefix="基准",
                      linked_court="张店区人民法院", clock=clock)
    svc = CaseService(store)
    m = MediatorService(store).save(ACTOR, Mediator(center_id="", name="周明"))
    c = svc.register(ACTOR, {
        "source": "party_application", "dispute_type": "neighbour", "received_on": "2026-02-02",
        "facts": "双方因通道堆放杂物发生争议。", "claims": "请求清理杂物。", "parties": [
            {"role": "applicant", "name": "张三", "id_number": "11010519491231002X"},
            {"role": "respondent", "name": "李四", "id_number": "440524188001010014"}]})
    svc.accept(ACTOR, c.id, on=date(2026, 2, 3))
    svc.assign(ACTOR, c.id, [m.id])
    svc.record_agreement(ACTOR, c.id, AgreementInput(
        clauses=["被申请人于2026年3月31日前支付申请人40000元。", "双方再无其他纠纷。"],
        amount=Decimal("40000"), effective_on=date(2026, 2, 20)))
    return store, c


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
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
        bare_page(font.name)
        bare = timed(lambda: bare_page(font.name), args.repeat)
        full = timed(lambda: docs.generate(ACTOR, case.id, "agreement"), args.repeat)
        bundle = docs.bundle(case.id)
        render_only = timed(lambda: render_kind("agreement", bundle, font), args.repeat)
        store.close()
    print(f"font: {font.file.path} ({font.file.source})")
    print(f"bare reportlab one-page document: {bare * 1000:.1f} ms (median of {args.repeat})")
    print(f"agreement rendered (build + layout, warm): {render_only * 1000:.1f} ms"
          f" (median of {args.repeat}) -> {render_only / bare:.2f}x the bare page (target <= 3x)")
    print(f"agreement via DocumentService.generate (load + render + register/audit commit): "
          f"{full * 1000:.1f} ms -> {full / bare:.2f}x")


if __name__ == "__main__":
    main()
