"""The CLI as a user meets it: a subprocess, its exit code, what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sandbox.repos import FAILING, PASSING, make_repo

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["demo", "run", "plan", "apply", "action", "bench", "models", "sandbox"]


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=full_env, timeout=300
    )


def test_help_lists_every_command() -> None:
    result = cli("--help")
    assert result.returncode == 0
    for name in COMMANDS:
        assert f"\n    {name} " in result.stdout


def test_no_command_is_a_usage_error() -> None:
    assert cli().returncode == 2


def test_unknown_flag_is_a_usage_error() -> None:
    result = cli("sandbox", "--no-such-flag")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_local_sandbox_exit_codes_follow_the_tests(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", FAILING)
    failing = cli("sandbox", "--repo", str(repo), "--test-cmd", "python3 -m pytest -q", "--local")
    assert failing.returncode == 1
    assert "assert (1 + 1) == 3" in failing.stdout
    (repo / "tests" / "test_sum.py").write_text(PASSING)
    passing = cli("sandbox", "--repo", str(repo), "--test-cmd", "python3 -m pytest -q", "--local")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "passed" in passing.stdout
    assert "NOT isolated" in passing.stderr
    assert "pytest " in passing.stdout.split("python", 1)[1]  # the row naming Python and pytest


def test_docker_sandbox_json_output(tmp_path: Path, sandbox_image: str) -> None:
    repo = make_repo(tmp_path / "r", FAILING)
    result = cli(
        "sandbox",
        "--repo",
        str(repo),
        "--test-cmd",
        "python3 -m pytest -q",
        "--image",
        sandbox_image,
        "--json",
    )
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["status"] == "failed" and data["exit_code"] == 1 and data["sandbox"] == "docker"
    assert data["image"] == sandbox_image
    assert "assert (1 + 1) == 3" in data["output"]
    # which image, Python and pytest ran the tests (#17 item 8)
    assert data["image_id"].startswith("sha256:") and data["python"].startswith("3.") and data["pytest"]


def test_missing_engine_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    result = cli(
        "sandbox",
        "--repo",
        str(repo),
        "--test-cmd",
        "true",
        env={"DOCKER_HOST": f"unix://{tmp_path}/absent.sock"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("architect-bot: error:")]
    assert len(errors) == 1 and "--local" in errors[0]


def test_missing_repo_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("sandbox", "--repo", str(tmp_path / "nope"), "--test-cmd", "true", "--local")
    assert result.returncode == 2
    assert "is not a directory" in result.stderr


def test_sandbox_reports_each_test_or_says_why_it_cannot(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", FAILING + "\n\ndef test_other():\n    pass\n")
    args = ["sandbox", "--repo", str(repo), "--local", "--json", "--test-cmd"]
    result = json.loads(cli(*args, "python3 -m pytest -q").stdout)
    assert result["tests"]["counts"] == {"passed": 1, "failed": 1}
    assert [t["id"] for t in result["tests"]["tests"]] == [
        "tests/test_sum.py::test_sum",
        "tests/test_sum.py::test_other",
    ]
    assert result["tests_unread"] == ""
    custom = json.loads(cli(*args, "sh -c 'exit 1'").stdout)
    assert custom["tests"] is None
    assert "only its exit code was read" in custom["tests_unread"]
    text = cli(*args[:-2], "--test-cmd", "python3 -m pytest -q").stdout
    assert "1 passed, 1 failed (pytest)" in text and "tests/test_sum.py::test_sum" in text
