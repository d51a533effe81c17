"""`anthropic/<model>`: the Messages API, with thinking streamed apart from the answer.

Two thinking styles (the catalog's ``reasoning``):

- ``anthropic-thinking`` (Claude 4.5 and older): ``thinking: {type: enabled, budget_tokens: N}``, and
  sampling knobs only when not thinking.
- ``anthropic-adaptive`` (Claude 5 and 5.5): ``thinking: {type: adaptive, display: summarized}`` plus
  ``output_config: {effort}``. These models answer 400 to ``type: enabled``/``budget_tokens`` and to
  non-default temperature/top_p/top_k, so none is sent; and they return empty thinking text unless
  ``display`` asks for the summary (default "omitted"), which the guards and timings need.
  Sources: platform.claude.com/docs/en/models/sonnet-5/overview and opus-5-5/whats-new-opus-5-5,
  build-with-claude/effort; field names as typed by the anthropic SDK (ThinkingConfigAdaptiveParam,
  OutputConfigParam).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from bot.models.base import ApiModel
from bot.models.catalog import ModelSpec
from bot.models.collector import Collector, TokenUsage
from bot.models.messages import prepare
from bot.models.sdk_loader import load
from bot.models.types import CallSettings, Message

log = logging.getLogger(__name__)

# thinking budgets of manual extended thinking per effort; "minimal" (not listed) means no thinking
EFFORT_BUDGETS = {"low": 4_000, "medium": 16_000, "high": 32_000, "xhigh": 48_000, "max": 64_000}
MIN_THINKING = 1024  # the API's floor for budget_tokens
# output_config.effort values (anthropic.types.OutputConfigParam); "high" is the API default
EFFORTS = ("low", "medium", "high", "xhigh", "max")
ADAPTIVE_THINKING = {"type": "adaptive", "display": "summarized"}  # "omitted" would hide the text


def adaptive_effort(settings: CallSettings) -> str | None:
    """The effort level for an adaptive model: the asked effort, else the thinking budget translated
    through ``EFFORT_BUDGETS`` (the smallest level whose budget covers it; above them all: "max").
    None: leave it to the model's default."""
    if settings.reasoning_effort in EFFORTS:
        return settings.reasoning_effort
    if settings.reasoning_effort == "minimal":  # "think least": these models take no lower level
        return "low"
    if settings.reasoning_effort:
        log.warning(
            "reasoning effort %r is not one of %s: left to the model", settings.reasoning_effort, EFFORTS
        )
    budget = settings.thinking_budget_tokens
    if not budget:
        return None
    for level, tokens in EFFORT_BUDGETS.items():
        if budget <= tokens:
            return level
    return "max"


class AnthropicModel(ApiModel):
    def __init__(self, name: str, spec: ModelSpec, *, api_key: str, base_url: str | None, **kw: Any) -> None:
        super().__init__(name, spec, api_key=api_key, key_env="ANTHROPIC_API_KEY", sdk="anthropic", **kw)
        self._base_url = base_url

    @cached_property
    def client(self) -> Any:
        return load("anthropic").Anthropic(api_key=self._api_key, base_url=self._base_url, max_retries=0)

    def _prepare(self, messages: Sequence[Message]) -> list[Message]:
        return prepare(messages, self.spec, always_merge=True)  # the API wants strict alternation

    def thinking_budget(self, settings: CallSettings, budget: int) -> int | None:
        if self.spec.reasoning != "anthropic-thinking":
            return None
        wanted = settings.thinking_budget_tokens or EFFORT_BUDGETS.get(settings.reasoning_effort or "", 0)
        if not wanted or budget <= 2 * MIN_THINKING:
            return None
        return max(MIN_THINKING, min(wanted, budget - MIN_THINKING))  # leave room for the answer

    def request(self, messages: list[Message], settings: CallSettings, budget: int) -> dict[str, Any]:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        kwargs: dict[str, Any] = {
            "model": self.spec.api_model,
            "max_tokens": budget,
            "messages": [{"role": m.role, "content": m.content} for m in messages if m.role != "system"],
        }
        if system:
            kwargs["system"] = system
        if self.spec.reasoning == "anthropic-adaptive":
            kwargs["thinking"] = dict(ADAPTIVE_THINKING)
            effort = adaptive_effort(settings)
            if effort:
                kwargs["output_config"] = {"effort": effort}
            return kwargs  # never budget_tokens, temperature or top_p: these models answer 400
        thinking = self.thinking_budget(settings, budget)
        if thinking:
            kwargs["thinking"] = {"type": "enabled", "budget_tokens": thinking}
        elif self.spec.use_temperature:  # the API refuses sampling knobs while thinking
            # this SDK generation dropped the sampling arguments; the API still takes them
            sampling: dict[str, float] = {}
            temperature = settings.temperature if settings.temperature is not None else self.spec.temperature
            if temperature is not None:
                sampling["temperature"] = temperature
            if self.spec.top_p is not None:
                sampling["top_p"] = self.spec.top_p
            if sampling:
                kwargs["extra_body"] = sampling
        return kwargs

    def _call(
        self,
        messages: list[Message],
        settings: CallSettings,
        budget: int,
        stream: bool,
        c: Collector,
        timeout: float,
    ) -> None:
        kwargs = self.request(messages, settings, budget)
        if not stream:
            msg = self.client.messages.create(**kwargs, timeout=timeout)
            for block in msg.content:
                if block.type == "thinking":
                    c.reasoning(block.thinking)
                elif block.type == "text":
                    c.text(block.text)
            c.end_of_stream()
            c.usage = TokenUsage(
                msg.usage.input_tokens, msg.usage.cache_read_input_tokens or 0, msg.usage.output_tokens
            )
            c.stop_reason, c.done = msg.stop_reason, True
            return
        events = self.client.messages.create(**kwargs, stream=True, timeout=timeout)
        try:
            input_tokens, cached = 0, 0
            for event in events:
                if event.type == "content_block_delta":
                    delta = event.delta
                    if delta.type == "thinking_delta":
                        c.reasoning(delta.thinking)
                    elif delta.type == "text_delta":
                        c.text(delta.text)
                    # signature deltas only matter when thinking is sent back; we never do
                elif event.type == "message_start":
                    usage = event.message.usage
                    input_tokens, cached = usage.input_tokens, usage.cache_read_input_tokens or 0
                elif event.type == "message_delta":
                    c.stop_reason = event.delta.stop_reason
                    c.usage = TokenUsage(input_tokens, cached, event.usage.output_tokens)
                elif event.type == "message_stop":
                    c.end_of_stream()
                    c.done = True
        finally:
            events.close()
