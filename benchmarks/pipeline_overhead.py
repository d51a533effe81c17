"""Bot overhead of a full `run`: in the pipeline, and in the whole process around it.

In-process: replays the bundled demo's recorded models (no model latency) with a trivial test
command (`true`) in the local sandbox, so what remains is the bot itself: context, prompts, edit
parsing and applying, git worktree and commit, PR rendering. Goal: under 2 s.

Whole process: `architect-bot run` as a user starts it, against the scripted LLM server (one
OpenAI-compatible and one Anthropic pair), local sandbox, publishing a branch + PR.md. Measured from
the moment the process is started to the first model request the server receives (imports, settings,
building the models, context), and from the moment the tests end to the process exit (publishing,
printing). Goals: under 1.5 s to the first request, under 0.5 s from the tests to the exit.
Usage: python benchmarks/pipeline_overhead.py [RUNS]
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.commands.demo_cmd import demo_repo, demo_task
from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.pipeline import run_pipeline
from bot.sandbox.local import LocalSandbox
from tests.servers.llm import LLMServer, Reply

ROOT = Path(__file__).resolve().parents[1]
PAIRS = {
    "openai-compatible": ("compat/qwq-32b", "compat/qwen2.5-coder-32b"),
    "anthropic": ("anthropic/claude-opus-5-5", "anthropic/claude-sonnet-5-5"),
}
PLAN = "In `calc.py`, `add` subtracts: make it return `a + b`.\n\nFiles to change:\n- calc.py\n"
FIX = "calc.py\n```\n<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n```\n"
# the test command prints when it ends, so "tests ended" is measured where they run
TESTS = "python3 -c \"import time; print('tests-ended-at', repr(time.time()))\""


def one_run() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        task = demo_task(demo_repo(Path(tmp)), "local")
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


def _repo(root: Path) -> Path:
    root.mkdir()
    (root / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b"}
    env["GIT_COMMITTER_EMAIL"] = "b@b"
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)
    return root


def process_run(server: LLMServer, pair: tuple[str, str]) -> tuple[float, float]:
    """(start -> first model request, tests ended -> exit) of one `architect-bot run`, in seconds."""
    architect, editor = pair
    server.reset()
    server.script(Reply(answer=PLAN), Reply(answer=FIX))
    base = server.base_url if architect.startswith("anthropic/") else server.openai_base_url
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k"}
    with tempfile.TemporaryDirectory() as tmp:
        repo = _repo(Path(tmp) / "repo")
        args = ["run", "--repo", str(repo), "--issue-text", "add() subtracts", "--json", "--base-url", base]
        args += ["--architect", architect, "--editor", editor, "--sandbox", "local", "--test-cmd", TESTS]
        started = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, check=False
        )
        ended = time.time()
    # the tests pass before the fix too, so the run ends `unverified` (exit 1): only a crash counts
    if not done.stdout.strip():
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr[-2000:]}")
    tail = json.loads(done.stdout)["tries"][-1]["output_tail"]
    tests_ended = float(re.findall(r"tests-ended-at (\S+)", tail)[-1])
    return server.requests[0].at - started, ended - tests_ended


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    one_run()  # warm the repo-map cache and imports, as a second run on a repo would be
    samples = [one_run() for _ in range(runs)]
    walls = [w for w, _ in samples]
    overheads = [w - t for w, t in samples]  # replayed models take no time
    print(f"full run with replayed models, `true` as tests, median of {runs}")
    print(f"wall       {statistics.median(walls):.3f} s")
    print(f"bot only   {statistics.median(overheads):.3f} s   (wall minus test time; goal < 2 s)")
    print(f"\nwhole `architect-bot run` process, scripted LLM server, median of {runs}")
    with LLMServer() as server:
        for label, pair in PAIRS.items():
            process_run(server, pair)  # warm the OS file cache, as any second run on a machine is
            starts, ends = zip(*(process_run(server, pair) for _ in range(runs)), strict=True)
            print(
                f"{label:18} start -> first request {statistics.median(starts):.3f} s (goal < 1.5 s), "
                f"tests -> exit {statistics.median(ends):.3f} s (goal < 0.5 s)"
            )


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    main()
