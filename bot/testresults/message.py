"""The short failure message kept per test: enough to recognise the failure, bounded for prompts and PRs."""

from __future__ import annotations

MAX_MESSAGE_CHARS = 500
MAX_MESSAGE_LINES = 8


def short_message(text: str | None) -> str:
    """The first lines of ``text``, at most MAX_MESSAGE_CHARS characters."""
    if not text:
        return ""
    lines = [line.rstrip() for line in text.strip().splitlines()[:MAX_MESSAGE_LINES]]
    kept = "\n".join(lines)
    if len(kept) > MAX_MESSAGE_CHARS:
        return kept[: MAX_MESSAGE_CHARS - 1] + "…"
    return kept
