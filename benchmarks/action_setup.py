"""Start-up cost of the composite action: `scripts/action-setup.sh` cold (new venv) and warm (reuse).

Copies the action (pyproject.toml, bot/, scripts/) to a temporary folder, as the runner does under
`_actions/<owner>/<repo>/<ref>`, then times the setup script twice. Goal (issue 6): under 30 s cold,
under 10 s warm. Cold depends on the package index and the wheel cache; run it twice to see both.
Usage: python benchmarks/action_setup.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_setup(action: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(
        ["bash", str(action / "scripts" / "action-setup.sh"), str(action)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"setup failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="architect-action-") as tmp:
        action = Path(tmp) / "action"
        action.mkdir()
        shutil.copy(ROOT / "pyproject.toml", action)
        shutil.copy(ROOT / "README.md", action)  # pyproject names it as the readme
        for folder in ("bot", "scripts"):
            shutil.copytree(ROOT / folder, action / folder, ignore=shutil.ignore_patterns("__pycache__"))
        cold, cold_line = timed_setup(action)
        warm, warm_line = timed_setup(action)
        start = time.perf_counter()
        subprocess.run(
            [action / ".venv" / "bin" / "architect-bot", "--help"], capture_output=True, check=True
        )
        help_s = time.perf_counter() - start
    print(f"cold setup: {cold:6.1f} s  ({cold_line})")
    print(f"warm setup: {warm:6.1f} s  ({warm_line})")
    print(f"architect-bot --help after setup: {help_s:.2f} s")
    verdict = {True: "met", False: "MISSED"}
    print(f"goals: cold < 30 s {verdict[cold < 30]}, warm < 10 s {verdict[warm < 10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
