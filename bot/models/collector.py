"""Collects one streamed (or whole) answer: texts, timings, guards, and the final Completion."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.models.catalog import ModelSpec
from bot.models.guards import Guards
from bot.models.thinktags import ThinkSplitter, split_think
from bot.models.types import CallSettings, Completion, GuardKind
from bot.tokens import estimate_tokens

if TYPE_CHECKING:
    from bot.ports import OnDelta

# Claude returns a summary of its thinking while billing all of it as output tokens.
SUMMARIZED_THINKING = frozenset({"anthropic-thinking", "anthropic-adaptive"})


class GuardTripped(Exception):
    """Internal: raised out of the stream loop so the adapter can close the stream."""

    def __init__(self, guard: GuardKind, detail: str) -> None:
        super().__init__(detail)
        self.guard = guard
        self.detail = detail


@dataclass(frozen=True)
class TokenUsage:
    """What the provider reported; None where it said nothing."""

    input_tokens: int | None = None
    cached_input_tokens: int = 0
    output_tokens: int | None = None
    reasoning_tokens: int | None = None


class Collector:
    def __init__(
        self,
        model: str,
        spec: ModelSpec,
        settings: CallSettings,
        on_delta: OnDelta | None,
        guards: Guards,
        prompt_tokens: int,
    ) -> None:
        self.model = model
        self.spec = spec
        self.on_delta = on_delta
        self.guards = guards
        self.prompt_tokens = prompt_tokens
        self.started = time.monotonic()
        self.first_token_at: float | None = None
        self.last_reasoning_at: float | None = None
        self.field_reasoning: list[str] = []
        self.content: list[str] = []  # raw content, may carry <think> tags
        self.splitter = ThinkSplitter(assume_reasoning=spec.reasoning == "think-tags")
        self.stop_reason: str | None = None
        self.usage = TokenUsage()
        self.done = False
        self.guarded = True  # False for a whole (non-streamed) answer: nothing left to stop

    # ---- feeding ----
    def reasoning(self, text: str) -> None:
        """Reasoning from a dedicated channel (thinking block, reasoning_content, reasoning)."""
        if text:
            self.splitter.content_is_answer()
            self.field_reasoning.append(text)
            self._piece("reasoning", text)

    def text(self, text: str) -> None:
        """Answer content, which may carry inline think tags."""
        if text:
            self.content.append(text)
            for kind, piece in self.splitter.feed(text):
                self._piece(kind, piece)

    def _piece(self, kind: str, text: str) -> None:
        now = time.monotonic()
        if self.first_token_at is None:
            self.first_token_at = now
        if kind == "reasoning":
            self.last_reasoning_at = now
        if self.on_delta is not None:
            self.on_delta(kind, text)
        fired = self.guards.check(kind, text, now) if self.guarded else None
        if fired is not None:
            raise GuardTripped(*fired)

    def end_of_stream(self) -> None:
        """Releases text held back as a possible partial tag."""
        for kind, piece in self.splitter.flush():
            self._piece(kind, piece)

    # ---- results ----
    def texts(self) -> tuple[str, str]:
        raw = "".join(self.content)
        if self.field_reasoning:
            inline_reasoning, answer = (
                split_think(raw)
                if "</think>" in raw or raw.lstrip().startswith("<think>")
                else ("", raw.strip())
            )
            return ("".join(self.field_reasoning) + inline_reasoning).strip(), answer
        if (
            self.spec.reasoning == "think-tags"
            and "</think>" not in raw
            and not raw.lstrip().startswith("<think>")
        ):
            return "", raw.strip()  # no tags at all: the model answered without thinking
        return split_think(raw)

    def partial(self) -> Completion | None:
        """What arrived before the stream failed, or None when nothing did."""
        return self.completion() if self.first_token_at is not None else None

    def completion(self, guard: GuardKind | None = None) -> Completion:
        end = time.monotonic()
        reasoning, answer = self.texts()
        u = self.usage
        if u.output_tokens is not None:
            if u.reasoning_tokens is not None:
                r_tokens = min(u.reasoning_tokens, u.output_tokens)
            elif reasoning and self.spec.reasoning in SUMMARIZED_THINKING:
                # the thinking text is a summary of what was billed; the answer comes whole
                r_tokens = max(0, u.output_tokens - estimate_tokens(answer))
            elif reasoning:
                share = len(reasoning) / max(1, len(reasoning) + len(answer))
                r_tokens = round(u.output_tokens * share)
            else:
                r_tokens = 0
            a_tokens = u.output_tokens - r_tokens
        else:
            r_tokens = estimate_tokens(reasoning) if reasoning else 0
            a_tokens = estimate_tokens(answer) if answer else 0
        input_tokens = u.input_tokens if u.input_tokens is not None else self.prompt_tokens
        first = self.first_token_at or end
        if reasoning and self.last_reasoning_at is not None:
            thinking = self.last_reasoning_at - first
            answer_from = self.last_reasoning_at
        elif r_tokens and not reasoning:
            thinking = first - self.started  # hidden reasoning (o-series): it happens before the first token
            answer_from = first
        else:
            thinking, answer_from = 0.0, first
        return Completion(
            model=self.model,
            answer=answer,
            reasoning=reasoning,
            reasoning_tokens=r_tokens,
            answer_tokens=a_tokens,
            input_tokens=input_tokens,
            cached_input_tokens=u.cached_input_tokens,
            thinking_seconds=round(thinking, 4),
            answer_seconds=round(max(0.0, end - answer_from), 4),
            total_seconds=round(end - self.started, 4),
            cost_usd=self.spec.cost_usd(input_tokens, u.cached_input_tokens, r_tokens + a_tokens),
            stop_reason=self.stop_reason,
            guard=guard,
        )
