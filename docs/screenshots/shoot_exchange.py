"""Screenshots of the 数据交换 and 法院 pages of a court liaison desk (run under Xvfb).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots/shoot_exchange.py

Builds, in a temporary folder, a court desk and two centers that trust each other,
sends referrals to the centers and their progress back through exchange files, and
leaves one conflict at the court; then grabs exchange.png and court.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import (  # noqa: E402
    CenterKind,
    EndReason,
)
from mediation_desk.domain.models import Case, Mediator  # noqa: E402
from mediation_desk.services import exchange  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.referrals import ReferralService  # noqa: E402
from mediation_desk.storage import cases as case_store  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.main_window import PAGE_COURT, PAGE_EXCHANGE, MainWindow  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402

ACTOR = "演示"
_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈明", "杨丽", "赵军", "黄敏", "周强", "吴静",
         "徐磊", "孙燕", "马超", "朱红"]


settle = settler(600)


def id_number(seed: int) -> str:
    body = f"370303198{seed % 10}0{1 + seed % 9}1{seed % 10}{seed % 1000:03d}"[:17]
    s = sum(int(c) * w for c, w in zip(body, _W, strict=True))
    return body + "10X98765432"[s % 11]


def refer(court, center, n: int) -> Case:
    """The court registers a referral through the real service (委派调解)."""
    number = f"（2026）鲁0303民诉前调{120 + n}号"
    data = {"court_case_number": number, "dispute_type": "contract",
            "title": f"买卖合同纠纷{n}", "amount": str(3000 + 250 * n), "facts": "货款未付",
            "claims": "支付货款", "received_on": f"2026-11-{1 + n % 20:02d}",
            "parties": [
                {"role": "applicant", "name": NAMES[n % len(NAMES)], "id_number": id_number(n),
                 "phone": "13800000000", "address": "淄博市张店区"},
                {"role": "respondent", "name": NAMES[(n + 5) % len(NAMES)],
                 "id_number": id_number(n + 500)}]}
    return ReferralService(court).refer(ACTOR, center.origin_code(), data).case


def send(tmp: Path, frm, to_code: str, to, name: str) -> None:
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    exchange.import_bundle(to, ACTOR, path)


def build(tmp: Path) -> Path:
    court = init_desk(tmp / "court.db", code="ZD-FY", name="张店区人民法院诉调对接中心",
                      kind=CenterKind.COURT, number_prefix="法", actor=ACTOR)
    centers = [init_desk(tmp / f"{code}.db", code=code, name=name, number_prefix=prefix,
                         linked_court="张店区人民法院", actor=ACTOR)
               for code, name, prefix in (("ZD-MS", "马尚街道调解中心", "马尚"),
                                          ("ZD-HT", "湖田街道调解中心", "湖田"),
                                          ("ZD-FS", "房镇镇调解中心", "房镇"))]
    for s in (court, *centers):
        exchange.ensure_desk_keys(s, ACTOR)
    for c in centers:
        for x, y in ((court, c), (c, court)):
            card = tmp / f"{x.origin_code()}.card"
            exchange.export_card(x, card)
            exchange.trust_card(y, ACTOR, exchange.read_card(card))
    plan = {centers[0]: 7, centers[1]: 5, centers[2]: 2}
    referred = {c: [refer(court, c, i * 10 + n) for n in range(k)]
                for i, (c, k) in enumerate(plan.items())}
    for c in centers:
        send(tmp, court, c.origin_code(), c, f"to-{c.origin_code()}")
    for c, cases in referred.items():
        m = MediatorService(c).save(ACTOR, Mediator(center_id="", name="赵明"))
        svc = CaseService(c)
        for i, case in enumerate(cases[:-1]):
            svc.accept(ACTOR, case.id)
            svc.assign(ACTOR, case.id, [m.id])
            if i == 0:
                svc.record_session(ACTOR, case.id, notes="调解未成")
                svc.terminate(ACTOR, case.id, reason=EndReason.GAP_TOO_LARGE,
                              notes="双方分歧较大")
                svc.hand_over(ACTOR, case.id, notes="移送立案")
    for c in centers[:2]:
        send(tmp, c, "ZD-FY", court, f"back-{c.origin_code()}")
    # the center owns the facts; the court corrected its copy meanwhile: a conflict to decide
    case = referred[centers[0]][1]
    for store, facts in ((court, "被告称货物有质量问题，拒付部分货款"),
                         (centers[0], "双方确认欠款 3,250 元，分歧在付款期限")):
        c = case_store.get_case(store.db, case.id)
        c.facts = facts
        with store.operation(ACTOR, "edit", case_id=c.id) as work:
            work.save_case(c)
    lost = tmp / "lost.mdx"  # a file that never arrives: the next one shows the gap
    exchange.export_bundle(centers[0], ACTOR, "ZD-FY", lost)
    send(tmp, centers[0], "ZD-FY", court, "back-ZD-MS-2")
    exchange.revoke(court, ACTOR, "ZD-FS", "房镇镇调解中心笔记本电脑丢失，待重新生成密钥")
    path = court.path
    for s in (court, *centers):
        s.close()
    return path


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        db = build(Path(tmp))
        services = Services.open(db, TaskRunner(), actor=ACTOR)
        window = MainWindow(services)
        window.resize(1366, 860)
        window.start()
        window.show()
        settle(app, 1500)
        for page, name in ((PAGE_EXCHANGE, "exchange"), (PAGE_COURT, "court")):
            window.nav.setCurrentRow(page)
            settle(app)
            path = OUT / f"{name}.png"
            window.grab().save(str(path))
            print("saved", path)
        services.close()


if __name__ == "__main__":
    main()
