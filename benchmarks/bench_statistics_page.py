"""The 统计 page's own share of switching the period, over the 100,000-case demo.

For each period switch (本月, 上月, 本季, 本年, 对外发布 on/off, …) it measures the whole
switch as a person sees it (``page.load()`` until the report is on screen: the statistics
service on the database thread plus the page showing it) and the page's part alone (models
reset, tabs, four charts updated). Target (issue 12): a switch ≤ 300 ms at 100k; the page's
own part should stay a small slice of it (charts are built once, series only updated).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_statistics_page.py \
        [--db PATH] [--repeats 5]

Without ``--db`` it uses the tests' cached demo (``/tmp/mediation-desk-cache``, built when
missing: minutes). It opens the desk by logging in as 演示主任, as the application does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from mediation_desk.domain.statistics import PeriodKind, ReportPeriod  # noqa: E402
from mediation_desk.services.demo import cached_demo, demo_login  # noqa: E402
from mediation_desk.ui import i18n  # noqa: E402
from mediation_desk.ui.context import Services  # noqa: E402
from mediation_desk.ui.pages.statistics_page import StatisticsPage  # noqa: E402
from mediation_desk.ui.tasks import TaskRunner  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    db = args.db or cached_demo(Path("/tmp/mediation-desk-cache"), 100_000, 7)
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    account_id, key = demo_login(db)
    runner = TaskRunner(synchronous=True)  # the switch waits for its report: measurable
    services = Services.login(db, runner, account_id, key)
    page = StatisticsPage(services)
    page.resize(1366, 700)
    page.show()
    app.processEvents()

    show = page._show
    shown: list[float] = []

    def timed_show(gen, report) -> None:  # the page's own part
        t = time.perf_counter()
        show(gen, report)
        app.processEvents()  # layout and paint of what changed
        shown.append(time.perf_counter() - t)

    page._show = timed_show  # type: ignore[method-assign]
    today = page.today
    month = ReportPeriod.containing(PeriodKind.MONTH, today)
    switches = {
        "本月": month, "上月": month.previous(),
        "本季": ReportPeriod.containing(PeriodKind.QUARTER, today),
        "本年": ReportPeriod.containing(PeriodKind.YEAR, today),
        "上年": ReportPeriod.containing(PeriodKind.YEAR, today).previous(),
    }
    page.set_period(month)  # warm the caches once
    print(f"database {db} ({db.stat().st_size / 2**20:.0f} MiB), today {today}")
    print(f"{'switch':<10}{'whole median':>14}{'max':>9}{'page median':>14}{'page max':>10}")
    for name, period in switches.items():
        whole, own = [], []
        for _ in range(args.repeats):
            shown.clear()
            t = time.perf_counter()
            page.set_period(period)
            app.processEvents()
            whole.append(time.perf_counter() - t)
            own.extend(shown)
        print(f"{name:<10}{statistics.median(whole) * 1000:>12.0f}ms{max(whole) * 1000:>7.0f}ms"
              f"{statistics.median(own) * 1000:>12.1f}ms{max(own) * 1000:>8.1f}ms")
    whole, own = [], []
    for i in range(args.repeats * 2):
        shown.clear()
        t = time.perf_counter()
        page.public.setChecked(i % 2 == 0)
        app.processEvents()
        whole.append(time.perf_counter() - t)
        own.extend(shown)
    print(f"{'对外发布':<8}{statistics.median(whole) * 1000:>12.0f}ms{max(whole) * 1000:>7.0f}ms"
          f"{statistics.median(own) * 1000:>12.1f}ms{max(own) * 1000:>8.1f}ms")
    page.close()
    services.close()


if __name__ == "__main__":
    main()
