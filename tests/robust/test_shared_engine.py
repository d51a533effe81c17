"""Runs that share one repository or one Docker engine must not undo each other's work."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from bot.gitutil import add_worktree, remove_worktree
from bot.process_owner import this_owner
from tests.pipeline.helpers import make_repo


def test_an_owner_in_another_pid_namespace_is_told_apart() -> None:
    # Two act jobs (or containers on one self-hosted runner) share the host name and the Docker
    # engine but not the process table: a pid read in one means nothing in the other.
    code = "from bot.process_owner import this_owner; print(this_owner())"
    other = subprocess.run(
        ["unshare", "--pid", "--fork", "--mount-proc", sys.executable, "-c", code],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2],
    ).stdout.strip()  # fmt: skip
    assert other.rpartition(" ")[0] != this_owner().rpartition(" ")[0], (other, this_owner())


def test_worktrees_added_at_once_in_one_repository_all_arrive(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    errors: list[BaseException] = []

    def one(n: int) -> None:
        work = tmp_path / f"scratch{n}" / "work"  # every run's worktree has the same base name
        try:
            add_worktree(repo, work, "HEAD")
            assert (work / "calc.py").is_file()
            remove_worktree(repo, work)
        except BaseException as err:
            errors.append(err)

    for _ in range(5):
        threads = [threading.Thread(target=one, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
