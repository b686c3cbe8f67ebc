"""Bytes per case of the database file: the layout before the compact store and today's.

    .venv/bin/python benchmarks/bench_store_size.py --cases 10000 --cases 100000

For each size, in the same run and with the same seed:

* **before**: a demo built by the layout before ``m014_compact_store`` (migrations up to
  m013, seal format 1);
* **upgraded**: a copy of that file opened by today's code (``m014`` converts it; the
  pages it frees stay in the file until a VACUUM, so both the file and the pages in use
  are reported);
* **after**: a demo built by today's code;
* **payload**: the floor, the bytes of the values themselves (every column of every record
  table and the audit trail, as SQLite stores them, without any row, page or index cost).

Sizes are the file after a normal build (no VACUUM), and per table and index from
``dbstat`` on a plain (decrypted) export, read in a separate process with Python's own
SQLite (the driver has no dbstat). The builds must hold the same things: the same number
of rows in every record table, the same cases (number, title, facts), and the upgraded
copy every record and audit row of its original, byte for byte, and the same search
results; the run stops with an error otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.services.demo import build_demo, demo_login  # noqa: E402
from mediation_desk.storage import schema, seals  # noqa: E402
from mediation_desk.storage.connection import export_to  # noqa: E402
from mediation_desk.storage.store import Store  # noqa: E402

M014 = "m014_compact_store"
RECORD_TABLES = (*seals.TABLES, "case_mediators", "audit")
SEARCH_TERMS = ("张", "物业", "张 物业", "纠纷", "138", "马尚", "邻里")

_DBSTAT = """
import json, sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = c.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
page = c.execute("PRAGMA page_size").fetchone()[0]
free = c.execute("PRAGMA freelist_count").fetchone()[0] * page
print(json.dumps({"objects": dict(rows), "free": free}))
"""


def _seal_entry_v1(table: str, digests: dict[str, str | None]) -> dict[str, Any]:
    return {"entity": seals.SINGULAR[table], "id": "", "op": seals.SEAL, "fields": {}, "v": 1,
            "records": dict(sorted(digests.items()))}


@contextmanager
def old_layout() -> Iterator[None]:
    """The code as it wrote files before the compact store: no m014, seal format 1."""
    kept, entry = schema.migrations._migrations, seals.seal_entry
    schema.migrations._migrations = [m for m in kept if m.name != M014]
    seals.seal_entry = _seal_entry_v1  # type: ignore[assignment]
    try:
        yield
    finally:
        schema.migrations._migrations, seals.seal_entry = kept, entry


def _stored_bytes(column: str) -> str:
    """SQL: the bytes SQLite's record format spends on a value's content (no header)."""
    return (f"(CASE typeof({column}) WHEN 'null' THEN 0 WHEN 'real' THEN 8"
            f" WHEN 'integer' THEN (CASE WHEN {column} IN (0, 1) THEN 0"
            f" WHEN abs({column}) < 128 THEN 1 WHEN abs({column}) < 32768 THEN 2"
            f" WHEN abs({column}) < 8388608 THEN 3 WHEN abs({column}) < 2147483648 THEN 4"
            f" WHEN abs({column}) < 140737488355328 THEN 6 ELSE 8 END)"
            f" ELSE length(CAST({column} AS BLOB)) END)")


def _open(path: Path) -> Store:
    _account, key = demo_login(path)
    return Store.open(path, key=key, backup_before_migrating=False)


def measure(path: Path, work: Path) -> dict[str, Any]:
    """File size, dbstat per object, payload and contents of a closed demo database."""
    store = _open(path)
    try:
        db = store.db
        cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in RECORD_TABLES}
        payload = 0
        for t in RECORD_TABLES:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})")]
            total = " + ".join(_stored_bytes(f'"{c}"') for c in cols)
            payload += db.execute(f"SELECT sum({total}) FROM {t}").fetchone()[0] or 0
        content = sorted(db.execute("SELECT number, title, facts FROM cases").fetchall())
        plain = work / f"{path.stem}.plain.db"
        plain.unlink(missing_ok=True)
        export_to(db.conn, plain, None)
    finally:
        store.close()
    stat = json.loads(subprocess.run([sys.executable, "-c", _DBSTAT, str(plain)], check=True,
                                     capture_output=True, text=True).stdout)
    plain.unlink()
    return {"cases": cases, "file": path.stat().st_size, "objects": stat["objects"],
            "free": stat["free"], "payload": payload, "counts": counts, "content": content}


def rows_and_searches(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A digest of every record and audit row (in key order), and the case ids each search
    term lists, of a demo file."""
    from datetime import date

    from mediation_desk.domain.queries import CaseFilter, CaseSort

    store = _open(path)
    try:
        digests = {}
        for t in RECORD_TABLES:
            order = "case_id, mediator_id" if t == "case_mediators" else "seq"
            h = hashlib.sha256()
            for row in store.db.execute(f"SELECT * FROM {t} ORDER BY {order}"):
                h.update(repr(row).encode("utf-8"))
            digests[t] = h.hexdigest()
        found = {q: [r.id for r in store.cases.page(CaseFilter(text=q), CaseSort(),
                                                    today=date.today(), limit=100_000)]
                 for q in SEARCH_TERMS}
        return digests, found
    finally:
        store.close()


def _kb(n: float) -> str:
    return f"{n / 1024:,.2f}"


def report(size: int, runs: dict[str, dict[str, Any]]) -> None:
    before = runs["before"]
    print(f"\n## {size:,} cases\n")
    print("| layout | file KB/case | in use KB/case | payload KB/case | build s |")
    print("| --- | --- | --- | --- | --- |")
    for name, r in runs.items():
        used = sum(r["objects"].values())
        print(f"| {name} | {_kb(r['file'] / r['cases'])} | {_kb(used / r['cases'])} |"
              f" {_kb(r['payload'] / r['cases'])} | {r['seconds']:.0f} |")
    names = sorted(set().union(*(r["objects"] for r in runs.values())),
                   key=lambda n: -max(r["objects"].get(n, 0) for r in runs.values()))
    print("\n| table or index | " + " | ".join(f"{n} B/case" for n in runs) + " |")
    print("| --- | " + " | ".join("---" for _ in runs) + " |")
    for n in names[:30]:
        cells = [f"{r['objects'].get(n, 0) / r['cases']:,.0f}" for r in runs.values()]
        print(f"| {n} | " + " | ".join(cells) + " |")
    rest = names[30:]
    if rest:
        cells = [f"{sum(r['objects'].get(n, 0) for n in rest) / r['cases']:,.0f}"
                 for r in runs.values()]
        print(f"| ({len(rest)} others) | " + " | ".join(cells) + " |")
    print(f"\nbefore → after: {_kb(before['file'] / before['cases'])} →"
          f" {_kb(runs['after']['file'] / runs['after']['cases'])} KB per case")


def run(size: int, seed: int, work: Path) -> None:
    runs: dict[str, dict[str, Any]] = {}
    old = work / f"before-{size}.db"
    started = time.perf_counter()
    with old_layout():
        build_demo(old, cases=size, seed=seed)
        seconds = time.perf_counter() - started
        runs["before"] = {**measure(old, work), "seconds": seconds}
        old_rows, old_found = rows_and_searches(old)
    up = work / f"upgraded-{size}.db"
    shutil.copy(old, up)
    shutil.copy(f"{old}.keys", f"{up}.keys")
    started = time.perf_counter()
    _open(up).close()  # m014 runs here
    seconds = time.perf_counter() - started
    runs["upgraded"] = {**measure(up, work), "seconds": seconds}
    up_rows, up_found = rows_and_searches(up)
    if up_rows != old_rows:
        raise SystemExit("the upgraded copy's records differ from its original's")
    if up_found != old_found:
        raise SystemExit("the upgraded copy's searches differ from its original's")
    new = work / f"after-{size}.db"
    started = time.perf_counter()
    build_demo(new, cases=size, seed=seed)
    runs["after"] = {**measure(new, work), "seconds": time.perf_counter() - started}
    for name in ("upgraded", "after"):
        r = runs[name]
        same_counts = {t: c for t, c in r["counts"].items() if t != "audit"} == \
            {t: c for t, c in runs["before"]["counts"].items() if t != "audit"}
        if not same_counts or r["content"] != runs["before"]["content"]:
            raise SystemExit(f"{name} does not hold the same cases as before")
    _, new_found = rows_and_searches(new)
    if {q: len(v) for q, v in new_found.items()} != {q: len(v) for q, v in old_found.items()}:
        raise SystemExit("a search finds a different number of cases in the new build")
    report(size, runs)
    print("\nchecked: same rows per record table and the same cases in all three; the upgraded"
          " copy's records, audit rows and searches equal its original's; the new build's"
          " searches find as many cases")
    for p in work.glob(f"*-{size}.db*"):
        p.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, action="append", help="demo size (repeatable)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=None, help="folder for the builds (temporary)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-store-size-"))
    work.mkdir(parents=True, exist_ok=True)
    for size in args.cases or [10_000]:
        run(size, args.seed, work)


if __name__ == "__main__":
    main()
