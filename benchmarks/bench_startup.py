"""Start-up time: process start to the main window showing its first case rows.

Measured on the 100,000-case demo database beside a bare PySide6 window (a
QMainWindow with one label, shown and painted), in the same run, each started
as a fresh process several times; the median is reported. Target: no more than
3 times the bare window.

    .venv/bin/python benchmarks/bench_startup.py [--db PATH] [--runs 5]

Without ``--db`` the 100,000-case demo database is built once (a few minutes)
and cached in /tmp/mediation-desk-cache (the same file the GUI tests use). The demo
is encrypted: the app logs in as 演示主任 (password ``demo``) from
MEDIATION_DESK_USER / MEDIATION_DESK_PASSWORD, so no login dialog is timed.
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
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("bare window"))
w.resize(1280, 800)
w.show()
def done():
    app.processEvents()
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``cmd`` to its FIRST_ROWS line."""
    started = time.time()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("FIRST_ROWS "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no FIRST_ROWS from {cmd}:\n{out.stdout}\n{out.stderr}")


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
    bare_cmd = [sys.executable, "-c", BARE]
    timed(bare_cmd, env)  # warm the file cache for both
    timed(app_cmd, env)
    bare, app = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "?")
    print(f"platform: {platform}; database: {db} ({db.stat().st_size / 1e6:.0f} MB)")
    print(f"bare PySide6 window:        median {b:.3f} s  (runs: "
          + ", ".join(f"{x:.3f}" for x in bare) + ")")
    print(f"Mediation Desk, first rows: median {a:.3f} s  (runs: "
          + ", ".join(f"{x:.3f}" for x in app) + ")")
    print(f"ratio: {a / b:.2f}x (target <= 3x)")


if __name__ == "__main__":
    main()
