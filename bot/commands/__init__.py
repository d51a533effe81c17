"""The CLI's commands, one module each; each module has ``register(subparsers)``."""

from __future__ import annotations

from types import ModuleType

from bot.commands import (
    action_cmd,
    apply_cmd,
    ask_cmd,
    bench_cmd,
    bench_merge_cmd,
    bench_mine_cmd,
    bench_report_cmd,
    demo_cmd,
    models_cmd,
    run_cmd,
    sandbox_cmd,
)

COMMANDS: list[ModuleType] = [
    demo_cmd,
    run_cmd,
    apply_cmd,
    action_cmd,
    sandbox_cmd,
    models_cmd,
    ask_cmd,
    bench_cmd,
    bench_mine_cmd,
    bench_merge_cmd,
    bench_report_cmd,
]
