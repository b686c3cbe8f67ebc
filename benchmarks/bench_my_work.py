"""我的案件: the app's counts and lists beside bare SQL of the same work.

For three scopes of a demo database (the busiest mediator, the median one by number of
cases, and the whole center as a director sees it) it times:

* **app**: ``services.my_work.my_work`` in one read snapshot: overdue, due soon and
  follow-ups owed (each an exact count and its first 500 rows, driven from the running
  clocks' and the follow-ups' indexes, then the mediator's pair in ``case_mediators``),
  and today's sessions (every case's events up to 3,000 cases in scope; above that the
  cases that can have one: a lower bound, flagged);
* **bare**: plain SQL of the same figures as one would first write it: the mediator's
  cases from ``case_mediators`` joined to ``cases`` with each list's condition, and today's
  sessions as a join of every session event to its case (exact). For the whole center the
  same conditions on ``cases`` alone.

Samples alternate (app, bare, app, ...). It checks that each count equals the bare one and
each list's rows (at most ``LIST_LIMIT``) are among the bare ids (today's sessions: a
subset when the app says "lower bound", equal when it says exact) and exits 1 if not.
Reports medians of wall and CPU time (the process's) in milliseconds; the machine is
shared, so CPU is the steadier figure.

    nice -n 10 .venv/bin/python benchmarks/bench_my_work.py [--db DEMO_COPY.db] [--repeats 5]

Without ``--db`` the cached 100k demo is copied to benchmarks/out/my-work-100k.db (the
cache itself is never opened); ``--db`` is an encrypted demo database (演示主任 / demo).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.security.keyfile import keyfile_path  # noqa: E402
from mediation_desk.services.demo import open_demo  # noqa: E402
from mediation_desk.services.my_work import LIST_LIMIT, my_work  # noqa: E402
from mediation_desk.services.settings import load_settings  # noqa: E402
from mediation_desk.storage.my_work_queries import sessions_today_plain  # noqa: E402

CACHE = Path("/tmp/mediation-desk-cache/demo-100000-seed-7-m014_compact_store.db")
OUT = ROOT / "benchmarks" / "out"


def bare(db: Any, mid: str | None, today: date, days: int) -> dict[str, set[str]]:
    t, soon = today.isoformat(), (today + timedelta(days=days)).isoformat()
    if mid is None:
        head, params = "SELECT c.id FROM cases c WHERE c.deleted = 0", []
    else:
        head = ("SELECT c.id FROM case_mediators cm JOIN cases c ON c.id = cm.case_id"
                " WHERE cm.mediator_id = ? AND c.deleted = 0")
        params = [mid]

    def ids(cond: str, more: list[Any]) -> set[str]:
        return {r[0] for r in db.execute(f"{head} AND {cond}", [*params, *more])}

    return {
        "overdue": ids("c.status IN ('accepted', 'mediating') AND c.due_on < ?", [t]),
        "due_soon": ids("c.status IN ('accepted', 'mediating') AND c.due_on >= ?"
                        " AND c.due_on <= ?", [t, soon]),
        "follow_ups": ids("c.status IN ('agreed', 'jc_confirmed', 'jc_withdrawn')"
                          " AND c.follow_up_due_on <= ?", [t]),
        "sessions": {cid for cid, _at in sessions_today_plain(db, mid, today=today)},
    }


def app_ids(work: Any) -> dict[str, set[str]]:
    return {"overdue": {r.id for r in work.overdue.rows},
            "due_soon": {r.id for r in work.due_soon.rows},
            "follow_ups": {r.id for r in work.follow_ups.rows},
            "sessions": {s.case.id for s in work.sessions}}


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    path = args.db
    if path is None:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / "my-work-100k.db"
        if not path.exists():
            shutil.copyfile(CACHE, path)
            shutil.copyfile(keyfile_path(CACHE), keyfile_path(path))
    store = open_demo(path)
    db, today = store.db, store.today()
    days = load_settings(store).due_soon_days
    per = db.execute("SELECT mediator_id, count(*) FROM case_mediators GROUP BY 1"
                     " ORDER BY 2 DESC").fetchall()
    live = int(db.execute("SELECT live FROM case_tally").fetchone()[0])
    scopes = [("busiest mediator", per[0][0], per[0][1]),
              ("median mediator", per[len(per) // 2][0], per[len(per) // 2][1]),
              ("whole center", None, live)]
    print(f"{path.name}: {live} cases, today {today}, due soon = {days} days")
    failed = False
    for label, mid, n in scopes:
        samples: dict[str, list[tuple[float, float]]] = {"app": [], "bare": []}
        for _ in range(args.repeats):
            def app(m: str | None = mid) -> Any:
                with store.snapshot():
                    return my_work(store, m)
            wa, ca, work = timed(app)
            samples["app"].append((wa, ca))
            wb, cb, plain = timed(lambda m=mid: bare(db, m, today, days))
            samples["bare"].append((wb, cb))
        got = app_ids(work)
        # each list: its exact count, and its first rows (at most LIST_LIMIT) among them
        ok = all(getattr(work, k).count == len(plain[k]) and got[k] <= plain[k]
                 and len(got[k]) == min(len(plain[k]), LIST_LIMIT)
                 for k in ("overdue", "due_soon", "follow_ups"))
        sessions_ok = got["sessions"] == plain["sessions"] if work.sessions_exact \
            else got["sessions"] <= plain["sessions"]
        failed |= not (ok and sessions_ok)
        med = {k: (statistics.median(w for w, _c in v), statistics.median(c for _w, c in v))
               for k, v in samples.items()}
        print(f"{label} ({n} cases): overdue {work.overdue.count}, due soon "
              f"{work.due_soon.count}, follow-ups {work.follow_ups.count}, sessions "
              f"{len(work.sessions)}{'' if work.sessions_exact else ' (at least)'} of "
              f"{len(sessions_today_plain(db, mid, today=today))}; "
              f"app {med['app'][0]:.1f} ms wall / {med['app'][1]:.1f} ms CPU, "
              f"bare {med['bare'][0]:.1f} ms wall / {med['bare'][1]:.1f} ms CPU; "
              f"{'same' if ok and sessions_ok else 'DIFFERENT'}")
    store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
