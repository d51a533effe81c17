"""What one action run ends with, and the run's own deadline."""

from __future__ import annotations

from dataclasses import dataclass

from bot.forge.types import ReactionContent
from bot.outcome import Outcome


@dataclass(frozen=True)
class Result:
    status: str
    outcome: Outcome | None = None
    plan_text: str = ""
    exit_code: int = 0
    reaction: ReactionContent | None = None  # the closing reaction, when not the usual rocket/confused


class RunTimeout(BaseException):
    """The run's own deadline. Not an Exception, so no error handler on the way can swallow it;
    `finally` blocks still remove the scratch worktree and the sandbox container."""
