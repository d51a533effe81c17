"""`architect-bot apply`, run as a user runs it: a subprocess reading the answer on stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = "calc.py\n```\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n```\n"
BAD = GOOD + "calc.py\n```\n<<<<<<< SEARCH\nz = 9\n=======\nz = 0\n>>>>>>> REPLACE\n```\n"


def run(args: list[str], answer: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "apply", *args],
        input=answer,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "calc.py").write_text("x = 1\ny = 2\n")
    return tmp_path


def test_applies_and_exits_0(repo: Path) -> None:
    done = run(["--repo", str(repo)], GOOD)
    assert done.returncode == 0, done.stderr
    assert (repo / "calc.py").read_text() == "x = 2\ny = 2\n"
    assert "+x = 2" in done.stdout


def test_failed_block_exits_3_and_writes_nothing(repo: Path) -> None:
    done = run(["--repo", str(repo), "--json"], BAD)
    assert done.returncode == 3
    data = json.loads(done.stdout)
    assert data["well_formed"] is False and data["written"] is False
    assert "no file was changed" in data["reflection"]
    assert (repo / "calc.py").read_text() == "x = 1\ny = 2\n"


def test_partial_keeps_what_applied(repo: Path) -> None:
    done = run(["--repo", str(repo), "--partial"], BAD)
    assert done.returncode == 3
    assert (repo / "calc.py").read_text() == "x = 2\ny = 2\n"
    assert "must NOT be sent again" in done.stderr


def test_other_formats_and_protected_flag(repo: Path) -> None:
    wf = repo / ".github" / "workflows"
    wf.mkdir(parents=True)
    (wf / "ci.yml").write_text("name: ci\n")
    answer = (
        "--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n@@ @@\n-name: ci\n+name: tests\n"
    )
    assert run(["--repo", str(repo), "--format", "udiff"], answer).returncode == 3
    assert run(["--repo", str(repo), "--format", "udiff", "--allow-protected"], answer).returncode == 0
    assert (wf / "ci.yml").read_text() == "name: tests\n"


def test_usage_errors_exit_2(repo: Path) -> None:
    assert run(["--repo", str(repo / "nope")], GOOD).returncode == 2
    assert run(["--repo", str(repo), "--format", "json"], GOOD).returncode == 2
    assert run([], GOOD).returncode == 2


def test_dry_run_shows_the_diff_and_writes_nothing(repo: Path) -> None:
    done = run(["--repo", str(repo), "--dry-run", "--json"], GOOD)
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["written"] is False and "+x = 2" in data["diff"]
    assert (repo / "calc.py").read_text() == "x = 1\ny = 2\n"
