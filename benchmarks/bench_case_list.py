"""The case list's pages and the dashboard's counts: the app beside bare SQL of the same work.

For each sort key and direction of the case list it times three pages of ``PAGE`` rows:
the first, a deep one (page 2,000, or the middle page on a smaller database) and the last;
then the first page of each filter of the cases page; then the dashboard.

* **app**: ``CaseService.page`` — keyset paging (``storage/case_queries.page_cases``) with
  the cursor of the page before (taken once per page with ``cursor_at``, not timed), and
  ``CaseService.dashboard``;
* **bare keyset**: the best plain SQL for the same page on the same file and indexes: the
  list's ORDER BY, ``(sort columns, seq) < (the previous page's last row)`` and LIMIT,
  written by hand (cases with no deadline or no amount as a part of their own), reading
  the same columns as tuples (the app also makes each row a ``CaseRow``);
* **bare offset**: the same ORDER BY with LIMIT/OFFSET (how the list paged before), on the
  same file and indexes; SQLite chooses its plan (deep and last pages: one sample, they
  take seconds at 1M);
* dashboard **bare**: one plain ``count(*) ... WHERE deleted = 0 AND ...`` per figure
  (how it counted before), on the same indexes.

Samples alternate (app, bare keyset, bare offset, app, ...) so all see the same machine.
It checks that all give the same rows (ids, in order) and counts, and exits 1 if not.
Reports wall-clock medians and p95 in milliseconds, and each one's median CPU time (the
process's, SQLite included: on a loaded shared machine wall time is mostly waiting for a
core). Targets at 1,000,000 cases: any page <= 50 ms, the dashboard <= 10 ms.

    .venv/bin/python benchmarks/bench_case_list.py [--db COPY.db] [--repeats 11]

Without ``--db`` the cached 100k demo (/tmp/mediation-desk-cache, upgraded to today's
schema by ``cached_demo``) is copied to benchmarks/out/case-list-100k.db and used; ``--db``
is an encrypted demo database (log in as 演示主任, password ``demo``), e.g. H6's 1M one
(a copy: opening it migrates it).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import astuple
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.enums import CaseFlag, CaseSource, CaseStatus, DisputeType  # noqa: E402
from mediation_desk.domain.queries import CaseFilter, CaseSort  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services import auth  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.demo import cached_demo, demo_login, open_demo  # noqa: E402
from mediation_desk.storage import case_queries  # noqa: E402
from mediation_desk.storage.connection import connect  # noqa: E402
from tests.storage.dashboard_oracle import bare_dashboard  # noqa: E402

PAGE = 200  # ui/models/case_table.py PAGE
DEEP = 2000
REPEATS = 11
CACHE = Path("/tmp/mediation-desk-cache")
COLUMNS = case_queries._ROW_COLUMNS  # bare reads the same columns as the app (id first)

ORDERS = {  # the list's orders, written out for bare SQL: (columns, no-value part)
    "number": (("year", "serial"), None), "status": (("status", "received_on"), None),
    "dispute_type": (("dispute_type", "received_on"), None),
    "source": (("source", "received_on"), None), "received_on": (("received_on",), None),
    "due_on": (("due_on",), "due_on"), "party_names": (("party_names",), None),
    "mediator_names": (("mediator_names",), None), "amount": (("amount_fen",), "amount_fen"),
    "center": (("center_id", "year", "serial"), None),
}


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


CPU: list[list[float]] = []  # the last timed() call's CPU milliseconds per callable


def timed(runs: list[Callable[[], Any]], repeats: int, *, once: tuple[int, ...] = ()
          ) -> tuple[list[list[float]], list[Any]]:
    """Each callable ``repeats`` times, interleaved; wall milliseconds and the last results
    (CPU milliseconds in ``CPU``: on a shared machine wall time includes waiting for a core)."""
    ms: list[list[float]] = [[] for _ in runs]
    CPU[:] = [[] for _ in runs]
    out: list[Any] = [None] * len(runs)
    for r in range(repeats):
        for n, run in enumerate(runs):
            if r and n in once:
                continue
            c = time.process_time()
            t = time.perf_counter()
            out[n] = run()
            ms[n].append((time.perf_counter() - t) * 1000)
            CPU[n].append((time.process_time() - c) * 1000)
    return ms, out


def bare_order(key: str, descending: bool) -> str:
    cols, nullable = ORDERS[key]
    d = "DESC" if descending else "ASC"
    head = "due_on IS NULL, " if key == "due_on" else ""
    return head + ", ".join(f"{c} {d}" for c in (*cols, "seq"))


def bare_offset(con: sqlite3.Connection, key: str, descending: bool, offset: int
                ) -> list[str]:
    return [r[0] for r in con.execute(
        f"SELECT {COLUMNS} FROM cases WHERE deleted = 0 ORDER BY {bare_order(key, descending)}"
        " LIMIT ? OFFSET ?", [PAGE, offset])]


def bare_keyset(con: sqlite3.Connection, key: str, descending: bool,
                last: tuple[Any, ...] | None) -> list[str]:
    """The page after the row whose (sort columns..., seq) is ``last``: plain SQL."""
    cols, nullable = ORDERS[key]
    d, op = ("DESC", "<") if descending else ("ASC", ">")
    parts: list[tuple[str, tuple[str, ...]]] = [("1", cols)]
    if nullable:
        with_value = (f"{nullable} IS NOT NULL", cols)
        without = (f"{nullable} IS NULL", ())
        nulls_last = key == "due_on" or descending
        parts = [with_value, without] if nulls_last else [without, with_value]
    ids: list[str] = []
    started = last is None
    for cond, pcols in parts:
        keys = (*pcols, "seq")
        where, params = f"deleted = 0 AND {cond}", []
        if not started:
            values = con.execute(f"SELECT {', '.join(keys)} FROM cases WHERE seq = ?"
                                 f" AND {cond}", [last[-1]]).fetchone()
            if values is None:
                continue  # the last row is in a later part
            started = True
            where += f" AND ({', '.join(keys)}) {op} ({', '.join('?' * len(keys))})"
            params = list(values)
        ids += [r[0] for r in con.execute(
            f"SELECT {COLUMNS} FROM cases WHERE {where} ORDER BY"
            f" {', '.join(f'{c} {d}' for c in keys)} LIMIT ?", [*params, PAGE - len(ids)])]
        if len(ids) >= PAGE:
            break
    return ids


def last_row_key(con: sqlite3.Connection, key: str, descending: bool, offset: int
                 ) -> tuple[Any, ...] | None:
    if offset <= 0:
        return None
    row = con.execute(f"SELECT seq FROM cases WHERE deleted = 0 ORDER BY"
                      f" {bare_order(key, descending)} LIMIT 1 OFFSET ?", [offset - 1]).fetchone()
    return (row[0],)


def filters(today: date, con: sqlite3.Connection) -> dict[str, tuple[CaseFilter, str, list[Any]]]:
    """The cases page's filters: the app's filter and bare SQL of it."""
    mediator = con.execute("SELECT mediator_id FROM case_mediators GROUP BY mediator_id"
                           " ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    year = int(con.execute("SELECT max(year) FROM cases").fetchone()[0])
    t, soon = today.isoformat(), (today + timedelta(days=7)).isoformat()
    return {
        "open cases": (CaseFilter(open_only=True), "status IN ('registered', 'accepted',"
                       " 'mediating', 'suspended')", []),
        "registered": (CaseFilter(statuses=(CaseStatus.REGISTERED,)),
                       "status = 'registered'", []),
        "archived": (CaseFilter(statuses=(CaseStatus.ARCHIVED,)), "status = 'archived'", []),
        "overdue": (CaseFilter(overdue=True),
                    "status IN ('accepted', 'mediating') AND due_on < ?", [t]),
        "due soon": (CaseFilter(due_within=7), "status IN ('accepted', 'mediating')"
                     " AND due_on >= ? AND due_on <= ?", [t, soon]),
        "type 邻里": (CaseFilter(dispute_types=(DisputeType.NEIGHBOUR,)),
                    "dispute_type = 'neighbour'", []),
        "type 环境": (CaseFilter(dispute_types=(DisputeType.ENVIRONMENT,)),
                    "dispute_type = 'environment'", []),
        "source 当事人申请": (CaseFilter(sources=(CaseSource.PARTY_APPLICATION,)),
                         "source = 'party_application'", []),
        "flag 风险": (CaseFilter(flags=(CaseFlag.RISK,)),
                    "EXISTS (SELECT 1 FROM json_each(flags) WHERE value = 'risk')", []),
        "flag 仅金钱": (CaseFilter(flags=(CaseFlag.MONEY_ONLY,)),
                     "EXISTS (SELECT 1 FROM json_each(flags) WHERE value = 'money_only')", []),
        "mediator (busiest)": (CaseFilter(mediator_id=mediator), "id IN (SELECT case_id FROM"
                               " case_mediators WHERE mediator_id = ?)", [mediator]),
        f"received {year}-Q1": (CaseFilter(received_from=date(year, 1, 1),
                                           received_to=date(year, 3, 31)),
                                "received_on >= ? AND received_on <= ?",
                                [f"{year}-01-01", f"{year}-03-31"]),
        "archived + family": (CaseFilter(statuses=(CaseStatus.ARCHIVED,),
                                         flags=(CaseFlag.FAMILY,)),
                              "status = 'archived' AND EXISTS (SELECT 1 FROM json_each(flags)"
                              " WHERE value = 'family')", []),
    }


class PlainApp:
    """``CaseService.page`` and ``.dashboard`` over a plain file: the same storage calls."""

    def __init__(self, db: sqlite_utils.Database, today: date, warn_days: int) -> None:
        self.db, self.day, self.warn = db, today, warn_days

    def page(self, flt: CaseFilter = CaseFilter(), *, sort: CaseSort = CaseSort(),  # noqa: B008
             after: Any = None, limit: int = PAGE) -> Any:
        return case_queries.page_cases(self.db, flt, today=self.day, sort=sort, after=after,
                                       limit=limit)

    def dashboard(self) -> Any:
        return case_queries.dashboard_counts(self.db, today=self.day, warn_days=self.warn)


def open_db(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    cached = cached_demo(CACHE, 100_000, 7)
    target = ROOT / "benchmarks" / "out" / "case-list-100k.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_mtime < cached.stat().st_mtime:
        shutil.copyfile(keyfile_path(cached), keyfile_path(target))
        shutil.copyfile(cached, target)
    return target


def row(label: str, ms: list[list[float]], same: bool) -> str:
    cells = "".join(f"  {statistics.median(m):>7.1f} /{p95(m):>6.1f}" for m in ms)
    cpu = "".join(f" {statistics.median(m):>6.1f}" for m in CPU)
    return f"{label:<34}{cells}   cpu{cpu}{'' if same else '   DIFFERENT RESULTS'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="an encrypted demo database (a copy)")
    ap.add_argument("--repeats", type=int, default=REPEATS)
    ap.add_argument("--keys", default=",".join(ORDERS),
                    help="sort keys to time (empty: only the filters and the dashboard)")
    ap.add_argument("--plain", type=Path, help="instead: an unencrypted file with today's"
                    " cases table and indexes (e.g. a synthetic 1M one); the app's queries"
                    " (storage/case_queries) are called on it directly")
    args = ap.parse_args(argv)
    if args.plain is not None:
        path = args.plain
        db = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
        bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        today, warn = date.today(), 7
        app: Any = PlainApp(db, today, warn)
        store = None
    else:
        path = open_db(args)
        open_demo(path).close()  # brings the schema up to date (a copy: this migrates it)
        account_id, key = demo_login(path)
        store = auth.open_as(path, account_id, key, readonly=True)
        app = CaseService(store)
        bare = connect(path, key=key, readonly=True)
        today, warn = app.today(), app.settings.due_soon_days
        db = store.db
    svc = app
    total = int(bare.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0])
    pages = (total + PAGE - 1) // PAGE
    deep = min(DEEP, max(pages // 2, 1))
    print(f"database: {path} ({path.stat().st_size / 1024 / 1024:.0f} MB), {total} live"
          f" cases, {pages} pages of {PAGE}; deep page {deep + 1}; {args.repeats} samples"
          " each, interleaved; milliseconds, median / p95")
    print(f"\n{'order, page':<34}{'app':>16}{'bare keyset':>16}{'bare offset':>16}")
    wrong = 0
    worst = 0.0
    for name in filter(None, args.keys.split(",")):
        for descending in (False, True):
            sort = CaseSort(name, descending)
            for label, page in (("first", 0), (f"page {deep + 1}", deep), ("last", pages - 1)):
                offset = page * PAGE
                cursor = case_queries.cursor_at(db, CaseFilter(), today=today, sort=sort,
                                                offset=offset, limit=PAGE)
                last = last_row_key(bare, name, descending, offset)
                ms, out = timed([
                    lambda s=sort, c=cursor: [r.id for r in svc.page(sort=s, after=c,
                                                                      limit=PAGE).rows],
                    lambda n=name, d=descending, k=last: bare_keyset(bare, n, d, k),
                    lambda n=name, d=descending, o=offset: bare_offset(bare, n, d, o),
                ], args.repeats, once=(2,) if page else ())
                same = out[0] == out[1] == out[2] and len(out[0]) > 0
                wrong += not same
                worst = max(worst, p95(ms[0]))
                print(row(f"{name} {'desc' if descending else 'asc'}, {label}", ms, same))
    print(f"\n{'filter (first page, newest first)':<34}{'app':>16}{'bare':>16}")
    for label, (flt, where, params) in filters(today, bare).items():
        sql = (f"SELECT {COLUMNS} FROM cases WHERE deleted = 0 AND {where}"
               " ORDER BY received_on DESC, seq DESC LIMIT ?")
        ms, out = timed([
            lambda f=flt: [r.id for r in svc.page(f, limit=PAGE).rows],
            lambda s=sql, p=params: [r[0] for r in bare.execute(s, [*p, PAGE])],
        ], args.repeats)
        same = out[0] == out[1]
        wrong += not same
        worst = max(worst, p95(ms[0]))
        print(row(f"{label} ({len(out[1])})", ms, same))
    ms, out = timed([lambda: astuple(svc.dashboard()),
                     lambda: bare_dashboard(bare, today, warn)], args.repeats)
    same = out[0] == out[1]
    wrong += not same
    print(f"\n{'dashboard':<34}{'app':>16}{'bare':>16}")
    print(row("seven counts", ms, same))
    print(f"\nworst page p95: {worst:.1f} ms (target <= 50 ms at 1M); dashboard p95"
          f" {p95(ms[0]):.1f} ms (target <= 10 ms at 1M); results"
          f" {'identical' if not wrong else f'DIFFERENT in {wrong} rows'}")
    if store is not None:
        store.close()
    bare.close()
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
