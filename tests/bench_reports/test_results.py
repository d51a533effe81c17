"""Case records on disk: round trip, forgiving reads, atomic writes, shard scans, duplicates."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.bench.results import (
    CaseResult,
    ResultFormatError,
    load_results,
    pair_slug,
    read_result,
    result_path,
    write_atomic,
)
from bot.errors import UsageError
from tests.bench_reports.dataset import ALL_CASES, QWQ_QWEN, R1_SONNET, SONNET, case


@pytest.fixture
def bot_logs(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> pytest.LogCaptureFixture:
    # The CLI's logging set-up stops "bot" records at its own handler; let caplog see them.
    monkeypatch.setattr(logging.getLogger("bot"), "propagate", True)
    caplog.set_level(logging.INFO, logger="bot")
    return caplog


def test_json_round_trip_keeps_every_field() -> None:
    for original in ALL_CASES:
        assert CaseResult.from_json(original.to_json()) == original


def test_written_where_the_runner_expects(tmp_path: Path) -> None:
    result = case(R1_SONNET, "bowling", tests_outcomes=[False, True])
    path = result.write(tmp_path)
    expected = (
        tmp_path / "deepseek--deepseek-reasoner+anthropic--claude-sonnet-4-5/python/bowling/result.json"
    )
    assert path == expected == result_path(tmp_path, R1_SONNET, "python", "bowling")
    data = json.loads(path.read_text())
    assert data["tests_outcomes"] == [False, True] and data["pair"] == R1_SONNET
    assert [p.name for p in path.parent.iterdir()] == ["result.json"]  # no temporary file left


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    write_atomic(target, "old")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


@pytest.mark.parametrize(
    ("pair", "slug"),
    [
        (SONNET, "anthropic--claude-sonnet-4-5"),
        (QWQ_QWEN, "ollama--qwq_32b+ollama--qwen2.5-coder_32b"),
        ("oracle", "oracle"),
        ("../evil", "--evil"),
    ],
)
def test_pair_slug_is_a_safe_folder_name(pair: str, slug: str) -> None:
    assert pair_slug(pair) == slug


def test_unknown_keys_are_ignored_and_missing_keys_take_defaults() -> None:
    data = {"pair": SONNET, "lang": "python", "exercise": "bob", "from_the_future": {"x": 1}}
    result = CaseResult.from_dict(data)
    assert result.model == SONNET and result.tests_outcomes == () and result.cost is None
    assert result.guard_stops == {} and result.status == "tests-failing"
    assert result.verdict_agreed is None  # a record from before the verdict was kept


def test_integers_are_accepted_where_floats_belong() -> None:
    result = CaseResult.from_dict({"pair": SONNET, "lang": "python", "exercise": "e", "cost": 1})
    assert result.cost == 1.0 and isinstance(result.cost, float)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        '{"pair": "a", "lang": "python"',  # cut off mid-write
        "[1, 2]",
        '{"lang": "python", "exercise": "e"}',  # no pair
        '{"pair": "a", "lang": "python", "exercise": "e", "prompt_tokens": "many"}',
        '{"pair": "a", "lang": "python", "exercise": "e", "tests_outcomes": [1, 0]}',
        '{"pair": "a", "lang": "python", "exercise": "e", "guard_stops": {"loop": "x"}}',
        '{"pair": "a", "lang": "python", "exercise": "e", "cost": true}',
    ],
)
def test_malformed_records_are_refused(text: str) -> None:
    with pytest.raises(ResultFormatError):
        CaseResult.from_json(text)


def test_corrupt_files_are_skipped_with_a_warning(tmp_path: Path, bot_logs: pytest.LogCaptureFixture) -> None:
    good = case(SONNET, "anagram", tests_outcomes=[True])
    good.write(tmp_path)
    bad = result_path(tmp_path, SONNET, "python", "bowling")
    bad.parent.mkdir(parents=True)
    bad.write_text('{"pair": "anthropic/claude')
    binary = result_path(tmp_path, SONNET, "python", "dijkstra")
    binary.parent.mkdir(parents=True)
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert load_results([tmp_path]) == [good]
    warned = [r.getMessage() for r in bot_logs.records if r.levelno == logging.WARNING]
    assert len(warned) == 2 and all("skipping" in w for w in warned)
    assert read_result(bad) is None


def test_shards_in_several_folders_load_as_one_sorted_set(tmp_path: Path) -> None:
    for i, result in enumerate(ALL_CASES):
        result.write(tmp_path / f"shard-{i % 3}")
    loaded = load_results([tmp_path / "shard-2", tmp_path / "shard-0", tmp_path / "shard-1"])
    assert loaded == sorted(ALL_CASES, key=lambda r: r.key)


def test_artifact_downloads_nest_deeper_and_still_load(tmp_path: Path) -> None:
    result = case(SONNET, "anagram", tests_outcomes=[True])
    result.write(tmp_path / "artifacts" / "bench-shard-1-of-2" / "out")
    assert load_results([tmp_path / "artifacts"]) == [result]


@pytest.mark.parametrize("newest_first", [True, False])
def test_duplicates_keep_the_newest_record(
    tmp_path: Path, bot_logs: pytest.LogCaptureFixture, newest_first: bool
) -> None:
    old = case(SONNET, "anagram", tests_outcomes=[False, False], date="2026-11-20T10:00:00Z")
    new = case(SONNET, "anagram", tests_outcomes=[True], date="2026-11-20T11:00:00+00:00")
    first, second = (new, old) if newest_first else (old, new)
    first.write(tmp_path / "a")
    second.write(tmp_path / "b")
    assert load_results([tmp_path / "a", tmp_path / "b"]) == [new]
    [message] = [r.getMessage() for r in bot_logs.records if "duplicate" in r.getMessage()]
    assert "kept" in message and "2026-11-20T11:00:00" in message.split("dropped")[0]


def test_undated_duplicates_lose_against_dated_ones(tmp_path: Path) -> None:
    dated = case(SONNET, "anagram", tests_outcomes=[True], date="2026-01-01T00:00:00Z")
    undated = case(SONNET, "anagram", date="not a date")
    dated.write(tmp_path / "a")
    undated.write(tmp_path / "b")
    assert load_results([tmp_path / "a", tmp_path / "b"]) == [dated]


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--out folder"):
        load_results([tmp_path / "absent"])


def test_empty_folder_loads_nothing(tmp_path: Path) -> None:
    assert load_results([tmp_path]) == []


def test_runner_values_are_normalised_on_construction() -> None:
    from bot.models.types import GuardKind

    result = CaseResult(
        pair=SONNET,
        lang="python",
        exercise="e",
        tests_outcomes=[False, True],
        guard_stops={GuardKind.LOOP: 2},
    )
    assert result.tests_outcomes == (False, True)
    assert result.guard_stops == {"loop": 2} and type(next(iter(result.guard_stops))) is str
    assert CaseResult.from_json(result.to_json()) == result
