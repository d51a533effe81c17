"""The CLI's commands, one module each; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from bot.commands import (
    action_cmd,
    apply_cmd,
    ask_cmd,
    bench_merge_cmd,
    bench_report_cmd,
    demo_cmd,
    models_cmd,
    pending,
    run_cmd,
    sandbox_cmd,
)

NOT_BUILT = ["bench"]


class _Pending:
    """Registers the commands that later work fills in, so `--help` lists them all today."""

    @staticmethod
    def register(sub: object) -> None:
        pending.register_pending(sub, NOT_BUILT)


COMMANDS: list[ModuleType | type[_Pending]] = [
    _Pending,
    demo_cmd,
    run_cmd,
    apply_cmd,
    action_cmd,
    sandbox_cmd,
    models_cmd,
    ask_cmd,
    bench_merge_cmd,
    bench_report_cmd,
]
