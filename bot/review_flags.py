"""What makes a change a draft for a person to look at before anyone merges it, the same for the CLI and
the Action: tests rigged rather than code fixed, and edits to protected paths (made under `allow-protected`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.edits.paths import matches_any
from bot.gitutil import file_at
from bot.tamper import FileChange, find_tampering


@dataclass(frozen=True)
class ReviewFlags:
    tampering: str | None = None  # the note naming each rigging finding
    protected: str | None = None  # the note naming each protected file changed

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(n for n in (self.tampering, self.protected) if n)

    def draft(self, allow_tampering: bool = False) -> bool:
        return self.protected is not None or (self.tampering is not None and not allow_tampering)


def changes_in(workdir: Path, paths: Sequence[str]) -> list[FileChange]:
    """Each path's text at the worktree's HEAD (the commit the edits started from) and on disk now."""
    changes = []
    for path in paths:
        on_disk = workdir / path
        after = on_disk.read_text(encoding="utf-8", errors="replace") if on_disk.is_file() else None
        changes.append(FileChange(path, file_at(workdir, "HEAD", path), after))
    return changes


def review_flags(
    workdir: Path, changed: Sequence[str], protected_globs: Sequence[str], missing_tests: Sequence[str] = ()
) -> ReviewFlags:
    """Flags for the uncommitted change in ``workdir``; ``missing_tests`` are test ids that ran at the
    base and are absent from the results after the change (from per-test results, when there are any)."""
    findings = find_tampering(changes_in(workdir, changed), missing_tests)
    tampering = (
        "⚠️ This change touches the tests in a way that may hide a failure: "
        + "; ".join(f.describe() for f in findings)
        + ". The pull request stays a draft until a maintainer has looked."
        if findings
        else None
    )
    touched = [p for p in changed if matches_any(p, tuple(protected_globs))]
    protected = (
        "⚠️ This change edits protected paths (allowed by `allow-protected`): "
        + ", ".join(f"`{p}`" for p in touched)
        + ". The pull request stays a draft until a maintainer has looked."
        if touched
        else None
    )
    return ReviewFlags(tampering, protected)
