"""Bounded capture of a process's output: keep the head and the tail, count what was cut; terminal
escape codes are dropped (a project forcing `--color=yes` would fill the models' feedback and the PR
with them)."""

from __future__ import annotations

import re
from collections import deque

# CSI (colours, cursor moves), OSC (titles, links) ended by BEL or ST, and two-byte escapes
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def strip_escapes(text: str) -> str:
    return _ESCAPES.sub("", text)


class BoundedOutput:
    """Accumulates bytes while holding at most ``budget`` of them in memory.

    The first half of the budget keeps the head, the second half keeps a rolling tail,
    so a 100 MB flood costs ``budget`` bytes, not 100 MB.
    """

    def __init__(self, budget: int) -> None:
        if budget < 64:
            raise ValueError("output budget must be at least 64 bytes")
        self._head_cap = budget // 2
        self._tail_cap = budget - self._head_cap
        self._head = bytearray()
        self._tail: deque[bytes] = deque()
        self._tail_len = 0
        self.total = 0

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.total += len(chunk)
        room = self._head_cap - len(self._head)
        if room > 0:
            self._head += chunk[:room]
            chunk = chunk[room:]
        if not chunk:
            return
        if len(chunk) >= self._tail_cap:
            self._tail.clear()
            chunk = chunk[-self._tail_cap :]
            self._tail_len = 0
        self._tail.append(chunk)
        self._tail_len += len(chunk)
        while self._tail_len > self._tail_cap:
            excess = self._tail_len - self._tail_cap
            first = self._tail[0]
            if len(first) <= excess:
                self._tail.popleft()
                self._tail_len -= len(first)
            else:
                self._tail[0] = first[excess:]
                self._tail_len -= excess

    @property
    def cut(self) -> int:
        return self.total - len(self._head) - self._tail_len

    def text(self) -> str:
        """The kept output, decoded leniently, without escape codes, marked where bytes were dropped."""
        head = strip_escapes(bytes(self._head).decode("utf-8", errors="replace"))
        tail = strip_escapes(b"".join(self._tail).decode("utf-8", errors="replace"))
        if self.cut:
            marker = f"\n[... {self.cut} bytes of output cut by architect-bot ...]\n"
            return head + marker + tail
        return head + tail
