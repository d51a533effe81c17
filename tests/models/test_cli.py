"""`architect-bot models` and the hidden `architect-bot ask`, run through the real CLI entry."""

from __future__ import annotations

import pytest

from bot.cli import build_parser, main
from tests.models.conftest import KEY
from tests.servers.llm import LLMServer, Reply


def test_models_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for name in ("deepseek/deepseek-reasoner", "ollama/qwq", "openai/o3", "anthropic/claude-opus-4-5"):
        assert name in out
    assert "think-tags" in out and "reasoning-content" in out


def test_ask_prints_answer_thinking_time_and_cost(
    llm_server: LLMServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    llm_server.script(Reply(answer="Use a set.", reasoning="Lists are slow for lookups.", shape="think"))
    code = main(
        [
            "ask",
            "--model",
            "compat/qwq-32b",
            "--base-url",
            llm_server.openai_base_url,
            "--system",
            "Be brief.",
            "How to speed up membership tests?",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.strip() == "Use a set."
    assert "thinking" in captured.err and "cost unknown" in captured.err
    assert "Lists are slow" in captured.err
    assert llm_server.requests[-1].body["messages"][0] == {"role": "system", "content": "Be brief."}


def test_ask_reports_errors_with_exit_code_3(
    llm_server: LLMServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    llm_server.script(Reply.error(404, "no such model"))
    assert main(["ask", "--model", "compat/nope", "--base-url", llm_server.openai_base_url, "hi"]) == 3
    assert "no such model" in capsys.readouterr().err


def test_ask_is_hidden_from_help() -> None:
    lines = build_parser().format_help().splitlines()
    assert any(line.split()[:1] == ["models"] for line in lines)
    assert not any(line.split()[:1] == ["ask"] for line in lines)
