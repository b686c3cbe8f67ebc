"""Bytes written per case added, and demo generation speed, against bare SQLite.

**Writes** (issue 14 item 3: bytes written per case added at most 5x the bytes stored per
case). On copies of the 100,000-case demo (migrated once to today's schema) the same
1,000 new cases are added four ways, each on its own fresh copy:

* ``register``: the application's normal path, ``CaseService.register_case`` one case per
  operation (its audit row, seals and commit each time), as a mediator registers them;
* ``bare register``: the same rows (read back from the application's copy) inserted with
  raw SQL, one transaction per case, into the same schema and encryption;
* ``bulk``: ``store.cases.insert_batch`` in operations of ``demo.BATCH`` cases, the demo
  generator's path, with full histories (events, agreements);
* ``bare bulk``: the same rows with one ``executemany`` per table per batch.

Each is measured from before the first write until the WAL is checkpointed into the file:
``wchar`` (bytes passed to write calls: the WAL frames and the checkpoint's page writes)
and ``write_bytes`` (bytes the kernel sent to storage) of ``/proc/self/io``, CPU and wall
time. Stored bytes per case are the file's size over its live cases (the issue's 8.9 KB),
and the growth of the file per case added. Both sides must store the same rows (a digest
of every row added, search entries included).

**Build** (``--build N``): a new demo of N cases into a fresh path (never the shared cache),
reporting cases/s per tenth of the build and overall, wall and CPU (this process's and the
generator process's, services/demo_batches.py); ``--check`` runs the integrity check on it;
then the bare floor: the same rows read back from that demo and inserted into an empty demo
file of the same schema and encryption with the build's treatment of a new file (secondary
indexes deferred and made at the end inside the time, ``synchronous = OFF``, the same page
cache), ``executemany`` per table per batch, no generation, audit or seals, and a check that
both hold the same rows (every record row and a digest of every search-index entry).

    .venv/bin/python benchmarks/bench_writes.py [--cases 1000] [--rounds 3] [--work DIR]
    .venv/bin/python benchmarks/bench_writes.py --build 100000 [--check] [--work DIR]

The machine is shared: wall times are noisy (compare app and bare of the same round);
byte counts and CPU times much less so.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.domain.models import Case  # noqa: E402
from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services import demo  # noqa: E402
from mediation_desk.services.cases import CaseService  # noqa: E402
from mediation_desk.services.settings import load_settings  # noqa: E402
from mediation_desk.storage import search  # noqa: E402
from mediation_desk.storage.cases import _search_body, get_case  # noqa: E402
from mediation_desk.storage.connection import connect  # noqa: E402
from mediation_desk.storage.schema import migrations  # noqa: E402
from mediation_desk.storage.store import Store  # noqa: E402

CACHE = Path("/tmp/mediation-desk-cache")
# tables a new case writes rows into (the search tables by rowid); "audit" is the app's own
RECORD_TABLES = ("cases", "parties", "case_mediators", "events", "agreements")
FTS_TABLES = ("case_fts", "case_fts_chars")
SEED = 20261202
ACTOR = "演示主任"


def io_counters() -> dict[str, int]:
    out = {}
    for line in Path("/proc/self/io").read_text().splitlines():
        name, value = line.split(":")
        out[name] = int(value)
    return out


@dataclass
class Cost:
    wchar: int = 0
    write_bytes: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    operations: list[float] = field(default_factory=list)  # wall ms of each operation


@contextmanager
def measured(cost: Cost) -> Iterator[None]:
    before, cpu, wall = io_counters(), time.process_time(), time.perf_counter()
    yield
    after = io_counters()
    cost.wchar = after["wchar"] - before["wchar"]
    cost.write_bytes = after["write_bytes"] - before["write_bytes"]
    cost.cpu = time.process_time() - cpu
    cost.wall = time.perf_counter() - wall


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the demo's generator process)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def schema_name() -> str:
    return migrations._migrations[-1].name  # the cache's own naming (services/demo.py)


def copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(keyfile_path(source), keyfile_path(target))


def prepare_base(source: Path, work: Path) -> tuple[Path, bytes]:
    """A copy of ``source`` migrated to today's schema (made once per schema), its key."""
    _account, key = demo.demo_login(source)
    # keyed on the migrations' text too: a migration edited in the working tree needs a new base
    code = hashlib.sha256((ROOT / "mediation_desk/storage/schema.py").read_bytes()).hexdigest()
    base = work / f"base-{source.stem}-{schema_name()}-{code[:8]}.db"
    if not base.exists():
        for old in work.glob(f"base-{source.stem}-*"):
            old.unlink()
        part = base.with_suffix(".part")
        Store.copy_file(source, part, key=key)
        shutil.copyfile(keyfile_path(source), keyfile_path(part))
        store = Store.open(part, key=key, backup_before_migrating=False)  # a copy: no backup
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        shutil.move(keyfile_path(part), keyfile_path(base))
        shutil.move(part, base)
    return base, key


def bare_connection(path: Path, key: bytes) -> Any:
    """The driver on the file with the app's settings (WAL, synchronous FULL, foreign keys)."""
    con = connect(path, key=key, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    return con


def live_cases(con: Any) -> int:
    return int(con.execute("SELECT count(*) FROM cases WHERE deleted = 0").fetchone()[0])


# -- the cases added ----------------------------------------------------------------------
def made_cases(store: Store, n: int, *, histories: bool) -> list[tuple[Any, list[Any], list[Any]]]:
    """``n`` new demo cases for this database's center and mediators (a fixed seed).

    Without histories: as registered (status 登记, no events, mediators or deadlines).
    """
    center = store.directory.self_center()
    assert center is not None
    rng = random.Random(SEED)
    today = store.today()
    maker = demo.CaseMaker(rng, today, [m for m in store.directory.mediators() if m.active],
                        load_settings(store))
    days = sorted(date.fromordinal(today.toordinal() - int(rng.triangular(0, 60, 0)))
                  for _ in range(n))
    out = []
    for d in days:
        case, events, agreements = maker.case(d, center.id)
        if not histories:
            case = Case(id=case.id, center_id=case.center_id, source=case.source,
                        dispute_type=case.dispute_type, amount=case.amount, facts=case.facts,
                        claims=case.claims, flags=case.flags, received_on=case.received_on,
                        parties=case.parties, title=case.title,
                        court_case_number=case.court_case_number)
            events, agreements = [], []
        out.append((case, events, agreements))
    return out


def app_register(path: Path, n: int, cost: Cost) -> dict[str, str]:
    store = demo.open_demo(path)
    try:
        cases = made_cases(store, n, histories=False)
        service = CaseService(store)
        with measured(cost):
            for case, _events, _agreements in cases:
                t = time.perf_counter()
                service.register_case(ACTOR, case)
                cost.operations.append((time.perf_counter() - t) * 1000)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return {c.id: _search_body(c) for c, _, _ in cases}  # the text each case is indexed by


def app_bulk(path: Path, n: int, cost: Cost) -> dict[str, str]:
    _account, key = demo.demo_login(path)
    store = Store.open(path, key=key)  # the program itself, as build_demo writes
    try:
        made = made_cases(store, n, histories=True)
        center = store.directory.self_center()
        assert center is not None
        by_id = {m.id: m for m in store.directory.mediators()}
        with measured(cost):
            for start in range(0, n, demo.BATCH):
                chunk = made[start:start + demo.BATCH]
                t = time.perf_counter()
                with store.operation(ACTOR, "demo_cases", summary=f"{len(chunk)}件") as work:
                    demo._number(store, [c for c, _, _ in chunk], center.id,
                                 center.number_prefix)
                    store.cases.insert_batch(
                        cases=[c for c, _, _ in chunk], events=[e for m in chunk for e in m[1]],
                        agreements=[a for m in chunk for a in m[2]], mediators=by_id,
                        now=work.now, origin=work.origin)
                cost.operations.append((time.perf_counter() - t) * 1000)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return {c.id: _search_body(c) for c, _, _ in made}


# -- the same rows, bare ------------------------------------------------------------------
@dataclass
class Added:
    """Rows added by one run: per table (columns, rows), grouped by case for the bare run."""

    tables: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)
    entries: dict[str, tuple[int, str]] = field(default_factory=dict)  # search: count, digest
    by_case: list[dict[str, list[tuple[Any, ...]]]] = field(default_factory=list)


_ORDER = {"case_mediators": "case_id, mediator_id"}  # WITHOUT ROWID since m014


def fts_entries(con: Any, table: str, base_seq: int) -> tuple[int, str]:
    """How many (term, rowid, column, offset) entries the full-text index ``table`` holds for
    the rows after ``base_seq``, and a digest of them all in order: the index's own content,
    whether the table keeps a copy of the text (m001) or not (m014's contentless tables).
    Streamed: at 100k cases the entries as a list took over 20 GB."""
    con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_v"
                f" USING fts5vocab(main, {table}, 'instance')")
    h, count = hashlib.sha256(), 0
    cur = con.execute(f"SELECT term, doc, col, offset FROM temp.{table}_v WHERE doc > ?"
                      " ORDER BY doc, term, col, offset", [base_seq])
    while rows := cur.fetchmany(10_000):
        count += len(rows)
        h.update(repr(rows).encode())
    return count, h.hexdigest()


def indexed_text(path: Path, key: bytes) -> dict[str, str]:
    """Each case's indexed text (by id): the cases read back through the app."""
    store = Store.open(path, key=key, readonly=True)
    try:
        ids = [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY seq")]
        out = {}
        for cid in ids:
            case = get_case(store.db, cid, include_deleted=True)
            assert case is not None
            out[cid] = _search_body(case)
        return out
    finally:
        store.close()


def added_rows(path: Path, key: bytes, base_seq: int, bodies: dict[str, str]) -> Added:
    """Every row of the cases after ``base_seq``, as stored; ``bodies`` is each case's
    indexed text (by id) for the bare side to index, the search entries are compared as
    the index holds them."""
    con = connect(path, key=key, readonly=True)
    try:
        got = Added()
        for table in RECORD_TABLES:
            where = "seq > ?" if table == "cases" else \
                "case_id IN (SELECT id FROM cases WHERE seq > ?)"
            cur = con.execute(f"SELECT * FROM {table} WHERE {where}"
                              f" ORDER BY {_ORDER.get(table, 'seq')}", [base_seq])
            got.tables[table] = ([d[0] for d in cur.description], cur.fetchall())
        got.entries = {t: fts_entries(con, t, base_seq) for t in FTS_TABLES}
    finally:
        con.close()
    cols, case_rows = got.tables["cases"]
    seq_i, id_i = cols.index("seq"), cols.index("id")
    if bodies:  # the text for a bare side to index
        got.tables["case_fts"] = (["rowid", "body"],
                                  [(r[seq_i], bodies[r[id_i]]) for r in case_rows])
        got.tables["case_fts_chars"] = (["rowid", "body"], [
            (r[seq_i], search.char_split(bodies[r[id_i]])) for r in case_rows])
    return group_by_case(got)


def group_by_case(got: Added) -> Added:
    """Fill ``by_case``: each case's rows of every table, in the order of the cases."""
    cols, case_rows = got.tables["cases"]
    seq_i, id_i = cols.index("seq"), cols.index("id")
    position = {r[seq_i]: i for i, r in enumerate(case_rows)}
    of_id = {r[id_i]: i for i, r in enumerate(case_rows)}
    got.by_case = [{t: [] for t in got.tables} for _ in case_rows]
    for table, (cols, rows) in got.tables.items():
        for row in rows:
            if table in FTS_TABLES:
                i = position[row[0]]
            elif table == "cases":
                i = position[row[seq_i]]
            else:
                i = of_id[row[cols.index("case_id")]]
            got.by_case[i][table].append(row)
    return got


def with_uuid4_ids(added: Added) -> Added:
    """The same rows with every new record's id (and the case ids pointing at them) replaced
    by a random UUIDv4, as ids were made before issue 14."""
    rng = random.Random(4)
    new: dict[str, str] = {}

    def v4(old: str) -> str:
        if old not in new:
            new[old] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        return new[old]

    out = Added(entries=added.entries)
    for table, (cols, rows) in added.tables.items():
        idx = [i for i, c in enumerate(cols) if c == "id" or c == "case_id"]
        out.tables[table] = (cols, [tuple(v4(v) if i in idx else v for i, v in enumerate(r))
                                    for r in rows])
    return group_by_case(out)


def _insert_sql(table: str, cols: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def bare_insert(path: Path, key: bytes, added: Added, cost: Cost, *, batch: int,
                as_new_file: bool = False) -> None:
    """The rows of ``added`` into ``path``: one transaction per ``batch`` cases.

    ``as_new_file``: the treatment ``build_demo`` gives a file it creates (storage/bulk.py,
    new_file_load), in bare SQL: the loaded tables' non-unique secondary indexes dropped
    first and made again at the end from their own text (inside the time measured),
    ``synchronous = OFF`` and the build's page cache (``demo.BUILD_CACHE_MIB``).
    """
    con = bare_connection(path, key)
    try:
        sql = {t: _insert_sql(t, cols) for t, (cols, _rows) in added.tables.items()}
        saved: list[tuple[str, str]] = []
        if as_new_file:
            con.execute("PRAGMA synchronous = OFF")
            con.execute(f"PRAGMA cache_size = {-demo.BUILD_CACHE_MIB * 1024}")
            marks = ", ".join("?" * len(RECORD_TABLES))
            saved = con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({marks}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%'"
                " ORDER BY rowid", list(RECORD_TABLES)).fetchall()
        with measured(cost):
            if saved:
                con.execute("BEGIN IMMEDIATE")
                for name, _sql in saved:
                    con.execute(f'DROP INDEX "{name}"')
                con.execute("COMMIT")
            for start in range(0, len(added.by_case), batch):
                t = time.perf_counter()
                con.execute("BEGIN IMMEDIATE")
                for table in (*RECORD_TABLES, *FTS_TABLES):
                    rows = [r for case in added.by_case[start:start + batch] for r in case[table]]
                    if rows:
                        con.executemany(sql[table], rows)
                con.execute("COMMIT")
                cost.operations.append((time.perf_counter() - t) * 1000)
            if saved:
                con.execute("BEGIN IMMEDIATE")
                for _name, index_sql in saved:
                    con.execute(index_sql)
                con.execute("COMMIT")
                con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


_NOT_COMPARED = {"updated_at"}  # the moment each side wrote (the bare side copies it anyway)


def digest(added: Added) -> str:
    """Of every record row added and every search-index entry (not the text given)."""
    h = hashlib.sha256()
    for table, (count, entries) in sorted(added.entries.items()):
        h.update(f"{table}:{count}:{entries}".encode())
    for table, (cols, rows) in sorted(added.tables.items()):
        if table in FTS_TABLES:
            continue
        keep = [i for i, c in enumerate(cols) if c not in _NOT_COMPARED]
        h.update(f"{table}:{len(rows)}".encode())
        for row in rows:
            h.update(repr(tuple(row[i] for i in keep)).encode())
    return h.hexdigest()


# -- reporting ------------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run_writes(args: argparse.Namespace) -> None:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    source = args.source or CACHE / "demo-100000-seed-7-m011_statistics_indexes.db"
    if not source.exists():
        candidates = sorted(CACHE.glob("demo-100000-seed-7-*.db"), key=lambda p: p.stat().st_mtime)
        if not candidates:
            sys.exit(f"no 100k demo in {CACHE}: give --source")
        source = candidates[-1]
    base, key = prepare_base(source, work)
    con = connect(base, key=key, readonly=True)
    try:
        base_cases = live_cases(con)
        base_seq = int(con.execute("SELECT max(seq) FROM cases").fetchone()[0])
        page = int(con.execute("PRAGMA page_size").fetchone()[0])
        used = page * (int(con.execute("PRAGMA page_count").fetchone()[0])
                       - int(con.execute("PRAGMA freelist_count").fetchone()[0]))
    finally:
        con.close()
    base_size = base.stat().st_size
    stored = used / base_cases  # pages in use (a migrated file keeps freed pages)
    n = args.cases
    print(f"base: {base.name}, {base_cases:,} cases, {base_size / 2**20:.0f} MiB "
          f"({used / 2**20:.0f} MiB in use), {stored:,.0f} bytes stored per case, "
          f"page {page} bytes; adding {n:,} cases")
    kinds = [k for p in args.paths.split(",")
             for k in (p, f"bare {p}", *([f"bare {p} v4"] if args.uuid4 else []))]
    results: dict[str, list[Cost]] = {k: [] for k in kinds}
    growth: dict[str, list[float]] = {k: [] for k in results}
    rows: dict[str, Added] = {}
    copy = work / "copy.db"

    def one(kind: str, fn: Callable[[Cost], None]) -> None:
        copy_db(base, copy)
        cost = Cost()
        fn(cost)
        results[kind].append(cost)
        growth[kind].append((copy.stat().st_size - base_size) / n)

    for round_no in range(args.rounds):
        for path_kind in args.paths.split(","):
            ids: dict[str, str] = {}

            def app(cost: Cost, path_kind: str = path_kind) -> None:
                nonlocal ids
                ids = (app_register if path_kind == "register" else app_bulk)(copy, n, cost)

            def bare(cost: Cost, path_kind: str = path_kind) -> None:
                bare_insert(copy, key, rows[path_kind], cost,
                            batch=1 if path_kind == "register" else demo.BATCH)

            first_app = round_no % 2 == 0 or path_kind not in rows
            for side in (("app", "bare") if first_app else ("bare", "app")):
                if side == "app":
                    one(path_kind, app)
                    got = added_rows(copy, key, base_seq, ids)
                    if sorted(r[got.tables["cases"][0].index("id")]
                              for r in got.tables["cases"][1]) != sorted(ids):
                        sys.exit(f"FAILED: {path_kind} did not store the cases it was given")
                    rows.setdefault(path_kind, got)
                else:
                    one(f"bare {path_kind}", bare)
                    again = added_rows(copy, key, base_seq, ids)
                    if digest(again) != digest(rows[path_kind]):
                        sys.exit(f"FAILED: bare {path_kind} stored other rows than the app")
            if args.uuid4:
                def bare4(cost: Cost, path_kind: str = path_kind) -> None:
                    bare_insert(copy, key, with_uuid4_ids(rows[path_kind]), cost,
                                batch=1 if path_kind == "register" else demo.BATCH)
                one(f"bare {path_kind} v4", bare4)
        print(f"round {round_no + 1}: " + ", ".join(
            f"{k} {v[-1].wchar / n / 1024:,.0f} KiB/case" for k, v in results.items()))
    for path in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm"), keyfile_path(copy)):
        path.unlink(missing_ok=True)

    print(f"\nadding {n:,} cases to {base_cases:,} ({args.rounds} rounds; same rows checked):")
    print(f"{'path':<18}{'written/case':>14}{'x stored':>10}{'to disk/case':>14}"
          f"{'growth/case':>13}{'cpu ms/case':>13}{'wall ms/case':>14}"
          f"{'op median':>11}{'op p95':>9}")
    for kind, costs in results.items():
        written = median([c.wchar for c in costs]) / n
        to_disk = median([c.write_bytes for c in costs]) / n
        cpu = [c.cpu / n * 1000 for c in costs]
        wall = [c.wall / n * 1000 for c in costs]
        ops = [o for c in costs for o in c.operations]
        print(f"{kind:<18}{written / 1024:>11,.1f} KiB{written / stored:>9.1f}x"
              f"{to_disk / 1024:>11,.1f} KiB{median(growth[kind]) / 1024:>10,.1f} KiB"
              f"{median(cpu):>13.2f}{median(wall):>14.2f}{median(ops):>11.1f}{p95(ops):>9.1f}")
    print("written: bytes passed to write calls (WAL frames + checkpoint); to disk: the "
          "kernel's write_bytes; op: wall ms of one operation (a case, or a batch), all rounds")


# -- building a demo ------------------------------------------------------------------------
def run_build(args: argparse.Namespace) -> None:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    n = args.build
    path = work / f"build-{n}.db"
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), keyfile_path(path)):
        p.unlink(missing_ok=True)
    marks: list[tuple[int, float, float]] = [(0, time.perf_counter(), time.process_time())]
    step = max(n // 10, demo.BATCH)

    def progress(done: int, total: int) -> bool:
        if done - marks[-1][0] >= step or done == total:
            marks.append((done, time.perf_counter(), time.process_time()))
            a, b = marks[-2], marks[-1]
            print(f"  {done:>9,} cases  {(b[0] - a[0]) / (b[1] - a[1]):>7,.0f} cases/s "
                  f"(cpu {(b[0] - a[0]) / (b[2] - a[2]):>7,.0f})", flush=True)
        return True

    cpu0, children0 = time.process_time(), children_cpu()
    parallel = None if args.parallel == "auto" else args.parallel == "yes"
    result = demo.build_demo(path, cases=n, seed=args.seed, progress=progress, parallel=parallel)
    cpu, child = time.process_time() - cpu0, children_cpu() - children0
    size = path.stat().st_size
    print(f"built {n:,} cases in {result.seconds:.1f} s: {n / result.seconds:,.0f} cases/s; "
          f"cpu {cpu:.1f} s here ({n / cpu:,.0f} cases/s) + {child:.1f} s in the generator "
          f"process = {n / (cpu + child):,.0f} cases per CPU-second; {size / 2**20:,.0f} MiB, "
          f"{size / n:,.0f} bytes per case", flush=True)
    if args.check:
        store = demo.open_demo(path, readonly=True)
        try:
            t = time.perf_counter()
            problems, chain = store.check()
            print(f"check: {len(problems)} problems, audit chain {'ok' if chain.ok else 'BROKEN'}"
                  f" ({time.perf_counter() - t:.0f} s)", flush=True)
        finally:
            store.close()
        if problems or not chain.ok:
            sys.exit("FAILED: the built demo does not pass the check")
    if args.no_floor:
        return
    _account, key = demo.demo_login(path)
    floor = work / f"floor-{n}.db"
    for p in (floor, Path(f"{floor}-wal"), Path(f"{floor}-shm"), keyfile_path(floor)):
        p.unlink(missing_ok=True)
    demo.build_demo(floor, cases=0, seed=args.seed)  # the same schema, desk and mediators
    _account, floor_key = demo.demo_login(floor)
    base_seq = 0
    added = added_rows(path, key, base_seq, indexed_text(path, key))
    cost = Cost()
    bare_insert(floor, floor_key, added, cost, batch=demo.BATCH, as_new_file=True)
    same = digest(added_rows(floor, floor_key, base_seq, {})) == digest(added)
    print(f"bare floor (the same rows into an empty demo file, executemany per table per "
          f"batch of {demo.BATCH}, indexes deferred and synchronous OFF as the build; no "
          f"generation, audit or seals): {cost.wall:.1f} s, {n / cost.wall:,.0f} cases/s "
          f"(cpu {cost.cpu:.1f} s, {n / cost.cpu:,.0f} cases/s); "
          f"same rows: {'yes' if same else 'NO'}")
    for p in (floor, Path(f"{floor}-wal"), Path(f"{floor}-shm"), keyfile_path(floor)):
        p.unlink(missing_ok=True)
    if not same:
        sys.exit("FAILED: the bare floor stored other rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1000, help="cases added per run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--source", type=Path, help="the 100k demo (default: the shared cache)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_writes"))
    ap.add_argument("--build", type=int, help="build a demo of this many cases instead")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-floor", action="store_true", help="with --build: skip the bare floor")
    ap.add_argument("--check", action="store_true",
                    help="with --build: run the integrity check on the built demo")
    ap.add_argument("--parallel", choices=("auto", "yes", "no"), default="auto",
                    help="with --build: batches made in a second process (build_demo's choice)")
    ap.add_argument("--paths", default="register,bulk", help="which ways to add cases")
    ap.add_argument("--uuid4", action="store_true",
                    help="also bare inserts of the same rows with random UUIDv4 ids (as before)")
    ap.add_argument("--batch", type=int, default=demo.BATCH, help="cases per bulk operation")
    args = ap.parse_args()
    demo.BATCH = args.batch
    if args.build:
        run_build(args)
    else:
        run_writes(args)


if __name__ == "__main__":
    main()
