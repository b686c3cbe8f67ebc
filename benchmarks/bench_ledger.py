"""The 台账 export of every case of a demo database, beside a bare floor, in fresh processes.

Run: ``nice -n 10 .venv/bin/python benchmarks/bench_ledger.py [--db DEMO] [--rounds 2]
[--work DIR]`` (``--db``: the cached 100,000-case demo by default; it is copied, with its
key file, never written).

* **app** — ``LedgerService.export`` as 演示主任 (the list by keyset pages of 500 in one
  read snapshot, the ledger fields of each page from ``ledger_queries``, each case's
  reveal rule, styled write-only cells, the audit row of the reveal, the atomic rename).
* **floor** — one bare SQL cursor over the live cases in the same order, each chunk of
  1,000 cases' parties, latest agreement and latest follow-up read by ``IN (...)``, the
  same texts built from plain tuples, written to a write-only workbook with only the
  number formats.

Each side runs in its own process; peak RSS growth is VmHWM after a reset (so SQLite's and
openpyxl's allocations count). Both files are read back and compared cell by cell (every
column but 序号, rows in file order). Wall and CPU seconds (``time.process_time``) are
printed with the load average; see benchmarks/README.md for recorded figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = Path("/tmp/mediation-desk-cache/demo-100000-seed-7-m014_compact_store.db")


def _status_kb(field: str) -> float:
    with open("/proc/self/status") as fh:
        return int(next(x for x in fh if x.startswith(field)).split()[1])


def _reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def app(store: Any, out: Path) -> int:
    from mediation_desk.domain.queries import CaseFilter
    from mediation_desk.services.ledger import LedgerService

    return LedgerService(store).export("bench", CaseFilter(), out).count


def floor(store: Any, out: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from mediation_desk.domain.enums import (
        CaseSource,
        CaseStatus,
        DisputeType,
        EndReason,
        PartyRole,
        Performance,
    )
    from mediation_desk.domain.ledger_columns import COLUMNS, DEFAULT_EXPORT

    conn = store.db.conn
    jc = {"jc_applied": "已申请", "jc_confirmed": "是", "jc_rejected": "驳回",
          "jc_withdrawn": "撤回"}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["title"])
    ws.append(["note"])
    ws.append([COLUMNS[k].title for k in DEFAULT_EXPORT])
    count = 0

    def dated(v: str | None) -> Any:
        if v is None:
            return None
        from datetime import date

        cell = WriteOnlyCell(ws, value=date.fromisoformat(v[:10]))
        cell.number_format = "yyyy-mm-dd"
        return cell

    def money(fen: int | None) -> Any:
        if fen is None:
            return None
        cell = WriteOnlyCell(ws, value=float(Decimal(fen) / 100))
        cell.number_format = "0.00"
        return cell

    cur = conn.execute(
        "SELECT id, number, received_on, source, dispute_type, amount_fen, "
        "mediator_names, status, due_on, end_reason, jc_ruling, follow_up_due_on, "
        "court_case_number FROM cases WHERE deleted = 0 ORDER BY received_on DESC, seq DESC")
    while True:
        chunk = cur.fetchmany(1000)
        if not chunk:
            break
        ids = [r[0] for r in chunk]
        marks = ",".join("?" * len(ids))
        parties: dict[str, list[tuple[Any, ...]]] = {}
        for row in conn.execute(
                f"SELECT case_id, role, name, id_number, credit_code, phone FROM parties"
                f" WHERE deleted = 0 AND case_id IN ({marks}) ORDER BY case_id, position",
                ids):
            parties.setdefault(row[0], []).append(row)
        agreements = {cid: (fen, scope) for cid, fen, scope in conn.execute(
            f"SELECT case_id, amount_fen, scope FROM agreements WHERE deleted = 0"
            f" AND case_id IN ({marks}) ORDER BY seq", ids)}
        visits = {cid: (at, json.loads(data)) for cid, at, data in conn.execute(
            f"SELECT case_id, occurred_at, data FROM events WHERE kind = 'follow_up'"
            f" AND deleted = 0 AND case_id IN ({marks}) ORDER BY occurred_at, seq", ids)}
        for (cid, number, received, source, kind, fen, mediators, status, due, reason,
             ruling, fu_due, court) in chunk:
            groups: dict[str, list[str]] = {}
            for _c, role, name, idn, credit, phone in parties.get(cid, []):
                bits = []
                if idn or credit:
                    bits.append(f"{'身份证' if idn else '信用代码'} {idn or credit}")
                if phone:
                    bits.append(f"电话 {phone}")
                groups.setdefault(PartyRole(role).label, []).append(
                    name + (f"（{'，'.join(bits)}）" if bits else ""))
            party_text = "；".join(f"{r}：{'、'.join(n)}" for r, n in groups.items())
            ag = agreements.get(cid)
            if ag is not None:
                outcome = "调解成功" + ("（部分达成）" if ag[1] == "partial" else "")
            elif status == "terminated":
                outcome = "调解不成功" + (f"：{EndReason(reason).label}" if reason else "")
            elif status == "not_accepted":
                outcome = "不予受理"
            else:
                outcome = ""
            visit = visits.get(cid)
            if visit is not None:
                fu = visit[0][:10]
                if visit[1].get("performance"):
                    fu += f" {Performance(visit[1]['performance']).label}"
                if visit[1].get("satisfaction"):
                    fu += f"，满意度{visit[1]['satisfaction']}"
            elif fu_due:
                fu = f"应于{fu_due[:10]}回访"
            else:
                fu = ""
            count += 1
            ws.append([count, number, dated(received), CaseSource(source).label,
                       DisputeType(kind).label, party_text or None, money(fen),
                       mediators or None, CaseStatus(status).label, dated(due),
                       outcome or None, money(ag[0] if ag else None),
                       jc.get(status) or ("是" if ruling else "否"), fu or None,
                       court or None])
    wb.save(out)
    return count


def child(side: str, db: Path, out: Path) -> None:
    """One side's export, timed from an opened store (the login is not measured)."""
    import gc

    from mediation_desk.services.demo import open_demo

    store = open_demo(db)
    gc.collect()
    base = _status_kb("VmRSS:")
    _reset_hwm()
    cpu, wall = time.process_time(), time.perf_counter()
    rows = (app if side == "app" else floor)(store, out)
    store.close()
    result = {"side": side, "rows": rows, "wall": time.perf_counter() - wall,
              "cpu": time.process_time() - cpu,
              "growth_mb": (_status_kb("VmHWM:") - base) / 1024,
              "file_mb": out.stat().st_size / 2**20}
    print(json.dumps(result))


def cells(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook

    from mediation_desk.domain.ledger_columns import DEFAULT_EXPORT

    wb = load_workbook(path, read_only=True)
    try:
        width = len(DEFAULT_EXPORT) - 1  # an empty cell at a row's end may not be stored
        return [tuple(r[1:]) + (None,) * (width - len(r) + 1)
                for r in wb.worksheets[0].iter_rows(min_row=4, values_only=True)]
    finally:
        wb.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--child", choices=["app", "floor"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.out)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    db = work / "demo.db"
    shutil.copyfile(args.db, db)
    shutil.copyfile(f"{args.db}.keys", f"{db}.keys")
    print(f"copied {args.db.name} to {work}; load average {os.getloadavg()}")
    results: dict[str, list[dict[str, Any]]] = {"app": [], "floor": []}
    for n in range(args.rounds):
        for side in ("app", "floor"):
            out = work / f"{side}.xlsx"
            done = subprocess.run([sys.executable, __file__, "--child", side, "--db", str(db),
                                   "--out", str(out)], capture_output=True, text=True,
                                  check=True)
            r = json.loads(done.stdout.strip().splitlines()[-1])
            r["load"] = os.getloadavg()[0]
            results[side].append(r)
            print(f"round {n + 1} {side}: {r['rows']} rows, wall {r['wall']:.1f} s, "
                  f"CPU {r['cpu']:.1f} s, peak RSS growth {r['growth_mb']:.0f} MiB, "
                  f"file {r['file_mb']:.1f} MiB, load {r['load']:.1f}")
    a, f = cells(work / "app.xlsx"), cells(work / "floor.xlsx")
    same = a == f
    print(f"cells compared: {len(a)} rows, {'equal' if same else 'DIFFERENT'}")
    if not same:
        diff = next(i for i, (x, y) in enumerate(zip(a, f, strict=False)) if x != y)
        print("first difference at data row", diff + 1, a[diff], f[diff])
    best = {s: min(r["cpu"] for r in rs) for s, rs in results.items()}
    print(f"CPU: app {best['app']:.1f} s, floor {best['floor']:.1f} s, "
          f"ratio {best['app'] / best['floor']:.2f}x")
    if not args.work:
        shutil.rmtree(work)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
