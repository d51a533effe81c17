"""`architect-bot sandbox`: run a repository's tests once, in Docker or locally, and report."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.commands.console import cli_console
from bot.errors import UsageError
from bot.sandbox import Limits, RunRequest, TestRun, make_sandbox
from bot.sandbox.image import short_id
from bot.testresults.instrument import instrument, read_results, readable_output
from bot.testresults.types import TestResults


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sandbox",
        help="run a repository's tests in the sandbox and report",
        description="Runs the test command once on a copy of the repository.",
    )
    p.add_argument("--repo", required=True, type=Path, help="repository (work tree) to test")
    p.add_argument("--test-cmd", required=True, help="shell command that runs the tests")
    p.add_argument("--setup", help="command run before the tests (e.g. 'pip install -e .')")
    p.add_argument(
        "--image", help="Docker image (default: python:3.12-slim, offline fallback built if needed)"
    )
    p.add_argument("--local", action="store_true", help="no Docker: run in a temp copy, NOT isolated")
    p.add_argument(
        "--timeout", type=float, default=Limits.timeout_s, help="seconds before the tests are killed"
    )
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb)
    p.add_argument("--cpus", type=float, default=Limits.cpus)
    p.add_argument("--pids", type=int, default=Limits.pids)
    p.add_argument(
        "--disk-mb", type=int, default=Limits.disk_mb, help="writable space: /tmp, any one file, the work dir"
    )
    p.add_argument(
        "--output-budget", type=int, default=Limits.output_budget_bytes, help="bytes of output kept"
    )
    p.add_argument("--network", action="store_true", help="let the tests use the network (off by default)")
    p.add_argument("--no-setup-network", action="store_true", help="no network for the setup command either")
    p.add_argument(
        "--setup-as-root", action="store_true", help="run the setup as root (default: the unprivileged user)"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if not args.repo.is_dir():
        raise UsageError(f"--repo {args.repo} is not a directory")
    if args.timeout <= 0 or args.output_budget < 64:
        raise UsageError("--timeout must be positive and --output-budget at least 64 bytes")
    limits = Limits(
        timeout_s=args.timeout,
        memory_mb=args.memory_mb,
        cpus=args.cpus,
        pids=args.pids,
        disk_mb=args.disk_mb,
        output_budget_bytes=args.output_budget,
        network=args.network,
        setup_network=not args.no_setup_network,
        setup_as_root=args.setup_as_root,
    )
    sandbox = make_sandbox("local" if args.local else "docker", args.image)
    instr = instrument(args.test_cmd)
    result = sandbox.run(RunRequest(args.repo, instr.command, limits, args.setup, env=instr.env))
    tests = read_results(instr, result)
    unreadable = "" if tests else instr.reason or "the test runner left no readable report"
    if args.json:
        print(
            json.dumps(
                {**result.to_dict(), "tests": tests and tests.to_dict(), "tests_unread": unreadable}, indent=2
            )
        )
    else:
        show(result, tests=tests, unreadable=unreadable, output=readable_output(instr, result))
    return 0 if result.passed else 1


_SHOWN_FAILURES = 10


def show(
    result: TestRun,
    console: Console | None = None,
    *,
    tests: TestResults | None = None,
    unreadable: str = "",
    output: str | None = None,
) -> None:
    console = console or cli_console()
    console.print((result.output if output is None else output).rstrip(), markup=False, highlight=False)
    table = Table(show_header=False, box=None)
    colour = "green" if result.passed else "red"
    table.add_row("result", f"[{colour}]{result.status.value}[/]")
    table.add_row("command", result.command)
    table.add_row("exit code", str(result.exit_code))
    table.add_row("duration", f"{result.duration_s:.2f} s")
    ident = short_id(result.image_id)
    image = f" ({result.image}{f', {ident}' if ident else ''})" if result.image else ""
    table.add_row("sandbox", result.sandbox + image)
    if result.runtime:
        table.add_row(
            "python", f"{result.runtime.python or 'not found'}, pytest {result.runtime.pytest or 'not found'}"
        )
    if result.output_bytes_cut:
        table.add_row("output", f"{result.output_bytes_cut} of {result.output_bytes_total} bytes cut")
    if tests is not None:
        counts = ", ".join(f"{n} {outcome.value}" for outcome, n in tests.counts().items()) or "none"
        partial = "" if tests.complete else " (report incomplete)"
        table.add_row("tests", f"{counts} ({tests.runner}){partial}")
        for failed in tests.failing[:_SHOWN_FAILURES]:
            table.add_row(failed.outcome.value, Text(failed.id))  # ids hold [params]: not markup
        if len(tests.failing) > _SHOWN_FAILURES:
            table.add_row("", f"... {len(tests.failing) - _SHOWN_FAILURES} more")
    elif unreadable:
        table.add_row("tests", Text(unreadable))
    console.print(table)
