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


def test_the_plan_ends_with_a_quote_of_go_from_the_editors_real_prompt(
    tmp_path: Path, llm_server: LLMServer
) -> None:
    small = make_repo(tmp_path / "small")
    big = make_repo(tmp_path / "big")
    (big / "calc.py").write_text(
        (big / "calc.py").read_text() + "".join(f"\n\ndef f{i}(x):\n    return x * {i}\n" for i in range(400))
    )
    commit_everything(big)
    quotes = []
    for repo in (small, big):
        llm_server.script(Reply(answer=PLAN))
        code, out, err = _plan(repo, llm_server)
        assert code == 0, err
        quotes.append(json.loads(out)["quote"])
    low, high = quotes
    assert low["editor"] == "anthropic/claude-sonnet-5-5" and low["files"] == 1 and low["tries"] == 2
    assert high["prompt_tokens"] > low["prompt_tokens"] + 2000  # the planned file is counted as sent
    assert 0 < low["cost_one_try"] < low["cost_all_tries"] < high["cost_all_tries"]
    assert low["test_seconds"] is None  # no baseline ran at this commit yet


def test_the_text_quote_says_what_is_unknown(tmp_path: Path, llm_server: LLMServer) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(Reply(answer=PLAN))
    result = cli(
        "plan", "--repo", str(repo), "--issue-text", "add() is wrong",
        "--architect", "anthropic/claude-opus-5-5", "--editor", "ollama/some-local-coder",
        env={"ANTHROPIC_BASE_URL": llm_server.base_url, "ANTHROPIC_API_KEY": "test-key",
             "OLLAMA_BASE_URL": "http://127.0.0.1:9/v1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Estimated cost of `go`: $0.0000 (1 try)" in result.stdout  # a local model costs nothing
    assert "Test time: not known until the tests have run once at this commit." in result.stdout
