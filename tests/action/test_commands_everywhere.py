"""Every `/architect` command in every place it can be posted (issue comment, comment on the bot's pull
request, review comment on a line of it), end to end: the local GitHub, replayed models, Docker."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest

from bot.forge.github import GitHubForge
from tests.action.harness import TOKEN, ActionRun, Site, revise_editor

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")

Place = Literal["issue", "pr", "review"]
TITLE = "Fix #1: Invoice totals are wrong when a line has a discount"


def pulls(site: Site) -> list[Any]:
    return [i for i in site.repo.issues.values() if i.pull is not None]


def open_bot_pr(site: Site) -> int:
    """The bot's pull request for issue #1, opened the way users open it: the trigger label."""
    run = site.run("issues", site.event("issues.labeled"))
    assert run.returncode == 0 and run.outputs["status"] == "fixed", run.stderr[-3000:]
    return int(run.outputs["pr-number"])


def post(site: Site, place: Place, body: str, pr: int = 0) -> tuple[str, Path]:
    """Writes ``body`` as Codertocat in ``place``; returns the event GitHub would deliver for it."""
    if place == "issue":
        cid = site.server.add_comment(site.name, 1, body, author="Codertocat")
        return "issue_comment", site.event("issue_comment.created.fix", comment__id=cid, comment__body=body)
    if place == "pr":  # an issue_comment whose issue is the pull request: no head branch in the payload
        cid = site.server.add_comment(site.name, pr, body, author="Codertocat")
        event = site.event(
            "issue_comment.created.pr-revise", comment__id=cid, comment__body=body, issue__number=pr
        )
        return "issue_comment", event
    cid = site.server.add_review_comment(
        site.name, pr, body, author="Codertocat", path="invoice/totals.py", line=5
    )
    event = site.event(
        "pull_request_review_comment.created.revise",
        comment__id=cid,
        comment__body=body,
        pull_request__number=pr,
    )
    return "pull_request_review_comment", event


def last_reply(site: Site, place: Place, pr: int = 0) -> str:
    """The bot's newest answer where the command was posted (a review comment is answered in its thread)."""
    if place == "review":
        thread = site.repo.issues[pr].pull.review_comments
    else:
        thread = site.repo.issues[1 if place == "issue" else pr].comments
    mine = [c.body for c in thread if c.user == "github-actions[bot]"]
    assert mine, f"the bot did not answer in the {place}"
    return str(mine[-1])


def assert_one_pr_fixing_issue_1(site: Site) -> Any:
    [pr] = pulls(site)
    assert pr.pull.head == "architect/issue-1" and pr.pull.base == "main"
    assert pr.title == TITLE
    assert "Fixes #1" in (pr.body or "") and "#2" not in pr.title
    return pr


def ok(run: ActionRun, status: str) -> None:
    assert run.returncode == 0 and run.outputs["status"] == status, run.stdout[-2000:] + run.stderr[-3000:]


# -- the bugs of issue 13 item 7: commands written in the pull request's conversation -------------


@pytest.mark.parametrize("place", ["pr", pytest.param("review", marks=pytest.mark.full)])
def test_revise_adds_a_commit_to_the_same_pr(site: Site, tmp_path: Path, place: Place) -> None:
    pr = open_bot_pr(site)
    before = site.server.branch_sha(site.name, "architect/issue-1")
    run = site.run(
        *post(site, place, "/architect revise explain CENT", pr),
        editor_model=f"replay/{revise_editor(tmp_path)}",
        architect_model="",
    )
    ok(run, "fixed")
    assert run.outputs["pr-number"] == str(pr) and run.outputs["branch"] == "architect/issue-1"
    assert_one_pr_fixing_issue_1(site)
    after = site.server.branch_sha(site.name, "architect/issue-1")
    assert site.repo.git("rev-parse", f"{after}~1").strip() == before  # on top of the PR, no force push
    assert "rounded to whole cents" in site.repo.git("show", "architect/issue-1:invoice/totals.py")
    assert last_reply(site, place, pr).startswith("Pushed ")


@pytest.mark.parametrize("place", ["pr", pytest.param("review", marks=pytest.mark.full)])
def test_retry_reruns_the_issue_on_the_same_branch_and_pr(site: Site, place: Place) -> None:
    pr = open_bot_pr(site)
    run = site.run(*post(site, place, "/architect retry", pr))
    ok(run, "fixed")
    assert run.outputs["pr-number"] == str(pr) and run.outputs["branch"] == "architect/issue-1"
    again = assert_one_pr_fixing_issue_1(site)
    assert again.number == pr and "ROUND_HALF_UP" in (again.body or "")
    assert "ROUND_HALF_UP" in site.repo.git("show", "architect/issue-1:invoice/totals.py")


def test_commands_on_a_pr_the_bot_did_not_open_do_nothing(site: Site) -> None:
    """A person's pull request on a branch named like the bot's is not the bot's to change."""
    site.repo.git("branch", "architect/issue-1", "main")
    tree = site.repo.git("rev-parse", "main^{tree}").strip()
    commit = site.repo.git("commit-tree", tree, "-p", "main", "-m", "my own fix").strip()
    site.repo.git("update-ref", "refs/heads/architect/issue-1", commit)
    site.server.add_token("ghp_codertocat0123456789", "Codertocat")
    human = GitHubForge(site.name, "ghp_codertocat0123456789", api_url=site.server.api_url)
    pr = human.open_or_update_pr("architect/issue-1", "main", TITLE, "Fixes #1", draft=False).number
    for place in ("pr", "review"):
        for command in ("retry", "revise do it", "explain"):
            ok(site.run(*post(site, place, f"/architect {command}", pr)), "ignored")
    assert site.server.branch_sha(site.name, "architect/issue-1") == commit
    assert [p.number for p in pulls(site)] == [pr]
    assert all(c.user != "github-actions[bot]" for c in site.repo.issues[pr].comments)
    assert all(c.user != "github-actions[bot]" for c in site.repo.issues[pr].pull.review_comments)


# -- the rest of the grid: each command where it applies, and where it does not --------------------


def test_fix_plan_and_go_on_the_issue_keep_one_pr(site: Site) -> None:
    ok(site.run(*post(site, "issue", "/architect go")), "skipped")  # no plan yet: said so, nothing run
    assert "no plan on this issue yet" in last_reply(site, "issue") and pulls(site) == []
    ok(site.run(*post(site, "issue", "/architect fix")), "fixed")
    assert_one_pr_fixing_issue_1(site)
    ok(site.run(*post(site, "issue", "/architect plan")), "planned")
    assert any("architect-bot:plan:1" in c.body for c in site.repo.issues[1].comments)
    ok(site.run(*post(site, "issue", "/architect go")), "fixed")
    assert_one_pr_fixing_issue_1(site)


@pytest.mark.parametrize("place", ["issue", "pr", pytest.param("review", marks=pytest.mark.full)])
def test_help_and_misplaced_commands_are_answered_where_they_were_posted(site: Site, place: Place) -> None:
    pr = open_bot_pr(site) if place != "issue" else 0
    heads = site.repo.git("for-each-ref", "refs/heads")
    misplaced = ("revise it", "retry", "explain") if place == "issue" else ("fix", "plan", "go")
    where = "issues" if place == "issue" else "pull requests the bot opened"
    if place == "review":
        where = "review comments"
    for words in ("help", "frobnicate", *misplaced):
        ok(site.run(*post(site, place, f"/architect {words}", pr)), "help")
        reply = last_reply(site, place, pr)
        assert "`/architect revise <feedback>`" in reply and "`/architect fix [instructions]`" in reply
        name = words.split()[0]
        if words in misplaced:
            assert reply.startswith(f"`/architect {name}` does not work on {where}")
        elif words == "frobnicate":
            assert reply.startswith("unknown command `/architect frobnicate`")
    assert site.repo.git("for-each-ref", "refs/heads") == heads  # nothing pushed
    assert len(pulls(site)) == (0 if place == "issue" else 1)


@pytest.mark.parametrize("place", ["pr", pytest.param("review", marks=pytest.mark.full)])
def test_explain_posts_the_description_where_it_was_asked(site: Site, place: Place) -> None:
    pr = open_bot_pr(site)
    ok(site.run(*post(site, place, "/architect explain", pr)), "explained")
    assert "ROUND_HALF_UP" in last_reply(site, place, pr) and "Fixes #1" in last_reply(site, place, pr)
    assert_one_pr_fixing_issue_1(site)


def test_a_bot_pr_that_names_no_issue_gets_a_reply_not_a_guess(site: Site) -> None:
    """Only the branch name and the closing reference tell the issue; the PR's own number never does."""
    tree = site.repo.git("rev-parse", "main^{tree}").strip()
    commit = site.repo.git("commit-tree", tree, "-p", "main", "-m", "readme").strip()
    site.repo.git("update-ref", "refs/heads/architect/readme", commit)
    bot = GitHubForge(site.name, TOKEN, api_url=site.server.api_url)
    # the closing reference names the pull request itself (#2): that is no issue to fix
    pr = bot.open_or_update_pr("architect/readme", "main", "Readme", "Fixes #2", draft=False).number
    assert pr == 2
    ok(site.run(*post(site, "pr", "/architect retry", pr)), "skipped")
    assert "cannot tell which issue pull request" in last_reply(site, "pr", pr)
    assert site.server.branch_sha(site.name, "architect/readme") == commit and len(pulls(site)) == 1
    # nor is another pull request
    site.repo.git("update-ref", "refs/heads/architect/docs", commit)
    other = bot.open_or_update_pr("architect/docs", "main", "Docs", "Fixes #2", draft=False).number
    ok(site.run(*post(site, "pr", "/architect retry", other)), "skipped")
    assert "cannot tell which issue pull request" in last_reply(site, "pr", other)
    assert site.server.branch_sha(site.name, "architect/docs") == commit and len(pulls(site)) == 2
