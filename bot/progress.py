"""Progress reporting: stages, elapsed time and streamed thinking, so a user never wonders if it hangs."""

from __future__ import annotations

import time
from typing import Protocol

from rich.console import Console
from rich.status import Status


class Progress(Protocol):
    def stage(self, name: str, detail: str = "") -> None: ...
    def done(self, name: str, detail: str = "") -> None: ...
    def delta(self, kind: str, text: str) -> None: ...
    def close(self) -> None: ...


class QuietProgress:
    """Records stages for callers that show nothing (tests, --json, the Action's own comment)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, str]] = []

    def stage(self, name: str, detail: str = "") -> None:
        self.events.append(("stage", name, detail))

    def done(self, name: str, detail: str = "") -> None:
        self.events.append(("done", name, detail))

    def delta(self, kind: str, text: str) -> None:
        pass

    def close(self) -> None:
        pass


class RichProgress:
    """A live spinner on stderr: stage, elapsed seconds, thinking and answer characters streamed."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._status: Status | None = None
        self._stage = ""
        self._start = time.monotonic()
        self._stage_start = self._start
        self._chars = {"reasoning": 0, "answer": 0}
        self._last_refresh = 0.0

    def stage(self, name: str, detail: str = "") -> None:
        self._stage, self._stage_start = name, time.monotonic()
        self._chars = {"reasoning": 0, "answer": 0}
        if self._status is None:
            self._status = self.console.status(self._text(detail))
            self._status.start()
        else:
            self._status.update(self._text(detail))

    def done(self, name: str, detail: str = "") -> None:
        took = time.monotonic() - self._stage_start
        self.console.print(f"[green]✓[/] {name} [dim]({took:.1f} s)[/] {detail}", highlight=False)

    def delta(self, kind: str, text: str) -> None:
        self._chars[kind] = self._chars.get(kind, 0) + len(text)
        now = time.monotonic()
        if self._status is not None and now - self._last_refresh > 0.2:
            self._last_refresh = now
            self._status.update(self._text())

    def _text(self, detail: str = "") -> str:
        elapsed = time.monotonic() - self._stage_start
        extra = ""
        if self._chars["reasoning"]:
            extra += f" · thinking {self._chars['reasoning']:,} chars"
        if self._chars["answer"]:
            extra += f" · answer {self._chars['answer']:,} chars"
        return f"{self._stage} [dim]{elapsed:.0f} s{extra}[/] {detail}"

    def close(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None
