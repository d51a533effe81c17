"""One status comment per run, found again by a hidden marker and edited in place as stages pass.

It also carries the hidden spend ledger (``bot.action.ledger``): the entries of earlier runs it was
given, plus this run's, updated as model calls report their cost (``spend``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from bot.action.ledger import Spend, render_ledger
from bot.evidence_text import environment_line, evidence_lines
from bot.outcome import Outcome, Status
from bot.untrusted import code_block

STATUS_MARK = "architect-bot:status:"  # + the issue or pull request number, inside <!-- -->


def status_marker(number: int) -> str:
    """The hidden marker of the status comment on issue or pull request ``number``."""
    return f"{STATUS_MARK}{number}"


ICONS = {"running": "⏳", "done": "✅", "failed": "❌", "skipped": "⚪"}
RESULT = {
    Status.FIXED: "✅ Fixed: a test that failed before the change passes now, and nothing regressed.",
    Status.UNVERIFIED: "⚪ Unverified: the tests pass, but none shows the issue fixed (draft pull request).",
    Status.TESTS_FAILING: "❌ The tests still fail after every try: see the draft pull request.",
    Status.TESTS_NOT_RUN: "⚪ No tests ran: the draft pull request needs a review by hand.",
    Status.NO_CHANGE: "⚪ The editor proposed no change.",
    Status.EDIT_FAILED: "❌ The editor's edits could not be applied.",
    Status.MODEL_ERROR: "❌ A model call failed.",
    Status.GUARD_STOPPED: "❌ A runaway-thinking guard stopped the architect.",
    Status.ERROR: "❌ The bot itself failed: see the run's log.",
}


@dataclass
class _Stage:
    name: str
    state: str
    started: float
    seconds: float = 0.0
    detail: str = ""


class StatusComment:
    """A Progress that mirrors the pipeline's stages into one comment (throttled while streaming)."""

    def __init__(
        self,
        write: Callable[[str], None],
        *,
        run_url: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        min_interval_s: float = 10.0,
        ledger: Mapping[str, Spend] | None = None,
        run: tuple[str, str] | None = None,
    ) -> None:
        """``ledger``: the entries found in the comment before this run; ``run``: (run key, UTC day)
        under which this run's spend is recorded (None: spend is not recorded)."""
        self._write = write
        self._ledger = dict(ledger or {})
        self._run = run
        self.spent_usd = 0.0
        self._run_url = run_url
        self._clock = clock
        self._min_interval = min_interval_s
        self._stages: list[_Stage] = []
        self._thinking_chars = 0
        self._last_write = -1e9
        self.final: str | None = None

    # -- Progress --------------------------------------------------------------------------
    def stage(self, name: str, detail: str = "") -> None:
        if self._stages and self._stages[-1].state == "running":
            self.done(self._stages[-1].name)
        self._stages.append(_Stage(name, "running", self._clock(), detail=detail))
        self._flush(force=True)

    def done(self, name: str, detail: str = "") -> None:
        for s in reversed(self._stages):
            if s.name == name and s.state == "running":
                s.state, s.seconds = "done", self._clock() - s.started
                s.detail = detail or s.detail
        self._flush(force=True)

    def delta(self, kind: str, text: str) -> None:
        if kind == "reasoning":
            self._thinking_chars += len(text)
        self._flush(force=False)

    def spend(self, usd: float) -> None:
        """A model call cost ``usd``: kept in the ledger from the next write on."""
        self.spent_usd += usd
        self._flush(force=False)

    def close(self) -> None:
        for s in self._stages:
            if s.state == "running":
                s.state, s.seconds = "failed", self._clock() - s.started

    # -- rendering -------------------------------------------------------------------------
    def render(self) -> str:
        lines = ["### architect-bot", ""]
        for s in self._stages:
            secs = s.seconds if s.state != "running" else self._clock() - s.started
            detail = f" — {s.detail}" if s.detail else ""
            lines.append(f"- {ICONS[s.state]} **{s.name}** ({secs:.0f} s){detail}")
        if self._thinking_chars and not self.final:
            lines.append(f"\nThinking so far: about {self._thinking_chars // 4:,} tokens.")
        if self.final:
            lines += ["", self.final]
        if self._run_url:
            lines += ["", f"[Workflow run]({self._run_url})"]
        entries = self.ledger()
        if entries:
            lines += ["", render_ledger(entries)]
        return "\n".join(lines)

    def ledger(self) -> dict[str, Spend]:
        """The earlier runs' entries and, once it spent anything, this run's."""
        entries = dict(self._ledger)
        if self._run is not None and self.spent_usd > 0:
            key, day = self._run
            entries.pop(key, None)  # this run's entry goes last: the newest are kept
            entries[key] = Spend(day, self.spent_usd)
        return entries

    def finish(self, outcome: Outcome, extra: str = "") -> None:
        parts = [RESULT[outcome.status]]
        if outcome.evidence:
            parts.append("\n".join(f"- {line}" for line in evidence_lines(outcome.evidence)))
        if outcome.environment:
            parts.append(environment_line(outcome.environment))
        if outcome.pr_url:
            parts.append(f"Pull request: {outcome.pr_url}" + (" (draft)" if outcome.draft else ""))
        if outcome.error:
            # the error can quote a model's answer or a tool's output: a code block keeps it from being prose
            parts.append(f"Stopped at {outcome.stopped_at}:\n\n{code_block(outcome.error)}")
        thinking = sum(u.thinking_seconds for u in outcome.usage)
        cost = "unknown" if outcome.cost_usd is None else f"${outcome.cost_usd:.4f}"
        wall = outcome.timings.get("total", 0.0)
        parts.append(
            f"Tries: {len(outcome.tries)} · thinking {thinking:.0f} s · cost {cost} · wall {wall:.0f} s"
        )
        if extra:
            parts.append(extra)
        self.close()
        self.final = "\n\n".join(parts)
        self._flush(force=True)

    @contextmanager
    def failing_on(self, *kinds: type[BaseException]) -> Iterator[None]:
        """Records in the comment why the run stopped when one of ``kinds`` ends it, then re-raises."""
        try:
            yield
        except kinds as stop:
            self.close()
            self.final = f"⏱️ Stopped: {stop}. Nothing was published; run it again to retry."
            self._flush(force=True)
            raise

    def _flush(self, *, force: bool) -> None:
        now = self._clock()
        if force or now - self._last_write >= self._min_interval:
            self._last_write = now
            self._write(self.render())
