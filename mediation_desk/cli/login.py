"""Logging in on the command line (docs/permissions.md, docs/encryption.md).

Every verb that opens a database logs in first: ``--user NAME`` (before or after the verb)
or ``MEDIATION_DESK_USER``, the password from ``MEDIATION_DESK_PASSWORD`` or, on a terminal,
a prompt that does not echo. The logged-in account is the audit actor and its role is the
one the services check, exactly as in the GUI. A new password (an account added, a password
reset or changed, a recovery) comes from ``MEDIATION_DESK_NEW_PASSWORD`` or is typed twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from ..domain.errors import DomainError
from ..storage.store import Store

USER_ENV = "MEDIATION_DESK_USER"
PASSWORD_ENV = "MEDIATION_DESK_PASSWORD"
NEW_PASSWORD_ENV = "MEDIATION_DESK_NEW_PASSWORD"
RECOVERY_KEY_ENV = "MEDIATION_DESK_RECOVERY_KEY"

USER_HELP = f"登录的账户姓名（也可用环境变量 {USER_ENV}；密码用 {PASSWORD_ENV} 或在终端输入）"


def add_user(p: argparse.ArgumentParser, help: str = USER_HELP) -> None:
    """``--user NAME`` on a verb (SUPPRESS: a ``--user`` given before the verb stays)."""
    p.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help=help)


def add_db(p: argparse.ArgumentParser, *, required: bool = True, **kw: Any) -> None:
    """``--db PATH`` and ``--user NAME``: the options of every verb that opens a desk."""
    p.add_argument("--db", required=required, metavar="DB", help="数据库文件", **kw)
    add_user(p)


def user_of(args: argparse.Namespace) -> str:
    """The account named by ``--user`` or MEDIATION_DESK_USER ('' when neither)."""
    return (getattr(args, "user", None) or os.environ.get(USER_ENV) or "").strip()


def terminal_prompt() -> Callable[[str], str] | None:
    """A prompt that does not echo, when a person is at a terminal (else None)."""
    return getpass.getpass if sys.stdin.isatty() else None


def open_desk(args: argparse.Namespace, db: str | None = None, **store_kwargs: Any) -> Store:
    """Log in as the command line's user and open the desk (its principal set)."""
    from ..services.auth import environment_login

    return environment_login(db or args.db, user_of(args) or None, prompt=terminal_prompt(),
                             **store_kwargs)


def actor(store: Store) -> str:
    """Who the audit names: the logged-in account."""
    if store.principal is None:  # every CLI store is opened by open_desk
        raise DomainError("没有登录的账户。", code="not_logged_in")
    return store.principal.name


def new_password(whose: str, env: str = NEW_PASSWORD_ENV) -> str:
    """A new password: from ``env``, or typed twice on a terminal (not echoed)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DomainError(f"需要为{whose}设置密码：请在终端中运行以输入密码，或设置环境变量 "
                          f"{env}。未做任何改动。", code="password_required")
    first = getpass.getpass(f"请为{whose}设置密码（至少 8 个字符）：")
    if getpass.getpass("请再输入一次：") != first:
        raise DomainError("两次输入的密码不一致，未做任何改动。", code="password_mismatch")
    return first


def current_password(name: str) -> str:
    """The password of ``name`` itself: MEDIATION_DESK_PASSWORD or a prompt on a terminal."""
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DomainError(f"需要密码：请在终端中运行以输入密码，或设置环境变量 {PASSWORD_ENV}。",
                          code="login_required")
    return getpass.getpass(f"{name} 的密码：")


def recovery_key() -> str:
    """The recovery key: MEDIATION_DESK_RECOVERY_KEY or typed on a terminal."""
    value = os.environ.get(RECOVERY_KEY_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DomainError(f"需要恢复密钥：请在终端中运行以输入，或设置环境变量 {RECOVERY_KEY_ENV}。"
                          "未做任何改动。", code="recovery_key_required")
    return getpass.getpass("请输入恢复密钥单上的恢复密钥（可不输入空格和短横）：")


def require_user(args: argparse.Namespace, what: str) -> str:
    """The ``--user`` a verb needs to name an account it creates or recovers."""
    name = user_of(args)
    if not name:
        raise DomainError(f"请用 --user 姓名 指明{what}（或设置环境变量 {USER_ENV}）。",
                          code="user_required")
    return name
