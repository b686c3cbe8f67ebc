"""The key file beside an encrypted database: who can unlock it (docs/encryption.md).

``desk.db`` is a SQLCipher file encrypted with a 256-bit data key. The data key is derived
from the desk's recovery secret (HKDF-SHA256), which is shown once as the recovery key
(恢复密钥) and printed for the center's safe: with it alone the database and every backup
open on any machine. ``desk.db.keys`` (this module) holds one key slot per account: the data
key wrapped with AES-256-GCM under a key-encryption key derived from the account's password
by Argon2id. Changing a password rewrites one slot, never the database.

A slot is bound to its file and account (the GCM associated data), so it cannot be copied
to another account or another desk's key file. The file also keeps each slot's consecutive
failures for throttling and lockout (NIST SP 800-63B §5.2.2). It holds no party data and
nothing that opens the database without a password or the recovery key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..domain.errors import DomainError

FORMAT = "mediation-desk/keyfile/v1"
SUFFIX = ".keys"
KEY_BYTES = 32

# Argon2id: OWASP's first choice in memory (46 MiB) with the floor's two passes (m=19 MiB,
# t=2), so about twice the floor's cost: ~0.11 s on this 2-core machine, leaving room under
# the 0.5 s unlock target when the laptop is busy (benchmarks/README.md, --kdf-table)
KDF_MEMORY_KIB = 46 * 1024
KDF_TIME = 2
KDF_PARALLELISM = 1
MIN_MEMORY_KIB, MIN_TIME = 19 * 1024, 2

# throttling (NIST SP 800-63B §5.2.2): free attempts, then a growing wait, then a lockout
FREE_ATTEMPTS = 5
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60
LOCKOUT_AFTER = 30  # consecutive failures (the guideline allows at most 100)


class KeyFileError(DomainError):
    """A problem unlocking the database, in one sentence the user can act on."""


def keyfile_path(db_path: str | os.PathLike[str]) -> Path:
    """Where a database's key file lives: beside it, ``desk.db`` → ``desk.db.keys``."""
    return Path(f"{os.fspath(db_path)}{SUFFIX}")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _now() -> datetime:
    return datetime.now(UTC)


# -- the recovery key ---------------------------------------------------------------------
RECOVERY_GROUPS = 14  # 35 bytes (32 secret + 3 check) in base32 = 56 letters, 14 groups of 4


def new_recovery_secret() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def format_recovery_key(secret: bytes) -> str:
    """The recovery key as printed: 14 groups of 4 letters and digits (base32)."""
    check = hashlib.sha256(b"mediation-desk/recovery-check" + secret).digest()[:3]
    text = base64.b32encode(secret + check).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The secret behind a typed recovery key; a clear error for a typo."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != RECOVERY_GROUPS * 4:
        raise KeyFileError(f"恢复密钥应有 {RECOVERY_GROUPS} 组、每组 4 个字符（共 "
                           f"{RECOVERY_GROUPS * 4} 个），您输入了 {len(cleaned)} 个。"
                           "请对照恢复密钥单重新输入。", code="recovery_key_malformed")
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (binascii.Error, ValueError):
        raise KeyFileError("恢复密钥中有不可能出现的字符（只有字母 A–Z 和数字 2–7）。"
                           "请对照恢复密钥单重新输入。", code="recovery_key_malformed") from None
    secret, check = raw[:KEY_BYTES], raw[KEY_BYTES:KEY_BYTES + 3]
    expected = hashlib.sha256(b"mediation-desk/recovery-check" + secret).digest()[:3]
    if not hmac.compare_digest(check, expected):
        raise KeyFileError("恢复密钥校验未通过：可能有字符抄错。"
                           "请对照恢复密钥单逐组检查后重新输入。", code="recovery_key_malformed")
    return secret


def data_key_from_recovery(secret: bytes) -> bytes:
    """The database's data key: HKDF-SHA256 of the recovery secret."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=b"mediation-desk/data-key/v1").derive(secret)


def key_check(data_key: bytes) -> str:
    """A short tag telling whether a data key belongs to this key file (not the key)."""
    return hmac.new(data_key, b"mediation-desk/key-check/v1", hashlib.sha256).hexdigest()[:32]


# -- slots --------------------------------------------------------------------------------
@dataclass
class Slot:
    """One account's wrapped copy of the data key, and its failure count."""

    account_id: str
    name: str
    salt: str
    nonce: str
    wrapped: str
    memory_kib: int = KDF_MEMORY_KIB
    time_cost: int = KDF_TIME
    parallelism: int = KDF_PARALLELISM
    created_at: str = ""
    failures: int = 0
    last_failure: str = ""
    locked: bool = False

    def wait_seconds(self, now: datetime | None = None) -> int:
        """Seconds until the next attempt is allowed (0: now)."""
        if self.failures < FREE_ATTEMPTS or not self.last_failure:
            return 0
        wait: int = min(FIRST_WAIT_S * 2 ** (self.failures - FREE_ATTEMPTS), MAX_WAIT_S)
        try:
            last = datetime.fromisoformat(self.last_failure)
        except ValueError:
            return wait
        passed = ((now or _now()) - last).total_seconds()
        return max(0, int(wait - passed + 0.999))


def _aad(file_id: str, account_id: str) -> bytes:
    return f"{FORMAT}\0{file_id}\0{account_id}".encode()


def _kek(password: str, salt: bytes, memory_kib: int, time_cost: int, parallelism: int) -> bytes:
    if memory_kib < MIN_MEMORY_KIB or time_cost < MIN_TIME or not 1 <= parallelism <= 16:
        raise ValueError("key slot parameters below the floor")
    if memory_kib > 4 * 1024 * 1024 or time_cost > 100:
        raise ValueError("key slot parameters beyond reason")
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=time_cost,
                           memory_cost=memory_kib, parallelism=parallelism,
                           hash_len=KEY_BYTES, type=Type.ID)


def new_slot(file_id: str, account_id: str, name: str, password: str, data_key: bytes) -> Slot:
    """A slot opening ``data_key`` with ``password`` (Argon2id, then AES-256-GCM)."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _kek(password, salt, KDF_MEMORY_KIB, KDF_TIME, KDF_PARALLELISM)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(file_id, account_id))
    return Slot(account_id=account_id, name=name, salt=_b64(salt), nonce=_b64(nonce),
                wrapped=_b64(wrapped), created_at=_now().isoformat(timespec="seconds"))


def unwrap(file_id: str, slot: Slot, password: str) -> bytes | None:
    """The data key if ``password`` opens ``slot``, else None (a damaged slot raises)."""
    try:
        salt, nonce, wrapped = _unb64(slot.salt), _unb64(slot.nonce), _unb64(slot.wrapped)
        kek = _kek(password, salt, slot.memory_kib, slot.time_cost, slot.parallelism)
    except (ValueError, TypeError, binascii.Error):
        raise damaged(f"账户“{slot.name}”的密钥槽") from None
    try:
        key = AESGCM(kek).decrypt(nonce, wrapped, _aad(file_id, slot.account_id))
    except InvalidTag:
        return None
    except ValueError:
        raise damaged(f"账户“{slot.name}”的密钥槽") from None
    if len(key) != KEY_BYTES:
        raise damaged(f"账户“{slot.name}”的密钥槽")
    return key


def damaged(what: str) -> KeyFileError:
    return KeyFileError(f"{what}已损坏，无法用密码解锁。"
                        "请用恢复密钥打开数据库，再由中心主任重置密码。", code="keyfile_damaged")


# -- the file -----------------------------------------------------------------------------
@dataclass
class KeyFile:
    """The parsed key file."""

    file_id: str
    check: str
    slots: list[Slot] = field(default_factory=list)

    @classmethod
    def new(cls, data_key: bytes) -> KeyFile:
        return cls(file_id=secrets.token_hex(16), check=key_check(data_key))

    def slot(self, account_id: str) -> Slot | None:
        return next((s for s in self.slots if s.account_id == account_id), None)

    def slot_named(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    def put(self, slot: Slot) -> None:
        """Add ``slot``, replacing the account's old one."""
        self.slots = [s for s in self.slots if s.account_id != slot.account_id] + [slot]

    def remove(self, account_id: str) -> bool:
        before = len(self.slots)
        self.slots = [s for s in self.slots if s.account_id != account_id]
        return len(self.slots) != before

    def matches(self, data_key: bytes) -> bool:
        return hmac.compare_digest(self.check, key_check(data_key))

    def to_json(self) -> bytes:
        doc = {"format": FORMAT, "file_id": self.file_id, "check": self.check,
               "slots": [asdict(s) for s in self.slots]}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, where: str) -> KeyFile:
        try:
            doc = json.loads(data.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError("format")
            slots = [Slot(**s) for s in doc["slots"]]
            if not all(type(s.failures) is int and type(s.name) is str for s in slots):
                raise ValueError("slot fields")
            return cls(file_id=str(doc["file_id"]), check=str(doc["check"]), slots=slots)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise damaged(f"密钥文件 {where} ") from None


def read_keyfile(db_path: str | os.PathLike[str]) -> KeyFile:
    """The key file of ``db_path``; a clear error when it is missing or damaged."""
    path = keyfile_path(db_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"找不到数据库的密钥文件 {path.name}。数据库是加密的，密钥文件应和它放在同一个文件夹"
            "（复制数据库时请把同名的 .keys 文件一起复制）。没有密钥文件时，请用恢复密钥打开。",
            code="keyfile_missing") from None
    except OSError as exc:
        raise KeyFileError(f"无法读取密钥文件 {path}：{exc.strerror}", code="keyfile_unreadable"
                           ) from None
    if len(data) > 4 << 20:
        raise damaged(f"密钥文件 {path.name} ")
    return KeyFile.from_json(data, path.name)


def write_keyfile(db_path: str | os.PathLike[str], keyfile: KeyFile) -> None:
    """Replace the key file atomically (write beside, fsync, rename, fsync the folder)."""
    path = keyfile_path(db_path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(keyfile.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with suppress(OSError):
            tmp.unlink()
        raise KeyFileError(f"无法写入密钥文件 {path}：{exc.strerror}。什么也没有改变。",
                           code="keyfile_unwritable") from None
    if os.name == "posix":
        with suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextmanager
def editing(db_path: str | os.PathLike[str], timeout: float = 10.0) -> Iterator[KeyFile]:
    """Read, change and write the key file under a lock (another program may edit it too).

    The lock is a ``.lock`` file made with ``O_EXCL``; one older than a minute is left over
    from a crash and is broken. The changes are written only when the block ends normally.
    """
    lock = Path(f"{keyfile_path(db_path)}.lock")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            break
        except FileExistsError:
            with suppress(OSError):
                if time.time() - lock.stat().st_mtime > 60:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise KeyFileError("密钥文件正被另一个窗口修改，请稍候再试。",
                                   code="keyfile_busy") from None
            time.sleep(0.05)
        except OSError as exc:
            raise KeyFileError(f"无法修改密钥文件：{exc.strerror}", code="keyfile_unwritable"
                               ) from None
    try:
        keyfile = read_keyfile(db_path)
        before = keyfile.to_json()
        yield keyfile
        if keyfile.to_json() != before:  # a successful login changes nothing: no write
            write_keyfile(db_path, keyfile)
    finally:
        with suppress(OSError):
            lock.unlink()


# -- unlocking with a password ------------------------------------------------------------
def unlock(db_path: str | os.PathLike[str], name: str, password: str,
           now: datetime | None = None) -> tuple[str, bytes]:
    """(account id, data key) for a name and password; counts failures in the key file.

    Refuses, with one sentence each: no such account on this desk, an account locked after
    too many failures, an attempt before the throttling wait is over, a wrong password.
    """
    moment = now or _now()
    keyfile = read_keyfile(db_path)
    slot = keyfile.slot_named(name.strip())
    if slot is None:
        raise KeyFileError(f"本数据库没有名为“{name.strip()}”的账户（或账户已停用）。请检查姓名，"
                           "或请中心主任为您建立账户。", code="no_account")
    if slot.locked:
        raise KeyFileError(f"账户“{slot.name}”因连续输错密码 {slot.failures} 次已被锁定。"
                           "请中心主任重置密码（主任本人可用恢复密钥）。", code="account_locked")
    wait = slot.wait_seconds(moment)
    if wait:
        raise KeyFileError(f"密码已连续输错 {slot.failures} 次，请在 {wait} 秒后再试。",
                           code="throttled")
    key = unwrap(keyfile.file_id, slot, password)
    if key is not None and not keyfile.matches(key):
        raise damaged(f"账户“{slot.name}”的密钥槽")
    with editing(db_path) as fresh:
        current = fresh.slot(slot.account_id)
        if current is not None:
            if key is None:
                failures = current.failures + 1
                fresh.put(replace(current, failures=failures,
                                  last_failure=moment.isoformat(timespec="seconds"),
                                  locked=failures >= LOCKOUT_AFTER))
            elif current.failures or current.locked:
                fresh.put(replace(current, failures=0, last_failure="", locked=False))
    if key is None:
        failures = slot.failures + 1
        left = LOCKOUT_AFTER - failures
        more = (f"再错 {left} 次账户将被锁定。" if left <= 10 else "") if left > 0 else \
            "账户已被锁定，请中心主任重置密码。"
        raise KeyFileError(f"密码不正确。{more}", code="wrong_password")
    return slot.account_id, key
