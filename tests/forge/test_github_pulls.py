"""Branches and pull requests: real `git push` over HTTP and real PyGithub against the local GitHub."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.forge.errors import ForgeConflict
from bot.forge.github import GitHubForge
from tests.forge.conftest import REPO, ForgeFactory, commit_change, git
from tests.servers.github import GitHubServer

BRANCH = "architect/issue-1"


def test_push_then_force_with_lease_replaces_the_branch(
    hub: GitHubServer, forge: GitHubForge, workdir: Path
) -> None:
    first = commit_change(workdir, "def answer():\n    return 42\n")
    assert forge.push_branch(workdir, BRANCH, force_with_lease=True) == first
    assert hub.branch_sha(REPO, BRANCH) == first

    git(workdir, "reset", "-q", "--hard", "HEAD~1")  # a fresh fix: not a descendant of the old one
    fresh = commit_change(workdir, "def answer():\n    return 6 * 7\n", "Fix it differently")
    with pytest.raises(ForgeConflict, match="moved"):
        forge.push_branch(workdir, BRANCH, force_with_lease=False)
    assert forge.push_branch(workdir, BRANCH, force_with_lease=True) == fresh
    assert hub.branch_sha(REPO, BRANCH) == fresh


def test_a_new_commit_fast_forwards(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    commit_change(workdir, "def answer():\n    return 42\n")
    forge.push_branch(workdir, BRANCH, force_with_lease=True)
    second = commit_change(workdir, "def answer():\n    return 42  # revised\n", "Revise")
    assert forge.push_branch(workdir, BRANCH, force_with_lease=False) == second
    assert hub.branch_sha(REPO, BRANCH) == second


def test_fetch_branch(hub: GitHubServer, forge: GitHubForge, workdir: Path, tmp_path: Path) -> None:
    pushed = commit_change(workdir, "def answer():\n    return 42\n")
    forge.push_branch(workdir, BRANCH, force_with_lease=True)
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(hub.repo(REPO).bare), str(other))
    assert forge.fetch_branch(other, BRANCH) == pushed
    assert git(other, "rev-parse", f"refs/remotes/origin/{BRANCH}") == pushed
    assert forge.fetch_branch(other, "architect/issue-404") is None


def _pushed(forge: GitHubForge, workdir: Path) -> None:
    commit_change(workdir, "def answer():\n    return 42\n")
    forge.push_branch(workdir, BRANCH, force_with_lease=True)


def test_pr_is_opened_then_reused_by_a_rerun(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path
) -> None:
    forge = make_forge()
    _pushed(forge, workdir)
    assert forge.find_open_pr(BRANCH) is None

    pr = forge.open_or_update_pr(
        BRANCH, "main", "Fix #1: off by one", "plan v1\n\nFixes #1", draft=True, labels=["architect-bot"]
    )
    again = make_forge().open_or_update_pr(
        BRANCH,
        "main",
        "Fix #1: off by one",
        "plan v2\n\nFixes #1",
        draft=True,
        labels=["architect-bot", "tests-failed"],
    )

    assert (again.number, again.branch, again.base, again.draft) == (pr.number, BRANCH, "main", True)
    assert pr.url.endswith(f"/{REPO}/pull/{pr.number}")
    assert again.labels == ("architect-bot", "tests-failed")
    pulls = hub.repo(REPO).pulls()
    assert len(pulls) == 1
    assert pulls[0].body == "plan v2\n\nFixes #1"
    assert pulls[0].labels == ["architect-bot", "tests-failed"]
    assert forge.find_open_pr(BRANCH) == forge.get_pull(pr.number)


def test_draft_flag_follows_the_test_result(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    _pushed(forge, workdir)
    pr = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    assert pr.draft is False
    assert forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=True).draft is True
    pull = hub.repo(REPO).issues[pr.number].pull
    assert pull is not None and pull.draft is True
    assert forge.get_pull(pr.number).draft is True


def test_a_closed_pr_is_not_reused(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    _pushed(forge, workdir)
    old = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    hub.repo(REPO).issues[old.number].state = "closed"
    new = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    assert new.number != old.number and new.state == "open"


def test_pr_without_commits_is_refused_clearly(forge: GitHubForge, workdir: Path) -> None:
    forge.push_branch(workdir, BRANCH, force_with_lease=True)  # same commit as main
    with pytest.raises(ForgeConflict, match="No commits between main and"):
        forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)


def test_review_requests(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    _pushed(forge, workdir)
    pr = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    assert forge.request_review(pr.number, "walt") is True
    assert forge.request_review(pr.number, "stranger") is False  # not a collaborator: logged, not fatal
    pull = hub.repo(REPO).issues[pr.number].pull
    assert pull is not None and pull.requested_reviewers == ["walt"]


def test_review_comments_are_read_and_answered(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    _pushed(forge, workdir)
    pr = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    cid = hub.add_review_comment(
        REPO,
        pr.number,
        "/architect revise use a constant",
        author="maria",
        path="widgets/__init__.py",
        line=2,
    )

    (comment,) = forge.review_comments(pr.number)
    assert (comment.id, comment.author, comment.path, comment.line, comment.is_bot) == (
        cid,
        "maria",
        "widgets/__init__.py",
        2,
        False,
    )

    reply = forge.reply_to_review_comment(pr.number, cid, "Done in the new commit.")
    comments = forge.review_comments(pr.number)
    assert [(c.id, c.in_reply_to, c.is_bot) for c in comments] == [(cid, None, False), (reply, cid, True)]


def test_pr_seen_as_an_issue(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    _pushed(forge, workdir)
    pr = forge.open_or_update_pr(BRANCH, "main", "Fix #1", "body", draft=False)
    issue = forge.get_issue(pr.number)
    assert issue.is_pull_request and issue.author == "github-actions[bot]"


def test_the_lease_refuses_a_branch_that_moved_since_the_run_looked(
    hub: GitHubServer, forge: GitHubForge, workdir: Path
) -> None:
    seen = _pushed_sha(forge, workdir)
    git(workdir, "commit", "-q", "--allow-empty", "-m", "Someone else's commit")
    theirs = forge.push_branch(workdir, BRANCH, force_with_lease=False)
    git(workdir, "reset", "-q", "--hard", "HEAD~2")
    commit_change(workdir, "def answer():\n    return 6 * 7\n", "A fresh fix")
    with pytest.raises(ForgeConflict, match="moved"):
        forge.push_branch(workdir, BRANCH, force_with_lease=True, expected_sha=seen)
    assert hub.branch_sha(REPO, BRANCH) == theirs


def test_a_deleted_branch_is_recreated(hub: GitHubServer, forge: GitHubForge, workdir: Path) -> None:
    sha = _pushed_sha(forge, workdir)
    hub.repo(REPO).git("update-ref", "-d", f"refs/heads/{BRANCH}")
    assert forge.find_open_pr(BRANCH) is None
    assert forge.push_branch(workdir, BRANCH, force_with_lease=True) == sha
    assert hub.branch_sha(REPO, BRANCH) == sha


def _pushed_sha(forge: GitHubForge, workdir: Path) -> str:
    commit_change(workdir, "def answer():\n    return 42\n")
    return forge.push_branch(workdir, BRANCH, force_with_lease=True)
