"""Export and import of a center's full bundle to the court, each beside a bare floor.

Run: ``.venv/bin/python benchmarks/bench_exchange.py [--cases 5000] [--rounds 3]
[--demo PATH] [--work DIR]`` (``--demo``: copy that demo database, e.g. the cached
100,000-case one, instead of building one; the copy is made again for every export).

A demo center of ``--cases`` cases (``build_demo``, seed 7: about a quarter court-related)
exports everything it holds for the court (``export --full``: the court-related cases and
their children) and a new court desk imports that file. Each measurement
runs in a fresh process (its peak RSS growth is VmHWM after a reset through
``/proc/self/clear_refs``, so what SQLite, zlib and age allocate counts), app and floor
alternating, ``--rounds`` times:

* **export** — app: ``exchange.export_bundle`` (select chunk by chunk, wire records, every
  record checked by the reader's rules, JSON lines, ZIP, age, the read-back check, the
  ledger and merge bases in one operation with its audit row). Floor: the same rows
  selected with bare SQL, turned into the same wire values, canonical JSON lines, one
  ``zipfile`` member per entity, ``pyrage.encrypt`` to the same two recipients.
* **import** — app: ``exchange.import_bundle`` (decrypt, every verification, merge plan,
  ownership, the pre-import backup, the writes with search indexing, known versions,
  bases, ledger, audit and seals). Floor: ``pyrage.decrypt``, ``zipfile`` reads, plain
  ``json.loads`` of each line, ``executemany`` INSERTs of the same columns into the same
  schema and the two FTS5 entries of each case (its text built the way the app builds it),
  in one transaction.

Both sides' results are compared: the export floor's records and the app's bundle carry
the same (entity, id, version) set; the import floor's database and the app's hold the
same records (every column the floor writes). Medians, p95 (with three rounds this is the
slowest) and peak RSS growth are printed; see benchmarks/README.md for recorded figures.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite3  # the app's SQLite: one copy per process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

COURT_SOURCES = ("court_delegated", "court_entrusted")


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        return int(next(x for x in fh if x.startswith("VmHWM:")).split()[1]) / 1024


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return int(next(x for x in fh if x.startswith("VmRSS:")).split()[1]) / 1024


def _reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def _digest(items: list[tuple[str, str, int]]) -> str:
    return hashlib.sha256(repr(sorted(items)).encode()).hexdigest()


# -- set-up (once) -------------------------------------------------------------------
def setup(work: Path, cases: int, demo: Path | None = None) -> None:
    """A demo center of ``cases`` cases (``build_demo``; or a copy of the demo database
    ``demo``, never changed), a court desk, trusting each other."""
    from exchange.helpers import make_desk, trust_both

    from mediation_desk.services.demo import build_demo, open_demo

    if demo is not None:
        shutil.copy(demo, work / "center01.db")
        shutil.copy(f"{demo}.keys", work / "center01.db.keys")
    else:
        build_demo(work / "center01.db", cases=cases, seed=7)
    center = open_demo(work / "center01.db")
    court = make_desk(work, "court01", "court")
    trust_both(work, court, center)
    court.close()
    center.close()
    for name in ("court01.db", "center01.db", "center01.db.keys"):
        shutil.copy(work / name, work / f"{name}.orig")


def _fresh(work: Path, name: str) -> Path:
    for p in work.glob(f"{name}-*"):
        p.unlink()
    for suffix in ("", ".keys"):
        if (work / f"{name}{suffix}.orig").exists():
            shutil.copy(work / f"{name}{suffix}.orig", work / f"{name}{suffix}")
    return work / name


def _center(work: Path) -> Any:
    from mediation_desk.services.demo import open_demo

    return open_demo(_fresh(work, "center01.db"))


# -- export --------------------------------------------------------------------------
def export_app(work: Path) -> dict[str, Any]:
    from mediation_desk.exchange import bundle
    from mediation_desk.services import exchange

    store = _center(work)
    out = work / "app.mdx"
    gc.collect()
    base = _rss_mb()
    _reset_hwm()
    t0 = time.perf_counter()
    exchange.export_bundle(store, "bench", "court01", out, full=True)
    seconds = time.perf_counter() - t0
    growth = _hwm_mb() - base
    # the export's own figures first (a 1M read-back below takes long)
    print(json.dumps({"seconds": seconds, "growth_mb": growth}), file=sys.stderr, flush=True)
    opened = bundle.open_bundle(out.read_bytes(), keys=exchange.desk_keys(store),
                                my_code=store.origin_code(), trusted=lambda _c: None,
                                allow_own=True)
    items = [(e, r["id"], r["version"]) for e in bundle.ENTITIES for rows in opened.chunks(e)
             for r in rows]
    return {"seconds": seconds, "growth_mb": growth, "file_mb": out.stat().st_size / 2**20,
            "digest": _digest(items), "records": len(items)}


def export_floor(work: Path) -> dict[str, Any]:
    import pyrage
    from pyrage import x25519

    from mediation_desk.domain import codec
    from mediation_desk.exchange.records import ENTITIES, fields_of
    from mediation_desk.services import exchange
    from mediation_desk.storage.exchange import _bool_columns

    store = _center(work)
    me = store.directory.self_center()
    recipients = [x25519.Recipient.from_str(_age_recipient(store, "court01")),
                  x25519.Recipient.from_str(exchange.desk_keys(store).public.age_recipient)]
    layout = {e: ([f for f in fields_of(e) if f != "mediator_ids"],
                  {f for f in fields_of(e) if codec.is_structured(ENTITIES[e][0], f)},
                  _bool_columns(ENTITIES[e][0]) & set(fields_of(e)))
              for e in ENTITIES}
    conn = store.db.conn  # the same (encrypted) file through the same driver, bare SQL
    gc.collect()
    base = _rss_mb()
    _reset_hwm()
    t0 = time.perf_counter()
    marks = ",".join("?" * len(COURT_SOURCES))
    case_ids = [r[0] for r in conn.execute(
        f"SELECT id FROM cases WHERE source IN ({marks}) ORDER BY seq", COURT_SOURCES)]
    mediators: dict[str, list[str]] = {}
    for cid, mid in conn.execute("SELECT case_id, mediator_id FROM case_mediators"
                                 " ORDER BY case_id, position"):
        mediators.setdefault(cid, []).append(mid)
    items: list[tuple[str, str, int]] = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for entity in ENTITIES:
            cols, structured, bools = layout[entity]
            if entity == "centers":
                sql, chunks = "SELECT {c} FROM centers WHERE id = ?", [[me.id]]
            elif entity == "mediators":  # those of the cases sent
                wanted = sorted({m for c in case_ids for m in mediators.get(c, [])})
                sql, chunks = "SELECT {c} FROM mediators WHERE id IN ({m})", [wanted]
            elif entity == "holiday_notices":  # a center sends the court none
                sql, chunks = "SELECT {c} FROM holiday_notices WHERE 0", [[]]
            elif entity == "cases":
                sql = "SELECT {c} FROM cases WHERE id IN ({m}) ORDER BY seq"
                chunks = [case_ids[i:i + 500] for i in range(0, len(case_ids), 500)]
            else:
                sql = "SELECT {c} FROM " + entity + " WHERE case_id IN ({m}) ORDER BY seq"
                if entity == "documents":  # the register of the papers: the center's own
                    sql = sql.replace("WHERE", f"WHERE origin = '{me.code}' AND")
                chunks = [case_ids[i:i + 500] for i in range(0, len(case_ids), 500)]
            with zf.open(f"records/{entity}.jsonl", "w") as member:
                for chunk in chunks:
                    cur = conn.execute(sql.format(c=", ".join(cols),
                                                  m=",".join("?" * len(chunk))), chunk)
                    lines = []
                    for values in cur:
                        rec = dict(zip(cols, values, strict=True))
                        for f in structured & rec.keys():
                            rec[f] = json.loads(rec[f])
                        for f in bools:
                            rec[f] = bool(rec[f])
                        if entity == "cases":
                            rec["mediator_ids"] = mediators.get(rec["id"], [])
                        items.append((entity, rec["id"], rec["version"]))
                        lines.append(json.dumps(rec, ensure_ascii=False, sort_keys=True,
                                                separators=(",", ":")).encode() + b"\n")
                    member.write(b"".join(lines))
    (work / "floor.mdx").write_bytes(pyrage.encrypt(buf.getvalue(), recipients))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "growth_mb": _hwm_mb() - base,
            "file_mb": (work / "floor.mdx").stat().st_size / 2**20, "digest": _digest(items),
            "records": len(items)}


def _age_recipient(store: Any, code: str) -> str:
    from mediation_desk.exchange.keys import PublicKeys

    row = store.exchange.trusted(code)[0]
    return PublicKeys(bytes(row["signing_public"]), bytes(row["encryption_public"])).age_recipient


# -- import --------------------------------------------------------------------------
def import_app(work: Path) -> dict[str, Any]:
    from mediation_desk.services import exchange
    from mediation_desk.storage.store import Store

    store = Store.open(_fresh(work, "court01.db"))
    gc.collect()
    base = _rss_mb()
    _reset_hwm()
    t0 = time.perf_counter()
    report = exchange.import_bundle(store, "bench", work / "app.mdx")
    seconds = time.perf_counter() - t0
    growth = _hwm_mb() - base
    store.close()
    return {"seconds": seconds, "growth_mb": growth, "records": sum(report.counts.values()),
            "digest": _table_digest(work / "court01.db")}


def import_floor(work: Path) -> dict[str, Any]:
    import pyrage
    from pyrage import x25519

    from mediation_desk.exchange.records import ENTITIES
    from mediation_desk.services import exchange
    from mediation_desk.storage import search
    from mediation_desk.storage.store import Store

    path = _fresh(work, "court01.db")
    store = Store.open(path)
    identity = x25519.Identity.from_str(exchange.desk_keys(store).age_identity())
    store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    gc.collect()
    base = _rss_mb()
    _reset_hwm()
    t0 = time.perf_counter()
    plain = pyrage.decrypt((work / "app.mdx").read_bytes(), [identity])
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        conn.execute("BEGIN")
        parties: dict[str, list[dict[str, Any]]] = {}
        texts: dict[str, list[str]] = {}
        for entity in ENTITIES:
            with zf.open(f"records/{entity}.jsonl") as fh:
                rows = [json.loads(line) for line in fh]
            if not rows or entity == "centers":  # the court holds the center's stub already
                continue
            if entity == "cases":
                texts = {r["id"]: [r["number"], r["court_case_number"], r["filing_number"],
                                   r["title"]] for r in rows}
                facts = {r["id"]: r["facts"] for r in rows}
            if entity == "parties":
                for p in rows:
                    parties.setdefault(p["case_id"], []).append(p)
            cols = [c for c in rows[0] if c != "mediator_ids"]
            conn.executemany(
                f"INSERT INTO {entity} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [[json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                  for v in (r[c] for c in cols)] for r in rows])
        bodies = []
        for cid, parts in texts.items():
            for p in sorted(parties.get(cid, []), key=lambda p: p["position"]):
                if not p["deleted"]:
                    parts += [p["name"], p["phone"], p["id_number"], p["credit_code"],
                              p["address"], p["village"], p["agent_name"], p["agent_phone"],
                              p["legal_representative"]]
            bodies.append((cid, "\n".join(x for x in [*parts, facts[cid]] if x)))
        seqs = dict(conn.execute("SELECT id, seq FROM cases"))
        conn.executemany("INSERT INTO case_fts (rowid, body) VALUES (?, ?)",
                         [(seqs[c], b) for c, b in bodies])
        conn.executemany("INSERT INTO case_fts_chars (rowid, body) VALUES (?, ?)",
                         [(seqs[c], search.char_split(b)) for c, b in bodies])
        conn.execute("COMMIT")
    seconds = time.perf_counter() - t0
    growth = _hwm_mb() - base
    conn.close()
    return {"seconds": seconds, "growth_mb": growth, "digest": _table_digest(path)}


def _table_digest(path: Path) -> str:
    """The records the floor writes, as both databases hold them (every floor column)."""
    from mediation_desk.exchange.records import ENTITIES, fields_of

    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    for entity in ENTITIES:
        if entity == "centers":
            continue
        cols = ", ".join(f for f in fields_of(entity) if f != "mediator_ids")
        for row in conn.execute(f"SELECT {cols} FROM {entity} ORDER BY id"):
            h.update(repr(row).encode())
    conn.close()
    return h.hexdigest()


CHILDREN = {"export-app": export_app, "export-floor": export_floor,
            "import-app": import_app, "import-floor": import_floor}


def _run(kind: str, work: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--work", str(work)],
                          capture_output=True, text=True, check=False)
    if done.returncode:  # say why (a 1M export's child once failed with only "exit 1")
        sys.stderr.write(f"{kind} child exited {done.returncode}:\n{done.stderr}")
        raise SystemExit(done.returncode)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--rounds", "--repeats", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--demo", "--db", default=None, help="a demo database to copy instead of"
                    " building one (e.g. the cached 100,000-case demo; --db for bench_million)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](Path(args.work))))
        return 0
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-exchange-"))
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "center01.db.orig").exists():
        setup(work, args.cases, Path(args.demo) if args.demo else None)
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in CHILDREN}
    for _round in range(args.rounds):
        for kind in CHILDREN:  # app then floor, alternating; an import reads app.mdx
            runs[kind].append(_run(kind, work))
    exp, exf = runs["export-app"], runs["export-floor"]
    imp, imf = runs["import-app"], runs["import-floor"]
    assert {r["digest"] for r in exp} == {r["digest"] for r in exf}, \
        "the export floor and the app's bundle carry different records"
    assert {r["digest"] for r in imp} == {r["digest"] for r in imf}, \
        "the import floor and the app hold different records"
    print(f"{args.demo or args.cases} cases: {exp[0]['records']} records, bundle "
          f"{exp[0]['file_mb']:.1f} MiB (floor's {exf[0]['file_mb']:.1f} MiB);"
          " both sides' records compared: same")
    for name, app, floor in (("export", exp, exf), ("import", imp, imf)):
        a = [r["seconds"] for r in app]
        f = [r["seconds"] for r in floor]
        ratios = [x / y for x, y in zip(a, f, strict=True)]
        print(f"{name}: app median {statistics.median(a):.2f} s (p95 {_p95(a):.2f}, min "
              f"{min(a):.2f}), floor median {statistics.median(f):.2f} s (p95 {_p95(f):.2f},"
              f" min {min(f):.2f}); ratio median {statistics.median(ratios):.2f}"
              f" (per round {', '.join(f'{r:.2f}' for r in ratios)})")
        verdict = "met" if statistics.median(ratios) <= 2 else "not met"
        print(f"  target (within 2x of the floor, median): {verdict}")
        print(f"  peak RSS growth: app {max(r['growth_mb'] for r in app):.0f} MiB, floor "
              f"{max(r['growth_mb'] for r in floor):.0f} MiB, bundle {exp[0]['file_mb']:.1f}"
              f" MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
