"""Action inputs turned into validated Settings overrides and run options."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.errors import ConfigError
from bot.events import Trigger, parse_user_list


@dataclass(frozen=True)
class RunOptions:
    trigger_label: str
    command_prefix: str
    min_permission: str
    allowed_users: tuple[str, ...]
    draft_on_failure: bool
    timeout_minutes: float | None
    config_file: str


def _number(inputs: dict[str, str], name: str, kind: type[int] | type[float]) -> Any:
    if name not in inputs:
        return None
    try:
        return kind(inputs[name])
    except ValueError as err:
        raise ConfigError(f"input {name}: {inputs[name]!r} is not a {kind.__name__}") from err


def _flag(inputs: dict[str, str], name: str, default: bool | None) -> Any:
    value = inputs.get(name, "").lower()
    if not value:
        return default
    if value in ("true", "yes", "1", "on"):
        return True
    if value in ("false", "no", "0", "off"):
        return False
    raise ConfigError(f"input {name}: {inputs[name]!r} is not true or false")


def run_options(inputs: dict[str, str]) -> RunOptions:
    return RunOptions(
        trigger_label=inputs.get("trigger-label", "architect"),
        command_prefix=inputs.get("command-prefix", "/architect"),
        min_permission=inputs.get("min-permission", "write"),
        allowed_users=parse_user_list(inputs.get("allowed-users", "")),
        draft_on_failure=_flag(inputs, "draft-on-failure", True),
        timeout_minutes=_number(inputs, "timeout-minutes", float),
        config_file=inputs.get("config-file", ".github/architect-bot.yml"),
    )


def settings_overrides(inputs: dict[str, str], trigger: Trigger | None) -> dict[str, Any]:
    """Inputs that map onto Settings. Models may also come from a workflow_dispatch (a maintainer),
    never from issue or comment text."""
    protected = inputs.get("protected-paths")
    return {
        "architect": (trigger.architect_model if trigger else None) or inputs.get("architect-model"),
        "editor": (trigger.editor_model if trigger else None) or inputs.get("editor-model"),
        "edit_format": inputs.get("edit-format"),
        "base_url": inputs.get("openai-base-url"),
        "test_command": inputs.get("test-command"),
        "setup_command": inputs.get("setup-command"),
        "image": inputs.get("docker-image"),
        "sandbox": inputs.get("sandbox"),
        "setup_as_root": _flag(inputs, "setup-as-root", None),
        "setup_network": _flag(inputs, "setup-network", None),
        "disk_mb": _number(inputs, "disk-mb", int),
        "tries": _number(inputs, "tries", int),
        "reproduce": inputs.get("reproduce"),
        "max_cost_usd": _number(inputs, "max-cost-usd", float),
        "max_cost_usd_per_day": _number(inputs, "max-cost-usd-per-day", float),
        "comments_from": inputs.get("comments-from"),
        "protected_paths": tuple(p for p in re.split(r"[\s,]+", protected) if p) if protected else None,
    }
