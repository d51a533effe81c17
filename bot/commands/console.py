"""The CLI's rich consoles. On a terminal rich fits its width; piped to a file or another program
there is no width to fit, and rich's fallback of 80 columns would cut diff lines and table cells, so
output then runs as wide as it is."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.rule import Rule

PIPED_WIDTH = 1000  # wide enough for any diff line or table a run prints; not unbounded (rich pads tables)
RULE_WIDTH = 100  # a section rule is a separator: on a 1000-column console it would be a 1000-dash line


def cli_console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPED_WIDTH, soft_wrap=True)


def section(console: Console, title: str) -> None:
    """A titled rule, as wide as the terminal but never wider than RULE_WIDTH."""
    console.print(Rule(title), width=min(console.width, RULE_WIDTH))
