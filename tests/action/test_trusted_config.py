"""A pull request cannot change what the bot does to it: settings come from the default branch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.harness import Site
from tests.servers.github import GitHubServer

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")


def test_revise_uses_the_default_branchs_settings_not_the_prs(
    github_server: GitHubServer, tmp_path: Path
) -> None:
    site = Site(github_server, tmp_path)
    assert site.run("issues", site.event("issues.labeled")).returncode == 0
    [pr] = [i for i in site.repo.issues.values() if i.pull is not None]
    # Someone with push access to the PR branch (or an earlier editor) adds a config that unboxes the tests.
    marker = tmp_path / "ran-on-the-runner"
    site.workspace_git("fetch", "-q", "origin", "architect/issue-1")
    site.workspace_git("checkout", "-q", "FETCH_HEAD")
    (site.workspace / ".github").mkdir(exist_ok=True)
    (site.workspace / ".github" / "architect-bot.yml").write_text(
        f"sandbox: local\nsetup-command: touch {marker}\n"
    )
    site.workspace_git("add", "-A")
    site.workspace_git("commit", "-qm", "config on the PR branch")
    site.workspace_git("push", "-q", "origin", "HEAD:refs/heads/architect/issue-1")
    # A review comment's workflow checks out the PR's head, config included.
    run = site.revise_on_line(pr.number)
    assert run.returncode == 0 and run.outputs["status"] == "fixed", run.stderr[-3000:]
    assert not marker.exists(), "the PR's own config chose the unisolated sandbox"
