"""Mining a scripted history: exactly the valid cases, the right test lists, a reason for every drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bench.swe.instance import STATEMENT_COMMIT, STATEMENT_ISSUE, read_instances
from bot.bench.swe.mine import MineConfig, mine, report_path
from bot.sandbox.local import LocalSandbox
from tests.bench_swe.history import scripted_history
from tests.cli.test_cli import cli
from tests.servers.github import GitHubServer

COMMAND = "python3 -m pytest -q -p no:cacheprovider"


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "calc"
    return repo, scripted_history(repo)


def test_scripted_history_yields_exactly_the_valid_cases(
    history: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, shas = history
    out = tmp_path / "cases.jsonl"
    run = mine(MineConfig(repo=repo, out=out, test_command=COMMAND, repo_name="acme/calc"), LocalSandbox())

    cases = {c.extra["fix_commit"]: c for c in read_instances(out)}
    assert set(cases) == {shas["fix-add"], shas["new-function"]}
    fix_add = cases[shas["fix-add"]]
    assert fix_add.FAIL_TO_PASS == ("tests/test_add.py::test_add",)
    assert fix_add.PASS_TO_PASS == ("tests/test_mul.py::test_mul",)
    assert fix_add.base_commit == shas["init"]
    assert fix_add.instance_id == f"acme__calc-{shas['fix-add'][:10]}"
    assert fix_add.problem_statement.startswith("Fix add(): it subtracted")
    assert fix_add.statement == STATEMENT_COMMIT
    assert "calc.py" in fix_add.patch and "tests/" not in fix_add.patch
    assert "tests/test_add.py" in fix_add.test_patch and "calc.py" not in fix_add.test_patch

    new_function = cases[shas["new-function"]]
    assert new_function.FAIL_TO_PASS == ("tests/test_sub.py::test_sub",)  # could not even import before
    assert sorted(new_function.PASS_TO_PASS) == [
        "tests/test_add.py::test_add",
        "tests/test_mul.py::test_mul",
        "tests/test_mul.py::test_mul_zero",
    ]  # the flaky test is in neither list

    dropped = {d["commit"]: d["reason"] for d in map(json.loads, report_path(out).read_text().splitlines())}
    assert set(dropped) == {shas["refactor"], shas["flaky"], shas["fix-mul-neg"]}
    assert "already pass before the fix" in dropped[shas["refactor"]]
    assert "already pass before the fix" in dropped[shas["fix-mul-neg"]]
    assert "flaky" in dropped[shas["flaky"]] and "test_sometimes" in dropped[shas["flaky"]]
    skipped = {s.commit: s.reason for s in run.skipped}
    assert skipped == {
        shas["no-tests"]: "changes no tests",
        shas["init"]: "the first commit: nothing to compare with",
    }


def test_a_second_run_resumes_without_validating_again(
    history: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, shas = history
    out = tmp_path / "cases.jsonl"
    # two runs a state, as by default: the history's flaky test must be seen as flaky
    config = MineConfig(repo=repo, out=out, test_command=COMMAND, limit=1)
    first = mine(config, LocalSandbox())
    assert [m.candidate.commit for m in first.mined] == [shas["fix-mul-neg"]]
    again = mine(config, LocalSandbox())
    assert again.mined == () and again.resumed == 1
    more = mine(MineConfig(repo=repo, out=out, test_command=COMMAND, limit=2), LocalSandbox())
    assert [m.candidate.commit for m in more.mined] == [shas["new-function"]] and more.resumed == 1
    assert [c.extra["fix_commit"] for c in read_instances(out)] == [shas["new-function"]]


def test_a_runner_without_per_test_results_drops_with_the_reason(
    history: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, _ = history
    out = tmp_path / "cases.jsonl"
    mine(MineConfig(repo=repo, out=out, test_command="sh ./run-tests.sh", limit=1), LocalSandbox())
    (reason,) = [json.loads(line)["reason"] for line in report_path(out).read_text().splitlines()]
    assert reason.startswith("no per-test results") and "custom command" in reason
    assert not out.exists() or not out.read_text().strip()


def test_with_github_a_fix_whose_pull_request_closed_an_issue_takes_the_issues_text(
    history: tuple[Path, dict[str, str]], tmp_path: Path, github_server: GitHubServer
) -> None:
    repo, shas = history
    github_server.create_repo("acme/calc", repo)
    github_server.add_token("ghp_mine", "maintainer")
    issue = github_server.add_issue(
        "acme/calc", "Totals are negative", "ISSUE-BODY: adding 2 and 3 shows -1 on the invoice."
    )
    github_server.add_merged_pull(
        "acme/calc", "Repair the adder", f"Fixes #{issue}.", merge_commit_sha=shas["fix-add"]
    )
    # a merged pull request that closes nothing keeps its commit's message
    github_server.add_merged_pull(
        "acme/calc", "Add sub()", "A new function.", merge_commit_sha=shas["new-function"]
    )
    out = tmp_path / "cases.jsonl"
    result = cli(
        "bench-mine", "--repo", str(repo), "--out", str(out), "--sandbox", "local", "--runs", "1",
        "--test-cmd", COMMAND, "--github", "acme/calc",
        env={"GITHUB_TOKEN": "ghp_mine", "GITHUB_API_URL": github_server.api_url},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    cases = {c.extra["fix_commit"]: c for c in read_instances(out)}
    fix_add, new_function = cases[shas["fix-add"]], cases[shas["new-function"]]
    assert fix_add.statement == STATEMENT_ISSUE and fix_add.repo == "acme/calc"
    assert (
        fix_add.problem_statement
        == "Totals are negative\n\nISSUE-BODY: adding 2 and 3 shows -1 on the invoice."
    )
    assert new_function.statement == STATEMENT_COMMIT
    assert new_function.problem_statement.startswith("Add sub()")  # the commit message, as without --github
