"""Per-test results through a real sandbox: the runner writes its report in $ARCHITECT_REPORT_DIR,
the sandbox returns it in TestRun.reports, read_results reads it. Local and Docker alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.errors import SandboxError
from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest
from bot.sandbox.local import LocalSandbox
from bot.sandbox.reports import MAX_REPORT_BYTES
from bot.testresults.instrument import instrument, read_results, select_tests
from bot.testresults.types import TestOutcome
from tests.sandbox.each import sandbox
from tests.sandbox.repos import snapshot
from tests.testresults.test_parsers import PYTEST_MODULES, PYTEST_TESTS, outcomes

PROJECT = Path(__file__).parent / "corpus" / "pytest-project"
PYTEST = "python3 -m pytest -q -p no:cacheprovider --continue-on-collection-errors"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT, tmp_path / "project"))


__all__ = ["sandbox"]  # the fixture, imported to be used here


def run_instrumented(sandbox: Sandbox, repo: Path, command: str, **kwargs: Any) -> Any:
    instr = instrument(command)
    run = sandbox.run(RunRequest(repo, instr.command, env=instr.env, **kwargs))
    return instr, run


def test_a_real_pytest_run_reports_each_test(sandbox: Sandbox, project: Path) -> None:
    before = snapshot(project)
    instr, run = run_instrumented(sandbox, project, PYTEST)
    assert run.exit_code == 1, run.output
    assert list(run.reports) == ["pytest.xml"]
    results = read_results(instr, run)
    expected = PYTEST_TESTS | PYTEST_MODULES
    del expected["tests/test_syntax_error.py"]  # written by regenerate.sh only
    assert outcomes(results) == expected
    assert snapshot(project) == before


def test_the_report_dir_is_outside_the_work_tree(sandbox: Sandbox, project: Path) -> None:
    command = (
        'case "$ARCHITECT_REPORT_DIR" in "$PWD"*) echo INSIDE;; *) echo OUTSIDE;; esac; '
        f"{PYTEST} tests/test_outcomes.py > /dev/null; find . -name '*.xml'; echo END"
    )
    _, run = run_instrumented(sandbox, project, command)
    assert run.output.split() == ["OUTSIDE", "END"], run.output
    assert "pytest.xml" in run.reports


def test_only_the_test_command_gets_the_report_dir_and_the_extra_env(sandbox: Sandbox, project: Path) -> None:
    show = 'echo "[${ARCHITECT_REPORT_DIR:-none}] [${EXTRA_FLAG:-none}]"'
    run = sandbox.run(RunRequest(project, show, setup=show, env=(("EXTRA_FLAG", "on"),)))
    assert run.setup is not None and "[none] [none]" in run.setup.output
    assert "[none]" not in run.output and "[on]" in run.output


@pytest.mark.parametrize(
    "env",
    [
        (("DEPLOY_TOKEN", "abc"),),
        (("PYTEST_ADDOPTS", "--x=sk-ant-test-4f9c2b"),),
        (("HOME", "/"),),
        (("1BAD", "x"),),
    ],
)
def test_env_that_could_carry_a_secret_is_refused(
    sandbox: Sandbox, project: Path, env: tuple[tuple[str, str], ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-4f9c2b")
    with pytest.raises(SandboxError, match="test command"):
        sandbox.run(RunRequest(project, "true", env=env))


def test_reports_are_regular_files_bounded_in_size(sandbox: Sandbox, project: Path) -> None:
    command = (
        'cd "$ARCHITECT_REPORT_DIR" && ln -s /etc/passwd link.xml && mkdir sub && echo x > sub/inner.xml && '
        f"head -c {MAX_REPORT_BYTES + 1000} /dev/zero | tr '\\0' a > big.txt && "
        "printf 'caf\\351' > latin1.txt"
    )
    run = sandbox.run(RunRequest(project, command))
    assert run.exit_code == 0, run.output
    assert sorted(run.reports) == ["big.txt", "latin1.txt"]
    assert len(run.reports["big.txt"]) == MAX_REPORT_BYTES
    assert run.reports["latin1.txt"] == "caf\ufffd"


def test_reports_survive_a_timeout(sandbox: Sandbox, project: Path) -> None:
    run = sandbox.run(
        RunRequest(project, 'echo partial > "$ARCHITECT_REPORT_DIR/a.txt"; sleep 300', Limits(timeout_s=3))
    )
    assert run.timed_out
    assert run.reports == {"a.txt": "partial\n"}


def test_selected_tests_run_alone(sandbox: Sandbox, project: Path) -> None:
    chosen = [
        "tests/test_outcomes.py::test_param[a b]",
        "tests/unit/deep/test_classes.py::TestOuter::TestInner::test_nested",
    ]
    command = select_tests(instrument("python3 -m pytest -q -p no:cacheprovider tests/"), chosen)
    assert command is not None
    instr, run = run_instrumented(sandbox, project, command)
    assert outcomes(read_results(instr, run)) == {
        chosen[0]: PYTEST_TESTS[chosen[0]],
        chosen[1]: PYTEST_TESTS[chosen[1]],
    }


def test_a_report_dir_swapped_for_a_symlink_is_not_followed(sandbox: Sandbox, project: Path) -> None:
    run = sandbox.run(
        RunRequest(project, 'rm -rf "$ARCHITECT_REPORT_DIR" && ln -s "$PWD/tests" "$ARCHITECT_REPORT_DIR"')
    )
    assert run.exit_code == 0, run.output
    assert run.reports == {}


@pytest.mark.skipif(shutil.which("go") is None, reason="no go toolchain here (apt-get install golang-go)")
def test_selected_go_tests_run_alone_per_package(tmp_path: Path) -> None:
    repo = Path(shutil.copytree(Path(__file__).parent / "corpus" / "go-project", tmp_path / "go"))
    instr = instrument("go test ./...")
    chosen = ["example.com/corpus/calc/TestAdd", "example.com/corpus/calc/TestTable/two_plus_two"]
    command = select_tests(instr, [*chosen, "example.com/corpus/crash/TestFine"])
    assert command is not None
    run = LocalSandbox().run(RunRequest(repo, command, env=instr.env))
    assert run.exit_code == 1  # TestTable/two_plus_two fails, and the other package still ran
    assert outcomes(read_results(instr, run)) == {
        "example.com/corpus/calc/TestAdd": TestOutcome.PASSED,
        "example.com/corpus/calc/TestTable": TestOutcome.FAILED,  # a subtest selects its parent
        "example.com/corpus/calc/TestTable/one_plus_one": TestOutcome.PASSED,
        "example.com/corpus/calc/TestTable/two_plus_two": TestOutcome.FAILED,
        "example.com/corpus/crash/TestFine": TestOutcome.PASSED,
    }
