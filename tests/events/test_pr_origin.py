"""Which pull requests are the bot's: its branch prefix, in the base repository (never a fork)."""

from __future__ import annotations

import copy

from bot.events import Ignored, foreign_pr_reason, issue_from_branch, route
from bot.run_options import RunOptions
from bot.task import Issue, branch_name
from tests.events.helpers import event_files, event_name, load

SETTINGS = RunOptions()


def test_issue_number_from_the_bot_branch() -> None:
    assert issue_from_branch("architect/issue-12") == 12
    assert issue_from_branch("architect/issue-12-retry") is None
    assert issue_from_branch("architect/readme") is None
    assert issue_from_branch("feature/issue-3") is None


def test_foreign_pr_reason() -> None:
    assert foreign_pr_reason("architect/issue-1", "o/r", "o/r", SETTINGS) is None
    assert foreign_pr_reason("architect/issue-1", None, None, SETTINGS) is None
    fork = foreign_pr_reason("architect/issue-1", "mallory/r", "o/r", SETTINGS)
    assert isinstance(fork, Ignored) and "fork mallory/r" in fork.reason
    other = foreign_pr_reason("main", "o/r", "o/r", SETTINGS)
    assert isinstance(other, Ignored) and "'main' is not a bot branch" in other.reason
    person = foreign_pr_reason("architect/issue-1", "o/r", "o/r", SETTINGS, author="Codertocat")
    assert isinstance(person, Ignored) and "opened by Codertocat, not by the bot" in person.reason
    for bot in ("github-actions[bot]", "my-app[bot]"):
        assert foreign_pr_reason("architect/issue-1", "o/r", "o/r", SETTINGS, author=bot) is None


def test_route_is_pure() -> None:
    for path in event_files():
        payload = load(path.stem)
        before = copy.deepcopy(payload)
        first = route(event_name(path.stem), payload, SETTINGS)
        assert route(event_name(path.stem), payload, SETTINGS) == first
        assert payload == before, f"{path.stem}: route changed its payload"


def test_ignored_prints_as_one_log_line() -> None:
    line = str(route("schedule", {}, SETTINGS))
    assert line.startswith("architect-bot: nothing to do: schedule events belong to the benchmark workflow")
    assert "\n" not in line


def test_the_actions_branch_name_is_the_one_routing_reads_back() -> None:
    # One naming rule (bot.task.branch_name): what `fix` pushes is what a command on its PR resolves.
    issue = Issue(title="Totals: wrong `round()`", body="", number=42)
    pushed = branch_name(issue, with_title=False)
    assert pushed == "architect/issue-42"
    assert issue_from_branch(pushed) == 42
    assert branch_name(issue) == "architect/issue-42-totals-wrong-round"  # the CLI's, title kept
