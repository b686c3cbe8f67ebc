"""Images of the 以案定补 sheet and rate editor (needs poppler-utils' pdftoppm).

    .venv/bin/python docs/screenshots/shoot_subsidy.py

Builds the hand-computed November of tests/services/subsidy_world.py in a temporary folder,
writes its sheet as PDF and renders subsidy-sheet.png (page 1: the lines and the first
details) and subsidy-sheet-total.png (the last page: total in capitals, signatures); then
shows the rate editor offscreen with an overlap refused and saves subsidy-rates.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from shots import OUT  # noqa: E402 - puts the repository on sys.path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DPI = "80"


def sheet_pages(tmp: Path) -> None:
    from mediation_desk.domain.statistics import ReportPeriod
    from mediation_desk.services.desk import init_desk
    from mediation_desk.services.subsidy import SubsidyService
    from tests.conftest import Clock
    from tests.services.subsidy_world import build_november

    clock = Clock()
    store = init_desk(tmp / "desk.db", code="ZD-MS", name="马尚街道调解中心",
                      number_prefix="马尚", linked_court="张店区人民法院", clock=clock)
    build_november(store, clock)
    pdf = tmp / "sheet.pdf"
    SubsidyService(store).write("系统", ReportPeriod.month(2026, 11), "pdf", pdf)
    store.close()
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(pdf), str(tmp / "page")], check=True)
    pages = sorted(tmp.glob("page-*.png"))
    shutil.copy(pages[0], OUT / "subsidy-sheet.png")
    shutil.copy(pages[-1], OUT / "subsidy-sheet-total.png")


def rates_dialog() -> None:
    from PySide6.QtWidgets import QApplication

    from mediation_desk.domain.subsidy import rates_from_wire
    from mediation_desk.ui import i18n
    from mediation_desk.ui.dialogs.subsidy_rates_dialog import SubsidyRatesDialog
    from tests.services.subsidy_world import RATES

    app = QApplication.instance() or QApplication([])
    i18n.install(app, "zh_CN")
    dialog = SubsidyRatesDialog(rates_from_wire(RATES), rates_from_wire)
    dialog.add_rule({"dispute_type": "neighbour", "outcome": "any", "amount": "60",
                     "effective_from": "2026-11-01", "effective_to": None,
                     "complex_multiplier": None, "note": ""})
    dialog.resize(980, 520)
    dialog.show()
    dialog.try_save()  # refused: the new row overlaps rows 2 and 3
    app.processEvents()
    dialog.grab().save(str(OUT / "subsidy-rates.png"))
    dialog.hide()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        sheet_pages(Path(tmp))
    rates_dialog()
    print("wrote subsidy-sheet.png, subsidy-sheet-total.png, subsidy-rates.png in", OUT)
