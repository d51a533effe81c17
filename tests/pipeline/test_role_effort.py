"""Each role thinks as hard as its job needs: the architect plans with a high effort, the editor with
as little thinking as its model allows. Checked on the requests the real SDKs send to the scripted
server (which keeps the adaptive Claude models' rules, so each request is one the API accepts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.config import load_settings
from bot.errors import ConfigError
from bot.models.factory import build_models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import FIX_ADD, PLAN, commit_everything, make_repo, task
from tests.servers.llm import ADAPTIVE_MODELS, LLMServer, Reply

RunRoles = Callable[..., list[dict[str, Any]]]
# A Claude that takes a manual thinking budget (as Opus 4.5 did until its retirement), defined in the
# settings as a user would, so the test does not end with a catalog model's retirement date.
MANUAL_THINKER = {"context_window": 200_000, "max_output_tokens": 64_000, "reasoning": "anthropic-thinking"}
CLAUDE_PAIR = {
    "architect": "anthropic/claude-manual-thinker",
    "editor": "anthropic/claude-sonnet-5-5",
    "models": {"anthropic/claude-manual-thinker": MANUAL_THINKER},
}


@pytest.fixture
def run_roles(llm_server: LLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RunRoles:
    """Fixes the demo bug with the given settings; returns the architect's and the editor's request."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-local-effort")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-effort")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.openai_base_url)
    llm_server.adaptive.update(ADAPTIVE_MODELS)

    def run(**settings: Any) -> list[dict[str, Any]]:
        plan = Reply(answer=PLAN, reasoning="add() subtracts; make it add.")
        llm_server.script(plan, Reply(answer=FIX_ADD))
        t = task(make_repo(tmp_path / "repo"), **settings)
        outcome = run_pipeline(t, build_models(t.settings), LocalSandbox())
        assert outcome.status is Status.FIXED, outcome
        assert len(llm_server.requests) == 2
        return [r.body for r in llm_server.requests]

    return run


def test_a_manual_thinking_architect_thinks_hard_and_an_adaptive_editor_barely(run_roles: RunRoles) -> None:
    architect, editor = run_roles(**CLAUDE_PAIR)
    assert architect["thinking"]["type"] == "enabled"
    assert architect["thinking"]["budget_tokens"] > 16_000, "high effort: the large budget, not none"
    assert editor["thinking"] == {"type": "adaptive", "display": "summarized"}
    assert editor["output_config"] == {"effort": "low"}, "minimal maps to the lowest level it accepts"
    assert "temperature" not in editor


def test_efforts_from_the_settings_reach_each_role(run_roles: RunRoles) -> None:
    architect, editor = run_roles(**CLAUDE_PAIR, architect_effort="low", editor_effort="medium")
    assert architect["thinking"] == {"type": "enabled", "budget_tokens": 4_000}
    assert editor["output_config"] == {"effort": "medium"}


def test_an_o_series_architect_gets_its_nearest_effort_and_a_plain_editor_none(run_roles: RunRoles) -> None:
    # an o-series-like model and a plain one, as a user's settings define them (o3 retires 2026-12-11)
    models = {
        "openai/o-like": {
            "context_window": 200_000,
            "max_output_tokens": 100_000,
            "reasoning": "openai-effort",
        },
        "openai/plain": {"context_window": 128_000, "max_output_tokens": 16_384},
    }
    architect, editor = run_roles(
        architect="openai/o-like", editor="openai/plain", architect_effort="max", models=models
    )
    assert architect["model"] == "o-like" and architect["reasoning_effort"] == "high"
    assert "reasoning_effort" not in editor


def test_an_unknown_effort_in_the_config_file_is_a_clear_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / ".github").mkdir()
    (repo / ".github" / "architect-bot.yml").write_text("architect-effort: extreme\n")
    commit_everything(repo)
    with pytest.raises(ConfigError, match="architect_effort"):
        load_settings(repo, {}, ".github/architect-bot.yml")
    (repo / ".github" / "architect-bot.yml").write_text("architect-effort: medium\neditor-effort: low\n")
    commit_everything(repo)
    loaded = load_settings(repo, {}, ".github/architect-bot.yml")
    assert (loaded.architect_effort, loaded.editor_effort) == ("medium", "low")
