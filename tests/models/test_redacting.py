"""What a provider model is sent has known secrets masked (bot/models/redacting.py)."""

from __future__ import annotations

import json

import pytest

from bot.models.types import CallSettings, Message
from bot.secrets import MASK
from tests.models.conftest import MakeModel
from tests.robust.secret import SECRET
from tests.servers.llm import LLMServer, Reply


@pytest.mark.parametrize("name", ["anthropic/claude-sonnet-5-5", "ollama/qwq"])
def test_a_provider_model_is_sent_no_secret(
    name: str, model_for: MakeModel, llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEPLOY_TOKEN", SECRET)
    model = model_for(name)
    llm_server.script(Reply(answer="ok"))
    prompt = [
        Message("system", f"repository file .env holds DEPLOY_TOKEN={SECRET}"),
        Message("user", f"the issue quotes {SECRET} and half of it: {SECRET[:10]}"),
    ]
    assert model.complete(prompt, CallSettings(max_output_tokens=100)).answer == "ok"
    sent = json.dumps(llm_server.requests[-1].body)
    assert SECRET not in sent and SECRET[:10] not in sent
    assert MASK in sent and "repository file .env holds DEPLOY_TOKEN=" in sent
