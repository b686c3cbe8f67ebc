"""Streamed export (issue 14): bounded memory, the same ZIP bytes, a cheap read-back check."""

from __future__ import annotations

import hashlib
import io
import os
import random
import tracemalloc
import zipfile
from operator import itemgetter
from pathlib import Path

import pytest

from mediation_desk.domain.errors import DomainError
from mediation_desk.exchange import bundle, container
from mediation_desk.exchange.keys import DeskKeys
from mediation_desk.exchange.records import ENTITIES, fields_of
from mediation_desk.services import exchange
from mediation_desk.services.demo import DEMO_DIRECTOR, build_demo, open_demo

from .helpers import ACTOR, make_desk, traced_peak, trust_both


def _zipfile_bytes(members: dict[str, bytes]) -> bytes:
    """The ZIP the format specifies, written by the standard library (the reference)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | 0o644) << 16
            info.create_system = 3
            zf.writestr(info, members[name], compresslevel=6)
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(8))
def test_streamed_zip_is_byte_for_byte_the_standard_one(seed):
    rng = random.Random(seed)
    members = {}
    for i in range(rng.randint(0, 6)):
        n = rng.choice([0, 1, 100, 70_000, 300_000])
        name = f"records/e{i}.jsonl" if i % 2 else f"attachments/{i:064d}"
        members[name] = rng.randbytes(n // 2) + ("案件" * (n // 4)).encode()
    expected = _zipfile_bytes(members)
    assert container.write_zip(members) == expected
    writer = container.ZipWriter()
    for name, content in reversed(list(members.items())):  # fed in any order, in pieces
        member = writer.member(name)
        pos = 0
        while pos < len(content):
            step = rng.randint(1, 50_000)
            member.write(content[pos:pos + step])
            pos += step
        member.close()
    assert b"".join(writer.chunks()) == expected
    assert container.read_zip(expected) == members


def _event(n: int) -> dict:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "origin": "aa", "version": 1,
            "updated_at": "2026-03-02T01:00:00.000+00:00", "deleted": False,
            "case_id": "00000000-0000-4000-8000-000000000000", "kind": "note",
            "occurred_at": "2026-03-01T09:00:00", "actor": "立案庭", "place": "",
            "participants": "", "notes": "第一次调解，双方到场，对欠款数额有争议。" * 40
            + hashlib.sha256(str(n).encode()).hexdigest(),  # compressible, not a ZIP bomb
            "data": {}}


def test_write_bundle_holds_the_compressed_members_not_the_records(tmp_path):
    keys, peer = DeskKeys.generate(), DeskKeys.generate()
    count = 3000
    out = tmp_path / "big.mdx"
    tracemalloc.start()
    try:
        with open(out, "wb") as fh:
            written = bundle.write_bundle(
                fh, keys=keys, sender="aa", recipient="bb", recipient_public=peer.public,
                kind="center_to_court", sequence=1, acknowledged=0,
                created_at="2026-03-02T09:00:00+08:00",
                records={"events": (_event(n) for n in range(count))}, attachments={})
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    plain = sum(len(bundle.canonical_bytes(_event(n))) + 1 for n in range(count))
    assert plain > 20 * written.zip_size  # the records are many times the compressed ZIP
    # about the ZIP plus one batch of lines: not the records, nor their JSON text
    assert peak < 2 * written.zip_size + 1_000_000, (peak, written.zip_size, plain)
    assert written.manifest["counts"]["events"] == count and written.size == out.stat().st_size
    opened = bundle.open_bundle(out.read_bytes(), keys=keys, my_code="aa",
                                trusted=lambda _c: None, allow_own=True)
    assert opened.records["events"] == [_event(n) for n in range(count)]
    assert [(i, v) for i, v, _n in written.index["events"]] == [
        (r["id"], r["version"]) for r in opened.records["events"]]
    bundle.check_written(out, keys, written)


@pytest.fixture
def center_and_court(tmp_path):
    path = tmp_path / "demo.db"
    build_demo(path, cases=600, seed=3)
    center = open_demo(path, account=DEMO_DIRECTOR)
    court = make_desk(tmp_path, "court77", "court")
    trust_both(tmp_path, center, court)
    yield center, court
    center.close()
    court.close()


def test_export_streams_and_round_trips(tmp_path, center_and_court, monkeypatch):
    center, court = center_and_court
    monkeypatch.setattr(exchange, "_CASE_CHUNK", 10)  # many chunks from a small database
    peer = center.exchange.trusted("court77")[0]
    exchange.export_bundle(center, ACTOR, "court77", tmp_path / "warm.mdx")  # lazy imports
    held, peak_all = traced_peak(lambda: exchange._collect(center, "center_to_court", peer, None,
                                                     True))
    out = tmp_path / "full.mdx"
    report, peak = traced_peak(lambda: exchange.export_bundle(center, ACTOR, "court77", out,
                                                        full=True))
    assert report.counts["cases"] > 100 and report.counts["events"] > 500
    assert report.counts == {e: len(rows) for e, rows in held[0].items()}
    # holding every record costs peak_all; the stream holds a chunk and the compressed ZIP
    assert peak < peak_all / 2, (peak, peak_all, out.stat().st_size)
    ledger = center.exchange.ledger_entry(report.bundle_id)
    assert ledger is not None and ledger["file_sha256"] == hashlib.sha256(
        out.read_bytes()).hexdigest()
    exchange.import_bundle(court, ACTOR, out)
    for entity, rows in held[0].items():  # the court holds exactly the records sent
        cls = ENTITIES[entity][0]
        ids = [r["id"] for r in rows]
        got = court.exchange.wire_records(entity, cls, ids, fields_of(entity))
        assert sorted(got, key=itemgetter("id")) == sorted(rows, key=itemgetter("id")), entity
    # the merge bases are the records sent (line n of the member is record n)
    sample = [r["id"] for r in held[0]["parties"][::37]]
    bases = center.exchange.bases("parties", sample)
    assert [bases[i] for i in sample] == [r for r in held[0]["parties"][::37]]


def test_a_damaged_file_is_caught_by_the_read_back(tmp_path, center_and_court, monkeypatch):
    center, _court = center_and_court
    real = bundle.write_bundle

    def flip_a_byte(fh, **kw):
        written = real(fh, **kw)
        fh.flush()  # the temporary file is open for reading too (mkstemp)
        byte = os.pread(fh.fileno(), 1, written.size // 2)
        os.pwrite(fh.fileno(), bytes([byte[0] ^ 1]), written.size // 2)
        return written

    monkeypatch.setattr(bundle, "write_bundle", flip_a_byte)
    out = tmp_path / "bad.mdx"
    before = center.exchange.last_sequence("court77", "out")
    with pytest.raises(DomainError) as err:
        exchange.export_bundle(center, ACTOR, "court77", out, full=True)
    assert err.value.code == "export_verify_failed" and "校验失败" in str(err.value)
    assert not out.exists() and not list(Path(tmp_path).glob(".bad.mdx.*"))
    assert center.exchange.last_sequence("court77", "out") == before
