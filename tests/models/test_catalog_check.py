"""`architect-bot models --check`: each hosted provider's own model list (through its SDK, against
the scripted server) names the catalog models it no longer serves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.models.catalog import load_catalog
from bot.models.served import check_catalog
from tests.cli.test_cli import cli
from tests.servers.llm import LLMServer

ANTHROPIC_SERVED = [
    "claude-opus-5",
    "claude-opus-5-5",
    "claude-sonnet-4-5",
    "claude-sonnet-5",
    "claude-sonnet-5-5",
]
OPENAI_SERVED = [
    "gpt-6-luna",
    "gpt-6.1-sol",
    "gpt-6.1-terra",
    "gpt-6.2-sol",
    "o3",
    "o4-mini",
    "o3-mini",
    "o1",
]


def anthropic_pages(query: dict[str, str]) -> dict[str, Any]:
    """Anthropic's list in pages of three, as the API pages with has_more / last_id / after_id."""
    start = ANTHROPIC_SERVED.index(query["after_id"]) + 1 if "after_id" in query else 0
    page = ANTHROPIC_SERVED[start : start + 3]
    data = [{"type": "model", "id": m, "display_name": m, "created_at": "2026-01-01T00:00:00Z"} for m in page]
    more = start + 3 < len(ANTHROPIC_SERVED)
    return {"data": data, "has_more": more, "first_id": page[0], "last_id": page[-1]}


def openai_list() -> dict[str, Any]:
    models = [{"id": m, "object": "model", "created": 1, "owned_by": "openai"} for m in OPENAI_SERVED]
    return {"object": "list", "data": models}


@pytest.fixture
def providers(llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[LLMServer]:
    """Anthropic and OpenAI keys point at two scripted servers; DeepSeek and OpenRouter have none."""
    openai_server = LLMServer().start()
    llm_server.info["/v1/models"] = anthropic_pages
    openai_server.info["/v1/models"] = openai_list()
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-check")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-check")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.openai_base_url)
    for name in ("DEEPSEEK_API_KEY", "OPENROUTER_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    yield llm_server
    openai_server.close()


def test_stale_catalog_names_per_provider_from_every_page(providers: LLMServer) -> None:
    result = check_catalog(load_catalog())
    assert set(result.stale) == {
        "anthropic/claude-opus-4-1",
        "anthropic/claude-opus-4-5",
        "openai/gpt-4.1",
        "openai/gpt-4o",
    }
    assert len(providers.asked) == 2  # two pages of Anthropic's list
    assert "after_id=claude-sonnet-4-5" in providers.asked[1].path  # the first page's last_id
    assert "deepseek: not checked (DEEPSEEK_API_KEY is not set)" in result.lines()


def test_the_command_warns_in_actions_and_fails_only_when_strict(
    providers: LLMServer, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    done = cli("models", "--check", env=env)
    assert done.returncode == 0, done.stderr
    assert (
        "::warning title=stale model catalog::openai/gpt-4o is no longer served by its provider"
        in done.stdout
    )
    assert "anthropic: no longer serves anthropic/claude-opus-4-1, anthropic/claude-opus-4-5" in done.stdout
    assert (
        "### Model catalog check" in summary.read_text() and "openrouter: not checked" in summary.read_text()
    )
    assert cli("models", "--check", "--strict", env=env).returncode == 1


def test_a_provider_that_cannot_be_asked_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-ds")
    monkeypatch.setenv("DEEPSEEK_BASE_URL", "http://127.0.0.1:9")
    [check] = check_catalog(load_catalog(), ["deepseek"]).providers
    assert check.error and "Connection" in check.error and check.stale == ()
