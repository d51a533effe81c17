"""The self-test workflow's contract: `architect-bot action` with ARCHITECT_FORGE=local needs no GitHub."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.action.harness import ROOT, run_local_action

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")


def test_local_forge_runs_the_demo_like_the_self_test_workflow(tmp_path: Path) -> None:
    proc, outputs = run_local_action(
        tmp_path,
        {
            "INPUT_ARCHITECT_MODEL": "replay/examples/demo/transcripts/architect.yml",
            "INPUT_EDITOR_MODEL": "replay/examples/demo/transcripts/editor.yml",
            "INPUT_TEST_COMMAND": "python3 -m pytest -q -p no:cacheprovider",
            "INPUT_DOCKER_IMAGE": "architect-bot/sandbox:bookworm",
            "INPUT_TRIES": "2",
        },
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
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
