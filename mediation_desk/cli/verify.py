"""The ``verify`` verb: is this paper one this desk (or a trusted center) issued? (文书核验)

``mediation-desk verify --db DB FILE.pdf`` or ``mediation-desk verify --db DB --code CODE``
(the code from a page's footer, or the text a phone read from the QR code).
Exit 0 when the paper is registered and unaltered (本机签发 / …签发), 1 when it was altered,
is not found or the input is wrong (one Chinese line on stderr for an error), 2 for usage.
``--json`` prints the verdict as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .login import add_db, open_desk


def add_verify_command(sub: Any) -> None:
    """Register the ``verify`` verb on an argparse subparsers object."""
    p = sub.add_parser("verify",
                       help="核验文书：PDF 文件或校验码是否为本机（或信任的调解中心）签发")
    add_db(p)
    p.add_argument("file", nargs="?", metavar="FILE.pdf", help="要核验的 PDF 文件")
    p.add_argument("--code", help="文书页脚的校验码（如 7K2QM-9XD4A），或二维码的内容")
    p.add_argument("--json", action="store_true", help="以 JSON 输出核验结果")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the file or the code and print the verdict."""
    from ..services.files import read_input_file
    from ..services.verification import ALTERED, NOT_FOUND, VerificationService

    if bool(args.file) == bool(args.code):
        print("mediation-desk verify: 用法错误：请给出一个 PDF 文件，或用 --code 给出校验码"
              "（二者选一）", file=sys.stderr)
        return 2
    data = read_input_file(args.file, limit=MAX_PDF_BYTES, what="PDF 文件") if args.file else b""
    store = open_desk(args)
    try:
        check = VerificationService(store)
        verdict = check.check_pdf(data) if args.file else check.check_code(args.code)
    finally:
        store.close()
    if args.json:
        e = verdict.entry
        out = {"status": verdict.status, "verdict": verdict.headline, "code": verdict.code,
               "issuer": verdict.issuer, "case_number": verdict.case_number,
               "parties": verdict.parties, "kind": e.kind if e else "", "title": verdict.title,
               "issued_on": verdict.issued_on, "origin": e.origin if e else "",
               "sha256": e.sha256 if e else "", "pages": e.pages if e else 0,
               "notes": list(verdict.notes)}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print("\n".join(verdict.lines()))
    return 1 if verdict.status in (ALTERED, NOT_FOUND) else 0


MAX_PDF_BYTES = 512 * 1024 * 1024
"""The largest file verified (a case file with many scans is far below this)."""
