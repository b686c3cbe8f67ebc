"""Desk keys as age identities (Bech32, BIP-173) and the passphrase envelope of enrollments."""

from __future__ import annotations

import pickle

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pyrage import x25519

from mediation_desk.exchange import envelope
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import (
    DeskKeys,
    age_recipient,
    age_secret_key,
    bech32_decode,
    bech32_encode,
)

# BIP-173's test vectors
VALID = ["A12UEL5L", "a12uel5l",
         "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
         "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
         "11" + "q" * 82 + "c8247j",
         "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"]
INVALID = ["\x201nwldj5", "\x7f1axkwrx", "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v",
            "li1dgmt3", "de1lg7wt\xff", "A1G7SGD8", "10a06t8", "1qzzfhee", "A12uEL5L"]


@pytest.mark.parametrize("text", VALID)
def test_bech32_valid_vectors(text):
    """Each valid vector passes the checksum; those whose data are whole bytes round-trip."""
    try:
        hrp, data = bech32_decode(text)
    except ValueError as exc:  # data bits that are not whole bytes: a checksum pass first
        assert "padding" in str(exc)
        return
    assert bech32_encode(hrp, data) == text.lower()


@pytest.mark.parametrize("text", INVALID)
def test_bech32_invalid_vectors(text):
    with pytest.raises(ValueError):
        bech32_decode(text)


def test_bech32_detects_a_changed_character():
    text = bech32_encode("age", bytes(range(32)))
    changed = text[:10] + ("q" if text[10] != "q" else "p") + text[11:]
    with pytest.raises(ValueError):
        bech32_decode(changed)


def test_desk_keys_are_the_identities_pyrage_makes():
    for _ in range(20):
        identity = x25519.Identity.generate()
        hrp, raw = bech32_decode(str(identity))
        assert hrp == "age-secret-key-" and age_secret_key(raw) == str(identity)
        public = X25519PrivateKey.from_private_bytes(raw).public_key().public_bytes_raw()
        assert age_recipient(public) == str(identity.to_public())
    keys = DeskKeys.generate()
    assert keys.public.age_recipient.startswith("age1")
    assert keys.age_identity().startswith("AGE-SECRET-KEY-1")
    sealed = envelope.encrypt(b"x", [keys.public.age_recipient])
    assert envelope.decrypt(sealed, keys) == b"x"
    assert "AGE-SECRET" not in repr(keys)


def test_encrypt_to_several_recipients_and_limits():
    a, b = DeskKeys.generate(), DeskKeys.generate()
    sealed = envelope.encrypt(b"both", [a.public.age_recipient, b.public.age_recipient,
                                        a.public.age_recipient])
    assert envelope.decrypt(sealed, a) == envelope.decrypt(sealed, b) == b"both"
    assert len(envelope.stanzas(sealed)) >= 2
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt(sealed, DeskKeys.generate())
    assert err.value.reason_code == "not_for_this_desk"
    with pytest.raises(ValueError):
        envelope.encrypt(b"", [])
    with pytest.raises(ValueError):
        envelope.encrypt(b"", [DeskKeys.generate().public.age_recipient for _ in range(9)])


@pytest.fixture(scope="module")
def enrolment_file() -> bytes:
    """One passphrase file for the module (age picks a ~1 s scrypt work factor)."""
    return envelope.encrypt_with_passphrase(b"e" * 70_000, "7KQ2-M9XD-ABCD")


def test_passphrase_envelope_normalises_and_refuses(enrolment_file):
    retyped = "７ｋｑ２ ｍ９ｘｄ－abcd"  # full-width, lower case, a space: NFKC and upper case
    assert envelope.decrypt_with_passphrase(enrolment_file, retyped) == b"e" * 70_000
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt_with_passphrase(enrolment_file, "7KQ2-M9XD-ABCE")
    assert err.value.reason_code == "bad_passphrase"
    # a passphrase file is not for a desk key, a desk file has no passphrase stanza
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt(enrolment_file, DeskKeys.generate())
    assert err.value.reason_code == "not_for_this_desk" and "登记" in err.value.message_zh
    desk_file = envelope.encrypt(b"x", [DeskKeys.generate().public.age_recipient])
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt_with_passphrase(desk_file, "7KQ2")
    assert err.value.reason_code == "not_for_this_desk"


@pytest.mark.parametrize("log2_n", ["21", "30", "099", "x", "0"])
def test_scrypt_work_factor_is_bounded_before_deriving(enrolment_file, log2_n):
    magic, stanza, rest = enrolment_file.split(b"\n", 2)
    assert int(stanza.split(b" ")[3]) <= envelope.SCRYPT_MAX_LOG2_N  # what age wrote here
    stanza = b" ".join([*stanza.split(b" ")[:3], log2_n.encode()])
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt_with_passphrase(b"\n".join([magic, stanza, rest]), "7KQ2-M9XD-ABCD")
    assert err.value.reason_code == "not_a_bundle" and "口令参数" in err.value.message_zh


def test_damaged_passphrase_file(enrolment_file):
    damaged = bytearray(enrolment_file)
    damaged[-10] ^= 1
    with pytest.raises(BundleRejected) as err:
        envelope.decrypt_with_passphrase(bytes(damaged), "7KQ2-M9XD-ABCD")
    assert err.value.reason_code == "decrypt_failed"


def test_rejection_pickles_with_its_message():
    err = BundleRejected("format_too_old", message=envelope.OLD_FORMAT_MESSAGE)
    back = pickle.loads(pickle.dumps(err))
    assert (back.reason_code, back.message_zh) == ("format_too_old", envelope.OLD_FORMAT_MESSAGE)
