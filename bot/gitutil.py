"""Thin, typed wrappers over the git command line (the one VCS tool every runner has)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.errors import ForgeError, UsageError
from bot.secrets import redact

BOT_NAME = "architect-bot"
BOT_EMAIL = "architect-bot@users.noreply.github.com"


def git(repo: Path, *args: str, check: bool = True, input_text: str | None = None, strip: bool = True) -> str:
    """git's output as text. A repository may hold bytes that are not UTF-8 (a Latin-1 source file
    in a diff): they read as U+FFFD rather than failing the run, as this text is for people and models."""
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
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


def file_at(repo: Path, commit: str, path: str) -> str | None:
    """The text of ``path`` in ``commit`` (None when the commit has no such file): what was committed,
    never what a working tree holds now."""
    if not git(repo, "ls-tree", "--name-only", commit, "--", path):
        return None
    return git(repo, "show", f"{commit}:{path}", strip=False)


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


def cache_dir(repo: Path) -> Path:
    """The bot's cache for ``repo`` inside its git directory (shared by its worktrees, never committed)."""
    common = git(repo, "rev-parse", "--path-format=absolute", "--git-common-dir")
    return Path(common) / "architect-bot" / "cache"


def branch_exists(repo: Path, branch: str) -> bool:
    return git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False) != ""


# git names a worktree's admin folder after the path's base name ("work"): parallel runs in one
# repository (benchmark workers, mining) race on that name, so this process takes turns.
_WORKTREES = threading.Lock()


def add_worktree(repo: Path, path: Path, commit: str) -> None:
    with _WORKTREES:
        git(repo, "worktree", "add", "--detach", "--quiet", str(path), commit)


def remove_worktree(repo: Path, path: Path) -> None:
    with _WORKTREES:
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
    """Commits what is staged in ``workdir`` as the bot (no hooks, no signing); returns the commit.
    The message is where a commit's text leaves the bot: known secrets are masked here."""
    identity = ["-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "-c", "commit.gpgsign=false"]
    text = redact(message)
    git(workdir, *identity, "commit", "--quiet", "--no-verify", *options, "-F", "-", input_text=text)
    return head_commit(workdir)


def commit_all(workdir: Path, message: str) -> str | None:
    """Commits every change in ``workdir`` as the bot; None when there was nothing to commit."""
    git(workdir, "add", "--all")
    if _nothing_staged(workdir):
        return None
    return commit_as_bot(workdir, message)


def merge_base(repo: Path, one: str, other: str) -> str | None:
    """Where ``one`` and ``other`` meet (a pull request's head and the default branch: where it
    branched off); None when they share no history."""
    return git(repo, "merge-base", one, other, check=False) or None


def messages_since(repo: Path, since: str, until: str = "HEAD") -> list[tuple[str, str]]:
    """(sha, message) of the commits in ``since..until``, oldest first."""
    text = git(
        repo, "log", "--reverse", "--format=%H%x1f%B%x1e", f"{since}..{until}", check=False, strip=False
    )
    found = []
    for record in text.split("\x1e"):
        sha, sep, message = record.strip("\n").partition("\x1f")
        if sep:
            found.append((sha, message))
    return found


def stage_tree(workdir: Path) -> str:
    """Stages every change in ``workdir``; returns the id of the tree that is now staged."""
    git(workdir, "add", "--all")
    return git(workdir, "write-tree")


def commit_tested(workdir: Path, message: str, tree: str | None) -> str | None:
    """Commits exactly ``tree`` (the one the tests ran on and the diff was taken from) on HEAD,
    whatever the work tree holds by now; without a tree, every change. None: nothing to commit."""
    if tree is None:
        return commit_all(workdir, message)
    git(workdir, "read-tree", tree)
    if _nothing_staged(workdir):
        return None
    return commit_as_bot(workdir, message)


def _nothing_staged(workdir: Path) -> bool:
    proc = subprocess.run(["git", "-C", str(workdir), "diff", "--cached", "--quiet"], check=False)
    return proc.returncode == 0


def repo_from_copy(source: Path, repo: Path, message: str) -> Path:
    """A new git repository at ``repo`` holding a copy of ``source``, committed once as ``message``."""
    if not source.is_dir():
        raise UsageError(f"{source} is not a directory to copy into a new repository")
    shutil.copytree(source, repo, ignore=shutil.ignore_patterns(".git"))
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    identity = [
        "-c",
        "user.name=Demo User",
        "-c",
        "user.email=demo@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    git(repo, *identity, "commit", "--quiet", "-m", message)
    return repo
