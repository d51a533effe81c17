"""Where each provider lives and which env vars configure it: data, not branches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Api = Literal["anthropic", "openai"]


@dataclass(frozen=True)
class Provider:
    name: str
    api: Api
    key_env: str | None  # env var holding the API key
    base_url_env: str | None  # env var that overrides the base URL
    default_base_url: str | None  # None: the SDK's own default
    key_required: bool = True


PROVIDERS: dict[str, Provider] = {
    p.name: p
    for p in (
        Provider("anthropic", "anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", None),
        Provider("openai", "openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", None),
        Provider(
            "openrouter",
            "openai",
            "OPENROUTER_API_KEY",
            "OPENROUTER_BASE_URL",
            "https://openrouter.ai/api/v1",
        ),
        Provider("deepseek", "openai", "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        Provider(
            "ollama", "openai", None, "OLLAMA_BASE_URL", "http://127.0.0.1:11434/v1", key_required=False
        ),
        Provider(
            "vllm", "openai", "VLLM_API_KEY", "VLLM_BASE_URL", "http://127.0.0.1:8000/v1", key_required=False
        ),
        Provider(
            "llamacpp",
            "openai",
            "LLAMACPP_API_KEY",
            "LLAMACPP_BASE_URL",
            "http://127.0.0.1:8080/v1",
            key_required=False,
        ),
        Provider("compat", "openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", None, key_required=False),
    )
}
