"""The model catalog: per-model quirks, windows and prices, validated once with pydantic.

``bot/catalog.yml`` ships the presets; a repository config may add or override entries through
``load_catalog(extra={...})``. Unknown names fall back to rules guessed from the name, with a warning.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.edits.types import EditFormatName
from bot.errors import ConfigError
from bot.models.providers import PROVIDERS

log = logging.getLogger(__name__)

ReasoningStyle = Literal[
    "none", "anthropic-thinking", "anthropic-adaptive", "reasoning-content", "think-tags", "openai-effort"
]
# OpenAI's reasoning_effort values, least to most thinking ("none" is only ever named by a model's list)
OpenAIEffort = Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"]


class ModelSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = ""  # full name, e.g. "deepseek/deepseek-reasoner"
    provider: str
    api_model: str = ""  # the id sent to the API; default: the name after the provider prefix
    context_window: int = Field(gt=0)
    max_output_tokens: int = Field(gt=0)
    input_price: float | None = Field(default=None, ge=0)  # USD per million tokens
    cached_input_price: float | None = Field(default=None, ge=0)
    output_price: float | None = Field(default=None, ge=0)
    reasoning: ReasoningStyle = "none"
    # the reasoning_effort values the model accepts; another level is sent as the nearest accepted one
    # (bot.models.openai_model). openai-effort models default to the o-series' low, medium, high; a
    # model of another style gets reasoning_effort only when its entry lists efforts (DeepSeek V4)
    efforts: tuple[OpenAIEffort, ...] | None = Field(default=None, min_length=1)
    use_temperature: bool = True
    temperature: float | None = None
    top_p: float | None = None
    streaming: bool = True
    use_system_prompt: bool = True
    system_prompt_prefix: str = ""
    merge_roles: bool = False  # the API rejects two consecutive messages of one role
    editor_model: str | None = None
    edit_format: EditFormatName | None = None  # the format the model edits best in
    known: bool = True  # False: guessed by the fallback rules
    # the day the provider stops serving the model (past: retired); see bot.models.lifecycle
    retires: date | None = None
    replacement: str | None = None  # the catalog name to use instead once it retires
    # the provider's stated training-data cutoff (YYYY-MM): a benchmark case older than this may be
    # in the model's training data (docs/own-benchmark.md, contamination)
    training_cutoff: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")

    def with_window(self, tokens: int) -> ModelSpec:
        """The spec for a server that runs the model with a ``tokens`` window: the output budget
        stays within half of it (a guessed reasoning model gets room to think first)."""
        output = THINKER_OUTPUT if not self.known and self.reasoning != "none" else self.max_output_tokens
        return self.model_copy(
            update={"context_window": tokens, "max_output_tokens": min(output, tokens // 2)}
        )

    def cost_usd(self, input_tokens: int, cached_input_tokens: int, output_tokens: int) -> float | None:
        """USD for one call; None when a needed price is unknown (never a made-up number)."""
        if self.input_price is None or self.output_price is None:
            return None
        cached_price = self.cached_input_price if self.cached_input_price is not None else self.input_price
        fresh = max(0, input_tokens - cached_input_tokens)
        total = (
            fresh * self.input_price + cached_input_tokens * cached_price + output_tokens * self.output_price
        )
        return round(total / 1_000_000, 6)


class Catalog:
    def __init__(self, specs: dict[str, ModelSpec]) -> None:
        self.specs = specs

    def names(self) -> list[str]:
        return sorted(self.specs)

    def edit_format(self, name: str) -> EditFormatName:
        """The format a model edits in: its entry's ``edit_format``, else diff (also for unknown models)."""
        spec = self.specs.get(name)
        return spec.edit_format if spec is not None and spec.edit_format else "diff"

    def get(self, name: str) -> ModelSpec:
        if name in self.specs:
            return self.specs[name]
        spec = guess_spec(name)
        log.warning(
            "model %s is not in the catalog: guessed %s reasoning, a %d-token window and unknown prices; "
            "add it under `models:` in the config to be exact",
            name,
            spec.reasoning,
            spec.context_window,
        )
        return spec


def split_name(name: str) -> tuple[str, str]:
    provider, sep, rest = name.partition("/")
    if not sep or not rest:
        raise ConfigError(f"model name {name!r} needs a provider prefix, e.g. openai/o3 or ollama/qwq")
    if provider not in PROVIDERS and provider != "replay":
        known = ", ".join([*PROVIDERS, "replay"])
        raise ConfigError(f"model {name!r}: unknown provider {provider!r}; use one of {known}")
    return provider, rest


_THINKERS = re.compile(r"(^|[^a-z])(r1|qwq|reasoner|think|thinking)([^a-z]|$)")
_O_SERIES = re.compile(r"^o\d")
_CLAUDE_VERSION = re.compile(r"^claude-[a-z]+-(\d+)(?:-(\d)(?!\d))?")


def _claude_version(model: str) -> tuple[int, int]:
    """(major, minor) of ids like claude-sonnet-5-5 or claude-opus-4-1-20250805; (0, 0) when not one."""
    found = _CLAUDE_VERSION.match(model)
    if not found:
        return (0, 0)
    return (int(found.group(1)), int(found.group(2) or 0))


# A reasoning model spends output tokens thinking before it answers: a guessed one gets this much
# (within a quarter of its window, the rest is for the prompt) rather than an editor's budget.
THINKER_OUTPUT = 32_768


def guess_spec(name: str) -> ModelSpec:
    """Sensible rules for a model the catalog does not know."""
    provider, model = split_name(name)
    lower = model.lower()
    reasoning: ReasoningStyle = "none"
    use_temperature, merge = True, False
    if provider == "anthropic":
        window, out = 200_000, 32_000
        reasoning = (
            "anthropic-thinking" if "claude" in lower and not lower.startswith("claude-3-5") else "none"
        )
        if _claude_version(lower) >= (4, 6):
            reasoning = "anthropic-adaptive"  # 4.6 deprecated budget_tokens, 4.7 and later refuse it
    elif provider == "openai":
        window, out = 128_000, 16_384
        if _O_SERIES.match(lower):
            reasoning, use_temperature, window, out = "openai-effort", False, 200_000, 100_000
    else:
        window, out = (128_000, 16_384) if provider in ("openrouter", "deepseek") else (32_768, 8_192)
        if _THINKERS.search(lower):
            reasoning = "reasoning-content" if provider in ("deepseek", "openrouter") else "think-tags"
            merge = "r1" in lower or "reasoner" in lower
            out = min(THINKER_OUTPUT, window // 4)  # it thinks before it answers, in the same budget
    free = provider in ("ollama", "vllm", "llamacpp")
    return ModelSpec(
        name=name,
        provider=provider,
        api_model=model,
        context_window=window,
        max_output_tokens=out,
        input_price=0.0 if free else None,
        output_price=0.0 if free else None,
        reasoning=reasoning,
        use_temperature=use_temperature,
        merge_roles=merge,
        known=False,
    )


@cache
def _shipped() -> dict[str, object]:
    text = resources.files("bot").joinpath("catalog.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    models = data.get("models", {})
    if not isinstance(models, dict):
        raise ConfigError("bot/catalog.yml: `models` must be a mapping of name -> settings")
    return models


def load_catalog(extra: dict[str, object] | None = None) -> Catalog:
    """The shipped presets, updated by ``extra`` (name -> fields; a field absent keeps the preset)."""
    raw: dict[str, dict[str, object]] = {k: dict(v) for k, v in _shipped().items()}  # type: ignore[call-overload]
    for name, fields in (extra or {}).items():
        if not isinstance(fields, dict):
            raise ConfigError(f"catalog entry {name!r} must be a mapping of settings")
        raw[name] = {**raw.get(name, {}), **fields}
    specs: dict[str, ModelSpec] = {}
    for name, fields in raw.items():
        provider, model = split_name(name)
        fields.setdefault("provider", provider)
        fields.setdefault("api_model", model)
        try:
            specs[name] = ModelSpec(name=name, **fields)  # type: ignore[arg-type]
        except ValidationError as err:
            raise ConfigError(f"catalog entry {name!r} is invalid: {err}; fix it in the config") from err
    return Catalog(specs)
