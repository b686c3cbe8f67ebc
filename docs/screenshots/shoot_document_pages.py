"""Page images of every document kind, normal and hostile, filled and blank (60 dpi PNG).

    .venv/bin/python docs/screenshots/shoot_document_pages.py [--all-pages] [--kind KIND ...]

Builds the two scenarios of tests/documents/every_kind_cases.py on desks in a temporary
folder (normal: two parties; hostile: 20 parties with agents and organisations, 20,000
characters of facts, long names and addresses, 𠮷 when an Extension B face is installed),
generates every kind of documents/kinds.py and the case file for each through
DocumentService, and every blank form, then writes the pages with pdftoppm under
docs/screenshots/documents/ (not committed: see its .gitignore; a few are kept as
docs/screenshots/documents-<kind>*.png; the 文书 tab's screenshot is shoot_documents.py):

    normal-<kind>-<page>.png, hostile-<kind>-<page>.png, blank-<kind>-<page>.png

A long hostile paper gives its first two and last two pages unless --all-pages. The
PDFs are kept beside the images (<scenario>-<kind>.pdf), and contact-<scenario>.png puts
the first page of every kind of a scenario on one sheet. A kind that cannot be made from
any case of a scenario is listed with the reason at the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TMP = Path(tempfile.mkdtemp())
os.environ["MEDIATION_DESK_HOME"] = str(TMP / "home")

import shots  # noqa: E402,F401 - puts the repository on sys.path

from mediation_desk.documents.kinds import CASE_FILE, KINDS  # noqa: E402
from mediation_desk.domain.errors import DomainError  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.desk import MediatorService, init_desk  # noqa: E402
from mediation_desk.services.documents import DocumentService  # noqa: E402
from tests.documents.every_kind_cases import (  # noqa: E402
    ACTOR,
    JI,
    build,
    hostile_facts,
    hostile_people,
    normal_people,
)

OUT = Path(__file__).resolve().parent / "documents"
DPI = 60


def pages_of(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def shoot(pdf_bytes: bytes, stem: str, all_pages: bool) -> int:
    """Write ``stem``.pdf and its page images; returns the number of pages."""
    pdf = OUT / f"{stem}.pdf"
    pdf.write_bytes(pdf_bytes)
    total = pages_of(pdf)
    ranges = [(1, total)] if all_pages or total <= 4 else [(1, 2), (total - 1, total)]
    for first, last in ranges:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", str(first), "-l", str(last),
                        str(pdf), str(OUT / stem)], check=True)
    return total


def contact_sheet(scenario: str, kinds: list[str], columns: int = 7) -> Path | None:
    """The first page of every kind of ``scenario`` side by side, in kind order (None when
    there is no page, e.g. ``--kind case_file`` has no blank form)."""
    from PIL import Image

    firsts = [sorted(OUT.glob(f"{scenario}-{kind}-*.png"))[:1] for kind in kinds]
    pages = [Image.open(found[0]) for found in firsts if found]
    if not pages:
        return None
    w, h = max(p.width for p in pages), max(p.height for p in pages)
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (columns * w, rows * h), "white")
    for i, page in enumerate(pages):
        sheet.paste(page, ((i % columns) * w, (i // columns) * h))
    out = OUT / f"contact-{scenario}.png"
    sheet.save(out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-pages", action="store_true")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    kinds = args.kind or [*KINDS, CASE_FILE]
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.p*"):
        old.unlink()
    problems: list[str] = []
    for scenario in ("normal", "hostile"):
        store = init_desk(TMP / f"{scenario}.db", code="ZD-MS", name="马尚街道调解中心",
                          number_prefix="马尚", linked_court="张店区人民法院")
        docs = DocumentService(store)
        if scenario == "normal":
            people, facts = normal_people(), "双方因通道堆放杂物发生争议。"
        else:
            people, facts = hostile_people(docs.font().face_for(JI) is not None), hostile_facts()
        cases = build(CaseService(store), MediatorService(store), scenario, people, facts).cases
        for kind in kinds:
            reasons = []
            for case in cases:
                started = time.perf_counter()
                try:
                    doc = docs.generate(ACTOR, case.id, kind)
                except DomainError as err:
                    reasons.append(f"{case.number}: {err.message}")
                    continue
                n = shoot(doc.pdf, f"{scenario}-{kind}", args.all_pages)
                print(f"{scenario}-{kind}: {n} pages, {time.perf_counter() - started:.1f} s")
                break
            else:
                problems.append(f"{scenario}-{kind}: " + " / ".join(reasons))
        if scenario == "normal":
            for kind in kinds:
                if kind == CASE_FILE:
                    continue
                doc = docs.generate(ACTOR, None, kind, blank=True)
                print(f"blank-{kind}: {shoot(doc.pdf, f'blank-{kind}', True)} pages")
        store.close()
        contact_sheet(scenario, kinds)
        if scenario == "normal":
            contact_sheet("blank", [k for k in kinds if k != CASE_FILE])
    print(f"page images in {OUT}")
    for line in problems:
        print("not made:", line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
