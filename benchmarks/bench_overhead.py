"""Benchmark-harness overhead: the built-in suite with the `oracle` model, Docker and local sandbox,
with 1, 2 and 4 workers.

For each run it prints the wall time of the whole run (report included), the throughput in cases
per minute, and per case: the mean case time, the mean wall time of the sandbox call (container
or copy, and the tests) and the harness overhead (case time minus sandbox time: scratch repo, git
init/commit, worktree, context and repo map, edit, bookkeeping).
Goal: the whole built-in suite with `oracle` in under 2 minutes with Docker.

Usage: python benchmarks/bench_overhead.py [--sandboxes docker,local] [--workers 1,2,4] [--exercises GLOB]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bench.languages import Language
from bot.bench.runner import BenchConfig, SandboxFactory, default_sandbox_factory, run_bench
from bot.bench.suite import default_suite_root
from bot.ports import Sandbox
from bot.sandbox import RunRequest, TestRun

GOAL_S = 120.0


class Timed:
    """Wraps a sandbox and keeps the wall time of each test run (container or copy included;
    probe runs excluded)."""

    def __init__(self, inner: Sandbox, durations: list[float], lock: threading.Lock) -> None:
        self.inner, self.name, self.durations, self.lock = inner, inner.name, durations, lock

    def run(self, request: RunRequest) -> TestRun:
        start = time.perf_counter()
        result = self.inner.run(request)
        if "command -v" not in request.command:
            with self.lock:
                self.durations.append(time.perf_counter() - start)
        return result


def measure(kind: str, workers: int, exercises: str | None) -> dict[str, float]:
    durations: list[float] = []
    lock = threading.Lock()
    inner = default_sandbox_factory(kind, None)

    def factory(lang: Language) -> Sandbox:
        return Timed(inner(lang), durations, lock)

    sandboxes: SandboxFactory = factory
    with tempfile.TemporaryDirectory(prefix="bench-overhead-") as out:
        config = BenchConfig(
            suite=default_suite_root(),
            pairs=("oracle",),
            out=Path(out),
            exercises=exercises,
            workers=workers,
            sandbox=kind,
        )
        start = time.perf_counter()
        run = run_bench(config, sandboxes=sandboxes)
        wall = time.perf_counter() - start
    cases = [r for r in run.ran if not r.skipped]
    passed = sum(r.passed_within(2) for r in cases)
    case_mean = statistics.fmean(r.duration_seconds for r in cases)
    test_mean = statistics.fmean(durations) if durations else 0.0
    return {
        "cases": len(cases),
        "passed": passed,
        "wall": wall,
        "per_min": 60 * len(cases) / wall,
        "case": case_mean,
        "test": test_mean,
        "overhead": case_mean - test_mean,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandboxes", default="docker,local")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--exercises", help="a glob to run a part of the suite")
    args = parser.parse_args()
    header = (
        f"{'sandbox':8} {'workers':>7} {'cases':>5} {'passed':>6} {'wall s':>7} {'cases/min':>9} "
        f"{'case s':>7} {'sandbox s':>9} {'overhead s':>10}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for kind in args.sandboxes.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            m = measure(kind, workers, args.exercises)
            print(
                f"{kind:8} {workers:>7} {m['cases']:>5.0f} {m['passed']:>6.0f} {m['wall']:>7.1f} "
                f"{m['per_min']:>9.1f} {m['case']:>7.2f} {m['test']:>9.2f} {m['overhead']:>10.2f}",
                flush=True,
            )
            ok = ok and m["passed"] == m["cases"]
            if kind == "docker" and args.exercises is None:
                verdict = "meets" if m["wall"] < GOAL_S else "MISSES"
                print(f"  -> whole suite with Docker, {workers} workers: {verdict} the {GOAL_S:.0f} s goal")
    if not ok:
        print("oracle did not pass every case: the harness is broken", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
