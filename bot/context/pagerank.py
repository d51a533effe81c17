"""Personalized PageRank over an edge list, vectorised with numpy.

networkx's ``pagerank`` first copies the graph into a scipy matrix, which alone took seconds on
the standard library's 350,000 edges; the power iteration on plain arrays takes milliseconds.
Duplicate edges simply add up, so callers need not merge them.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def pagerank(
    size: int,
    sources: IntArray,
    targets: IntArray,
    weights: FloatArray,
    personalization: FloatArray | None = None,
    *,
    alpha: float = 0.85,
    tolerance: float = 1e-8,
    max_iterations: int = 100,
) -> FloatArray:
    """Scores summing to 1; the random walk restarts (and leaves dangling nodes) by ``personalization``."""
    if size == 0:
        return np.zeros(0)
    restart = np.full(size, 1.0 / size) if personalization is None else personalization.astype(np.float64)
    total = restart.sum()
    restart = np.full(size, 1.0 / size) if total <= 0 else restart / total
    out_weight = np.bincount(sources, weights=weights, minlength=size)
    dangling = out_weight == 0
    share = weights / np.where(out_weight[sources] > 0, out_weight[sources], 1.0)
    scores: FloatArray = restart.copy()
    for _ in range(max_iterations):
        flowed = np.bincount(targets, weights=scores[sources] * share, minlength=size)
        updated: FloatArray = alpha * flowed + (alpha * scores[dangling].sum() + (1.0 - alpha)) * restart
        if np.abs(updated - scores).sum() < tolerance * size:
            return updated
        scores = updated
    return scores
