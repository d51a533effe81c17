"""Behaviour both sandboxes share: the same TestRun for the same request."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest, RunStatus
from tests.sandbox.each import sandbox
from tests.sandbox.repos import FAILING, PASSING, make_repo, snapshot

__all__ = ["sandbox"]  # the fixture, imported to be used here


def test_passing_tests_pass(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", PASSING)
    run = sandbox.run(RunRequest(repo, "python3 -m pytest -q -p no:cacheprovider"))
    assert run.status is RunStatus.PASSED, run.output
    assert run.exit_code == 0
    assert "1 passed" in run.output
    assert run.duration_s > 0


def test_failing_tests_fail_with_their_output(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", FAILING)
    run = sandbox.run(RunRequest(repo, "python3 -m pytest -q"))
    assert run.status is RunStatus.FAILED
    assert run.exit_code == 1
    assert "assert (1 + 1) == 3" in run.output


def test_colour_codes_a_project_forces_are_dropped(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", FAILING)
    title = "printf '\\033]0;title\\007'"  # an OSC code, as some runners set the terminal's title
    run = sandbox.run(RunRequest(repo, f"{title}; python3 -m pytest -q --color=yes -p no:cacheprovider"))
    assert "\x1b" not in run.output and "\x07" not in run.output
    assert "assert" in run.output and "failed" in run.output  # the words stay, only the codes go


def test_stdout_and_stderr_are_interleaved(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "echo one; echo two >&2; echo three"))
    assert run.output.split() == ["one", "two", "three"]


def test_host_tree_is_never_changed(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", PASSING)
    before = snapshot(repo)
    sandbox.run(RunRequest(repo, "rm -rf tests && echo x > new.txt && python3 -c 'print(1)' > out.log"))
    assert snapshot(repo) == before


def test_endless_command_is_killed_at_the_timeout(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "echo started; sleep 300 & sleep 300", Limits(timeout_s=2)))
    assert run.status is RunStatus.TIMED_OUT
    assert run.timed_out and not run.passed
    assert run.exit_code is None
    assert "started" in run.output
    assert "killed after the 2 s timeout" in run.output
    assert run.duration_s < 60


def test_secrets_of_the_bot_never_enter(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = {
        "ANTHROPIC_API_KEY": "sk-ant-test-4f9c2b",
        "OPENAI_API_KEY": "sk-openai-test-77aa1",
        "GITHUB_TOKEN": "ghs_testtoken_91b2",
    }
    for key, value in secrets.items():
        monkeypatch.setenv(key, value)
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "env; cat /proc/self/environ | tr '\\0' '\\n'"))
    assert run.passed
    assert "HOME=" in run.output  # the environment really was printed
    for key, value in secrets.items():
        assert value not in run.output
        assert key not in run.output


def test_huge_output_is_trimmed_to_budget(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    budget = 20_000
    command = "echo FIRST-LINE; head -c 100000000 /dev/zero | tr '\\0' 'a'; echo; echo LAST-LINE"
    run = sandbox.run(RunRequest(repo, command, Limits(output_budget_bytes=budget, timeout_s=120)))
    assert run.passed
    assert run.output_bytes_total > 100_000_000
    assert run.output_bytes_cut == run.output_bytes_total - budget
    assert len(run.output.encode()) < budget + 200
    assert run.output.startswith("FIRST-LINE")
    assert run.output.rstrip().endswith("LAST-LINE")
    assert "bytes of output cut" in run.output


def test_non_utf8_output_is_decoded_with_replacement(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "printf 'bad \\377\\376 bytes\\n'"))
    assert run.passed
    assert "bad \ufffd\ufffd bytes" in run.output


def test_setup_runs_before_the_tests(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "cat prepared.txt", setup="echo ready > prepared.txt"))
    assert run.passed, run.output
    assert "ready" in run.output
    assert run.setup is not None and run.setup.passed


def test_failed_setup_is_a_failed_run(sandbox: Sandbox, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    run = sandbox.run(RunRequest(repo, "echo never", setup="echo broken-setup; exit 7"))
    assert run.status is RunStatus.FAILED
    assert run.exit_code == 7
    assert "setup command failed" in run.output
    assert "broken-setup" in run.output
    assert "never" not in run.output.replace("echo never", "")
