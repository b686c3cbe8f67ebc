"""The import preview by center and case beside the plain dry run, on a center's whole file.

A demo center (a copy of the cached 100k demo, or ``--demo``) exports everything for a
fresh court desk (``bench_exchange.setup``: its court cases, every record new there), then
the court previews the file, alternating:

* **preview**: ``services.import_preview.preview_bundle`` (the dry run plus each case
  under its center: the records are decided a second time beside the planner's);
* **dry run**: ``exchange.import_bundle(dry_run=True)`` (counts only), the floor of the
  same checks.

It checks that both give the same counts and that the preview lists every new case of the
file once, and exits 1 if not. Reports medians of wall and CPU time and the peak RSS growth
of each (the peak reset before each run, as bench_exchange.py does).

    nice -n 10 .venv/bin/python benchmarks/bench_import_preview.py [--demo DEMO.db] \
        [--work DIR] [--repeats 3]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_exchange import _fresh, _hwm_mb, _reset_hwm, _rss_mb, setup  # noqa: E402

from mediation_desk.services import exchange  # noqa: E402
from mediation_desk.services.demo import open_demo  # noqa: E402
from mediation_desk.services.import_preview import preview_bundle  # noqa: E402
from mediation_desk.storage.store import Store  # noqa: E402

CACHE = Path("/tmp/mediation-desk-cache/demo-100000-seed-7-m014_compact_store.db")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", type=Path, default=CACHE)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-preview-"))
    work.mkdir(parents=True, exist_ok=True)
    bundle = work / "center-to-court.mdx"
    if not bundle.exists():
        setup(work, 0, demo=args.demo)  # copies the demo: the cache is never opened
        center = open_demo(_fresh(work, "center01.db"))
        exchange.export_bundle(center, "bench", "court01", bundle, full=True)
        center.close()
    court = Store.open(_fresh(work, "court01.db"))
    samples: dict[str, list[tuple[float, float]]] = {"preview": [], "dry run": []}
    peaks: dict[str, float] = {}
    results = {}
    for _ in range(args.repeats):
        for name, fn in (("preview", lambda: preview_bundle(court, "bench", bundle)),
                         ("dry run", lambda: exchange.import_bundle(court, "bench", bundle,
                                                                     dry_run=True))):
            gc.collect()
            before = _rss_mb()
            _reset_hwm()
            w, c = time.perf_counter(), time.process_time()
            results[name] = fn()
            samples[name].append(((time.perf_counter() - w) * 1000,
                                  (time.process_time() - c) * 1000))
            grown = _hwm_mb() - before
            peaks[name] = max(peaks.get(name, 0.0), grown)
    preview, dry = results["preview"], results["dry run"]
    listed = [c.case_id for center in preview.centers for c in center.cases]
    new_cases = preview.by_entity.get("cases", {}).get("new", 0)
    ok = (preview.counts == dry.counts and len(listed) == len(set(listed))
          and sum(center.count("new") for center in preview.centers) == new_cases)
    print(f"{bundle.name}: {bundle.stat().st_size / 2**20:.1f} MB, counts {dry.counts}, "
          f"{new_cases} new cases, {len(preview.centers)} center(s)")
    for name, values in samples.items():
        print(f"{name}: {statistics.median(w for w, _c in values):.0f} ms wall / "
              f"{statistics.median(c for _w, c in values):.0f} ms CPU, peak RSS growth "
              f"{peaks[name]:.0f} MiB")
    print("same counts, every new case listed once" if ok else "DIFFERENT")
    court.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
