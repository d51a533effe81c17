"""Settings: defaults < `.github/architect-bot.yml` < CLI flags / action inputs, validated once here."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import ConfigError
from bot.models.types import CallSettings

CONFIG_PATH = ".github/architect-bot.yml"
# How hard a model thinks, from "as little as it allows" to "as much as it can"; each adapter maps it
# onto its API (Anthropic: thinking budget or adaptive effort; OpenAI: reasoning_effort).
Effort = Literal["minimal", "low", "medium", "high", "xhigh", "max"]
DEFAULT_EDITOR = "anthropic/claude-sonnet-5-5"  # a current model: see `retires` in bot/catalog.yml


class Settings(BaseModel):
    """Everything a run can be told. Unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # None: the editor works alone
    architect: str | None = Field(default=None, description="reasoning model that plans")
    editor: str = DEFAULT_EDITOR
    edit_format: Literal["diff", "whole", "udiff"] = "diff"
    base_url: str | None = None
    test_command: str | None = None
    setup_command: str | None = None
    image: str | None = None
    sandbox: Literal["docker", "local", "auto"] = "auto"
    tries: int = Field(default=2, ge=1, le=5)
    reflections: int = Field(default=3, ge=0, le=10)
    retry_with: Literal["editor", "architect"] = "editor"
    test_timeout_s: float = Field(default=600, gt=0)
    protected_paths: tuple[str, ...] = (".github/workflows/**",)
    allow_protected: bool = False
    # Whose comments on the issue reach a model: people with write access (or more), or anyone.
    # The issue's own text always does; a stranger's comment is a way to talk to the model otherwise.
    comments_from: Literal["writers", "everyone"] = "writers"
    map_tokens: int = Field(default=4096, ge=256)
    file_tokens: int = Field(default=24_000, ge=1000)
    max_extra_files: int = Field(default=8, ge=0, le=50)
    # The architect is there to think; the editor only turns a plan into edits, so it should not
    # (models that always think, like adaptive Claude or the o-series, think as little as they allow).
    architect_effort: Effort = "high"
    editor_effort: Effort = "minimal"
    max_reasoning_tokens: int | None = Field(default=None, ge=1)
    deadline_s: float | None = Field(default=None, gt=0)
    max_cost_usd: float | None = Field(default=None, gt=0)
    # the Action's cap over all its runs in a repository per UTC day (see bot/action/ledger.py)
    max_cost_usd_per_day: float | None = Field(default=None, gt=0)
    models: dict[str, dict[str, Any]] = Field(default_factory=dict, description="catalog additions")

    @property
    def solo(self) -> bool:
        return self.architect is None or self.architect == self.editor


def call_settings(settings: Settings, role: Literal["architect", "editor"]) -> CallSettings:
    """The per-call knobs for one role's model calls."""
    effort = settings.architect_effort if role == "architect" else settings.editor_effort
    return CallSettings(
        reasoning_effort=effort,
        max_reasoning_tokens=settings.max_reasoning_tokens,
        deadline_s=settings.deadline_s,
    )


def _format_errors(err: ValidationError, source: str) -> str:
    parts = []
    for item in err.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        parts.append(f"{key}: {item['msg']}")
    return f"invalid settings in {source}: " + "; ".join(parts)


def read_config_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ConfigError(f"{path} is not valid YAML: {err}") from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must be a mapping of settings, found {type(data).__name__}")
    return {str(k).replace("-", "_"): v for k, v in data.items()}


def load_settings(
    repo: Path | None, overrides: dict[str, Any] | None = None, config_file: str = CONFIG_PATH
) -> Settings:
    """Merges the repo's config file with overrides (None values are ignored) and validates."""
    merged: dict[str, Any] = {}
    source = "defaults"
    if repo is not None:
        merged.update(read_config_file(repo / config_file))
        source = str(repo / config_file)
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    merged.update(given)
    if given:
        source += " + command-line options"
    try:
        return Settings(**merged)
    except ValidationError as err:
        raise ConfigError(_format_errors(err, source)) from err
