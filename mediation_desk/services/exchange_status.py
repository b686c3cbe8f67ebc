"""What the exchange and court screens show: this desk's kind, the trusted desks with
their last bundles, and the names of known centers (中心/调解组织)."""

from __future__ import annotations

from dataclasses import dataclass

from ..storage.store import Store


@dataclass(frozen=True)
class TrustedDesk:
    """A desk in the trust list (信任名单) with its last exchange in each direction."""

    code: str
    name: str
    kind: str  # center / court / field
    fingerprint: str
    revoked: bool
    trusted_at: str
    revoked_at: str | None
    last_sent: tuple[int, str] | None  # (sequence, recorded at)
    last_received: tuple[int, str] | None
    missing: tuple[int, ...] = ()  # sequences from this desk never imported (a gap)


def desk_kind(store: Store) -> str:
    """``center``, ``court`` or ``field``: what this desk is (``""`` before init)."""
    me = store.directory.self_center()
    if me is None:
        return ""
    return str(store.directory.setting("desk_kind", me.kind.value))


def trusted_desks(store: Store) -> list[TrustedDesk]:
    """Every trusted (or revoked) desk, by code, with the files missing from it."""
    last = store.exchange.last_bundles()
    return [TrustedDesk(r["code"], r["name"], r["kind"], r["fingerprint"], bool(r["revoked"]),
                        r["trusted_at"], r["revoked_at"], last.get((r["code"], "out")),
                        last.get((r["code"], "in")), missing_from(store, r["code"]))
            for r in store.exchange.trusted()]


def missing_from(store: Store, code: str) -> tuple[int, ...]:
    """Sequences of files from ``code`` that were skipped: later ones were imported first.

    Their content travelled in the later files (each carries what was not acknowledged), so
    nothing is lost; a gap still means a file went astray and is worth asking about.
    """
    seen = store.exchange.ledger_sequences(code, "in")
    if not seen:
        return ()
    have = set(seen)
    return tuple(n for n in range(1, max(seen)) if n not in have)


def missing_text(code: str, missing: tuple[int, ...]) -> str:
    """「缺少来自ZD-MS的第7号交换文件」 (numbers listed, runs shortened)."""
    runs: list[str] = []
    start = prev = None
    for n in missing:
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            runs.append(f"{start}" if start == prev else f"{start}至{prev}")
            start = prev = n
    if start is not None:
        runs.append(f"{start}" if start == prev else f"{start}至{prev}")
    return f"缺少来自{code}的第{'、'.join(runs)}号交换文件" if runs else ""


@dataclass(frozen=True)
class RevokedKey:
    """A key this desk stopped trusting (never trusted again)."""

    code: str
    fingerprint: str
    revoked_at: str
    reason: str


def revoked_keys(store: Store) -> list[RevokedKey]:
    """Every revoked key, newest first."""
    return [RevokedKey(r["code"], r["fingerprint"], r["revoked_at"], r["reason"])
            for r in store.exchange.revoked_keys()]


def center_names(store: Store) -> dict[str, str]:
    """Center id -> name, for every live center this desk knows (itself included)."""
    return {c.id: c.name for c in store.directory.centers()}


@dataclass(frozen=True)
class OpenConflict:
    """A field both desks changed (冲突), waiting for a person to pick a value."""

    seq: int
    entity: str
    record_id: str
    field: str
    local_value: object
    incoming_value: object
    case_number: str  # the case the record belongs to, for the person choosing
    created_at: str


def open_conflicts(store: Store) -> list[OpenConflict]:
    """Open conflicts with the number of the case each belongs to."""
    out = []
    for c in store.exchange.open_conflicts():
        case_id = store.exchange.case_id_of(c["entity"], c["record_id"])
        case = store.cases.get(case_id, include_deleted=True) if case_id else None
        out.append(OpenConflict(c["seq"], c["entity"], c["record_id"], c["field"],
                                c["local_value"], c["incoming_value"],
                                (case.number or case.title) if case else "", c["created_at"]))
    return out
