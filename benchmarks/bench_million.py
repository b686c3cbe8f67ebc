"""The 1,000,000-case desk (issue 14): search, case list, dashboard, report and import figures.

Builds the demo once with ``services.demo.build_demo`` (cached like the tests' 100k demo:
``/tmp/mediation-desk-cache/demo-1000000-seed-7-<newest migration>.db`` and its key file) or
reuses the file given by ``--db``, then runs the sibling benchmarks on it, each in its own
process with ``--db``, in this order:

    bench_search.py      search against bare FTS5 of the same semantics (results compared)
    bench_case_list.py   case list pages in every sort, the dashboard counts, against bare SQL
    bench_reports.py     statistics reports (a month, a quarter, a year) against bare SQL
    bench_exchange.py    export and import against a bare floor

Each of them compares the application with the best bare implementation of the same work
in the same run, prints medians and p95 and checks that both give the same results (and
exits non-zero when they differ). This script gathers what they print into one report: a
summary table (one row per benchmark: status, its verdict lines) and each benchmark's own
table below it. A benchmark that is missing, or that takes no ``--db``, is reported as not
measured rather than run on some other database.

    nice -n 10 .venv/bin/python benchmarks/bench_million.py [--cases 1000000] [--seed 7]
        [--db PATH] [--only search,case_list,reports,exchange] [--repeats N] [--out report.md]

The build takes minutes of CPU (issue 14's target: ≤ 5 minutes at 1M); on a shared machine
run it niced. The load average is printed beside every figure: it decides much of them.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mediation_desk.security.keyfile import keyfile_path  # noqa: E402

CACHE = Path(os.environ.get("MEDIATION_DESK_TEST_CACHE", "/tmp/mediation-desk-cache"))
SIBLINGS = ("search", "case_list", "reports", "exchange")
# lines of a sibling's output that state its verdict (targets, worst cases, results checks)
VERDICT = re.compile(r"worst|target|results|identical|equal|differ|mismatch|peak",
                     re.IGNORECASE)


@dataclass
class Outcome:
    """One sibling benchmark's run: what it printed and how it ended."""

    name: str
    status: str  # "ok", "FAILED (exit n)", "not measured: why"
    seconds: float = 0.0
    output: str = ""
    verdicts: list[str] = field(default_factory=list)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def the_database(args: argparse.Namespace) -> tuple[Path, str]:
    """The 1M demo (built now if missing) and a line saying how it was got."""
    from mediation_desk.services.demo import build_demo, cached_demo

    if args.db is None:
        started = time.perf_counter()
        with _lock(CACHE / f"demo-{args.cases}-seed-{args.seed}.lock"):
            path = cached_demo(CACHE, args.cases, args.seed)
        seconds = time.perf_counter() - started
        how = "reused" if seconds < 60 else f"built in {seconds:.0f} s"
        return path, f"{how} (cached_demo, seed {args.seed})"
    path = args.db
    if path.exists():
        if not keyfile_path(path).exists():
            raise SystemExit(f"{path} has no key file {keyfile_path(path).name}: not a demo desk")
        return path, "reused (--db)"
    started = time.perf_counter()
    result = build_demo(path, cases=args.cases, seed=args.seed)
    seconds = time.perf_counter() - started
    return path, (f"built in {seconds:.0f} s ({result.cases_added / seconds:,.0f} cases/s, "
                  f"build_demo seed {args.seed})")


class _lock:
    """The tests' lock on a cached demo build (tests/ui/conftest.demo_database)."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = FileLock(str(path))

    def __enter__(self) -> None:
        self.lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def describe(path: Path) -> list[str]:
    """Cases, file size and bytes per case of the database."""
    from mediation_desk.services.demo import open_demo

    store = open_demo(path)
    try:
        cases = store.cases.count_live()
    finally:
        store.close()
    size = path.stat().st_size
    return [f"cases: {cases:,}",
            f"file: {size / 1e9:.2f} GB ({size / max(cases, 1):,.0f} bytes per case)"]


def run_sibling(name: str, db: Path, timeout: float, repeats: int | None) -> Outcome:
    """``benchmarks/bench_<name>.py --db DB [--repeats N]`` in its own process."""
    script = ROOT / "benchmarks" / f"bench_{name}.py"
    if not script.exists():
        return Outcome(name, f"not measured: {script.name} does not exist yet")
    helped = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                            text=True, cwd=ROOT, timeout=120, check=False)
    if "--db" not in helped.stdout:
        return Outcome(name, f"not measured: {script.name} takes no --db (it builds its own "
                             "database)")
    command = [sys.executable, str(script), "--db", str(db)]
    if repeats is not None and "--repeats" in helped.stdout:
        command += ["--repeats", str(repeats)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command,
                              capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or ""
        return Outcome(name, f"FAILED (no result within {timeout:.0f} s)",
                       time.perf_counter() - started, out)
    seconds = time.perf_counter() - started
    output = done.stdout + (f"\n[stderr]\n{done.stderr}" if done.returncode else "")
    status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
    verdicts = [line.strip() for line in done.stdout.splitlines() if VERDICT.search(line)]
    return Outcome(name, status, seconds, output, verdicts)


def report(db: Path, how: str, facts: list[str], outcomes: list[Outcome]) -> str:
    lines = ["# 1,000,000 cases (benchmarks/bench_million.py)", "",
             f"database: {db} — {how}", *facts, f"load average at the end: {load()}", "",
             "| benchmark | status | seconds | verdict (its own lines) |",
             "| --- | --- | --- | --- |"]
    for o in outcomes:
        verdict = "<br>".join(v.replace("|", "/") for v in o.verdicts[:6]) or "—"
        lines.append(f"| bench_{o.name}.py | {o.status} | {o.seconds:.0f} | {verdict} |")
    for o in outcomes:
        if o.output:
            lines += ["", f"## bench_{o.name}.py --db {db.name}", "", "```",
                      o.output.rstrip(), "```"]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, help="a demo desk to use (built there when missing)")
    ap.add_argument("--only", default=",".join(SIBLINGS),
                    help=f"comma-separated subset of {', '.join(SIBLINGS)}")
    ap.add_argument("--repeats", type=int,
                    help="passed to the benchmarks that take it (their own default otherwise)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per benchmark")
    ap.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    args = ap.parse_args()
    wanted = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(wanted) - set(SIBLINGS))
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)}")

    print(f"load average: {load()}", flush=True)
    db, how = the_database(args)
    facts = describe(db)
    print(f"database: {db} — {how}", *facts, sep="\n", flush=True)
    outcomes = []
    for name in wanted:
        print(f"bench_{name}.py ... (load {load()})", flush=True)
        outcomes.append(run_sibling(name, db, args.timeout, args.repeats))
        print(f"  {outcomes[-1].status}, {outcomes[-1].seconds:.0f} s", flush=True)
        if args.out:  # what is measured so far, should a later benchmark not finish
            args.out.write_text(report(db, how, facts, outcomes), encoding="utf-8")
    text = report(db, how, facts, outcomes)
    print("\n" + text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0 if all(not o.status.startswith("FAILED") for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
