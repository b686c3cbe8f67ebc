"""Search latency: the case list's first page and count, the app beside bare FTS5.

For each query (1, 2, 3 and 4+ character terms, names, phone and ID-number fragments,
case numbers, two common terms, terms of both indexes, a term found nowhere) it times
what the case list asks for: the first page (``PAGE`` rows in the list's order) and,
when that page is full, the count up to ``COUNT_CAP`` (ui/models/case_table.py):

* **app**: ``CaseService.page`` (the table model's first page, keyset) + ``CaseService.count``
  (the search's memo is cleared before every sample, so each sample reads the index as a
  new search does);
* **bare**: the same semantics in plain SQL on the same file — each index's terms as one
  FTS5 MATCH (``"a" AND "b"``; 1-2 character terms on the single-character index as a
  phrase, 4+ digits on the digit index as the phrase of their 4-digit grams),
  ``seq IN (SELECT rowid ...)`` per index, the list's ORDER BY and LIMIT, and a count
  stopped at the cap; its rows go through the same ``CaseRow`` maker as the app's;
* **trigram** (digit terms only): the bare SQL with the digit terms on the trigram index
  instead, the plan before m016, timed for comparison and its rows checked too.

Samples alternate (app, bare, app, ...) so both see the same machine (bare ones stop after
``BARE_BUDGET_S`` per query, at least 3: seconds each at a million). It checks that both
return the same rows (ids, in order) and the same count, and exits 1 if not. Reports the
median and p95 per query and per query class. Target: app p95 <= 30 ms at 100,000 cases.

    .venv/bin/python benchmarks/bench_search.py --db COPY.db [--sort received_on:desc]
        [--repeats 21] [--cases 100000 --rebuild]

``--db`` is an encrypted demo database (log in as 演示主任, password ``demo``), e.g. a
copy of the cached 100k demo (copy the .db and its .db.keys; never the cache itself).
Without it, a demo of ``--cases`` cases is built at benchmarks/out/demo-<cases>.db.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.queries import CaseFilter, CaseSort  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services import auth  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.storage import case_queries, search  # noqa: E402
from mediation_desk.storage.connection import connect  # noqa: E402

PAGE = 200  # ui/models/case_table.py PAGE: the case list's first page
COUNT_CAP = 500  # ui/models/case_table.py COUNT_CAP: the list counts up to here
REPEATS = 21
COLUMNS = case_queries._ROW_COLUMNS
NEWEST = CaseSort()


def pick_queries(con: sqlite3.Connection) -> list[tuple[str, str]]:
    """A fixed query set drawn deterministically from the data."""
    def first(sql: str) -> str:
        row = con.execute(sql).fetchone()
        return str(row[0]) if row else "无"

    names2 = [r[0] for r in con.execute(
        "SELECT name FROM parties WHERE length(name) = 2 AND kind = 'person' AND deleted = 0"
        " ORDER BY seq LIMIT 2")]
    names3 = [r[0] for r in con.execute(
        "SELECT name FROM parties WHERE length(name) = 3 AND kind = 'person' AND deleted = 0"
        " ORDER BY seq LIMIT 2")]
    phone = first("SELECT phone FROM parties WHERE phone != '' ORDER BY seq LIMIT 1")
    id_x = first("SELECT id_number FROM parties WHERE id_number LIKE '%X' ORDER BY seq LIMIT 1")
    number = first("SELECT number FROM cases WHERE deleted = 0 ORDER BY seq DESC LIMIT 1")
    serial = "".join(ch for ch in number.split("第")[-1] if ch.isdigit())
    return [
        ("1 char", "张"), ("1 char", "淄"), ("1 char", "8"),
        *(("2 chars name", n) for n in names2), ("2 chars", "物业"), ("2 chars", "13"),
        *(("3 chars name", n) for n in names3), ("3 chars", "马尚村"),
        ("phone", phone[-4:]), ("phone", phone[3:7]), ("phone", phone),
        ("ID number", id_x[-4:]), ("ID number", id_x),
        ("4+ text", "宅基地界址"), ("case number", number), ("case number", "（2026）"),
        ("case number", serial),
        ("two terms", "张 物业"), ("two terms", f"{names2[0]} 马尚"),
        ("both indexes", "张 马尚村"), ("nothing", "不存在的当事人"),
    ]


def percentile95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


DIGIT_TERM = re.compile("[0-9Xx]{4,}")


def bare_where(q: str, trigram: bool = False) -> tuple[str, list[str]]:
    """The search's semantics as plain FTS5 conditions (docs/search.md) on the file's three
    indexes: a term of 4+ digits (or X) as the phrase of its 4-character grams on the
    digit index, other terms of 3+ characters on the trigram index, 1-2 characters as a
    phrase on the single-character index; each index's terms as one MATCH. ``trigram``:
    digit terms on the trigram index too (the plan before m016)."""
    long_terms, short_terms, digit_terms = [], [], []
    for term in dict.fromkeys(q.split()):
        if not search._has_token(term):
            continue
        if not trigram and DIGIT_TERM.fullmatch(term):
            low = term.lower()
            digit_terms.append('"' + " ".join(low[i:i + 4] for i in range(len(low) - 3)) + '"')
            continue
        quoted = '"' + (term if len(term) >= 3 else search.char_split(term)).replace(
            '"', '""') + '"'
        (long_terms if len(term) >= 3 else short_terms).append(quoted)
    parts, params = [], []
    for table, exprs in (("case_fts", long_terms), ("case_fts_chars", short_terms),
                         ("case_fts_digits", digit_terms)):
        if exprs:
            parts.append(f"seq IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(" AND ".join(exprs))
    return " AND ".join(parts) or "0", params


def bare_query(bare: sqlite3.Connection, q: str, order: str, trigram: bool = False
               ) -> tuple[list[str], int]:
    """The first page and the capped count through bare SQL (rows made into the list's
    ``CaseRow`` by the same function as the app's, so both deliver the same objects)."""
    where, params = bare_where(q, trigram)
    rows = [case_queries._to_row(r) for r in bare.execute(
        f"SELECT {COLUMNS} FROM cases WHERE deleted = 0 AND {where} ORDER BY {order} LIMIT ?",
        [*params, PAGE])]
    total = len(rows)
    if total == PAGE:
        total = bare.execute(f"SELECT count(*) FROM (SELECT 1 FROM cases WHERE deleted = 0"
                             f" AND {where} LIMIT ?)", [*params, COUNT_CAP]).fetchone()[0]
    return [r.id for r in rows], total


def app_query(svc: CaseService, q: str | CaseFilter, sort: CaseSort = NEWEST
              ) -> tuple[list[str], int]:
    """The first page and the capped count through the application (bench_encryption.py
    passes a filter)."""
    search._CACHE.clear()  # a new search each time (page and count still share it)
    flt = q if isinstance(q, CaseFilter) else CaseFilter(text=q)
    rows = svc.page(flt, sort=sort, limit=PAGE).rows  # the table model's first page
    total = len(rows) if len(rows) < PAGE else svc.count(flt, cap=COUNT_CAP)
    return [r.id for r in rows], total


BARE_BUDGET_S = 20.0
"""Bare samples of one query stop after this much time (at least 3 taken): at a million
cases bare FTS5 takes seconds for a common term; the app's samples continue, alternating
with the bare ones while those last."""


CPU: dict[str, list[float]] = {"app": [], "bare": []}
"""The CPU time (ms, this process: SQLite runs in it) of every sample, beside the wall
time: on a machine shared with other work, wall time also counts waiting for a core."""


def timed_pair(app: Callable[[], Any], bare: Callable[[], Any], repeats: int
               ) -> tuple[list[float], list[float], Any, Any]:
    a_ms: list[float] = []
    b_ms: list[float] = []
    a_out = b_out = None
    CPU["app"], CPU["bare"] = [], []
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        a_out = app()
        a_ms.append((time.perf_counter() - t) * 1000)
        CPU["app"].append((time.process_time() - c) * 1000)
        if len(b_ms) < 3 or sum(b_ms) < BARE_BUDGET_S * 1000:
            t, c = time.perf_counter(), time.process_time()
            b_out = bare()
            b_ms.append((time.perf_counter() - t) * 1000)
            CPU["bare"].append((time.process_time() - c) * 1000)
    return a_ms, b_ms, a_out, b_out


def timed_alone(run: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    """``repeats`` samples (fewer past BARE_BUDGET_S, at least 3) and the last result."""
    ms: list[float] = []
    out = None
    while len(ms) < 3 or (len(ms) < repeats and sum(ms) < BARE_BUDGET_S * 1000):
        t = time.perf_counter()
        out = run()
        ms.append((time.perf_counter() - t) * 1000)
    return ms, out


def open_db(args: argparse.Namespace) -> Path:
    if args.db is None:
        args.db = ROOT / "benchmarks" / "out" / f"demo-{args.cases}.db"
        args.db.parent.mkdir(parents=True, exist_ok=True)
        if args.rebuild:
            for old in (args.db, keyfile_path(args.db)):
                old.unlink(missing_ok=True)
        if not args.db.exists():
            t = time.perf_counter()
            build_demo(args.db, cases=args.cases, seed=1)
            print(f"generation: {args.cases} cases in {time.perf_counter() - t:.1f} s")
    return Path(args.db)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="an encrypted demo database (a copy)")
    ap.add_argument("--cases", type=int, default=100_000, help="size to build without --db")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--repeats", type=int, default=REPEATS)
    ap.add_argument("--trigram-repeats", type=int, default=7,
                    help="samples of the trigram-only bare plan for digit terms")
    ap.add_argument("--sort", default="received_on:desc",
                    help="the list's sort key and direction, e.g. party_names:asc")
    args = ap.parse_args(argv)
    path = open_db(args)
    key_name, _, direction = args.sort.partition(":")
    sort = CaseSort(key=key_name, descending=direction != "asc")
    order = (case_queries._SORT_COLUMNS[key_name].format(d="DESC" if sort.descending else "ASC")
             + f", cases.seq {'DESC' if sort.descending else 'ASC'}")

    account_id, key = demo_login(path)
    store = auth.open_as(path, account_id, key, readonly=True)
    svc = CaseService(store)
    bare = connect(path, key=key, readonly=True)
    print(f"database: {path} ({path.stat().st_size / 1024 / 1024:.0f} MB),"
          f" {svc.count()} live cases; sort {args.sort}; {args.repeats} samples each,"
          f" app and bare alternating")
    print(f"\n{'class':<13}{'query':<22}{'hits':>6}  {'app med / p95':>14}  {'bare med / p95':>15}"
          f"  {'trigram med / p95':>18}")
    by_class: dict[str, tuple[list[float], list[float]]] = {}
    cpu_class: dict[str, tuple[list[float], list[float]]] = {}
    wrong = 0
    worst = 0.0
    for kind, q in pick_queries(bare):
        a_ms, b_ms, a_out, b_out = timed_pair(lambda q=q: app_query(svc, q, sort),
                                              lambda q=q: bare_query(bare, q, order),
                                              args.repeats)
        same = a_out == b_out
        trigram = ""
        if any(DIGIT_TERM.fullmatch(t) for t in q.split()):
            t_ms, t_out = timed_alone(lambda q=q: bare_query(bare, q, order, trigram=True),
                                      args.trigram_repeats)
            same = same and t_out == a_out
            trigram = f"  {statistics.median(t_ms):>9.1f} /{percentile95(t_ms):>6.1f}"
        wrong += not same
        hits = f"{a_out[1]}{'+' if a_out[1] >= COUNT_CAP else ''}"
        cls = by_class.setdefault(kind, ([], []))
        cls[0].extend(a_ms)
        cls[1].extend(b_ms)
        cpu = cpu_class.setdefault(kind, ([], []))
        cpu[0].extend(CPU["app"])
        cpu[1].extend(CPU["bare"])
        worst = max(worst, percentile95(a_ms))
        fewer = f" ({len(b_ms)} bare samples)" if len(b_ms) < len(a_ms) else ""
        print(f"{kind:<13}{q:<22}{hits:>6}  {statistics.median(a_ms):>6.1f} /"
              f"{percentile95(a_ms):>6.1f}  {statistics.median(b_ms):>7.1f} /"
              f"{percentile95(b_ms):>6.1f}{trigram}{fewer}"
              f"{'' if same else '   DIFFERENT RESULTS'}")
    print(f"\n{'class':<13}{'app med / p95':>20}  {'bare med / p95':>15}   (wall ms; CPU ms)")
    for kind, (a_ms, b_ms) in by_class.items():
        a_cpu, b_cpu = cpu_class[kind]
        print(f"{kind:<13}{statistics.median(a_ms):>12.1f} /{percentile95(a_ms):>6.1f}"
              f"  {statistics.median(b_ms):>7.1f} /{percentile95(b_ms):>6.1f}"
              f"   CPU app {statistics.median(a_cpu):.1f} / {percentile95(a_cpu):.1f},"
              f" bare {statistics.median(b_cpu):.1f} / {percentile95(b_cpu):.1f}")
    worst_cpu = max(percentile95(a) for a, _ in cpu_class.values())
    print(f"\nworst app p95: {worst:.1f} ms, CPU {worst_cpu:.1f} ms (target <= 30 ms at 100k,"
          f" <= 100 ms at 1M);"
          f" results {'identical' if not wrong else f'DIFFERENT for {wrong} queries'}")
    store.close()
    bare.close()
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
