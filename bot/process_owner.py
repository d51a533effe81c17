"""Who started a scratch directory or a sandbox container: ``"<host> <pid>"``, and whether it is gone.

A run killed outright (SIGKILL, an OOM kill, a lost runner) cleans up nothing; the next run tells
what such a run left from what a live one holds by asking whether the owner's process still exists.
Only owners on this host can be judged: a pid means nothing on another machine.
"""

from __future__ import annotations

import os
import socket


def this_owner() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def owner_is_dead(owner: str) -> bool:
    """True for an owner on this host whose process is gone; False when unsure (another host)."""
    host, _, pid = owner.strip().rpartition(" ")
    return host == socket.gethostname() and pid.isdigit() and not pid_alive(int(pid))
