"""Reading issues, comments and permissions through real PyGithub against the local GitHub."""

from __future__ import annotations

import pytest

from bot.forge.errors import ForgePermissionError
from bot.forge.github import GitHubForge
from bot.forge.types import permission_at_least
from tests.forge.conftest import ALL_WRITE, REPO, ForgeFactory
from tests.servers.github import GitHubServer
from tests.servers.github_model import WorkflowJob, WorkflowRunInfo


def test_issue_and_comments_are_read_with_bots_flagged(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(
        REPO, "Answer is off by one", "It returns 41.", author="walt", labels=("architect",)
    )
    hub.add_comment(REPO, number, "Still broken on main", author="maria")
    hub.add_comment(
        REPO, number, "<!-- architect-bot:status -->\nWorking…", author="github-actions[bot]", user_type="Bot"
    )
    hub.add_comment(REPO, number, "Coverage report", author="codecov[bot]", user_type="Bot")

    issue = forge.get_issue(number)

    assert (issue.number, issue.title, issue.body, issue.author) == (
        number,
        "Answer is off by one",
        "It returns 41.",
        "walt",
    )
    assert (issue.state, issue.locked, issue.labels, issue.is_pull_request) == (
        "open",
        False,
        ("architect",),
        False,
    )
    assert [(c.author, c.is_bot) for c in issue.comments] == [
        ("maria", False),
        ("github-actions[bot]", True),
        ("codecov[bot]", True),
    ]
    assert [c.body for c in issue.human_comments()] == ["Still broken on main"]
    assert issue.url.endswith(f"/{REPO}/issues/{number}")


def test_closed_locked_issue_and_empty_body(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Old", None, state="closed", locked=True)
    issue = forge.get_issue(number)
    assert (issue.state, issue.locked, issue.body, issue.comments) == ("closed", True, "", ())


def test_many_comments_are_read_across_pages(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Busy", "b")
    for index in range(35):  # GitHub pages by 30
        hub.add_comment(REPO, number, f"comment {index}", author="walt")
    assert [c.body for c in forge.get_issue(number).comments][-1] == "comment 34"
    assert len(forge.get_issue(number).comments) == 35


def test_permission_lookup_knows_every_role(hub: GitHubServer, forge: GitHubForge) -> None:
    roles = {
        user: forge.permission_of(user) for user in ("acme", "maria", "walt", "tria", "stranger", "nobody")
    }
    assert roles == {
        "acme": "admin",
        "maria": "maintain",
        "walt": "write",
        "tria": "triage",
        "stranger": "read",
        "nobody": "none",
    }
    assert permission_at_least(roles["maria"], "write")
    assert not permission_at_least(roles["tria"], "write")


def test_strangers_have_no_permission_on_a_private_repo(hub: GitHubServer, make_forge: ForgeFactory) -> None:
    hub.repo(REPO).private = True
    assert make_forge().permission_of("stranger") == "none"


def test_default_branch(forge: GitHubForge) -> None:
    assert forge.default_branch() == "main"


def test_personal_token_knows_its_user(hub: GitHubServer, make_forge: ForgeFactory) -> None:
    hub.add_token("ghp_personal", "octo-dev")
    assert make_forge("ghp_personal").bot_login == "octo-dev"
    assert make_forge().bot_login == "github-actions[bot]"  # an Actions token cannot read /user


def test_the_failed_jobs_of_a_run_come_with_their_logs_end(
    hub: GitHubServer, make_forge: ForgeFactory
) -> None:
    log = "".join(f"2026-12-05T06:01:{i % 60:02d}.1234567Z collecting item {i}\n" for i in range(300))
    log += "2026-12-05T06:02:00.0000000Z \x1b[31mE       assert add(2, 3) == 5\x1b[0m\n"
    hub.repo(REPO).runs[4242] = [
        WorkflowJob(1, "lint", "success", log="all good\n"),
        WorkflowJob(2, "test (3.12)", "failure", failed_step="Run pytest", log=log),
    ]
    with pytest.raises(ForgePermissionError, match="actions: read"):  # the workflow must grant it
        make_forge().failed_jobs(4242)
    hub.add_token("ghs_actions_read", "github-actions[bot]", permissions={**ALL_WRITE, "actions": "read"})
    [failed] = make_forge("ghs_actions_read").failed_jobs(4242)
    assert (failed.name, failed.step) == ("test (3.12)", "Run pytest")
    assert failed.log_tail.endswith("E       assert add(2, 3) == 5")  # no timestamp, no escape codes
    assert "collecting item 299" in failed.log_tail and "collecting item 100" not in failed.log_tail
    assert "\x1b" not in failed.log_tail and "2026-12-05T" not in failed.log_tail


def test_the_latest_completed_run_of_a_workflow_on_a_branch(
    hub: GitHubServer, make_forge: ForgeFactory
) -> None:
    runs = hub.repo(REPO).run_info
    runs[10] = WorkflowRunInfo(5, "CI", "main", "a" * 40, "failure", event="push")
    runs[11] = WorkflowRunInfo(5, "CI", "main", "b" * 40, "success", event="push")
    runs[12] = WorkflowRunInfo(5, "CI", "architect/issue-1", "c" * 40, "failure")
    runs[13] = WorkflowRunInfo(6, "Docs", "main", "d" * 40, "failure", event="push")
    with pytest.raises(ForgePermissionError, match="actions: read"):
        make_forge().latest_run(5, "main")
    hub.add_token("ghs_actions_read", "github-actions[bot]", permissions={**ALL_WRITE, "actions": "read"})
    forge = make_forge("ghs_actions_read")
    latest = forge.latest_run(5, "main")
    assert latest is not None and (latest.id, latest.conclusion, latest.head_sha) == (11, "success", "b" * 40)
    assert latest.url.endswith("/actions/runs/11")
    assert forge.latest_run(6, "release") is None  # never ran there
    by_name = forge.latest_run("ci.yml", "architect/issue-1")  # the API takes the file name too
    assert by_name is not None and by_name.id == 12
