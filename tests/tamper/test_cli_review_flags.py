"""`architect-bot run` publishes a draft PR.md with a note naming the files when the editor rigged the
tests instead of fixing the code, or changed a protected path the config allowed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_cli import cli
from tests.pipeline.helpers import CALC, CALC_TEST, FIX_ADD, make_repo, transcript

RIG = """conftest.py
```python
<<<<<<< SEARCH
=======
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    report.outcome = "passed"
>>>>>>> REPLACE
```
"""


def run_json(repo: Path, edit: str) -> dict[str, Any]:
    """`architect-bot run --json` with the local sandbox; the outcome it printed."""
    result = cli(
        "run", "--repo", str(repo), "--issue-text", "add() is wrong", "--editor", edit,
        "--test-cmd", "python3 -m pytest -q -p no:cacheprovider", "--sandbox", "local", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_rigged_conftest_gives_a_draft_pr_with_a_note(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    edit = transcript(tmp_path / "e.yml", RIG)
    data = run_json(repo, edit)
    assert data["status"] == "fixed"  # the rigged hook made the failing test "pass"
    assert data["draft"] is True
    pr = Path(data["pr_path"]).read_text()
    assert "**Draft**" in pr
    assert "`conftest.py`" in pr and "pytest_runtest_makereport" in pr


def test_an_allowed_protected_change_gives_a_draft_pr_naming_the_file(tmp_path: Path) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "calc.py": CALC,
            "test_calc.py": CALC_TEST,
            ".github/architect-bot.yml": "allow-protected: true\n",
            ".github/workflows/ci.yml": "name: ci\n",
        },
    )
    workflow = "\n".join(
        [
            ".github/workflows/ci.yml",
            "```yaml",
            "<<<<<<< SEARCH",
            "name: ci",
            "=======",
            "name: CI",
            ">>>>>>> REPLACE",
            "```",
        ]
    )
    edit = transcript(tmp_path / "e.yml", FIX_ADD + "\n" + workflow)
    data = run_json(repo, edit)
    assert data["status"] == "fixed" and data["draft"] is True
    pr = Path(data["pr_path"]).read_text()
    assert "**Draft**" in pr and "protected paths" in pr and "`.github/workflows/ci.yml`" in pr


def test_an_honest_fix_is_not_a_draft(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    data = run_json(repo, edit)
    assert data["status"] == "fixed" and data["draft"] is False
    assert "**Draft**" not in Path(data["pr_path"]).read_text()


SHADOW = """test_calc.py
```python
<<<<<<< SEARCH
def test_mul():
    assert mul(2, 3) == 6
=======
def test_mul():
    assert mul(2, 3) == 6


test_mul = None  # noqa
>>>>>>> REPLACE
```
"""


def test_a_test_that_vanished_from_the_results_is_named(tmp_path: Path) -> None:
    # No rigging pattern in the diff: the test is shadowed, so pytest no longer collects it. Only the
    # per-test results (it ran at the base, it is absent after) show it.
    repo = make_repo(tmp_path / "repo")
    data = run_json(repo, transcript(tmp_path / "e.yml", FIX_ADD + "\n" + SHADOW))
    assert data["evidence"]["missing"] == ["test_calc.py::test_mul"]
    assert data["draft"] is True
    pr = Path(data["pr_path"]).read_text()
    assert "test_calc.py::test_mul" in pr and "**Draft**" in pr
