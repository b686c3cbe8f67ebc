"""Build a 100,000-case demo database and measure search latency.

Reports generation time, file size, and the median and p95 latency of a fixed
query set (1, 2, 3 and 4+ character terms, names and phone fragments) through
the application's search (``CaseService.list`` + ``count``) beside the same
FTS queries run through bare sqlite3 on the same file, and a plain LIKE scan
for contrast. Target: every query's p95 under 30 ms at 100,000 cases.

    uv run python benchmarks/bench_search.py [--cases 100000] [--db PATH] [--rebuild]

The demo database is encrypted: both the application and the bare connection open it
with the data key that logging in as 演示主任 (password ``demo``) unwraps.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.queries import CaseFilter  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services import auth  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.storage import search  # noqa: E402
from mediation_desk.storage.connection import connect  # noqa: E402

REPEATS = 15
COUNT_CAP = 500  # the case list shows “500+” beyond this


def pick_queries(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """A fixed query set drawn deterministically from the data."""
    names2 = [r[0] for r in con.execute(
        "SELECT name FROM parties WHERE length(name) = 2 AND kind = 'person'"
        " ORDER BY seq LIMIT 3")]
    names3 = [r[0] for r in con.execute(
        "SELECT name FROM parties WHERE length(name) = 3 AND kind = 'person'"
        " ORDER BY seq LIMIT 3")]
    phone = con.execute(
        "SELECT phone FROM parties WHERE phone != '' ORDER BY seq LIMIT 1").fetchone()[0]
    number = con.execute("SELECT number FROM cases ORDER BY seq DESC LIMIT 1").fetchone()[0]
    return [
        ("1 char", "张"), ("1 char", "淄"), ("1 char", "8"),
        *(("2 chars name", n) for n in names2), ("2 chars", "物业"), ("2 chars", "13"),
        *(("3 chars name", n) for n in names3), ("3 chars", "马尚村"),
        ("3 chars phone", phone[-3:]),
        ("4+ phone", phone[-4:]), ("4+ phone", phone[3:7]), ("4+ phone", phone),
        ("4+ text", "宅基地界址"), ("4+ number", number), ("4+ two terms", f"{names2[0]} 马尚"),
    ]


def timed(fn: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


def app_query(svc: CaseService, flt: CaseFilter) -> None:
    """The case list's page and count, through the application."""
    svc.list(flt, limit=50)
    svc.count(flt, cap=COUNT_CAP)


def fts_query(bare: sqlite3.Connection, where: str, params: list[str]) -> None:
    """The same FTS page and count through bare sqlite3."""
    bare.execute(f"SELECT id, number, status, received_on, party_names FROM cases"
                 f" WHERE deleted = 0 AND {where} ORDER BY received_on DESC, seq DESC"
                 f" LIMIT 50", params).fetchall()
    bare.execute(f"SELECT count(*) FROM cases WHERE deleted = 0 AND {where}",
                 params).fetchone()


def like_query(bare: sqlite3.Connection, q: str) -> None:
    """A plain LIKE scan, for contrast."""
    pat = f"%{q}%"
    bare.execute("SELECT id FROM cases WHERE party_names LIKE ? OR facts LIKE ?"
                 " OR number LIKE ? ORDER BY received_on DESC LIMIT 50",
                 [pat, pat, pat]).fetchall()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=ROOT / "benchmarks" / "out" / "demo-100k.db")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.db.exists() and auth.state(args.db) == "plain":
        print(f"{args.db} is an unencrypted demo from an older version: rebuilding it")
        args.rebuild = True
    if args.rebuild:
        for old in (args.db, keyfile_path(args.db)):
            old.unlink(missing_ok=True)
    if not args.db.exists():
        t = time.perf_counter()
        build_demo(args.db, cases=args.cases, seed=1)
        print(f"generation: {args.cases} cases in {time.perf_counter() - t:.1f} s")
    size = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*"))
    print(f"database size: {size / 1024 / 1024:.1f} MB ({args.db})")

    account_id, key = demo_login(args.db)
    store = auth.open_as(args.db, account_id, key, readonly=True)
    svc = CaseService(store)
    bare = connect(args.db, key=key, readonly=True)
    total = svc.count()
    print(f"cases: {total}")
    queries = pick_queries(bare)
    print(f"\n{'kind':<14}{'query':<24}{'hits':>7}  {'app page+count':>16}  {'bare fts':>12}"
          f"  {'bare LIKE':>12}   (median / p95 ms)")
    worst = 0.0
    for kind, q in queries:
        flt = CaseFilter(text=q)
        where_parts: list[str] = []
        params: list[str] = []
        for term in q.split():
            table = "case_fts" if len(term) >= 3 else "case_fts_chars"
            text = term if len(term) >= 3 else search.char_split(term)
            where_parts.append(f"seq IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append('"' + text + '"')
        where = " AND ".join(where_parts)
        hits = svc.count(flt, cap=COUNT_CAP)
        a_med, a_p95 = timed(partial(app_query, svc, flt))
        f_med, f_p95 = timed(partial(fts_query, bare, where, params))
        l_med, l_p95 = timed(partial(like_query, bare, q), 3)
        worst = max(worst, a_p95)
        print(f"{kind:<14}{q:<24}{hits:>7}  {a_med:>7.1f} /{a_p95:>6.1f}"
              f"  {f_med:>5.1f} /{f_p95:>5.1f}  {l_med:>5.1f} /{l_p95:>5.1f}")
    print(f"\nworst app p95: {worst:.1f} ms (target < 30 ms)")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
