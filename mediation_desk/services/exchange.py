"""Exchange use cases: desk keys, cards and trust, and exporting bundles.

Importing lives in :mod:`exchange_import` and is re-exported here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from ..domain.errors import DomainError
from ..domain.models import Center
from ..exchange import bundle
from ..exchange.cards import MAX_CARD_BYTES, DeskCard, parse_card
from ..exchange.errors import BundleRejected
from ..exchange.keys import DeskKeys, PublicKeys
from ..exchange.records import ENTITIES, fields_of
from ..storage.connection import refuse_database_file
from ..storage.court_queries import COURT_SOURCES
from ..storage.store import Store
from .access import require

# re-exported (the `name as name` form marks an explicit re-export for mypy)
from .exchange_import import ImportReport as ImportReport
from .exchange_import import import_bundle as import_bundle
from .exchange_import import open_conflicts as open_conflicts
from .exchange_import import resolve_conflict as resolve_conflict
from .exchange_import import trusted_lookup as trusted_lookup
from .files import read_input_file


def ensure_desk_keys(store: Store, actor: str = "系统初始化") -> DeskKeys:
    """This desk's keys, generated and stored (audited) the first time."""
    found = store.exchange.load_keys()
    if found is not None:
        return DeskKeys(*found)
    keys = DeskKeys.generate()
    with store.operation(actor, "generate_desk_keys",
                         summary=f"生成本单位密钥，指纹 {keys.public.fingerprint}") as work:
        store.exchange.save_keys(keys.signing_private, keys.encryption_private, work.now)
    return keys


def desk_keys(store: Store) -> DeskKeys:
    """This desk's keys; raise if the desk has none yet."""
    found = store.exchange.load_keys()
    if found is None:
        raise DomainError("本单位还没有密钥，请先运行 init 或 keys 命令。", code="no_keys")
    return DeskKeys(*found)


def _self_center(store: Store) -> Center:
    center = store.directory.self_center()
    if center is None:
        raise DomainError("数据库尚未初始化（没有本中心信息），请先运行 init。",
                          code="not_initialised")
    return center


def own_card(store: Store) -> DeskCard:
    """This desk's public card."""
    center = _self_center(store)
    kind = str(store.directory.setting("desk_kind", center.kind.value))
    return DeskCard(center.code, center.name, kind, center.id, ensure_desk_keys(store).public)


def write_file_atomically(path: Path, content: bytes | Callable[[BinaryIO], None]) -> None:
    """Write to a temporary file beside ``path``, flush, fsync, then rename over it.

    ``content`` is the bytes, or a function that writes them to the open file (a
    streamed export); whatever it raises leaves no file behind.
    """
    path = Path(path)
    refuse_database_file(path)  # never replace the open database with an export
    if path.is_dir():
        raise DomainError(f"这是一个文件夹：{path}。请给要保存的文件起一个文件名，"
                          f"例如 {path / ('交换文件' + (path.suffix or '.mdx'))}。",
                          code="out_is_folder")
    if not path.parent.is_dir():
        raise DomainError(f"文件夹不存在：{path.parent}。请选择已有的文件夹。",
                          code="out_no_folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DomainError(f"无法在文件夹 {path.parent} 中写入文件（{exc.strerror}）。"
                          "请检查权限，或换一个文件夹。", code="out_unwritable") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, bytes):
                fh.write(content)
            else:
                content(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DomainError(f"无法写入文件：{path}（{exc.strerror}）。刚才的文件没有保存。",
                          code="out_unwritable") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def export_card(store: Store, path: str | Path) -> str:
    """Write this desk's card to ``path``; return the fingerprint to read aloud."""
    card = own_card(store)
    write_file_atomically(Path(path), card.to_bytes())
    return card.fingerprint


def read_card(path: str | Path) -> DeskCard:
    """Read a card file (raises BundleRejected when it is not a valid card)."""
    data = read_input_file(path, limit=MAX_CARD_BYTES, what="单位名片文件")
    return parse_card(data)


def trust_card(store: Store, actor: str, card: DeskCard) -> None:
    """Trust another desk's keys (audited); the desk becomes a known center.

    Key continuity: a card whose code or center is already trusted with other keys is
    refused (a key change is :func:`change_peer_key`, with the fingerprint compared by phone
    and a reason); a revoked key is never trusted again; trusting the same card twice changes
    nothing.
    """
    require(store, "trust_desk")
    if card.code == store.origin_code():
        raise DomainError("不能信任本单位自己的名片。", code="own_card")
    summary = f"信任{card.name}（{card.code}），指纹 {card.fingerprint}"
    with store.operation(actor, "trust_desk", summary=summary) as work:
        refuse_revoked_key(store, card)
        existing = store.exchange.trusted(card.code)
        if existing:
            row = existing[0]
            if row["revoked"]:
                raise DomainError(
                    f"对{row['name']}（{card.code}）的信任已撤销。撤销不能取消；对方如已更换密钥，"
                    "请用「更换对方密钥」并电话核对新指纹。", code="revoked")
            if row["fingerprint"] != card.fingerprint:
                raise DomainError(
                    f"本机已信任{row['name']}（{card.code}），指纹 {row['fingerprint']}；这张名片的"
                    f"指纹是 {card.fingerprint}，密钥不同，没有信任。如果对方确实更换了密钥，请用"
                    "「更换对方密钥」，电话核对新指纹并写明原因；否则这张名片可能是伪造的。",
                    code="key_changed")
            if row["center_id"] != card.center_id:
                raise DomainError(f"这张名片的单位编号与本机已信任的{card.code}不同，没有信任。",
                                  code="key_changed")
            work.summary = f"{card.name}（{card.code}）已受信任，名片相同，未作更改"
            return
        for row in store.exchange.trusted():
            if row["center_id"] == card.center_id or \
                    bytes(row["signing_public"]) == card.public.signing:
                raise DomainError(
                    f"这张名片（{card.code}）与本机已信任的{row['name']}（{row['code']}）是同一个单位或"
                    "同一把密钥，没有信任。单位代码不能更改；请与对方核实。", code="key_changed")
        refuse_code_held_by_another(store, card.code, card.center_id)
        store.exchange.save_trusted({
            "code": card.code, "name": card.name, "kind": card.kind,
            "center_id": card.center_id, "signing_public": card.public.signing,
            "encryption_public": card.public.encryption, "fingerprint": card.fingerprint,
            "revoked": 0, "trusted_at": work.now, "revoked_at": None})
        if not store.exchange.existing_ids("centers", {card.center_id}):
            kind = "court" if card.kind == "court" else "center"
            stub = {"id": card.center_id, "origin": card.code, "version": 0,
                    "updated_at": work.now, "deleted": False, "code": card.code,
                    "name": card.name, "kind": kind, "number_prefix": "", "linked_court": "",
                    "court_code": ""}
            store.exchange.write_rows("centers", [stub])
        work.note("trusted_desk", card.code, {"fingerprint": [None, card.fingerprint]})


def refuse_revoked_key(store: Store, card: DeskCard) -> None:
    """A revoked key is never trusted again, under any code."""
    found = store.exchange.key_revoked(card.public.signing, card.public.encryption)
    if found is not None:
        raise DomainError(f"这张名片的密钥（指纹 {found}）已被撤销，不能再信任。请对方生成新密钥。",
                          code="key_revoked")


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces or none) in the card's groups of four."""
    hexes = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return " ".join(hexes[i:i + 4] for i in range(0, len(hexes), 4))


def change_peer_key(store: Store, actor: str, card: DeskCard, *, confirmed_fingerprint: str,
                    reason: str) -> None:
    """Accept a trusted desk's new key (audited): the old key is revoked for ever.

    ``confirmed_fingerprint`` is the fingerprint the other desk read out by phone; it must
    equal the new card's. The code and center must be those already trusted.
    """
    require(store, "change_peer_key")
    reason = reason.strip()
    if not reason:
        raise DomainError("请写明更换密钥的原因（如：对方电脑丢失、重装系统）。",
                          code="reason_required")
    if normalise_fingerprint(confirmed_fingerprint) != card.fingerprint:
        raise DomainError("输入的指纹与新名片的指纹不一致，没有更换。"
                          "请再次电话核对对方读出的指纹。", code="fingerprint_mismatch")
    existing = store.exchange.trusted(card.code)
    if not existing:
        raise DomainError(f"信任名单中没有{card.code}；新单位请直接信任其名片。", code="not_found")
    row = existing[0]
    if row["center_id"] != card.center_id:
        raise DomainError(f"新名片的单位编号与已信任的{card.code}不同，不是同一个单位，没有更换。",
                          code="key_changed")
    if row["fingerprint"] == card.fingerprint:
        raise DomainError("新名片的密钥与现在信任的相同，无需更换。", code="same_key")
    summary = (f"更换{row['name']}（{card.code}）的密钥：{row['fingerprint']} → "
               f"{card.fingerprint}，原因：{reason}")
    with store.operation(actor, "change_peer_key", summary=summary) as work:
        refuse_revoked_key(store, card)
        store.exchange.add_revoked_key({
            "fingerprint": row["fingerprint"], "code": row["code"],
            "signing_public": bytes(row["signing_public"]),
            "encryption_public": bytes(row["encryption_public"]), "revoked_at": work.now,
            "reason": f"更换密钥：{reason}"})
        store.exchange.save_trusted({
            **row, "name": card.name, "signing_public": card.public.signing,
            "encryption_public": card.public.encryption, "fingerprint": card.fingerprint,
            "revoked": 0, "trusted_at": work.now, "revoked_at": None})
        work.note("trusted_desk", card.code, {"fingerprint": [row["fingerprint"],
                                                              card.fingerprint],
                                              "reason": [None, reason]})


def change_own_keys(store: Store, actor: str, *, reason: str) -> DeskKeys:
    """Generate new keys for this desk (audited, with the reason); return them.

    Every peer must then accept the new card with :func:`change_peer_key`; bundles made for
    the old key can no longer be read here and are exported again by their senders.
    """
    require(store, "change_own_keys")
    reason = reason.strip()
    if not reason:
        raise DomainError("请写明更换本单位密钥的原因。", code="reason_required")
    old = desk_keys(store)
    new = DeskKeys.generate()
    with store.operation(actor, "change_own_keys",
                         summary=f"更换本单位密钥：{old.public.fingerprint} → "
                                 f"{new.public.fingerprint}，原因：{reason}") as work:
        store.exchange.replace_keys(new.signing_private, new.encryption_private, work.now)
        work.note("desk_keys", "self", {"fingerprint": [old.public.fingerprint,
                                                        new.public.fingerprint],
                                        "reason": [None, reason]})
    return new


def refuse_code_held_by_another(store: Store, code: str, center_id: str) -> None:
    """Two desks cannot share a code: refuse one whose code another known center holds."""
    held = store.directory.code_holders([code]).get(code)
    if held is not None and held[0] != center_id:
        raise DomainError(
            f"单位代码 {code} 在本机已属于另一个单位（{held[1]}），两个单位不能用同一个代码，"
            "没有信任这张名片。请与对方核实：对方如果重新安装过程序，应先恢复原来的数据库（或备份）"
            "再导出名片；否则请对方换一个单位代码。", code="code_taken")


def revoke(store: Store, actor: str, code: str, reason: str) -> None:
    """Revoke a trusted desk's key (audited, with the reason): its bundles are refused from
    now on and the key is never trusted again."""
    require(store, "revoke_desk")
    reason = reason.strip()
    if not reason:
        raise DomainError("请写明撤销信任的原因。", code="reason_required")
    rows = store.exchange.trusted(code)
    if not rows:
        raise DomainError(f"信任名单中没有该单位：{code}", code="not_found")
    row = rows[0]
    if row["revoked"]:
        raise DomainError(f"对{row['name']}（{code}）的信任已经撤销。", code="revoked")
    with store.operation(actor, "revoke_desk",
                         summary=f"撤销对{row['name']}（{code}）的信任，原因：{reason}") as work:
        store.exchange.set_revoked(code, work.now)
        store.exchange.add_revoked_key({
            "fingerprint": row["fingerprint"], "code": code,
            "signing_public": bytes(row["signing_public"]),
            "encryption_public": bytes(row["encryption_public"]), "revoked_at": work.now,
            "reason": reason})
        work.note("trusted_desk", code, {"revoked": [False, True], "reason": [None, reason]})


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    bundle_id: str
    sequence: int
    counts: dict[str, int]
    fingerprint: str


def field_desks(store: Store) -> dict[str, str]:
    """Field laptops enrolled by this center: desk code -> mediator id."""
    return dict(store.directory.setting(FIELD_DESKS, {}) or {})


FIELD_DESKS = "field_desks"


def _kind(mine: str, peer: str) -> str:
    pair = {("center", "court"): "center_to_court", ("court", "center"): "court_to_center",
            ("center", "field"): "center_to_field", ("field", "center"): "field_to_center"}
    if (mine, peer) not in pair:
        raise DomainError(f"本单位（{mine}）不能向该类单位（{peer}）导出。", code="wrong_kind")
    return pair[(mine, peer)]


_CASE_CHUNK = 500  # cases read (with their children) per round trip of an export
_BASES_BATCH = 2000  # merge bases of an export written at a time


@dataclass
class Selection:
    """What an export sends, read from the database lazily, chunk by chunk.

    :meth:`records` gives each entity's wire records as a generator consumed once by
    :func:`bundle.write_bundle` (cases and their children are read :data:`_CASE_CHUNK`
    cases at a time, so an export holds one chunk of records, not the whole selection).
    Without ``full`` a record the peer already holds at this version is left out.
    """

    store: Store
    kind: str
    peer: dict[str, Any]
    case_ids: list[str]
    full: bool
    my_code: str
    my_center: str
    mediator_ids: set[str] = field(default_factory=set)
    digests: set[str] = field(default_factory=set)

    def records(self) -> dict[str, Iterator[dict[str, Any]]]:
        """entity -> its wire records, in the order they are to be consumed: the cases
        before the mediators (the roster sent is that of the cases), then the rest."""
        order = ["centers", "cases", *(e for e in ENTITIES if e not in ("centers", "cases"))]
        return {e: self._entity(e) for e in order}

    def _entity(self, entity: str) -> Iterator[dict[str, Any]]:
        ex = self.store.exchange
        if entity == "centers":
            yield from self._wires(entity, ex.fetch("centers", [self.my_center]))
        elif entity == "mediators":
            if self.kind == "enrollment":  # the whole roster of the center
                rows = ex.mediators_of_center(self.my_center)
            else:
                rows = ex.fetch("mediators", sorted(self.mediator_ids))
            yield from self._wires(entity, rows)
        elif entity == "cases":
            for chunk in self._chunks():
                yield from self._wires(entity, ex.cases_with_ids(chunk))
        elif entity == "holiday_notices":
            yield from self._wires(entity, _notices_for(self.store, self.kind, self.my_code))
        else:
            own_only = entity == "documents" and self.kind not in ("center_to_field",
                                                                   "enrollment")
            for chunk in self._chunks():
                rows = ex.children_of_cases(entity, chunk)
                if own_only:  # the register of the papers: this desk's own (a laptop gets all)
                    rows = [r for r in rows if r["origin"] == self.my_code]
                for wire in self._wires(entity, rows):
                    if entity == "attachments":
                        self.digests.add(wire["sha256"])
                    yield wire

    def _chunks(self) -> Iterator[list[str]]:
        for i in range(0, len(self.case_ids), _CASE_CHUNK):
            yield self.case_ids[i:i + _CASE_CHUNK]

    def _wires(self, entity: str, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        ex = self.store.exchange
        wires = ex.wire_rows(entity, ENTITIES[entity][0], rows, fields_of(entity))
        if entity == "cases":  # every selected case's mediators, sent or not
            for w in wires:
                self.mediator_ids.update(w["mediator_ids"])
        if not self.full and wires:
            known = ex.known_versions_of(self.peer["code"], entity, [w["id"] for w in wires])
            wires = [w for w in wires if w["version"] > known.get(w["id"], -1)]
        yield from wires


def _select(store: Store, kind: str, peer: dict[str, Any], case_keys: list[str] | None,
            full: bool) -> tuple[Selection, dict[str, int]]:
    """The export's selection (read lazily) and its statistics."""
    ex = store.exchange
    me = _self_center(store)
    if case_keys:
        ids = []
        for key in case_keys:
            case = store.cases.get(key, include_deleted=True)
            if case is None:
                raise DomainError(f"找不到案件：{key}", code="not_found")
            ids.append(case.id)
        case_ids = ex.case_ids("ids", ids)
    elif kind == "center_to_court":
        case_ids = ex.case_ids("sources", list(COURT_SOURCES))
    elif kind == "court_to_center":
        case_ids = ex.case_ids("center", [peer["center_id"]])
    elif kind in ("center_to_field", "enrollment"):
        mediator_id = field_desks(store).get(peer["code"], "")
        case_ids = ex.case_ids("mediator", [mediator_id, peer["code"]])
    else:
        case_ids = ex.case_ids("all", [])
    stats: dict[str, int] = {}
    if kind == "center_to_court":
        for status, n in ex.status_counts_without_sources(list(COURT_SOURCES)).items():
            stats[f"other_cases.{status}"] = n
    return Selection(store, kind, peer, case_ids, full, me.code, me.id), stats


def _collect(store: Store, kind: str, peer: dict[str, Any], case_keys: list[str] | None,
             full: bool) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The export's records, all in memory (an enrollment: one laptop's cases)."""
    selection, stats = _select(store, kind, peer, case_keys, full)
    return {e: list(rows) for e, rows in selection.records().items()}, stats


def _notices_for(store: Store, kind: str, my_code: str) -> list[dict[str, Any]]:
    """Holiday notices a bundle carries (tombstones too, so a withdrawal travels).

    A court sends its own notices to its centers; a center passes every notice it applies
    (its own and its court's) to its field laptops, so their deadlines are the center's.
    """
    if kind == "court_to_center":
        return store.exchange.notices_of_origin(my_code)
    if kind in ("center_to_field", "enrollment"):
        return store.exchange.all_records("holiday_notices")
    return []


def record_export(store: Store, work: Any, *, peer: str, kind: str, manifest: dict[str, Any],
                  wires: dict[str, list[dict[str, Any]]] | None = None, sequence: int,
                  acknowledged: int, full: bool, created: str, file_sha256: str,
                  written: bundle.Written | None = None) -> None:
    """Inside an operation: ledger entry, what the peer now holds, merge bases, audit note.

    The records are ``wires`` (in memory) or, for a streamed export, ``written``: the
    bundle's index of (id, version) per line, and its records members as the ZIP stored
    them, which become the merge bases (line n is record n) without encoding them again.
    """
    store.exchange.record_ledger({
        "bundle_id": manifest["bundle_id"], "direction": "out", "peer": peer, "kind": kind,
        "sequence": sequence, "acknowledged": acknowledged, "full": full,
        "created_at": created, "recorded_at": work.now, "counts": manifest["counts"],
        "file_sha256": file_sha256})
    if written is not None:
        store.exchange.record_sent(peer, sequence, ((e, i, v) for e, idx in written.index.items()
                                                    for i, v, _n in idx))
        for entity, member in written.packed.items():  # batch by batch, nothing listed whole
            bases = store.exchange.packed_bases(entity, member)
            lines = iter(written.index[entity])
            while batch := list(islice(lines, _BASES_BATCH)):
                bases.add(batch)
            bases.close()
    else:
        wires = wires or {}
        store.exchange.record_sent(peer, sequence, [(e, w["id"], w["version"])
                                                    for e, ws in wires.items() for w in ws])
        for entity, ws in wires.items():
            store.exchange.set_bases(entity, ws)
    work.note("bundle", manifest["bundle_id"], {"counts": [None, manifest["counts"]]})


def export_bundle(store: Store, actor: str, to: str, out: str | Path, *,
                  case_keys: list[str] | None = None, full: bool = False) -> ExportReport:
    """Export what ``to`` has not acknowledged (or everything with ``full``) to ``out``.

    Records stream from the database through their JSON lines, ZIP members and age
    encryption into the file (written atomically); every record is checked by the
    reader's record rules on the way. The file is then read back cheaply
    (:func:`bundle.check_written`: its hash, and a streamed decryption with this desk's
    own key to the ZIP just laid out) before the export is recorded in the ledger.
    """
    require(store, "export_bundle")
    peers = store.exchange.trusted(to)
    if not peers:
        raise DomainError(f"信任名单中没有该单位：{to}。请先导入对方的单位名片。", code="not_found")
    peer = peers[0]
    if peer["revoked"]:
        raise DomainError(f"对{to}的信任已撤销，不能向其导出。", code="revoked")
    keys = ensure_desk_keys(store)
    card = own_card(store)
    kind = _kind(card.kind, peer["kind"])
    selection, stats = _select(store, kind, peer, case_keys, full)
    sequence = store.exchange.last_sequence(to, "out") + 1
    acknowledged = store.exchange.last_sequence(to, "in")
    peer_public = PublicKeys(bytes(peer["signing_public"]), bytes(peer["encryption_public"]))
    created = store.now().isoformat(timespec="seconds")
    records = selection.records()

    def blobs() -> Iterator[tuple[str, bytes]]:
        # read after the attachments member was written (ENTITIES order), one at a time
        for digest in sorted(selection.digests):
            content = _blob(store, digest)
            if content is not None:
                yield digest, content

    holder: list[bundle.Written] = []

    def produce(fh: BinaryIO) -> None:
        holder.append(bundle.write_bundle(
            fh, keys=keys, sender=card.code, recipient=to, recipient_public=peer_public,
            kind=kind, sequence=sequence, acknowledged=acknowledged, created_at=created,
            records=records, attachments=blobs(), statistics=stats, full=full,
            audit_head=store.audit.head(), anchors=echoed_anchors(store, to), validate=True))

    path = Path(out)
    try:
        write_file_atomically(path, produce)
    except BundleRejected as exc:  # what the peer's reader would refuse (bundle.write_bundle)
        raise DomainError(
            f"交换文件超过接收方能读取的上限（{exc.message_zh}），未导出：请按案件分批导出"
            "（指定案件，或先导出一次增量再继续）。", code="export_too_large") from exc
    written = holder[0]
    manifest = written.manifest
    try:
        try:
            bundle.check_written(path, keys, written)
        except BundleRejected as exc:
            raise DomainError(f"{exc.message_zh}请重试。", code="export_verify_failed") from exc
        with store.operation(actor, "export_bundle",
                             summary=f"向{to}导出交换文件（序号{sequence}）") as work:
            record_export(store, work, peer=to, kind=kind, manifest=manifest,
                          sequence=sequence, acknowledged=acknowledged, full=full,
                          created=created, file_sha256=written.sha256, written=written)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ExportReport(path, manifest["bundle_id"], sequence, manifest["counts"],
                        keys.public.fingerprint)


ECHOED_ANCHORS = 16  # the latest audit heads received from a peer, confirmed back to it


def echoed_anchors(store: Store, peer: str) -> list[dict[str, Any]]:
    """The audit-chain heads ``peer`` sent us, confirmed back to it in our bundles.

    The peer keeps them; its ``check`` then verifies that its chain still passes through
    each, so history rewritten or cut after this desk saw it is found (docs §4, §11).
    """
    return [{"code": peer, "seq": a["seq"], "hash": a["hash"]}
            for a in store.exchange.anchors("received", peer, ECHOED_ANCHORS)]


def _blob(store: Store, digest: str) -> bytes | None:
    return store.items.blob(digest)
