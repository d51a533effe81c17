"""The self-test workflow's contract: `architect-bot action` with ARCHITECT_FORGE=local needs no GitHub."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.action.harness import ROOT, parse_outputs

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")


def test_local_forge_runs_the_demo_like_the_self_test_workflow(tmp_path: Path) -> None:
    out = tmp_path / "output.txt"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "ARCHITECT_FORGE": "local",
        "ARCHITECT_LOCAL_REPO": "examples/demo/repo",
        "ARCHITECT_LOCAL_ISSUE": "examples/demo/issue.md",
        "GITHUB_OUTPUT": str(out),
        "RUNNER_TEMP": str(tmp_path),
        "INPUT_ARCHITECT_MODEL": "replay/examples/demo/transcripts/architect.yml",
        "INPUT_EDITOR_MODEL": "replay/examples/demo/transcripts/editor.yml",
        "INPUT_TEST_COMMAND": "python3 -m pytest -q -p no:cacheprovider",
        "INPUT_DOCKER_IMAGE": "architect-bot/sandbox:bookworm",
        "INPUT_TRIES": "2",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "action"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    outputs = parse_outputs(out.read_text())
    assert outputs["status"] == "fixed" and outputs["branch"].startswith("architect/")
    assert Path(outputs["plan"]).read_text().startswith("The discount is subtracted")
    assert outputs["cost-usd"] and float(outputs["cost-usd"]) > 0
    assert (
        subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "examples"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        == ""
    )  # the checkout's own example is untouched
