"""Command-line entry point: `architect-bot <command>`.

Each command lives in ``bot/commands/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``handler`` to a function ``(args) -> exit code``.
Exit codes: 0 success, 1 tests failing / no fix, 2 usage or config error, 3 model or edit error,
130 / 143 stopped by SIGINT / SIGTERM.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence

from bot import __version__
from bot.errors import BotError
from bot.log import setup_logging

# Start-up creates some 10^5 objects that live as long as the process (the SDKs' pydantic models):
# the collector's default pace traverses them again and again while they are imported (~0.5 s).
STARTUP_GC_THRESHOLD = 100_000


def build_parser() -> argparse.ArgumentParser:
    from bot.commands import COMMANDS  # here, so `run` tunes the collector before the imports

    parser = argparse.ArgumentParser(
        prog="architect-bot",
        description="A reasoning model plans, an editor model edits, the repository's tests decide.",
    )
    parser.add_argument("--version", action="version", version=f"architect-bot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    setup_logging(verbose=args.verbose)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.handler(args)
        return code
    except BotError as err:
        print(f"architect-bot: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt as err:  # the scratch worktree and any container are gone by now
        code = getattr(err, "exit_code", 130)  # bot.scratch.Interrupted: 143 for SIGTERM
        print(f"architect-bot: interrupted ({err or 'SIGINT'}); cleaned up", file=sys.stderr)
        return int(code)
    finally:
        logging.shutdown()


def run() -> None:
    """The process entry point (the `architect-bot` script and `python -m bot`); ``main`` is the
    in-process one tests call, without these process-wide collector settings."""
    gc.set_threshold(STARTUP_GC_THRESHOLD, *gc.get_threshold()[1:])
    code = main()
    # Tearing the interpreter down is one last collection over everything imported (~1 s with the
    # SDKs loaded) for memory the exit returns anyway: frozen objects are left out of it.
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":
    run()
