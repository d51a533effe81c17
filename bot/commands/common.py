"""Flags and wiring shared by `run`, `plan` and `demo`: only entry points build real clients."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table

from bot.commands.console import cli_console, section
from bot.config import Settings, load_settings
from bot.edits.types import FORMATS
from bot.errors import UsageError
from bot.evidence_text import environment_line, evidence_lines
from bot.gitutil import dirty_paths, head_commit, is_repo, toplevel
from bot.outcome import Outcome
from bot.task import Issue, Task, issue_from_markdown


def add_task_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo", type=Path, default=Path("."), help="git checkout to fix (default: .)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--issue-file", type=Path, help="markdown file: first heading is the title")
    src.add_argument("--issue-text", help="the issue as text")
    p.add_argument("--issue-number", type=int, help="issue number, for the branch name and `Fixes #n`")
    p.add_argument("--base", default="HEAD", help="commit to start from and read settings at (default: HEAD)")
    p.add_argument("--architect", help="reasoning model that plans (omit: the editor works alone)")
    p.add_argument("--editor", help="model that writes the edits")
    p.add_argument("--base-url", help="OpenAI-compatible endpoint for compat/... models")
    p.add_argument("--edit-format", choices=FORMATS)
    p.add_argument("--test-cmd", help="command that runs the tests (default: config, else detected)")
    p.add_argument("--setup-cmd", help="command run before the tests, with network (e.g. pip install -e .)")
    p.add_argument(
        "--sandbox",
        choices=["docker", "local", "auto"],
        help="where tests run (default: auto = Docker; local runs them unisolated on this machine)",
    )
    p.add_argument("--local", dest="sandbox", action="store_const", const="local", help="--sandbox local")
    p.add_argument("--setup-as-root", action="store_true", default=None, help="run the setup command as root")
    p.add_argument(
        "--no-setup-network",
        dest="setup_network",
        action="store_false",
        default=None,
        help="no network for setup",
    )
    p.add_argument("--image", help="Docker image for the tests")
    p.add_argument("--tries", type=int, help="test-and-fix rounds (default 2)")
    p.add_argument("--reflections", type=int, help="times a failed edit goes back to the editor (default 3)")
    p.add_argument("--retry-with", choices=["editor", "architect"], help="who gets failing test output")
    p.add_argument(
        "--reproduce",
        choices=["auto", "always", "never"],
        help="write a test that fails at the base before fixing (default auto: when the plan names one)",
    )
    p.add_argument("--max-cost-usd", type=float, help="stop when the models have cost this much")
    p.add_argument("--allow-dirty", action="store_true", help="run even if the working tree has changes")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")


def settings_from(args: argparse.Namespace, repo: Path, base: str) -> Settings:
    """The config file as committed in ``base`` (what the run starts from), then the flags."""
    return load_settings(
        repo,
        {
            "architect": args.architect,
            "editor": args.editor,
            "base_url": args.base_url,
            "edit_format": args.edit_format,
            "test_command": args.test_cmd,
            "setup_command": args.setup_cmd,
            "sandbox": args.sandbox,
            "setup_as_root": args.setup_as_root,
            "setup_network": args.setup_network,
            "image": args.image,
            "tries": args.tries,
            "reflections": args.reflections,
            "retry_with": args.retry_with,
            "reproduce": args.reproduce,
            "max_cost_usd": args.max_cost_usd,
        },
        commit=base,
    )


def read_issue(args: argparse.Namespace) -> Issue:
    if args.issue_file is not None:
        try:
            text = args.issue_file.read_text(encoding="utf-8", errors="replace")
        except OSError as err:
            raise UsageError(f"cannot read --issue-file {args.issue_file}: {err.strerror}") from err
    else:
        text = args.issue_text
    return issue_from_markdown(text, args.issue_number)


def task_from(args: argparse.Namespace) -> Task:
    if not is_repo(args.repo):
        raise UsageError(f"--repo {args.repo} is not a git repository")
    repo = toplevel(args.repo)
    dirty = dirty_paths(repo)
    if dirty and not args.allow_dirty:
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise UsageError(
            f"the working tree of {repo} has uncommitted changes ({shown}); the bot starts from the last "
            "commit and would not see them. Commit or stash them, or pass --allow-dirty"
        )
    base = head_commit(repo, args.base)  # a usage error naming the ref when it is no commit
    return Task(repo=repo, base_ref=base, issue=read_issue(args), settings=settings_from(args, repo, base))


def show_outcome(outcome: Outcome, console: Console | None = None, *, show_plan: bool = True) -> None:
    console = console or cli_console()
    if show_plan and outcome.plan:
        section(console, "plan")
        console.print(Markdown(outcome.plan))
    if outcome.diff:
        section(console, "diff")
        console.print(Syntax(outcome.diff, "diff", background_color="default"))
    if outcome.tries:
        section(console, "tests")
        last = outcome.tries[-1]
        console.print(last.output_tail.strip()[-3000:], markup=False, highlight=False)
    if outcome.evidence:
        section(console, "evidence")
        for line in evidence_lines(outcome.evidence):
            console.print(f"- {line}", markup=False, highlight=False)
    if outcome.environment:
        console.print(f"- {environment_line(outcome.environment)}", markup=False, highlight=False)
    if outcome.reproduction:  # its message is among the notes too; here it sits beside the evidence
        console.print(f"- Reproduction: {outcome.reproduction.message}", markup=False, highlight=False)
    section(console, "outcome")
    table = Table(show_header=True, header_style="bold")
    for col in ("role", "model", "calls", "reasoning tok", "answer tok", "thinking s", "total s", "cost"):
        table.add_column(col)
    for u in outcome.usage:
        cost = f"${u.cost_usd:.4f}" if u.cost_usd is not None else "unknown"
        table.add_row(
            u.role,
            u.model,
            str(u.calls),
            str(u.reasoning_tokens),
            str(u.answer_tokens),
            f"{u.thinking_seconds:.1f}",
            f"{u.total_seconds:.1f}",
            cost,
        )
    console.print(table)
    colour = "green" if outcome.status.exit_code == 0 else "red"
    console.print(
        f"status: [{colour}]{outcome.status.value}[/]  tries: {len(outcome.tries)}  "
        f"timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in outcome.timings.items())
    )
    console.print("(test: the test command's own time; a progress line's test stage adds the sandbox's)")
    for note in outcome.notes:
        console.print(f"note: {note}", markup=False)
    if outcome.error:
        console.print(f"[red]stopped at {outcome.stopped_at}:[/] {outcome.error}", highlight=False)
    if outcome.branch:
        console.print(f"branch: [bold]{outcome.branch}[/]  commit: {outcome.commit}")
    if outcome.pr_path:
        draft = " (draft: see the notes)" if outcome.draft else ""
        console.print(f"PR text: {outcome.pr_path}{draft}", markup=False)


def print_json(data: dict[str, Any]) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
