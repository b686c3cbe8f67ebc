"""What an import holds grows with the bundle no faster than the bundle (issue 14, item 5).

The parts bounded: the rows an import writes are sealed by the seq range they append, not
noted one by one; its known versions, merge bases and seal digests are written or packed
as they come, not gathered per record; the planner keeps no reference the bundle resolves
itself and packs the new cases' party fields. A regression in any of them makes the memory
per extra record several times what these tests allow.
"""

from __future__ import annotations

import hashlib
import json
import random

from mediation_desk.exchange import bundle, container
from mediation_desk.services import backup, exchange
from mediation_desk.storage import audit, seals

from .helpers import ACTOR, make_desk, traced_peak, trust_both
from .test_streaming_import import court_records, write


def _imported(tmp_path, n_cases: int, noted: list[int]) -> tuple[int, int, int, list[int]]:
    """(Python memory peak, bundle bytes, records) of importing ``n_cases`` court cases at a
    fresh center, and how many rows the tracked-writes table held when the seals were made."""
    work = tmp_path / f"n{n_cases}"
    work.mkdir()
    court, center = make_desk(work, "court01", "court"), make_desk(work, "center01")
    trust_both(work, court, center)
    warm = write(work, court, center, court_records(court, center, 2), "warm.mdx")
    exchange.import_bundle(center, ACTOR, warm, dry_run=True)  # lazy imports, caches
    path = write(work, court, center, court_records(court, center, n_cases, events=12))
    noted.clear()
    report, peak = traced_peak(lambda: exchange.import_bundle(center, ACTOR, path))
    n = sum(report.counts.values())
    assert report.counts["new"] == n - 1  # everything but the court's own center is new
    check = seals.verify_records(center.db)  # every written row sealed, by range or by note
    assert check.problems == [], check.problems[:3]
    court.close()
    center.close()
    return peak, path.stat().st_size, n, list(noted)


def test_import_memory_grows_no_faster_than_the_bundle(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "BATCH", 50)  # many batches at both sizes: the batch is constant
    monkeypatch.setattr(container, "INFLATE_CHUNK", 32 * 1024)
    monkeypatch.setattr(backup, "backup_before_import", lambda store: None)  # a file copy
    noted: list[int] = []  # rows in the tracked-writes table when an operation is sealed
    real_seal = seals.seal_written

    def counting(db):
        noted.append(db.execute(f"SELECT count(*) FROM temp.{seals._WRITTEN}").fetchone()[0])
        return real_seal(db)

    monkeypatch.setattr(seals, "seal_written", counting)
    small = _imported(tmp_path, 150, noted)
    big = _imported(tmp_path, 600, noted)
    print(small[:3], big[:3])
    grown, bytes_more, records_more = (big[0] - small[0], big[1] - small[1], big[2] - small[2])
    assert records_more > 6000
    # what grows with the bundle: the file and its plaintext (2x), one member copied as a
    # merge base, the seal entries (24 bytes a record, base64, in the audit row); before
    # this was bounded an import held about 1 KB more per record (the notes, the lists)
    per_record = grown / records_more
    assert grown < 4 * bytes_more + 200 * records_more, (grown, bytes_more, records_more,
                                                         per_record)
    # the new rows were sealed by range: only the center's own record was noted (an update)
    assert big[3] == [1] and small[3] == [1], (small[3], big[3])


def test_a_large_audit_row_hashes_as_a_small_one_does():
    rng = random.Random(7)
    alphabet = 'ab"\\\n\t\x01中文😀{}:,'
    for size in (10, audit._PIECE + 3, 2 * audit._PIECE + 1):
        changes = "".join(rng.choice(alphabet) for _ in range(size))
        row = {"seq": 9, "at": "2026-12-02T00:00:00", "actor": '"changes":""', "action": "x",
               "case_id": None, "summary": 'a"changes":"" b', "changes": changes}
        whole = (("0" * 64) + json.dumps({k: row[k] for k in sorted(row)}, ensure_ascii=False,
                                         separators=(",", ":")))
        assert audit.row_hash("0" * 64, row) == hashlib.sha256(whole.encode()).hexdigest()
