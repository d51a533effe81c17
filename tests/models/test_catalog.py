"""The catalog: shipped presets, user overrides, fallback rules and costs."""

from __future__ import annotations

import logging

import pytest

from bot.errors import ConfigError
from bot.models import load_catalog

SHIPPED = [
    "anthropic/claude-sonnet-4-5",
    "anthropic/claude-opus-4-5",
    "openai/o1",
    "openai/o3",
    "openai/o3-mini",
    "openai/o4-mini",
    "openai/gpt-4o",
    "openai/gpt-4.1",
    "openai/gpt-6.1-sol",
    "openai/gpt-6.1-terra",
    "openai/gpt-6-luna",
    "deepseek/deepseek-reasoner",
    "deepseek/deepseek-chat",
    "deepseek/deepseek-v4-pro",
    "deepseek/deepseek-flash",
    "openrouter/qwen/qwq-32b",
    "openrouter/qwen/qwen-2.5-coder-32b-instruct",
    "ollama/qwq",
    "ollama/deepseek-r1:32b",
    "ollama/qwen2.5-coder:32b",
]


def test_issue_models_are_shipped() -> None:
    catalog = load_catalog()
    for name in SHIPPED:
        spec = catalog.get(name)
        assert spec.known and spec.name == name and spec.context_window > spec.max_output_tokens > 0


def test_editor_models_of_architects_exist() -> None:
    catalog = load_catalog()
    for name in catalog.names():
        editor = catalog.specs[name].editor_model
        assert editor is None or editor in catalog.specs, (name, editor)


def test_quirks_are_data() -> None:
    catalog = load_catalog()
    assert catalog.get("deepseek/deepseek-reasoner").merge_roles
    assert not catalog.get("openai/o3").use_temperature
    assert catalog.get("ollama/qwq").reasoning == "think-tags"
    assert catalog.get("ollama/deepseek-r1:32b").api_model == "deepseek-r1:32b"


def test_cost_from_prices_and_none_when_unknown() -> None:
    spec = load_catalog().get("deepseek/deepseek-chat")
    assert spec.cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(0.27 + 0.07 + 1.1)
    priceless = load_catalog({"vllm/no-prices": {"context_window": 8192, "max_output_tokens": 1024}})
    assert priceless.get("vllm/no-prices").cost_usd(1, 0, 1) is None


def test_sourced_prices_of_the_newest_claude_models() -> None:
    # platform.claude.com model pages, checked 2026-11: Sonnet 5 $2 / $0.20 / $10, Opus 5 $5 / $0.50 / $25
    catalog = load_catalog()
    assert catalog.get("anthropic/claude-sonnet-5").cost_usd(
        2_000_000, 1_000_000, 1_000_000
    ) == pytest.approx(2.0 + 0.2 + 10.0)
    assert catalog.get("anthropic/claude-opus-5").cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(
        5.0 + 0.5 + 25.0
    )


def test_deepseek_is_priced_at_the_peak_rate() -> None:
    # api-docs.deepseek.com/quick_start/pricing, 2026-11: peak rates, twice the off-peak ones
    catalog = load_catalog()
    assert catalog.get("deepseek/deepseek-v4-pro").cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(
        1.32 + 0.044 + 3.96
    )
    assert catalog.get("deepseek/deepseek-flash").cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(
        0.3 + 0.006 + 1.2
    )


def test_sourced_prices_of_the_current_openai_models() -> None:
    # developers.openai.com model pages (gpt-6.1-sol, gpt-6-luna) and LiteLLM's gpt-6.1-terra post
    catalog = load_catalog()
    expected = {"openai/gpt-6.1-sol": 2.0 + 0.1 + 10.0, "openai/gpt-6.1-terra": 1.0 + 0.05 + 5.0}
    expected["openai/gpt-6-luna"] = 0.1 + 0.01 + 0.5
    for name, usd in expected.items():
        spec = catalog.get(name)
        assert spec.cost_usd(2_000_000, 1_000_000, 1_000_000) == pytest.approx(usd), name
        # past 272K input tokens OpenAI bills the whole request at a higher rate: the window stops there
        assert spec.context_window - spec.max_output_tokens == 272_000, name


@pytest.mark.parametrize(
    ("name", "reasoning", "merge"),
    [
        ("ollama/qwq:14b", "think-tags", False),
        ("vllm/deepseek-r1-distill-qwen", "think-tags", True),
        ("openrouter/acme/my-reasoner", "reasoning-content", True),
        ("ollama/llama3", "none", False),
        ("openai/o5-mini", "openai-effort", False),
        ("compat/gpt-x", "none", False),
    ],
)
def test_unknown_names_follow_rules_with_a_warning(
    name: str, reasoning: str, merge: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    spec = load_catalog().get(name)
    assert (spec.reasoning, spec.merge_roles, spec.known) == (reasoning, merge, False)
    assert name in caplog.text and "not in the catalog" in caplog.text


def test_config_extends_and_overrides() -> None:
    catalog = load_catalog(
        {
            "ollama/qwq": {"context_window": 65536},
            "vllm/my-coder": {
                "context_window": 16384,
                "max_output_tokens": 4096,
                "input_price": 0,
                "output_price": 0,
            },
        }
    )
    assert catalog.get("ollama/qwq").context_window == 65536
    assert catalog.get("ollama/qwq").reasoning == "think-tags"  # other preset fields kept
    assert catalog.get("vllm/my-coder").known and catalog.get("vllm/my-coder").cost_usd(10, 0, 10) == 0.0


@pytest.mark.parametrize(
    "extra",
    [
        {"ollama/x": {"context_window": -1, "max_output_tokens": 1}},
        {"ollama/x": {"context_window": 10, "max_output_tokens": 1, "reasoning": "maybe"}},
        {"ollama/x": {"context_window": 10, "max_output_tokens": 1, "typo_field": 1}},
        {"nowhere/x": {"context_window": 10, "max_output_tokens": 1}},
    ],
)
def test_invalid_entries_are_config_errors(extra: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        load_catalog(extra)
