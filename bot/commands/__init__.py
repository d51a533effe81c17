"""The CLI's commands, one module each; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from bot.commands import apply_cmd, bench_merge_cmd, bench_report_cmd, pending, sandbox_cmd


class _Pending:
    """Registers the commands that later work fills in, so `--help` lists them all today."""

    @staticmethod
    def register(sub: object) -> None:
        pending.register_pending(sub, ["demo", "run", "plan", "action", "bench", "models"])


COMMANDS: list[ModuleType | type[_Pending]] = [
    _Pending,
    apply_cmd,
    sandbox_cmd,
    bench_merge_cmd,
    bench_report_cmd,
]
