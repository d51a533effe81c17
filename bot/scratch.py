"""The scratch worktree a run edits in, removed on every way out: a return, an exception, SIGINT or
SIGTERM (SIGKILL cannot be caught: the next run sweeps up after it, see ``sweep_stale_scratch``).

Layout: ``$TMPDIR/architect-run-XXXX/`` holds ``owner`` (this host and pid, so a later run can tell
a live run's scratch from a dead one's) and ``work/``, a detached worktree of the user's repository.
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from bot.gitutil import add_worktree, git, remove_worktree
from bot.process_owner import owner_is_dead, this_owner

log = logging.getLogger(__name__)

PREFIX = "architect-run-"
OWNER_FILE = "owner"
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """A signal stopped the run. A KeyboardInterrupt, so no ``except Exception`` on the way up
    swallows it; ``exit_code`` is the shell's 128 + signal number (130 for SIGINT, 143 for SIGTERM)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.exit_code = 128 + signum
        super().__init__(signal.Signals(signum).name)


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _is_stale(scratch: Path) -> bool:
    try:
        owner = (scratch / OWNER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return False  # no owner written: not ours to judge
    return owner_is_dead(owner)


def sweep_stale_scratch(repo: Path) -> None:
    """Removes what runs killed outright left: their worktrees registered in ``repo`` and their
    scratch directories under this $TMPDIR, when the process that made them is gone."""
    listed = git(repo, "worktree", "list", "--porcelain", check=False).splitlines()
    for line in listed:
        path = Path(line.removeprefix("worktree "))
        if line.startswith("worktree ") and path.parent.name.startswith(PREFIX) and _is_stale(path.parent):
            log.info("removing the worktree %s a killed run left", path)
            remove_worktree(repo, path)
    git(repo, "worktree", "prune", check=False)  # entries whose directory is already gone
    for scratch in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        if _is_stale(scratch):
            log.info("removing %s, left by a killed run", scratch)
            shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` inside the block (main thread only: Python runs
    handlers there), so the stack unwinds through every ``finally`` on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_interrupted) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Clean-up is not cut short by a second Ctrl-C: the signals wait until it is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {s: signal.signal(s, lambda signum, _f: pending.append(signum)) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if pending:
            raise Interrupted(pending[0])


@contextmanager
def scratch_worktree(repo: Path, commit: str) -> Iterator[Path]:
    """A detached worktree of ``commit`` in a fresh scratch directory, removed however the block ends."""
    sweep_stale_scratch(repo)
    with _signals_raise():
        scratch = Path(tempfile.mkdtemp(prefix=PREFIX))
        try:
            (scratch / OWNER_FILE).write_text(this_owner() + "\n", encoding="utf-8")
            workdir = scratch / "work"
            add_worktree(repo, workdir, commit)
            yield workdir
        finally:
            with _signals_held():
                remove_worktree(repo, scratch / "work")
                shutil.rmtree(scratch, ignore_errors=True)
