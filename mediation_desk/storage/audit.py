"""The audit trail: append-only, each row hash-chained to the one before.

``hash = SHA-256(prev_hash + canonical JSON of the row)``. Triggers forbid
UPDATE and DELETE; :func:`verify_chain` finds the first row whose content or
link was changed behind the triggers' back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from ..domain.masking import mask_id_number, mask_phone, mask_text

GENESIS = "0" * 64

# Fields whose values are personal identifiers: masked in audit rows.
_ID_FIELDS = {"id_number", "agent_id_number"}
_PHONE_FIELDS = {"phone", "agent_phone"}


def canonical(data: Any) -> str:
    """Deterministic JSON used for hashing (sorted keys, no spaces, UTF-8)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _row_payload(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("seq", "at", "actor", "action", "case_id", "summary", "changes")}


_PIECE = 1 << 20  # characters of a large ``changes`` text escaped and hashed at a time


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """The chain hash of ``row`` given the previous row's hash.

    A large ``changes`` text (an import's seals: tens of MB) is escaped and hashed a piece
    at a time, to the same digest, instead of being copied whole three more times.
    """
    payload = _row_payload(row)
    changes = payload["changes"]
    if not isinstance(changes, str) or len(changes) <= _PIECE:
        return hashlib.sha256((prev_hash + canonical(payload)).encode("utf-8")).hexdigest()
    # every quote inside a JSON string is escaped, so this is the top-level key's place
    head, found, tail = canonical({**payload, "changes": ""}).partition('"changes":""')
    assert found
    h = hashlib.sha256((prev_hash + head + '"changes":"').encode("utf-8"))
    for i in range(0, len(changes), _PIECE):  # JSON escapes each character on its own
        h.update(json.dumps(changes[i:i + _PIECE], ensure_ascii=False)[1:-1].encode("utf-8"))
    h.update(('"' + tail).encode("utf-8"))
    return h.hexdigest()


def mask_value(field: str, value: Any) -> Any:
    """Mask a personal identifier for the audit trail."""
    if not isinstance(value, str) or not value:
        return value
    if field in _ID_FIELDS:
        return mask_id_number(value)
    if field in _PHONE_FIELDS:
        return mask_phone(value)
    if field in {"notes", "facts", "claims", "participants", "relations"}:
        return mask_text(value)
    return value


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field-level ``{field: [before, after]}`` with identifiers masked."""
    skip = {"version", "updated_at", "seq"}
    out: dict[str, list[Any]] = {}
    for key, new in after.items():
        if key in skip:
            continue
        old = None if before is None else before.get(key)
        if before is not None and old == new:
            continue
        if before is None and new in (None, "", [], {}, 0, False):
            continue
        out[key] = [mask_value(key, old), mask_value(key, new)]
    return out


def append(db: sqlite_utils.Database, *, at: str, actor: str, action: str,
           case_id: str | None, summary: str, changes: list[dict[str, Any]]) -> int:
    """Append one audit row (inside the caller's transaction); return its seq."""
    last = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    seq = (last[0] + 1) if last else 1
    row = {"seq": seq, "at": at, "actor": actor, "action": action, "case_id": case_id,
           "summary": mask_text(summary), "changes": canonical(changes)}
    row["prev_hash"] = prev_hash
    row["hash"] = row_hash(prev_hash, row)
    db.execute(
        "INSERT INTO audit (seq, at, actor, action, case_id, summary, changes, prev_hash, hash)"
        " VALUES (:seq, :at, :actor, :action, :case_id, :summary, :changes, :prev_hash, :hash)",
        row,
    )
    return seq


@dataclass(frozen=True)
class ChainCheck:
    """Result of :func:`verify_chain`."""

    ok: bool
    rows_checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def verify_chain(db: sqlite_utils.Database) -> ChainCheck:
    """Walk the chain; report the first row whose link or content does not match."""
    prev = GENESIS
    count = 0
    cur = db.execute(
        "SELECT seq, at, actor, action, case_id, summary, changes, prev_hash, hash"
        " FROM audit ORDER BY seq"
    )
    cols = [d[0] for d in cur.description]
    for values in cur:
        row = dict(zip(cols, values, strict=True))
        count += 1
        if row["prev_hash"] != prev:
            return ChainCheck(False, count, row["seq"],
                              "与上一条记录的链接不一致（记录被删除、插入或改动）")
        if row_hash(prev, row) != row["hash"]:
            return ChainCheck(False, count, row["seq"], "记录内容与其哈希不符（记录被改动）")
        prev = row["hash"]
    return ChainCheck(True, count)


def first_actor(db: sqlite_utils.Database, case_id: str) -> str:
    """The actor of a case's first audit row here ('' when it has none)."""
    row = db.execute("SELECT actor FROM audit WHERE case_id = ? ORDER BY seq LIMIT 1",
                     [case_id]).fetchone()
    return "" if row is None else str(row[0])


def case_history(db: sqlite_utils.Database, case_id: str) -> list[dict[str, Any]]:
    """Audit rows of one case, oldest first."""
    cur = db.execute(
        "SELECT seq, at, actor, action, summary, changes FROM audit WHERE case_id = ? ORDER BY seq",
        [case_id],
    )
    cols = [d[0] for d in cur.description]
    out = []
    for values in cur:
        row = dict(zip(cols, values, strict=True))
        row["changes"] = json.loads(row["changes"])
        out.append(row)
    return out


def head(db: sqlite_utils.Database) -> tuple[int, str]:
    """The chain's newest row as (seq, hash); (0, '') for an empty chain."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def anchor_problems(db: sqlite_utils.Database) -> list[str]:
    """Anchors a peer confirmed that this desk's chain no longer passes through.

    A peer that received a bundle from this desk echoes the audit head it carried; the
    chain must still hold a row with that sequence and hash. A missing row means history was
    truncated, a different hash that it was rewritten, after the peer saw it.
    """
    out = []
    for peer, seq, digest in db.execute(
            "SELECT peer, seq, hash FROM audit_anchors WHERE direction = 'confirmed'"
            " ORDER BY peer, seq"):
        row = db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
        if row is None:
            out.append(f"审计记录第{seq}条已不存在，但{peer}确认收到过含这一条的审计链："
                       "审计记录在交换之后被截短")
        elif row[0] != digest:
            out.append(f"审计记录第{seq}条与{peer}确认收到的不一致：审计记录在交换之后被改写")
    return out
