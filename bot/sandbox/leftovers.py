"""Ending what a local sandbox command left running.

Killing the command's process group misses what left the group (`setsid`, a daemonising server). Every
process the sandbox starts inherits a marker variable, and a process keeps its environment, so the
marker finds them all in /proc wherever they went (the user's own processes only: others' are not
readable, and never ours).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path

MARKER = "ARCHITECT_SANDBOX_RUN"
PASSES = 10


def new_marker() -> tuple[str, str]:
    """(variable, value) to put in the environment of everything one sandbox run starts."""
    return MARKER, uuid.uuid4().hex


def _marked(value: str) -> list[int]:
    needle = f"{MARKER}={value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def end_marked(value: str) -> None:
    """SIGKILLs every process carrying the marker, until none is left (or PASSES tries)."""
    if not Path("/proc/self/environ").exists():  # not Linux: the process group kill is all there is
        return
    for _ in range(PASSES):
        pids = _marked(value)
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)
