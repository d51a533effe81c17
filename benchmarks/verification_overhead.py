"""Wall time the baseline adds to a run, on the bundled demo repository: cold and cached.

Replays the demo's recorded models (no model latency) with its real tests in the sandbox (Docker
when an engine answers, else local), twice on the same repository and cache directory: the first
run pays the baseline (goal: at most one test run, i.e. no more than one try's test run takes), the
second takes it from the cache (goal: under 0.5 s).
Usage: python benchmarks/verification_overhead.py [--sandbox docker|local|auto]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.commands.demo_cmd import demo_repo, demo_task
from bot.models.factory import build_models
from bot.outcome import Outcome
from bot.pipeline import run_pipeline
from bot.ports import Sandbox
from bot.sandbox import RunRequest, TestRun, make_sandbox


class Counted:
    """The real sandbox, counting its runs."""

    def __init__(self, inner: Sandbox) -> None:
        self.inner = inner
        self.name = inner.name
        self.image = getattr(inner, "image", None)
        self.runs = 0

    def run(self, request: RunRequest) -> TestRun:
        self.runs += 1
        return self.inner.run(request)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sandbox", choices=["docker", "local", "auto"], default="auto")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = demo_repo(Path(tmp))
        task = demo_task(repo, args.sandbox)
        # the demo writes a reproduction test (its own runs at the base): reproduction_overhead.py
        # measures that; here only the baseline's runs are counted
        task = dataclasses.replace(task, settings=task.settings.model_copy(update={"reproduce": "never"}))
        sandbox = Counted(make_sandbox(task.settings.sandbox, task.settings.image))
        cache = Path(tmp) / "cache"
        runs: list[tuple[Outcome, int]] = []
        for _ in range(2):
            before = sandbox.runs
            outcome = run_pipeline(task, build_models(task.settings), sandbox, cache_dir=cache)
            runs.append((outcome, sandbox.runs - before))
    (cold, cold_runs), (warm, warm_runs) = runs
    tries = [t.test_seconds for t in cold.tries if t.test_seconds]
    one_try = min(tries) if tries else float("nan")
    ran = cold.evidence.baseline_run_seconds if cold.evidence else float("nan")
    print(f"demo repository, {sandbox.name} sandbox, status {cold.status.value} then {warm.status.value}")
    print(f"baseline, cold     {cold.timings['baseline']:.3f} s wall, {ran:.3f} s in the sandbox")
    print(
        f"  sandbox runs     {cold_runs - len(tries)} for the baseline (goal: at most 1),",
        f"{len(tries)} for tries",
    )
    print(f"  one try's tests  {one_try:.3f} s in the sandbox")
    print(
        f"baseline, cached   {warm.timings['baseline']:.3f} s wall (goal < 0.5 s),",
        f"{warm_runs} sandbox runs in all",
    )


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    main()
