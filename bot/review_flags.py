"""What makes a change a draft for a person to look at before anyone merges it, the same for the CLI and
the Action: tests rigged rather than code fixed, edits to protected paths (made under `allow-protected`),
and files outside a plan a person wrote or edited (bot/plan_scope.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.edits.paths import matches_any
from bot.gitutil import file_at, git
from bot.plan_scope import PlanScope
from bot.tamper import FileChange, find_tampering


@dataclass(frozen=True)
class ReviewFlags:
    tampering: str | None = None  # the note naming each rigging finding
    protected: str | None = None  # the note naming each protected file changed
    outside_plan: str | None = None  # the note naming each file outside a plan a person wrote

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(n for n in (self.tampering, self.protected, self.outside_plan) if n)

    def draft(self, allow_tampering: bool = False) -> bool:
        bound = self.protected is not None or self.outside_plan is not None
        return bound or (self.tampering is not None and not allow_tampering)


def changes_in(workdir: Path, since: str = "HEAD") -> list[FileChange]:
    """Every file the worktree changes against ``since`` (new files included): its text at the commit the
    branch forked from ``since`` and on disk now. A revision thus answers for the whole pull request,
    not only its newest commit."""
    fork = git(workdir, "merge-base", since, "HEAD")
    git(workdir, "add", "--all")
    names = git(workdir, "diff", "--cached", "--name-only", "-z", "--no-renames", fork, strip=False)
    changes = []
    for path in filter(None, names.split("\0")):
        on_disk = workdir / path
        after = on_disk.read_text(encoding="utf-8", errors="replace") if on_disk.is_file() else None
        changes.append(FileChange(path, file_at(workdir, fork, path), after))
    return changes


def review_flags(
    workdir: Path,
    protected_globs: Sequence[str],
    *,
    since: str = "HEAD",
    missing_tests: Sequence[str] = (),
    plan: PlanScope | None = None,
) -> ReviewFlags:
    """Flags for the change in ``workdir`` against ``since`` (the default branch, for a pull request);
    ``missing_tests`` are test ids that ran at the base and are absent from the results after the change
    (from per-test results, when there are any)."""
    changes = changes_in(workdir, since)
    findings = find_tampering(changes, missing_tests)
    tampering = (
        "⚠️ This change touches the tests in a way that may hide a failure: "
        + "; ".join(f.describe() for f in findings)
        + ". The pull request stays a draft until a maintainer has looked."
        if findings
        else None
    )
    touched = [c.path for c in changes if matches_any(c.path, tuple(protected_globs))]
    protected = (
        "⚠️ This change edits protected paths (workflows, the bot's settings or `protected-paths`): "
        + ", ".join(f"`{p}`" for p in touched)
        + ". The pull request stays a draft until a maintainer has looked."
        if touched
        else None
    )
    strays = plan.strays if plan is not None and plan.by_person else ()
    outside = (
        "⚠️ This change touches files outside the plan a person wrote or edited: "
        + ", ".join(f"`{p}`" for p in strays)
        + ". The pull request stays a draft until a maintainer has looked."
        if strays
        else None
    )
    return ReviewFlags(tampering, protected, outside)
