"""Desks, cases and crafted bundles for the exchange tests."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import warnings
import zipfile
from pathlib import Path
from typing import Any

from mediation_desk.domain.enums import CenterKind
from mediation_desk.domain.models import Case
from mediation_desk.exchange import bundle, envelope
from mediation_desk.exchange.keys import DeskKeys
from mediation_desk.exchange.records import ENTITIES
from mediation_desk.exchange.strictjson import canonical_bytes
from mediation_desk.services import exchange
from mediation_desk.services.desk import init_desk
from mediation_desk.storage.store import Store

ACTOR = "测试员"
_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(seed: int) -> str:
    """A valid 18-digit resident ID number (GB 11643 check digit)."""
    body = f"370303198{seed % 10}0{1 + seed % 9}1{seed % 10}{seed % 1000:03d}"[:17]
    s = sum(int(c) * w for c, w in zip(body, _W, strict=True))
    return body + "10X98765432"[s % 11]


def make_desk(tmp: Path, code: str, kind: str = "center") -> Store:
    """A fresh desk database with its keys."""
    store = init_desk(tmp / f"{code}.db", code=code, name=f"{code}单位",
                      kind=CenterKind.COURT if kind == "court" else CenterKind.CENTER,
                      number_prefix="测", actor=ACTOR)
    exchange.ensure_desk_keys(store)
    return store


def trust_both(tmp: Path, a: Store, b: Store) -> None:
    """Exchange cards between two desks through files."""
    for x, y in ((a, b), (b, a)):
        card = tmp / f"{x.origin_code()}.card"
        exchange.export_card(x, card)
        exchange.trust_card(y, ACTOR, exchange.read_card(card))


def referral_input(n: int = 0) -> dict[str, Any]:
    """The referral the tests send, as ``referral add --json`` takes it."""
    return {
        "court_case_number": f"（2026）鲁0303民诉前调{100 + n}号",
        "dispute_type": "contract", "title": f"买卖合同纠纷{n}", "amount": "1234.50",
        "facts": "货款未付", "claims": "支付货款", "received_on": "2026-03-02",
        "due_on": "2026-04-01",
        "parties": [
            {"role": "applicant", "name": f"张三{n}", "id_number": id_number(n),
             "phone": "13800000000", "address": "淄博市张店区"},
            {"role": "respondent", "name": f"李四{n}", "id_number": id_number(n + 500)},
        ]}


def referral(court: Store, center: Store, n: int = 0) -> Case:
    """The court registers a referral (委派调解) for ``center`` through the real service."""
    from mediation_desk.services.referrals import ReferralService

    svc = ReferralService(court)
    data = referral_input(n)
    taken = {r.court_case_number for r in svc.referrals()}
    serial = 100 + n
    while data["court_case_number"] in taken:  # a court number names one case only
        serial += 1000
        data["court_case_number"] = f"（2026）鲁0303民诉前调{serial}号"
    return svc.refer(ACTOR, center.origin_code(), data).case


def db_digest(store: Store) -> str:
    """A hash of every row of every table (order-independent)."""
    h = hashlib.sha256()
    names = [r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for name in names:
        rows = sorted(repr(r) for r in store.db.execute(f'SELECT * FROM "{name}"'))
        h.update(name.encode())
        for r in rows:
            h.update(r.encode())
    return h.hexdigest()


def state(store: Store, exclude_local: bool = True) -> dict[str, Any]:
    """Record content of the exchangeable tables, for comparing desks."""
    out = {}
    for entity in ENTITIES:
        rows = store.db.execute(f"SELECT * FROM {entity} ORDER BY id")
        cols = [d[0] for d in rows.description]
        out[entity] = [{k: v for k, v in zip(cols, r, strict=True)
                        if k not in ("seq", "is_self")} for r in rows]
    return out


# -- crafting bundles by hand ---------------------------------------------------
def keys_of(store: Store) -> DeskKeys:
    return exchange.desk_keys(store)


def members_for(records: dict[str, list[dict]], attachments: dict[str, bytes] | None = None
                ) -> dict[str, bytes]:
    members = {bundle.record_member(e): b"".join(canonical_bytes(r) + b"\n"
                                                 for r in records.get(e, []))
               for e in ENTITIES}
    for digest, content in (attachments or {}).items():
        members[f"attachments/{digest}"] = content
    return members


def manifest_for(sender: Store, recipient: Store, members: dict[str, bytes],
                 records: dict[str, list[dict]], /, **patch: Any) -> dict[str, Any]:
    m = {
        "format": bundle.BUNDLE_FORMAT, "format_version": bundle.FORMAT_VERSION,
        "schema_version": bundle.SCHEMA_VERSION, "bundle_id": str(uuid.uuid4()),
        "kind": "court_to_center" if sender.origin_code().startswith("court") else
        "center_to_court",
        "sender": {"code": sender.origin_code(), "fingerprint": keys_of(sender).public.fingerprint},
        "recipient": {"code": recipient.origin_code(),
                      "fingerprint": keys_of(recipient).public.fingerprint},
        "sequence": 1, "acknowledged": 0, "full": False, "created_at": "2026-03-02T09:00:00+08:00",
        "counts": {e: len(records.get(e, [])) for e in ENTITIES}, "statistics": {},
        "members": [{"name": n, "sha256": hashlib.sha256(c).hexdigest(), "size": len(c)}
                    for n, c in sorted(members.items())],
        "audit_head": {"seq": 0, "hash": ""}, "anchors": [],
    }
    m.update(patch)
    return m


def zip_members(items: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    """A ZIP with exactly these entries (duplicates allowed)."""
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, content in items:
                zf.writestr(name, content)
    return buf.getvalue()


def seal(zip_bytes: bytes, recipient: Store) -> bytes:
    """Encrypt a ZIP to a recipient desk (an age file to its X25519 recipient)."""
    return envelope.encrypt(zip_bytes, [keys_of(recipient).public.age_recipient])


def sign(keys: DeskKeys, manifest_bytes: bytes) -> bytes:
    """``manifest.sig`` as the project writes it (context prefix + manifest bytes)."""
    return bundle.sign_manifest(keys, manifest_bytes)


def signed_zip_items(frm: Store, to: Store, records: dict[str, list[dict]], /,
                     *, signer: DeskKeys | None = None, extra: dict[str, bytes] | None = None,
                     attachments: dict[str, bytes] | None = None,
                     manifest_bytes: bytes | None = None, **patch: Any
                     ) -> list[tuple[str, bytes]]:
    members = members_for(records, attachments)
    manifest = manifest_for(frm, to, members, records, **patch)
    raw = manifest_bytes if manifest_bytes is not None else canonical_bytes(manifest)
    sig = sign(signer or keys_of(frm), raw)
    items = sorted({**members, **(extra or {})}.items())
    return [("manifest.json", raw), ("manifest.sig", sig), *items]


def wire_records(store: Store, case_id: str) -> dict[str, list[dict]]:
    """The wire records of one case, as an export would carry them."""
    from mediation_desk.exchange.records import fields_of
    from mediation_desk.storage import exchange as xs
    db = store.db
    raw = {"cases": xs.fetch(db, "cases", [case_id])}
    for e in ("parties", "events", "agreements", "attachments"):
        raw[e] = xs.select(db, e, "case_id = ?", [case_id])
    return {e: xs.to_wire_rows(db, e, cls, raw.get(e, []), fields_of(e))
            for e, (cls, _x) in ENTITIES.items()}


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def send(tmp: Path, frm: Store, to_code: str, to: Store, name: str) -> Any:
    """Export a bundle from ``frm`` to ``to_code`` through a file and import it at ``to``."""
    path = tmp / f"{name}.mdx"
    exchange.export_bundle(frm, ACTOR, to_code, path)
    return exchange.import_bundle(to, ACTOR, path)


def traced_peak(fn: Any) -> tuple[Any, int]:
    """``fn()``'s result and the peak of Python memory allocated while it ran (tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
