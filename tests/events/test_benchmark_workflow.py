"""The scheduled benchmark workflow: triggers, the shard -> merge job graph, and where secrets go."""

from __future__ import annotations

import re
from typing import Any

from tests.events.test_workflows import read


def workflow() -> dict[str, Any]:
    return read("benchmark.yml")


def test_weekly_benchmark_monthly_mining_and_dispatch_inputs() -> None:
    on = workflow()["on"]
    weekly, monthly = (entry["cron"] for entry in on["schedule"])
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", weekly)
    assert re.fullmatch(r"\d+ \d+ 1 \* \*", monthly)
    assert set(on["workflow_dispatch"]["inputs"]) == {"pairs", "suite", "shards", "mine"}
    jobs = workflow()["jobs"]
    assert jobs["mine"]["if"] == f"github.event.schedule == '{monthly}' || inputs.mine"
    assert jobs["plan"]["if"] == f"github.event.schedule != '{monthly}' && !inputs.mine"


def test_job_graph_plan_shard_merge() -> None:
    jobs = workflow()["jobs"]
    assert set(jobs) == {"mine", "plan", "catalog", "shard", "merge"}
    assert jobs["catalog"]["if"] == jobs["plan"]["if"]  # with every benchmark, not with mining
    assert jobs["shard"]["needs"] == "plan" and jobs["merge"]["needs"] == "shard"
    # a failed shard still gets a leaderboard of the rest; a mining run has none
    assert jobs["merge"]["if"] == "always() && needs.shard.result != 'skipped'"


def test_mining_uploads_the_cases_and_the_benchmark_uses_committed_ones() -> None:
    jobs, env = workflow()["jobs"], workflow()["env"]
    mine = next(s["run"] for s in jobs["mine"]["steps"] if "bench-mine" in s.get("run", ""))
    assert "--out cases.jsonl" in mine and 'cp "$CASES" cases.jsonl' in mine  # resumes from committed
    upload = next(s for s in jobs["mine"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert "cases.jsonl" in upload["with"]["path"] and "cases.dropped.jsonl" in upload["with"]["path"]
    # reading only: committing the cases back is the maintainer's act; issues and pull requests give
    # the cases their problem statements (--github)
    assert jobs["mine"]["permissions"] == {"contents": "read", "issues": "read", "pull-requests": "read"}
    assert '--github "$REPOSITORY"' in str(jobs["mine"]["steps"])
    run = next(s["run"] for s in jobs["shard"]["steps"] if s.get("name") == "Run the shard")
    assert env["CASES"] and 'if [ -s "$CASES" ]' in run and '--cases "$CASES" --repo .' in run
    for name in ("mine", "shard"):
        checkout = next(s for s in jobs[name]["steps"] if "checkout" in s.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0  # past commits are the input
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    assert jobs["shard"]["strategy"]["fail-fast"] is False


def test_shards_upload_and_merge_downloads_the_same_artifacts() -> None:
    jobs = workflow()["jobs"]
    upload = next(s for s in jobs["shard"]["steps"] if "upload-artifact" in s.get("uses", ""))
    download = next(s for s in jobs["merge"]["steps"] if "download-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "bench-shard-${{ matrix.shard }}" and upload["if"] == "always()"
    assert download["with"]["pattern"] == "bench-shard-*"
    run = next(s["run"] for s in jobs["shard"]["steps"] if "bench " in s.get("run", ""))
    assert '--shard "$SHARD/$TOTAL"' in run and "--out bench-out" in run
    merge = next(s["run"] for s in jobs["merge"]["steps"] if "bench-merge" in s.get("run", ""))
    assert "shards/*" in merge


def test_secrets_only_reach_the_steps_that_call_models() -> None:
    jobs = workflow()["jobs"]
    holders = [
        (name, step.get("name"))
        for name, job in jobs.items()
        for step in job["steps"]
        if "secrets." in str(step)
    ]
    assert holders == [("catalog", "Check the model catalog"), ("shard", "Run the shard")]
    check = next(s["run"] for s in jobs["catalog"]["steps"] if s.get("name") == "Check the model catalog")
    assert "models --check" in check and "--strict" not in check  # a warning, not a failed benchmark


def test_jobs_install_with_the_actions_keyed_venv() -> None:
    """Not a fresh `pip install .` per job: the tool-cached venv of scripts/action-setup.sh."""
    jobs = workflow()["jobs"]
    for name in ("mine", "catalog", "shard", "merge"):
        install = next(s for s in jobs[name]["steps"] if s.get("name") == "Install")
        assert install["run"] == 'bash scripts/action-setup.sh "$GITHUB_WORKSPACE"'
        users = [s for s in jobs[name]["steps"] if "$BIN/architect-bot" in s.get("run", "")]
        assert users and all(s["env"]["BIN"] == "${{ steps.install.outputs.bin }}" for s in users)


def test_the_shard_count_comes_from_the_plan_job() -> None:
    jobs = workflow()["jobs"]
    assert jobs["plan"]["outputs"]["total"] == "${{ steps.shards.outputs.total }}"
    run = next(s for s in jobs["shard"]["steps"] if s.get("name") == "Run the shard")
    assert run["env"]["TOTAL"] == "${{ needs.plan.outputs.total }}"
