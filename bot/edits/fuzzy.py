"""Fuzzy line-window search: rapidfuzz scores each SEARCH line against every file line in C, the
diagonal means rank the windows, and only the few best are scored as whole texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

_MAX_CELLS = 4_000_000  # rows x file lines scored per search; more search lines are sampled
_TOP = 6


@dataclass(frozen=True)
class Window:
    start: int
    end: int
    score: float  # 0..1, whitespace around each line ignored


def best_windows(
    content: Sequence[str], search: Sequence[str], stripped: list[str] | None = None
) -> list[Window]:
    """The most similar windows of ``content`` to ``search``, best first (distinct places only).

    ``stripped`` is ``content`` with each line stripped, when the caller has it already.
    """
    n = len(search)
    if not content or n == 0:
        return []
    have = stripped if stripped is not None else [x.strip() for x in content]
    want = [x.strip() for x in search]
    target = "\n".join(want)
    if n >= len(have):
        return [Window(0, len(have), _score("\n".join(have), target))]
    rows = list(range(n))
    if n * len(have) > _MAX_CELLS:
        step = max(1, (n * len(have)) // _MAX_CELLS + 1)
        rows = rows[::step]
    matrix = process.cdist([want[k] for k in rows], have, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    count = len(have) - n + 1
    acc = np.zeros(count, dtype=np.float32)
    for r, k in enumerate(rows):
        acc += matrix[r, k : k + count]
    keep = min(count, max(_TOP * 4 * n, 64))
    top = np.argpartition(-acc, keep - 1)[:keep] if keep < count else np.arange(count)
    order = top[np.argsort(-acc[top], kind="stable")]
    picked: list[int] = []
    for start in order:
        s = int(start)
        if all(abs(s - p) >= max(1, n // 2) for p in picked):
            picked.append(s)
        if len(picked) >= _TOP:
            break
    scored: dict[tuple[int, int], float] = {}
    slack = min(6, max(1, (n + 4) // 8))  # a model drops or adds a line now and then, more in long blocks
    for s in picked:
        for a in range(s - slack, s + slack + 1):
            for size in range(n - slack, n + slack + 1):
                b = a + size
                if a < 0 or b > len(have) or size <= 0 or (a, b) in scored:
                    continue
                scored[(a, b)] = _score("\n".join(have[a:b]), target)
    first, last = want[0], want[-1]

    def rank(w: Window) -> tuple[float, int, int]:
        # Near-equal windows of one place differ by where they start and end: the one whose edge
        # lines are the SEARCH's own edge lines is the place meant.
        edges = (have[w.start] == first) + (have[w.end - 1] == last)
        return (-(w.score + 0.005 * edges), abs(w.end - w.start - n), w.start)

    best: list[Window] = sorted((Window(a, b, v) for (a, b), v in scored.items()), key=rank)
    distinct: list[Window] = []
    for w in best:
        if all(w.start >= d.end or w.end <= d.start for d in distinct):
            distinct.append(w)
    return distinct


def _score(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b)) / 100.0
