"""The one log line per model call: tokens (reasoning vs answer), seconds (thinking vs answer), cost.

Kept apart from the adapters so that replayed models log the same way without importing any SDK.
"""

from __future__ import annotations

import logging

from bot.models.types import Completion

log = logging.getLogger("bot.models")


def log_call(c: Completion) -> None:
    cost = f"${c.cost_usd:.4f}" if c.cost_usd is not None else "cost unknown"
    log.info(
        "%s: %d input (%d cached), %d reasoning + %d answer tokens; %.1f s thinking + %.1f s answer; %s",
        c.model,
        c.input_tokens,
        c.cached_input_tokens,
        c.reasoning_tokens,
        c.answer_tokens,
        c.thinking_seconds,
        c.answer_seconds,
        cost,
    )
