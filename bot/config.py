"""Settings: defaults < `.github/architect-bot.yml` < CLI flags / action inputs, validated once here.

The file is read from a commit the maintainers own (the default branch, or the CLI's `--base`), never
from a working tree: an editor's edit or a pull request's head must not change what the next run may do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.edits.paths import matches_any
from bot.edits.types import DEFAULT_PROTECTED, EditFormatName
from bot.errors import ConfigError
from bot.gitutil import file_at
from bot.models.types import CallSettings, Effort

CONFIG_PATH = ".github/architect-bot.yml"
DEFAULT_EDITOR = "anthropic/claude-sonnet-5-5"  # a current model: see `retires` in bot/catalog.yml


class Settings(BaseModel):
    """Everything a run can be told. Unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # None: the editor works alone
    architect: str | None = Field(default=None, description="reasoning model that plans")
    editor: str = DEFAULT_EDITOR
    # None: the editor's format in the catalog (its `edit_format`), else diff
    edit_format: EditFormatName | None = None
    base_url: str | None = None
    test_command: str | None = None
    setup_command: str | None = None
    image: str | None = None
    # auto: Docker, and an error without an engine (only the bundled demo falls back to local)
    sandbox: Literal["docker", "local", "auto"] = "auto"
    # The setup command runs editor-modified files (setup.py, install scripts): by default as the
    # unprivileged sandbox user; root only when asked. Network for it can be turned off.
    setup_as_root: bool = False
    setup_network: bool = True
    # writable space in the Docker sandbox (tmpfs /tmp, largest file, the container layer where supported)
    disk_mb: int = Field(default=2048, ge=64)
    tries: int = Field(default=2, ge=1, le=5)
    reflections: int = Field(default=3, ge=0, le=10)
    retry_with: Literal["editor", "architect"] = "editor"
    # A test that fails at the base before the fix (bot/reproduce.py). auto: when the architect's plan
    # states a behaviour to reproduce and no test failing at the base is about the issue.
    reproduce: Literal["auto", "always", "never"] = "auto"
    test_timeout_s: float = Field(default=600, gt=0)
    protected_paths: tuple[str, ...] = DEFAULT_PROTECTED  # given globs add to these, never replace them
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
    # Every model call ends: a model that thinks or writes forever (or a server that ignores
    # max_tokens) is stopped by these, with status guard-stopped. The architect gets longer, as it
    # thinks; a slow self-hosted model may need more (seconds from the request to the last token).
    architect_deadline_s: float = Field(default=1200, gt=0)
    editor_deadline_s: float = Field(default=600, gt=0)
    max_reasoning_tokens: int = Field(default=64_000, ge=1)
    # None: the output budget each request asks for (the model's max_output_tokens)
    max_answer_tokens: int | None = Field(default=None, ge=1)
    max_cost_usd: float | None = Field(default=None, gt=0)
    # the Action's cap over all its runs in a repository per UTC day (see bot/action/ledger.py)
    max_cost_usd_per_day: float | None = Field(default=None, gt=0)
    # Fix commits the bot may push for failed CI runs on one of its pull requests (0: none)
    ci_fix_rounds: int = Field(default=2, ge=0, le=10)
    # The maintainers' own words for the models (text, or a path in the repository), read from the
    # default branch with AGENTS.md, CLAUDE.md and the like (bot/context/instructions.py).
    architect_instructions: str | None = None
    editor_instructions: str | None = None
    instructions_tokens: int = Field(default=3000, ge=0)
    models: dict[str, dict[str, Any]] = Field(default_factory=dict, description="catalog additions")

    @field_validator("protected_paths")
    @classmethod
    def _keep_default_protection(cls, given: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*DEFAULT_PROTECTED, *given)))

    @property
    def solo(self) -> bool:
        return self.architect is None or self.architect == self.editor


def edit_format_of(settings: Settings) -> EditFormatName:
    """The format the editor writes in: as set, else the editor's in the catalog (with the settings'
    own model entries), else diff."""
    if settings.edit_format is not None:
        return settings.edit_format
    from bot.models.catalog import load_catalog  # the catalog is read only when it decides

    return load_catalog(dict(settings.models) or None).edit_format(settings.editor)


def call_settings(settings: Settings, role: Literal["architect", "editor"]) -> CallSettings:
    """The per-call knobs for one role's model calls."""
    effort = settings.architect_effort if role == "architect" else settings.editor_effort
    return CallSettings(
        reasoning_effort=effort,
        max_reasoning_tokens=settings.max_reasoning_tokens,
        max_answer_tokens=settings.max_answer_tokens,
        deadline_s=settings.architect_deadline_s if role == "architect" else settings.editor_deadline_s,
    )


def _format_errors(err: ValidationError, source: str) -> str:
    parts = []
    for item in err.errors():
        key = ".".join(str(p) for p in item["loc"]) or "(top level)"
        parts.append(f"{key}: {item['msg']}")
    return f"invalid settings in {source}: " + "; ".join(parts)


def parse_config(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ConfigError(f"{source} is not valid YAML: {err}") from err
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source} must be a mapping of settings, found {type(data).__name__}")
    return {str(k).replace("-", "_"): v for k, v in data.items()}


def load_settings(
    repo: Path | None,
    overrides: dict[str, Any] | None = None,
    config_file: str = CONFIG_PATH,
    commit: str = "HEAD",
) -> Settings:
    """Merges the config file as committed in ``commit`` with overrides (None values are ignored) and
    validates. The config file itself is always protected, wherever it lives."""
    merged: dict[str, Any] = {}
    source = "defaults"
    if repo is not None:
        text = file_at(repo, commit, config_file)
        source = f"{config_file} at {commit}"
        if text is not None:
            merged.update(parse_config(text, source))
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    merged.update(given)
    if given:
        source += " + command-line options"
    protected = merged.get("protected_paths") or ()
    if isinstance(protected, (list, tuple)) and not matches_any(
        config_file, (*DEFAULT_PROTECTED, *protected)
    ):
        merged["protected_paths"] = (*protected, config_file)
    try:
        return Settings(**merged)
    except ValidationError as err:
        raise ConfigError(_format_errors(err, source)) from err
