"""Page images of the statistics PDFs (needs poppler-utils' pdftoppm).

    .venv/bin/python docs/screenshots/shoot_reports.py [--sample]

Renders the reports of a 1500-case demo desk built in a temporary folder (the statistics
service's November 2026 月报 and 2026 年度 assessment); ``--sample`` renders the hand-built
reports of tests/reports/report_samples.py instead. Writes report-monthly-1.png,
report-monthly-2.png (the first two pages of the 月报), report-assessment.png (one
mediator's 考评表) and report-assessment-ranking.png (the director's ranked table).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from shots import OUT  # noqa: E402 - puts the repository on sys.path

from mediation_desk.domain.statistics import Report, ReportPeriod  # noqa: E402
from mediation_desk.reports.assessment_pdf import render_assessment  # noqa: E402
from mediation_desk.reports.statistics_pdf import render_report  # noqa: E402

DPI = "80"
TODAY = date(2026, 12, 1)


def _sample() -> tuple[Report, Report]:
    from tests.reports.report_samples import sample_report

    return sample_report(), sample_report(period=ReportPeriod.year(2026))


def _demo(tmp: Path) -> tuple[Report, Report]:
    from mediation_desk.services.demo import build_demo, open_demo
    from mediation_desk.services.statistics import StatisticsService

    db = tmp / "demo.db"
    build_demo(db, cases=1500, today=TODAY)
    store = open_demo(db)
    try:
        service = StatisticsService(store)
        return (service.report(ReportPeriod.month(2026, 11), today=TODAY),
                service.report(ReportPeriod.year(2026), today=TODAY))
    finally:
        store.close()


def _pages(pdf: bytes, tmp: Path, stem: str) -> list[Path]:
    path = tmp / f"{stem}.pdf"
    path.write_bytes(pdf)
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    subprocess.run([exe, "-r", DPI, "-png", str(path), str(tmp / stem)], check=True)
    return sorted(tmp.glob(f"{stem}-*.png"))


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        monthly, yearly = _sample() if "--sample" in sys.argv else _demo(tmp)
        pages = _pages(render_report(monthly, prepared_by="李文", reviewed_by="王建国"), tmp,
                       "monthly")
        for n in (1, 2):
            shutil.copyfile(pages[n - 1], OUT / f"report-monthly-{n}.png")
        table = yearly.table("by_mediator")
        key = table.rows[0].key if table and table.rows else None
        pages = _pages(render_assessment(yearly, key), tmp, "assessment")
        shutil.copyfile(pages[0], OUT / "report-assessment.png")
        pages = _pages(render_assessment(yearly), tmp, "ranking")
        shutil.copyfile(pages[0], OUT / "report-assessment-ranking.png")
    print("wrote report-monthly-1.png, report-monthly-2.png, report-assessment.png, "
          "report-assessment-ranking.png")


if __name__ == "__main__":
    main()
