"""Pre-flight checks (bot/action/preflight.py) as `architect-bot action` applies them: each stops the run
before any model is built, with the answer the issue asks for. No Docker: nothing gets that far."""

from __future__ import annotations

from pathlib import Path

from tests.action.harness import Site
from tests.servers.github_model import Issue, Pull

BOT = "github-actions[bot]"
NO_MODEL = "replay//nonexistent/transcript.yml"  # building this model fails: pre-flight must stop first


def _run(site: Site, event_name: str, event: Path) -> tuple[int, str]:
    run = site.run(event_name, event, editor_model=NO_MODEL, architect_model=NO_MODEL)
    return run.returncode, run.outputs["status"]


def test_an_issue_closed_since_the_event_is_skipped_with_a_comment(site: Site) -> None:
    site.repo.issues[1].state = "closed"  # the payload still says open: it was closed meanwhile
    assert _run(site, "issues", site.event("issues.labeled")) == (0, "skipped")
    [said] = [c.body for c in site.repo.issues[1].comments if c.user == BOT]
    assert "This issue is closed" in said and "Reopen it" in said
    assert site.repo.issues[1].reactions == []


def test_a_locked_issue_is_skipped_without_a_word(site: Site) -> None:
    site.repo.issues[1].locked = True
    comment = site.server.add_comment(site.name, 1, "/architect fix", author="Codertocat")
    assert _run(site, "issue_comment", site.event("issue_comment.created.fix", comment__id=comment)) == (
        0,
        "skipped",
    )
    assert [c for c in site.repo.issues[1].comments if c.user == BOT] == []


def test_a_pr_command_on_a_pull_request_the_bot_did_not_open_is_ignored(site: Site) -> None:
    site.repo.git("update-ref", "refs/heads/changes", "refs/heads/main")
    site.repo.issues[2] = Issue(
        9002, 2, "Someone's change", "body", "Codertocat", pull=Pull("changes", "main", False)
    )
    comment = site.server.add_comment(site.name, 2, "/architect retry", author="Codertocat")
    event = site.event("issue_comment.created.pr-retry", comment__id=comment)
    assert _run(site, "issue_comment", event) == (0, "ignored")
    assert [c for c in site.repo.issues[2].comments if c.user == BOT] == []


def test_an_outsider_is_refused_before_anything_else(site: Site) -> None:
    site.repo.issues[1].state = "closed"  # the permission gate comes first: no word about the state
    assert _run(site, "issue_comment", site.event("issue_comment.created.outsider-fix")) == (0, "refused")
    [said] = [c.body for c in site.repo.issues[1].comments if c.user == BOT]
    assert "@outsider-dev" in said and "closed" not in said
