"""`architect-bot ask` (hidden): one prompt to one model; prints the answer, thinking time and cost."""

from __future__ import annotations

import argparse
import sys
from typing import Any, get_args

from bot.models import CallSettings, Message, make_model
from bot.models.types import Effort


def register(sub: Any) -> None:
    p = sub.add_parser("ask", description="Send one prompt to a model (a debugging aid).")
    p.add_argument("--model", required=True, help="catalog name, e.g. openai/o3 or compat/my-model")
    p.add_argument("--base-url", help="the provider's base URL (default: env or provider default)")
    p.add_argument("--system", help="system prompt")
    p.add_argument("--max-output-tokens", type=int)
    p.add_argument("--reasoning-effort", choices=get_args(Effort))
    p.add_argument("--deadline", type=float, help="seconds before the call is stopped")
    p.add_argument("--no-stream", action="store_true")
    p.add_argument("prompt")
    p.set_defaults(handler=handle)
    # keep it out of `--help`: argparse has no official switch, so drop its help line
    sub._choices_actions = [a for a in sub._choices_actions if a.dest != "ask"]


def handle(args: argparse.Namespace) -> int:
    model = make_model(args.model, base_url=args.base_url)
    messages = ([Message("system", args.system)] if args.system else []) + [Message("user", args.prompt)]
    settings = CallSettings(
        max_output_tokens=args.max_output_tokens,
        reasoning_effort=args.reasoning_effort,
        deadline_s=args.deadline,
        stream=False if args.no_stream else None,
    )
    c = model.complete(messages, settings)
    if c.reasoning:
        print(
            f"--- reasoning ({c.reasoning_tokens} tokens) ---\n{c.reasoning}\n--- answer ---", file=sys.stderr
        )
    print(c.answer)
    cost = f"${c.cost_usd:.6f}" if c.cost_usd is not None else "unknown"
    print(
        f"thinking {c.thinking_seconds:.2f} s, answer {c.answer_seconds:.2f} s, "
        f"total {c.total_seconds:.2f} s; "
        f"tokens: {c.input_tokens} in, {c.reasoning_tokens} reasoning, {c.answer_tokens} answer; cost {cost}",
        file=sys.stderr,
    )
    return 0
