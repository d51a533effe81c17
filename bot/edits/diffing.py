"""Unified diffs of whole files, fast on big files: patience-style anchors (lines unique on both
sides) cut the files into small gaps, and only the gaps go through difflib's matcher."""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Sequence

import numpy as np

_SMALL = 250_000  # len(a) * len(b) below which difflib's matcher is fast enough on its own

Block = tuple[int, int, int]  # a-start, b-start, length


def unified_diff(
    old: Sequence[str],
    new: Sequence[str],
    from_name: str,
    to_name: str,
    context: int = 3,
    origin: Sequence[int] | None = None,
) -> str:
    """Lines keep their own endings; a last line without one gets git's "No newline" marker.

    ``origin`` (optional) maps each new line to the old line it is known to be, or -1: the diff
    then only searches between those known runs.
    """
    if list(old) == list(new):
        return ""
    out = [f"--- {from_name}\n", f"+++ {to_name}\n"]
    blocks = matching_blocks(old, new) if origin is None else _blocks_from_origin(old, new, origin)
    for group in _groups(_opcodes(blocks, len(old), len(new)), context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [" " + x for x in old[a1:a2]]
                continue
            out += ["-" + x for x in old[a1:a2]]
            out += ["+" + x for x in new[b1:b2]]
    return "".join(x if x.endswith("\n") else x + "\n\\ No newline at end of file\n" for x in out)


def _range(start: int, length: int) -> str:
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    blocks: list[Block] = []
    _match(a, b, 0, len(a), 0, len(b), blocks)
    return _merged(blocks)


def _match(a: Sequence[str], b: Sequence[str], a1: int, a2: int, b1: int, b2: int, out: list[Block]) -> None:
    head = 0
    while a1 + head < a2 and b1 + head < b2 and a[a1 + head] == b[b1 + head]:
        head += 1
    if head:
        out.append((a1, b1, head))
        a1, b1 = a1 + head, b1 + head
    tail = 0
    while a2 - tail > a1 and b2 - tail > b1 and a[a2 - tail - 1] == b[b2 - tail - 1]:
        tail += 1
    if tail:
        out.append((a2 - tail, b2 - tail, tail))
        a2, b2 = a2 - tail, b2 - tail
    if a1 == a2 or b1 == b2:
        return
    anchors = _anchors(a, b, a1, a2, b1, b2) if (a2 - a1) * (b2 - b1) > _SMALL else []
    if not anchors:
        matcher = difflib.SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False)
        out.extend((a1 + i, b1 + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    prev_a, prev_b = a1, b1
    for i, j in anchors:
        if i - prev_a == j - prev_b and a[prev_a:i] == b[prev_b:j]:
            out.append((prev_a, prev_b, i - prev_a + 1))  # the gap is unchanged: no need to look inside
        else:
            _match(a, b, prev_a, i, prev_b, j, out)
            out.append((i, j, 1))
        prev_a, prev_b = i + 1, j + 1
    _match(a, b, prev_a, a2, prev_b, b2, out)


def _anchors(a: Sequence[str], b: Sequence[str], a1: int, a2: int, b1: int, b2: int) -> list[tuple[int, int]]:
    """Lines occurring once on each side, kept in an order both sides agree on (longest increasing run)."""
    count_a = Counter(a[a1:a2])
    count_b = Counter(b[b1:b2])
    where_b = {b[j]: j for j in range(b1, b2) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(a1, a2) if count_a[a[i]] == 1 and a[i] in where_b]
    # longest increasing subsequence of the b positions (patience sorting)
    tails: list[int] = []
    tail_idx: list[int] = []
    parent: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        parent[k] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]


def _blocks_from_origin(a: Sequence[str], b: Sequence[str], origin: Sequence[int]) -> list[Block]:
    runs: list[Block] = []
    arr = np.asarray(origin, dtype=np.int64)
    if len(arr):
        # a run continues while the origin goes up by one; -1 (a written line) is never part of one
        breaks = np.flatnonzero((np.diff(arr) != 1) | (arr[1:] < 0) | (arr[:-1] < 0)) + 1
        starts = np.concatenate(([0], breaks))
        ends = np.concatenate((breaks, [len(arr)]))
        runs = [(int(arr[s]), int(s), int(e - s)) for s, e in zip(starts, ends, strict=True) if arr[s] >= 0]
    out: list[Block] = []
    prev_a = prev_b = 0
    for i, j, n in [*runs, (len(a), len(b), 0)]:
        if i > prev_a or j > prev_b:
            _match(a, b, prev_a, i, prev_b, j, out)  # only the edited gaps are searched
        if n:
            out.append((i, j, n))
        prev_a, prev_b = i + n, j + n
    return _merged(out)


def _merged(blocks: list[Block]) -> list[Block]:
    """Sorted, with touching blocks joined (as difflib reports them)."""
    merged: list[Block] = []
    for i, j, n in sorted(blocks):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        elif n:
            merged.append((i, j, n))
    return merged


def _opcodes(blocks: list[Block], len_a: int, len_b: int) -> list[tuple[str, int, int, int, int]]:
    ops: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, n in [*blocks, (len_a, len_b, 0)]:
        if i < ai or j < bj:
            tag = "replace" if i < ai and j < bj else ("delete" if i < ai else "insert")
            ops.append((tag, i, ai, j, bj))
        if n:
            ops.append(("equal", ai, ai + n, bj, bj + n))
        i, j = ai + n, bj + n
    return ops


def _groups(ops: list[tuple[str, int, int, int, int]], n: int) -> list[list[tuple[str, int, int, int, int]]]:
    """Hunks: changes with up to ``n`` equal lines around them, joined when their context overlaps."""
    if not ops:
        return []
    ops = list(ops)
    if ops[0][0] == "equal":
        _, i1, i2, j1, j2 = ops[0]
        ops[0] = ("equal", max(i1, i2 - n), i2, max(j1, j2 - n), j2)
    if ops[-1][0] == "equal":
        _, i1, i2, j1, j2 = ops[-1]
        ops[-1] = ("equal", i1, min(i2, i1 + n), j1, min(j2, j1 + n))
    groups: list[list[tuple[str, int, int, int, int]]] = []
    group: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i2 - i1 > 2 * n and group:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups
