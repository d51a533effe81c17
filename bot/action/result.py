"""What one action run ends with, and the run's own deadline."""

from __future__ import annotations

from dataclasses import dataclass

from bot.forge.types import ReactionContent
from bot.outcome import Outcome, Status

# The statuses only the action ends with (no pipeline ran, or it was cut short); with the pipeline's
# own (``Status``) they are every value of the action's ``status`` output, as action.yml lists them.
ACTION_ONLY_STATUSES: dict[str, str] = {
    "planned": "the plan was posted as a comment (`/architect plan`)",
    "help": "the command help was posted",
    "explained": "an explanation of the pull request was posted (`/architect explain`)",
    "ignored": "the event is not for the bot",
    "refused": "the person who asked may not run the bot",
    "skipped": "nothing to do: the issue is closed or locked, or a pull request is already open",
    "timed-out": "the run hit its own deadline",
    "ci-stopped": "the CI follow-up stopped without a fix (pre-existing failure, the same failure twice, "
    "the round limit, or a protected path), and said why on the pull request",
}
ACTION_STATUSES: tuple[str, ...] = (*(s.value for s in Status), *ACTION_ONLY_STATUSES)


@dataclass(frozen=True)
class Result:
    status: str  # one of ACTION_STATUSES
    outcome: Outcome | None = None
    plan_text: str = ""
    exit_code: int = 0
    reaction: ReactionContent | None = None  # the closing reaction, when not the usual rocket/confused

    def __post_init__(self) -> None:
        # an undocumented status would reach workflows that branch on the output: fail loudly
        if self.status not in ACTION_STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {', '.join(ACTION_STATUSES)}")


class RunTimeout(BaseException):
    """The run's own deadline. Not an Exception, so no error handler on the way can swallow it;
    `finally` blocks still remove the scratch worktree and the sandbox container."""
