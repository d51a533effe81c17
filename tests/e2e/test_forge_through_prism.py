"""The bot's GitHub adapter (PyGithub) doing a realistic run through Prism against the local GitHub."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.forge.types import ReactionTarget
from tests.e2e.harness import E2E
from tests.servers.github_model import CheckRecord, WorkflowJob, WorkflowRunInfo

REPO = "acme/widgets"
ACTIONS_PERMISSIONS = {"contents": "write", "issues": "write", "pull-requests": "write"}


def _source(tmp: Path) -> Path:
    source = tmp / "source"
    (source / "widgets").mkdir(parents=True)
    (source / "widgets" / "__init__.py").write_text("def answer():\n    return 41\n")
    return source


def _commit_fix(e2e: E2E, branch: str) -> Path:
    workdir = e2e.checkout(REPO)
    git = ["git", "-C", str(workdir), "-c", "user.name=bot", "-c", "user.email=bot@example.invalid"]
    subprocess.run([*git, "checkout", "-q", "-b", branch], check=True)
    (workdir / "widgets" / "__init__.py").write_text("def answer():\n    return 42\n")
    subprocess.run([*git, "commit", "-qam", "Fix the answer"], check=True)
    return workdir


def test_issue_to_pull_request_through_prism(e2e: E2E) -> None:
    e2e.seed_repo(REPO, _source(e2e.tmp))
    number = e2e.github.add_issue(REPO, "The answer is 41", "It should be 42.", author="maria")
    e2e.github.add_comment(REPO, number, "Still broken on main.", author="stranger")
    e2e.github.add_token(e2e.token, "github-actions[bot]", permissions=ACTIONS_PERMISSIONS)
    forge = e2e.forge(REPO)

    issue = forge.get_issue(number)
    assert (issue.title, issue.author, [c.body for c in issue.comments]) == (
        "The answer is 41",
        "maria",
        ["Still broken on main."],
    )
    assert forge.permission_of("maria") == "maintain"
    assert forge.permission_of("stranger") == "read"  # a public repository
    forge.add_reaction(ReactionTarget.issue(number), "eyes")
    first = forge.upsert_status_comment(number, "architect-bot:status", "Planning…")
    again = forge.upsert_status_comment(number, "architect-bot:status", "Tests passed.")
    assert first == again

    workdir = _commit_fix(e2e, "architect/issue-1")
    forge.push_branch(workdir, "architect/issue-1", force_with_lease=True)
    draft = forge.open_or_update_pr("architect/issue-1", "main", "Fix the answer", "Fixes #1", draft=True)
    ready = forge.open_or_update_pr("architect/issue-1", "main", "Fix the answer", "Fixes #1", draft=False)

    assert (draft.number, draft.draft) == (ready.number, True)
    assert not ready.draft  # marked ready over GraphQL, which goes around Prism
    assert forge.find_open_pr("architect/issue-1") is not None
    status = [c for c in e2e.github.repo(REPO).issues[number].comments if c.user == "github-actions[bot]"]
    assert [c.body.splitlines()[-1] for c in status] == ["Tests passed."]
    # Every REST call went through Prism and none was refused.
    checked = e2e.gateway.forwarded
    assert {f.path for f in checked} >= {f"/repos/{REPO}/issues/{number}", f"/repos/{REPO}/pulls"}
    assert all(f.status < 500 for f in checked), checked
    graphql = [r for r in e2e.github.requests if r.path == "/api/graphql"]
    assert len(graphql) == 1


def test_the_ci_follow_ups_reads_through_prism(e2e: E2E) -> None:
    """Runs, jobs, a job's log (a 302 to the download URL), check suites and a commit's checks."""
    e2e.seed_repo(REPO, _source(e2e.tmp))
    e2e.github.add_token(e2e.token, "github-actions[bot]", permissions={"actions": "read", "checks": "read"})
    forge = e2e.forge(REPO)
    hosted = e2e.github.repo(REPO)
    main = e2e.github.branch_sha(REPO, "main")
    assert main is not None
    hosted.run_info[70] = WorkflowRunInfo(5, "CI", "main", main, "failure", event="push")
    hosted.runs[70] = [WorkflowJob(700, "lint", "failure", failed_step="Run lint", log="E boom\n")]
    hosted.check_records.append(
        CheckRecord(800, 8, 9, main, "style", "failure", summary="E1", annotations=[("x.py", 1, "unused")])
    )

    latest = forge.latest_run("ci.yml", "main")  # Prism cannot tell a numeric id from a string
    assert latest is not None and latest.id == 70
    assert [(job.name, job.log_tail) for job in forge.failed_jobs(70)] == [("lint", "E boom")]
    assert [job.log_tail for job in forge.failed_checks(8)] == ["E1\nx.py:1: failure: unused"]
    assert forge.failing_checks("main", 9) == ("style",)
    assert all(f.status < 500 for f in e2e.gateway.forwarded), e2e.gateway.forwarded
