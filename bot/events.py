"""Which GitHub events start a run, and which command they ask for: a pure function of the event.

``route(event_name, payload, settings)`` returns a ``Trigger`` (run this command) or an ``Ignored``
(do nothing; its reason is the one log line that says why). It never raises on a payload: missing or
mistyped keys give ``Ignored``. It does no I/O, so the permission gate (collaborator permission API)
and the pre-flight checks (locked issue, open bot PR, budget) come after it, in the action command.

Listens to:
- ``issues.labeled`` with the trigger label -> fix
- ``issue_comment.created`` -> a ``/architect`` command (``bot.slash_commands``) on an issue or,
  when ``issue.pull_request`` is set, in the conversation of a pull request
- ``pull_request_review_comment.created`` -> a command on a line of a pull request, with the file and line
- ``workflow_dispatch`` with the input ``issue-number`` (and optional model inputs) -> fix
- ``workflow_run.completed`` or ``check_suite.completed`` with a failure, on the head branch of a bot
  pull request in this repository -> the CI follow-up (``ci-fix``), which is no slash command: nobody
  types it
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from bot.errors import ConfigError
from bot.forge.types import FAILED_CONCLUSIONS, PERMISSION_ORDER
from bot.run_options import RunOptions
from bot.slash_commands import PLACE_NAMES, Place, lookup
from bot.task import BRANCH_PREFIX
from bot.untrusted import clean

Command = str  # the name of a row of bot.slash_commands.COMMANDS
CommentKind = Literal["issue_comment", "review_comment"]

# GitHub's repository roles, weakest first (the collaborator permission API answers with these).

LISTENED_EVENTS: tuple[str, ...] = (
    "issues",
    "issue_comment",
    "pull_request_review_comment",
    "workflow_dispatch",
    "workflow_run",
    "check_suite",
)
CI_FIX = "ci-fix"  # the command of a failed CI run; not in the slash-command table
# The runs whose failure the follow-up reads: the CI of a pull request or of a push to its branch.
CI_RUN_EVENTS = frozenset({"pull_request", "pull_request_target", "push"})


@dataclass(frozen=True)
class CiRun:
    """A completed CI run on a bot branch: a workflow run (GitHub Actions), or the check suite of
    another CI App (its check runs carry the output)."""

    run_id: int  # the workflow run's id, or the check suite's
    workflow_id: int  # the workflow's id, or the App's
    workflow: str  # its name, or the App's
    head_sha: str  # the commit it ran on: a run on an older commit than the PR's head is stale
    url: str
    kind: Literal["workflow_run", "check_suite"] = "workflow_run"
    # the workflow's file name (`ci.yml`): the API takes it where it takes the id
    workflow_file: str = ""

    @property
    def workflow_ref(self) -> int | str:
        return self.workflow_file or self.workflow_id


@dataclass(frozen=True)
class Trigger:
    """A run to start. Numbers: ``issue_number`` is the issue being fixed, ``pr_number`` the bot's PR."""

    command: Command
    event_name: str  # the source event: issues, issue_comment, pull_request_review_comment, ...
    actor: str  # login of whoever labelled, commented or dispatched: the permission gate checks them
    issue_number: int | None  # None on PR events whose head branch is not in the payload
    is_pull_request: bool = False
    pr_number: int | None = None
    pr_head_ref: str | None = None  # known for review comments; issue comments on PRs do not carry it
    comment_id: int | None = None
    comment_kind: CommentKind | None = None
    review_path: str | None = None  # file the review comment is on
    review_line: int | None = None  # its line (the current line, else the original one)
    review_diff_hunk: str | None = None
    extra: str = ""  # cleaned text after the command: instructions for fix, feedback for revise
    architect_model: str | None = None  # workflow_dispatch inputs only; comments never choose models
    editor_model: str | None = None
    note: str = ""  # why the command became `help` (unknown word, command not valid here)
    ci_run: CiRun | None = None  # the failed CI run, for the CI follow-up

    @property
    def thread_number(self) -> int:
        """The issue or pull request to answer on."""
        number = self.pr_number if self.is_pull_request else self.issue_number
        assert number is not None, "every trigger has a thread"
        return number

    @property
    def place(self) -> Place:
        """Where the command was posted; a label or a dispatch counts as the issue."""
        if self.comment_kind == "review_comment":
            return "review"
        return "pr" if self.is_pull_request else "issue"


@dataclass(frozen=True)
class Ignored:
    reason: str

    def __str__(self) -> str:
        return f"architect-bot: nothing to do: {self.reason}"


@dataclass(frozen=True)
class ParsedCommand:
    word: str  # the subcommand as written, lower-cased ("" when the prefix stands alone)
    extra: str


class _Malformed(Exception):
    """A key is missing or has the wrong type; becomes ``Ignored``, never escapes ``route``."""


T = TypeVar("T")


def _get(data: Any, path: str, kind: type[T]) -> T:
    value = data
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            raise _Malformed(f"missing '{path}'")
        value = value[key]
    # bool is an int to Python, never to GitHub.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Malformed(f"'{path}' should be {kind.__name__}, found {type(value).__name__}")
    return value


def _opt(data: Any, path: str, kind: type[T]) -> T | None:
    try:
        return _get(data, path, kind)
    except _Malformed:
        return None


def is_bot(login: str, settings: RunOptions, user_type: str | None = None) -> bool:
    lowered = login.casefold()
    return lowered == settings.bot_account.casefold() or lowered.endswith("[bot]") or user_type == "Bot"


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def parse_command(body: str, prefix: str) -> ParsedCommand | None:
    """Finds the first line that starts with the prefix (case-insensitive), outside code blocks.

    The body is cleaned first, so a command hidden in an HTML comment or behind zero-width
    characters does not count. Quoted lines (``> /architect fix``) do not start with the prefix.
    """
    line_start = re.compile(r"^ {0,3}" + re.escape(prefix) + r"(?=\s|$)", re.IGNORECASE)
    lines = clean(body, strip=False).splitlines()
    fence: str | None = None
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if opener:
            mark = opener.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        match = line_start.match(line)
        if match is None:
            continue
        rest = line[match.end() :].strip()
        word, _, tail = rest.partition(" ")
        following = "\n".join(lines[index + 1 :])
        extra = "\n".join(part for part in (tail.strip(), following.strip()) if part)
        return ParsedCommand(word=word.strip().rstrip(":,.;!").casefold(), extra=extra)
    return None


def _comment_command(parsed: ParsedCommand, place: Place, prefix: str) -> tuple[Command, str, str]:
    """(command, extra, note): an unknown word or a command that does not fit the place -> help."""
    if parsed.word == "":
        return "help", parsed.extra, ""
    command = lookup(parsed.word)
    if command is None:
        return "help", parsed.extra, f"unknown command `{prefix} {parsed.word}`"
    if place not in command.places:
        return "help", parsed.extra, f"`{prefix} {parsed.word}` does not work on {PLACE_NAMES[place]}"
    return command.name, parsed.extra, ""


_ISSUE_BRANCH = re.compile(r"issue-(\d+)$")
# GitHub's closing keywords, as the bot's PR body writes them ("Fixes #12").
CLOSING_REFERENCE = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):? #(\d+)\b", re.IGNORECASE)


def issue_from_branch(head_ref: str) -> int | None:
    """``architect/issue-12`` -> 12; anything else -> None."""
    if not head_ref.startswith(BRANCH_PREFIX):
        return None
    match = _ISSUE_BRANCH.search(head_ref[len(BRANCH_PREFIX) :])
    return int(match.group(1)) if match else None


def issue_of_pull(head_ref: str, body: str) -> int | None:
    """The issue a bot PR fixes: the number in its branch name, else the closing reference in its body."""
    from_branch = issue_from_branch(head_ref)
    if from_branch is not None:
        return from_branch
    match = CLOSING_REFERENCE.search(clean(body))
    return int(match.group(1)) if match else None


def foreign_pr_reason(
    head_ref: str,
    head_repo: str | None,
    base_repo: str | None,
    settings: RunOptions,
    author: str | None = None,
) -> Ignored | None:
    """Why a PR is not the bot's (it lives in a fork, its branch is not ``architect/…``, or a person
    opened it), or None.

    The action checks every PR command with this, on the pull request read through the API (an issue
    comment's payload lacks the head branch). A fork or a person can name a branch ``architect/issue-1``
    too, so the head repository must be the base one and the author a bot account.
    """
    if head_repo is not None and base_repo is not None and head_repo.casefold() != base_repo.casefold():
        return Ignored(f"the pull request comes from the fork {head_repo}; the bot only works on its own PRs")
    if not head_ref.startswith(BRANCH_PREFIX):
        return Ignored(
            f"the pull request's branch '{head_ref}' is not a bot branch ('{BRANCH_PREFIX}…'); "
            "the bot only works on its own PRs"
        )
    if author is not None and not is_bot(author, settings):
        return Ignored(
            f"the pull request was opened by {author}, not by the bot; the bot only works on its own PRs"
        )
    return None


def _route_issues(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    action = _get(payload, "action", str)
    if action == "assigned":
        return _route_assigned(payload, settings)
    if action != "labeled":
        return Ignored(f"issues.{action}: only adding the label '{settings.trigger_label}' starts a run")
    label = _get(payload, "label.name", str)
    if label.casefold() != settings.trigger_label.casefold():
        return Ignored(f"label '{label}' is not the trigger label '{settings.trigger_label}'")
    return _fix_issue(payload, (settings.bot_account,), "the label was added by the bot itself")


def _route_assigned(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    """Assigning the issue to the bot's account (or the configured login) works like the label."""
    wanted = settings.trigger_assignee
    assignee = _get(payload, "assignee.login", str)
    if wanted is None or assignee.casefold() != wanted.casefold():
        return Ignored(
            f"the issue was assigned to {assignee}, not to {wanted or 'a login set to start runs'}"
        )
    return _fix_issue(payload, (settings.bot_account, wanted), "the issue was assigned by the bot itself")


def _fix_issue(payload: Mapping[str, Any], bots: tuple[str, ...], by_itself: str) -> Trigger | Ignored:
    """A fix of the open issue for whoever sent the event, unless that is one of the bot's accounts."""
    actor = _get(payload, "sender.login", str)
    if actor.casefold() in {login.casefold() for login in bots}:
        return Ignored(by_itself)
    number = _get(payload, "issue.number", int)
    if _get(payload, "issue.state", str) == "closed":
        return Ignored(f"issue #{number} is closed")
    return Trigger(command="fix", event_name="issues", actor=actor, issue_number=number)


def _comment_author(payload: Mapping[str, Any], settings: RunOptions) -> str | Ignored:
    action = _get(payload, "action", str)
    if action != "created":
        return Ignored(f"the comment was {action}; only new comments are read as commands")
    if _opt(payload, "comment.user", dict) is None:
        return Ignored("the comment's author is unknown (deleted account)")
    login = _get(payload, "comment.user.login", str)
    if is_bot(login, settings, _opt(payload, "comment.user.type", str)):
        return Ignored(f"the comment is by the bot account {login}; bots never trigger runs")
    return login


def _commented(
    payload: Mapping[str, Any], settings: RunOptions, what: str
) -> tuple[str, ParsedCommand] | Ignored:
    """The author and the command of a comment, or why there is nothing to do."""
    author = _comment_author(payload, settings)
    if isinstance(author, Ignored):
        return author
    parsed = parse_command(_get(payload, "comment.body", str), settings.command_prefix)
    if parsed is None:
        return Ignored(f"the {what} has no line starting with '{settings.command_prefix}'")
    return author, parsed


def _route_issue_comment(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    commented = _commented(payload, settings, "comment")
    if isinstance(commented, Ignored):
        return commented
    author, parsed = commented
    number = _get(payload, "issue.number", int)
    on_pr = _opt(payload, "issue.pull_request", dict) is not None
    kind = "pull request" if on_pr else "issue"
    if _get(payload, "issue.state", str) == "closed":
        return Ignored(f"{kind} #{number} is closed")
    command, extra, note = _comment_command(parsed, "pr" if on_pr else "issue", settings.command_prefix)
    return Trigger(
        command=command,
        event_name="issue_comment",
        actor=_opt(payload, "sender.login", str) or author,
        issue_number=None if on_pr else number,
        is_pull_request=on_pr,
        pr_number=number if on_pr else None,
        comment_id=_get(payload, "comment.id", int),
        comment_kind="issue_comment",
        extra=extra,
        note=note,
    )


def _route_review_comment(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    commented = _commented(payload, settings, "review comment")
    if isinstance(commented, Ignored):
        return commented
    author, parsed = commented
    number = _get(payload, "pull_request.number", int)
    if _get(payload, "pull_request.state", str) == "closed":
        return Ignored(f"pull request #{number} is closed")
    head_ref = _get(payload, "pull_request.head.ref", str)
    foreign = foreign_pr_reason(
        head_ref,
        _opt(payload, "pull_request.head.repo.full_name", str),
        _opt(payload, "pull_request.base.repo.full_name", str),
        settings,
    )  # who opened it is checked on the pull request the API gives, as for every PR command
    if foreign is not None:
        return foreign
    command, extra, note = _comment_command(parsed, "review", settings.command_prefix)
    line = _opt(payload, "comment.line", int) or _opt(payload, "comment.original_line", int)
    return Trigger(
        command=command,
        event_name="pull_request_review_comment",
        actor=_opt(payload, "sender.login", str) or author,
        issue_number=issue_from_branch(head_ref),
        is_pull_request=True,
        pr_number=number,
        pr_head_ref=head_ref,
        comment_id=_get(payload, "comment.id", int),
        comment_kind="review_comment",
        review_path=_opt(payload, "comment.path", str),
        review_line=line,
        review_diff_hunk=_opt(payload, "comment.diff_hunk", str),
        extra=extra,
        note=note,
    )


def _route_dispatch(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    inputs = _opt(payload, "inputs", dict) or {}
    raw = inputs.get("issue-number")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Ignored("workflow_dispatch without the input 'issue-number': nothing to fix")
    text = str(raw).strip().lstrip("#")
    if isinstance(raw, bool) or not text.isdigit() or int(text) < 1:
        return Ignored(f"workflow_dispatch input 'issue-number' is not an issue number: {raw!r}")

    def model(name: str) -> str | None:
        value = inputs.get(name)
        if not isinstance(value, str) or not value.strip():
            return None
        return value.strip()

    return Trigger(
        command="fix",
        event_name="workflow_dispatch",
        actor=_get(payload, "sender.login", str),
        issue_number=int(text),
        architect_model=model("architect-model"),
        editor_model=model("editor-model"),
    )


def _route_workflow_run(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    """A failed CI run on the branch of a bot pull request starts the CI follow-up. Forks, runs of
    other branches and runs that did not fail do nothing; whether the pull request is really the
    bot's, and the run its newest, is checked on the API's answer in the action."""
    action = _get(payload, "action", str)
    if action != "completed":
        return Ignored(f"workflow_run.{action}: only completed runs are read")
    run = _get(payload, "workflow_run", dict)
    name = _get(run, "name", str)
    conclusion = _opt(run, "conclusion", str) or "none"
    if conclusion not in FAILED_CONCLUSIONS:
        return Ignored(f"workflow '{name}' ended with {conclusion}: nothing to fix")
    event = _get(run, "event", str)
    if event not in CI_RUN_EVENTS:
        return Ignored(f"workflow '{name}' ran on {event}, not on a pull request or a push")
    head_repo = _get(run, "head_repository.full_name", str)
    base_repo = _get(payload, "repository.full_name", str)
    head_ref = _get(run, "head_branch", str)
    foreign = foreign_pr_reason(head_ref, head_repo, base_repo, settings)
    if foreign is not None:
        return foreign
    pulls = [p for p in _get(run, "pull_requests", list) if isinstance(p, Mapping)]
    if not pulls:
        return Ignored(f"the run of '{name}' on {head_ref} belongs to no pull request")
    ci = CiRun(
        run_id=_get(run, "id", int),
        workflow_id=_get(run, "workflow_id", int),
        workflow=name,
        head_sha=_get(run, "head_sha", str),
        url=_opt(run, "html_url", str) or "",
        workflow_file=(_opt(run, "path", str) or "").split("@")[0].rsplit("/", 1)[-1],
    )
    actor = _opt(run, "triggering_actor.login", str) or _get(payload, "sender.login", str)
    return _ci_trigger("workflow_run", actor, head_ref, _get(pulls[0], "number", int), ci)


def _ci_trigger(event_name: str, actor: str, head_ref: str, pr_number: int, ci: CiRun) -> Trigger:
    return Trigger(
        command=CI_FIX,
        event_name=event_name,
        actor=actor,
        issue_number=issue_from_branch(head_ref),
        is_pull_request=True,
        pr_number=pr_number,
        pr_head_ref=head_ref,
        ci_run=ci,
    )


def _route_check_suite(payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    """A failed check suite of a CI App (not GitHub Actions, whose runs come as workflow_run) on the
    branch of a bot pull request starts the CI follow-up, as a failed workflow run does."""
    action = _get(payload, "action", str)
    if action != "completed":
        return Ignored(f"check_suite.{action}: only completed check suites are read")
    suite = _get(payload, "check_suite", dict)
    app = _get(suite, "app", dict)
    name = _opt(app, "name", str) or _opt(app, "slug", str) or "a CI app"
    if (_opt(app, "slug", str) or "") == "github-actions":
        return Ignored("GitHub Actions' check suites are followed up through workflow_run")
    conclusion = _opt(suite, "conclusion", str) or "none"
    if conclusion not in FAILED_CONCLUSIONS:
        return Ignored(f"the checks of {name} ended with {conclusion}: nothing to fix")
    head_ref = _opt(suite, "head_branch", str)
    if head_ref is None:
        return Ignored(f"the checks of {name} ran on no branch")
    foreign = foreign_pr_reason(head_ref, None, None, settings)
    if foreign is not None:
        return foreign
    repo_id = _get(payload, "repository.id", int)
    pulls = [p for p in _get(suite, "pull_requests", list) if isinstance(p, Mapping)]
    ours = [p for p in pulls if _opt(p, "head.repo.id", int) == repo_id]
    if not ours:
        why = "a fork's" if pulls else "no"
        return Ignored(f"the checks of {name} on {head_ref} belong to {why} pull request")
    number = _get(ours[0], "number", int)
    web = _opt(payload, "repository.html_url", str) or ""
    ci = CiRun(
        run_id=_get(suite, "id", int),
        workflow_id=_get(app, "id", int),
        workflow=name,
        head_sha=_get(suite, "head_sha", str),
        url=f"{web}/pull/{number}/checks" if web else "",
        kind="check_suite",
    )
    return _ci_trigger("check_suite", _get(payload, "sender.login", str), head_ref, number, ci)


_ROUTES = {
    "issues": _route_issues,
    "issue_comment": _route_issue_comment,
    "pull_request_review_comment": _route_review_comment,
    "workflow_dispatch": _route_dispatch,
    "workflow_run": _route_workflow_run,
    "check_suite": _route_check_suite,
}


def route(event_name: str, payload: Mapping[str, Any], settings: RunOptions) -> Trigger | Ignored:
    """The command an event asks for, or why it asks for none. Pure; never raises on bad payloads."""
    if event_name == "schedule":
        return Ignored("schedule events belong to the benchmark workflow (benchmark.yml), not to this action")
    handler = _ROUTES.get(event_name)
    if handler is None:
        return Ignored(
            f"event '{event_name}' does not trigger architect-bot "
            f"(it listens to {', '.join(LISTENED_EVENTS)})"
        )
    if not isinstance(payload, Mapping):
        return Ignored(f"malformed {event_name} payload: not a JSON object")
    try:
        return handler(payload, settings)
    except _Malformed as err:
        return Ignored(f"malformed {event_name} payload: {err}")


def permission_allows(permission: str | None, minimum: str) -> bool:
    """GitHub's order none < read < triage < write < maintain < admin; unknown or custom roles refuse."""
    floor = minimum.strip().casefold()
    if floor not in PERMISSION_ORDER:
        raise ConfigError(
            f"min-permission '{minimum}' is not one of {', '.join(PERMISSION_ORDER)}; fix the input"
        )
    level = (permission or "none").strip().casefold()
    if level not in PERMISSION_ORDER:
        return False
    return PERMISSION_ORDER.index(level) >= PERMISSION_ORDER.index(floor)


def parse_user_list(text: str | None) -> tuple[str, ...]:
    """``"alice, @bob\\ncarol"`` -> ("alice", "bob", "carol"): the ``allowed-users`` input."""
    return tuple(name.lstrip("@") for name in re.split(r"[\s,]+", text or "") if name.lstrip("@"))


def actor_allowed(
    actor: str, permission: str | None, min_permission: str, allowed_users: Iterable[str]
) -> bool:
    """The permission gate: listed in ``allowed-users``, or a repository role of at least the minimum."""
    listed = {user.lstrip("@").casefold() for user in allowed_users}
    if actor.casefold() in listed:
        return True
    return permission_allows(permission, min_permission)
