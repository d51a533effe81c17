"""Pre-flight: the checks that can stop a run before anything is spent, each saying why.

Every check returns a ``Skip`` (what to answer) or None (go on); the handler posts the answer.
Order, as the handler applies them: who asked (permission gate), where (a PR command on a pull
request the bot did not open, or one that names no issue), the issue's state (closed, locked), an
open bot PR for the same issue (``fix`` from a label), and the repository's cost budget for the day
(UTC).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.action import texts
from bot.action.ledger import LedgerError, parse_ledger, spent_on
from bot.action.status import STATUS_MARK
from bot.events import Trigger, actor_allowed, foreign_pr_reason, issue_of_pull
from bot.forge.base import Forge
from bot.forge.types import ForgeIssue, PullRequest, ReactionContent
from bot.run_options import RunOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skip:
    status: str  # the action's `status` output: refused, ignored, skipped
    reason: str  # the log line
    comment: str | None = None  # the answer on the thread, if any
    reaction: ReactionContent | None = None  # overrides the closing reaction, when the run had started


def check_actor(forge: Forge, trigger: Trigger, options: RunOptions, label: str) -> Skip | None:
    permission = forge.permission_of(trigger.actor)
    if actor_allowed(trigger.actor, permission, options.min_permission, options.allowed_users):
        return None
    return Skip(
        "refused",
        f"{trigger.actor} has {permission} access, {options.min_permission} needed",
        texts.refused(trigger.actor, options.min_permission, options.command_prefix, label),
    )


@dataclass(frozen=True)
class BotPull:
    """The bot's pull request a PR command is about, as the API tells it (never the payload)."""

    number: int
    branch: str
    issue_number: int | None  # the issue it fixes, when its branch or description names it
    head_sha: str = ""


def bot_pull(forge: Forge, pr_number: int, options: RunOptions) -> BotPull | Skip:
    """PR commands only act on the bot's own pull requests: opened by the bot, on a bot branch
    (`architect/…`) in this repository."""
    pr = forge.get_pull(pr_number)
    why = foreign_pr_reason(pr.branch, pr.head_repo or None, forge.repo_full_name, options, pr.author)
    if why is not None:
        return Skip("ignored", str(why))
    return BotPull(pr_number, pr.branch, issue_of_pull(pr.branch, pr.body), pr.head_sha)


def issue_of_bot_pull(forge: Forge, pull: BotPull, prefix: str) -> ForgeIssue | Skip:
    """The issue the bot's pull request fixes, read through the API; a Skip with a reply when it names
    none, or names a pull request (``Fixes #3`` may, even the pull request itself)."""
    issue = forge.get_issue(pull.issue_number) if pull.issue_number is not None else None
    if issue is not None and not issue.is_pull_request:
        return issue
    return Skip(
        "skipped",
        f"pull request #{pull.number} names no issue it fixes",
        texts.unknown_issue(pull.number, prefix),
    )


def check_issue(issue: ForgeIssue) -> Skip | None:
    if issue.state == "open" and not issue.locked:
        return None
    # a locked issue takes no comment from the bot either
    comment = None if issue.locked else texts.closed_issue(issue.state)
    return Skip("skipped", f"#{issue.number} is {'locked' if issue.locked else issue.state}", comment)


def check_existing_pr(trigger: Trigger, existing: PullRequest | None, prefix: str) -> Skip | None:
    """A label on an issue that already has an open bot PR points to it instead of making another."""
    if trigger.command != "fix" or trigger.event_name != "issues" or existing is None:
        return None
    return Skip(
        "skipped", f"pull request {existing.url} is already open", texts.existing_pr(existing.url, prefix)
    )


# -- the daily cost cap ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DayBudget:
    cap_usd: float
    spent_usd: float
    day: str  # the UTC date it is about
    minutes_left: int  # until it resets at 00:00 UTC

    @property
    def remaining_usd(self) -> float:
        return max(0.0, self.cap_usd - self.spent_usd)


def utc_midnight(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def day_budget(forge: Forge, cap_usd: float, now: datetime) -> DayBudget:
    """What the bot's runs spent in the repository today (UTC), from the ledgers of its status comments.

    A status comment that holds a run of today was edited today, so the comments updated since
    midnight are enough. Only bot accounts' comments count, as the forge finds the status comment
    itself (the token's own identity, or an App's when the token cannot tell its login): people
    cannot add spend. A ledger edited into nonsense is skipped with a warning, never a crash.
    """
    midnight = utc_midnight(now)
    day = midnight.date().isoformat()
    spent = 0.0
    for comment in forge.comments_since(midnight):
        if not comment.is_bot or f"<!-- {STATUS_MARK}" not in comment.body:
            continue
        try:
            entries = parse_ledger(comment.body)
        except LedgerError as err:
            log.warning("%s (status comment %d on #%d)", err, comment.id, comment.issue_number)
            continue
        spent += spent_on(day, entries.values())
    left = midnight + timedelta(days=1) - now.astimezone(UTC)
    log.info("spent today (%s UTC): $%.4f of $%.4f", day, spent, cap_usd)
    return DayBudget(cap_usd, round(spent, 6), day, math.ceil(left.total_seconds() / 60))


def check_day_budget(budget: DayBudget, prefix: str) -> Skip | None:
    if budget.spent_usd < budget.cap_usd:
        return None
    return Skip(
        "skipped",
        f"the daily budget is spent: ${budget.spent_usd:.4f} of ${budget.cap_usd:.4f} on {budget.day} (UTC)",
        texts.day_budget_spent(budget.spent_usd, budget.cap_usd, budget.minutes_left, prefix),
        reaction="confused",
    )


def now_utc() -> datetime:
    return datetime.now(UTC)
