"""Every trigger and every ignore reason of bot.events.route, on GitHub's real payload shapes."""

from __future__ import annotations

from typing import Any

import pytest

from bot.events import Ignored, Trigger, route
from bot.run_options import RunOptions
from tests.events.helpers import event_files, event_name, load

SETTINGS = RunOptions()


def trigger(event: str, payload: dict[str, Any], settings: RunOptions = SETTINGS) -> Trigger:
    result = route(event, payload, settings)
    assert isinstance(result, Trigger), f"expected a trigger, got {result}"
    return result


def ignored(event: str, payload: Any, settings: RunOptions = SETTINGS) -> str:
    result = route(event, payload, settings)
    assert isinstance(result, Ignored), f"expected Ignored, got {result}"
    return result.reason


# --- triggers -------------------------------------------------------------------------------------


def test_trigger_label_fixes_the_issue_and_the_labeller_is_the_actor() -> None:
    payload = load("issues.labeled")
    payload["issue"]["user"]["login"] = (
        "someone-outside"  # outsiders' issues are fixed when a maintainer labels
    )
    got = trigger("issues", payload)
    assert got == Trigger(command="fix", event_name="issues", actor="Codertocat", issue_number=1)
    assert got.thread_number == 1 and got.place == "issue"


def test_label_match_ignores_case() -> None:
    payload = load("issues.labeled")
    payload["label"]["name"] = "Architect"
    assert trigger("issues", payload).command == "fix"


def test_fix_comment_carries_instructions_and_the_comment() -> None:
    got = trigger("issue_comment", load("issue_comment.created.fix"))
    assert got.command == "fix"
    assert got.issue_number == 1 and got.pr_number is None and not got.is_pull_request
    assert got.comment_id == 492700400 and got.comment_kind == "issue_comment"
    assert got.extra == "keep the public API of `invoice.totals` unchanged"
    assert got.actor == "Codertocat"
    assert got.architect_model is None and got.editor_model is None


def test_plan_may_follow_other_lines() -> None:
    got = trigger("issue_comment", load("issue_comment.created.plan"))
    assert (got.command, got.extra) == ("plan", "")


def test_go_runs_the_editor_on_the_plan() -> None:
    assert trigger("issue_comment", load("issue_comment.created.go")).command == "go"


def test_outsider_command_is_routed_and_left_to_the_permission_gate() -> None:
    got = trigger("issue_comment", load("issue_comment.created.outsider-fix"))
    assert (got.command, got.actor) == ("fix", "outsider-dev")


@pytest.mark.parametrize(
    ("body", "note"),
    [
        ("/architect help", ""),
        ("/architect", ""),
        ("/architect frobnicate the thing", "unknown command `/architect frobnicate`"),
        ("/architect revise make it faster", "`/architect revise` does not work on issues"),
    ],
)
def test_help_on_issues(body: str, note: str) -> None:
    payload = load("issue_comment.created.fix")
    payload["comment"]["body"] = body
    got = trigger("issue_comment", payload)
    assert (got.command, got.note) == ("help", note)


def test_revise_on_the_bots_pr_by_issue_comment() -> None:
    got = trigger("issue_comment", load("issue_comment.created.pr-revise"))
    assert got.command == "revise" and got.is_pull_request
    assert (got.pr_number, got.issue_number, got.thread_number) == (2, None, 2)
    assert got.extra == "round half up, not half even;\nthe tests in tests/test_totals.py show why"
    assert got.comment_kind == "issue_comment" and got.comment_id == 492700500
    # The issue comment payload has no head branch: the action reads the pull request through the API.
    assert got.pr_head_ref is None and got.place == "pr"


@pytest.mark.parametrize(("stem", "command"), [("pr-retry", "retry"), ("pr-explain", "explain")])
def test_retry_and_explain_on_prs(stem: str, command: str) -> None:
    assert trigger("issue_comment", load(f"issue_comment.created.{stem}")).command == command


def test_issue_commands_on_a_pr_answer_with_help() -> None:
    payload = load("issue_comment.created.pr-retry")
    payload["comment"]["body"] = "/architect fix"
    got = trigger("issue_comment", payload)
    assert (got.command, got.note) == (
        "help",
        "`/architect fix` does not work on pull requests the bot opened",
    )


def test_review_comment_revise_has_file_line_and_issue() -> None:
    got = trigger("pull_request_review_comment", load("pull_request_review_comment.created.revise"))
    assert got.command == "revise" and got.is_pull_request
    assert (got.pr_number, got.issue_number, got.pr_head_ref) == (2, 1, "architect/issue-1")
    assert (got.review_path, got.review_line) == ("invoice/totals.py", 12)
    assert got.review_diff_hunk is not None and got.review_diff_hunk.startswith("@@ -10,3 +10,3 @@")
    assert got.comment_kind == "review_comment" and got.comment_id == 284312630
    assert got.extra == "use Decimal here, floats lose cents"
    assert got.place == "review"


def test_review_comment_on_an_outdated_line_uses_the_original_line() -> None:
    payload = load("pull_request_review_comment.created.revise")
    payload["comment"]["line"] = None
    payload["comment"]["original_line"] = 9
    assert trigger("pull_request_review_comment", payload).review_line == 9


def test_workflow_dispatch_fixes_with_the_requested_models() -> None:
    got = trigger("workflow_dispatch", load("workflow_dispatch"))
    assert (got.command, got.issue_number, got.actor) == ("fix", 1, "octocat")
    assert got.architect_model == "deepseek/deepseek-reasoner"
    assert got.editor_model == "anthropic/claude-sonnet-4-5"


def test_workflow_dispatch_blank_models_mean_configured_ones() -> None:
    payload = load("workflow_dispatch")
    payload["inputs"] = {"issue-number": "#7", "architect-model": "  ", "editor-model": ""}
    got = trigger("workflow_dispatch", payload)
    assert (got.issue_number, got.architect_model, got.editor_model) == (7, None, None)


def test_comments_never_choose_models() -> None:
    payload = load("issue_comment.created.fix")
    payload["comment"]["body"] = "/architect fix\narchitect-model: evil/model"
    got = trigger("issue_comment", payload)
    assert got.architect_model is None and "evil/model" in got.extra


def test_custom_label_and_prefix() -> None:
    settings = RunOptions(trigger_label="bot-fix", command_prefix="@fixer")
    payload = load("issues.labeled")
    payload["label"]["name"] = "bot-fix"
    assert trigger("issues", payload, settings).command == "fix"
    comment = load("issue_comment.created.go")
    comment["comment"]["body"] = "@Fixer plan"
    assert trigger("issue_comment", comment, settings).command == "plan"
    assert "no line starting with '@fixer'" in ignored(
        "issue_comment", load("issue_comment.created.go"), settings
    )


# --- ignored --------------------------------------------------------------------------------------


def test_other_labels() -> None:
    payload = load("issues.labeled")
    payload["label"]["name"] = "bug"
    assert ignored("issues", payload) == "label 'bug' is not the trigger label 'architect'"


def test_other_issue_actions() -> None:
    payload = load("issues.labeled")
    payload["action"] = "unlabeled"
    assert "issues.unlabeled: only adding the label 'architect'" in ignored("issues", payload)


def test_label_added_by_the_bot_itself() -> None:
    payload = load("issues.labeled")
    payload["sender"]["login"] = "github-actions[bot]"
    assert ignored("issues", payload) == "the label was added by the bot itself"


def test_closed_issue_label_and_comment() -> None:
    labeled = load("issues.labeled")
    labeled["issue"]["state"] = "closed"
    assert ignored("issues", labeled) == "issue #1 is closed"
    comment = load("issue_comment.created.fix")
    comment["issue"]["state"] = "closed"
    assert ignored("issue_comment", comment) == "issue #1 is closed"
    on_pr = load("issue_comment.created.pr-revise")
    on_pr["issue"]["state"] = "closed"
    assert ignored("issue_comment", on_pr) == "pull request #2 is closed"
    review = load("pull_request_review_comment.created.revise")
    review["pull_request"]["state"] = "closed"
    assert ignored("pull_request_review_comment", review) == "pull request #2 is closed"


def test_comment_without_the_prefix() -> None:
    reason = ignored("issue_comment", load("issue_comment.created.no-command"))
    assert reason == "the comment has no line starting with '/architect'"


def test_our_own_comment_never_triggers() -> None:
    reason = ignored("issue_comment", load("issue_comment.created.by-bot"))
    assert reason == "the comment is by the bot account github-actions[bot]; bots never trigger runs"


@pytest.mark.parametrize(("login", "user_type"), [("dependabot[bot]", "Bot"), ("renovate-app", "Bot")])
def test_other_bots_never_trigger(login: str, user_type: str) -> None:
    payload = load("issue_comment.created.fix")
    payload["comment"]["user"].update(login=login, type=user_type)
    assert "bots never trigger runs" in ignored("issue_comment", payload)


def test_a_custom_bot_login_is_recognised() -> None:
    settings = RunOptions(bot_login="architect-pat-user")
    payload = load("issue_comment.created.fix")
    payload["comment"]["user"]["login"] = "Architect-PAT-User"
    assert "bots never trigger runs" in ignored("issue_comment", payload, settings)


@pytest.mark.parametrize("stem", ["issue_comment.edited", "issue_comment.deleted"])
def test_edited_and_deleted_comments(stem: str) -> None:
    action = stem.rsplit(".", 1)[1]
    assert (
        ignored("issue_comment", load(stem))
        == f"the comment was {action}; only new comments are read as commands"
    )


def test_edited_review_comment() -> None:
    payload = load("pull_request_review_comment.created.revise")
    payload["action"] = "edited"
    assert "the comment was edited" in ignored("pull_request_review_comment", payload)


def test_review_command_on_a_pr_the_bot_did_not_open() -> None:
    reason = ignored("pull_request_review_comment", load("pull_request_review_comment.created.foreign"))
    assert reason.startswith("the pull request's branch 'changes' is not a bot branch ('architect/…')")


def test_fork_pr_with_a_bot_like_branch_name() -> None:
    payload = load("pull_request_review_comment.created.revise")
    payload["pull_request"]["head"]["repo"]["full_name"] = "mallory/invoice"
    reason = ignored("pull_request_review_comment", payload)
    assert reason == "the pull request comes from the fork mallory/invoice; the bot only works on its own PRs"


def test_schedule_belongs_to_the_benchmark() -> None:
    assert "benchmark workflow" in ignored("schedule", {"schedule": "17 3 * * 1"})


@pytest.mark.parametrize("name", ["push", "pull_request", "issues_comment", ""])
def test_unknown_events(name: str) -> None:
    assert f"event '{name}' does not trigger architect-bot" in ignored(name, load("issues.labeled"))


def test_dispatch_without_an_issue_number() -> None:
    payload = load("workflow_dispatch")
    payload["inputs"] = {}
    assert (
        ignored("workflow_dispatch", payload)
        == "workflow_dispatch without the input 'issue-number': nothing to fix"
    )
    payload["inputs"] = None
    assert "without the input 'issue-number'" in ignored("workflow_dispatch", payload)


@pytest.mark.parametrize("value", ["abc", "0", "-3", True, "1.5"])
def test_dispatch_with_a_bad_issue_number(value: Any) -> None:
    payload = load("workflow_dispatch")
    payload["inputs"]["issue-number"] = value
    assert "is not an issue number" in ignored("workflow_dispatch", payload)


@pytest.mark.parametrize(
    ("event", "mutate", "reason"),
    [
        ("issues", lambda p: p.pop("issue"), "malformed issues payload: missing 'issue.number'"),
        ("issues", lambda p: p["issue"].update(number="1"), "'issue.number' should be int, found str"),
        ("issues", lambda p: p["issue"].update(number=True), "'issue.number' should be int, found bool"),
        ("issue_comment", lambda p: p["comment"].update(body=None), "'comment.body' should be str"),
        ("issue_comment", lambda p: p.pop("action"), "missing 'action'"),
        (
            "pull_request_review_comment",
            lambda p: p["pull_request"].pop("head"),
            "missing 'pull_request.head.ref'",
        ),
        ("workflow_dispatch", lambda p: p.pop("sender"), "missing 'sender.login'"),
    ],
)
def test_malformed_payloads_are_ignored_with_the_key(event: str, mutate: Any, reason: str) -> None:
    stem = {
        "issues": "issues.labeled",
        "issue_comment": "issue_comment.created.fix",
        "pull_request_review_comment": "pull_request_review_comment.created.revise",
        "workflow_dispatch": "workflow_dispatch",
    }[event]
    payload = load(stem)
    mutate(payload)
    assert reason in ignored(event, payload)


def test_comment_by_a_deleted_account() -> None:
    payload = load("issue_comment.created.fix")
    payload["comment"]["user"] = None
    assert ignored("issue_comment", payload) == "the comment's author is unknown (deleted account)"


@pytest.mark.parametrize("payload", [[], "text", None, 3])
def test_payload_that_is_not_an_object(payload: Any) -> None:
    assert ignored("issues", payload) == "malformed issues payload: not a JSON object"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize("path", event_files(), ids=lambda p: p.stem)
def test_no_missing_or_nulled_key_makes_route_raise(path: Any) -> None:
    """Removes, then nulls, every key of a real payload in turn: route answers, never raises."""
    stem = path.stem
    original = load(stem)
    for key_path in _paths(original):
        for how in ("remove", "null"):
            payload = load(stem)
            parent = payload
            for key in key_path[:-1]:
                parent = parent[key]
            if how == "remove":
                del parent[key_path[-1]]
            else:
                parent[key_path[-1]] = None
            assert isinstance(route(event_name(stem), payload, SETTINGS), Trigger | Ignored)


# --- assignment -----------------------------------------------------------------------------------
BOT_USER = RunOptions(bot_login="invoice-architect")


def test_assigning_the_issue_to_the_bots_login_fixes_it_with_the_assigner_as_actor() -> None:
    got = trigger("issues", load("issues.assigned.to-bot"), BOT_USER)
    assert got == Trigger(command="fix", event_name="issues", actor="Codertocat", issue_number=1)
    # a login of its own (the input `assignee`) works without bot-login
    assert trigger(
        "issues", load("issues.assigned.to-bot"), RunOptions(assignee="Invoice-Architect")
    ).actor == ("Codertocat")
    # the outsider is the actor: the permission gate refuses them later, as for a label
    assert trigger("issues", load("issues.assigned.by-outsider"), BOT_USER).actor == "outsider-dev"


def test_other_assignments_start_nothing() -> None:
    assert "assigned to outsider-dev, not to invoice-architect" in ignored(
        "issues", load("issues.assigned.to-other"), BOT_USER
    )
    # without bot-login or assignee the workflow's token is an App, which cannot be assigned
    assert "not to a login set to start runs" in ignored("issues", load("issues.assigned.to-bot"))
    by_itself = load("issues.assigned.to-bot")
    by_itself["sender"]["login"] = "invoice-architect"
    assert ignored("issues", by_itself, BOT_USER) == "the issue was assigned by the bot itself"
    closed = load("issues.assigned.to-bot")
    closed["issue"]["state"] = "closed"
    assert ignored("issues", closed, BOT_USER) == "issue #1 is closed"
