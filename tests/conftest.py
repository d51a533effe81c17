"""Shared fixtures: the scripted LLM server (see tests/servers/llm.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.llm import LLMServer


@pytest.fixture
def llm_server() -> Iterator[LLMServer]:
    """A fresh scripted LLM server per test: `.base_url`, `.openai_base_url`, `.script()`, `.requests`."""
    server = LLMServer().start()
    try:
        yield server
    finally:
        server.close()
