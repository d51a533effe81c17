"""Claude 5 / 5.5 adaptive thinking through the real anthropic SDK, against a server keeping the API's rules.

The scripted server refuses, as Anthropic does for these models, manual thinking (type enabled,
budget_tokens) and non-default sampling knobs, and hides thinking text unless display is
"summarized" (see tests/servers/llm.py). So an accepted request here is one the API accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anthropic
import pytest

from bot.models import (
    CallSettings,
    GuardKind,
    GuardStopped,
    Message,
    ModelAPIError,
    RetryPolicy,
    load_catalog,
    make_model,
)
from bot.models.anthropic_model import adaptive_effort
from tests.models.conftest import KEY, MakeModel
from tests.models.text import LOOP
from tests.servers.llm import ADAPTIVE_MODELS, LLMServer, Reply

PROMPT = [Message("system", "You are an architect."), Message("user", "Fix the bug in parse().")]
REASONING = "The bug is an off-by-one in the loop. I should change range(n) to range(n + 1)."
ANSWER = "Change `range(n)` to `range(n + 1)` in parse()."
ADAPTIVE = [
    "anthropic/claude-sonnet-5",
    "anthropic/claude-opus-5",
    "anthropic/claude-sonnet-5-5",
    "anthropic/claude-opus-5-5",
]


@pytest.fixture
def strict(llm_server: LLMServer) -> Iterator[LLMServer]:
    """The scripted server enforcing the documented rules of the adaptive Claude models."""
    llm_server.adaptive.update(ADAPTIVE_MODELS)
    yield llm_server


def test_the_catalog_marks_the_current_claude_models_adaptive() -> None:
    catalog = load_catalog()
    assert [catalog.get(name).reasoning for name in ADAPTIVE] == ["anthropic-adaptive"] * 4
    # platform.claude.com model pages, checked 2026-11: Sonnet 5.5 $2 / $10, Opus 5.5 $4 / $0.20 / $20;
    # Sonnet 5.5's cache reads cost $0.10 since 2026-10-07 (its migration guide)
    sonnet, opus = catalog.get("anthropic/claude-sonnet-5-5"), catalog.get("anthropic/claude-opus-5-5")
    assert sonnet.cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(2.0 + 0.1 + 10.0)
    assert opus.cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(4.0 + 0.2 + 20.0)
    assert (sonnet.context_window, sonnet.max_output_tokens) == (opus.context_window, opus.max_output_tokens)
    assert (opus.context_window, opus.max_output_tokens) == (1_000_000, 128_000)


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
@pytest.mark.parametrize("name", ADAPTIVE)
def test_adaptive_request_is_accepted_and_thinking_streams_apart(
    strict: LLMServer, model_for: MakeModel, name: str, stream: bool
) -> None:
    strict.script(Reply(answer=ANSWER, reasoning=REASONING, chunk_chars=7))
    deltas: list[tuple[str, str]] = []
    # knobs an older Claude would have sent as budget_tokens and temperature
    settings = CallSettings(stream=stream, thinking_budget_tokens=8000, temperature=0.3)
    c = model_for(name).complete(PROMPT, settings, lambda kind, text: deltas.append((kind, text)))

    body = strict.requests[-1].body
    assert body["thinking"] == {"type": "adaptive", "display": "summarized"}
    assert body["output_config"] == {"effort": "medium"}
    assert not {"temperature", "top_p", "top_k"} & set(body)
    assert (c.answer, c.reasoning, c.guard) == (ANSWER, REASONING, None)
    assert c.reasoning_tokens > 0 and c.answer_tokens > 0
    assert "".join(t for k, t in deltas if k == "reasoning") == REASONING
    assert "".join(t for k, t in deltas if k == "answer") == ANSWER
    assert [k for k, _ in deltas][:1] == ["reasoning"]


def test_thinking_time_is_measured_apart(strict: LLMServer, model_for: MakeModel) -> None:
    strict.script(Reply(answer="a" * 40, reasoning="r" * 40, chunk_chars=4, delay_s=0.01))
    c = model_for("anthropic/claude-sonnet-5-5").complete(PROMPT, CallSettings())
    assert c.thinking_seconds > 0 and c.answer_seconds > 0
    assert c.total_seconds >= c.thinking_seconds + c.answer_seconds


@pytest.mark.parametrize(
    ("settings", "effort"),
    [
        (CallSettings(), None),
        (CallSettings(reasoning_effort="low"), "low"),
        (CallSettings(reasoning_effort="high", thinking_budget_tokens=1000), "high"),  # the effort wins
        (CallSettings(reasoning_effort="max"), "max"),
        (CallSettings(reasoning_effort="minimal"), "low"),
        (CallSettings(thinking_budget_tokens=4000), "low"),
        (CallSettings(thinking_budget_tokens=16_001), "high"),
        (CallSettings(thinking_budget_tokens=64_000), "max"),
    ],
)
def test_effort_comes_from_the_effort_or_the_thinking_budget(
    strict: LLMServer, model_for: MakeModel, settings: CallSettings, effort: str | None
) -> None:
    assert adaptive_effort(settings) == effort
    strict.script(Reply(answer="ok"))
    model_for("anthropic/claude-opus-5-5").complete(PROMPT, settings)
    body = strict.requests[-1].body
    assert body.get("output_config") == ({"effort": effort} if effort else None)


def test_loop_guard_still_stops_adaptive_thinking(strict: LLMServer, model_for: MakeModel) -> None:
    strict.script(Reply(endless_reasoning=LOOP, chunk_chars=40))
    with pytest.raises(GuardStopped) as info:
        model_for("anthropic/claude-sonnet-5-5").complete(PROMPT, CallSettings())
    assert info.value.guard is GuardKind.LOOP
    assert info.value.partial.reasoning.count("index starts at zero") > 10


def test_reasoning_token_cap_still_applies(strict: LLMServer, model_for: MakeModel) -> None:
    strict.script(Reply(answer="late", reasoning=REASONING * 40, chunk_chars=40))
    with pytest.raises(GuardStopped) as info:
        model_for("anthropic/claude-sonnet-5").complete(PROMPT, CallSettings(max_reasoning_tokens=100))
    assert info.value.guard is GuardKind.REASONING_TOKENS


# -- the server's checks can fail: the requests older code sent are refused -------------------------
def _as(strict: LLMServer, name: str, reasoning: str, **fields: object) -> ModelAPIError:
    """Calls ``name`` with its catalog entry set back to an older ``reasoning`` style."""
    catalog = load_catalog({name: {"reasoning": reasoning, **fields}})
    model = make_model(name, base_url=strict.base_url, api_key=KEY, catalog=catalog)
    strict.script(Reply(answer="never sent"))
    with pytest.raises(ModelAPIError) as info:
        model.complete(PROMPT, CallSettings(thinking_budget_tokens=8000, temperature=0.2))
    assert info.value.status == 400 and strict.pending == 1  # refused before any answer was made
    return info.value


@pytest.mark.parametrize("name", ADAPTIVE)
def test_manual_thinking_is_refused(strict: LLMServer, name: str) -> None:
    err = _as(strict, name, "anthropic-thinking")
    assert strict.requests[-1].body["thinking"] == {"type": "enabled", "budget_tokens": 8000}
    assert '"thinking.type.enabled" is not supported' in str(err) and "output_config.effort" in str(err)


def test_temperature_is_refused(strict: LLMServer) -> None:
    err = _as(strict, "anthropic/claude-sonnet-5", "none", top_p=0.9)
    assert strict.requests[-1].body["temperature"] == 0.2
    assert "`temperature` is deprecated for this model" in str(err)


def test_rules_hold_only_for_models_the_server_is_told_about(llm_server: LLMServer) -> None:
    llm_server.script(Reply(answer="fine"))
    catalog = load_catalog({"anthropic/claude-sonnet-5": {"reasoning": "anthropic-thinking"}})
    model = make_model(
        "anthropic/claude-sonnet-5", base_url=llm_server.base_url, api_key=KEY, catalog=catalog
    )
    assert model.complete(PROMPT, CallSettings(thinking_budget_tokens=8000)).answer == "fine"


# -- the raw SDK against the strict server: display and thinking types -----------------------------
def _client(server: LLMServer) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=server.base_url, api_key=KEY, max_retries=0)


def test_thinking_text_is_omitted_unless_display_asks_for_it(strict: LLMServer) -> None:
    strict.script(Reply(answer="A", reasoning=REASONING), Reply(answer="A", reasoning=REASONING))
    args = {"model": "claude-sonnet-5-5", "max_tokens": 1000, "messages": [{"role": "user", "content": "q"}]}
    hidden = _client(strict).messages.create(**args, thinking={"type": "adaptive"})  # type: ignore[call-overload]
    shown = _client(strict).messages.create(**args, thinking={"type": "adaptive", "display": "summarized"})  # type: ignore[call-overload]
    assert [b.type for b in hidden.content] == ["thinking", "text"] and hidden.content[0].thinking == ""
    assert shown.content[0].thinking == REASONING


@pytest.mark.parametrize(
    ("model", "kind", "accepted"),
    [
        ("claude-sonnet-5", "disabled", True),
        ("claude-sonnet-5-5", "disabled", False),
        ("claude-sonnet-5-5", "between_tools", True),
        ("claude-opus-5-5", "disabled", False),
    ],
)
def test_thinking_types_per_model(strict: LLMServer, model: str, kind: str, accepted: bool) -> None:
    strict.script(Reply(answer="A"))
    call = {"model": model, "max_tokens": 100, "messages": [{"role": "user", "content": "q"}]}
    if accepted:
        assert _client(strict).messages.create(**call, thinking={"type": kind}).content[-1].text == "A"  # type: ignore[call-overload, union-attr]
        return
    with pytest.raises(anthropic.BadRequestError, match=f"thinking.type.{kind}"):
        _client(strict).messages.create(**call, thinking={"type": kind})  # type: ignore[call-overload]


@pytest.mark.parametrize("name", ["anthropic/claude-sonnet-5-5", "anthropic/claude-opus-4-5"])
def test_billed_thinking_counts_in_full_though_only_a_summary_is_shown(
    strict: LLMServer, model_for: MakeModel, name: str
) -> None:
    """Claude bills all its thinking as output tokens but returns a summary: the reasoning tokens are
    what was billed minus the answer, not the summary's share of the text."""
    strict.script(Reply(answer=ANSWER, reasoning="Summary: off by one.", output_tokens=5000))
    settings = CallSettings(reasoning_effort="high")
    c = model_for(name).complete(PROMPT, settings)
    assert c.answer == ANSWER and c.reasoning == "Summary: off by one."
    assert c.reasoning_tokens + c.answer_tokens == 5000
    assert c.reasoning_tokens > 4900, "the summary is a few words; nearly all 5,000 tokens were thinking"


def test_keepalive_pings_carry_a_long_quiet_think_and_silence_is_still_a_stall(
    strict: LLMServer, model_for: MakeModel
) -> None:
    """Claude can think for minutes without a delta, sending `ping` events meanwhile: those bytes keep
    the stall timeout from firing. A stream that sends nothing at all is still a stall."""
    quiet: dict[str, Any] = {"answer": ANSWER, "reasoning": REASONING, "chunk_chars": 20}
    quiet |= {"stall_after_chunks": 2, "stall_s": 1.5}  # a quiet stretch after two thinking deltas
    strict.script(Reply(**quiet, keepalive_s=0.2))
    c = model_for("anthropic/claude-sonnet-5-5").complete(PROMPT, CallSettings(stall_timeout_s=0.6))
    assert (c.answer, c.guard) == (ANSWER, None)
    assert c.thinking_seconds >= 1.5

    strict.script(Reply(**quiet))
    once = model_for("anthropic/claude-sonnet-5-5", retry=RetryPolicy(max_attempts=1))
    with pytest.raises(GuardStopped) as info:
        once.complete(PROMPT, CallSettings(stall_timeout_s=0.6))
    assert info.value.guard is GuardKind.STALL
