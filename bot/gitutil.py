"""Thin, typed wrappers over the git command line (the one VCS tool every runner has)."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.errors import ForgeError, UsageError

BOT_NAME = "architect-bot"
BOT_EMAIL = "architect-bot@users.noreply.github.com"


def git(repo: Path, *args: str, check: bool = True, input_text: str | None = None, strip: bool = True) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        input=input_text,
        check=False,
    )
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise ForgeError(f"git {args[0]} failed in {repo}: {detail[-1] if detail else proc.returncode}")
    return proc.stdout.strip() if strip else proc.stdout


def is_repo(path: Path) -> bool:
    return path.is_dir() and git(path, "rev-parse", "--git-dir", check=False) != ""


def toplevel(path: Path) -> Path:
    return Path(git(path, "rev-parse", "--show-toplevel"))


def head_commit(repo: Path, ref: str = "HEAD") -> str:
    found = git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    if found:
        return found
    if git(repo, "rev-list", "-n", "1", "--all", check=False) == "":
        raise UsageError(
            f"the repository {repo} has no commits yet: the bot works from a commit, so commit the code "
            "first (git add -A && git commit -m 'Initial commit')"
        )
    raise UsageError(f"'{ref}' is not a commit in {repo}: give a branch, tag or commit that exists")


def dirty_paths(repo: Path) -> list[str]:
    # -z output keeps each entry's two status columns intact (leading spaces matter) and paths unquoted
    entries = git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=normal", strip=False).split("\0")
    paths: list[str] = []
    skip_next = False
    for entry in entries:
        if skip_next:  # the original path of a rename or copy
            skip_next = False
            continue
        if len(entry) > 3:
            paths.append(entry[3:])
            skip_next = entry[0] in "RC"
    return paths


def git_dir(repo: Path) -> Path:
    return Path(git(repo, "rev-parse", "--absolute-git-dir"))


def branch_exists(repo: Path, branch: str) -> bool:
    return git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False) != ""


def add_worktree(repo: Path, path: Path, commit: str) -> None:
    git(repo, "worktree", "add", "--detach", "--quiet", str(path), commit)


def remove_worktree(repo: Path, path: Path) -> None:
    git(repo, "worktree", "remove", "--force", str(path), check=False)
    git(repo, "worktree", "prune", check=False)


@contextmanager
def commit_tree(repo: Path, commit: str) -> Iterator[Path]:
    """A throwaway checkout of ``commit``: its tracked files as committed, nothing untracked or edited."""
    with tempfile.TemporaryDirectory(prefix="architect-tree-") as scratch:
        path = Path(scratch) / "tree"
        add_worktree(repo, path, commit)
        try:
            yield path
        finally:
            remove_worktree(repo, path)


def commit_as_bot(workdir: Path, message: str, *options: str) -> str:
    """Commits what is staged in ``workdir`` as the bot (no hooks, no signing); returns the commit."""
    identity = ["-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "-c", "commit.gpgsign=false"]
    git(workdir, *identity, "commit", "--quiet", "--no-verify", *options, "-F", "-", input_text=message)
    return head_commit(workdir)


def commit_all(workdir: Path, message: str) -> str | None:
    """Commits every change in ``workdir`` as the bot; None when there was nothing to commit."""
    git(workdir, "add", "--all")
    if _nothing_staged(workdir):
        return None
    return commit_as_bot(workdir, message)


def _nothing_staged(workdir: Path) -> bool:
    proc = subprocess.run(["git", "-C", str(workdir), "diff", "--cached", "--quiet"], check=False)
    return proc.returncode == 0
