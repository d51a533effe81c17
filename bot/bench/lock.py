"""One benchmark run per ``--out`` folder at a time: an exclusive, non-blocking flock.

The kernel drops the lock when the holder exits, even when it is killed, so a crashed run never
leaves a stale lock behind (the file stays; only the lock on it matters).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType
from typing import IO

from bot.errors import UsageError

LOCK_FILE = ".bench.lock"


class OutDirLock:
    """``with OutDirLock(out):`` holds ``out/.bench.lock`` or raises UsageError at once."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_FILE
        self._handle: IO[str] | None = None

    def __enter__(self) -> OutDirLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise UsageError(
                f"another `architect-bot bench` run ({holder}) is writing into {self.path.parent}; "
                "wait for it to finish, or pass another --out folder"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
