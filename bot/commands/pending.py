"""Commands that are announced but not built yet: they say so and exit 2, never pretend."""

from __future__ import annotations

import argparse
import sys
from typing import Any

PENDING: dict[str, tuple[str, str]] = {
    "demo": ("run the whole pipeline offline on the bundled example", "the pipeline issue"),
    "run": ("fix an issue in a local checkout: plan, edit, test, branch + PR.md", "the pipeline issue"),
    "plan": ("ask the architect for a plan only", "the pipeline issue"),
    "action": ("entry point of the GitHub Action", "the GitHub Action issue"),
    "bench": ("benchmark architect/editor pairs on an exercise suite", "the benchmark issue"),
    "models": ("list the model catalog", "the model layer issue"),
}


def _not_built(name: str, issue: str) -> Any:
    def handler(args: argparse.Namespace) -> int:
        print(
            f"architect-bot {name}: not built yet (arrives with {issue}). "
            "Today `architect-bot sandbox` works: it runs a repository's tests in Docker.",
            file=sys.stderr,
        )
        return 2

    return handler


def register_pending(sub: Any, names: list[str]) -> None:
    for name in names:
        summary, issue = PENDING[name]
        parser = sub.add_parser(name, help=f"{summary} [not built yet]", description=summary)
        parser.set_defaults(handler=_not_built(name, issue))
