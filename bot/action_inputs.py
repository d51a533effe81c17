"""The action's inputs as `architect-bot action` receives them: environment variables, never argv.

`action.yml` passes every input through `env:` (never `${{ }}` inside `run:`, which would let an
issue title inject shell). The name is fixed by one rule, as the JavaScript toolkit does it but
shell-friendly: ``INPUT_`` + the input name upper-cased with ``-`` turned into ``_``
(``architect-model`` -> ``INPUT_ARCHITECT_MODEL``). An empty value means "not given".
"""

from __future__ import annotations

from collections.abc import Mapping

# Exactly the inputs declared in action.yml, in its order (a test keeps the two in step).
ACTION_INPUTS: tuple[str, ...] = (
    "github-token",
    "anthropic-api-key",
    "openai-api-key",
    "openai-base-url",
    "deepseek-api-key",
    "openrouter-api-key",
    "architect-model",
    "editor-model",
    "edit-format",
    "trigger-label",
    "command-prefix",
    "test-command",
    "docker-image",
    "setup-command",
    "sandbox",
    "setup-as-root",
    "setup-network",
    "disk-mb",
    "tries",
    "reproduce",
    "max-cost-usd",
    "max-cost-usd-per-day",
    "timeout-minutes",
    "allowed-users",
    "min-permission",
    "draft-on-failure",
    "protected-paths",
    "comments-from",
    "config-file",
)

SECRET_INPUTS: frozenset[str] = frozenset(
    {"github-token", "anthropic-api-key", "openai-api-key", "deepseek-api-key", "openrouter-api-key"}
)

# The outputs `architect-bot action` writes to $GITHUB_OUTPUT; action.yml maps each one out.
ACTION_OUTPUTS: tuple[str, ...] = ("status", "pr-url", "pr-number", "branch", "cost-usd", "plan")


def env_name(input_name: str) -> str:
    return "INPUT_" + input_name.upper().replace("-", "_")


def read_inputs(environ: Mapping[str, str]) -> dict[str, str]:
    """Input name -> value for every input that was given (non-blank)."""
    given: dict[str, str] = {}
    for name in ACTION_INPUTS:
        value = environ.get(env_name(name), "").strip()
        if value:
            given[name] = value
    return given
