"""Who started a scratch directory or a sandbox container: ``"<host>/<pid namespace> <pid>"``, and
whether it is gone.

A run killed outright (SIGKILL, an OOM kill, a lost runner) cleans up nothing; the next run tells
what such a run left from what a live one holds by asking whether the owner's process still exists.
Only owners on this host and in this pid namespace can be judged: a pid means nothing on another
machine, nor in another container sharing the host's name and Docker engine (act jobs, containerised
runners).
"""

from __future__ import annotations

import os
import socket


def _place() -> str:
    """This host and pid namespace (the process table a pid is read in)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:")
    except OSError:
        namespace = "?"
    return f"{socket.gethostname()}/{namespace}"


def this_owner() -> str:
    return f"{_place()} {os.getpid()}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def owner_is_dead(owner: str) -> bool:
    """True for an owner in this host's pid namespace whose process is gone; False when unsure
    (another host, another namespace, or an owner written by an older version)."""
    host, _, pid = owner.strip().rpartition(" ")
    return host == _place() and pid.isdigit() and not pid_alive(int(pid))
