"""Field laptops (外出调解笔记本): enrollment at the center, set-up from the enrollment file.

``enroll`` (at the center) writes an enrollment bundle for one mediator: the
center's card, its settings and roster, and the cases assigned to that
mediator. The bundle is signed by the center and encrypted (age, scrypt) to a
one-time passphrase printed for the mediator to type; age allows a passphrase
recipient only alone, so the center checks its own export with that passphrase.

``init_from_enrollment`` (on the laptop) decrypts it with the passphrase,
verifies it like any bundle against the center card it carries (the
fingerprint is shown to the person), and only then creates the field desk in
one transaction: its own identity, fresh keys, trust in the center, settings and
records. A rejected enrollment creates no database file.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.access import Account, Role
from ..domain.enums import CenterKind
from ..domain.errors import DomainError, ValidationError
from ..domain.models import Center, Mediator
from ..exchange import bundle
from ..exchange.attachment_check import check_bundle_attachments
from ..exchange.cards import CODE_RE, DeskCard, parse_card
from ..exchange.errors import BundleRejected
from ..exchange.keys import DeskKeys
from ..exchange.records import check_references
from ..exchange.strictjson import canonical_bytes, loads
from ..security import keyfile as kf
from ..storage.store import Store
from .exchange import (
    FIELD_DESKS,
    _collect,
    desk_keys,
    ensure_desk_keys,
    own_card,
    record_export,
    write_file_atomically,
)
from .exchange_import import apply_plan, plan_merge
from .files import read_input_file

ENROLLMENT_FORMAT = "mediation-desk-enrollment"
PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
SETTING_KEYS = ("due_soon_days", "deadline_days", "avg_wage", "avg_wage_year",
                "avg_wage_province", "language", "deadline_units")
FIELD_OF = "field_of"
FIELD_MEDIATOR = "field_mediator_id"


@dataclass(frozen=True)
class EnrollReport:
    """What ``enroll`` wrote, and the passphrase to hand to the mediator."""

    path: Path
    field_code: str
    passphrase: str
    fingerprint: str
    counts: dict[str, int]
    mediator_name: str = ""
    field_name: str = ""
    center_name: str = ""
    center_code: str = ""
    created: date | None = None


def new_passphrase(groups: int = 5) -> str:
    """A random passphrase such as ``7KQ2-M9XD-...`` (5 bits per character, 100 bits)."""
    return "-".join("".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(4))
                    for _ in range(groups))


def _field_code(store: Store, center_code: str) -> str:
    taken = set(store.directory.setting(FIELD_DESKS, {}) or {})
    n = len(taken) + 1
    while f"{center_code[:24]}-F{n}" in taken:
        n += 1
    return f"{center_code[:24]}-F{n}"


def enroll(store: Store, actor: str, mediator_key: str, out: str | Path, *,
           field_code: str | None = None) -> EnrollReport:
    """Write an enrollment bundle for the mediator (id or name) at ``out``.

    Records the new field desk (code -> mediator) and what it holds, audited.
    """
    card = own_card(store)
    if card.kind != "center":
        raise DomainError("只有调解中心可以登记外出调解笔记本。", code="wrong_kind")
    mediator = _find_mediator(store, mediator_key)
    code = field_code or _field_code(store, card.code)
    if not CODE_RE.match(code) or code == card.code or store.exchange.trusted(code):
        raise DomainError(f"外出笔记本代码无效或已被使用：{code}", code="bad_code")
    keys = ensure_desk_keys(store)
    desks = {**(store.directory.setting(FIELD_DESKS, {}) or {}), code: mediator.id}
    peer = {"code": code, "center_id": card.center_id}
    field_name = f"{card.name}（{mediator.name}外出）"
    with store.operation(actor, "enroll_field_desk",
                         summary=f"登记外出调解笔记本{code}（调解员{mediator.name}）") as work:
        work.set_setting(FIELD_DESKS, desks)
        wires, _stats = _collect(store, "enrollment", peer, None, True)
        settings = {k: v for k, v in store.directory.settings().items() if k in SETTING_KEYS}
        info = canonical_bytes({
            "format": ENROLLMENT_FORMAT, "format_version": 1,
            "center_card": loads(card.to_bytes().rstrip(b"\n")),
            "field": {"code": code, "name": field_name,
                      "mediator_id": mediator.id},
            "settings": settings})
        blobs = {h: b for h in sorted({w["sha256"] for w in wires["attachments"]})
                 if (b := xs_blob(store, h)) is not None}
        sequence = store.exchange.last_sequence(code, "out") + 1
        passphrase = new_passphrase()
        created = store.now().isoformat(timespec="seconds")
        data, manifest = bundle.build(
            keys=keys, sender=card.code, recipient=code, recipient_public=None,
            kind="enrollment", sequence=sequence, acknowledged=0, created_at=created,
            records=wires, attachments=blobs, full=True, enrollment=info, passphrase=passphrase)
        path = Path(out)
        write_file_atomically(path, data)
        try:
            own = bundle.Trusted(card.code, keys.public)
            check = bundle.open_enrollment(path.read_bytes(), passphrase, lambda _m: own)
            if check.manifest["bundle_id"] != manifest["bundle_id"]:
                raise DomainError("登记文件校验失败，请重试。", code="export_verify_failed")
            record_export(store, work, peer=code, kind="enrollment", manifest=manifest,
                          wires=wires, sequence=sequence, acknowledged=0, full=True,
                          created=created, file_sha256=check.sha256)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return EnrollReport(path, code, passphrase, keys.public.fingerprint, manifest["counts"],
                        mediator_name=mediator.name, field_name=field_name,
                        center_name=card.name, center_code=card.code, created=store.today())


def enrollment_slip(report: EnrollReport, *, director_name: str = "") -> bytes:
    """The printable 外出调解笔记本登记单 (PDF) for what :func:`enroll` wrote: who, which
    laptop, the date, the one-time passphrase, the center's fingerprint, what to do."""
    from ..documents.enrollment_slip import SlipFacts, render_enrollment_slip

    return render_enrollment_slip(SlipFacts(
        center_name=report.center_name, center_code=report.center_code,
        mediator_name=report.mediator_name, field_code=report.field_code,
        field_name=report.field_name, passphrase=report.passphrase,
        fingerprint=report.fingerprint, file_name=report.path.name,
        created=report.created or date.today(), director_name=director_name,
        cases=report.counts.get("cases", 0)))


def enrollable_mediators(store: Store) -> list[Mediator]:
    """The active mediators a director may enroll a field laptop for, by name."""
    return sorted((m for m in store.directory.mediators(include_inactive=False)),
                  key=lambda m: (m.name, m.id))


def xs_blob(store: Store, digest: str) -> bytes | None:
    """Stored attachment content by hash."""
    return store.items.blob(digest)


def _find_mediator(store: Store, key: str) -> Mediator:
    found = [m for m in store.directory.mediators() if key in (m.id, m.name)]
    if len(found) != 1:
        what = "找不到" if not found else "有多个同名"
        raise DomainError(f"{what}调解员：{key}（可用调解员编号）", code="not_found")
    return found[0]


# -- on the field laptop ----------------------------------------------------------
@dataclass(frozen=True)
class EnrollmentInfo:
    """What ``enrollment.json`` says, checked."""

    center: DeskCard
    field_code: str
    field_name: str
    mediator_id: str
    settings: dict[str, Any]


def parse_enrollment(raw: bytes) -> EnrollmentInfo:
    """Parse ``enrollment.json`` strictly; raise BundleRejected ``enrollment_invalid``."""
    obj = loads(raw, "登记信息：")
    bad = BundleRejected("enrollment_invalid")
    if not isinstance(obj, dict) or set(obj) != {"format", "format_version", "center_card",
                                                 "field", "settings"}:
        raise bad
    if obj["format"] != ENROLLMENT_FORMAT or obj["format_version"] != 1:
        raise bad
    card = parse_card(canonical_bytes(obj["center_card"]) + b"\n")
    field, settings = obj["field"], obj["settings"]
    if card.kind != "center" or not isinstance(field, dict) or set(field) != {
            "code", "name", "mediator_id"} or not all(isinstance(v, str) for v in field.values()):
        raise bad
    if not CODE_RE.match(field["code"]) or not field["name"].strip() or field["code"] == card.code:
        raise bad
    if not isinstance(settings, dict) or not set(settings) <= set(SETTING_KEYS):
        raise bad
    return EnrollmentInfo(card, field["code"], field["name"].strip()[:100], field["mediator_id"],
                          settings)


def read_enrollment(bundle_file: str | Path, passphrase: str
                    ) -> tuple[bundle.Opened, EnrollmentInfo]:
    """Decrypt and verify an enrollment file (nothing is written)."""
    holder: list[EnrollmentInfo] = []

    def sender(members: dict[str, bytes]) -> bundle.Trusted:
        raw = members.get(bundle.ENROLLMENT)
        if raw is None:
            raise BundleRejected("manifest_missing", "缺少登记信息")
        holder.append(parse_enrollment(raw))
        return bundle.Trusted(holder[0].center.code, holder[0].center.public)

    opened = bundle.open_enrollment(
        read_input_file(bundle_file, limit=bundle.MAX_FILE_BYTES, what="登记文件"), passphrase,
        sender)
    info = holder[0]
    if opened.manifest["recipient"]["code"] != info.field_code:
        raise BundleRejected("enrollment_invalid", "接收方代码不一致")
    ids = {r["id"] for r in opened.records["mediators"]}
    if info.mediator_id not in ids or info.center.center_id not in {
            r["id"] for r in opened.records["centers"]}:
        raise BundleRejected("record_dangling", "登记的调解员或中心不在文件中")
    check_references(opened.records, lambda _e, _ids: set(), set(opened.attachments),
                     lambda _h: set())
    check_bundle_attachments(opened.records, opened.attachments)  # a new desk stores none yet
    return opened, info


def init_from_enrollment(path: str | Path, bundle_file: str | Path, passphrase: str, *,
                         actor: str = "外出笔记本登记", account: Account | None = None,
                         enrollment: tuple[bundle.Opened, EnrollmentInfo] | None = None,
                         **store_kwargs: Any) -> Store:
    """Create a field desk database at ``path`` from an enrollment file.

    Everything is verified before the database file is created; the set-up is
    one transaction; on any failure no database file is left behind. ``account``
    (the enrolled mediator's, :func:`create_field_desk`) is created in the same
    operation, which the audit names as its actor. ``enrollment``: what
    :func:`read_enrollment` already returned for this file and passphrase.
    """
    db_path = Path(path)
    if db_path.exists():
        raise DomainError(f"数据库文件已存在：{db_path}。外出笔记本只能登记到新的数据库。",
                          code="already_initialised")
    opened, info = enrollment or read_enrollment(bundle_file, passphrase)
    store = Store.open(db_path, create=True, **store_kwargs)
    try:
        me = Center(code=info.field_code, name=info.field_name, kind=CenterKind.CENTER,
                    origin=info.field_code)
        keys = DeskKeys.generate()
        with store.operation(account.name if account else actor, "init_field_desk",
                             summary=f"由{info.center.name}的登记文件初始化外出笔记本"
                                     f"{info.field_code}，中心指纹 {info.center.fingerprint}"
                             ) as work:
            work.origin = info.field_code
            work.save_center(me, is_self=True)
            for key, value in sorted(info.settings.items()):
                work.set_setting(key, value)
            work.set_setting("desk_kind", "field")
            work.set_setting(FIELD_OF, info.center.code)
            work.set_setting(FIELD_MEDIATOR, info.mediator_id)
            store.exchange.save_keys(keys.signing_private, keys.encryption_private, work.now)
            c = info.center
            store.exchange.save_trusted({
                "code": c.code, "name": c.name, "kind": c.kind, "center_id": c.center_id,
                "signing_public": c.public.signing, "encryption_public": c.public.encryption,
                "fingerprint": c.fingerprint, "revoked": 0, "trusted_at": work.now,
                "revoked_at": None})
            work.note("trusted_desk", c.code, {"fingerprint": [None, c.fingerprint]})
            apply_plan(store, work, opened, plan_merge(store, opened, work.now))
            if account is not None:
                work.save_account(account)
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise
    desk_keys(store)
    return store


def enrolled_mediator_name(opened: bundle.Opened, info: EnrollmentInfo) -> str:
    """The roster name of the mediator an enrollment file is for."""
    return next(str(r.get("name") or "") for r in opened.records["mediators"]
                if r["id"] == info.mediator_id)


def create_field_desk(path: str | Path, bundle_file: str | Path, passphrase: str, *,
                      password: str, name: str = "",
                      enrollment: tuple[bundle.Opened, EnrollmentInfo] | None = None,
                      **store_kwargs: Any) -> tuple[Store, str]:
    """An encrypted field laptop with the enrolled mediator's account: (store, recovery key).

    The account (role mediator, linked to the roster entry the enrollment names) is called
    ``name``, by default the mediator's roster name. As with ``auth.create_desk`` the key
    file is written first and the database is encrypted from its first page; the recovery
    key is returned once and kept nowhere. Nothing is written when the file, the
    passphrase, the name or the password is refused.
    """
    from .access import login_store
    from .auth import name_problems, password_problems

    db_path = Path(path)
    keys = kf.keyfile_path(db_path)
    if db_path.exists() or keys.exists():
        raise DomainError(f"文件已存在：{db_path if db_path.exists() else keys}。"
                          "外出笔记本只能登记到新的数据库。", code="already_initialised")
    opened, info = enrollment or read_enrollment(bundle_file, passphrase)
    clean = (name or enrolled_mediator_name(opened, info)).strip()
    problems: dict[str, list[str]] = {}
    if msgs := name_problems(clean):
        problems["name"] = msgs
    if msgs := password_problems(password, clean):
        problems["password"] = msgs
    if problems:
        raise ValidationError(problems)
    secret = kf.new_recovery_secret()
    key = kf.data_key_from_recovery(secret)
    account = Account(id=str(uuid.uuid4()), name=clean, role=Role.MEDIATOR,
                      mediator_id=info.mediator_id)
    keyfile = kf.KeyFile.new(key)
    keyfile.put(kf.new_slot(keyfile.file_id, account.id, account.name, password, key))
    kf.write_keyfile(db_path, keyfile)
    try:
        store = init_from_enrollment(db_path, bundle_file, passphrase, account=account,
                                     enrollment=(opened, info), key=key, **store_kwargs)
    except BaseException:
        keys.unlink(missing_ok=True)
        raise
    login_store(store, account)
    return store, kf.format_recovery_key(secret)
