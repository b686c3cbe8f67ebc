"""Page images of the papers that state what happened (issue 13, item 5).

    .venv/bin/python docs/screenshots/shoot_truthful_papers.py

A court-delegated case with two sessions (each with its result), a partial agreement, the
undisputed facts both sides confirmed and the end of mediation, in a temporary database;
writes documents-undisputed-facts.png, documents-session-record-second.png and
documents-jc-application.png (pdftoppm, 60 dpi).
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date, datetime
from pathlib import Path

from shots import OUT  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import AgreementScope, EndReason  # noqa: E402
from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from mediation_desk.services.mediation import AgreementInput  # noqa: E402

WHO = "王调解员"
SHOTS = {"undisputed_facts": ("documents-undisputed-facts.png", 1),
         "session_record": ("documents-session-record-second.png", 3),
         "jc_application": ("documents-jc-application.png", 1)}


def _at(*args: int) -> datetime:
    return datetime(*args).astimezone()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = init_desk(Path(tmp) / "d.db", code="ZD-MS", name="马尚街道调解中心",
                          number_prefix="马尚", linked_court="张店区人民法院",
                          clock=lambda: _at(2026, 3, 2, 10, 30))
        svc, docs = CaseService(store), DocumentService(store)
        m = MediatorService(store).save(WHO, Mediator(center_id="", name="周明"))
        c = svc.register(WHO, {
            "source": "court_delegated", "court_case_number": "（2026）鲁0303民诉前调13号",
            "dispute_type": "contract", "received_on": "2026-02-02", "amount": "50000",
            "facts": "申请人称被申请人拖欠货款。", "claims": "请求支付货款50000元。",
            "parties": [
                {"role": "applicant", "kind": "person", "name": "张三",
                 "id_number": "11010519491231002X", "phone": "13812341234",
                 "address": "淄博市张店区马尚村8号"},
                {"role": "respondent", "kind": "organisation", "name": "许福宇商贸有限公司",
                 "legal_representative": "许福宇", "agent": {"name": "许小宇", "relation": "员工"}},
            ]})
        svc.accept(WHO, c.id, on=date(2026, 2, 3))
        svc.assign(WHO, c.id, [m.id])
        svc.record_session(WHO, c.id,
                           notes="申请人陈述：被申请人拖欠货款。\n被申请人陈述：货物有质量问题。",
                           result="双方同意委托质量检验后再行调解。", place="马尚街道调解室",
                           participants="村委会主任王五", occurred_at=_at(2026, 2, 10, 14, 30))
        svc.record_session(WHO, c.id, notes="检验报告显示部分货物不合格。双方就赔偿数额协商。",
                           result="双方就货款数额达成一致，就违约金分歧较大。",
                           place="马尚街道调解室", occurred_at=_at(2026, 2, 17, 9, 0))
        svc.record_agreement(WHO, c.id, AgreementInput(
            clauses=["被申请人于2026年3月31日前支付货款30000元。"], scope=AgreementScope.PARTIAL,
            effective_on=date(2026, 2, 18)))
        svc.record_undisputed_facts(
            WHO, c.id, facts="2025年5月，申请人向被申请人供应货物一批，价款50000元。\n"
            "被申请人已支付20000元。\n检验报告确认其中价值8000元的货物不合格。",
            confirming_party_ids=[p.id for p in svc.get(c.id).parties],
            occurred_at=_at(2026, 2, 18, 10, 0))
        svc.terminate(WHO, c.id, reason=EndReason.GAP_TOO_LARGE, notes="违约金数额差距过大。")
        for kind, (name, page) in SHOTS.items():
            pdf = Path(tmp) / f"{kind}.pdf"
            pdf.write_bytes(docs.generate(WHO, c.id, kind).pdf)
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(OUT / name.removesuffix(".png"))],
                           check=True)
        store.close()


if __name__ == "__main__":
    main()
