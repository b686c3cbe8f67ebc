"""The backup verbs (policy and safety: docs/backup.md, services/backup.py).

``mediation-desk backup --db DB [--to DIR]``             a verified backup now
``mediation-desk backups --db DB [--json]``             the backups: date, size, cases, verified
``mediation-desk restore --db DB BACKUP [--yes]``       replace the database with a backup
``mediation-desk restore --db DB BACKUP --practice``    演练恢复: restore into a temporary file

``restore`` verifies the backup first, refuses while any window or command has the
database open, and keeps the current file aside as ``<db>.before-restore-<stamp>``.
Without ``--yes`` it asks on the terminal, and refuses when there is no terminal.
Each verb logs in first (``--user``): backups are encrypted with the desk's data key, which
the login unwraps; only a director restores.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..domain.access import Account
from ..domain.errors import DomainError
from .login import add_db, open_desk


def add_backup_commands(sub: Any) -> None:
    """Register ``backup``, ``backups`` and ``restore``."""
    p = sub.add_parser("backup", help="立即备份数据库（校验后保存，见 docs/backup.md）")
    add_db(p)
    p.add_argument("--to", metavar="DIR",
                   help="备份到这个文件夹（如 U 盘；默认为设置中的备份文件夹）")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("backups", help="列出数据库的备份（日期、大小、案件数、是否校验通过）")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backups)

    p = sub.add_parser("restore", help="从备份恢复数据库（当前文件先另存，不会丢失）",
                       description="先校验备份；恢复前当前数据库另存为 "
                                   "<数据库>.before-restore-<时间>。"
                                   "恢复时不能有其他窗口或命令打开该数据库。")
    add_db(p)
    p.add_argument("backup", help="备份文件路径，或 backups 列出的文件名")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.add_argument("--practice", action="store_true",
                   help="演练恢复：恢复到临时文件并检查，报告其中的内容，不改动数据库")
    p.set_defaults(func=cmd_restore)


def _login(args: argparse.Namespace, action: str = "") -> tuple[Account, bytes | None]:
    """Log in, check ``action`` is the account's to run, and close again: (account, key).

    The verbs here work on the file (a backup copies it, a restore replaces it), so the
    login's store is not kept open.
    """
    from ..services.access import require

    store = open_desk(args, readonly=True)
    try:
        if action:
            require(store, action)
        assert store.principal is not None  # open_desk logs in
        return store.principal, store.key
    finally:
        store.close()


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def cmd_backup(args: argparse.Namespace) -> int:
    from ..services import backup as svc

    to = Path(args.to) if args.to else None
    if to is not None and not to.is_dir():
        raise DomainError(f"文件夹不存在（如果是 U 盘，请检查是否已插好）：{to}",
                          code="backup_dir_missing")
    _account, key = _login(args)
    record = svc.take_backup(Path(args.db), "manual", to=to, key=key)
    if not record.verified:
        print(f"备份已写出但未通过校验：{record.path}：" + "；".join(record.problems[:3]),
              file=sys.stderr)
        return 1
    print(f"已备份并校验通过：{record.path}（案件 {record.cases} 件，{_size(record.size)}）")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from ..services import backup as svc

    db = Path(args.db)
    _account, key = _login(args)
    policy = svc.policy_for(db, key)
    records = svc.list_backups(db, policy, key)
    if args.json:
        out = {"folder": str(policy.folder), "backups": [
            {"file": r.path.name, "path": str(r.path), "created_at": r.created_at,
             "reason": r.reason, "size": r.size, "cases": r.cases, "verified": r.verified,
             "sha256": r.sha256, "last_audit_at": r.last_audit_at, "problems": r.problems}
            for r in records]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not records:
        print(f"还没有备份。备份文件夹：{policy.folder}", file=sys.stderr)
        return 0
    for r in records:
        state = "已校验" if r.verified else "未通过校验：" + "；".join(r.problems[:1])
        print(f"{r.created_at.replace('T', ' ')}\t{_REASONS.get(r.reason, r.reason)}\t"
              f"{_size(r.size)}\t案件 {r.cases} 件\t{state}\t{r.path}")
    print(f"共 {len(records)} 份，备份文件夹：{policy.folder}", file=sys.stderr)
    return 0


_REASONS = {"manual": "手动", "daily": "每日", "close": "关闭时", "import": "导入前",
            "migration": "升级前"}


def _find_backup(db: Path, name: str, key: bytes | None) -> Path:
    p = Path(name)
    if p.exists():
        return p
    from ..services import backup as svc

    for r in svc.list_backups(db, key=key):
        if r.path.name == name:
            return r.path
    raise DomainError(f"找不到备份文件：{name}（可用 mediation-desk backups --db {db} 查看）",
                      code="backup_missing")


def cmd_restore(args: argparse.Namespace) -> int:
    from ..services import backup as svc

    db = Path(args.db)
    account, key = _login(args, "" if args.practice else "restore_backup")
    backup = _find_backup(db, args.backup, key)
    if args.practice:
        return _practice(backup, key)
    report = svc.verify_backup(backup, key)
    if not report.verified:
        raise DomainError(f"备份文件未通过校验，未恢复：{backup}："
                          + "；".join(report.problems[:3]),
                          code="backup_unverified")
    if not args.yes:
        if not sys.stdin.isatty():
            print("恢复会替换当前数据库的内容，需要确认：请在终端中运行，或加 --yes。"
                  "未做任何改动。",
                  file=sys.stderr)
            return 1
        print(f"将用备份 {backup.name}（案件 {report.check.cases} 件，最后一条审计记录 "
              f"{report.check.last_audit_at or '-'}）替换 {db} 的内容；"
              "当前数据库会先另存一份。", file=sys.stderr)
        answer = input("确认恢复请输入 yes：").strip().lower()
        if answer not in ("yes", "y", "是"):
            print("已取消，未做任何改动。", file=sys.stderr)
            return 1
    result = svc.restore_backup(db, backup, key=key, account=account)
    print(f"已从备份 {backup.name} 恢复 {db}（案件 {result.cases} 件）")
    if result.kept_aside is not None:
        print(f"恢复前的数据库已另存为 {result.kept_aside}")
    return 0


def _practice(backup: Path, key: bytes | None) -> int:
    from ..services import backup as svc

    report = svc.practice_restore(backup, key)
    c = report.check
    print(f"演练恢复：{backup.name}")
    print(f"  案件 {c.cases} 件，审计记录 {c.audit_rows} 条，最后一条 {c.last_audit_at or '-'}")
    if report.pending_migrations:
        print(f"  结构版本较旧：恢复后打开时会自动升级（{report.pending_migrations} 步）")
    if report.verified:
        print(f"  校验通过（完整性、结构、审计链），用时 {report.seconds:.1f} 秒；数据库未改动")
        return 0
    print("  未通过校验：" + "；".join(report.problems[:3]), file=sys.stderr)
    return 1
