"""The unified diff the engine reports: what difflib writes on small files, still exact on big ones."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st
from unidiff.patch import PatchSet

from bot.edits.diffing import unified_diff

_LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "def f():\n", "    return 1\n"]), max_size=30)


def rebuild(old: list[str], diff: str) -> list[str]:
    """Apply a diff by its line numbers only (no searching), as `patch` would."""
    if not diff:
        return list(old)
    patch = PatchSet(diff)
    out: list[str] = []
    pos = 0
    for hunk in patch[0]:
        start = hunk.source_start - 1 if hunk.source_length else hunk.source_start
        out += old[pos:start]
        pos = start
        for line in hunk:
            if line.is_context or line.is_removed:
                assert old[pos].rstrip("\n") == line.value.rstrip("\n")
                pos += 1
            if line.is_context or line.is_added:
                out.append(line.value)
    return out + old[pos:]


@given(old=_LINES, new=_LINES)
def test_small_diffs_rebuild_the_new_file(old: list[str], new: list[str]) -> None:
    ours = unified_diff(old, new, "a/f", "b/f")
    assert rebuild(old, ours) == new
    theirs = "".join(difflib.unified_diff(old, new, "a/f", "b/f"))
    assert (ours == "") == (theirs == "")


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(0, 2999), st.integers(0, 3), st.lists(st.text("xyz", max_size=3), max_size=3)),
        max_size=12,
    )
)
def test_big_diffs_rebuild_the_new_file(data: list[tuple[int, int, list[str]]]) -> None:
    old = [f"line {k % 700}\n" if k % 3 else f"unique {k}\n" for k in range(3000)]
    new = list(old)
    for at, drop, add in sorted(data, reverse=True):
        new[at : at + drop] = [x + "\n" for x in add]
    diff = unified_diff(old, new, "a/f", "b/f")
    assert rebuild(old, diff) == new
    assert (diff == "") == (old == new)


def test_missing_final_newline_is_marked() -> None:
    diff = unified_diff(["a\n", "b"], ["a\n", "c"], "a/f", "b/f")
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
