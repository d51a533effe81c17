"""Context precision and recall on real fixes: does the architect see the files a real fix changed?

Over the newest fix commits of the bundled cachetools history (first-parent commits that change
source; the commit message stands in for the issue), the context is built at the parent commit as
the pipeline builds it and compared with the fix:
- recall: share of the source files the fix changed that the architect was shown in full, or as
  slices that contain every line the fix changed;
- precision: share of the files shown (whole or sliced) that the fix changed (the tests it changed
  count as relevant too);
- prompt size: tokens of the rendered context (map + files).
Goal (issue 17): recall >= 95 % at the default budget with prompts under 25k tokens. Each missed
file is listed under its commit with why (not shown, or sliced without the changed lines).
Before issue 17: recall 39 %, precision 17 % on the newest 20; after: recall 98 %, precision 45 %.

Usage: python benchmarks/context_recall.py [--bundle PATH] [--commits 20] [--file-tokens 24000]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bench.swe.history import scan
from bot.bench.swe.layout import is_test_path
from bot.context import build_context
from bot.context.builder import Context
from bot.gitutil import add_worktree, git, remove_worktree
from bot.tokens import estimate_tokens
from tests.shared_data import clone_bundle, find_bundle

BUNDLE = find_bundle(Path(__file__)) or Path("../shared/data/cachetools.bundle")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--commits", type=int, default=20)
    parser.add_argument("--file-tokens", type=int, default=24_000)
    parser.add_argument("--map-tokens", type=int, default=4096)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="context-recall-") as tmp:
        repo = Path(tmp) / "repo"
        clone_bundle(args.bundle, repo)
        candidates, _ = scan(repo)
        fixes = [c for c in candidates if any(f.endswith(".py") for f in c.source_files)][: args.commits]
        recalls, precisions, sizes = [], [], []
        print(f"{'commit':<10} {'recall':>6} {'precision':>9} {'tokens':>7}  subject")
        for n, fix in enumerate(fixes):
            work = Path(tmp) / f"w{n}"
            add_worktree(repo, work, fix.parent)
            try:
                context = build_context(
                    work,
                    fix.message,
                    map_tokens=args.map_tokens,
                    file_tokens=args.file_tokens,
                    cache_dir=Path(tmp) / "cache",
                )
            finally:
                remove_worktree(repo, work)
            shown = {f.path for f in context.files}
            changed = {f for f in fix.source_files if f.endswith(".py") and not is_test_path(f)}
            relevant = changed | set(fix.test_files)
            seen = {f for f in changed if _covered(repo, fix.parent, fix.commit, f, context)}
            recall = len(seen) / len(changed) if changed else 1.0
            precision = len(shown & relevant) / len(shown) if shown else 0.0
            tokens = estimate_tokens(context.render())
            recalls.append(recall)
            precisions.append(precision)
            sizes.append(tokens)
            print(f"{fix.commit[:10]} {recall:6.0%} {precision:9.0%} {tokens:7d}  {fix.subject[:50]}")
            for missed in sorted(changed - seen):
                how = "sliced, changed lines not all shown" if missed in shown else "not shown"
                print(f"{'':10} missed {missed}: {how}")
        print(
            f"\n{len(fixes)} fixes: recall {statistics.mean(recalls):.0%}, precision "
            f"{statistics.mean(precisions):.0%}, prompt tokens median {statistics.median(sizes):.0f} "
            f"max {max(sizes)} (goal: recall >= 95 %, prompts < 25k tokens)"
        )
    return 0


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? ", re.M)


def _covered(repo: Path, parent: str, commit: str, path: str, context: Context) -> bool:
    """Shown whole, or sliced with every line the fix changed (at the parent) inside a slice."""
    file = next((f for f in context.files if f.path == path), None)
    if file is None:
        return False
    if not file.sliced:
        return True
    diff = git(repo, "diff", "-U0", "--no-color", parent, commit, "--", path)
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        # a pure insertion (count 0) goes after line ``start``: that line must be shown
        lines = range(start, start + count) if count else range(max(start, 1), max(start, 1) + 1)
        if not all(any(a <= line <= b for a, b in file.spans) for line in lines):
            return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
