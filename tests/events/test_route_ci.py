"""Routing of workflow_run events to the CI follow-up, on GitHub's real payloads."""

from __future__ import annotations

from bot.events import CI_FIX, CiRun, Ignored, Trigger, route
from bot.run_options import RunOptions
from tests.events.helpers import load

OPTIONS = RunOptions()


def test_a_failed_run_on_a_bot_branch_starts_the_follow_up_on_its_pull_request() -> None:
    got = route("workflow_run", load("workflow_run.completed.failure"), OPTIONS)
    assert isinstance(got, Trigger)
    assert (got.command, got.is_pull_request, got.pr_number, got.issue_number) == (CI_FIX, True, 2, 1)
    assert got.thread_number == 2 and got.pr_head_ref == "architect/issue-1"
    assert got.ci_run == CiRun(
        run_id=289782451,
        workflow_id=2823525,
        workflow="CI",
        head_sha="9f2c7e1d3b5a4c6e8f0a1b2c3d4e5f60718293a4",
        url=got.ci_run.url if got.ci_run else "",
        workflow_file="ci.yml",
    )
    assert got.ci_run.workflow_ref == "ci.yml"  # by file name: GitHub takes it where it takes the id
    assert got.ci_run is not None and got.ci_run.url.endswith("/actions/runs/289782451")


def test_a_timed_out_run_counts_as_failed() -> None:
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["conclusion"] = "timed_out"
    assert isinstance(route("workflow_run", payload, OPTIONS), Trigger)


def reason(payload: dict[str, object], event: str = "workflow_run") -> str:
    got = route(event, payload, OPTIONS)
    assert isinstance(got, Ignored), got
    return got.reason


def test_a_passed_or_cancelled_run_does_nothing() -> None:
    assert "ended with success" in reason(load("workflow_run.completed.success"))
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["conclusion"] = "cancelled"
    assert "ended with cancelled" in reason(payload)


def test_a_fork_run_does_nothing_even_on_a_branch_named_like_the_bots() -> None:
    payload = load("workflow_run.completed.fork")
    assert payload["workflow_run"]["head_branch"].startswith("architect/")
    assert "fork" in reason(payload)


def test_runs_of_other_branches_or_without_a_pull_request_do_nothing() -> None:
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["head_branch"] = "feature/login"
    assert "not a bot branch" in reason(payload)
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["pull_requests"] = []
    assert "belongs to no pull request" in reason(payload)


def test_only_completed_runs_of_pull_requests_or_pushes() -> None:
    payload = load("workflow_run.completed.failure")
    payload["action"] = "requested"
    assert "only completed runs" in reason(payload)
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["event"] = "schedule"
    assert "ran on schedule" in reason(payload)


def test_a_payload_without_the_head_repository_is_ignored_not_trusted() -> None:
    payload = load("workflow_run.completed.failure")
    payload["workflow_run"]["head_repository"] = None
    assert "malformed" in reason(payload)


def test_a_failed_check_suite_of_another_ci_app_starts_the_follow_up() -> None:
    got = route("check_suite", load("check_suite.completed.failure"), OPTIONS)
    assert isinstance(got, Trigger) and got.command == CI_FIX and got.pr_number == 2
    assert got.ci_run is not None and got.ci_run.kind == "check_suite"
    assert (got.ci_run.workflow, got.ci_run.workflow_id) == ("octocoders-linter", 29310)
    assert got.ci_run.url == "https://github.com/Codertocat/invoice/pull/2/checks"


def suite_reason(payload: dict[str, object]) -> str:
    return reason(payload, "check_suite")


def test_check_suites_that_are_not_the_bots_to_fix_do_nothing() -> None:
    assert "a fork's pull request" in suite_reason(load("check_suite.completed.fork"))
    passed = load("check_suite.completed.failure")
    passed["check_suite"]["conclusion"] = "success"
    assert "ended with success" in suite_reason(passed)
    actions = load("check_suite.completed.failure")
    actions["check_suite"]["app"]["slug"] = "github-actions"
    assert "through workflow_run" in suite_reason(actions)
    other = load("check_suite.completed.failure")
    other["check_suite"]["head_branch"] = "feature/x"
    assert "not a bot branch" in suite_reason(other)
