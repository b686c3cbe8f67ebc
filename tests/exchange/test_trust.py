"""Key continuity, revocation and audit anchoring (issue 10, items 2 and 9)."""

from __future__ import annotations

import pytest

from mediation_desk.domain.errors import DomainError
from mediation_desk.exchange.cards import DeskCard
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import DeskKeys
from mediation_desk.services import exchange, exchange_status
from mediation_desk.storage.store import Store

from .helpers import ACTOR, db_digest, referral


def _impostor(card: DeskCard) -> DeskCard:
    """The same code and center with other keys: what a swapped card looks like."""
    return DeskCard(card.code, card.name, card.kind, card.center_id, DeskKeys.generate().public)


def _refused(store: Store, fn, code: str) -> DomainError:
    before = db_digest(store)
    with pytest.raises(DomainError) as err:
        fn()
    assert err.value.code == code, err.value.message
    assert db_digest(store) == before
    return err.value


def test_a_card_with_other_keys_does_not_replace_a_pinned_key(desks):
    court, center = desks
    swapped = _impostor(exchange.own_card(court))
    err = _refused(center, lambda: exchange.trust_card(center, ACTOR, swapped), "key_changed")
    assert exchange.own_card(court).fingerprint in err.message
    assert center.exchange.trusted("court01")[0]["fingerprint"] == \
        exchange.own_card(court).fingerprint


def test_the_same_card_twice_changes_nothing(desks):
    court, center = desks
    exchange.trust_card(center, ACTOR, exchange.own_card(court))
    assert len(center.exchange.trusted()) == 1


def test_a_second_code_for_a_trusted_center_or_key_is_refused(desks):
    court, center = desks
    card = exchange.own_card(court)
    other_code = DeskCard("court02", card.name, card.kind, card.center_id, card.public)
    _refused(center, lambda: exchange.trust_card(center, ACTOR, other_code), "key_changed")


def test_revocation_sticks(desks, tmp_path):
    court, center = desks
    card = exchange.own_card(court)
    _refused(center, lambda: exchange.revoke(center, ACTOR, "court01", "  "), "reason_required")
    exchange.revoke(center, ACTOR, "court01", "法院电脑丢失")
    _refused(center, lambda: exchange.trust_card(center, ACTOR, card), "key_revoked")
    again = DeskCard("court09", "另一个法院", "court", "0a0a0a0a-0000-4000-8000-000000000009",
                     card.public)  # the revoked key under another code
    _refused(center, lambda: exchange.trust_card(center, ACTOR, again), "key_revoked")
    shown = exchange_status.revoked_keys(center)
    assert [(k.code, k.fingerprint, k.reason) for k in shown] == \
        [("court01", card.fingerprint, "法院电脑丢失")]
    referral(court, center)
    out = tmp_path / "after.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)
    before = db_digest(center)
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, out)
    assert err.value.reason_code == "sender_revoked" and db_digest(center) == before


def test_key_change_is_its_own_audited_flow(desks, tmp_path):
    court, center = desks
    old = exchange.own_card(court)
    exchange.change_own_keys(court, ACTOR, reason="重装系统")
    new = exchange.own_card(court)
    assert new.fingerprint != old.fingerprint and new.center_id == old.center_id
    # the plain trust is refused; the key change needs the phoned fingerprint and a reason
    _refused(center, lambda: exchange.trust_card(center, ACTOR, new), "key_changed")
    _refused(center, lambda: exchange.change_peer_key(
        center, ACTOR, new, confirmed_fingerprint=old.fingerprint, reason="重装系统"),
        "fingerprint_mismatch")
    _refused(center, lambda: exchange.change_peer_key(
        center, ACTOR, new, confirmed_fingerprint=new.fingerprint, reason=""),
        "reason_required")
    exchange.change_peer_key(center, ACTOR, new,
                             confirmed_fingerprint=new.fingerprint.lower().replace(" ", ""),
                             reason="法院重装系统，电话核对指纹")
    assert center.exchange.trusted("court01")[0]["fingerprint"] == new.fingerprint
    assert [k.fingerprint for k in exchange_status.revoked_keys(center)] == [old.fingerprint]
    row = center.db.execute("SELECT summary FROM audit WHERE action = 'change_peer_key'"
                            ).fetchone()
    assert old.fingerprint in row[0] and new.fingerprint in row[0] and "电话核对" in row[0]
    # the old key can never come back
    _refused(center, lambda: exchange.change_peer_key(
        center, ACTOR, old, confirmed_fingerprint=old.fingerprint, reason="改回"), "key_revoked")
    # bundles flow with the new key
    referral(court, center)
    out = tmp_path / "new-key.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)
    assert exchange.import_bundle(center, ACTOR, out).counts["new"] >= 1


def test_gaps_are_listed_per_desk(desks, tmp_path):
    court, center = desks
    paths = []
    for n in range(3):
        referral(court, center, n)
        p = tmp_path / f"{n}.mdx"
        exchange.export_bundle(court, ACTOR, "center01", p)
        paths.append(p)
    exchange.import_bundle(center, ACTOR, paths[2])  # 1 and 2 went astray
    desk = next(d for d in exchange_status.trusted_desks(center) if d.code == "court01")
    assert desk.missing == (1, 2)
    assert exchange_status.missing_text("court01", desk.missing) == \
        "缺少来自court01的第1至2号交换文件"
    with pytest.raises(BundleRejected) as err:
        exchange.import_bundle(center, ACTOR, paths[0])
    assert err.value.reason_code == "sequence_old"


# -- audit anchoring --------------------------------------------------------------------
class outside_edit:
    """A tool other than the app edits the file: the audit triggers are dropped and put back."""

    def __init__(self, store: Store) -> None:
        self.db = store.db

    def __enter__(self):
        self.triggers = self.db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
        ).fetchall()
        self.db.conn.execute("BEGIN")
        for name, _sql in self.triggers:
            self.db.execute(f'DROP TRIGGER "{name}"')
        return self.db

    def __exit__(self, *exc):
        for _name, sql in self.triggers:
            self.db.execute(sql)
        self.db.conn.execute("COMMIT")


def _round(court: Store, center: Store, tmp, n: int) -> None:
    referral(court, center, n)
    a, b = tmp / f"c2z{n}.mdx", tmp / f"z2c{n}.mdx"
    exchange.export_bundle(center, ACTOR, "court01", a)
    exchange.import_bundle(court, ACTOR, a)
    exchange.export_bundle(court, ACTOR, "center01", b)
    exchange.import_bundle(center, ACTOR, b)


def test_court_confirms_the_centers_audit_head(desks, tmp_path):
    court, center = desks
    _round(court, center, tmp_path, 0)
    confirmed = center.exchange.anchors("confirmed", "court01")
    received = court.exchange.anchors("received", "center01")
    assert confirmed and [(a["seq"], a["hash"]) for a in confirmed] == \
        [(a["seq"], a["hash"]) for a in received]
    seq, digest = confirmed[0]["seq"], confirmed[0]["hash"]
    row = center.db.execute("SELECT hash FROM audit WHERE seq = ?", [seq]).fetchone()
    assert row[0] == digest
    problems, chain = center.check()
    assert problems == [] and chain.ok


def test_rewriting_history_the_court_saw_is_found(desks, tmp_path):
    court, center = desks
    _round(court, center, tmp_path, 0)
    seq = center.exchange.anchors("confirmed", "court01")[0]["seq"]
    # someone rewrites the chain from the anchored row on, consistently (a valid-looking chain)
    from mediation_desk.storage import audit
    rows = center.db.execute("SELECT seq, at, actor, action, case_id, summary, changes,"
                             " prev_hash FROM audit WHERE seq >= ? ORDER BY seq", [seq]).fetchall()
    prev = rows[0][7]
    with outside_edit(center):
        center.db.execute("DELETE FROM audit WHERE seq >= ?", [seq])
        for r in rows:
            row = dict(zip(("seq", "at", "actor", "action", "case_id", "summary", "changes",
                            "prev_hash"), r, strict=True))
            row["actor"] = "改写者" if row["seq"] == seq else row["actor"]
            row["prev_hash"] = prev
            row["hash"] = audit.row_hash(prev, row)
            prev = row["hash"]
            center.db.execute("INSERT INTO audit VALUES (:seq, :at, :actor, :action, :case_id,"
                              " :summary, :changes, :prev_hash, :hash)", row)
    problems, chain = center.check()
    assert chain.ok  # the chain alone looks fine …
    assert any("court01" in p and "改写" in p for p in problems)  # … the court's anchor does not


def test_truncating_history_the_court_saw_is_found(desks, tmp_path):
    court, center = desks
    _round(court, center, tmp_path, 0)
    seq = center.exchange.anchors("confirmed", "court01")[0]["seq"]
    with outside_edit(center):
        center.db.execute("DELETE FROM audit WHERE seq >= ?", [seq])
    problems, _chain = center.check()
    assert any(f"第{seq}条已不存在" in p for p in problems)
