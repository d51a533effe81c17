"""`architect-bot bench-mine`: a repository's past fixes -> validated SWE-bench-style cases."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.commands.console import cli_console
from bot.errors import UsageError
from bot.gitutil import is_repo
from bot.sandbox import Limits, make_sandbox
from bot.testcmd import detect_test_command

if TYPE_CHECKING:  # the miner loads when it runs, not for every command of the CLI
    from bot.bench.swe.mine import Mined


def register(sub: Any) -> None:
    p = sub.add_parser(
        "bench-mine",
        help="turn a repository's past fixes with tests into benchmark cases (SWE-bench format)",
        description="Scans first-parent history for commits that change source and tests, validates each "
        "in the sandbox (the new tests fail before the fix and pass after, twice; flaky tests are left "
        "out) and appends the valid ones to --out; the others go to <out>.dropped.jsonl with the reason. "
        "Re-running the same command resumes.",
    )
    p.add_argument("--repo", type=Path, default=Path("."), help="the repository (default: .)")
    p.add_argument("--out", type=Path, default=Path("cases.jsonl"), help="cases file (default cases.jsonl)")
    p.add_argument("--since", help="only commits after this date (git's --since, e.g. 2024-01-01)")
    p.add_argument("--limit", type=int, help="at most this many candidates, newest first")
    p.add_argument("--workers", type=int, default=1, help="candidates validated at once (default 1)")
    p.add_argument("--runs", type=int, default=2, help="test runs per state, to spot flaky tests (default 2)")
    p.add_argument("--test-cmd", help="the test command (default: detected)")
    p.add_argument("--setup-cmd", help="run before the tests in the sandbox, e.g. pip install -e .")
    p.add_argument("--sandbox", choices=["docker", "local"], default="docker", help="where tests run")
    p.add_argument("--image", help="Docker image (default: the sandbox's)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per test run (default 300)")
    p.add_argument("--name", help="OWNER/NAME for the cases' repo field (default: from origin)")
    p.add_argument(
        "--github",
        metavar="OWNER/REPO",
        help="take problem statements from the issues merged pull requests closed "
        "($GITHUB_TOKEN, $GITHUB_API_URL); other cases keep their commit message",
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from bot.bench.swe.mine import MineConfig, mine, report_path

    repo = args.repo.resolve()
    if not is_repo(repo):
        raise UsageError(f"{repo} is not a git repository")
    if (args.limit is not None and args.limit < 1) or args.timeout <= 0:
        raise UsageError("--limit must be at least 1 and --timeout positive")
    test_command = args.test_cmd or detect_test_command(repo)
    if not test_command:
        raise UsageError(f"no test command found in {repo}: pass --test-cmd")
    statements: dict[str, str] = {}
    if args.github:
        from bot.bench.swe.statements import issue_statements  # PyGithub loads only when asked

        api_url = os.environ.get("GITHUB_API_URL") or "https://api.github.com"
        statements = issue_statements(args.github, os.environ.get("GITHUB_TOKEN", ""), api_url)
    config = MineConfig(
        repo=repo,
        out=args.out,
        test_command=test_command,
        setup_command=args.setup_cmd,
        image=args.image,
        since=args.since,
        limit=args.limit,
        workers=args.workers,
        runs=args.runs,
        repo_name=args.name or args.github,
        issue_statements=statements,
        limits=Limits(timeout_s=args.timeout),
    )
    console = cli_console(stderr=True)
    sandbox = make_sandbox(args.sandbox, args.image)
    with _MineProgress(console) as progress:
        run = mine(config, sandbox, on_mined=progress.mined, on_start=progress.start)
    valid = [m for m in run.mined if m.case is not None]
    console.print(
        f"{len(valid)} valid of {len(run.mined)} candidates validated"
        + (f" ({run.resumed} decided by an earlier run)" if run.resumed else "")
        + f"; {len(run.skipped)} commits were not candidates (no test or no source change)",
        highlight=False,
    )
    console.print(f"cases: {config.out}   dropped, with reasons: {report_path(config.out)}", highlight=False)
    return 0


class _MineProgress:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]mine"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[valid]}"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        self.task = self.progress.add_task("mine", total=None, valid="")
        self.valid = 0

    def __enter__(self) -> _MineProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def mined(self, result: Mined) -> None:
        self.valid += result.case is not None
        self.progress.update(self.task, advance=1, valid=f"{self.valid} valid")
        if not self.console.is_terminal:
            what = "valid" if result.case is not None else f"dropped: {result.verdict.dropped}"
            print(f"{result.candidate.commit[:10]} {result.candidate.subject[:60]}: {what}", file=sys.stderr)
