"""Bot overhead of a full `run`: wall time minus model time and test time.

Replays the bundled demo's recorded models (no model latency) with a trivial test command (`true`)
in the local sandbox, so what remains is the bot itself: context, prompts, edit parsing and
applying, git worktree and commit, PR rendering. Goal: under 2 s.
Usage: python benchmarks/pipeline_overhead.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.commands.common import build_models, local_publisher
from bot.commands.demo_cmd import demo_task, prepare_repo
from bot.pipeline import run_pipeline
from bot.sandbox.local import LocalSandbox


def one_run() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        task = demo_task(prepare_repo(Path(tmp)), "local")
        # `true` cannot fail, so no reproduction test can (reproduction_overhead.py measures that stage)
        quick = {"test_command": "true", "reproduce": "never"}
        task = replace(task, settings=task.settings.model_copy(update=quick))
        start = time.perf_counter()
        outcome = run_pipeline(
            task, build_models(task.settings), LocalSandbox(), publish=local_publisher(task)
        )
        wall = time.perf_counter() - start
        # the baseline is a test run too (`true` here), not the bot's own work
        return wall, outcome.timings.get("test", 0.0) + outcome.timings.get("baseline", 0.0)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    one_run()  # warm the repo-map cache and imports, as a second run on a repo would be
    samples = [one_run() for _ in range(runs)]
    walls = [w for w, _ in samples]
    overheads = [w - t for w, t in samples]  # replayed models take no time
    print(f"full run with replayed models, `true` as tests, median of {runs}")
    print(f"wall       {statistics.median(walls):.3f} s")
    print(f"bot only   {statistics.median(overheads):.3f} s   (wall minus test time; goal < 2 s)")


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    main()
