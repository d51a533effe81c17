"""The environment a sandboxed command sees: an allow-list, never the bot's own secrets."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from bot.errors import SandboxError
from bot.sandbox.reports import REPORT_DIR_ENV
from bot.secrets import is_secret_name, secret_values

_PASSTHROUGH = ("PATH", "LANG", "LC_ALL", "TZ", "TERM")

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Set by the sandbox itself: a caller's value would point the command at the wrong place.
_RESERVED = frozenset({"HOME", REPORT_DIR_ENV})

_FIXED = {
    "CI": "true",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PIP_NO_INPUT": "1",
}


def sandbox_env(home: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Builds the environment from scratch so API keys and tokens cannot leak in by accident."""
    env = {key: os.environ[key] for key in _PASSTHROUGH if key in os.environ}
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    env.update(_FIXED)
    env["HOME"] = home
    if extra:
        env.update(extra)
    return env


def request_env(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``RunRequest.env`` checked: the allow-list above keeps the bot's secrets out of the sandbox,
    and this keeps a caller from carrying one in by name (``*_TOKEN``) or by value."""
    secrets = secret_values()
    checked: dict[str, str] = {}
    for name, value in pairs:
        if not _NAME.fullmatch(name):
            raise SandboxError(f"cannot pass {name!r} to the test command: not an environment variable name")
        if name in _RESERVED:
            raise SandboxError(f"cannot pass {name} to the test command: the sandbox sets it itself")
        if is_secret_name(name) or any(secret in value for secret in secrets):
            raise SandboxError(
                f"refusing to pass {name} to the test command: its name or value is a secret of the bot, "
                "and sandboxed code never sees secrets; give tests what they need through the setup command"
            )
        checked[name] = value
    return checked
