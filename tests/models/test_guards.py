"""Each runaway-thinking guard firing and not firing, on real streams."""

from __future__ import annotations

import pytest

from bot.models import CallSettings, GuardKind, GuardStopped, LoopConfig, Message, RetryPolicy
from bot.models.guards import LoopDetector
from tests.models.conftest import MakeModel, SleepLog
from tests.models.text import LOOP, natural_reasoning
from tests.servers.llm import LLMServer, Reply

PROMPT = [Message("user", "Why does the parser drop the last line?")]
NAMES = ["anthropic/claude-opus-4-5", "deepseek/deepseek-reasoner", "ollama/qwq"]
SHAPES = {
    "anthropic/claude-opus-4-5": "reasoning_content",
    "deepseek/deepseek-reasoner": "reasoning_content",
    "ollama/qwq": "think",
}
THINK = CallSettings(thinking_budget_tokens=4000)


def _settings(**kw: object) -> CallSettings:
    return CallSettings(thinking_budget_tokens=4000, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_loop_detector_stops_endless_repetition(
    llm_server: LLMServer, model_for: MakeModel, name: str
) -> None:
    llm_server.script(Reply(endless_reasoning=LOOP, shape=SHAPES[name], chunk_chars=40))  # type: ignore[arg-type]
    with pytest.raises(GuardStopped) as info:
        model_for(name).complete(PROMPT, THINK)
    err = info.value
    assert err.guard is GuardKind.LOOP and not err.retryable
    assert err.partial.guard is GuardKind.LOOP
    assert err.partial.reasoning.count("index starts at zero") > 10 and err.partial.answer == ""
    assert err.tokens > 0 and "loop detector" in str(err) and "tokens" in str(err)
    assert len(llm_server.requests) == 1  # a loop is not retried


@pytest.mark.parametrize("name", NAMES)
def test_long_natural_reasoning_is_not_cut(llm_server: LLMServer, model_for: MakeModel, name: str) -> None:
    reasoning = natural_reasoning()
    llm_server.script(
        Reply(answer="Fix the loop bound.", reasoning=reasoning, shape=SHAPES[name], chunk_chars=80)
    )  # type: ignore[arg-type]
    c = model_for(name).complete(PROMPT, THINK)
    assert c.guard is None and c.answer == "Fix the loop bound."
    assert c.reasoning == reasoning.strip()


def test_loop_detector_catches_a_repeated_paragraph_and_spares_prose() -> None:
    paragraph = " ".join(natural_reasoning().split()[:200]) + " "
    detector = LoopDetector()
    assert not any(detector.feed(piece) for piece in [paragraph] * 2)
    assert any(detector.feed(paragraph) for _ in range(6))
    prose = LoopDetector()
    text = natural_reasoning()
    assert not any(prose.feed(text[i : i + 50]) for i in range(0, len(text), 50))


def test_loop_detector_is_tunable(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="done", reasoning=LOOP * 30, chunk_chars=40))
    strict = model_for("deepseek/deepseek-reasoner", loop=LoopConfig(min_words=10_000))
    assert strict.complete(PROMPT, THINK).guard is None  # never enough words to judge


@pytest.mark.parametrize("name", NAMES)
def test_reasoning_token_cap(llm_server: LLMServer, model_for: MakeModel, name: str) -> None:
    llm_server.script(
        Reply(answer="late", reasoning=natural_reasoning(2000), shape=SHAPES[name], chunk_chars=60)
    )  # type: ignore[arg-type]
    with pytest.raises(GuardStopped) as info:
        model_for(name).complete(PROMPT, _settings(max_reasoning_tokens=300))
    err = info.value
    assert err.guard is GuardKind.REASONING_TOKENS and not err.retryable
    assert 300 < len(err.partial.reasoning) / 3.6 < 400 and err.partial.answer == ""
    assert "reasoning-token cap" in str(err)


def test_reasoning_under_the_cap_passes(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok", reasoning=natural_reasoning(100)))
    c = model_for("deepseek/deepseek-reasoner").complete(PROMPT, _settings(max_reasoning_tokens=1000))
    assert c.guard is None and c.answer == "ok"


@pytest.mark.parametrize("name", NAMES)
def test_deadline_stops_a_slow_stream(llm_server: LLMServer, model_for: MakeModel, name: str) -> None:
    llm_server.script(
        Reply(answer="x" * 400, reasoning="y " * 200, shape=SHAPES[name], chunk_chars=10, delay_s=0.02)
    )  # type: ignore[arg-type]
    with pytest.raises(GuardStopped) as info:
        model_for(name).complete(PROMPT, _settings(deadline_s=0.3))
    assert info.value.guard is GuardKind.DEADLINE and not info.value.retryable
    assert info.value.seconds > 0 and len(llm_server.requests) == 1


def test_deadline_stops_a_stalled_stream(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="a " * 50, stall_after_chunks=1, stall_s=10))
    with pytest.raises(GuardStopped) as info:
        model_for("openai/gpt-4.1").complete(PROMPT, CallSettings(deadline_s=0.4, stall_timeout_s=30))
    assert info.value.guard is GuardKind.DEADLINE


def test_deadline_not_reached(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="quick", reasoning="short thought", delay_s=0.001))
    assert model_for("ollama/qwq").complete(PROMPT, CallSettings(deadline_s=30)).guard is None


@pytest.mark.parametrize("name", NAMES)
def test_stall_aborts_and_retries(llm_server: LLMServer, model_for: MakeModel, name: str) -> None:
    llm_server.script(
        Reply(answer="a " * 50, reasoning="b " * 20, shape=SHAPES[name], stall_after_chunks=2, stall_s=10),  # type: ignore[arg-type]
        Reply(answer="after the stall", reasoning="fresh thought", shape=SHAPES[name]),  # type: ignore[arg-type]
    )
    c = model_for(name).complete(PROMPT, _settings(stall_timeout_s=0.5))
    assert c.answer == "after the stall" and len(llm_server.requests) == 2


def test_stall_that_persists_raises_after_retries(
    llm_server: LLMServer, model_for: MakeModel, sleeps: SleepLog
) -> None:
    stall = Reply(answer="a " * 50, stall_after_chunks=1, stall_s=10)
    llm_server.script(stall, stall)
    model = model_for("compat/x", retry=RetryPolicy(max_attempts=2, initial_wait_s=0.01, sleep=sleeps))
    with pytest.raises(GuardStopped) as info:
        model.complete(PROMPT, CallSettings(stall_timeout_s=0.5))
    err = info.value
    assert err.guard is GuardKind.STALL and err.retryable and "no bytes for 0.5 s" in str(err)
    assert err.partial.answer.startswith("a") and len(llm_server.requests) == 2


def test_slow_but_steady_stream_is_no_stall(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="steady " * 10, chunk_chars=7, delay_s=0.05))
    c = model_for("compat/x").complete(PROMPT, CallSettings(stall_timeout_s=1.0))
    assert c.guard is None and len(llm_server.requests) == 1
