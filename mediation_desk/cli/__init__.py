"""The command line: ``mediation-desk VERB ...``.

One module per verb group, listed once in :data:`VERB_GROUPS` (no verb appears or
disappears by an import failing). Exit codes: 0 success, 1 a user-facing error (one clear
line on stderr, no traceback), 2 wrong usage. Every verb that opens a database logs in
first (:mod:`.login`); the logged-in account is the audit actor and its role decides, in
the services, what the verb may do.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..console import use_utf8
from ..domain.errors import DomainError, ValidationError
from ..logs import log_file, setup_logging
from ..storage.connection import user_error
from . import (
    accounts,
    backup,
    calendar,
    correct,
    court,
    desk,
    documents,
    exchange,
    fonts,
    ledger,
    record,
    referral,
    report,
    subsidy,
    verify,
    villages,
)
from .login import USER_HELP

log = logging.getLogger(__name__)

VERB_GROUPS: tuple[tuple[str, Callable[[Any], None]], ...] = (
    ("desk", desk.add_commands),  # init demo cases show add upgrade check
    ("calendar", calendar.add_calendar_commands),  # calendar show|import|export|delete
    ("backup", backup.add_backup_commands),  # backup backups restore
    ("record", record.add_record_commands),  # session investigation undisputed-facts
    ("correct", correct.add_correct_command),  # correct (更正、补充协议、更正说明)
    ("documents", documents.add_document_command),  # document
    ("fonts", fonts.add_fonts_command),  # fonts (文书字体、生僻字)
    ("verify", verify.add_verify_command),  # verify (文书核验)
    ("exchange", exchange.add_exchange_commands),  # keys trust revoke change-key export import
    # enroll
    ("court", court.add_court_commands),  # court-summary court-cases intake-sheet
    ("referral", referral.add_referral_commands),  # referral add|list
    ("report", report.add_report_command),  # report (月报、季度通报、年度报告)
    ("assessment", report.add_assessment_command),  # assessment (调解员考评)
    ("subsidy", subsidy.add_subsidy_commands),  # subsidy subsidy-rates (以案定补)
    ("ledger", ledger.add_ledger_commands),  # ledger export|import (台账 XLSX)
    ("villages", villages.add_villages_command),  # villages (村居视图, 无讼社区)
    ("accounts", accounts.add_account_commands),  # account ... password recover encrypt
)
"""Every verb group, in the order ``--help`` lists them."""

FIELD_NAMES = {"name": "姓名", "password": "密码", "old_password": "原密码",
               "mediator": "调解员（--mediator）", "role": "角色"}
"""The fields of the account services' ValidationError, as the command line names them."""


class _Parser(argparse.ArgumentParser):
    deferred: Callable[[argparse.ArgumentParser], None] | None = None
    """Adds the verb's arguments when the verb runs or shows its help, not at every start
    (``document`` needs the document kinds, whose import costs most of a start-up)."""

    def error(self, message: str) -> None:  # type: ignore[override]  # exit 2, short usage
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 用法错误：{message}", file=sys.stderr)
        raise SystemExit(2)

    def _complete(self) -> None:
        if self.deferred is not None:
            setup, self.deferred = self.deferred, None
            setup(self)

    def parse_known_args(self, args: Iterable[str] | None = None,
                         namespace: Any = None) -> tuple[Any, list[str]]:
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._complete()
        return super().format_help()


OPENING = """调解工作台 Mediation Desk

打开程序（图形界面）：
  mediation-desk                    打开本机的数据库；第一次使用时先建立调解中心、法院工作台，
                                    或用中心发来的登记文件建立外出调解笔记本
  mediation-desk --db 文件.db       打开指定的数据库文件
  mediation-desk --demo             打开新生成的演示数据库（--demo-cases 件数）
  mediation-desk --lang en          本次用英文界面（zh_CN 为中文，默认）
  mediation-desk 文件.mdx           登录后预览这个交换文件的导入（确认后才导入）
  Windows 安装版：双击 MediationDesk.exe（调解工作台）；双击 .mdx 交换文件同上。

命令行（下列命令之一；mediation-desk 命令 --help 看该命令的说明）："""
"""What ``--help`` starts with: how to open the application, then the verbs."""
USAGE = ("mediation-desk [--db 文件.db | --demo] [--lang zh_CN|en]   （打开程序）\n"
         "       mediation-desk [--user 姓名] 命令 ...                 （命令行）")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb."""
    parser = _Parser(prog="mediation-desk", description=OPENING, usage=USAGE,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--user", metavar="NAME", help=USER_HELP)
    sub = parser.add_subparsers(dest="verb", parser_class=_Parser)
    for _name, register in VERB_GROUPS:
        register(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a verb; map errors to exit codes (never a traceback for the user)."""
    use_utf8()  # also when an entry point calls run() directly (the frozen CLI may)
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    setup_logging()
    try:
        return int(args.func(args) or 0)
    except ValidationError as exc:
        print("输入有误，未保存任何内容：", file=sys.stderr)
        for field, msgs in exc.problems.items():
            for msg in msgs:
                print(f"  {FIELD_NAMES.get(field, field)}：{msg}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(exc.message.replace("\n", " "), file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a prompt
        print("已取消", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `cases --json | head`: the reader has gone; end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        known = user_error(exc)  # a driver error that escaped untranslated, e.g. from a read
        if known is not None:
            log.info("database error in CLI verb %s", args.verb, exc_info=True)
            print(known.message, file=sys.stderr)
            return 1
        log.exception("unexpected error in CLI verb %s", args.verb)
        print(f"抱歉，程序出现内部错误，未完成操作。详细信息已记录在 {log_file()}", file=sys.stderr)
        return 1
