"""The action's inputs, each declared once here: how it arrives, what it sets, whether it is secret.

`action.yml` passes every input through `env:` (never `${{ }}` inside `run:`, which would let an
issue title inject shell). The variable is named by one rule, as the JavaScript toolkit does it but
shell-friendly: ``INPUT_`` + the input name upper-cased with ``-`` turned into ``_``
(``architect-model`` -> ``INPUT_ARCHITECT_MODEL``). An empty value means "not given": the config
file or the built-in default applies. The env mapping, the masks, the key exports, the Settings
overrides and the run options are all read from ``INPUTS``; tests keep `action.yml` and
docs/action.md in step with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.errors import ConfigError
from bot.events import Trigger, parse_user_list
from bot.forge.types import PERMISSION_ORDER
from bot.run_options import RunOptions

Parser = Callable[[str, str], Any]  # (input name, given text) -> value


def _text(name: str, value: str) -> str:
    return value


def _int(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as err:
        raise ConfigError(f"input {name}: {value!r} is not a whole number") from err


def _float(name: str, value: str) -> float:
    try:
        return float(value)
    except ValueError as err:
        raise ConfigError(f"input {name}: {value!r} is not a number") from err


def _flag(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "yes", "1", "on"):
        return True
    if lowered in ("false", "no", "0", "off"):
        return False
    raise ConfigError(f"input {name}: {value!r} is not true or false")


def _paths(name: str, value: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[\s,]+", value) if p)


def _users(name: str, value: str) -> tuple[str, ...]:
    return parse_user_list(value)


def _permission(name: str, value: str) -> str:
    role = value.strip().casefold()
    if role not in PERMISSION_ORDER:
        raise ConfigError(f"input {name}: {value!r} is not one of {', '.join(PERMISSION_ORDER)}")
    return role


@dataclass(frozen=True)
class ActionInput:
    name: str
    setting: str | None = None  # the Settings field it overrides
    option: str | None = None  # the RunOptions field it sets
    parse: Parser = _text
    secret: bool = False  # masked in the log and never shown
    env_var: str | None = None  # exported for the model SDKs, which read keys and endpoints from it
    default: str = ""  # as action.yml declares it


# In action.yml's order.
INPUTS: tuple[ActionInput, ...] = (
    ActionInput("github-token", secret=True, default="${{ github.token }}"),
    ActionInput("anthropic-api-key", secret=True, env_var="ANTHROPIC_API_KEY"),
    ActionInput("openai-api-key", secret=True, env_var="OPENAI_API_KEY"),
    ActionInput("openai-base-url", setting="base_url", env_var="OPENAI_BASE_URL"),
    ActionInput("deepseek-api-key", secret=True, env_var="DEEPSEEK_API_KEY"),
    ActionInput("openrouter-api-key", secret=True, env_var="OPENROUTER_API_KEY"),
    ActionInput("architect-model", setting="architect"),
    ActionInput("editor-model", setting="editor"),
    ActionInput("edit-format", setting="edit_format"),
    ActionInput("trigger-label", option="trigger_label", default=RunOptions.trigger_label),
    ActionInput("command-prefix", option="command_prefix", default=RunOptions.command_prefix),
    ActionInput("bot-login", option="bot_login"),
    ActionInput("assignee", option="assignee"),
    ActionInput("test-command", setting="test_command"),
    ActionInput("docker-image", setting="image"),
    ActionInput("setup-command", setting="setup_command"),
    ActionInput("sandbox", setting="sandbox"),
    ActionInput("setup-as-root", setting="setup_as_root", parse=_flag),
    ActionInput("setup-network", setting="setup_network", parse=_flag),
    ActionInput("disk-mb", setting="disk_mb", parse=_int),
    ActionInput("tries", setting="tries", parse=_int),
    ActionInput("reproduce", setting="reproduce"),
    ActionInput("max-cost-usd", setting="max_cost_usd", parse=_float),
    ActionInput("max-cost-usd-per-day", setting="max_cost_usd_per_day", parse=_float),
    ActionInput("timeout-minutes", option="timeout_minutes", parse=_float),
    ActionInput("ci-wait-minutes", option="ci_wait_minutes", parse=_float, default="1"),
    ActionInput("ci-fix-rounds", setting="ci_fix_rounds", parse=_int),
    ActionInput("allowed-users", option="allowed_users", parse=_users),
    ActionInput(
        "min-permission", option="min_permission", parse=_permission, default=RunOptions.min_permission
    ),
    ActionInput("draft-on-failure", option="draft_on_failure", parse=_flag, default="true"),
    ActionInput("protected-paths", setting="protected_paths", parse=_paths),
    ActionInput("comments-from", setting="comments_from"),
    ActionInput("config-file", option="config_file", default=RunOptions.config_file),
)
BY_NAME: dict[str, ActionInput] = {i.name: i for i in INPUTS}
ACTION_INPUTS: tuple[str, ...] = tuple(BY_NAME)
SECRET_INPUTS: frozenset[str] = frozenset(i.name for i in INPUTS if i.secret)

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


def _parsed(inputs: Mapping[str, str], field: str) -> dict[str, Any]:
    return {
        getattr(spec, field): spec.parse(spec.name, inputs[spec.name])
        for spec in INPUTS
        if getattr(spec, field) and spec.name in inputs
    }


def run_options(inputs: Mapping[str, str]) -> RunOptions:
    return RunOptions(**_parsed(inputs, "option"))


def settings_overrides(inputs: Mapping[str, str], trigger: Trigger | None) -> dict[str, Any]:
    """Inputs that map onto Settings. Models may also come from a workflow_dispatch (a maintainer),
    never from issue or comment text."""
    overrides = _parsed(inputs, "setting")
    if trigger is not None:
        for field in ("architect", "editor"):
            chosen = getattr(trigger, f"{field}_model")
            if chosen:
                overrides[field] = chosen
    return overrides


def provider_variables(inputs: Mapping[str, str]) -> dict[str, str]:
    """The SDKs' environment variables the given inputs set (keys and the compatible endpoint)."""
    return {spec.env_var: inputs[spec.name] for spec in INPUTS if spec.env_var and spec.name in inputs}


def docs_table(descriptions: Mapping[str, str]) -> str:
    """The inputs table of docs/action.md: ``descriptions`` are action.yml's, by input name."""
    rows = ["| input | default | in the config file | what it is |", "|---|---|---|---|"]
    for spec in INPUTS:
        default = f"`{spec.default}`" if spec.default else "none"
        key = f"`{spec.setting.replace('_', '-')}`" if spec.setting else "—"
        what = " ".join(descriptions.get(spec.name, "").split()).replace("|", "\\|")
        if spec.secret:
            what += " Secret: masked in the log."
        rows.append(f"| `{spec.name}` | {default} | {key} | {what} |")
    return "\n".join(rows) + "\n"
