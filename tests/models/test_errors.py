"""Retryable and non-retryable provider errors, through the real SDKs and real sockets."""

from __future__ import annotations

import logging

import anthropic
import httpx2
import openai
import pytest

from bot.errors import ModelError
from bot.models import CallSettings, Message, ModelAPIError, ModelAuthError, make_model
from bot.models.sdk_errors import SdkErrors, map_error
from tests.models.conftest import KEY, SERVED, MakeModel, SleepLog
from tests.servers.llm import LLMServer, Reply

PROMPT = [Message("user", "Plan the fix.")]
LONG = "word " * 40
NAMES = ["anthropic/claude-opus-4-5", "deepseek/deepseek-reasoner"]
SDKS = {"anthropic": SdkErrors.of(anthropic), "openai": SdkErrors.of(openai)}


def sdk_of(exc: BaseException) -> SdkErrors:
    """The SDK an exception comes from; transport errors come from below both (either will do)."""
    return SDKS.get(type(exc).__module__.split(".")[0], SDKS["openai"])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "failure",
    [
        Reply.error(429, "slow down"),
        Reply.error(500, "boom"),
        Reply.error(503, "unavailable"),
        Reply.error(529, "Overloaded"),
        Reply(malformed=True, answer=LONG),
        Reply(drop_after_chunks=2, answer=LONG),
    ],
    ids=["429", "500", "503", "529", "malformed", "dropped"],
)
@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
def test_retryable_failure_then_success(
    llm_server: LLMServer, model_for: MakeModel, name: str, failure: Reply, stream: bool
) -> None:
    llm_server.script(failure, Reply(answer="recovered"))
    c = model_for(name).complete(PROMPT, CallSettings(stream=stream))
    assert c.answer == "recovered"
    assert len(llm_server.requests) == 2


def test_anthropic_overloaded_event_mid_stream_is_retried(
    llm_server: LLMServer, model_for: MakeModel
) -> None:
    llm_server.script(Reply(stream_error="overloaded_error", answer=LONG), Reply(answer="second try"))
    c = model_for("anthropic/claude-opus-4-5").complete(PROMPT, CallSettings())
    assert c.answer == "second try"


def test_retry_after_is_honoured(llm_server: LLMServer, model_for: MakeModel, sleeps: SleepLog) -> None:
    llm_server.script(Reply.error(429, "rate limited", retry_after="7"), Reply(answer="ok"))
    model_for("openai/gpt-4o").complete(PROMPT, CallSettings())
    assert sleeps.waits == [7.0]  # the jittered wait (at most 0.05 s here) is lengthened to retry-after


def test_backoff_without_retry_after_stays_within_policy(
    llm_server: LLMServer, model_for: MakeModel, sleeps: SleepLog
) -> None:
    llm_server.script(Reply.error(500), Reply.error(502), Reply(answer="ok"))
    model_for("openai/gpt-4o").complete(PROMPT, CallSettings())
    assert len(sleeps.waits) == 2 and all(0 <= w <= 0.05 for w in sleeps.waits)


def test_retries_give_up_after_max_attempts(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(*[Reply.error(529, "Overloaded")] * 3)
    with pytest.raises(ModelAPIError) as info:
        model_for("anthropic/claude-opus-4-5").complete(PROMPT, CallSettings())
    assert info.value.status == 529 and info.value.retryable
    assert "anthropic/claude-opus-4-5" in str(info.value) and "Overloaded" in str(info.value)
    assert len(llm_server.requests) == 3 and llm_server.pending == 0


@pytest.mark.parametrize("status", [400, 404])
@pytest.mark.parametrize("name", NAMES)
def test_client_errors_are_not_retried(
    llm_server: LLMServer, model_for: MakeModel, status: int, name: str
) -> None:
    llm_server.script(Reply.error(status, "model xyz does not exist"), Reply(answer="never reached"))
    with pytest.raises(ModelAPIError) as info:
        model_for(name).complete(PROMPT, CallSettings())
    err = info.value
    assert err.status == status and not err.retryable
    assert name in str(err) and "model xyz does not exist" in str(err)
    assert len(llm_server.requests) == 1


@pytest.mark.parametrize(
    ("name", "env"),
    [
        ("anthropic/claude-opus-4-5", "ANTHROPIC_API_KEY"),
        ("openai/o3", "OPENAI_API_KEY"),
        ("deepseek/deepseek-reasoner", "DEEPSEEK_API_KEY"),
        ("openrouter/qwen/qwq-32b", "OPENROUTER_API_KEY"),
    ],
)
def test_401_names_the_env_var(llm_server: LLMServer, model_for: MakeModel, name: str, env: str) -> None:
    llm_server.script(Reply.error(401, f"Incorrect API key provided: {KEY}"))
    with pytest.raises(ModelAuthError) as info:
        model_for(name).complete(PROMPT, CallSettings())
    assert env in str(info.value) and len(llm_server.requests) == 1


def test_missing_key_is_refused_before_any_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPSEEK_API_KEY", raising=False)
    with pytest.raises(ModelAuthError, match="DEEPSEEK_API_KEY"):
        make_model("deepseek/deepseek-reasoner", today=SERVED)


def test_local_providers_need_no_key(llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_BASE_URL", llm_server.openai_base_url)
    llm_server.script(Reply(answer="local"))
    assert make_model("ollama/qwen2.5-coder:32b").complete(PROMPT, CallSettings()).answer == "local"


def test_env_base_url_and_key_are_used(llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env-000")
    llm_server.script(Reply(answer="env"))
    assert make_model("anthropic/claude-opus-4-5").complete(PROMPT, CallSettings()).answer == "env"
    assert llm_server.requests[-1].api_key == "sk-ant-from-env-000"


def test_key_never_leaks_into_errors_or_logs(
    llm_server: LLMServer, model_for: MakeModel, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    llm_server.script(
        Reply.error(500, f"upstream said: bad key {KEY}"),
        Reply.error(400, f"Incorrect API key provided: {KEY[:12]}...{KEY[-6:]} / {KEY}"),
    )
    model = model_for("openai/gpt-4o")
    with pytest.raises(ModelAPIError) as info:
        model.complete(PROMPT, CallSettings())
    text = str(info.value) + repr(info.value) + repr(model) + caplog.text
    assert "upstream said" in caplog.text  # the retry was logged ...
    assert KEY not in text and KEY[:12] not in text  # ... without the key
    assert "[redacted]" in str(info.value)


# every SDK / transport exception class we handle maps to one of our errors
def _instances() -> list[BaseException]:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/messages")
    out: list[BaseException] = []
    for status in (400, 401, 403, 404, 409, 429, 500, 529):
        response = httpx2.Response(status, request=request, headers={"retry-after": "2"})
        out.append(anthropic.APIStatusError("x", response=response, body={"error": {"message": "m"}}))
        out.append(openai.APIStatusError("x", response=response, body={"error": {"message": "m"}}))
    out += [
        anthropic.APIConnectionError(request=request),
        openai.APIConnectionError(request=request),
        anthropic.APITimeoutError(request=request),
        openai.APITimeoutError(request=request),
        anthropic.APIResponseValidationError(httpx2.Response(200, request=request), body=None),
        openai.APIResponseValidationError(httpx2.Response(200, request=request), body=None),
        anthropic.APIError(
            "in-stream", request, body={"error": {"type": "overloaded_error", "message": "o"}}
        ),
        openai.APIError("in-stream", request, body=None),
        httpx2.RemoteProtocolError("dropped", request=request),
        httpx2.ReadTimeout("slow", request=request),
        httpx2.ReadError("reset", request=request),
        httpx2.DecodingError("bad gzip", request=request),
        httpx2.StreamClosed(),
    ]
    import json

    try:
        json.loads("{")
    except json.JSONDecodeError as err:
        out.append(err)
    try:
        b"caf\xe9".decode()
    except UnicodeDecodeError as err:
        out.append(err)
    return out


@pytest.mark.parametrize("exc", _instances(), ids=lambda e: type(e).__name__)
def test_every_handled_sdk_exception_maps_to_ours(exc: BaseException) -> None:
    sdk = sdk_of(exc)
    assert isinstance(exc, sdk.handled)
    ours = map_error(exc, "m/x", "X_API_KEY", [KEY], sdk)
    assert isinstance(ours, ModelError)
    status = getattr(exc, "status_code", None)
    if status in (400, 401, 403, 404):
        assert not ours.retryable
    if status in (401, 403):
        assert isinstance(ours, ModelAuthError) and "X_API_KEY" in str(ours)
    if status in (409, 429, 500, 529):
        assert ours.retryable and isinstance(ours, ModelAPIError) and ours.retry_after_s == 2.0


def test_sdk_exception_classes_are_all_covered() -> None:
    covered = {type(e) for e in _instances()}
    for sdk in SDKS.values():
        for cls in (*sdk.handled, *sdk.timeouts):
            assert any(issubclass(c, cls) for c in covered), cls
