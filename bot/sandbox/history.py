"""The sandbox copy's own git history: enough for `git describe` (setuptools-scm, hatch-vcs), and no
link back to the user's repository (no `.git` pointer, no alternates, no core.worktree).

The work tree the bot hands a sandbox is a linked worktree whose `.git` file points into the user's
repository; a test run that followed it could write hooks there or files into the tree being
published. So the copy leaves that `.git` out and gets a fresh repository: one commit of the tree as
it is (edits included, so the build sees a clean checkout) with the source's nearest tag on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from bot.errors import SandboxError
from bot.gitutil import BOT_EMAIL, BOT_NAME

GIT_TIMEOUT_S = 120


def _git(*args: str, cwd: Path | None = None, check: bool = True) -> str:
    # GIT_DIR & co. from a hook or a CI step must not redirect these commands to another repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=GIT_TIMEOUT_S, check=False
    )
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise SandboxError(
            f"could not give the sandbox copy its git history (git {' '.join(args)[-80:]}): "
            f"{detail[-1] if detail else proc.returncode}"
        )
    return proc.stdout.strip()


def is_own_top(source: Path) -> bool:
    """True when ``source`` is the top of a git work tree (not a folder inside someone else's)."""
    top = _git("rev-parse", "--show-toplevel", cwd=source, check=False)
    return bool(top) and Path(top).resolve() == source.resolve()


def nearest_tag(source: Path) -> str | None:
    """The tag `git describe` finds from the source's HEAD, if the source is a repository with one."""
    if not is_own_top(source):
        return None
    return _git("describe", "--tags", "--abbrev=0", "HEAD", cwd=source, check=False) or None


def write_history(work_tree: Path, git_dir: Path, tag: str | None) -> None:
    """Makes ``git_dir`` a fresh repository holding ``work_tree`` as one commit, tagged ``tag``.

    ``git_dir`` may live outside ``work_tree`` (Docker builds it beside the tar); nothing in it names
    ``work_tree`` or the source, so it can be moved into place as ``.git``.
    """
    # No template: no sample hooks, nothing from the host's init.templateDir.
    _git("init", "--quiet", "--bare", "--template=", str(git_dir))
    _git(f"--git-dir={git_dir}", "config", "core.bare", "false")  # it will sit in a work tree as .git
    where = [f"--git-dir={git_dir}", f"--work-tree={work_tree}"]
    identity = ["-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}", "-c", "commit.gpgsign=false"]
    _git(*where, "add", "--all", ".")
    message = "architect-bot: the work tree under test" + (f" (nearest tag {tag})" if tag else "")
    _git(*where, *identity, "-c", "core.hooksPath=/dev/null", "commit", "--quiet", "--no-verify",
         "--allow-empty", "-m", message)  # fmt: skip
    if tag:
        _git(f"--git-dir={git_dir}", "tag", tag)


def copy_without_git(source: Path, dest: Path, *, over: bool = False) -> None:
    """Copies the work tree, leaving out its top-level `.git` (a pointer into the user's repository);
    ``over``: into an existing ``dest``, replacing the files both have."""

    def skip_git(folder: str, names: list[str]) -> list[str]:
        return [".git"] if Path(folder) == source and ".git" in names else []

    shutil.copytree(source, dest, symlinks=True, ignore=skip_git, dirs_exist_ok=over)


def self_contained_copy(source: Path, dest: Path) -> None:
    """``dest``: the files of ``source`` and a git history of their own (see the module docstring)."""
    copy_without_git(source, dest)
    write_history(dest, dest / ".git", nearest_tag(source))


def refresh_copy(source: Path, dest: Path, removed: Iterable[str]) -> None:
    """Makes ``dest`` (a set-up copy of an earlier tree) hold ``source``'s files: copied over, the
    ``removed`` ones deleted, and a new history; what the setup added (build files) stays."""
    shutil.rmtree(dest / ".git", ignore_errors=True)
    for rel in removed:
        (dest / rel).unlink(missing_ok=True)
    copy_without_git(source, dest, over=True)
    write_history(dest, dest / ".git", nearest_tag(source))
