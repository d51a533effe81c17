"""bench-report on dated cases: each case's date against each model's training cutoff, commit-message
cases apart, in leaderboard.md and results.yml; the job summary carries the per-pair table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from bot.bench.results import CaseResult

SONNET5 = "anthropic/claude-sonnet-5"  # catalog cutoff 2026-01
SONNET55 = "anthropic/claude-sonnet-5-5"  # catalog cutoff 2026-06
PAIR = f"{SONNET55}+{SONNET5}"


def _case(case: str, date: str, statement: str, solved: bool, pair: str = PAIR) -> CaseResult:
    return CaseResult(
        pair=pair,
        lang="python",
        exercise=case,
        tests_outcomes=[solved],
        status="fixed" if solved else "tests-failing",
        duration_seconds=10.0,
        cost=0.5,
        case_date=date,
        statement=statement,
    )


def test_report_dates_cases_against_cutoffs_and_sets_commit_message_cases_apart(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    for result in (
        _case("o__r-1", "2026-09-02T10:00:00+00:00", "issue", True),
        _case("o__r-2", "2026-06-20T10:00:00+00:00", "commit-message", False),
        _case("o__r-1", "2026-09-02T10:00:00+00:00", "issue", True, pair="unknown/model"),
    ):
        result.write(runs)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "bench-report", str(runs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    issue_part, _, commit_part = out.partition("### Cases from commit messages")
    assert "### Cases from issues: date vs training cutoff" in issue_part
    cutoffs = f"{SONNET55} 2026-06, {SONNET5} 2026-01"
    assert f"| `{PAIR}` | o__r-1 | 2026-09-02 | yes | {cutoffs} | after cutoff |" in out
    assert "| `unknown/model` | o__r-1 | 2026-09-02 | yes | unknown/model unknown | unknown |" in out
    # the cutoff month itself may be in the training data
    assert "| o__r-2 | 2026-06-20 | no |" in commit_part and commit_part.rstrip().endswith("possibly seen |")
    rows = {row["dirname"]: row for row in yaml.safe_load((runs / "report" / "results.yml").read_text())}
    cases = next(row["cases"] for row in rows.values() if row["model"] == SONNET55)
    assert [(c["case"], c["date"], c["statement"], c["contamination"]) for c in cases] == [
        ("o__r-1", "2026-09-02", "issue", "after cutoff"),
        ("o__r-2", "2026-06-20", "commit-message", "possibly seen"),
    ]
    assert cases[0]["training_cutoffs"] == {SONNET55: "2026-06", SONNET5: "2026-01"}
    job_summary = summary.read_text()
    assert "| Cost/resolved | s/case | Median s | Thinking s/case |" in job_summary
    # 2 cases, 1 resolved, $0.50 each: a resolved case cost $1.00; durations 10 s each
    row = f"| `{PAIR}` | 2 | 50.0% | 50.0% | 100.0% (1/1) | 100.0% | $1.00 | $1.00 | 10.0 | 10.0 |"
    assert row in job_summary
    assert "### Cases from issues" in job_summary
