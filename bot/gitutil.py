"""Thin, typed wrappers over the git command line (the one VCS tool every runner has)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.errors import ForgeError

BOT_NAME = "architect-bot"
BOT_EMAIL = "architect-bot@users.noreply.github.com"


def git(repo: Path, *args: str, check: bool = True, input_text: str | None = None) -> str:
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
    return proc.stdout.strip()


def is_repo(path: Path) -> bool:
    return path.is_dir() and git(path, "rev-parse", "--git-dir", check=False) != ""


def toplevel(path: Path) -> Path:
    return Path(git(path, "rev-parse", "--show-toplevel"))


def head_commit(repo: Path, ref: str = "HEAD") -> str:
    return git(repo, "rev-parse", "--verify", f"{ref}^{{commit}}")


def dirty_paths(repo: Path) -> list[str]:
    out = git(repo, "status", "--porcelain", "--untracked-files=normal")
    return [line[3:] for line in out.splitlines() if line.strip()]


def git_dir(repo: Path) -> Path:
    return Path(git(repo, "rev-parse", "--absolute-git-dir"))


def branch_exists(repo: Path, branch: str) -> bool:
    return git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False) != ""


def add_worktree(repo: Path, path: Path, commit: str) -> None:
    git(repo, "worktree", "add", "--detach", "--quiet", str(path), commit)


def remove_worktree(repo: Path, path: Path) -> None:
    git(repo, "worktree", "remove", "--force", str(path), check=False)
    git(repo, "worktree", "prune", check=False)


def commit_all(workdir: Path, message: str) -> str | None:
    """Commits every change in ``workdir`` as the bot; None when there was nothing to commit."""
    git(workdir, "add", "--all")
    if _nothing_staged(workdir):
        return None
    git(
        workdir,
        "-c",
        f"user.name={BOT_NAME}",
        "-c",
        f"user.email={BOT_EMAIL}",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--no-verify",
        "-F",
        "-",
        input_text=message,
    )
    return head_commit(workdir)


def _nothing_staged(workdir: Path) -> bool:
    proc = subprocess.run(["git", "-C", str(workdir), "diff", "--cached", "--quiet"], check=False)
    return proc.returncode == 0
