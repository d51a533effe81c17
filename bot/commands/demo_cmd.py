"""`architect-bot demo`: the whole pipeline, offline, on the bundled example with replayed models."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

import bot
from bot.commands.common import print_json, show_outcome
from bot.commands.console import cli_console
from bot.config import Settings
from bot.errors import UsageError
from bot.forge.local import local_publisher
from bot.gitutil import repo_from_copy
from bot.models.factory import build_models
from bot.pipeline import run_pipeline
from bot.progress import QuietProgress, RichProgress
from bot.sandbox import make_sandbox
from bot.task import Task, issue_from_markdown

EXAMPLE = Path(bot.__file__).resolve().parent.parent / "examples" / "demo"
# the models the transcripts were recorded with (both retired since; replay is offline and unaffected)
RECORDED = "deepseek/deepseek-reasoner (architect) + anthropic/claude-sonnet-4-5 (editor)"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="run the whole pipeline offline on the bundled example",
        description="Copies examples/demo to a temporary git repository and fixes its issue with "
        "recorded (replayed) model answers, real edits and real tests.",
    )
    p.add_argument(
        "--sandbox",
        choices=["docker", "local", "auto"],
        default="auto",
        help="where the tests run (default: Docker when an engine answers, else local)",
    )
    p.add_argument("--dir", type=Path, help="where to put the demo repository (default: a new temp dir)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(handler=handle)


def demo_repo(dest: Path) -> Path:
    """A fresh git repository in ``dest`` holding the bundled example, committed once."""
    if not (EXAMPLE / "repo").is_dir():
        raise UsageError(
            f"the bundled example is missing ({EXAMPLE / 'repo'}); "
            "run the demo from a checkout of architect-bot"
        )
    return repo_from_copy(EXAMPLE / "repo", dest / "invoice", "invoice 0.3.1")


def demo_task(repo: Path, sandbox: str) -> Task:
    transcripts = EXAMPLE / "transcripts"
    settings = Settings(
        architect=f"replay/{transcripts / 'architect.yml'}",
        editor=f"replay/{transcripts / 'editor.yml'}",
        edit_format="diff",
        test_command="python3 -m pytest -q -p no:cacheprovider",
        sandbox=sandbox,  # type: ignore[arg-type]
        image="architect-bot/sandbox:bookworm" if sandbox != "local" else None,
        tries=2,
        # the recorded plan names a behaviour to reproduce; `always` keeps the demo the same whichever
        # tests fail at the base (under `auto` a failing rounding test about the issue would skip it)
        reproduce="always",
    )
    issue = issue_from_markdown((EXAMPLE / "issue.md").read_text(encoding="utf-8"), number=1)
    return Task(repo=repo, base_ref="HEAD", issue=issue, settings=settings)


def handle(args: argparse.Namespace) -> int:
    console = cli_console(stderr=args.json)
    dest = args.dir or Path(tempfile.mkdtemp(prefix="architect-demo-"))
    dest.mkdir(parents=True, exist_ok=True)
    repo = demo_repo(dest)
    task = demo_task(repo, args.sandbox)
    console.print(f"[bold]architect-bot demo[/]: fixing issue #1 of a small invoicing library in {repo}")
    console.print(
        f"Models are [bold]replayed[/] from recorded answers of {RECORDED}; edits, tests in the "
        "sandbox, the branch and PR.md are real.\n"
    )
    # the demo's code is bundled and trusted: the one place `auto` may fall back to the local sandbox
    sandbox = make_sandbox(task.settings.sandbox, task.settings.image, may_fall_back=True)
    console.print(f"Tests run in the [bold]{sandbox.name}[/] sandbox.")
    outcome = run_pipeline(
        task,
        build_models(task.settings),
        sandbox,
        publish=local_publisher(task),
        progress=QuietProgress() if args.json else RichProgress(),
    )
    if args.json:
        print_json(outcome.to_dict())
        return outcome.status.exit_code
    show_outcome(outcome, console)
    console.print(
        "\nWith real models: [bold]architect-bot run --repo PATH --issue-file ISSUE.md "
        "--architect anthropic/claude-opus-5-5 --editor anthropic/claude-sonnet-5-5[/] "
        "(set ANTHROPIC_API_KEY; any current catalog model works, see `architect-bot models`)."
    )
    return outcome.status.exit_code
