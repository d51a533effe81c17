"""An interrupted run resumes without redoing cases, a locked --out is refused, a finished --out is
never mixed into, and shards merged give the numbers of one run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.bench.lock import OutDirLock
from bot.bench.metrics import summarize
from bot.bench.results import RESULT_FILE, load_results
from bot.bench.runner import run_bench
from bot.errors import UsageError
from tests.bench_runner.helpers import Spec, add_exercise, bench_config, make_suite, rows

NAMES = ("alpha", "bravo", "charlie")


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    root = make_suite(tmp_path / "suite", [Spec(name) for name in NAMES])
    add_exercise(root, Spec("foxtrot"), config=False)  # rejected by the loader: a skipped case
    return root


def mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob(RESULT_FILE)}


def test_resume_finishes_an_interrupted_run_without_redoing_cases(suite: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_bench(bench_config(suite, out, "oracle", "null", exercises="alpha,bravo"))  # "killed" here
    assert len(first.ran) == 4
    with pytest.raises(UsageError, match="--resume"):  # the same --out without --resume: refused
        run_bench(bench_config(suite, out, "oracle", "null"))
    (out / "null" / "python" / "bravo" / RESULT_FILE).unlink()  # the case in flight when it was killed
    before = mtimes(out)

    second = run_bench(bench_config(suite, out, "oracle", "null", resume=True))

    kept = {("oracle", "alpha"), ("oracle", "bravo"), ("null", "alpha")}
    assert {(r.pair, r.exercise) for r in second.resumed} == kept
    assert not kept & {(r.pair, r.exercise) for r in second.ran}
    after = mtimes(out)
    assert {path: after[path] for path in before} == before  # not rewritten
    assert len(after) == 2 * (len(NAMES) + 1)  # every case of both pairs, the rejected one included
    row = rows(out)
    assert (row["oracle"].test_cases, row["oracle"].pass_rate_2) == (len(NAMES), 100.0)
    assert (row["null"].test_cases, row["null"].pass_num_2) == (len(NAMES), 0)


def test_a_second_run_on_a_locked_out_folder_is_refused(suite: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OutDirLock(out), pytest.raises(UsageError, match="another `architect-bot bench` run"):
        run_bench(bench_config(suite, out, exercises="alpha"))
    assert not list(out.rglob(RESULT_FILE))
    run_bench(bench_config(suite, out, exercises="alpha"))  # the lock is free again
    assert len(list(out.rglob(RESULT_FILE))) == 1


TIMING = {"seconds_per_case", "median_seconds", "thinking_seconds_per_case", "date"}  # vary run to run


@pytest.mark.full
def test_shards_merged_give_the_numbers_of_one_run(suite: Path, tmp_path: Path) -> None:
    pairs = ("oracle", "null")
    single = run_bench(bench_config(suite, tmp_path / "single", *pairs, workers=2))
    shard_1 = run_bench(bench_config(suite, tmp_path / "s1", *pairs, shard=(1, 2)))
    shard_2 = run_bench(bench_config(suite, tmp_path / "s2", *pairs, shard=(2, 2)))

    keys_1 = {r.key for r in shard_1.ran}
    keys_2 = {r.key for r in shard_2.ran}
    assert keys_1 and keys_2 and not keys_1 & keys_2
    assert keys_1 | keys_2 == {r.key for r in single.ran}

    def numbers(dirs: list[Path]) -> list[dict[str, object]]:
        rows = summarize(load_results(dirs))
        return [{k: v for k, v in dataclasses.asdict(row).items() if k not in TIMING} for row in rows]

    assert numbers([tmp_path / "s1", tmp_path / "s2"]) == numbers([tmp_path / "single"])
