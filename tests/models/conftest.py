"""Helpers for model tests: adapters pointed at the scripted server, with instant retries."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

import pytest

from bot.models import LoopConfig, RetryPolicy, make_model
from tests.servers.llm import LLMServer

if TYPE_CHECKING:
    from bot.ports import Model

KEY = "sk-test-SECRETKEY-0123456789abcdef"
# The adapter tests exercise each preset's wire quirks, retired ones included (deepseek-reasoner,
# o3-mini...), as on a day they were all served; retirement itself is tested in test_lifecycle.py.
SERVED = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _restore_bot_logger() -> Iterator[None]:
    """The CLI's set-up stops `bot` logs propagating; put it back so caplog sees them."""
    logger = logging.getLogger("bot")
    saved = (logger.handlers[:], logger.propagate, logger.level)
    yield
    logger.handlers[:], logger.propagate, logger.level = saved[0], saved[1], saved[2]


class SleepLog:
    """Stands in for time.sleep inside the retry policy: records the waits, does not wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepLog:
    return SleepLog()


@pytest.fixture
def fast_retry(sleeps: SleepLog) -> RetryPolicy:
    return RetryPolicy(max_attempts=3, initial_wait_s=0.01, max_wait_s=0.05, budget_s=30, sleep=sleeps)


MakeModel = Callable[..., "Model"]


@pytest.fixture
def model_for(llm_server: LLMServer, fast_retry: RetryPolicy) -> MakeModel:
    """model_for("ollama/qwq") -> an adapter talking to the scripted server through its real SDK."""

    def build(name: str, *, retry: RetryPolicy | None = None, loop: LoopConfig | None = None) -> Model:
        base = llm_server.base_url if name.startswith("anthropic/") else llm_server.openai_base_url
        return make_model(
            name, base_url=base, api_key=KEY, retry=retry or fast_retry, loop=loop, today=SERVED
        )

    return build
