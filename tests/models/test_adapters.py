"""Every adapter x every reasoning shape x streaming on/off, through the real SDKs."""

from __future__ import annotations

import pytest

from bot.errors import UsageError
from bot.models import CallSettings, Message, load_catalog, make_model
from tests.models.conftest import KEY, MakeModel
from tests.servers.llm import LLMServer, Reply

PROMPT = [Message("system", "You are an architect."), Message("user", "Fix the bug in parse().")]
REASONING = "The bug is an off-by-one in the loop. I should change range(n) to range(n + 1)."
ANSWER = "Change `range(n)` to `range(n + 1)` in parse()."

CASES = [
    # (model name, shape the server uses, does the reasoning text come back?)
    ("anthropic/claude-opus-4-5", "reasoning_content", True),  # shape unused: Anthropic thinking blocks
    ("openai/o3", "none", False),  # o-series hide their reasoning, only count it
    ("deepseek/deepseek-reasoner", "reasoning_content", True),
    ("openrouter/deepseek/deepseek-r1", "reasoning", True),
    ("ollama/qwq", "think", True),
    ("ollama/deepseek-r1:32b", "think_no_open", True),
    ("vllm/qwq-32b", "think", True),
    ("llamacpp/any-model", "think", True),
    ("compat/my-r1", "reasoning_content", True),
]


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
@pytest.mark.parametrize(("name", "shape", "visible"), CASES, ids=[c[0] + ":" + c[1] for c in CASES])
def test_reasoning_is_kept_apart_from_the_answer(
    llm_server: LLMServer, model_for: MakeModel, name: str, shape: str, visible: bool, stream: bool
) -> None:
    llm_server.script(Reply(answer=ANSWER, reasoning=REASONING, shape=shape, chunk_chars=7))  # type: ignore[arg-type]
    deltas: list[tuple[str, str]] = []
    settings = CallSettings(stream=stream, thinking_budget_tokens=4000)
    c = model_for(name).complete(PROMPT, settings, lambda kind, text: deltas.append((kind, text)))

    assert c.answer == ANSWER
    assert "<think>" not in c.answer and "</think>" not in c.answer
    assert c.reasoning == (REASONING if visible else "")
    assert c.reasoning_tokens > 0 and c.answer_tokens > 0
    assert c.input_tokens == 20
    assert c.guard is None
    assert c.stop_reason in ("end_turn", "stop")
    assert "".join(t for k, t in deltas if k == "answer") == ANSWER
    assert "".join(t for k, t in deltas if k == "reasoning").strip() == (REASONING if visible else "")
    body = llm_server.requests[-1].body
    assert bool(body.get("stream")) is stream
    assert llm_server.requests[-1].api_key == KEY


def test_openai_usage_gives_reasoning_tokens_and_cost(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(
        Reply(
            answer="done",
            input_tokens=1_000_000,
            cached_input_tokens=500_000,
            reasoning_tokens=900_000,
            output_tokens=1_000_000,
            shape="none",
        )
    )
    c = model_for("openai/o3").complete(PROMPT, CallSettings())
    assert (c.reasoning_tokens, c.answer_tokens, c.cached_input_tokens) == (900_000, 100_000, 500_000)
    assert c.cost_usd == pytest.approx(0.5 * 2.0 + 0.5 * 0.5 + 1.0 * 8.0)  # catalog prices of openai/o3


def test_unknown_prices_give_no_cost(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="hi"))
    assert model_for("compat/some-model").complete(PROMPT, CallSettings()).cost_usd is None


def test_llamacpp_without_usage_estimates_tokens(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer=ANSWER, reasoning=REASONING, shape="think", usage=False))
    c = model_for("llamacpp/qwq").complete(PROMPT, CallSettings())
    assert c.answer == ANSWER and c.reasoning == REASONING
    assert c.reasoning_tokens > c.answer_tokens > 0 and c.input_tokens > 0


def test_think_model_that_skips_thinking_gives_plain_answer(
    llm_server: LLMServer, model_for: MakeModel
) -> None:
    llm_server.script(Reply(answer="Just the answer.", reasoning="", shape="think"))
    c = model_for("ollama/qwq").complete(PROMPT, CallSettings())
    assert (c.answer, c.reasoning, c.thinking_seconds) == ("Just the answer.", "", 0.0)


def test_anthropic_request_has_thinking_system_and_no_temperature(
    llm_server: LLMServer, model_for: MakeModel
) -> None:
    llm_server.script(Reply(answer="ok"))
    model_for("anthropic/claude-opus-4-5").complete(
        PROMPT, CallSettings(max_output_tokens=20_000, thinking_budget_tokens=8000, temperature=0.3)
    )
    body = llm_server.requests[-1].body
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 8000}
    assert body["max_tokens"] == 20_000 and body["system"] == "You are an architect."
    assert "temperature" not in body
    assert [m["role"] for m in body["messages"]] == ["user"]


def test_anthropic_without_thinking_sends_temperature(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok"))
    model_for("anthropic/claude-opus-4-5").complete(PROMPT, CallSettings(temperature=0.2))
    body = llm_server.requests[-1].body
    assert "thinking" not in body and body["temperature"] == 0.2


def test_o_series_request_follows_catalog_quirks(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok", shape="none"))
    model_for("openai/o3-mini").complete(
        PROMPT, CallSettings(max_output_tokens=5000, reasoning_effort="high", temperature=0.7)
    )
    body = llm_server.requests[-1].body
    assert body["max_completion_tokens"] == 5000 and "max_tokens" not in body
    assert body["reasoning_effort"] == "high" and "temperature" not in body
    assert body["messages"][0] == {
        "role": "system",
        "content": "Formatting re-enabled. You are an architect.",
    }
    assert body["stream_options"] == {"include_usage": True}


def test_compat_request_uses_max_tokens_and_temperature(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok"))
    model_for("ollama/qwq").complete(PROMPT, CallSettings(max_output_tokens=1000))
    body = llm_server.requests[-1].body
    assert body["max_tokens"] == 1000 and body["temperature"] == 0.6 and body["top_p"] == 0.95
    assert body["model"] == "qwq"


def test_catalog_flag_turns_streaming_off(llm_server: LLMServer) -> None:
    catalog = load_catalog(
        {"compat/no-stream": {"context_window": 8000, "max_output_tokens": 1000, "streaming": False}}
    )
    model = make_model("compat/no-stream", base_url=llm_server.openai_base_url, api_key=KEY, catalog=catalog)
    llm_server.script(Reply(answer="whole"))
    assert model.complete(PROMPT, CallSettings()).answer == "whole"
    assert "stream" not in llm_server.requests[-1].body


def test_compat_without_base_url_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(UsageError, match="--base-url"):
        make_model("compat/x", api_key=KEY)


@pytest.mark.parametrize(
    ("name", "level", "sent"),
    [
        ("openai/o3-mini", "minimal", "low"),  # o-series: low, medium, high only
        ("openai/o3-mini", "xhigh", "high"),
        ("openai/gpt-6.1-sol", "minimal", "low"),  # refuses none and minimal
        ("openai/gpt-6.1-sol", "xhigh", "xhigh"),
        ("openai/gpt-6.1-sol", "max", "max"),
        ("openai/gpt-6.1-terra", "minimal", "none"),  # the editor's "think least"
        ("openai/gpt-6-luna", "medium", "medium"),
        ("deepseek/deepseek-flash", "minimal", "minimal"),  # DeepSeek V4 maps every level itself
        ("deepseek/deepseek-v4-pro", "xhigh", "xhigh"),
    ],
)
def test_reasoning_effort_narrows_only_to_what_the_model_takes(
    llm_server: LLMServer, model_for: MakeModel, name: str, level: str, sent: str
) -> None:
    llm_server.script(Reply(answer="ok", shape="none"))
    model_for(name).complete(PROMPT, CallSettings(max_output_tokens=500, reasoning_effort=level))
    body = llm_server.requests[-1].body
    budget = "max_completion_tokens" if name.startswith("openai/") else "max_tokens"  # DeepSeek: max_tokens
    assert body["reasoning_effort"] == sent and body[budget] == 500
    assert "temperature" not in body


def test_a_reasoning_content_model_without_efforts_gets_no_reasoning_effort(
    llm_server: LLMServer, model_for: MakeModel
) -> None:
    llm_server.script(Reply(answer="ok", reasoning="r", shape="reasoning_content"))
    model_for("openrouter/deepseek/deepseek-r1").complete(PROMPT, CallSettings(reasoning_effort="high"))
    assert "reasoning_effort" not in llm_server.requests[-1].body


def test_a_new_compatible_provider_is_a_row_and_catalog_entries(
    llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/architecture.md, recipe (a): nothing but the provider table and the catalog changes."""
    from bot.models.providers import PROVIDERS, Provider

    row = Provider("acme", "openai", "ACME_API_KEY", "ACME_BASE_URL", "https://api.acme.invalid/v1")
    monkeypatch.setitem(PROVIDERS, "acme", row)
    monkeypatch.setenv("ACME_API_KEY", "acme-key-0123456789")
    monkeypatch.setenv("ACME_BASE_URL", llm_server.openai_base_url)
    catalog = load_catalog(
        {
            "acme/coder-1": {
                "context_window": 32000,
                "max_output_tokens": 4000,
                "input_price": 1,
                "output_price": 2,
            }
        }
    )
    llm_server.script(Reply(answer="from acme"))
    completion = make_model("acme/coder-1", catalog=catalog).complete(PROMPT, CallSettings())
    assert completion.answer == "from acme" and completion.cost_usd is not None
    assert llm_server.requests[-1].body["model"] == "coder-1"
    assert llm_server.requests[-1].headers.get("authorization") == "Bearer acme-key-0123456789"
