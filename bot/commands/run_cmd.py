"""`architect-bot run`: the whole loop on a local checkout; `architect-bot plan`: the plan only."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from bot.baseline import BaselineCache
from bot.commands.common import add_task_args, print_json, show_outcome, task_from
from bot.errors import UsageError
from bot.forge.local import local_publisher
from bot.gitutil import cache_dir, commit_tree, head_commit
from bot.models.factory import build_model, build_models
from bot.pipeline import run_pipeline
from bot.planning import plan_only
from bot.progress import QuietProgress, RichProgress
from bot.quote import quote_go
from bot.sandbox import make_sandbox


def register(sub: Any) -> None:
    p = sub.add_parser(
        "run",
        help="fix an issue in a local checkout: plan, edit, test, branch + PR.md",
        description="Runs the whole architect/editor loop. Exit 0 fixed, 1 not fixed, "
        "2 usage or config error, 3 model or guard error.",
    )
    add_task_args(p)
    p.add_argument("--dry-run", action="store_true", help="do everything but create the branch and PR.md")
    p.set_defaults(handler=handle_run)
    q = sub.add_parser(
        "plan", help="ask the architect for a plan only", description="Stages 1-3: prints the plan."
    )
    add_task_args(q)
    q.set_defaults(handler=handle_plan)


def handle_run(args: argparse.Namespace) -> int:
    task = task_from(args)
    if "editor" not in task.settings.model_fields_set:
        print(
            f"editor: {task.settings.editor} (the default; choose one with --editor or `editor:` "
            "in the config)",
            file=sys.stderr,
        )
    models = build_models(task.settings)
    sandbox = make_sandbox(task.settings.sandbox, task.settings.image)
    progress = QuietProgress() if args.json else RichProgress()
    publish = None if args.dry_run else local_publisher(task)
    outcome = run_pipeline(
        task, models, sandbox, publish=publish, progress=progress, cache_dir=cache_dir(task.repo)
    )
    if args.json:
        print_json(outcome.to_dict())
    else:
        show_outcome(outcome)
    return outcome.status.exit_code


def handle_plan(args: argparse.Namespace) -> int:
    task = task_from(args)
    if task.settings.architect is None:
        raise UsageError(
            "`plan` needs an architect model: pass --architect or set `architect:` in the config"
        )
    architect = build_model(task.settings, task.settings.architect)
    progress = QuietProgress() if args.json else RichProgress()
    progress.stage("plan", architect.name)
    base = head_commit(task.repo, task.base_ref)
    try:
        # the files of the commit `run` would start from, not what else lies in the working tree
        with commit_tree(task.repo, base) as tree:
            planned = plan_only(architect, tree, task.issue.text, task.settings, on_delta=progress.delta)
            tests = BaselineCache(cache_dir(task.repo)).test_seconds_at(base)
            quote = quote_go(planned.plan.text, planned.plan.files, tree, task.settings, test_seconds=tests)
    finally:
        progress.close()
    plan, usage, cost = planned.plan, planned.usage, planned.cost
    if args.json:
        print_json(
            {"plan": plan.text, "files": list(plan.files), "usage": asdict(usage), "quote": asdict(quote)}
        )
    else:
        print(plan.text)
        print(
            f"\n[files: {', '.join(plan.files) or 'none named'}; thinking {usage.thinking_seconds:.1f} s, "
            f"{usage.reasoning_tokens} reasoning tokens; cost {cost}]"
        )
        print(f"\n{quote.text()}")
    return 0
