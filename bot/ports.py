"""The ports of architect-bot: each outside world behind one small Protocol.

Adapters fit without inheriting; tests pass real local servers through them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from bot.models.types import CallSettings, Completion, Message
from bot.sandbox.types import RunRequest, TestRun

OnDelta = Callable[[str, str], None]
"""Progress callback for streamed output: (kind, text) with kind "reasoning" or "answer"."""


class Model(Protocol):
    name: str

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion: ...


class Sandbox(Protocol):
    name: str

    def run(self, request: RunRequest) -> TestRun: ...
