"""The CLI's commands, one module each; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from bot.commands import (
    apply_cmd,
    bench_cmd,
    bench_merge_cmd,
    bench_report_cmd,
    demo_cmd,
    pending,
    run_cmd,
    sandbox_cmd,
)


class _Pending:
    """Registers the commands that later work fills in, so `--help` lists them all today."""

    @staticmethod
    def register(sub: object) -> None:
        pending.register_pending(sub, ["action", "models"])


COMMANDS: list[ModuleType | type[_Pending]] = [
    _Pending,
    demo_cmd,
    run_cmd,
    apply_cmd,
    sandbox_cmd,
    bench_cmd,
    bench_merge_cmd,
    bench_report_cmd,
]
