"""`openai/<model>` and the OpenAI-compatible providers (OpenRouter, DeepSeek, Ollama, vLLM, llama.cpp).

Reasoning is read from whichever shape the server uses: ``reasoning_content`` (DeepSeek and
most compatible servers), ``reasoning`` (OpenRouter), or inline ``<think>`` tags in the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from bot.models.base import ApiModel
from bot.models.catalog import ModelSpec, OpenAIEffort
from bot.models.collector import Collector, TokenUsage
from bot.models.messages import prepare
from bot.models.sdk_loader import load
from bot.models.types import CallSettings, Message

# Least to most thinking. A model answers 400 to a value it does not take, so a level outside the
# model's list (catalog `efforts:`) is sent as the nearest one it takes, the lesser on a tie: the
# bot's "minimal" means "think least" (the Anthropic adapter turns thinking off for it).
EFFORT_ORDER: tuple[OpenAIEffort, ...] = ("none", "minimal", "low", "medium", "high", "xhigh", "max")
# The o-series take low, medium and high only.
O_SERIES_EFFORTS: tuple[OpenAIEffort, ...] = ("low", "medium", "high")


def effort_for(level: str, accepted: tuple[OpenAIEffort, ...] | None) -> str:
    """The reasoning_effort to send for the bot's ``level`` to a model taking ``accepted``."""
    allowed = accepted or O_SERIES_EFFORTS
    if level in allowed or level not in EFFORT_ORDER:
        return level  # an unknown level is the provider's to judge, not ours to guess
    rank = EFFORT_ORDER.index(level)
    return min(allowed, key=lambda e: (abs(EFFORT_ORDER.index(e) - rank), EFFORT_ORDER.index(e)))


def _reasoning_of(obj: Any) -> str | None:
    """The SDK keeps unknown fields: DeepSeek's ``reasoning_content``, OpenRouter's ``reasoning``."""
    # read pydantic's extras dict directly: getattr on a missing extra raises, slow on a hot path
    extra = getattr(obj, "__pydantic_extra__", None)
    if not extra:
        return None
    for field in ("reasoning_content", "reasoning"):
        value = extra.get(field)
        if isinstance(value, str) and value:
            return value
    return None


def usage_of(usage: Any) -> TokenUsage:
    details = getattr(usage, "completion_tokens_details", None)
    reasoning = getattr(details, "reasoning_tokens", None) if details is not None else None
    prompt_details = getattr(usage, "prompt_tokens_details", None)
    cached = getattr(prompt_details, "cached_tokens", None) if prompt_details is not None else None
    if cached is None:
        cached = getattr(usage, "prompt_cache_hit_tokens", None)  # DeepSeek
    return TokenUsage(
        input_tokens=usage.prompt_tokens,
        cached_input_tokens=int(cached or 0),
        output_tokens=usage.completion_tokens,
        # a server that reports 0 while it streamed reasoning simply does not count it
        reasoning_tokens=int(reasoning) if reasoning else None,
    )


class OpenAIModel(ApiModel):
    def __init__(
        self,
        name: str,
        spec: ModelSpec,
        *,
        api_key: str,
        base_url: str | None,
        key_env: str | None,
        **kw: Any,
    ) -> None:
        super().__init__(name, spec, api_key=api_key, key_env=key_env, sdk="openai", **kw)
        self._base_url = base_url

    @cached_property
    def client(self) -> Any:
        return load("openai").OpenAI(api_key=self._api_key, base_url=self._base_url, max_retries=0)

    def _prepare(self, messages: Sequence[Message]) -> list[Message]:
        return prepare(messages, self.spec)

    def request(
        self, messages: list[Message], settings: CallSettings, budget: int, stream: bool
    ) -> dict[str, Any]:
        spec = self.spec
        kwargs: dict[str, Any] = {
            "model": spec.api_model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
        }
        if spec.provider == "openai":
            kwargs["max_completion_tokens"] = budget
        else:
            kwargs["max_tokens"] = budget
        # openai-effort models, and any other model whose catalog entry lists efforts (DeepSeek V4)
        if (spec.reasoning == "openai-effort" or spec.efforts) and settings.reasoning_effort:
            kwargs["reasoning_effort"] = effort_for(settings.reasoning_effort, spec.efforts)
        if spec.use_temperature:
            temperature = settings.temperature if settings.temperature is not None else spec.temperature
            if temperature is not None:
                kwargs["temperature"] = temperature
            if spec.top_p is not None:
                kwargs["top_p"] = spec.top_p
        if stream:
            kwargs["stream"] = True
            kwargs["stream_options"] = {"include_usage": True}
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
        kwargs = self.request(messages, settings, budget, stream)
        if not stream:
            response = self.client.chat.completions.create(**kwargs, timeout=timeout)
            if response.choices:
                choice = response.choices[0]
                c.reasoning(_reasoning_of(choice.message) or "")
                c.text(choice.message.content or "")
                c.stop_reason = choice.finish_reason
            c.end_of_stream()
            if response.usage is not None:
                c.usage = usage_of(response.usage)
            c.done = True
            return
        chunks = self.client.chat.completions.create(**kwargs, timeout=timeout)
        try:
            for chunk in chunks:
                if chunk.usage is not None:
                    c.usage = usage_of(chunk.usage)
                for choice in chunk.choices:
                    delta = choice.delta
                    reasoning = _reasoning_of(delta)
                    if reasoning:
                        c.reasoning(reasoning)
                    if delta.content:
                        c.text(delta.content)
                    if choice.finish_reason:
                        c.stop_reason = choice.finish_reason
            c.end_of_stream()
            # the SDK swallows `[DONE]`; a finish_reason is what proves the answer is whole
            c.done = c.stop_reason is not None
        finally:
            chunks.close()
