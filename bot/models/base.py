"""What every API adapter shares: window check, guards, error mapping, retries and the log line."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from bot.models.calllog import log_call
from bot.models.catalog import ModelSpec
from bot.models.collector import Collector, GuardTripped
from bot.models.errors import GuardStopped, ModelAPIError
from bot.models.guards import Guards, LoopConfig
from bot.models.retry import RetryPolicy, call_with_retries
from bot.models.sdk_errors import SdkErrors, map_error
from bot.models.sdk_loader import load, preload
from bot.models.types import CallSettings, Completion, GuardKind, Message
from bot.models.window import check_window

if TYPE_CHECKING:
    from bot.ports import OnDelta

log = logging.getLogger("bot.models")

NO_STALL_LIMIT_S = 600.0


class ApiModel:
    """Base of the Anthropic and OpenAI-style adapters; subclasses implement ``_call``.

    The deadline counts from the first attempt across retries. ``on_delta`` sees each attempt's
    pieces as they arrive, so after a retried stall it sees the new attempt start over.
    """

    def __init__(
        self,
        name: str,
        spec: ModelSpec,
        *,
        api_key: str,
        key_env: str | None,
        sdk: str,
        retry: RetryPolicy | None = None,
        loop: LoopConfig | None = None,
    ) -> None:
        self.name = name
        self.spec = spec
        self._api_key = api_key
        self.key_env = key_env
        self._sdk = sdk  # the one SDK this adapter speaks through, loading in the background
        preload(sdk)
        self.retry = retry or RetryPolicy()
        self.loop = loop

    @cached_property
    def errors(self) -> SdkErrors:
        """The exception classes of this adapter's SDK (loaded by the first call at the latest)."""
        return SdkErrors.of(load(self._sdk))

    def __repr__(self) -> str:  # the key stays out of any repr
        return f"{type(self).__name__}({self.name!r})"

    def _prepare(self, messages: Sequence[Message]) -> list[Message]:
        raise NotImplementedError

    def _call(
        self,
        messages: list[Message],
        settings: CallSettings,
        budget: int,
        stream: bool,
        c: Collector,
        timeout: float,
    ) -> None:
        raise NotImplementedError

    def output_budget(self, settings: CallSettings) -> int:
        return settings.max_output_tokens or self.spec.max_output_tokens

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        prepared = self._prepare(messages)
        budget = self.output_budget(settings)
        prompt_tokens = check_window(prepared, self.spec, budget)
        stream = settings.stream if settings.stream is not None else self.spec.streaming
        started = time.monotonic()

        def attempt() -> Completion:
            guards = Guards(settings, started, self.loop, budget)
            c = Collector(self.name, self.spec, settings, on_delta, guards, prompt_tokens)
            c.guarded = stream
            remaining = guards.remaining()
            if remaining == 0:
                raise GuardStopped(
                    self.name, GuardKind.DEADLINE, c.completion(GuardKind.DEADLINE), "before sending"
                )
            limit = settings.stall_timeout_s if stream and settings.stall_timeout_s else NO_STALL_LIMIT_S
            if self.spec.reasoning == "openai-effort":
                # hidden reasoning sends no bytes while it thinks: silence is not a stall here
                limit = max(limit, NO_STALL_LIMIT_S)
            timeout = min(limit, remaining) if remaining is not None else limit
            try:
                self._call(prepared, settings, budget, stream, c, timeout)
            except GuardTripped as trip:
                raise GuardStopped(self.name, trip.guard, c.completion(trip.guard), trip.detail) from None
            except self.errors.handled as err:
                if isinstance(err, self.errors.timeouts):
                    if guards.remaining() == 0:
                        raise GuardStopped(
                            self.name,
                            GuardKind.DEADLINE,
                            c.completion(GuardKind.DEADLINE),
                            "deadline reached",
                        ) from err
                    if stream:
                        raise GuardStopped(
                            self.name,
                            GuardKind.STALL,
                            c.completion(GuardKind.STALL),
                            f"no bytes for {timeout:g} s",
                        ) from err
                mapped = map_error(err, self.name, self.key_env, [self._api_key], self.errors)
                mapped.partial = c.partial()
                raise mapped from err
            if not c.done:
                cut = ModelAPIError(self.name, "the response ended before the model finished", retryable=True)
                cut.partial = c.partial()
                raise cut
            return c.completion()

        result = call_with_retries(attempt, self.retry, self.name)
        log_call(result)
        return result
