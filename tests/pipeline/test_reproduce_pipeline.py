"""The reproduce stage inside the whole run: replayed models, real edits, real git, real Docker sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.sandbox.docker import DockerSandbox
from bot.task import Task
from tests.pipeline.helpers import CALC, FIX_ADD, git, make_repo, task, transcript

# No test covers add(): the baseline passes, so only a reproduction test can show the bug.
MUL_ONLY = {
    "calc.py": CALC,
    "test_calc.py": "from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n",
}
PLAN = (
    "In `calc.py`, `add` subtracts: make it return `a + b`.\n\n"
    "Reproduce:\nadd(2, 3) must return 5 (it returns -1).\n\n"
    "Files to change:\n- calc.py\n"
)
ADD_TEST = "\n\ndef test_add_issue_12():\n    assert add(2, 3) == 5\n"
REPRO = (
    "test_calc.py\n```python\n<<<<<<< SEARCH\nfrom calc import mul\n=======\nfrom calc import add, mul\n"
    ">>>>>>> REPLACE\n```\n\ntest_calc.py\n```python\n<<<<<<< SEARCH\n    assert mul(2, 3) == 6\n=======\n"
    f"    assert mul(2, 3) == 6\n{ADD_TEST}>>>>>>> REPLACE\n```\n"
)
BROKEN = "test_add.py\n```python\n<<<<<<< SEARCH\n=======\nfrom calc import plus\n>>>>>>> REPLACE\n```\n"
PASSES = (
    "test_mul_again.py\n```python\n<<<<<<< SEARCH\n=======\nfrom calc import mul\n\n\n"
    "def test_mul_again():\n    assert mul(3, 3) == 9\n>>>>>>> REPLACE\n```\n"
)


@pytest.fixture
def sandbox(docker_client: Any, sandbox_image: str) -> DockerSandbox:
    return DockerSandbox(sandbox_image, client=docker_client)


def run(
    tmp_path: Path, sandbox: DockerSandbox, *editor: str, matches: Sequence[str] = (), **settings: Any
) -> tuple[Task, Outcome]:
    repo = make_repo(tmp_path / "repo", MUL_ONLY)
    t = task(
        repo,
        architect=transcript(tmp_path / "architect.yml", PLAN),
        editor=transcript(tmp_path / "editor.yml", *editor, matches=matches),
        **settings,
    )
    return t, run_pipeline(t, build_models(t.settings), sandbox, publish=local_publisher(t))


def test_the_reproduction_test_ships_and_passes_after_the_fix(tmp_path: Path, sandbox: DockerSandbox) -> None:
    # the fix is told the test exists (and not asked to reproduce again), else the replay has no answer
    told = "A test for the issue is already written (test_calc.py): it fails now and must pass"
    t, outcome = run(tmp_path, sandbox, REPRO, FIX_ADD, matches=["Behaviour to reproduce", told])
    assert outcome.status is Status.FIXED, outcome
    assert outcome.reproduction and outcome.reproduction.status == "reproduced"
    assert outcome.evidence is not None
    assert outcome.evidence.per_test and not outcome.evidence.regressions
    assert outcome.evidence.fixed == ("test_calc.py::test_add_issue_12",)  # FAIL_TO_PASS
    assert outcome.reproduction.tests == ("test_calc.py::test_add_issue_12",)
    assert outcome.branch is not None
    shipped = git(t.repo, "show", f"{outcome.branch}:test_calc.py")
    assert shipped.count("def test_add_issue_12") == 1  # neither lost nor written twice by the fix
    assert "return a + b" in git(t.repo, "show", f"{outcome.branch}:calc.py")
    assert [tr.passed for tr in outcome.tries] == [True]
    # the stage's own time, its single-test run apart from the fix's test time
    assert outcome.timings["reproduce"] >= outcome.timings["reproduce test"] > 0
    assert "failed at the base as the issue describes" in Path(outcome.pr_path or "").read_text()


def test_a_reproduction_test_that_errors_at_collection_is_reflected_and_not_counted(
    tmp_path: Path, sandbox: DockerSandbox
) -> None:
    tries = [BROKEN.replace("test_add.py", f"test_add{n}.py") for n in (1, 2, 3)]  # 1 + 2 reflections
    _, outcome = run(tmp_path, sandbox, *tries, FIX_ADD, reproduce="always")
    assert outcome.reproduction is not None and outcome.reproduction.status == "broken", outcome.error
    assert outcome.reproduction.files == () and outcome.reproduction.tests == ()
    assert outcome.changed_files == ("calc.py",)  # a test that never ran does not ship
    # nothing failed at the base and passes now: the fix is not shown, whatever the tests say
    assert outcome.status is Status.UNVERIFIED, outcome
    assert any("did not run" in n for n in outcome.notes)


def test_a_reproduction_test_that_passes_at_the_base_is_reported(
    tmp_path: Path, sandbox: DockerSandbox
) -> None:
    still_passes = (
        "test_mul_again.py\n```python\n<<<<<<< SEARCH\n    assert mul(3, 3) == 9\n=======\n"
        "    assert mul(4, 4) == 16\n>>>>>>> REPLACE\n```\n"
    )
    _, outcome = run(tmp_path, sandbox, PASSES, still_passes, FIX_ADD)
    assert outcome.reproduction is not None and outcome.reproduction.status == "passed-at-base"
    message = "The reproduction test did not fail at the base, so it does not show the issue."
    assert message in outcome.notes, outcome
    assert message in Path(outcome.pr_path or "").read_text()
    assert outcome.status is Status.UNVERIFIED, outcome
    assert "test_mul_again.py" in outcome.changed_files  # a passing test is still a test: it ships


def test_never_asks_for_no_reproduction(tmp_path: Path, sandbox: DockerSandbox) -> None:
    _, outcome = run(tmp_path, sandbox, FIX_ADD, reproduce="never")
    assert outcome.reproduction is None and outcome.status is Status.UNVERIFIED


def test_auto_writes_none_when_a_test_failing_at_the_base_shows_the_issue(
    tmp_path: Path, sandbox: DockerSandbox
) -> None:
    repo = make_repo(tmp_path / "repo")  # test_calc.py::test_add fails at the base
    architect = transcript(tmp_path / "architect.yml", PLAN)  # it names a behaviour to reproduce
    t = task(repo, architect=architect, editor=transcript(tmp_path / "e.yml", FIX_ADD))
    outcome = run_pipeline(t, build_models(t.settings), sandbox)
    assert outcome.reproduction is None and outcome.status is Status.FIXED
    assert outcome.evidence is not None and outcome.evidence.fixed == ("test_calc.py::test_add",)


def test_always_without_an_architect_reproduces_the_issue_itself(
    tmp_path: Path, sandbox: DockerSandbox
) -> None:
    repo = make_repo(tmp_path / "repo", MUL_ONLY)
    told = "A test for the issue is already written (test_calc.py): it fails now"
    editor = transcript(tmp_path / "e.yml", REPRO, FIX_ADD, matches=["add(2, 3) gives -1", told])
    t = task(repo, editor=editor, reproduce="always")  # the issue, fenced, is the behaviour
    outcome = run_pipeline(t, build_models(t.settings), sandbox)
    assert outcome.status is Status.FIXED, outcome
    assert outcome.reproduction and outcome.reproduction.tests == ("test_calc.py::test_add_issue_12",)
