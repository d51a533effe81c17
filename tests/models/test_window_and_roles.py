"""Context-window refusal before sending, and role shaping (merging, system prompts)."""

from __future__ import annotations

import pytest

from bot.models import CallSettings, ContextWindowExceeded, Message, load_catalog
from bot.models.messages import merge_same_roles, prepare
from bot.models.window import prompt_tokens
from tests.models.conftest import MakeModel
from tests.servers.llm import LLMServer, Reply


@pytest.mark.parametrize("name", ["ollama/qwq", "openai/gpt-4o", "anthropic/claude-opus-4-5"])
def test_prompt_too_big_is_refused_before_sending(
    llm_server: LLMServer, model_for: MakeModel, name: str
) -> None:
    window = load_catalog().get(name).context_window
    huge = [Message("user", "def f():\n    return 1\n" * (window // 4))]
    with pytest.raises(ContextWindowExceeded) as info:
        model_for(name).complete(huge, CallSettings(max_output_tokens=1000))
    err = info.value
    assert err.window == window and err.prompt_tokens > window - 1000
    assert name in str(err) and str(window) in str(err) and "shorten" in str(err)
    assert llm_server.requests == []  # nothing was sent, nothing was truncated


def test_output_budget_counts_against_the_window(llm_server: LLMServer, model_for: MakeModel) -> None:
    prompt = [Message("user", "x " * 20_000)]  # ~11k tokens by the estimate, window 32768
    llm_server.script(Reply(answer="fits"))
    assert model_for("ollama/qwq").complete(prompt, CallSettings(max_output_tokens=8000)).answer == "fits"
    with pytest.raises(ContextWindowExceeded):
        model_for("ollama/qwq").complete(prompt, CallSettings(max_output_tokens=30_000))


def test_prompt_tokens_use_the_estimate_offline() -> None:
    spec = load_catalog().get("openai/gpt-4o")
    assert prompt_tokens([Message("user", "a" * 360)], spec) == 101 + 4


def test_merge_same_roles() -> None:
    merged = merge_same_roles(
        [Message("user", "a"), Message("user", "b"), Message("assistant", "c"), Message("user", "d")]
    )
    assert merged == [Message("user", "a\n\nb"), Message("assistant", "c"), Message("user", "d")]


def test_deepseek_reasoner_gets_alternating_roles(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok"))
    messages = [
        Message("system", "sys"),
        Message("user", "issue"),
        Message("user", "files"),
        Message("assistant", "plan"),
        Message("assistant", "more plan"),
        Message("user", "tests failed"),
    ]
    model_for("deepseek/deepseek-reasoner").complete(messages, CallSettings())
    sent = llm_server.requests[-1].body["messages"]
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[1]["content"] == "issue\n\nfiles"


def test_models_without_merge_keep_messages(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="ok"))
    model_for("openai/gpt-4.1").complete([Message("user", "a"), Message("user", "b")], CallSettings())
    assert len(llm_server.requests[-1].body["messages"]) == 2


def test_model_without_system_prompt_gets_it_as_user_text(
    llm_server: LLMServer, model_for: MakeModel
) -> None:
    llm_server.script(Reply(answer="ok", reasoning="t", shape="think"))
    model_for("ollama/deepseek-r1:32b").complete(
        [Message("system", "Rules."), Message("user", "Go.")], CallSettings()
    )
    assert llm_server.requests[-1].body["messages"] == [{"role": "user", "content": "Rules.\n\nGo."}]


def test_anthropic_always_alternates() -> None:
    spec = load_catalog().get("anthropic/claude-opus-4-5")
    out = prepare([Message("user", "a"), Message("user", "b")], spec, always_merge=True)
    assert out == [Message("user", "a\n\nb")]
