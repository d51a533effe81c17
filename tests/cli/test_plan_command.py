"""`architect-bot plan` takes the pipeline's planning path: files the architect asks for (`NEED FILE:`)
are read through the same budget and the plan is written after them, never an empty plan; and the
run's cost cap (`max-cost-usd`) stops it as it stops `run`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import cli
from tests.pipeline.helpers import PLAN, commit_everything, make_repo
from tests.servers.llm import LLMServer, Reply

ASKS = "I need to see the helper first.\nNEED FILE: helpers.py\nNEED FILE: ../../etc/passwd\n"


def _plan(repo: Path, llm_server: LLMServer, *extra: str) -> tuple[int, str, str]:
    result = cli(
        "plan", "--repo", str(repo), "--issue-text", "add() is wrong", *extra,
        "--architect", "anthropic/claude-opus-5-5", "--json",
        env={"ANTHROPIC_BASE_URL": llm_server.base_url, "ANTHROPIC_API_KEY": "test-key"},
    )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


def test_files_the_architect_asks_for_are_shown_and_the_plan_follows(
    tmp_path: Path, llm_server: LLMServer
) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "helpers.py").write_text("HELPER_MARKER = 'sign flip lives here'\n")
    commit_everything(repo)
    llm_server.script(Reply(answer=ASKS), Reply(answer=PLAN))
    code, out, err = _plan(repo, llm_server)
    assert code == 0, err
    data = json.loads(out)
    assert data["plan"].strip() == PLAN.strip()  # the second answer, not the stripped request
    assert data["usage"]["calls"] == 2
    assert len(llm_server.requests) == 2
    follow_up = json.dumps(llm_server.requests[1].body)
    assert "HELPER_MARKER" in follow_up
    assert "root:x:" not in follow_up
    assert "These do not exist in the repository: ../../etc/passwd" in follow_up


def test_the_cost_cap_stops_the_plan(tmp_path: Path, llm_server: LLMServer) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".github").mkdir()
    (repo / ".github" / "architect-bot.yml").write_text("max-cost-usd: 0.01\n")
    commit_everything(repo)
    # 100k input tokens of Opus cost far more than a cent: the first answer is the last
    llm_server.script(Reply(answer=ASKS, input_tokens=100_000), Reply(answer=PLAN))
    code, out, err = _plan(repo, llm_server)
    assert code == 3, (out, err)
    assert "cost budget spent" in err and "of $0.0100" in err
    assert len(llm_server.requests) == 1
