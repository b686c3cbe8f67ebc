"""Start-up time: process start to the main window showing its first case rows.

Issue 14's comparison, on the same database file, each side started as a fresh process
several times, interleaved, medians and p95 reported:

* **app**: ``python -m mediation_desk --db FILE --exit-after-first-rows``: log in (Argon2id
  key slot), open and verify the store, build the main window, show the case list's first
  page and the dashboard, paint, print ``FIRST_ROWS``;
* **bare**: a bare PySide6 window showing a 200-row QTableView from the same file: the same
  key unwrap (``security.keyfile.unlock``: the Argon2id every encrypted open needs), a
  SQLCipher connection keyed with it, the case list's first page (200 live cases, newest
  first, number, title, type, status, received, due), a QStandardItemModel, a QTableView
  in a QMainWindow at 1280x800, shown and painted.

Both print the rows they showed (number of rows and the first case number) and the run
stops unless both show the same. Target: app <= 2x bare, not growing with database size
(run it on the 10k and the 100k demo).

    .venv/bin/python benchmarks/bench_startup.py [--db PATH] [--runs 7]

Without ``--db`` the 100,000-case demo database is built once (a few minutes)
and cached in /tmp/mediation-desk-cache (the same file the GUI tests use). The demo
is encrypted: both log in as 演示主任 (password ``demo``) from
MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD, so no login dialog is timed. The app's
closing (its closing backup) is not timed: the clock stops at the FIRST_ROWS line.
Needs a display: run under ``xvfb-run`` or with ``QT_QPA_PLATFORM=offscreen``.

Python must be able to cache bytecode, as an installed application does: with
``PYTHONDONTWRITEBYTECODE`` set every run compiles every module again (the app
then looks about three times slower). Unset it, or point ``PYTHONPYCACHEPREFIX``
at a scratch folder to keep the caches out of the source tree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path("/tmp/mediation-desk-cache")

BARE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from sqlcipher3 import dbapi2
from mediation_desk.security.keyfile import unlock
path = sys.argv[1]
app = QApplication(sys.argv[:1])
user, password = os.environ["MEDIATION_DESK_USER"], os.environ["MEDIATION_DESK_PASSWORD"]
_account, key = unlock(path, user, password)
conn = dbapi2.connect(path)
conn.execute(f"PRAGMA key = \\"x'{key.hex()}'\\"")
rows = conn.execute(
    "SELECT number, title, dispute_type, status, received_on, due_on FROM cases"
    " WHERE deleted = 0 ORDER BY received_on DESC, seq DESC LIMIT 200").fetchall()
model = QStandardItemModel(len(rows), 6)
model.setHorizontalHeaderLabels(["案号", "案由", "类型", "状态", "收案日期", "期限"])
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        model.setItem(r, c, QStandardItem("" if value is None else str(value)))
w = QMainWindow()
view = QTableView()
view.setModel(model)
w.setCentralWidget(view)
w.resize(1280, 800)
w.show()
def done():
    app.processEvents()
    print(f"ROWS {len(rows)} {rows[0][0] if rows else ''}", flush=True)
    print(f"FIRST_ROWS {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def demo_db(cases: int = 100_000, seed: int = 7) -> Path:
    """The GUI tests' cached demo database (``services.demo.cached_demo``), built once."""
    sys.path.insert(0, str(ROOT))
    from mediation_desk.services.demo import cached_demo

    print(f"the demo database with {cases} cases (built once, a few minutes)…", flush=True)
    return cached_demo(CACHE, cases, seed)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """(seconds from spawning ``cmd`` to its FIRST_ROWS line, its ROWS line)."""
    started = time.time()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    rows = ""
    for line in out.stdout.splitlines():
        if line.startswith("ROWS "):
            rows = line[5:]
        if line.startswith("FIRST_ROWS "):
            return float(line.split()[1]) - started, rows
    raise RuntimeError(f"no FIRST_ROWS from {cmd}:\n{out.stdout}\n{out.stderr}")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", type=Path)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    db = args.db or demo_db()
    home = tempfile.mkdtemp(prefix="md-bench-")
    # the demo is encrypted: the app logs in as 演示主任 (password demo) without a dialog
    env = dict(os.environ, MEDIATION_DESK_HOME=home, MEDIATION_DESK_USER="演示主任",
               MEDIATION_DESK_PASSWORD="demo")
    if env.get("PYTHONDONTWRITEBYTECODE"):
        print("warning: PYTHONDONTWRITEBYTECODE is set, so no module is cached between runs",
              flush=True)
    app_cmd = [sys.executable, "-m", "mediation_desk", "--db", str(db), "--exit-after-first-rows"]
    bare_cmd = [sys.executable, "-c", BARE, str(db)]
    timed(bare_cmd, env)  # warm the file cache for both
    timed(app_cmd, env)
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        seconds, bare_rows = timed(bare_cmd, env)
        bare.append(seconds)
        seconds, app_rows = timed(app_cmd, env)
        app.append(seconds)
        if bare_rows != app_rows:
            sys.exit(f"the two show different first rows: bare {bare_rows!r}, app {app_rows!r}")
    b, a = statistics.median(bare), statistics.median(app)
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "?")
    print(f"platform: {platform}; database: {db} ({db.stat().st_size / 1e6:.0f} MB); "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"first rows shown by both: {app_rows} (rows, first case number)")
    print(f"bare window, 200-row QTableView: median {b:.3f} s, p95 {p95(bare):.3f} s  (runs: "
          + ", ".join(f"{x:.3f}" for x in bare) + ")")
    print(f"Mediation Desk, first rows:      median {a:.3f} s, p95 {p95(app):.3f} s  (runs: "
          + ", ".join(f"{x:.3f}" for x in app) + ")")
    print(f"ratio of medians: {a / b:.2f}x (target <= 2x)")

if __name__ == "__main__":
    main()
