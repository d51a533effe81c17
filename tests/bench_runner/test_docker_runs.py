"""The runner against the real sandbox image: oracle scores 100%, null 0%, a hanging test times out,
and a language whose toolchain the image lacks is skipped, never failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.results import SKIPPED, load_results
from bot.bench.runner import SandboxFactory, run_bench
from bot.bench.suite import default_suite_root
from tests.bench_runner.helpers import Spec, bench_config, make_suite, rows

# Not `no_leftover_containers`: the engine is shared, and other runs' containers carry the same label.
pytestmark = [pytest.mark.docker]

SOME = "roman-numerals,rle-codec,hex-color,bowling-score"


def test_oracle_scores_100_and_null_0_on_builtin_exercises(
    docker_sandboxes: SandboxFactory, tmp_path: Path
) -> None:
    config = bench_config(
        default_suite_root(), tmp_path / "out", "oracle", "null", exercises=SOME, workers=2, report=True
    )
    run = run_bench(config, sandboxes=docker_sandboxes)

    assert run.report is not None
    row = {s.pair: s for s in run.report.summaries}
    assert (row["oracle"].test_cases, row["oracle"].pass_rate_1, row["oracle"].pass_rate_2) == (
        4,
        100.0,
        100.0,
    )
    assert (row["null"].test_cases, row["null"].pass_num_2) == (4, 0)
    assert row["oracle"].percent_cases_well_formed == 100.0
    assert row["oracle"].total_cost == 0.0 and row["oracle"].prompt_tokens == 0
    for name in ("results.json", "results.yml", "leaderboard.md", "chart.svg", "chart.png"):
        assert (run.report.out_dir / name).is_file()
    assert len(list((tmp_path / "out").rglob("result.json"))) == 8
    oracle = [r for r in run.ran if r.pair == "oracle"]
    assert all(r.status == "fixed" and r.tests_outcomes == (True,) for r in oracle)
    assert all(r.edit_format == "whole" for r in oracle)  # forced for the oracle


@pytest.mark.slow
@pytest.mark.full
def test_oracle_passes_the_whole_builtin_suite(docker_sandboxes: SandboxFactory, tmp_path: Path) -> None:
    run = run_bench(
        bench_config(default_suite_root(), tmp_path / "out", workers=2), sandboxes=docker_sandboxes
    )
    assert run.report is not None
    (row,) = run.report.summaries
    assert row.test_cases >= 20 and row.pass_rate_2 == 100.0, [
        r.key for r in run.ran if not r.passed_within(2)
    ]


def test_hanging_test_is_a_timeout_and_the_run_goes_on(
    docker_sandboxes: SandboxFactory, tmp_path: Path
) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("hangs", sleep_s=120), Spec("quick")])
    config = bench_config(suite, tmp_path / "out", timeout_s=3, workers=2)
    run_bench(config, sandboxes=docker_sandboxes)

    by_name = {r.exercise: r for r in load_results([tmp_path / "out"])}
    assert by_name["hangs"].test_timeouts == 1
    assert by_name["hangs"].tests_outcomes[0] is False and by_name["hangs"].status == "tests-failing"
    assert by_name["quick"].status == "fixed"
    assert rows(tmp_path / "out")["oracle"].test_timeouts == 1


def test_language_missing_from_the_image_is_skipped(docker_sandboxes: SandboxFactory, tmp_path: Path) -> None:
    # The sandbox image has no cmake, so the C++ row's probe fails there.
    suite = make_suite(tmp_path / "suite", [Spec("alpha"), Spec("beta", lang="cpp")])
    run = run_bench(bench_config(suite, tmp_path / "out"), sandboxes=docker_sandboxes)

    by_lang = {r.lang: r for r in run.ran}
    assert by_lang["cpp"].status == SKIPPED and "cmake" in (by_lang["cpp"].error or "")
    assert by_lang["python"].status == "fixed"
    (row,) = rows(tmp_path / "out").values()
    assert (row.test_cases, row.pass_rate_2, row.skipped_cases) == (1, 100.0, 1)
