"""`architect-bot apply`: apply an editor answer read from stdin to a repository, or say why not."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.edits import FORMATS, ApplyResult, EditPolicy, apply_answer
from bot.errors import UsageError

EXIT_APPLIED = 0
EXIT_FAILED = 3


def register(sub: Any) -> None:
    p = sub.add_parser(
        "apply",
        help="apply an editor answer (SEARCH/REPLACE, whole, udiff) to a repo",
        description="Reads an editor answer on stdin and applies it atomically: every block or nothing "
        "(unless --partial). Exit 0 applied, 3 malformed or a block failed, 2 usage error.",
    )
    p.add_argument("--repo", required=True, type=Path, help="repository work tree to change")
    p.add_argument("--format", choices=FORMATS, default="diff", help="edit format of the answer")
    p.add_argument("--partial", action="store_true", help="keep the blocks that apply even if others fail")
    p.add_argument("--json", action="store_true", help="print the result (with the reflection) as JSON")
    p.add_argument("--allow-protected", action="store_true", help="allow edits under .github/")
    p.add_argument("--dry-run", action="store_true", help="check and show the diff, write nothing")
    p.add_argument(
        "--fuzzy-threshold",
        type=float,
        default=EditPolicy.fuzzy_threshold,
        help="similarity (0-1) a fuzzy match needs",
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if not args.repo.is_dir():
        raise UsageError(f"--repo {args.repo} is not a directory: give the repository's work tree")
    if not 0.5 <= args.fuzzy_threshold <= 1.0:
        raise UsageError("--fuzzy-threshold must be between 0.5 and 1.0")
    if sys.stdin.isatty():
        raise UsageError("pipe the editor's answer on stdin: architect-bot apply --repo PATH < answer.md")
    answer = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    policy = EditPolicy(allow_protected=args.allow_protected, fuzzy_threshold=args.fuzzy_threshold)
    result = apply_answer(
        args.repo, answer, args.format, partial=args.partial, policy=policy, dry_run=args.dry_run
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        show(result)
    return EXIT_APPLIED if result.well_formed else EXIT_FAILED


def show(result: ApplyResult) -> None:
    if result.diff:
        sys.stdout.write(result.diff)
    state = "written" if result.written else "not written"
    total = result.blocks_applied + result.blocks_failed
    print(
        f"{result.blocks_applied} of {total} blocks applied, {result.blocks_failed} failed; "
        f"files {state}: {', '.join(result.changed_files) or 'none'}",
        file=sys.stderr,
    )
    if result.reflection:
        print(result.reflection, file=sys.stderr)
