"""The scripted server itself: auth headers, loud failure when unscripted, request recording."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.models import CallSettings, Message
from tests.models.conftest import MakeModel
from tests.servers.llm import LLMServer, Reply


def _post(url: str, headers: dict[str, str], body: dict[str, object]) -> tuple[int, str]:
    req = urllib.request.Request(
        url, json.dumps(body).encode(), {"content-type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


@pytest.mark.parametrize("headers", [{"x-api-key": "k1"}, {"authorization": "Bearer k1"}])
def test_both_auth_headers_are_accepted(llm_server: LLMServer, headers: dict[str, str]) -> None:
    llm_server.script(Reply(answer="hi"))
    status, text = _post(llm_server.base_url + "/v1/messages", headers, {"model": "m", "messages": []})
    assert status == 200 and json.loads(text)["content"][-1]["text"] == "hi"
    assert llm_server.requests[-1].api_key == "k1"


def test_no_key_gets_401_and_unscripted_gets_418(llm_server: LLMServer) -> None:
    assert _post(llm_server.openai_base_url + "/chat/completions", {}, {"model": "m"})[0] == 401
    status, text = _post(llm_server.openai_base_url + "/chat/completions", {"authorization": "Bearer k"}, {})
    assert status == 418 and "no scripted reply left" in text


def test_openai_stream_ends_with_done_and_usage(llm_server: LLMServer) -> None:
    llm_server.script(Reply(answer="abc", reasoning="r", reasoning_tokens=5))
    status, text = _post(
        llm_server.openai_base_url + "/chat/completions",
        {"authorization": "Bearer k"},
        {"model": "m", "stream": True},
    )
    lines = [line for line in text.splitlines() if line.startswith("data: ")]
    assert status == 200 and lines[-1] == "data: [DONE]"
    usage = json.loads(lines[-2][6:])
    assert usage["choices"] == [] and usage["usage"]["completion_tokens_details"]["reasoning_tokens"] == 5


def test_anthropic_stream_has_thinking_and_signature_deltas(llm_server: LLMServer) -> None:
    llm_server.script(Reply(answer="abc", reasoning="thought"))
    _, text = _post(llm_server.base_url + "/v1/messages", {"x-api-key": "k"}, {"model": "m", "stream": True})
    events = [line[7:] for line in text.splitlines() if line.startswith("event: ")]
    assert events[0] == "message_start" and events[-1] == "message_stop"
    assert '"thinking_delta"' in text and '"signature_delta"' in text and '"text_delta"' in text


def test_thinking_and_answer_are_timed_apart(llm_server: LLMServer, model_for: MakeModel) -> None:
    llm_server.script(Reply(answer="a" * 40, reasoning="r" * 40, chunk_chars=4, delay_s=0.01))
    c = model_for("deepseek/deepseek-reasoner").complete([Message("user", "q")], CallSettings())
    assert c.thinking_seconds > 0 and c.answer_seconds > 0
    assert c.total_seconds >= c.thinking_seconds + c.answer_seconds
