"""What of a failed CI job's log goes to a model: its end, readable, bounded. The log is untrusted
text (it prints whatever the tests and the code under test print)."""

from __future__ import annotations

import re

from bot.sandbox.output import strip_escapes

TAIL_LINES = 80
TAIL_CHARS = 6000
# GitHub's log lines start with an ISO timestamp: "2026-12-05T06:01:02.1234567Z "
_STAMP = re.compile(r"^\ufeff?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ", re.MULTILINE)


def log_tail(log: str) -> str:
    """The last lines of ``log`` without timestamps and terminal escapes, at most TAIL_CHARS."""
    text = strip_escapes(_STAMP.sub("", log))
    tail = "\n".join(text.rstrip().splitlines()[-TAIL_LINES:])
    return tail[-TAIL_CHARS:]
