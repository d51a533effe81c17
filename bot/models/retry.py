"""The one retry policy: tenacity, on errors whose ``retryable`` flag is set.

Retried: 429, 5xx, 529 / overloaded, connection resets, malformed responses and stalls.
Never retried: 400, 401, 403, 404 and guard stops other than a stall. Waits grow exponentially
with jitter, never shorter than the provider's ``retry-after``, inside a total time budget.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_before_delay
from tenacity.wait import wait_random_exponential

from bot.errors import BotError

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6
    initial_wait_s: float = 1.0
    max_wait_s: float = 60.0
    budget_s: float = 600.0  # no new attempt starts once this many seconds have passed
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)


def _retryable(err: BaseException) -> bool:
    return isinstance(err, BotError) and err.retryable


class _Wait:
    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.jitter = wait_random_exponential(multiplier=policy.initial_wait_s, max=policy.max_wait_s)

    def __call__(self, state: RetryCallState) -> float:
        wait = float(self.jitter(state))
        err = state.outcome.exception() if state.outcome else None
        retry_after = getattr(err, "retry_after_s", None)
        if isinstance(retry_after, int | float) and retry_after > wait:
            wait = float(retry_after)
        return wait


def call_with_retries(fn: Callable[[], T], policy: RetryPolicy, what: str) -> T:
    def before_sleep(state: RetryCallState) -> None:
        err = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s: attempt %d failed (%s); retrying in %.2f s", what, state.attempt_number, err, wait)

    retrying = Retrying(
        retry=retry_if_exception(_retryable),
        stop=stop_after_attempt(policy.max_attempts) | stop_before_delay(policy.budget_s),
        wait=_Wait(policy),
        sleep=policy.sleep,
        reraise=True,
        before_sleep=before_sleep,
    )
    return retrying(fn)
