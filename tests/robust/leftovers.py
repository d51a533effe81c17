"""What a run may leave behind: worktrees registered in the user's repository, scratch directories."""

from __future__ import annotations

from pathlib import Path

from tests.pipeline.helpers import git


def worktrees(repo: Path) -> list[str]:
    """Paths of the worktrees registered in ``repo`` besides the repository itself."""
    listed = git(repo, "worktree", "list", "--porcelain").splitlines()
    return [line[9:] for line in listed if line.startswith("worktree ")][1:]


def scratch_dirs(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.glob("architect-run-*"))
