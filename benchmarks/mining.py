"""Own-history benchmark figures on the bundled cachetools history (../shared/data/cachetools.bundle):

- mining: seconds per candidate and per valid case, with 1 and 2 workers;
- bench overhead per case with the `oracle` pair on the mined cases (pipeline + hidden-test scoring).

Usage: python benchmarks/mining.py [--bundle PATH] [--limit 6] [--workers 1,2] [--sandbox docker]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bench.runner import BenchConfig
from bot.bench.swe.mine import MineConfig, mine
from bot.bench.swe.run import run_swe_bench
from bot.sandbox import make_sandbox
from bot.testcmd import detect_test_command
from tests.shared_data import clone_bundle, find_bundle

BUNDLE = find_bundle(Path(__file__)) or Path("../shared/data/cachetools.bundle")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--limit", type=int, default=6, help="candidates, newest first")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--sandbox", default="docker")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-mining-") as tmp:
        repo = Path(tmp) / "repo"
        clone_bundle(args.bundle, repo)
        command = detect_test_command(repo) or "python3 -m pytest -q"
        sandbox = make_sandbox(args.sandbox)
        cases = None
        print(
            f"{'workers':>7} {'candidates':>10} {'valid':>5} {'wall s':>7} {'s/candidate':>11} {'s/valid':>8}"
        )
        for workers in (int(w) for w in args.workers.split(",")):
            out = Path(tmp) / f"cases-{workers}.jsonl"
            start = time.perf_counter()
            run = mine(
                MineConfig(repo=repo, out=out, test_command=command, limit=args.limit, workers=workers),
                sandbox,
            )
            wall = time.perf_counter() - start
            valid = sum(m.case is not None for m in run.mined)
            per_valid = f"{wall / valid:8.1f}" if valid else "       -"
            per_candidate = wall / max(len(run.mined), 1)
            row = f"{workers:>7} {len(run.mined):>10} {valid:>5} {wall:7.1f} {per_candidate:11.1f}"
            print(f"{row} {per_valid}")
            cases = out
        if cases is None or not cases.read_text().strip():
            print("no valid case: no bench figure")
            return 0
        for workers in (int(w) for w in args.workers.split(",")):
            config = BenchConfig(
                suite=Path(),
                pairs=("oracle",),
                out=Path(tmp) / f"bench-{workers}",
                sandbox=args.sandbox,
                workers=workers,
                report=False,
            )
            start = time.perf_counter()
            bench = run_swe_bench(config, cases, repo)
            wall = time.perf_counter() - start
            resolved = sum(any(r.tests_outcomes) for r in bench.ran)
            print(
                f"bench oracle, {workers} worker(s): {len(bench.ran)} cases, {resolved} resolved, "
                f"{wall:.1f} s, {wall / max(len(bench.ran), 1):.1f} s per case"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
