"""Start-up cost of the composite action: `scripts/action-setup.sh` cold (new venv) and warm (reuse).

Copies the action (pyproject.toml, requirements/, bot/, scripts/) to a temporary folder, as the runner
does under `_actions/<owner>/<repo>/<ref>`, then times the setup script: cold with empty pip and uv
caches (a fresh hosted runner: every wheel is downloaded), warm (the venv is reused), and, for
comparison, cold with pip alone (ARCHITECT_UV=none, the fallback). Goal (issue 6): under 30 s cold,
under 10 s warm. Downloads go to the package index, so cold figures include the network.
Usage: python benchmarks/action_setup.py [--skip-pip]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_action(target: Path) -> Path:
    target.mkdir()
    shutil.copy(ROOT / "pyproject.toml", target)
    shutil.copy(ROOT / "README.md", target)  # pyproject names it as the readme
    for folder in ("bot", "scripts", "requirements"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def timed_setup(action: Path, caches: Path, **env: str) -> tuple[float, str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"RUNNER_TOOL_CACHE", "UV_CACHE_DIR"}}
    environment |= {"PIP_CACHE_DIR": str(caches / "pip"), "UV_CACHE_DIR": str(caches / "uv"), **env}
    start = time.perf_counter()
    result = subprocess.run(
        ["bash", str(action / "scripts" / "action-setup.sh"), str(action)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"setup failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def main() -> int:
    verdict = {True: "met", False: "MISSED"}
    with tempfile.TemporaryDirectory(prefix="architect-action-") as tmp:
        action = copy_action(Path(tmp) / "action")
        cold, cold_line = timed_setup(action, Path(tmp) / "caches")
        warm, warm_line = timed_setup(action, Path(tmp) / "caches")
        start = time.perf_counter()
        subprocess.run(
            [action / ".venv" / "bin" / "architect-bot", "--help"], capture_output=True, check=True
        )
        help_s = time.perf_counter() - start
        print(f"cold setup (uv, empty caches): {cold:6.1f} s  ({cold_line})")
        print(f"warm setup:                    {warm:6.1f} s  ({warm_line})")
        print(f"architect-bot --help after setup: {help_s:.2f} s")
        if "--skip-pip" not in sys.argv:
            fallback = copy_action(Path(tmp) / "action-pip")
            pip_s, pip_line = timed_setup(fallback, Path(tmp) / "caches-pip", ARCHITECT_UV="none")
            print(f"cold setup (pip fallback):     {pip_s:6.1f} s  ({pip_line})")
    print(f"goals: cold < 30 s {verdict[cold < 30]}, warm < 10 s {verdict[warm < 10]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
