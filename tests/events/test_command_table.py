"""The `/architect` command table: routing, the handler, `help` and the docs all follow it."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from bot.action import texts
from bot.action.handler import Handler
from bot.events import Trigger, issue_of_pull, route
from bot.run_options import RunOptions
from bot.slash_commands import ANYWHERE, COMMANDS, Place, SlashCommand, docs_table
from tests.events.helpers import ROOT, load

SETTINGS = RunOptions()


def test_docs_list_the_commands_of_the_table() -> None:
    expected = docs_table("/architect", "architect")
    docs = (ROOT / "docs" / "action.md").read_text(encoding="utf-8")
    assert expected in docs, f"docs/action.md's command table differs from bot/slash_commands.py:\n{expected}"


def test_help_names_every_command_where_it_applies() -> None:
    text = texts.help_text("@fixer", "bot-fix", "unknown command `@fixer frob`")
    assert text.startswith("unknown command `@fixer frob`\n\n")
    for command in COMMANDS:
        assert f"`@fixer {command.name}" in text
    assert "Adding the `bot-fix` label" in text


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_row_names_a_handler_method_of_its_kind(command: SlashCommand) -> None:
    method = getattr(Handler, command.method, None)
    assert callable(method), f"Handler has no method {command.method} for `{command.name}`"
    params = list(inspect.signature(method).parameters)
    # a command that calls models gets the issue's job; a reply-only one gets nothing
    assert params == (["self", "job"] if command.calls_models else ["self"]), params


def comment_event(place: Place, body: str) -> tuple[str, dict[str, Any]]:
    if place == "review":
        payload = load("pull_request_review_comment.created.revise")
        payload["comment"]["body"] = body
        return "pull_request_review_comment", payload
    payload = load("issue_comment.created.pr-revise" if place == "pr" else "issue_comment.created.fix")
    payload["comment"]["body"] = body
    return "issue_comment", payload


WHERE = {"issue": "issues", "pr": "pull requests the bot opened", "review": "review comments"}


@pytest.mark.parametrize("place", sorted(ANYWHERE))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_in_every_place(command: SlashCommand, place: Place) -> None:
    got = route(*comment_event(place, f"/architect {command.name} some words"), SETTINGS)
    assert isinstance(got, Trigger) and got.place == place
    if place in command.places:
        assert (got.command, got.note, got.extra) == (command.name, "", "some words")
    else:
        assert got.command == "help"
        assert got.note == f"`/architect {command.name}` does not work on {WHERE[place]}"


def test_the_issue_of_a_bot_pr() -> None:
    assert issue_of_pull("architect/issue-7", "Fixes #9") == 7  # the branch cannot be edited
    assert issue_of_pull("architect/issue-7-round-totals", "text\n\nFixes #7") == 7
    assert issue_of_pull("architect/readme", "Closes: #12") == 12
    assert issue_of_pull("architect/readme", "see #12 <!-- Fixes #13 -->") is None
    assert issue_of_pull("architect/readme", "no reference") is None
