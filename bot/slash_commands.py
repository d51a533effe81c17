"""The `/architect` commands, one row each: where it may be posted, the handler method that runs it,
and its help line.

Routing (``bot.events``) reads where a command applies, ``bot.action.handler.Handler`` calls the
method named here, and the `help` reply and the command table of docs/action.md are written from
these rows (a test checks the docs). A new command is a row here, its handler method and a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# issue: a comment on an issue; pr: a comment in the conversation of the bot's pull request;
# review: a review comment on a line of the bot's pull request.
Place = Literal["issue", "pr", "review"]

ON_ISSUES: frozenset[Place] = frozenset({"issue"})
ON_BOT_PRS: frozenset[Place] = frozenset({"pr", "review"})
ANYWHERE: frozenset[Place] = ON_ISSUES | ON_BOT_PRS

# How a note names the place a command was posted in when it does not apply there.
PLACE_NAMES: dict[Place, str] = {
    "issue": "issues",
    "pr": "pull requests the bot opened",
    "review": "review comments",
}
# How the help and the docs name it.
WHERE: dict[Place, str] = {
    "issue": "issue",
    "pr": "the bot's PR",
    "review": "a review comment on the bot's PR",
}


@dataclass(frozen=True)
class SlashCommand:
    name: str
    places: frozenset[Place]
    method: str  # the bot.action.handler.Handler method that runs it
    calls_models: bool  # runs on the issue: state checks, reactions, the daily budget, a status comment
    usage: str  # what may follow the name
    does: str  # the help line


COMMANDS: tuple[SlashCommand, ...] = (
    SlashCommand(
        "fix", ON_ISSUES, "_fix", True, "[instructions]",
        "plan, edit, test and open a pull request, following your instructions",
    ),
    SlashCommand(
        "plan", ON_ISSUES, "_plan", True, "[instructions]",
        "the architect's plan is posted as a comment, no edits; edit it, then `go`",
    ),
    SlashCommand("go", ON_ISSUES, "_go", True, "", "the editor runs on the plan comment, edited or not"),
    SlashCommand(
        "revise", ON_BOT_PRS, "_revise", True, "<feedback>",
        "a new commit on the pull request; a review comment also gives its file and line",
    ),
    SlashCommand(
        "retry", ON_BOT_PRS, "_retry", True, "[instructions]",
        "the issue is fixed again from the start, on the same branch and pull request",
    ),
    SlashCommand(
        "explain", ON_BOT_PRS, "_explain", False, "",
        "the pull request's description (plan, test results, figures) is posted again",
    ),
    SlashCommand("help", ANYWHERE, "_help", False, "", "this list (also for an unknown word)"),
)  # fmt: skip

BY_NAME: dict[str, SlashCommand] = {command.name: command for command in COMMANDS}


def lookup(name: str) -> SlashCommand | None:
    return BY_NAME.get(name)


def _where(places: frozenset[Place]) -> str:
    if places == ANYWHERE:
        return "anywhere"
    if places == ON_BOT_PRS:
        return "the bot's PR, comment or review comment"
    return " or ".join(WHERE[place] for place in sorted(places))


def _written(command: SlashCommand, prefix: str) -> str:
    return f"`{prefix} {command.name}{' ' + command.usage if command.usage else ''}`"


def help_lines(prefix: str) -> str:
    """The `help` reply's list: one line per command."""
    return "\n".join(f"- {_written(c, prefix)} ({_where(c.places)}): {c.does}" for c in COMMANDS)


def docs_table(prefix: str, label: str) -> str:
    """The command table of docs/action.md, the trigger label first."""
    rows = [
        "| where | what you write | what happens |",
        "| --- | --- | --- |",
        f"| issue | add the label `{label}` | fix the issue: plan, edit, test, open a PR |",
    ]
    rows += [f"| {_where(c.places)} | {_written(c, prefix)} | {c.does} |" for c in COMMANDS]
    return "\n".join(rows)
