"""`architect-bot action`: the GitHub Action's program; everything comes from the environment."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "action",
        help="entry point of the GitHub Action (event and inputs from the environment)",
        description="Reads GITHUB_EVENT_NAME / GITHUB_EVENT_PATH and the INPUT_* variables that action.yml "
        "sets, and answers the event: fix, plan, go, revise, retry, explain or help. "
        "With ARCHITECT_FORGE=local, ARCHITECT_LOCAL_REPO and ARCHITECT_LOCAL_ISSUE it runs without GitHub.",
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from bot.action.main import main

    return main()
