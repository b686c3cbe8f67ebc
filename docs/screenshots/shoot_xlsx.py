"""Page images of the statistics XLSX as LibreOffice prints it (needs libreoffice-calc-nogui
and poppler-utils' pdftoppm).

    .venv/bin/python docs/screenshots/shoot_xlsx.py

Renders the court's roll-up of tests/reports/report_samples.py (12 centers) with
render_report_xlsx, has LibreOffice convert the workbook to PDF (its print setup: A4
landscape, one page wide) and writes report-xlsx-headline.png (主要指标),
report-xlsx-centers.png (按调解组织, ranked) and report-xlsx-public.png (按村（社区） of the
published report, <3 cells).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from shots import OUT  # noqa: E402 - puts the repository on sys.path

from mediation_desk.reports.statistics_xlsx import render_report_xlsx  # noqa: E402

DPI = "80"


def _pages(xlsx: bytes, tmp: Path, stem: str) -> list[Path]:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("needs soffice (libreoffice-calc-nogui) and pdftoppm (poppler-utils)")
    path = tmp / f"{stem}.xlsx"
    path.write_bytes(xlsx)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(path)],
                   check=True, capture_output=True)
    subprocess.run([pdftoppm, "-r", DPI, "-png", str(tmp / f"{stem}.pdf"), str(tmp / stem)],
                   check=True)
    return sorted(tmp.glob(f"{stem}-*.png"))


def main() -> None:
    from tests.reports.report_samples import sample_report

    court = sample_report(court_desk=True, centers=12)
    public = sample_report(public=True)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        pages = _pages(render_report_xlsx(court, prepared_by="李文", reviewed_by="王建国"),
                       tmp, "court")
        names = [t.title for t in court.tables]
        shutil.copyfile(pages[0], OUT / "report-xlsx-headline.png")
        shutil.copyfile(pages[1 + names.index("按调解组织")], OUT / "report-xlsx-centers.png")
        pages = _pages(render_report_xlsx(public), tmp, "public")
        names = [t.title for t in public.tables]
        shutil.copyfile(pages[1 + names.index("按村（社区）")], OUT / "report-xlsx-public.png")
    print("wrote report-xlsx-headline.png, report-xlsx-centers.png, report-xlsx-public.png")


if __name__ == "__main__":
    main()
