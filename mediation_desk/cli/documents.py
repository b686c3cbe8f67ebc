"""The ``document`` verb: write a mediation paper or the case file as PDF.

``mediation-desk document --db PATH --case CASE --kind KIND --out FILE.pdf [--blank]``
Exit 0 when written, 1 with one Chinese line on stderr for a user error, 2 for usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from .login import actor, add_db, open_desk


def add_document_command(sub: Any) -> None:
    """Register the ``document`` verb on an argparse subparsers object."""
    p = sub.add_parser("document", help="生成文书 PDF（协议书、笔录、卷宗等）")
    if hasattr(p, "deferred"):  # the command line's parser: kinds imported when this verb runs
        p.deferred = _arguments
    else:  # any other parser gets the arguments now
        _arguments(p)


def _arguments(p: argparse.ArgumentParser) -> None:
    from ..documents.kinds import ALL_KINDS, title_of

    kinds = "；".join(f"{k}={title_of(k)}" for k in ALL_KINDS)
    p.description = f"生成文书 PDF。文书类型：{kinds}"
    add_db(p)
    p.add_argument("--case", help="案件编号、法院案号或 UUID（生成空白文书时可省略）")
    p.add_argument("--kind", required=True, choices=ALL_KINDS, metavar="KIND",
                   help="文书类型：" + "、".join(ALL_KINDS))
    p.add_argument("--out", required=True, help="输出 PDF 文件")
    p.add_argument("--blank", action="store_true", help="生成空白文书（外出时手写填写）")
    p.set_defaults(func=run)


def _write(path: Path, data: bytes) -> None:
    from ..storage.connection import refuse_database_file

    refuse_database_file(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def run(args: argparse.Namespace) -> int:
    """Generate the document and write it; map errors to exit codes."""
    from ..services.documents import DocumentService

    if not args.blank and not args.case:
        print("mediation-desk document: 用法错误：请用 --case 指定案件，或加 --blank 生成空白文书",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        if not out.parent.is_dir():
            raise DomainError(f"输出文件夹不存在：{out.parent}", code="out_dir_missing")
        store = open_desk(args)
        try:
            doc = DocumentService(store).generate(actor(store), args.case, args.kind,
                                                  blank=args.blank)
        finally:
            store.close()
        _write(out, doc.pdf)
    except DomainError as exc:
        print(exc.message.replace("\n", " "), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"无法写入文件 {out}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    if doc.warning:
        print(f"注意：{doc.warning}", file=sys.stderr)
    code = f"，校验码 {doc.verification_code}" if doc.verification_code else "，空白文书无校验码"
    print(f"已生成《{doc.title}》：{out}（{doc.pages}页{code}）")
    return 0
