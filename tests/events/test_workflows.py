"""The workflows: triggers, minimal permissions, one run per issue at a time, pinned actions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.events import LISTENED_EVENTS, Trigger, route
from bot.run_options import RunOptions
from bot.task import BRANCH_PREFIX
from tests.events.helpers import ROOT, load

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def all_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def test_the_three_workflows_exist() -> None:
    assert {p.name for p in workflow_files()} >= {"architect.yml", "ci.yml", "self-test.yml"}


def test_architect_triggers() -> None:
    on = read("architect.yml")["on"]
    assert on["issues"] == {"types": ["labeled", "assigned"]}
    assert on["issue_comment"] == {"types": ["created"]}
    assert on["pull_request_review_comment"] == {"types": ["created"]}
    assert on["workflow_run"]["types"] == ["completed"] and on["workflow_run"]["workflows"]
    assert on["check_suite"] == {"types": ["completed"]}
    inputs = on["workflow_dispatch"]["inputs"]
    assert inputs["issue-number"]["required"] is True
    assert set(inputs) == {"issue-number", "architect-model", "editor-model"}
    assert set(on) == set(LISTENED_EVENTS)


def test_dispatch_inputs_are_the_ones_route_reads() -> None:
    inputs = read("architect.yml")["on"]["workflow_dispatch"]["inputs"]
    payload = load("workflow_dispatch")
    payload["inputs"] = {name: "3" if name == "issue-number" else f"x/{name}" for name in inputs}
    got = route("workflow_dispatch", payload, RunOptions())
    assert isinstance(got, Trigger)
    assert (got.issue_number, got.architect_model, got.editor_model) == (
        3,
        "x/architect-model",
        "x/editor-model",
    )


def test_architect_permissions_are_minimal() -> None:
    workflow = read("architect.yml")
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {
        "contents": "write",
        "issues": "write",
        "pull-requests": "write",
        "checks": "read",  # whether the repository's CI started on the bot's pull request
        "actions": "read",  # the failed jobs' logs, for the CI follow-up
    }


def test_one_run_per_issue_or_pr_at_a_time() -> None:
    concurrency = read("architect.yml")["concurrency"]
    assert concurrency["cancel-in-progress"] is False
    group = concurrency["group"]
    for part in (
        "github.event.issue.number",
        "github.event.pull_request.number",
        "github.event.workflow_run.pull_requests[0].number",
        "github.event.check_suite.pull_requests[0].number",
        "inputs.issue-number",
    ):
        assert part in group


def test_secrets_go_in_through_with_and_the_checkout_is_the_default_branch() -> None:
    steps = all_steps(read("architect.yml"))
    bot = next(s for s in steps if s.get("uses") == "./")
    assert bot["with"]["anthropic-api-key"] == "${{ secrets.ANTHROPIC_API_KEY }}"
    assert bot["with"]["github-token"] == "${{ secrets.GITHUB_TOKEN }}"
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert checkout["with"]["persist-credentials"] is False


def test_prefilter_matches_the_defaults() -> None:
    job = next(iter(read("architect.yml")["jobs"].values()))
    defaults = RunOptions()
    assert f"'{defaults.trigger_label}'" in job["if"] and f"'{defaults.command_prefix}'" in job["if"]
    assert f"'{BRANCH_PREFIX}'" in job["if"]  # the CI follow-up only for runs on bot branches


def test_ci_runs_the_ci_entry_read_only() -> None:
    workflow = read("ci.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert any("bash .ci/run" in s.get("run", "") for s in all_steps(workflow))


def test_self_test_runs_the_local_action_on_the_demo_with_replayed_models() -> None:
    workflow = read("self-test.yml")
    assert workflow["permissions"] == {"contents": "read"}
    bot = next(s for s in all_steps(workflow) if s.get("uses") == "./")
    assert bot["with"]["architect-model"] == "replay/examples/demo/transcripts/architect.yml"
    assert bot["with"]["editor-model"] == "replay/examples/demo/transcripts/editor.yml"
    assert (ROOT / bot["env"]["ARCHITECT_LOCAL_REPO"]).is_dir()
    assert (ROOT / bot["env"]["ARCHITECT_LOCAL_ISSUE"]).is_file()


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expression_inside_run_scripts(path: Path) -> None:
    for step in all_steps(read(path.name)):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')} interpolates into run:"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_remote_actions_are_pinned_by_commit_with_a_version_comment(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*-?\s*uses:\s*(.+)$", line)
        if match is None or match.group(1).startswith("./"):
            continue
        assert PINNED.match(match.group(1).strip()), f"{path.name}: not pinned by SHA: {line.strip()}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_has_a_timeout_and_top_level_permissions(path: Path) -> None:
    workflow = read(path.name)
    assert "permissions" in workflow
    for job in workflow["jobs"].values():
        assert isinstance(job.get("timeout-minutes"), int)
