"""The key file on its own: slots bound to their file and account, damage, throttling, lockout."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from mediation_desk.security import keyfile as kf

KEY = bytes(range(32))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.db"
    keys = kf.KeyFile.new(KEY)
    keys.put(kf.new_slot(keys.file_id, "a1", "张主任", "first secret", KEY))
    keys.put(kf.new_slot(keys.file_id, "a2", "李调解", "second secret", KEY))
    kf.write_keyfile(path, keys)
    return path


def test_each_password_opens_its_own_slot(db):
    assert kf.unlock(db, "张主任", "first secret", NOW) == ("a1", KEY)
    assert kf.unlock(db, "李调解", "second secret", NOW) == ("a2", KEY)
    with pytest.raises(kf.KeyFileError) as err:
        kf.unlock(db, "李调解", "first secret", NOW)
    assert err.value.code == "wrong_password"


def test_a_slot_copied_to_another_account_or_file_opens_nothing(db, tmp_path):
    keys = kf.read_keyfile(db)
    slot = keys.slot("a2")
    assert slot is not None
    stolen = kf.Slot(**{**slot.__dict__, "account_id": "a1", "name": "张主任"})
    keys.put(stolen)  # the mediator's slot now claims to be the director's
    kf.write_keyfile(db, keys)
    with pytest.raises(kf.KeyFileError) as err:
        kf.unlock(db, "张主任", "second secret", NOW)
    assert err.value.code == "wrong_password"
    other = tmp_path / "other.db"
    elsewhere = kf.KeyFile.new(KEY)
    elsewhere.put(kf.read_keyfile(db).slot("a1") or stolen)
    kf.write_keyfile(other, elsewhere)  # same slot under another file id
    with pytest.raises(kf.KeyFileError):
        kf.unlock(other, "张主任", "second secret", NOW)


@pytest.mark.parametrize("damage", ["truncate", "not json", "bad base64", "weak params"])
def test_a_damaged_key_file_gets_one_sentence(db, damage):
    path = kf.keyfile_path(db)
    text = path.read_text()
    if damage == "truncate":
        path.write_text(text[: len(text) // 2])
    elif damage == "not json":
        path.write_bytes(b"\x00\xff" * 40)
    else:
        doc = json.loads(text)
        if damage == "bad base64":
            doc["slots"][0]["wrapped"] = "!!!"
        else:
            doc["slots"][0]["memory_kib"] = 8  # a forged cheap slot is refused, not tried
        path.write_text(json.dumps(doc))
    with pytest.raises(kf.KeyFileError) as err:
        kf.unlock(db, "张主任", "first secret", NOW)
    assert err.value.code == "keyfile_damaged"
    assert "恢复密钥" in err.value.message and "Traceback" not in err.value.message


def test_throttling_grows_then_the_account_locks(db, monkeypatch):
    moment = NOW
    for n in range(1, kf.LOCKOUT_AFTER + 1):
        slot = kf.read_keyfile(db).slot("a2")
        assert slot is not None
        moment = moment + timedelta(seconds=slot.wait_seconds(moment))
        with pytest.raises(kf.KeyFileError) as err:
            kf.unlock(db, "李调解", "guess", moment)
        assert err.value.code == "wrong_password"
        if n == kf.FREE_ATTEMPTS:
            slot = kf.read_keyfile(db).slot("a2")
            assert slot is not None and slot.wait_seconds(moment) == kf.FIRST_WAIT_S
            with pytest.raises(kf.KeyFileError) as early:
                kf.unlock(db, "李调解", "second secret", moment)
            assert early.value.code == "throttled"
    slot = kf.read_keyfile(db).slot("a2")
    assert slot is not None and slot.locked and slot.failures == kf.LOCKOUT_AFTER <= 100
    with pytest.raises(kf.KeyFileError) as err:
        kf.unlock(db, "李调解", "second secret", moment + timedelta(days=1))
    assert err.value.code == "account_locked"
    # the other account is untouched, and the waits never exceeded the ceiling
    assert kf.unlock(db, "张主任", "first secret", moment) == ("a1", KEY)
    assert kf.FIRST_WAIT_S * 2 ** (kf.LOCKOUT_AFTER - kf.FREE_ATTEMPTS) > kf.MAX_WAIT_S


def test_a_success_clears_the_count_and_writes_nothing_otherwise(db):
    with pytest.raises(kf.KeyFileError):
        kf.unlock(db, "张主任", "nope", NOW)
    assert kf.unlock(db, "张主任", "first secret", NOW)[0] == "a1"
    slot = kf.read_keyfile(db).slot("a1")
    assert slot is not None and slot.failures == 0
    before = kf.keyfile_path(db).stat().st_mtime_ns
    kf.unlock(db, "张主任", "first secret", NOW)
    assert kf.keyfile_path(db).stat().st_mtime_ns == before


def test_recovery_key_round_trip_and_typos():
    secret = kf.new_recovery_secret()
    text = kf.format_recovery_key(secret)
    assert len(text.split("-")) == kf.RECOVERY_GROUPS
    assert kf.parse_recovery_key(text.lower().replace("-", " ")) == secret
    flipped = ("B" if text[0] != "B" else "C") + text[1:]
    with pytest.raises(kf.KeyFileError) as err:
        kf.parse_recovery_key(flipped)
    assert err.value.code == "recovery_key_malformed"
    with pytest.raises(kf.KeyFileError):
        kf.parse_recovery_key(text[:-5])
    assert kf.data_key_from_recovery(secret) != secret
    assert len(kf.data_key_from_recovery(secret)) == 32
