"""A run killed with SIGKILL mid-way: its finished cases stay, its lock dies with it, and --resume
finishes the run without redoing them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.bench.results import RESULT_FILE, load_results
from tests.bench_runner.helpers import Spec, make_suite

ROOT = Path(__file__).resolve().parents[2]


def bench(suite: Path, out: Path, *extra: str) -> list[str]:
    flags = ["--suite", str(suite), "--pair", "oracle", "--sandbox", "local", "--out", str(out), *extra]
    return [sys.executable, "-m", "bot", "bench", *flags]


def test_resume_after_a_kill_redoes_nothing(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec(f"ex{i}", sleep_s=0.5) for i in range(3)])
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(bench(suite, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(out.rglob(RESULT_FILE)) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done = {p: p.stat().st_mtime_ns for p in out.rglob(RESULT_FILE)}
    assert 1 <= len(done) < 3, "the run was not killed mid-way"

    resumed = subprocess.run(
        bench(suite, out, "--resume"), env=env, capture_output=True, text=True, timeout=120
    )

    assert resumed.returncode == 0, resumed.stderr
    assert {p: p.stat().st_mtime_ns for p in done} == done
    results = load_results([out])
    assert len(results) == 3 and all(r.status == "fixed" for r in results)
