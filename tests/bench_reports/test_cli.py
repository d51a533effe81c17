"""`bench-merge` and `bench-report` as a user runs them: shards merge to a single run's numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.bench.results import load_results
from bot.cli import main
from tests.bench_reports.dataset import ALL_CASES, R1_SONNET, SONNET

REPORT_FILES = ("results.json", "results.yml", "leaderboard.md", "chart.svg")


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    """One run with every case in ``single/``, the same cases split over ``shard-1/`` and ``shard-2/``."""
    for result in ALL_CASES:
        result.write(tmp_path / "single")
        result.write(tmp_path / ("shard-1" if result.exercise < "m" else "shard-2"))
    return tmp_path


def test_merged_shards_report_exactly_what_one_run_reports(
    runs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    shard_1 = list((runs / "shard-1").rglob("result.json"))
    shard_2 = list((runs / "shard-2").rglob("result.json"))
    assert shard_1 and shard_2 and len(shard_1) + len(shard_2) == len(ALL_CASES)

    assert (
        main(["bench-merge", str(runs / "shard-1"), str(runs / "shard-2"), "--out", str(runs / "merged")])
        == 0
    )
    merged_stdout = capsys.readouterr().out
    assert main(["bench-report", str(runs / "single")]) == 0
    single_stdout = capsys.readouterr().out

    assert merged_stdout == single_stdout and f"| `{R1_SONNET}` | 6 | 33.3% | 66.7% |" in merged_stdout
    assert f"| `{SONNET}` | 3 | 66.7% | 66.7% | 66.7% (2/3) |" in merged_stdout  # fixed precision carried
    for name in REPORT_FILES:
        assert (runs / "merged" / name).read_bytes() == (runs / "single" / "report" / name).read_bytes(), name


def test_a_merged_report_can_be_rendered_again(runs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["bench-merge", str(runs / "shard-1"), str(runs / "shard-2"), "--out", str(runs / "merged")])
        == 0
    )
    assert load_results([runs / "merged" / "cases"]) == load_results([runs / "single"])
    assert main(["bench-report", str(runs / "merged"), "--out", str(runs / "again")]) == 0
    for name in REPORT_FILES:
        assert (runs / "again" / name).read_bytes() == (runs / "merged" / name).read_bytes(), name


def test_overlapping_shards_count_each_case_once(runs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A re-run shard holds a newer record of one case: the merge keeps it and drops the old one.
    newer = next(r for r in ALL_CASES if r.pair == R1_SONNET and r.exercise == "dijkstra")
    replace(newer, tests_outcomes=(False, True), status="fixed", date="2026-11-22T00:00:00Z").write(
        runs / "rerun"
    )
    out = runs / "merged"
    assert (
        main(
            [
                "bench-merge",
                str(runs / "shard-1"),
                str(runs / "shard-2"),
                str(runs / "rerun"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert f"| `{R1_SONNET}` | 6 | 33.3% | 83.3% |" in capsys.readouterr().out


def test_merge_appends_to_the_job_summary(
    runs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = runs / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert (
        main(["bench-merge", str(runs / "shard-1"), str(runs / "shard-2"), "--out", str(runs / "merged")])
        == 0
    )
    assert summary.read_text() == (runs / "merged" / "leaderboard.md").read_text()


def test_no_results_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["bench-report", str(tmp_path / "empty")]) == 2
    assert "no result.json found under" in capsys.readouterr().err
    assert main(["bench-merge", str(tmp_path / "absent"), "--out", str(tmp_path / "r")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_help_lists_the_report_commands_and_bench_wants_a_pair(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "bench-merge" in text and "bench-report" in text
    assert main(["bench"]) == 2
    assert "--pair" in capsys.readouterr().err
