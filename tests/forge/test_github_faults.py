"""API faults: 5xx storms, rate limits, wrong tokens and missing workflow permissions."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.forge.errors import ForgeAuthError, ForgePermissionError, ForgeUnavailable
from bot.forge.github import GitHubForge
from bot.forge.types import ReactionTarget
from tests.forge.conftest import REPO, ForgeFactory, commit_change
from tests.servers.github import GitHubServer


def test_a_502_storm_is_retried_and_succeeds(
    hub: GitHubServer, forge: GitHubForge, sleeps: list[float]
) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    forge.default_branch()
    hub.fail_next(3, status=502)
    assert forge.get_issue(number).title == "Bug"
    assert [r.status for r in hub.requests].count(502) == 3
    assert len(sleeps) == 3


def test_a_storm_longer_than_the_retries_fails_clearly(hub: GitHubServer, make_forge: ForgeFactory) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    forge = make_forge(attempts=3)
    forge.default_branch()
    hub.fail_next(5, status=503)
    with pytest.raises(ForgeUnavailable, match=r"503.*3 tries") as caught:
        forge.get_issue(number)
    assert caught.value.retryable


@pytest.mark.parametrize("kind", ["secondary", "429"])
def test_rate_limits_wait_as_long_as_github_asks(
    hub: GitHubServer, forge: GitHubForge, sleeps: list[float], kind: str
) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    forge.default_branch()
    hub.rate_limit_next(1, kind=kind, retry_after=42)
    forge.post_comment(number, "hello")
    assert sleeps == [42.0]
    assert [c.body for c in hub.repo(REPO).issues[number].comments] == ["hello"]


def test_primary_rate_limit_waits_for_the_reset(
    hub: GitHubServer, forge: GitHubForge, sleeps: list[float]
) -> None:
    forge.default_branch()
    hub.rate_limit_next(1, kind="primary", retry_after=30)
    assert forge.permission_of("walt") == "write"
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 32


def test_a_wait_beyond_the_bound_fails_at_once(
    hub: GitHubServer, make_forge: ForgeFactory, sleeps: list[float]
) -> None:
    forge = make_forge(max_wait=10)
    forge.default_branch()
    hub.rate_limit_next(1, kind="secondary", retry_after=600)
    with pytest.raises(ForgeUnavailable, match="wait 600 s"):
        forge.get_issue(hub.add_issue(REPO, "Bug", "b"))
    assert sleeps == []


def test_slow_answers_still_arrive(hub: GitHubServer, forge: GitHubForge) -> None:
    hub.slow_next(2, seconds=0.2)
    assert forge.default_branch() == "main"


def test_an_answer_slower_than_the_timeout_is_retried(
    hub: GitHubServer, make_forge: ForgeFactory, sleeps: list[float]
) -> None:
    forge = make_forge(timeout=1)
    hub.slow_next(1, seconds=1.5)
    assert forge.default_branch() == "main"
    assert len(sleeps) == 1


def test_wrong_token_is_a_clear_auth_error(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path
) -> None:
    forge = make_forge("ghs_wrongWRONGwrong")
    with pytest.raises(ForgeAuthError, match="rejected the token") as caught:
        forge.get_issue(1)
    assert "ghs_wrong" not in str(caught.value)


def test_wrong_token_on_git_is_a_clear_auth_error(
    hub: GitHubServer, make_forge: ForgeFactory, forge: GitHubForge, workdir: Path
) -> None:
    forge.default_branch()  # the repository is known; now the token goes bad
    hub.tokens.clear()
    hub.add_token("ghs_other", "someone")
    commit_change(workdir, "x = 1\n")
    with pytest.raises(ForgeAuthError, match="rejected the token"):
        forge.push_branch(workdir, "architect/issue-1", force_with_lease=False)
    assert hub.branch_sha(REPO, "architect/issue-1") is None


def test_git_502_is_retried(
    hub: GitHubServer, forge: GitHubForge, workdir: Path, sleeps: list[float]
) -> None:
    forge.default_branch()
    sha = commit_change(workdir, "x = 1\n")
    hub.fail_next(2, status=502, on="git")
    assert forge.push_branch(workdir, "architect/issue-1", force_with_lease=False) == sha
    assert hub.branch_sha(REPO, "architect/issue-1") == sha
    assert len(sleeps) == 2


def test_missing_issue_permission_names_the_workflow_entry(
    hub: GitHubServer, make_forge: ForgeFactory
) -> None:
    hub.add_token(
        "ghs_readonly",
        "github-actions[bot]",
        permissions={"contents": "read", "issues": "read", "pull-requests": "read"},
    )
    number = hub.add_issue(REPO, "Bug", "b")
    forge = make_forge("ghs_readonly")
    with pytest.raises(ForgePermissionError, match="`issues: write or pull-requests: write`"):
        forge.upsert_status_comment(number, "status", "hi")
    with pytest.raises(ForgePermissionError, match="`pull-requests: write`"):
        forge.add_reaction(ReactionTarget.review_comment(number, 1), "eyes")


def test_missing_contents_permission_on_push(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path
) -> None:
    hub.add_token(
        "ghs_nocontents", "github-actions[bot]", permissions={"contents": "read", "issues": "write"}
    )
    commit_change(workdir, "x = 1\n")
    with pytest.raises(ForgePermissionError, match="`contents: write`"):
        make_forge("ghs_nocontents").push_branch(workdir, "architect/issue-1", force_with_lease=True)
