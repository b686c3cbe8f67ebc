"""What encryption at rest costs: the encrypted 100,000-case demo against the same database
decrypted, in the same run (issue 11's targets).

* **search**: the case list's page + count through the application (``CaseService``) for
  the query set of ``bench_search.py``, encrypted and plain interleaved query by query;
  p95 over all samples (target: encrypted ≤ 1.3 × plain), and each query's hits compared;
* **start-up to first rows after login**: a fresh process opens the database with the data
  key (``auth.open_as``: the checks, the schema comparison) and reads the first page and
  count of the case list; median of ``--runs`` runs each, interleaved (target ≤ 1.2 ×);
  imports and the password's Argon2id are outside this figure (they are the same for both,
  or absent for a plain file) and measured on their own as
* **unlock**: ``auth.unlock`` of a slot made with today's parameters (``security/keyfile.py``
  KDF_*: Argon2id m=46 MiB, t=2), then the key check (target ≤ 0.5 s).

Both files are fresh ``sqlcipher_export`` copies of the demo (one under the demo's data
key, one with no key), so they have the same pages in the same order.

    .venv/bin/python benchmarks/bench_encryption.py [--db PATH] [--work DIR] [--runs 7]

Without ``--db`` the cached 100,000-case demo (the GUI tests' ``cached_demo``) is used,
built once if missing (several minutes). The copies (about 1 GB each) go to ``--work``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_search import COUNT_CAP, app_query, pick_queries  # noqa: E402

from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.security.keyfile import (  # noqa: E402
    KDF_MEMORY_KIB,
    KDF_TIME,
    editing,
    keyfile_path,
    new_slot,
)
from mediation_desk.services import auth  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.demo import DEMO_DIRECTOR, DEMO_PASSWORD, cached_demo  # noqa: E402
from mediation_desk.storage.connection import connect, export_to  # noqa: E402
from mediation_desk.storage.store import Store  # noqa: E402

CACHE = Path("/tmp/mediation-desk-cache")
REPEATS = 15

FIRST_ROWS = """
import json, sys, time
sys.path.insert(0, {root!r})
from mediation_desk.domain.queries import CaseFilter
from mediation_desk.services.cases import CaseService
from mediation_desk.storage.store import Store
key = bytes.fromhex({key!r}) if {key!r} else None
t = time.perf_counter()
store = Store.open({db!r}, key=key, readonly=True)
svc = CaseService(store)
rows = svc.list(CaseFilter(), limit=50)
total = svc.count(CaseFilter(), cap=500)
elapsed = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed, "ids": [c.id for c in rows], "count": total}}))
"""


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def copies(db: Path, key: bytes, work: Path) -> tuple[Path, Path]:
    """Fresh exports of ``db``: (encrypted under ``key``, plain)."""
    enc, plain = work / "encrypted.db", work / "plain.db"
    for target, target_key in ((enc, key), (plain, None)):
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        t = time.perf_counter()
        conn = connect(db, key=key, isolation_level=None)
        try:
            export_to(conn, target, target_key)
        finally:
            conn.close()
        print(f"exported {'encrypted' if target_key else 'plain'} copy in "
              f"{time.perf_counter() - t:.1f} s ({target.stat().st_size / 2**20:.0f} MiB)",
              flush=True)
    return enc, plain


def search(enc: Store, plain: Store) -> dict[str, float]:
    svc_e, svc_p = CaseService(enc), CaseService(plain)
    bare = enc.db.conn
    queries = pick_queries(bare)  # type: ignore[arg-type]
    all_e: list[float] = []
    all_p: list[float] = []
    print(f"\n{'kind':<14}{'query':<22}{'hits':>6}  {'encrypted p95':>14}  {'plain p95':>10}"
          f"  {'ratio':>6}")
    for kind, q in queries:
        flt = CaseFilter(text=q)
        same = ([c.id for c in svc_e.list(flt, limit=50)], svc_e.count(flt, cap=COUNT_CAP)) \
            == ([c.id for c in svc_p.list(flt, limit=50)], svc_p.count(flt, cap=COUNT_CAP))
        if not same:
            raise SystemExit(f"different results for {q!r}")
        e_samples: list[float] = []
        p_samples: list[float] = []
        for _ in range(REPEATS):  # interleaved: both see the same machine load
            for svc, out in ((svc_e, e_samples), (svc_p, p_samples)):
                t = time.perf_counter()
                app_query(svc, flt)
                out.append((time.perf_counter() - t) * 1000)
        all_e += e_samples
        all_p += p_samples
        hits = svc_e.count(flt, cap=COUNT_CAP)
        print(f"{kind:<14}{q:<22}{hits:>6}  {p95(e_samples):>11.1f} ms  {p95(p_samples):>7.1f} ms"
              f"  {p95(e_samples) / max(p95(p_samples), 1e-9):>5.2f}×")
    result = {"search_p95_encrypted_ms": p95(all_e), "search_p95_plain_ms": p95(all_p),
              "search_median_encrypted_ms": statistics.median(all_e),
              "search_median_plain_ms": statistics.median(all_p)}
    result["search_p95_ratio"] = result["search_p95_encrypted_ms"] / result["search_p95_plain_ms"]
    print(f"all queries: p95 {result['search_p95_encrypted_ms']:.1f} ms encrypted, "
          f"{result['search_p95_plain_ms']:.1f} ms plain: {result['search_p95_ratio']:.2f}× "
          "(target ≤ 1.3×)")
    return result


def first_rows(enc: Path, plain: Path, key: bytes, runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"encrypted": [], "plain": []}
    seen: dict[str, object] = {}
    for _ in range(runs):
        for label, db, k in (("encrypted", enc, key.hex()), ("plain", plain, "")):
            code = FIRST_ROWS.format(root=str(ROOT), db=str(db), key=k)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            data = json.loads(out.stdout.strip().splitlines()[-1])
            times[label].append(data["seconds"])
            seen[label] = (data["ids"], data["count"])
    if seen["encrypted"] != seen["plain"]:
        raise SystemExit("the first rows differ")
    e, p = statistics.median(times["encrypted"]), statistics.median(times["plain"])
    print(f"\nstart-up to first rows (open + first page + count, after login), median of {runs}:"
          f" {e * 1000:.0f} ms encrypted, {p * 1000:.0f} ms plain: {e / p:.2f}× (target ≤ 1.2×)")
    return {"first_rows_encrypted_ms": e * 1000, "first_rows_plain_ms": p * 1000,
            "first_rows_ratio": e / p}


def unlock(db: Path, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        auth.unlock(db, DEMO_DIRECTOR, DEMO_PASSWORD)
        samples.append(time.perf_counter() - t)
    med, worst = statistics.median(samples), max(samples)
    print(f"\nunlock with a password (Argon2id m={KDF_MEMORY_KIB // 1024} MiB t={KDF_TIME} + key "
          f"check), {runs} runs: median "
          f"{med * 1000:.0f} ms, slowest {worst * 1000:.0f} ms (target ≤ 500 ms)")
    return {"unlock_median_ms": med * 1000, "unlock_max_ms": worst * 1000}


KDF_CANDIDATES = ((64 * 1024, 3), (64 * 1024, 2), (46 * 1024, 2), (32 * 1024, 2),
                  (19 * 1024, 2), (46 * 1024, 1))


def kdf_table(runs: int) -> None:
    """Argon2id alone (p=1) for a few parameter sets: what the unlock figure is made of."""
    from argon2.low_level import Type, hash_secret_raw

    print("\nArgon2id alone (p=1), median of", runs)
    for memory, t_cost in KDF_CANDIDATES:
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            hash_secret_raw(b"demo", os.urandom(16), time_cost=t_cost, memory_cost=memory,
                            parallelism=1, hash_len=32, type=Type.ID)
            samples.append(time.perf_counter() - t)
        median = statistics.median(samples) * 1000
        print(f"  m={memory // 1024:>2} MiB t={t_cost}: {median:5.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, help="an encrypted demo database (with its key file)")
    ap.add_argument("--work", type=Path, help="where the two copies go (default: a temp dir)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the copies")
    ap.add_argument("--kdf-table", action="store_true",
                    help="only time Argon2id for a few parameter sets")
    args = ap.parse_args()
    if args.kdf_table:
        kdf_table(args.runs)
        return 0
    db = args.db or cached_demo(CACHE, 100_000, 7)
    work = args.work or Path(tempfile.mkdtemp(prefix="md-bench-encryption-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"database: {db} ({db.stat().st_size / 2**20:.0f} MiB)")
    _, key = auth.unlock(db, DEMO_DIRECTOR, DEMO_PASSWORD)
    enc, plain = copies(db, key, work)
    shutil.copy(keyfile_path(db), keyfile_path(enc))  # the same slots open the copy
    with editing(enc) as keys:  # the director's slot as a desk made today has it
        old = keys.slot_named(DEMO_DIRECTOR)
        assert old is not None
        keys.put(new_slot(keys.file_id, old.account_id, old.name, DEMO_PASSWORD, key))
    results = unlock(enc, args.runs)
    store_e = Store.open(enc, key=key, readonly=True)
    store_p = Store.open(plain, readonly=True)
    try:
        results |= search(store_e, store_p)
    finally:
        store_e.close()
        store_p.close()
    results |= first_rows(enc, plain, key, args.runs)
    print("\n" + json.dumps({k: round(v, 3) for k, v in results.items()}, indent=1))
    if not args.keep:
        for p in work.iterdir():
            p.unlink()
        if args.work is None:
            os.rmdir(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
