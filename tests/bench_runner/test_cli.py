"""`architect-bot bench` as a user runs it: the leaderboard printed, the report written, a finished
--out refused without --resume, bad flags refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench.results import load_results
from bot.cli import main
from tests.bench_runner.helpers import Spec, make_suite


def test_bench_prints_the_leaderboard_and_refuses_to_mix_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    suite = make_suite(tmp_path / "suite", [Spec("alpha"), Spec("bravo")])
    out = tmp_path / "out"
    argv = ["bench", "--suite", str(suite), "--pair", "oracle", "--pair", "null", "--sandbox", "local"]
    argv += ["--out", str(out), "--workers", "2", "--timeout", "60"]

    assert main(argv) == 0
    printed = capsys.readouterr()
    assert "| `oracle` | 2 | 100.0% | 100.0% |" in printed.out
    assert "| `null` | 2 | 0.0% | 0.0% |" in printed.out
    assert (out / "report" / "leaderboard.md").is_file() and (out / "report" / "chart.png").is_file()
    results = load_results([out])
    assert len(results) == 4
    assert all(
        r.command.startswith("architect-bot bench --suite") and "--pair null" in r.command for r in results
    )

    assert main(argv) == 2
    assert "--resume" in capsys.readouterr().err
    assert main([*argv, "--resume"]) == 0


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--shard", "3/2"], "out of range"),
        (["--pair", "a+b+c"], "ARCHITECT+EDITOR"),
        (["--tries", "0"], "at least 1"),
        (["--exercises", "nothing-like-this"], "no exercise"),
    ],
)
def test_bad_flags_are_usage_errors(
    extra: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha")])
    argv = [
        "bench",
        "--suite",
        str(suite),
        "--pair",
        "oracle",
        "--sandbox",
        "local",
        "--out",
        str(tmp_path / "o"),
    ]
    assert main([*argv, *extra]) == 2
    assert message in capsys.readouterr().err
