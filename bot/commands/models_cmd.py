"""`architect-bot models`: the model catalog as a table; `--check` asks the providers which of its
models they still serve."""

from __future__ import annotations

import argparse
import os
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.commands.console import cli_console
from bot.models.catalog import load_catalog
from bot.models.lifecycle import retirement_note, utc_today
from bot.models.served import check_catalog


def register(sub: Any) -> None:
    p = sub.add_parser("models", help="list the model catalog", description="Lists the model presets.")
    p.add_argument(
        "--check",
        action="store_true",
        help="ask each hosted provider with a key in the environment which catalog models it still serves",
    )
    p.add_argument(
        "--strict", action="store_true", help="with --check: exit 1 when a model is no longer served"
    )
    p.set_defaults(handler=handle)


def _price(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def handle(args: argparse.Namespace, console: Console | None = None) -> int:
    if getattr(args, "check", False):
        return check(args.strict, console or cli_console())
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


def check(strict: bool, console: Console) -> int:
    """Names catalog models their provider no longer serves; in GitHub Actions also as warnings and
    in the job summary, so a stale catalog shows where the scheduled benchmark is read."""
    result = check_catalog(load_catalog())
    for line in result.lines():
        console.print(line, markup=False, highlight=False)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for name in result.stale:
            print(f"::warning title=stale model catalog::{name} is no longer served by its provider")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write("### Model catalog check\n\n" + "".join(f"- {line}\n" for line in result.lines()))
    return 1 if strict and result.stale else 0
