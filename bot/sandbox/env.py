"""The environment a sandboxed command sees: an allow-list, never the bot's own secrets."""

from __future__ import annotations

import os

_PASSTHROUGH = ("PATH", "LANG", "LC_ALL", "TZ", "TERM")

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
