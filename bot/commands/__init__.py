"""The CLI's commands, one module each; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from bot.commands import ask_cmd, models_cmd, pending, sandbox_cmd


class _Pending:
    """Registers the commands that later work fills in, so `--help` lists them all today."""

    @staticmethod
    def register(sub: object) -> None:
        pending.register_pending(sub, ["demo", "run", "plan", "apply", "action", "bench"])


COMMANDS: list[ModuleType | type[_Pending]] = [_Pending, sandbox_cmd, models_cmd, ask_cmd]
