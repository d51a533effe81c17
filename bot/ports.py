"""The ports of architect-bot: each outside world behind one small Protocol.

Adapters fit without inheriting; tests pass real local servers through them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from bot.models.types import CallSettings, Completion, Message
from bot.sandbox.types import PreparedSetup, RunRequest, SetupKey, TestRun

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


@runtime_checkable
class SetupSandbox(Sandbox, Protocol):
    """A sandbox that can keep the state a setup command left, for the runs that follow to reuse.
    Sandboxes without it run the setup inside every run."""

    def setup_key(self, request: RunRequest) -> SetupKey: ...

    def prepare(self, request: RunRequest) -> PreparedSetup: ...

    def release(self, prepared: PreparedSetup) -> None: ...
