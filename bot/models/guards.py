"""Runaway-thinking guards, checked on every streamed delta.

A reasoning model can loop for tens of minutes, and a server that ignores ``max_tokens`` can
stream forever. Five guards stop them: caps on reasoning and on answer tokens, a wall-clock
deadline, a loop detector on the reasoning text, and a stall timeout (enforced by the HTTP read
timeout; see the adapters). Each is cheap: the loop detector works on a bounded window of words
and only every ``check_every`` new words.

The two token caps always exist, so what a call collects is bounded whatever the settings say:
without a reasoning cap the ceiling below applies; without an answer cap, the output budget the
request asked for (``max_tokens``) with room for the estimate (tokens are counted from characters).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from bot.models.types import CallSettings, GuardKind
from bot.tokens import CHARS_PER_TOKEN


@dataclass(frozen=True)
class LoopConfig:
    """Fires when, over the last ``window_words`` reasoning words, fewer than ``min_distinct`` of
    the word ``ngram``-grams are distinct: the text keeps saying the same thing.

    Tuned on prose and code reasoning: natural text keeps well above 0.8 distinct 8-grams even
    when it reuses phrases ("Wait, let me check"); a loop of a paragraph of up to ~250 words
    repeated falls under 0.3 once the window is full.
    """

    ngram: int = 8
    window_words: int = 1200
    min_words: int = 240
    min_distinct: float = 0.3
    check_every: int = 60


class LoopDetector:
    """Counts distinct word n-grams over a sliding window, updated word by word (O(1) each)."""

    def __init__(self, config: LoopConfig | None = None) -> None:
        self.config = config or LoopConfig()
        n = self.config.ngram
        self._recent: deque[str] = deque(maxlen=n)  # the last n words: the current n-gram
        self._grams: deque[int] = deque()  # hashes of the n-grams inside the window
        self._counts: dict[int, int] = {}
        self._words = 0
        self._pending = ""
        self._since_check = 0
        self.ratio = 1.0

    def _add(self, word: str) -> None:
        self._recent.append(word)
        self._words += 1
        if len(self._recent) < self.config.ngram:
            return
        gram = hash(tuple(self._recent))
        self._grams.append(gram)
        self._counts[gram] = self._counts.get(gram, 0) + 1
        if len(self._grams) > self.config.window_words:
            old = self._grams.popleft()
            left = self._counts[old] - 1
            if left:
                self._counts[old] = left
            else:
                del self._counts[old]

    def feed(self, text: str) -> bool:
        """Adds reasoning text; True when the recent reasoning is a loop."""
        text = self._pending + text
        parts = text.split()
        # the last part may be a word cut in the middle: keep it for the next delta
        if parts and not text[-1].isspace():
            self._pending = parts.pop()
        else:
            self._pending = ""
        for word in parts:
            self._add(word)
        self._since_check += len(parts)
        cfg = self.config
        if self._since_check < cfg.check_every or self._words < cfg.min_words:
            return False
        self._since_check = 0
        self.ratio = len(self._counts) / max(1, len(self._grams))
        return self.ratio < cfg.min_distinct


REASONING_CEILING_TOKENS = 256_000  # ~1 MB of text: above any model's real thinking budget
ANSWER_ESTIMATE_SLACK = 1.5  # prose runs ~4.5 characters a token: the estimate overcounts it


def answer_cap(settings: CallSettings, output_budget: int | None) -> int:
    if settings.max_answer_tokens:
        return settings.max_answer_tokens
    return int((output_budget or REASONING_CEILING_TOKENS) * ANSWER_ESTIMATE_SLACK)


class Guards:
    """Tracks one call: reasoning and answer size, elapsed time and the loop detector."""

    def __init__(
        self,
        settings: CallSettings,
        started: float,
        loop: LoopConfig | None = None,
        output_budget: int | None = None,
    ) -> None:
        self.max_reasoning_tokens = settings.max_reasoning_tokens or REASONING_CEILING_TOKENS
        self.max_answer_tokens = answer_cap(settings, output_budget)
        self.deadline = started + settings.deadline_s if settings.deadline_s else None
        self.loop = LoopDetector(loop)
        self.reasoning_chars = 0
        self.answer_chars = 0

    def reasoning_tokens(self) -> int:
        return int(self.reasoning_chars / CHARS_PER_TOKEN)

    def check(self, kind: str, text: str, now: float | None = None) -> tuple[GuardKind, str] | None:
        """After a delta: which guard fires, if any, with a short detail."""
        if self.deadline is not None and (now or time.monotonic()) >= self.deadline:
            return GuardKind.DEADLINE, "deadline reached"
        if kind != "reasoning":
            self.answer_chars += len(text)
            if self.answer_chars / CHARS_PER_TOKEN > self.max_answer_tokens:
                return GuardKind.ANSWER_TOKENS, f"cap {self.max_answer_tokens} tokens"
            return None
        self.reasoning_chars += len(text)
        if self.reasoning_tokens() > self.max_reasoning_tokens:
            return GuardKind.REASONING_TOKENS, f"cap {self.max_reasoning_tokens} tokens"
        if self.loop.feed(text):
            return GuardKind.LOOP, f"only {self.loop.ratio:.0%} of recent phrases were new"
        return None

    def remaining(self, now: float | None = None) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - (now or time.monotonic()))
