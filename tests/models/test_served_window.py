"""Self-hosted servers are asked the window they run a model with (bot/models/discovery.py): the
real SDK then sends what fits, the settings still win, and a prompt that does not fit names the
setting that fixes it."""

from __future__ import annotations

import logging

import pytest

from bot.config import Settings
from bot.models import CallSettings, ContextWindowExceeded, Message, discovery, load_catalog, make_model
from bot.models.factory import build_model
from tests.servers.llm import LLMServer, Reply


@pytest.fixture(autouse=True)
def fresh_answers() -> None:
    discovery._cache.clear()  # each test's server is new; a run asks once per model


def prompt(words: int) -> list[Message]:
    return [Message("user", "word " * words)]


def test_vllm_says_its_max_model_len(llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    llm_server.info["/v1/models"] = {"data": [{"id": "qwen-coder", "max_model_len": 4096}]}
    monkeypatch.setenv("VLLM_BASE_URL", llm_server.openai_base_url)
    model = make_model("vllm/qwen-coder", catalog=load_catalog())
    with pytest.raises(ContextWindowExceeded) as caught:
        model.complete(prompt(5000), CallSettings(max_output_tokens=1000))
    assert caught.value.window == 4096
    assert "models: {vllm/qwen-coder: {context_window: N}}" in str(caught.value)
    llm_server.script(Reply(answer="fits"))
    assert model.complete(prompt(100), CallSettings()).answer == "fits"
    assert llm_server.requests[-1].body["max_tokens"] <= 2048  # within half the window


def test_llamacpp_runs_with_n_ctx_below_its_trained_length(
    llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm_server.info["/v1/models"] = {"data": [{"id": "local", "meta": {"n_ctx_train": 131072}}]}
    llm_server.info["/props"] = {"default_generation_settings": {"n_ctx": 16384}}
    monkeypatch.setenv("LLAMACPP_BASE_URL", llm_server.openai_base_url)
    model = make_model("llamacpp/local", catalog=load_catalog())
    with pytest.raises(ContextWindowExceeded) as caught:
        model.complete(prompt(20_000), CallSettings(max_output_tokens=1000))
    assert caught.value.window == 16384


def test_ollama_num_ctx_or_the_loaded_models_window(
    llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("OLLAMA_BASE_URL", llm_server.openai_base_url)
    llm_server.info["/api/show"] = {"parameters": "temperature 0.6\nnum_ctx 12288", "model_info": {}}
    assert discovery.served_window("ollama", llm_server.openai_base_url, "qwq", None) == discovery.Window(
        12288, "the Modelfile's num_ctx"
    )
    discovery._cache.clear()
    llm_server.asked.clear()
    # no num_ctx: the server's default applies, which it reports once the model is loaded
    llm_server.info["/api/show"] = {"parameters": "", "model_info": {"qwen2.context_length": 131072}}
    llm_server.info["/api/generate"] = {"done": True}
    llm_server.info["/api/ps"] = {"models": [{"name": "qwq", "model": "qwq", "context_length": 4096}]}
    window = discovery.served_window("ollama", llm_server.openai_base_url, "qwq", None)
    assert window is not None and window.tokens == 4096  # not the 131072 it was trained for
    assert [r.path for r in llm_server.asked] == ["/api/show", "/api/ps"]
    # not loaded yet: an empty generate request loads it; a server that still does not say is named
    discovery._cache.clear()
    llm_server.asked.clear()
    llm_server.info["/api/ps"] = {"models": []}
    with caplog.at_level(logging.WARNING, logger="bot.models.discovery"):
        assert discovery.served_window("ollama", llm_server.openai_base_url, "qwq", None) is None
    assert [r.path for r in llm_server.asked] == ["/api/show", "/api/ps", "/api/generate", "/api/ps"]
    assert llm_server.asked[2].body == {"model": "qwq"}
    assert "set `models: {ollama/qwq: {context_window: N}}`" in caplog.text


def test_the_settings_window_wins_and_a_silent_server_leaves_the_catalog(
    llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm_server.info["/v1/models"] = {"data": [{"id": "qwen-coder", "max_model_len": 4096}]}
    monkeypatch.setenv("VLLM_BASE_URL", llm_server.openai_base_url)
    entry = {"context_window": 65536, "max_output_tokens": 4096}
    settings = Settings(editor="vllm/qwen-coder", models={"vllm/qwen-coder": entry})
    model = build_model(settings, "vllm/qwen-coder")
    llm_server.script(Reply(answer="fits"))
    assert model.complete(prompt(8000), CallSettings(max_output_tokens=1000)).answer == "fits"
    assert llm_server.asked == []  # not even asked
    discovery._cache.clear()
    llm_server.info.clear()  # a server that does not say: the catalog's guess stands, quietly
    assert discovery.served_window("vllm", llm_server.openai_base_url, "other", None) is None


def test_a_guessed_reasoning_model_gets_room_to_think(
    llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm_server.info["/v1/models"] = {"data": [{"id": "my-r1-distill", "max_model_len": 131072}]}
    monkeypatch.setenv("VLLM_BASE_URL", llm_server.openai_base_url)
    llm_server.script(Reply(answer="plan"))
    make_model("vllm/my-r1-distill", catalog=load_catalog()).complete(prompt(10), CallSettings())
    assert llm_server.requests[-1].body["max_tokens"] == 32768  # a quarter of 131072, not 8192
