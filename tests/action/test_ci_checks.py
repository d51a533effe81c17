"""Whether the repository's own CI started on the bot's pull request (bot/action/ci_checks.py):
GitHub starts no workflow for a PR the workflow's own token opened, and the bot says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.action.ci_checks import await_checks, expects_checks
from tests.action.harness import Site
from tests.pipeline.helpers import commit_everything, git, make_repo

CI = "name: CI\non:\n  pull_request:\n  push:\n    branches: [main]\njobs: {}\n"


def test_only_workflows_that_run_on_pull_requests_or_pushes_are_waited_for(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    assert not expects_checks(repo, git(repo, "rev-parse", "HEAD").strip())
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "nightly.yml").write_text("on:\n  schedule:\n    - cron: '1 1 * * *'\n")
    commit_everything(repo)
    assert not expects_checks(repo, git(repo, "rev-parse", "HEAD").strip())
    (repo / ".github" / "workflows" / "ci.yaml").write_text("on: [pull_request]\n")
    commit_everything(repo)
    assert expects_checks(repo, git(repo, "rev-parse", "HEAD").strip())


class Checks:
    def __init__(self, *answers: int | None) -> None:
        self.answers = list(answers)
        self.asked = 0

    def check_runs(self, sha: str) -> int | None:
        self.asked += 1
        return self.answers.pop(0) if self.answers else 0


def test_waiting_ends_at_the_first_check_or_at_the_deadline() -> None:
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    found = Checks(0, 0, 2)
    assert await_checks(found, "abc", 1.0, sleep=sleep, clock=lambda: now[0]) == 2  # type: ignore[arg-type]
    assert found.asked == 3 and now[0] == 20.0
    now[0] = 0.0
    none = Checks()
    assert await_checks(none, "abc", 0.5, sleep=sleep, clock=lambda: now[0]) == 0  # type: ignore[arg-type]
    assert now[0] == 30.0
    assert await_checks(Checks(None), "abc", 1.0, sleep=sleep, clock=lambda: now[0]) is None  # type: ignore[arg-type]


def add_ci_workflow(site: Site) -> None:
    (site.workspace / ".github" / "workflows").mkdir(parents=True)
    (site.workspace / ".github" / "workflows" / "ci.yml").write_text(CI)
    site.workspace_git("add", "-A")
    site.workspace_git("commit", "-qm", "CI on pull requests")
    site.workspace_git("push", "-q", "origin", "HEAD:main")


@pytest.mark.parametrize("ci_starts", [False, True])
def test_the_status_comment_says_when_no_check_started(site: Site, ci_starts: bool) -> None:
    add_ci_workflow(site)
    if ci_starts:  # an App token's pull request starts the repository's CI
        site.repo.checks_on_push = ["test"]
    run = site.run("issues", site.event("issues.labeled"), ci_wait_minutes="0.05")
    assert run.returncode == 0 and run.outputs["status"] == "fixed", run.stderr[-3000:]
    [status] = [c.body for c in site.repo.issues[1].comments if "architect-bot:status:1" in c.body]
    said = "No check ran on this pull request within 0.05 min" in status
    assert said is not ci_starts, status
    if not ci_starts:
        assert "actions/create-github-app-token" in status
