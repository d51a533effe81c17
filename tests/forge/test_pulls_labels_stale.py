"""A status label from an earlier run is replaced, not piled up; the PR knows its head repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.forge.github import GitHubForge
from tests.servers.github import GitHubServer


def test_stale_status_label_is_removed(github_server: GitHubServer, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("a\n")
    github_server.create_repo("acme/app", src)
    github_server.add_token("ghs_labels_token_000111", "github-actions[bot]")
    forge = GitHubForge(
        "acme/app",
        "ghs_labels_token_000111",
        api_url=github_server.api_url,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(github_server.repo("acme/app").bare), str(work)], check=True)
    (work / "a.txt").write_text("b\n")
    subprocess.run(
        ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "b"],
        check=True,
    )
    forge.push_branch(work, "architect/issue-1", force_with_lease=True)
    first = forge.open_or_update_pr(
        "architect/issue-1", "main", "Fix", "body", True, ["architect-bot", "architect:tests-failing"]
    )
    assert set(first.labels) == {"architect-bot", "architect:tests-failing"}
    assert first.head_repo == "acme/app"
    second = forge.open_or_update_pr(
        "architect/issue-1",
        "main",
        "Fix",
        "body",
        False,
        ["architect-bot", "architect:fixed"],
        stale_labels=["architect:tests-failing", "architect:no-change"],
    )
    assert set(second.labels) == {"architect-bot", "architect:fixed"}
    issue = github_server.repo("acme/app").issues[first.number]
    assert sorted(issue.labels) == ["architect-bot", "architect:fixed"]
