"""A model that never stops cannot hold a run: per-call deadlines, and caps on reasoning and answer
tokens, stop servers that ignore ``max_tokens`` and stream new text forever, on both wire protocols."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.config import Settings, call_settings
from bot.models import CallSettings, GuardKind, GuardStopped, Message, RetryPolicy, make_model
from bot.models.types import Models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.ports import Model
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import make_repo, task
from tests.servers.llm import LLMServer, Reply

MODELS = ["anthropic/claude-sonnet-5-5", "deepseek/deepseek-flash"]  # the Anthropic and OpenAI protocols
ENDLESS = ["reasoning", "answer"]
ONCE = RetryPolicy(max_attempts=1)


def model(llm_server: LLMServer, name: str) -> Model:
    base = llm_server.base_url if name.startswith("anthropic/") else llm_server.openai_base_url
    return make_model(name, base_url=base, api_key="k", retry=ONCE)


@pytest.mark.parametrize("endless", ENDLESS)
@pytest.mark.parametrize("name", MODELS)
def test_an_endless_model_is_stopped_at_the_architects_deadline(
    llm_server: LLMServer, tmp_path: Path, name: str, endless: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(Reply(endless=endless))  # type: ignore[arg-type]
    deadline = 3.0
    far = 10_000_000  # caps out of reach: the deadline is what must stop it
    t = task(
        repo,
        architect=name,
        editor=name,
        architect_deadline_s=deadline,
        max_reasoning_tokens=far,
        max_answer_tokens=far,
    )
    models = Models(editor=model(llm_server, name), architect=model(llm_server, name))

    started = time.monotonic()
    outcome = run_pipeline(t, models, LocalSandbox())
    took = time.monotonic() - started

    assert outcome.status is Status.GUARD_STOPPED and outcome.guard == "deadline", outcome.error
    assert outcome.stopped_at == "plan" and took < deadline + 5
    [usage] = outcome.usage  # what streamed before the stop counts
    assert usage.role == "architect" and usage.reasoning_tokens + usage.answer_tokens > 0


@pytest.mark.parametrize(
    ("endless", "cap", "guard"),
    [
        ("reasoning", {"max_reasoning_tokens": 3000}, GuardKind.REASONING_TOKENS),
        ("answer", {"max_answer_tokens": 3000}, GuardKind.ANSWER_TOKENS),
    ],
)
@pytest.mark.parametrize("name", MODELS)
def test_an_endless_model_is_stopped_by_its_token_cap(
    llm_server: LLMServer, name: str, endless: str, cap: dict[str, int], guard: GuardKind
) -> None:
    llm_server.script(Reply(endless=endless))  # type: ignore[arg-type]
    with pytest.raises(GuardStopped) as caught:
        model(llm_server, name).complete([Message("user", "plan it")], CallSettings(**cap))  # type: ignore[arg-type]
    stopped = caught.value
    assert stopped.guard is guard
    # collection stops at the cap: what was kept is about the cap, not what the server kept sending
    kept = stopped.partial.reasoning if endless == "reasoning" else stopped.partial.answer
    assert 3000 * 3 < len(kept) < 3000 * 5


def test_the_answer_cap_defaults_to_the_output_budget_the_request_asked_for(llm_server: LLMServer) -> None:
    llm_server.script(Reply(endless="answer"))
    with pytest.raises(GuardStopped) as caught:
        model(llm_server, MODELS[1]).complete([Message("user", "edit")], CallSettings(max_output_tokens=2000))
    assert caught.value.guard is GuardKind.ANSWER_TOKENS
    assert 2000 * 4 < len(caught.value.partial.answer) < 2000 * 4 * 2


def test_every_run_has_deadlines_and_caps_by_default() -> None:
    architect, editor = call_settings(Settings(), "architect"), call_settings(Settings(), "editor")
    assert architect.deadline_s and editor.deadline_s and editor.deadline_s < architect.deadline_s
    assert architect.max_reasoning_tokens and editor.max_reasoning_tokens
    settings = Settings(architect_deadline_s=60, editor_deadline_s=30, max_answer_tokens=900)
    custom = call_settings(settings, "editor")
    assert (custom.deadline_s, custom.max_answer_tokens) == (30, 900)
