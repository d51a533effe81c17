"""Logging set-up: one place, so every command logs the same way, to stderr."""

from __future__ import annotations

import logging
import os

from rich.logging import RichHandler


def setup_logging(verbose: bool = False) -> None:
    level = logging.DEBUG if verbose or os.environ.get("ARCHITECT_DEBUG") else logging.INFO
    handler: logging.Handler
    if os.environ.get("GITHUB_ACTIONS") or not os.isatty(2):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler = RichHandler(show_path=False, rich_tracebacks=False)
    logger = logging.getLogger("bot")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    # Propagation stays on so that embedding code (and pytest's caplog) still sees the records;
    # a CLI process has no root handler, so nothing is printed twice.
