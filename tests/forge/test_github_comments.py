"""The status comment, plain comments and reactions."""

from __future__ import annotations

from bot.forge.github import GitHubForge
from bot.forge.types import ReactionTarget
from tests.forge.conftest import REPO, ForgeFactory
from tests.servers.github import GitHubServer

MARKER = "architect-bot:status:issue"


def test_status_comment_is_created_then_edited_in_place(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b", author="walt")
    hub.add_comment(REPO, number, "please fix", author="walt")

    first = forge.upsert_status_comment(number, MARKER, "- [ ] plan")
    second = forge.upsert_status_comment(number, MARKER, "- [x] plan\n- [ ] edit")

    comments = hub.repo(REPO).issues[number].comments
    status = [c for c in comments if MARKER in c.body]
    assert first == second == status[0].id
    assert len(status) == 1 and len(comments) == 2
    assert status[0].body == f"<!-- {MARKER} -->\n- [x] plan\n- [ ] edit"
    assert status[0].user == "github-actions[bot]"


def test_a_rerun_finds_the_same_status_comment(hub: GitHubServer, make_forge: ForgeFactory) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    first = make_forge().upsert_status_comment(number, MARKER, "run 1")
    again = make_forge().upsert_status_comment(number, MARKER, "run 2")  # a new process: no cache
    assert first == again
    assert [c.body.splitlines()[-1] for c in hub.repo(REPO).issues[number].comments] == ["run 2"]


def test_a_user_comment_quoting_the_marker_is_not_taken_over(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    spoof = hub.add_comment(REPO, number, f"<!-- {MARKER} --> not the bot", author="stranger")
    made = forge.upsert_status_comment(number, MARKER, "status")
    assert made != spoof
    assert hub.repo(REPO).issues[number].comments[0].body == f"<!-- {MARKER} --> not the bot"


def test_unchanged_status_is_not_sent_again(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    forge.upsert_status_comment(number, MARKER, "same")
    before = len([r for r in hub.requests if r.method == "PATCH"])
    forge.upsert_status_comment(number, MARKER, "same")
    assert len([r for r in hub.requests if r.method == "PATCH"]) == before


def test_a_deleted_status_comment_is_made_again(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    forge.upsert_status_comment(number, MARKER, "one")
    hub.repo(REPO).issues[number].comments.clear()
    forge.upsert_status_comment(number, MARKER, "two")
    assert [c.body for c in hub.repo(REPO).issues[number].comments] == [f"<!-- {MARKER} -->\ntwo"]


def test_post_comment(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    cid = forge.post_comment(number, "Only maintainers may ask me to fix issues.")
    assert [(c.id, c.body) for c in hub.repo(REPO).issues[number].comments] == [
        (cid, "Only maintainers may ask me to fix issues.")
    ]


def test_reactions_on_issue_and_comment_once_each(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    cid = hub.add_comment(REPO, number, "/architect fix", author="maria")

    forge.add_reaction(ReactionTarget.issue(number), "eyes")
    forge.add_reaction(ReactionTarget.comment(number, cid), "eyes")
    forge.add_reaction(ReactionTarget.comment(number, cid), "eyes")  # a re-run
    forge.add_reaction(ReactionTarget.comment(number, cid), "rocket")

    issue = hub.repo(REPO).issues[number]
    assert [(r.user, r.content) for r in issue.reactions] == [("github-actions[bot]", "eyes")]
    assert [r.content for r in issue.comments[0].reactions] == ["eyes", "rocket"]


def test_duplicate_status_comments_are_folded_into_one(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    hub.add_comment(REPO, number, "please", author="walt")
    first = hub.add_comment(
        REPO, number, f"<!-- {MARKER} -->\nold", author="github-actions[bot]", user_type="Bot"
    )
    hub.add_comment(
        REPO, number, f"<!-- {MARKER} -->\nolder twin", author="github-actions[bot]", user_type="Bot"
    )
    assert forge.upsert_status_comment(number, MARKER, "new") == first
    assert [c.body for c in hub.repo(REPO).issues[number].comments] == ["please", f"<!-- {MARKER} -->\nnew"]
