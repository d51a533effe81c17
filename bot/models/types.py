"""Values that cross the model port."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.ports import Model

Role = Literal["system", "user", "assistant"]
# How hard a model thinks, from "as little as it allows" to "as much as it can"; each adapter maps it
# onto its API (Anthropic: thinking budget or adaptive effort; OpenAI: reasoning_effort).
Effort = Literal["minimal", "low", "medium", "high", "xhigh", "max"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


class GuardKind(StrEnum):
    """Which runaway-thinking guard stopped a call."""

    REASONING_TOKENS = "reasoning_tokens"
    DEADLINE = "deadline"
    LOOP = "loop"
    STALL = "stall"
    ANSWER_TOKENS = "answer_tokens"


@dataclass(frozen=True)
class CallSettings:
    """Per-call knobs; model quirks come from the catalog, not from here."""

    max_output_tokens: int | None = None
    temperature: float | None = None
    reasoning_effort: Effort | None = None
    thinking_budget_tokens: int | None = None
    max_reasoning_tokens: int | None = None  # None: the collector's ceiling (bot.models.guards)
    max_answer_tokens: int | None = None  # None: the call's output budget, with room for estimates
    deadline_s: float | None = None
    stall_timeout_s: float | None = 120.0
    stream: bool | None = None


@dataclass(frozen=True)
class Completion:
    """One model answer, with its reasoning kept apart and its cost measured."""

    model: str
    answer: str
    reasoning: str = ""
    reasoning_tokens: int = 0
    answer_tokens: int = 0
    input_tokens: int = 0
    cached_input_tokens: int = 0
    thinking_seconds: float = 0.0
    answer_seconds: float = 0.0
    total_seconds: float = 0.0
    cost_usd: float | None = None
    stop_reason: str | None = None
    guard: GuardKind | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Models:
    """The models of one run."""

    editor: Model
    architect: Model | None = None  # None: the editor works alone
