"""`architect-bot bench`: run architect/editor pairs on an exercise suite and write the report."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.commands.console import cli_console
from bot.edits.types import FORMATS
from bot.errors import UsageError

if TYPE_CHECKING:  # the benchmark's modules load when it runs, not for every command of the CLI
    from bot.bench.results import CaseResult
    from bot.bench.runner import BenchConfig, BenchRun


def register(sub: Any) -> None:
    p = sub.add_parser(
        "bench",
        help="benchmark architect/editor pairs on an exercise suite",
        description="Runs each pair on each exercise (pipeline + tests in the sandbox), writes "
        "<out>/<pair>/<lang>/<exercise>/result.json as each case ends, then the report in <out>/report.",
    )
    p.add_argument("--suite", type=Path, help="suite root (default: the built-in benchmarks/suite)")
    p.add_argument(
        "--cases",
        type=Path,
        help="a SWE-bench-style JSONL file (from `bench-mine` or a published dataset) instead of --suite",
    )
    p.add_argument("--repo", type=Path, default=Path("."), help="with --cases: the repository (default .)")
    p.add_argument(
        "--after",
        metavar="DATE",
        help="with --cases: only cases created after DATE (YYYY-MM-DD); `cutoff`: after the newest "
        "training cutoff of the pairs' models (from the catalog)",
    )
    p.add_argument("--lang", help="only this language (e.g. python)")
    p.add_argument(
        "--exercises", metavar="GLOB", help="only exercises matching these globs (comma-separated)"
    )
    p.add_argument(
        "--pair",
        action="append",
        required=True,
        metavar="ARCHITECT+EDITOR",
        help="a pair, or one model alone; repeat for side-by-side pairs (oracle and null test the harness)",
    )
    p.add_argument("--edit-format", choices=FORMATS, help="editor format (oracle: whole)")
    p.add_argument("--tries", type=int, default=2, help="test-and-fix tries per case (default 2)")
    p.add_argument("--reflections", type=int, help="times a malformed edit goes back to the editor")
    p.add_argument("--workers", type=int, default=1, help="cases run at once (default 1)")
    p.add_argument("--out", type=Path, default=Path("bench-out"), help="results folder (default ./bench-out)")
    p.add_argument("--sandbox", choices=["docker", "local", "auto"], default="auto", help="where tests run")
    p.add_argument("--image", help="Docker image for every language (default: the language table's)")
    p.add_argument("--shard", metavar="I/N", help="run only the I-th of N deterministic slices")
    p.add_argument("--resume", action="store_true", help="keep finished cases of an earlier run in --out")
    p.add_argument("--show-tests", action="store_true", help="let the models see the tests (never edit them)")
    p.add_argument("--timeout", type=float, default=180.0, help="seconds per test run (default 180)")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint for compat/... models")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from bot.bench.runner import run_bench
    from bot.bench.swe.run import run_swe_bench

    config = config_from(args)
    console = cli_console(stderr=True)
    with RichBenchProgress(console) as progress:
        try:
            if args.cases is not None:
                repo = args.repo.resolve()
                run = run_swe_bench(config, args.cases, repo, after=args.after, progress=progress)
            else:
                run = run_bench(config, progress=progress)
        except KeyboardInterrupt:
            console.print(f"interrupted: re-run the same command with --resume to finish {config.out}")
            raise
    return finish(run, console)


def config_from(args: argparse.Namespace) -> BenchConfig:
    from bot.bench.runner import BenchConfig
    from bot.bench.suite import default_suite_root, parse_shard

    if args.cases is not None and args.suite is not None:
        raise UsageError("--cases and --suite name two different benchmarks: choose one")
    if args.tries < 1 or args.workers < 1 or args.timeout <= 0:
        raise UsageError("--tries and --workers must be at least 1 and --timeout positive")
    return BenchConfig(
        suite=args.suite or default_suite_root(),
        pairs=tuple(args.pair),
        out=args.out,
        lang=args.lang,
        exercises=args.exercises,
        edit_format=args.edit_format,
        tries=args.tries,
        reflections=args.reflections,
        workers=args.workers,
        sandbox=args.sandbox,
        image=args.image,
        shard=parse_shard(args.shard) if args.shard else None,
        resume=args.resume,
        show_tests=args.show_tests,
        timeout_s=args.timeout,
        base_url=args.base_url,
        command=command_line(args),
    )


def command_line(args: argparse.Namespace) -> str:
    """The run as one canonical command (flags in a fixed order), for the records."""
    words = ["architect-bot", "bench"]
    for flag, value in (
        ("--suite", args.suite),
        ("--cases", args.cases),
        ("--after", args.after),
        ("--lang", args.lang),
        ("--exercises", args.exercises),
        *(("--pair", pair) for pair in args.pair),
        ("--edit-format", args.edit_format),
        ("--tries", args.tries),
        ("--reflections", args.reflections),
        ("--timeout", args.timeout),
        ("--sandbox", None if args.sandbox == "auto" else args.sandbox),
        ("--image", args.image),
        ("--shard", args.shard),
        ("--out", args.out),
        ("--workers", args.workers),
    ):
        if value is not None:
            words += [flag, str(value)]
    words += ["--show-tests"] if args.show_tests else []
    words += ["--resume"] if args.resume else []
    return shlex.join(words)


def finish(run: BenchRun, console: Console) -> int:
    if run.report is not None:
        print(run.report.leaderboard_md.read_text(encoding="utf-8"), end="")
        console.print(f"report: {run.report.out_dir}")
    for failure in run.write_failures:
        console.print(f"[red]not written:[/] {failure}", highlight=False)
    if run.write_failures:
        console.print("free some space, then re-run the same command with --resume")
        return 1
    return 0


class RichBenchProgress:
    """A progress bar with the pass count so far (cases passed / cases finished)."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("[bold]bench"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[passes]}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self.task = self.progress.add_task("bench", total=None, passes="")
        self.finished = 0
        self.passed = 0
        self.skipped = 0

    def __enter__(self) -> RichBenchProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int, done: Sequence[CaseResult]) -> None:
        for result in done:
            self._count(result)
        self.progress.update(self.task, total=total, completed=len(done), passes=self._passes())

    def case_done(self, result: CaseResult) -> None:
        self._count(result)
        self.progress.update(self.task, advance=1, passes=self._passes())
        if not self.progress.console.is_terminal:
            mark = "skipped" if result.skipped else ("pass" if any(result.tests_outcomes) else result.status)
            print(f"{result.pair} {result.lang}/{result.exercise}: {mark}", file=sys.stderr)

    def _count(self, result: CaseResult) -> None:
        if result.skipped:
            self.skipped += 1
            return
        self.finished += 1
        self.passed += any(result.tests_outcomes)

    def _passes(self) -> str:
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return f"passed {self.passed}/{self.finished}{skipped}"
