"""`architect-bot models`: the model catalog as a table."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.commands.console import cli_console
from bot.models.catalog import load_catalog
from bot.models.lifecycle import retirement_note, utc_today


def register(sub: Any) -> None:
    p = sub.add_parser("models", help="list the model catalog", description="Lists the model presets.")
    p.set_defaults(handler=handle)


def _price(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def handle(args: argparse.Namespace, console: Console | None = None) -> int:
    # piped output (CI logs) gets a wide table rather than truncated names
    console = console or cli_console()
    table = Table(title="Model catalog (prices: USD per million tokens)")
    for col in (
        "model",
        "provider",
        "window",
        "max out",
        "in",
        "cached",
        "out",
        "reasoning",
        "editor",
        "format",
        "lifecycle",
    ):
        table.add_column(
            col, justify="right" if col in ("window", "max out", "in", "cached", "out") else "left"
        )
    catalog = load_catalog()
    today = utc_today()
    for name in catalog.names():
        s = catalog.specs[name]
        table.add_row(
            name,
            s.provider,
            f"{s.context_window:,}",
            f"{s.max_output_tokens:,}",
            _price(s.input_price),
            _price(s.cached_input_price if s.cached_input_price is not None else s.input_price),
            _price(s.output_price),
            s.reasoning,
            s.editor_model or "",
            s.edit_format or "",
            retirement_note(s, today),
        )
    console.print(table)
    console.print("lifecycle: the day the provider stops serving a model; choosing a retired one fails.")
    return 0
