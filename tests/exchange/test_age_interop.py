"""The bundle envelope is plain age: the Debian ``age`` command (a second implementation,
Go) reads what the desks write, and the desks read what ``age`` writes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from mediation_desk.exchange import bundle, envelope
from mediation_desk.exchange.errors import BundleRejected
from mediation_desk.exchange.keys import DeskKeys, bech32_decode
from mediation_desk.services import exchange

from .helpers import ACTOR, db_digest, referral


@pytest.fixture(scope="module")
def age_cmd() -> Path:
    """The ``age`` command; missing it fails under CI (.ci/run installs it), skips locally."""
    found = shutil.which("age")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the age command is missing (apt-get install age)")
        pytest.skip("the age command is not installed (apt-get install age)")
    return Path(found)


def _identity_file(path: Path, keys: DeskKeys) -> Path:
    """An identity file as ``age-keygen`` writes it."""
    path.write_text(f"# public key: {keys.public.age_recipient}\n{keys.age_identity()}\n")
    return path


def _age(age_cmd: Path, *args: str | Path) -> bytes:
    done = subprocess.run([str(age_cmd), *map(str, args)], capture_output=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


def test_age_command_decrypts_an_exported_bundle(tmp_path, desks, age_cmd):
    court, center = desks
    case = referral(court, center)
    out = tmp_path / "to-center.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)

    # the recipient's identity, and the sender's (the bundle is encrypted to both)
    for store in (center, court):
        key = _identity_file(tmp_path / f"{store.origin_code()}.txt", exchange.desk_keys(store))
        plain = _age(age_cmd, "-d", "-i", key, out)
        zf = zipfile.ZipFile(io.BytesIO(plain))
        assert zf.testzip() is None
        raw = zf.read("manifest.json")
        manifest = json.loads(raw)
        assert manifest["format_version"] == 2
        assert manifest["sender"]["code"] == "court01"
        assert manifest["recipient"] == {
            "code": "center01", "fingerprint": exchange.desk_keys(center).public.fingerprint}
        assert manifest["audit_head"]["seq"] >= 0 and isinstance(manifest["anchors"], list)
        # the detached signature: Ed25519 over the context prefix and the manifest bytes
        court_public = exchange.desk_keys(court).public
        assert court_public.verify(zf.read("manifest.sig"), bundle.SIGNATURE_CONTEXT + raw)
        assert not court_public.verify(zf.read("manifest.sig"), raw)
        cases = [json.loads(line) for line in zf.read("records/cases.jsonl").splitlines()]
        assert [c["id"] for c in cases] == [case.id]
        assert cases[0]["court_case_number"] == case.court_case_number
        parties = [json.loads(line) for line in zf.read("records/parties.jsonl").splitlines()]
        assert sorted(p["name"] for p in parties) == ["张三0", "李四0"]
        listed = {m["name"] for m in manifest["members"]}
        assert listed == set(zf.namelist()) - {"manifest.json", "manifest.sig"}


def test_a_third_desk_key_cannot_decrypt(tmp_path, desks, age_cmd):
    court, center = desks
    referral(court, center)
    out = tmp_path / "b.mdx"
    exchange.export_bundle(court, ACTOR, "center01", out)
    key = _identity_file(tmp_path / "other.txt", DeskKeys.generate())
    done = subprocess.run([str(age_cmd), "-d", "-i", str(key), str(out)], capture_output=True,
                          timeout=60, check=False)
    assert done.returncode != 0 and not done.stdout


def test_file_written_by_age_command_opens_with_our_envelope(tmp_path, desks, age_cmd):
    """age -r <desk recipient>: our decrypt reads it; the ZIP/manifest checks then refuse it."""
    _court, center = desks
    recipient = exchange.desk_keys(center).public.age_recipient
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("records/cases.jsonl", b"")
    plain_zip = inner.getvalue()
    for name, content, code in (("no-manifest", plain_zip, "manifest_missing"),
                                ("not-a-zip", b"hello, desk", "zip_invalid")):
        src = tmp_path / f"{name}.bin"
        src.write_bytes(content)
        sealed = tmp_path / f"{name}.mdx"
        _age(age_cmd, "-r", recipient, "-o", sealed, src)
        # the envelope interoperates: the exact bytes come back
        assert envelope.decrypt(sealed.read_bytes(), exchange.desk_keys(center)) == content
        before = db_digest(center)
        with pytest.raises(BundleRejected) as err:
            exchange.import_bundle(center, ACTOR, sealed)
        assert err.value.reason_code == code
        assert db_digest(center) == before


def test_age_keygen_identity_is_a_desk_key(tmp_path, age_cmd):
    """A key made by age-keygen, read with our Bech32, is the same X25519 key to both sides."""
    keygen = age_cmd.with_name("age-keygen")
    if not keygen.exists():
        pytest.fail("age-keygen is missing next to age")
    text = subprocess.run([str(keygen)], capture_output=True, timeout=60, check=True,
                          text=True).stdout
    secret = next(line for line in text.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
    public = next(line.split(": ")[1] for line in text.splitlines() if "public key:" in line)
    hrp, raw = bech32_decode(secret)
    assert hrp == "age-secret-key-" and len(raw) == 32
    keys = DeskKeys(DeskKeys.generate().signing_private, raw)
    assert keys.age_identity() == secret and keys.public.age_recipient == public
    sealed = tmp_path / "x.age"
    sealed.write_bytes(envelope.encrypt(b"payload", [public]))
    key = tmp_path / "k.txt"
    key.write_text(text)
    assert _age(age_cmd, "-d", "-i", key, sealed) == b"payload"
    src = tmp_path / "y.bin"
    src.write_bytes(b"y" * 100_000)
    _age(age_cmd, "-r", keys.public.age_recipient, "-o", tmp_path / "y.age", src)
    assert envelope.decrypt((tmp_path / "y.age").read_bytes(), keys) == src.read_bytes()
