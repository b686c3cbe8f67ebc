"""Logging in, and the accounts' passwords (docs/encryption.md, docs/permissions.md).

A desk is an encrypted database plus its key file (``security/keyfile.py``). Logging in
unwraps the data key with the account's password, opens the database with it and makes the
account the store's principal (``services/access.py``). The accounts themselves (name, role,
active) live in the database; their passwords only as key slots.

Changing an account touches two files, the database and the key file, in an order that a
crash cannot turn into a way in: a new slot is written before its account row commits (a
slot without an active account opens nothing: login refuses it, and a director's next login
removes it); a slot is removed only after its account was deactivated.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.access import Account, Role
from ..domain.enums import CenterKind
from ..domain.errors import DomainError, ValidationError
from ..security import keyfile as kf
from ..security.keyfile import KeyFileError
from ..storage.connection import is_encrypted, key_opens
from ..storage.store import Store
from .access import desk_kind, login_store, require

log = logging.getLogger(__name__)

MIN_PASSWORD = 8
MAX_PASSWORD = 128
MAX_NAME = 20
COMMON_PASSWORDS = frozenset({
    "12345678", "123456789", "1234567890", "87654321", "11111111", "88888888", "66666666",
    "00000000", "password", "password1", "qwertyui", "qwerty123", "abcd1234", "a1234567",
    "iloveyou", "woaini520", "woaini1314", "asdfghjk", "1qaz2wsx", "zxcvbnm1", "demo1234",
})
"""Passwords a guesser tries first (NIST SP 800-63B §5.1.1.2 asks to refuse such)."""


@dataclass(frozen=True)
class Login:
    """A successful login: the account and the data key its password unwrapped."""

    account: Account
    key: bytes
    path: Path


def password_problems(password: str, name: str = "") -> list[str]:
    """Why a new password is not acceptable ([] when it is)."""
    if len(password) < MIN_PASSWORD:
        return [f"密码至少 {MIN_PASSWORD} 个字符"]
    if len(password) > MAX_PASSWORD:
        return [f"密码最多 {MAX_PASSWORD} 个字符"]
    if password.lower() in COMMON_PASSWORDS or len(set(password)) == 1:
        return ["这个密码太常见，容易被猜到，请换一个"]
    if name and password == name:
        return ["密码不能与姓名相同"]
    return []


def name_problems(name: str) -> list[str]:
    text = name.strip()
    if not text:
        return ["请填写姓名"]
    if len(text) > MAX_NAME:
        return [f"姓名最多 {MAX_NAME} 个字"]
    if any(ch in text for ch in "\n\r\t\0"):
        return ["姓名不能含换行或控制字符"]
    return []


def _check_new(name: str, password: str) -> None:
    problems: dict[str, list[str]] = {}
    if msgs := name_problems(name):
        problems["name"] = msgs
    if msgs := password_problems(password, name.strip()):
        problems["password"] = msgs
    if problems:
        raise ValidationError(problems)


# -- creating an encrypted desk -----------------------------------------------------------
def create_desk(path: str | Path, *, director_name: str, password: str, code: str, name: str,
                kind: CenterKind = CenterKind.CENTER, number_prefix: str = "",
                linked_court: str = "", court_code: str = "",
                **store_kwargs: Any) -> tuple[Store, str]:
    """A new encrypted desk with its director's account: (store logged in, recovery key).

    The recovery key is returned once, to be shown and printed (恢复密钥单); it is kept
    nowhere. The key file is written first; the database is created encrypted from its
    first page, so no party's data ever touches the disk in plain text.
    """
    from .desk import init_desk

    p = Path(path)
    _check_new(director_name, password)
    keys = kf.keyfile_path(p)
    if p.exists() or keys.exists():
        raise DomainError(f"文件已存在：{p if p.exists() else keys}。新建数据库请换一个文件名。",
                          code="already_initialised")
    secret = kf.new_recovery_secret()
    key = kf.data_key_from_recovery(secret)
    director = Account(id=str(uuid.uuid4()), name=director_name.strip(), role=Role.DIRECTOR)
    keyfile = kf.KeyFile.new(key)
    keyfile.put(kf.new_slot(keyfile.file_id, director.id, director.name, password, key))
    kf.write_keyfile(p, keyfile)
    try:
        store = init_desk(p, code=code, name=name, kind=kind, number_prefix=number_prefix,
                          linked_court=linked_court, court_code=court_code,
                          director=director, key=key, **store_kwargs)
    except BaseException:
        keys.unlink(missing_ok=True)
        raise
    login_store(store, director)
    return store, kf.format_recovery_key(secret)


# -- logging in ---------------------------------------------------------------------------
def state(path: str | Path) -> str:
    """What a file at ``path`` is: 'missing', 'plain' (to be encrypted), 'encrypted'.

    An encryption a crash interrupted is first completed or rolled back
    (``services/encryption.finish_interrupted``), so the answer describes a usable file.
    """
    from .encryption import finish_interrupted

    p = Path(path)
    finish_interrupted(p)
    if not p.exists():
        return "missing"
    if p.is_file() and p.stat().st_size and not is_encrypted(p):
        return "plain"
    return "encrypted"


def account_names(path: str | Path) -> list[str]:
    """The names a login screen offers (from the key file; [] when it cannot be read)."""
    try:
        return sorted(s.name for s in kf.read_keyfile(path).slots)
    except KeyFileError:
        return []


def _refuse_plain(p: Path) -> None:
    raise KeyFileError(
        f"数据库 {p.name} 是旧版的未加密文件。请中心主任先把它加密：在调解工作台中打开它，"
        f"或运行 mediation-desk encrypt --db {p} --user 主任姓名。", code="db_not_encrypted")


def unlock(path: str | Path, name: str, password: str,
           now: datetime | None = None) -> tuple[str, bytes]:
    """(account id, data key) for a name and password, throttled (keyfile.unlock)."""
    p = Path(path)
    if state(p) == "missing":
        raise DomainError(f"数据库文件不存在：{p}。请检查路径，或先用 init 命令创建。",
                          code="db_missing")
    if state(p) == "plain":
        _refuse_plain(p)
    account_id, key = kf.unlock(p, name, password, now)
    if not key_opens(p, key):
        raise KeyFileError(f"密钥文件 {kf.keyfile_path(p).name} 不属于这个数据库（可能是从别的"
                           "数据库复制来的）。请找回同名的密钥文件，或用恢复密钥打开。",
                           code="keyfile_mismatch")
    return account_id, key


def open_as(path: str | Path, account_id: str, key: bytes, **store_kwargs: Any) -> Store:
    """Open the database with ``key`` as the account ``account_id`` (checked active)."""
    store = Store.open(path, key=key, **store_kwargs)
    try:
        account = store.accounts.get(account_id)
        if account is None or not account.active:
            raise KeyFileError("这个账户已停用或不存在，不能登录。请联系中心主任。",
                               code="account_inactive")
        login_store(store, account)
    except BaseException:
        store.close()
        raise
    return store


def login(path: str | Path, name: str, password: str, **store_kwargs: Any) -> Store:
    """Log in and open the desk: the store, with the account as its principal."""
    account_id, key = unlock(path, name, password)
    store = open_as(path, account_id, key, **store_kwargs)
    if store.principal is not None and store.principal.role is Role.DIRECTOR and \
            not store.readonly:
        remove_orphan_slots(store)
    return store


def check_password(store: Store, password: str) -> bool:
    """The lock screen: True when ``password`` is the logged-in account's (throttled)."""
    account = store.principal
    if account is None or store.path is None or store.key is None:
        return False
    try:
        account_id, key = kf.unlock(store.path, account.name, password)
    except KeyFileError as exc:
        if exc.code == "wrong_password":
            return False
        raise
    return account_id == account.id and key == store.key


def recover(path: str | Path, recovery_key: str, director_name: str, new_password: str,
            **store_kwargs: Any) -> Store:
    """Open with the recovery key and give a director a new password (audited).

    Works without the key file (it is rebuilt with this director's slot; the others then
    need new passwords from the director). A key file of another database is refused.
    """
    p = Path(path)
    if state(p) == "missing":
        raise DomainError(f"数据库文件不存在：{p}", code="db_missing")
    if state(p) == "plain":
        _refuse_plain(p)
    secret = kf.parse_recovery_key(recovery_key)
    key = kf.data_key_from_recovery(secret)
    if not key_opens(p, key):
        raise KeyFileError("恢复密钥与这个数据库不匹配（它属于另一个数据库，或抄写有误）。"
                           "数据库未被改动。", code="wrong_recovery_key")
    if problems := password_problems(new_password, director_name.strip()):
        raise ValidationError({"password": problems})
    store = Store.open(p, key=key, **store_kwargs)
    try:
        account = store.accounts.named(director_name.strip())
        field = desk_kind(store) == "field"
        allowed = (Role.DIRECTOR, Role.MEDIATOR) if field else (Role.DIRECTOR,)
        if account is None or not account.active or account.role not in allowed:
            who = "账户" if field else "中心主任账户"
            raise DomainError(f"本数据库没有名为“{director_name.strip()}”的在职{who}。",
                              code="no_account")
        keys = kf.keyfile_path(p)
        if keys.exists():
            with kf.editing(p) as keyfile:
                if not keyfile.matches(key):
                    raise KeyFileError(f"密钥文件 {keys.name} 不属于这个数据库，未改动。"
                                       "请把它移走后再用恢复密钥打开（会重建密钥文件）。",
                                       code="keyfile_mismatch")
                keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name,
                                        new_password, key))
        else:
            keyfile = kf.KeyFile.new(key)
            keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, new_password, key))
            kf.write_keyfile(p, keyfile)
        login_store(store, account)
        with store.operation(account.name, "recover_access",
                             summary=f"用恢复密钥为{account.name}设置新密码") as work:
            work.note("account", account.id, {"password": [None, "用恢复密钥重设"]})
    except BaseException:
        store.close()
        raise
    return store


# -- managing accounts --------------------------------------------------------------------
class AccountService:
    """Accounts and passwords, for the logged-in account (director, or oneself)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _path(self) -> Path:
        if self.store.path is None or self.store.key is None:
            raise DomainError("这个数据库没有加密，不能管理账户。", code="db_not_encrypted")
        return self.store.path

    def accounts(self) -> list[Account]:
        return self.store.accounts.all()

    def sign_in_states(self) -> dict[str, str]:
        """Accounts whose password was mistyped lately: account id -> what to tell a director
        (locked, or how many failures in a row); a reset password clears it."""
        if self.store.path is None or self.store.key is None:
            return {}
        try:
            slots = kf.read_keyfile(self.store.path).slots
        except KeyFileError as exc:
            return {a.id: exc.message for a in self.store.accounts.all() if a.active}
        out: dict[str, str] = {}
        for slot in slots:
            if slot.locked:
                out[slot.account_id] = f"已锁定（连续输错密码 {slot.failures} 次，请重置密码）"
            elif slot.failures:
                out[slot.account_id] = f"连续输错密码 {slot.failures} 次"
        return out

    def _get(self, account_id: str) -> Account:
        account = self.store.accounts.get(account_id) or self.store.accounts.named(account_id)
        if account is None:
            raise DomainError(f"找不到账户：{account_id}", code="not_found")
        return account

    def create(self, name: str, role: Role, password: str, *,
               mediator_id: str | None = None) -> Account:
        """A new account with its first password (a director's operation)."""
        require(self.store, "create_account")
        self._path()  # an unencrypted store has no key file to hold the slot
        _check_new(name, password)
        clean = name.strip()
        if self.store.accounts.named(clean) is not None:
            raise ValidationError({"name": [f"已有名为“{clean}”的账户（姓名不能重复，停用的账户"
                                            "也保留姓名）"]})
        if role is Role.MEDIATOR:
            mediator = self.store.directory.mediator(mediator_id or "")
            if mediator is None or mediator.deleted:
                raise ValidationError({"mediator": ["调解员账户要对应调解员名册中的一位调解员"]})
        account = Account(id=str(uuid.uuid4()), name=clean, role=role,
                          mediator_id=mediator_id if role is Role.MEDIATOR else None)
        self._save_with_new_slot(account, password, "create_account", f"新建账户{account.label}")
        return account

    def reset_password(self, account_id: str, new_password: str) -> None:
        """A director gives an account a new password (and clears its lockout)."""
        require(self.store, "reset_password")
        account = self._get(account_id)
        if problems := password_problems(new_password, account.name):
            raise ValidationError({"password": problems})
        if not account.active:
            raise DomainError(f"账户“{account.name}”已停用；请先启用它。", code="account_inactive")
        self._write_slot(account, new_password, "reset_password",
                         f"重置{account.label}的密码")

    def change_password(self, old_password: str, new_password: str) -> None:
        """The logged-in account changes its own password (the old one checked, throttled)."""
        require(self.store, "change_password")
        account = self.store.principal
        if account is None:
            raise DomainError("没有登录的账户。", code="not_logged_in")
        if not check_password(self.store, old_password):
            raise ValidationError({"old_password": ["原密码不正确"]})
        if problems := password_problems(new_password, account.name):
            raise ValidationError({"password": problems})
        if new_password == old_password:
            raise ValidationError({"password": ["新密码不能与原密码相同"]})
        self._write_slot(account, new_password, "change_password", f"{account.name}修改密码")

    def _write_slot(self, account: Account, password: str, action: str, summary: str) -> None:
        path, key = self._path(), self.store.key
        assert key is not None
        with self.store.operation("系统", action, summary=summary) as work:
            work.note("account", account.id, {"password": [None, "已更换"]})
            with kf.editing(path) as keyfile:  # inside: a refused operation writes no slot
                keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, password,
                                        key))

    def set_role(self, account_id: str, role: Role, *, mediator_id: str | None = None) -> Account:
        require(self.store, "update_account")
        account = self._get(account_id)
        if account.role is Role.DIRECTOR and role is not Role.DIRECTOR:
            self._keep_a_director(account)
        if role is Role.MEDIATOR:
            mediator = self.store.directory.mediator(mediator_id or account.mediator_id or "")
            if mediator is None or mediator.deleted:
                raise ValidationError({"mediator": ["调解员账户要对应调解员名册中的一位调解员"]})
            mediator_id = mediator.id
        changed = Account(id=account.id, name=account.name, role=role,
                          mediator_id=mediator_id if role is Role.MEDIATOR else None,
                          active=account.active)
        with self.store.operation("系统", "update_account",
                                  summary=f"修改账户{account.name}的角色为{role.label}") as work:
            work.save_account(changed)
        return changed

    def set_active(self, account_id: str, active: bool, *, new_password: str = "") -> Account:
        """Deactivate (its key slot is removed) or reactivate with a new password."""
        require(self.store, "update_account")
        path, key = self._path(), self.store.key
        assert key is not None
        account = self._get(account_id)
        if account.active == active:
            return account
        changed = Account(id=account.id, name=account.name, role=account.role,
                          mediator_id=account.mediator_id, active=active)
        if not active:
            if self.store.principal is not None and self.store.principal.id == account.id:
                raise DomainError("不能停用自己正在使用的账户。", code="self_deactivate")
            if account.role is Role.DIRECTOR:
                self._keep_a_director(account)
            with self.store.operation("系统", "update_account",
                                      summary=f"停用账户{account.label}") as work:
                work.save_account(changed)
            with kf.editing(path) as keyfile:
                keyfile.remove(account.id)
            return changed
        if problems := password_problems(new_password, account.name):
            raise ValidationError({"password": problems})
        self._save_with_new_slot(changed, new_password, "update_account",
                                 f"启用账户{account.label}")
        return changed

    def _save_with_new_slot(self, account: Account, password: str, action: str,
                            summary: str) -> None:
        """Write the account's slot, then its row; a refused row takes the slot back (the
        order of writes in the module's docstring)."""
        path, key = self._path(), self.store.key
        assert key is not None
        with kf.editing(path) as keyfile:
            keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, password, key))
        try:
            with self.store.operation("系统", action, summary=summary) as work:
                work.save_account(account)
        except BaseException:
            with kf.editing(path) as keyfile:
                keyfile.remove(account.id)
            raise

    def _keep_a_director(self, account: Account) -> None:
        others = [a for a in self.store.accounts.all()
                  if a.active and a.role is Role.DIRECTOR and a.id != account.id]
        if not others:
            raise DomainError("这是唯一在职的中心主任账户，不能停用或改为其他角色。请先为另一位"
                              "主任建立账户。", code="last_director")


def remove_orphan_slots(store: Store) -> list[str]:
    """Drop key slots whose account is missing or inactive (left by a crash); their names."""
    if store.path is None or store.key is None:
        return []
    active = {a.id for a in store.accounts.all() if a.active}
    try:
        keyfile = kf.read_keyfile(store.path)
    except KeyFileError:
        return []
    orphans = [s for s in keyfile.slots if s.account_id not in active]
    if not orphans:
        return []
    with kf.editing(store.path) as fresh:
        for slot in orphans:
            fresh.remove(slot.account_id)
    names = [s.name for s in orphans]
    log.warning("removed key slots without an active account: %s", names)
    return names


def environment_login(path: str | Path, user: str | None, *,
                      prompt: Callable[[str], str] | None = None,
                      **store_kwargs: Any) -> Store:
    """The CLI's login: ``--user`` or MEDIATION_DESK_USER, the password from
    MEDIATION_DESK_PASSWORD or ``prompt`` (a terminal)."""
    name = (user or os.environ.get("MEDIATION_DESK_USER") or "").strip()
    if not name:
        raise DomainError("请用 --user 姓名 指明登录的账户（或设置环境变量 MEDIATION_DESK_USER）。",
                          code="login_required")
    password = os.environ.get("MEDIATION_DESK_PASSWORD")
    if password is None:
        if prompt is None:
            raise DomainError("需要密码：请在终端中运行以输入密码，或设置环境变量 "
                              "MEDIATION_DESK_PASSWORD。", code="login_required")
        password = prompt(f"{name} 的密码：")
    return login(path, name, password, **store_kwargs)
