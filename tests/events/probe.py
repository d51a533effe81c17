"""A stand-in action for set-up tests: the real action.yml and set-up script, a tiny package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.events.helpers import ROOT

SETUP = ROOT / "scripts" / "action-setup.sh"


def run_setup(
    action_path: Path,
    tmp_path: Path,
    python: str = sys.executable,
    tool_cache: Path | None = None,
    uv: str | None = None,
) -> tuple[subprocess.CompletedProcess[str], str]:
    """Runs the set-up script; ``tool_cache`` is RUNNER_TOOL_CACHE (None: the runner has none);
    ``uv`` is ARCHITECT_UV (a uv to use, or "none" for pip alone; None: the pinned uv)."""
    output = tmp_path / "github_output"
    output.write_text("")
    env = {**os.environ, "ARCHITECT_PYTHON": python, "GITHUB_OUTPUT": str(output), "PIP_NO_INPUT": "1"}
    for name in ("RUNNER_TOOL_CACHE", "ARCHITECT_UV", "UV_CACHE_DIR"):
        env.pop(name, None)
    # A uv on PATH (the dev venv has one) would be used as it is: hide it, as on a bare runner.
    folders = env.get("PATH", "").split(os.pathsep)
    env["PATH"] = os.pathsep.join(f for f in folders if f and not (Path(f) / "uv").exists())
    if tool_cache is not None:
        env["RUNNER_TOOL_CACHE"] = str(tool_cache)
    if uv is not None:
        env["ARCHITECT_UV"] = uv
    result = subprocess.run(
        ["bash", str(SETUP), str(action_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, output.read_text()


PROBE_CLI = """\
import json
import os
import sys


def main() -> None:
    if sys.argv[1:] != ["action"]:
        print(GREETING)
        return
    seen = {k: v for k, v in os.environ.items() if k.startswith(("INPUT_", "ARCHITECT_"))}
    with open(os.environ["PROBE_DUMP"], "w") as handle:
        json.dump(seen, handle)
    with open(os.environ["GITHUB_OUTPUT"], "a") as handle:
        handle.write("status=fixed\\npr-url=https://github.com/o/r/pull/2\\npr-number=2\\n")
        handle.write("branch=architect/issue-1\\ncost-usd=0.42\\nplan=/tmp/plan.md\\n")
"""


def tiny_action(root: Path, greeting: str, lock: str = "# no dependencies\n") -> Path:
    """A stand-in package with the real layout (pyproject.toml, bot/, console script architect-bot,
    requirements/ with the real uv pin and ``lock`` as the dependency lock) and the real action.yml
    and set-up script; `architect-bot action` reports what it received."""
    (root / "bot").mkdir(parents=True, exist_ok=True)
    (root / "scripts").mkdir(exist_ok=True)
    (root / "requirements").mkdir(exist_ok=True)
    (root / "requirements" / "action.txt").write_text(lock)
    shutil.copy(ROOT / "requirements" / "uv.txt", root / "requirements" / "uv.txt")
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "architect-bot-setup-probe"\nversion = "0.0.1"\n'
        '[project.scripts]\narchitect-bot = "bot.cli:main"\n'
        '[tool.setuptools.packages.find]\ninclude = ["bot*"]\n'
    )
    (root / "bot" / "__init__.py").write_text("")
    (root / "bot" / "cli.py").write_text(f"GREETING = {greeting!r}\n" + PROBE_CLI)
    shutil.copy(ROOT / "action.yml", root / "action.yml")
    shutil.copy(SETUP, root / "scripts" / "action-setup.sh")
    return root
