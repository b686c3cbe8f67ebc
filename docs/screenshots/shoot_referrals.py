"""Screenshots of the court's 委派调解: the 法院 page's referral tab and the referral dialog.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/shoot_referrals.py

Builds, in a temporary folder, a court desk and two centers that trust each other; the
court registers referrals through the referral service; the centers accept, refuse and
mediate some and send their files back; then grabs court-referrals.png and
referral-dialog.png at 1366x768.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import OUT, settler  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.enums import CenterKind, EndReason  # noqa: E402
from mediation_desk.domain.models import Mediator  # noqa: E402
from mediation_desk.services import exchange  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.referrals import ReferralService  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.dialogs.referral_dialog import ReferralDialog  # noqa: E402
from mediation_desk.ui.main_window import PAGE_COURT, MainWindow  # noqa: E402
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


def referral(n: int, received_on: str) -> dict:
    return {"court_case_number": f"（2026）鲁0303民诉前调{120 + n}号",
            "dispute_type": "contract", "amount": str(3000 + 250 * n), "facts": "货款未付",
            "claims": "支付货款", "received_on": received_on,
            "parties": [{"role": "applicant", "name": NAMES[n % len(NAMES)],
                         "id_number": id_number(n), "phone": "13800000000"},
                        {"role": "respondent", "name": NAMES[(n + 5) % len(NAMES)],
                         "id_number": id_number(n + 500)}]}


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
                                          ("ZD-HT", "湖田街道调解中心", "湖田"))]
    for s in (court, *centers):
        exchange.ensure_desk_keys(s, ACTOR)
    for c in centers:
        for x, y in ((court, c), (c, court)):
            card = tmp / f"{x.origin_code()}.card"
            exchange.export_card(x, card)
            exchange.trust_card(y, ACTOR, exchange.read_card(card))
    refs = ReferralService(court)
    today = court.today()
    made = {}
    for i, c in enumerate(centers):
        made[c] = [refs.refer(ACTOR, c.origin_code(), referral(
            i * 10 + n, (today - timedelta(days=3 * n)).isoformat())).case for n in range(6)]
    late = refs.refer(ACTOR, "ZD-HT", referral(40, (today - timedelta(days=60)).isoformat()))
    for c in centers:
        send(tmp, court, c.origin_code(), c, f"to-{c.origin_code()}")
    for c, cases in made.items():
        m = MediatorService(c).save(ACTOR, Mediator(center_id="", name="赵明"))
        svc = CaseService(c)
        svc.not_accept(ACTOR, cases[0].id, reason="被申请人明确表示不同意调解")
        for case in cases[1:4]:
            svc.accept(ACTOR, case.id)
            svc.assign(ACTOR, case.id, [m.id])
        svc.record_session(ACTOR, cases[1].id, notes="调解未成")
        svc.terminate(ACTOR, cases[1].id, reason=EndReason.GAP_TOO_LARGE, notes="双方分歧较大")
        svc.hand_over(ACTOR, cases[1].id, notes="移送立案")
        send(tmp, c, "ZD-FY", court, f"back-{c.origin_code()}")
    del late
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
        window.resize(1366, 768)
        window.start()
        window.show()
        settle(app, 1500)
        window.nav.setCurrentRow(PAGE_COURT)
        settle(app)
        path = OUT / "court-referrals.png"
        window.grab().save(str(path))
        print("saved", path)
        dialog = ReferralDialog(services, window)
        dialog.resize(1366, 740)
        dialog.view.court_case_number.setText("（2026）鲁0303民诉前调321号")
        dialog.view.facts.setPlainText("被申请人购买货物后未按约定支付货款。")
        dialog.view.claims.setPlainText("请求支付货款5000元。")
        dialog.parties[0].name.setText("张三")
        dialog.parties[1].name.setText("李四")
        dialog.materials.addItems(["起诉状.pdf", "送货单.jpg"])
        dialog.show()
        settle(app, 900)
        path = OUT / "referral-dialog.png"
        dialog.grab().save(str(path))
        print("saved", path)
        dialog._dirty = False
        dialog.close()
        services.close()


if __name__ == "__main__":
    main()
