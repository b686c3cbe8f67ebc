"""Page images of the statistics PDFs (needs poppler-utils' pdftoppm).

    .venv/bin/python docs/screenshots/shoot_reports.py

Renders the hand-built reports of tests/reports/report_samples.py. Writes
report-monthly-1.png, report-monthly-2.png (the first two pages of a center's 月报) and
report-assessment.png (one mediator's 考评表).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.statistics import Report, ReportPeriod  # noqa: E402
from mediation_desk.reports.assessment_pdf import render_assessment  # noqa: E402
from mediation_desk.reports.statistics_pdf import render_report  # noqa: E402

OUT = Path(__file__).resolve().parent
DPI = "80"


def _sample() -> tuple[Report, Report]:
    from tests.reports.report_samples import sample_report

    return sample_report(), sample_report(period=ReportPeriod.year(2026))


def _pages(pdf: bytes, tmp: Path, stem: str) -> list[Path]:
    path = tmp / f"{stem}.pdf"
    path.write_bytes(pdf)
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise SystemExit("pdftoppm not found: install poppler-utils")
    subprocess.run([exe, "-r", DPI, "-png", str(path), str(tmp / stem)], check=True)
    return sorted(tmp.glob(f"{stem}-*.png"))


def main() -> None:
    monthly, yearly = _sample()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        pages = _pages(render_report(monthly, prepared_by="李文", reviewed_by="王建国"), tmp,
                       "monthly")
        for n in (1, 2):
            shutil.copyfile(pages[n - 1], OUT / f"report-monthly-{n}.png")
        table = yearly.table("by_mediator")
        key = table.rows[1].key if table and len(table.rows) > 1 else None
        pages = _pages(render_assessment(yearly, key), tmp, "assessment")
        shutil.copyfile(pages[0], OUT / "report-assessment.png")
    print("wrote report-monthly-1.png, report-monthly-2.png, report-assessment.png")


if __name__ == "__main__":
    main()
