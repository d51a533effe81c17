"""Start-up time of the CLI: `architect-bot --help`, median of several fresh interpreters.

Every Action run and every `run`/`apply` pays it before any work. Heavy libraries (the model SDKs,
matplotlib) load only when a command needs them. Usage: python benchmarks/cli_startup.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    subprocess.run(
        [sys.executable, "-m", "bot", "--help"], cwd=ROOT, capture_output=True, check=True
    )  # warm .pyc
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "--help"], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(
        f"architect-bot --help: median {statistics.median(times):.3f} s over {runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


if __name__ == "__main__":
    main()
