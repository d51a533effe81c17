"""`sandbox: auto` with no Docker engine (13.2): only the bundled demo falls back to the unisolated
local sandbox by itself; `run` and the Action stop with exit 2 and say how to choose it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import SandboxUnavailable
from tests.action.harness import run_local_action
from tests.cli.test_cli import cli
from tests.pipeline.helpers import FIX_ADD, git, make_repo, transcript


def dead_engine(tmp_path: Path) -> dict[str, str]:
    return {"DOCKER_HOST": f"unix://{tmp_path}/no-docker-here.sock"}


def test_run_without_an_engine_stops_and_names_the_local_sandbox(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    marker = tmp_path / "ran-unisolated"
    (repo / "conftest.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "conftest")
    result = cli("run", "--repo", str(repo), "--issue-text", "add() is wrong", "--editor", edit,
                 env=dead_engine(tmp_path))  # fmt: skip
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert "--sandbox local" in result.stderr and "no Docker engine" in result.stderr
    assert not marker.exists()  # nothing the model wrote ran on this machine


def test_demo_without_an_engine_falls_back_to_the_local_sandbox(tmp_path: Path) -> None:
    result = cli("demo", "--dir", str(tmp_path / "demo"), env=dead_engine(tmp_path))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "local" in result.stdout and "status: fixed" in result.stdout.replace("\n", " ")


def test_the_action_requires_docker_unless_the_workflow_chooses_local(tmp_path: Path) -> None:
    inputs = {
        "INPUT_ARCHITECT_MODEL": "replay/examples/demo/transcripts/architect.yml",
        "INPUT_EDITOR_MODEL": "replay/examples/demo/transcripts/editor.yml",
        "INPUT_TEST_COMMAND": "python3 -m pytest -q -p no:cacheprovider",
    }
    proc, outputs = run_local_action(tmp_path, {**inputs, **dead_engine(tmp_path)})
    assert proc.returncode == 2, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert proc.stdout.startswith("::error ") and "sandbox: local" in proc.stdout
    assert outputs["status"] == "error"
    proc, outputs = run_local_action(tmp_path, {**inputs, "INPUT_SANDBOX": "local", **dead_engine(tmp_path)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert outputs["status"] == "fixed"


def test_the_benchmark_does_not_fall_back_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Benchmark cases run real models' code too."""
    from bot.bench.runner import default_sandbox_factory

    monkeypatch.setenv("DOCKER_HOST", dead_engine(tmp_path)["DOCKER_HOST"])
    with pytest.raises(SandboxUnavailable, match="--sandbox local"):
        default_sandbox_factory("auto", None)
    assert default_sandbox_factory("local", None)  # chosen explicitly: fine
