"""The reproduce stage alone: a replayed editor, real edits, real git, real pytest in the local sandbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.editor import EditRound, run_editor
from bot.edits import EditPolicy
from bot.models.replay import ReplayModel
from bot.models.types import CallSettings
from bot.reproduce import (
    ReproduceRequest,
    ReproduceTools,
    ReproStatus,
    issue_tests,
    judge,
    reproduce,
    wanted,
)
from bot.sandbox import Limits, RunRequest, TestRun
from bot.sandbox.local import LocalSandbox
from bot.sandbox.types import RunStatus
from bot.testresults.instrument import instrument, read_results, select_tests
from bot.testresults.types import TestOutcome, TestResult, TestResults
from tests.pipeline.helpers import FIX_ADD, make_repo, transcript

COMMAND = "python3 -m pytest -q -p no:cacheprovider"
ISSUE = "# #12 add() is wrong\nadd(2, 3) gives -1."


def new_test(body: str, path: str = "test_repro.py") -> str:
    return f"{path}\n```python\n<<<<<<< SEARCH\n=======\n{body}>>>>>>> REPLACE\n```\n"


FAILS = new_test("from calc import add\n\n\ndef test_add_issue_12():\n    assert add(2, 3) == 5\n")
PASSES = new_test("from calc import mul\n\n\ndef test_mul_issue_12():\n    assert mul(2, 3) == 6\n")
BROKEN_IMPORT = new_test("from calc import plus\n\n\ndef test_plus():\n    assert plus(2, 3) == 5\n")
BROKEN_SYNTAX = new_test("def test_add(:\n    pass\n")
FIXES_CODE = FAILS + "\n" + FIX_ADD


def stage(
    tmp_path: Path,
    *answers: str,
    broken_tries: int = 2,
    matches: Sequence[str] = (),
    per_test: bool = True,
    alone: bool = True,
) -> tuple[Path, ReplayModel, ReproduceRequest, ReproduceTools]:
    """The stage on the calc repository (test_add fails at the base); the editor answers in order
    (each after its ``matches`` text). ``per_test``/``alone``: as for a runner that reports each
    test / can run chosen tests."""
    repo = make_repo(tmp_path / "repo")
    path = tmp_path / "editor.yml"
    transcript(path, *answers, matches=matches)  # an answer with its match plays only after the feedback
    model = ReplayModel("editor", path)
    sandbox = LocalSandbox()
    instr = instrument(COMMAND)

    def edit(brief: str, files: list[str]) -> EditRound:
        return run_editor(
            model, repo, brief, files, fmt="diff", policy=EditPolicy(), reflections=0, settings=CallSettings()
        )

    def run(command: str) -> TestRun:
        return sandbox.run(RunRequest(repo, command, Limits(timeout_s=60), env=instr.env))

    def read(run: TestRun) -> TestResults | None:
        return read_results(instr, run) if per_test else None  # None: as for a runner not read

    def select(ids: Sequence[str]) -> str | None:
        return select_tests(instr, ids) if alone else None  # None: as for a runner that cannot select

    tools = ReproduceTools(edit=edit, run=run, select=select, read=read)
    request = ReproduceRequest(
        workdir=repo,
        behaviour="add(2, 3) should be 5.",
        issue_text=ISSUE,
        test_command=COMMAND,
        files=("test_calc.py", "calc.py"),
        broken_tries=broken_tries,
        base_passed=False,  # test_add
    )
    return repo, model, request, tools


def test_a_failing_assertion_reproduces_the_issue(tmp_path: Path) -> None:
    repo, model, request, tools = stage(tmp_path, FAILS)
    result = reproduce(request, tools)
    assert result.status is ReproStatus.REPRODUCED and result.reproduced
    assert result.test_files == ("test_repro.py",) and result.failing == ("test_repro.py::test_add_issue_12",)
    assert "test_repro.py" in result.runs[0].command and "test_calc.py" not in result.runs[0].command
    assert (repo / "test_repro.py").is_file()  # stays in the worktree: the fix goes on top
    model.assert_all_used()


def test_without_per_test_results_the_exit_status_of_the_single_file_run_decides(tmp_path: Path) -> None:
    _, _, request, tools = stage(tmp_path, FAILS, per_test=False)
    result = reproduce(request, tools)
    assert result.status is ReproStatus.REPRODUCED and result.failing == ("test_repro.py",)


def test_a_whole_command_that_failed_at_the_base_cannot_judge_the_test(tmp_path: Path) -> None:
    _, model, request, tools = stage(tmp_path, FAILS, per_test=False, alone=False)
    result = reproduce(request, tools)
    assert result.runs[0].command == COMMAND  # the whole command: it fails by test_add as well
    assert result.status is ReproStatus.UNJUDGED and not result.reproduced and len(result.rounds) == 1
    assert result.message.startswith("The reproduction test could not be judged")
    model.assert_all_used()


def test_a_collection_error_is_reflected_and_not_counted(tmp_path: Path) -> None:
    broken = BROKEN_IMPORT.replace("test_repro.py", "test_repro_plus.py")
    _, model, request, tools = stage(
        tmp_path, broken, FAILS, matches=["Behaviour to reproduce", "cannot import name 'plus'"]
    )
    result = reproduce(request, tools)
    assert len(result.rounds) == 2 and result.runs[0].exit_code != 0  # a collection error, reflected
    assert result.status is ReproStatus.REPRODUCED and result.failing == ("test_repro.py::test_add_issue_12",)
    model.assert_all_used()


def test_a_test_still_broken_is_removed_and_not_counted(tmp_path: Path) -> None:
    repo, model, request, tools = stage(tmp_path, BROKEN_SYNTAX, BROKEN_IMPORT, broken_tries=1)
    result = reproduce(request, tools)
    assert result.status is ReproStatus.BROKEN and not result.reproduced and result.failing == ()
    assert "did not run" in result.message
    assert not (repo / "test_repro.py").exists()  # a broken test never ships
    model.assert_all_used()


def test_a_test_that_passes_at_the_base_is_reflected_once_then_reported(tmp_path: Path) -> None:
    repo, model, request, tools = stage(
        tmp_path, PASSES, "", matches=["Behaviour to reproduce", "passed on the current code"]
    )
    result = reproduce(request, tools)
    assert result.status is ReproStatus.PASSED_AT_BASE and len(result.rounds) == 2
    assert result.message == "The reproduction test did not fail at the base, so it does not show the issue."
    assert (repo / "test_repro.py").is_file()  # kept: a passing test is still a test
    model.assert_all_used()


def test_only_test_files_may_change_while_reproducing(tmp_path: Path) -> None:
    repo, _, request, tools = stage(tmp_path, FIXES_CODE)
    result = reproduce(request, tools)
    assert result.status is ReproStatus.REPRODUCED  # the fix was undone, so the test still fails
    assert "return a - b" in (repo / "calc.py").read_text()


def test_no_test_written(tmp_path: Path) -> None:
    _, _, request, tools = stage(tmp_path, "The code looks fine to me.")
    assert reproduce(request, tools).status is ReproStatus.NO_TEST


def results(*tests: tuple[str, TestOutcome, str]) -> TestResults:
    return TestResults("pytest", tuple(TestResult(i, o, m, i.split("::")[0]) for i, o, m in tests))


def test_auto_runs_when_the_plan_says_what_to_reproduce_and_no_failing_test_is_about_the_issue() -> None:
    unrelated = results(("test_net.py::test_download", TestOutcome.FAILED, "no network"))
    related = results(("test_calc.py::test_add", TestOutcome.FAILED, "assert -1 == 5"))
    assert wanted("auto", "add(2, 3) should be 5", unrelated, ISSUE)
    assert wanted("auto", "add(2, 3) should be 5", None, ISSUE)
    assert not wanted("auto", None, None, ISSUE)
    assert not wanted("auto", "add(2, 3) should be 5", related, ISSUE)
    assert issue_tests(related, ISSUE) == ("test_calc.py::test_add",)
    assert wanted("always", None, related, ISSUE) and not wanted("never", "x", None, ISSUE)


def test_judging_by_per_test_results() -> None:
    run = TestRun("pytest t.py", RunStatus.FAILED, 1, 0.1, "", 0, 0, "local")
    old = ("t.py::test_old", TestOutcome.FAILED, "assert 1 == 2")  # failed at the base already
    new = ("t.py::test_new", TestOutcome.FAILED, "assert -1 == 5")
    known = frozenset({"t.py::test_old"})
    assert judge(run, results(old, new), ["t.py"], ISSUE, known) == (
        ReproStatus.REPRODUCED,
        ("t.py::test_new",),
        "",
    )
    own = ("t.py::test_new", TestOutcome.FAILED, "NameError: name 'plus' is not defined")
    assert judge(run, results(own), ["t.py"], ISSUE)[0] is ReproStatus.BROKEN
    assert judge(run, results(own), ["t.py"], "plus() raises NameError")[0] is ReproStatus.REPRODUCED
    fixture = ("t.py::test_new", TestOutcome.ERROR, "fixture 'db' not found")
    assert judge(run, results(fixture), ["t.py"], ISSUE)[0] is ReproStatus.BROKEN
    assert judge(run, results(old), ["t.py"], ISSUE, known)[0] is ReproStatus.BROKEN  # nothing new ran
    passing = ("t.py::test_new", TestOutcome.PASSED, "")
    assert judge(run, results(passing), ["t.py"], ISSUE)[0] is ReproStatus.PASSED_AT_BASE


def test_a_test_file_name_git_would_quote_is_found(tmp_path: Path) -> None:
    _, _, request, tools = stage(tmp_path, FAILS.replace("test_repro.py", "test_größe.py"))
    result = reproduce(request, tools)
    assert result.status is ReproStatus.REPRODUCED and result.test_files == ("test_größe.py",)
