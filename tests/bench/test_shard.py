from __future__ import annotations

from collections import Counter

import pytest

from bot.bench import SuiteListing, parse_shard, shard
from bot.errors import UsageError


@pytest.mark.parametrize("total", [1, 2, 3, 4, 7, 50])
def test_shards_cover_every_exercise_exactly_once(builtin_suite: SuiteListing, total: int) -> None:
    exercises = builtin_suite.exercises
    seen = Counter(ex.key for i in range(1, total + 1) for ex in shard(exercises, i, total))
    assert set(seen) == {ex.key for ex in exercises}
    assert set(seen.values()) == {1}


def test_shards_are_balanced_and_independent_of_input_order(builtin_suite: SuiteListing) -> None:
    exercises = builtin_suite.exercises
    sizes = [len(shard(exercises, i, 4)) for i in range(1, 5)]
    assert max(sizes) - min(sizes) <= 1
    assert shard(tuple(reversed(exercises)), 2, 4) == shard(exercises, 2, 4)


def test_more_shards_than_exercises_gives_empty_tail(builtin_suite: SuiteListing) -> None:
    total = len(builtin_suite.exercises) + 3
    assert shard(builtin_suite.exercises, total, total) == ()


@pytest.mark.parametrize(("text", "expected"), [("1/1", (1, 1)), ("2/4", (2, 4)), (" 3 / 10 ", (3, 10))])
def test_parse_shard(text: str, expected: tuple[int, int]) -> None:
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["", "2", "2/", "/4", "a/b", "0/4", "5/4", "1/0", "-1/4", "2.0/4", "1/2/3"])
def test_parse_shard_rejects_with_a_hint(text: str) -> None:
    with pytest.raises(UsageError, match="--shard"):
        parse_shard(text)


def test_shard_rejects_out_of_range(builtin_suite: SuiteListing) -> None:
    with pytest.raises(UsageError):
        shard(builtin_suite.exercises, 0, 3)
