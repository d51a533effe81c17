"""What the reproduction stage adds to a run, on the demo repository (replayed models, real tests).

Runs `architect-bot demo`'s task twice per round, with `reproduce: always` and `never`, and prints
for the reproduction: its wall time, its editor calls, its test runs at the base (each should run
the reproduction test alone), and the difference in total wall time between the two runs.
Goal: at most one editor call plus one single-test run when the first test is right.

Usage: python benchmarks/reproduction_overhead.py [--sandbox docker|local] [--rounds 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
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

GOAL_EDITOR_CALLS = 1
GOAL_TEST_RUNS = 1


class Counting:
    """Keeps each test command the pipeline runs, with its duration."""

    def __init__(self, inner: Sandbox) -> None:
        self.inner, self.name = inner, inner.name
        self.runs: list[tuple[str, float]] = []

    def run(self, request: RunRequest) -> TestRun:
        result = self.inner.run(request)
        self.runs.append((request.command, result.duration_s))
        return result


def one_run(sandbox_kind: str, reproduce: str) -> tuple[Outcome, list[tuple[str, float]]]:
    with tempfile.TemporaryDirectory(prefix="repro-overhead-") as tmp:
        repo = demo_repo(Path(tmp))
        task = demo_task(repo, sandbox_kind)
        task = dataclasses.replace(task, settings=task.settings.model_copy(update={"reproduce": reproduce}))
        sandbox = Counting(make_sandbox(task.settings.sandbox, task.settings.image))
        outcome = run_pipeline(task, build_models(task.settings), sandbox)
        return outcome, sandbox.runs


def editor_calls(outcome: Outcome) -> int:
    return sum(u.calls for u in outcome.usage if u.role == "editor")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sandbox", default="docker", choices=["docker", "local"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    stage_s, extra_total_s, extra_calls, single_runs, single_s = [], [], [], [], []
    for _ in range(args.rounds):
        with_repro, runs = one_run(args.sandbox, "always")
        without, _ = one_run(args.sandbox, "never")
        assert with_repro.reproduction is not None, with_repro.error
        files = with_repro.reproduction.files
        at_base = [(cmd, s) for cmd, s in runs if files and cmd.endswith(" ".join(files))]
        stage_s.append(with_repro.timings.get("reproduce", 0.0))
        extra_total_s.append(with_repro.timings["total"] - without.timings["total"])
        extra_calls.append(editor_calls(with_repro) - editor_calls(without))
        single_runs.append(len(at_base))
        single_s.append(sum(s for _, s in at_base))
        print(
            f"round: {with_repro.status.value} / {without.status.value}, reproduction "
            f"{with_repro.reproduction.status} in {stage_s[-1]:.2f} s",
            file=sys.stderr,
        )
    runs, calls = statistics.median(single_runs), statistics.median(extra_calls)
    print(f"demo repository, {args.sandbox} sandbox, {args.rounds} rounds (median)")
    print(f"  reproduction stage wall time:      {statistics.median(stage_s):6.2f} s")
    print(f"    single-test runs at the base:    {runs:6.0f}   (goal {GOAL_TEST_RUNS})")
    print(f"    their test time:                 {statistics.median(single_s):6.2f} s")
    print(f"    editor calls added:              {calls:6.0f}   (goal {GOAL_EDITOR_CALLS})")
    print(f"  total run: always - never:         {statistics.median(extra_total_s):+6.2f} s")
    ok = calls <= GOAL_EDITOR_CALLS and runs <= GOAL_TEST_RUNS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
