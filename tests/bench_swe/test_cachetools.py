"""The own-history benchmark on a real project's history (cachetools), in the real Docker sandbox.

CI runs this small sample (the newest three candidates); the full run is one command, see
docs/own-benchmark.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.bench.runner import BenchConfig
from bot.bench.swe.instance import read_instances
from bot.bench.swe.mine import MineConfig, mine, report_path
from bot.bench.swe.run import run_swe_bench
from bot.sandbox.docker import DockerSandbox
from bot.testcmd import detect_test_command

HERE = Path(__file__).resolve().parent
PUBLISHED_LAYOUT = HERE / "data" / "cachetools-swebench.jsonl"

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def _bench(cases: Path, repo: Path, out: Path, sandbox_image: str) -> dict[tuple[str, str], Any]:
    config = BenchConfig(
        suite=Path(), pairs=("oracle", "null"), out=out, sandbox="docker", image=sandbox_image
    )
    run = run_swe_bench(config, cases, repo)
    return {(r.pair, r.exercise): r for r in run.ran}


def test_mined_cases_score_oracle_100_and_null_0(
    cachetools_history: Path,
    tmp_path: Path,
    docker_client: Any,
    sandbox_image: str,
    no_leftover_containers: None,
) -> None:
    out = tmp_path / "cases.jsonl"
    command = detect_test_command(cachetools_history)
    assert command == "PYTHONPATH=src python3 -m pytest -q"  # src layout, no install needed
    config = MineConfig(repo=cachetools_history, out=out, test_command=command, limit=3, workers=2)
    mine(config, DockerSandbox(sandbox_image, client=docker_client))

    cases = {c.extra["fix_commit"][:7]: c for c in read_instances(out)}
    assert set(cases) == {"18e5930", "57d2e48"}
    assert cases["57d2e48"].FAIL_TO_PASS == (
        "tests/test_cachedmethod.py::AutospecTest::test_autospec_no_warnings",
    )
    assert "tests/test_cache.py::CacheTest::test_clear" in cases["57d2e48"].PASS_TO_PASS
    (dropped,) = map(json.loads, report_path(out).read_text().splitlines())
    assert dropped["subject"] == "Release v7.0.3." and "already pass before the fix" in dropped["reason"]

    results = _bench(out, cachetools_history, tmp_path / "bench", sandbox_image)
    for case in cases.values():
        assert results[("oracle", case.instance_id)].tests_outcomes[-1] is True, case.instance_id
        assert not any(results[("null", case.instance_id)].tests_outcomes), case.instance_id
        assert results[("oracle", case.instance_id)].case_date == case.created_at[:10]
    [leaderboard_md] = (tmp_path / "bench").rglob("leaderboard.md")
    leaderboard = leaderboard_md.read_text()
    assert "### Cases: date against training cutoffs" in leaderboard
    assert f"| `{cases['57d2e48'].instance_id}` | {cases['57d2e48'].created_at[:10]} |" in leaderboard


def test_a_file_in_swe_benchs_published_layout_runs_unchanged(
    cachetools_history: Path, tmp_path: Path, sandbox_image: str, no_leftover_containers: None
) -> None:
    lines = [json.loads(line) for line in PUBLISHED_LAYOUT.read_text().splitlines()]
    assert all(isinstance(line["FAIL_TO_PASS"], str) for line in lines)  # JSON-encoded, as published
    assert not any("test_command" in line for line in lines)
    results = _bench(PUBLISHED_LAYOUT, cachetools_history, tmp_path / "bench", sandbox_image)
    assert {k for k in results} == {(p, i["instance_id"]) for p in ("oracle", "null") for i in lines}
    assert all(r.tests_outcomes[-1] for (pair, _), r in results.items() if pair == "oracle")
    assert not any(any(r.tests_outcomes) for (pair, _), r in results.items() if pair == "null")
