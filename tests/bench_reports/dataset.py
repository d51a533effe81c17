"""A realistic set of case records with figures chosen so every metric can be worked out by hand.

Three pairs on Python, with Go skipped (no toolchain) for all of them:
- R1+SONNET (architect + editor): passes, a fix on try 2, malformed answers, syntax and indentation
  errors, a test timeout, a context window exhausted, a deadline guard stop, a model error whose
  cost is unknown; two shards, two bot versions, two dates.
- QWQ+QWEN (local models): no prices at all, runaway-thinking guard stops of three kinds.
- SONNET alone: the solo baseline; it once calls `fixed` a case whose hidden tests still fail.
"""

from __future__ import annotations

from typing import Any

from bot.bench.results import CaseResult

R1_SONNET = "deepseek/deepseek-reasoner+anthropic/claude-sonnet-4-5"
QWQ_QWEN = "ollama/qwq:32b+ollama/qwen2.5-coder:32b"
SONNET = "anthropic/claude-sonnet-4-5"


def case(pair: str, exercise: str, lang: str = "python", **fields: Any) -> CaseResult:
    shard = "1/2" if exercise < "m" else "2/2"
    defaults: dict[str, Any] = {
        "edit_format": "architect" if "+" in pair else "diff",
        "editor_edit_format": "editor-diff" if "+" in pair else None,
        "date": "2026-11-20T10:00:00Z",
        "versions": "0.1.0",
        "commit_hash": "abc1234",
        "command": f"architect-bot bench --pair {pair} --tries 2 --shard {shard} --out out-{shard[0]}",
    }
    defaults.update(fields)
    return CaseResult(pair=pair, lang=lang, exercise=exercise, **defaults)


def skipped(pair: str, exercise: str) -> CaseResult:
    return case(pair, exercise, lang="go", status="skipped", error="go is not in the sandbox image")


R1_SONNET_CASES = [
    case(
        R1_SONNET,
        "anagram",
        tests_outcomes=[True],
        status="fixed",
        prompt_tokens=1000,
        completion_tokens=200,
        reasoning_tokens=500,
        thinking_seconds=40.0,
        duration_seconds=100.0,
        cost=0.10,
        reasoning_effort="high",
    ),
    case(
        R1_SONNET,
        "bowling",
        tests_outcomes=[False, True],
        status="fixed",
        num_malformed_responses=1,
        syntax_errors=1,
        prompt_tokens=2000,
        completion_tokens=300,
        reasoning_tokens=900,
        thinking_seconds=80.0,
        duration_seconds=200.0,
        cost=0.25,
        reasoning_effort="high",
    ),
    case(
        R1_SONNET,
        "dijkstra",
        tests_outcomes=[False, False],
        status="tests-failing",
        num_malformed_responses=2,
        indentation_errors=1,
        test_timeouts=1,
        prompt_tokens=3000,
        completion_tokens=400,
        reasoning_tokens=1200,
        thinking_seconds=120.0,
        duration_seconds=300.0,
        cost=0.30,
        reasoning_effort="high",
    ),
    case(
        R1_SONNET,
        "matrix-spiral",
        status="error",
        error="ModelError: the provider is overloaded",
        prompt_tokens=500,
        duration_seconds=10.0,
        cost=None,
        reasoning_effort="high",
    ),
    case(
        R1_SONNET,
        "roman",
        tests_outcomes=[True],
        status="fixed",
        prompt_tokens=800,
        completion_tokens=100,
        reasoning_tokens=300,
        thinking_seconds=20.0,
        duration_seconds=50.0,
        cost=0.05,
        reasoning_effort="high",
        date="2026-11-21T08:30:00Z",
        versions="0.1.1",
    ),
    case(
        R1_SONNET,
        "text-justify",
        tests_outcomes=[False, True],
        status="fixed",
        exhausted_context_windows=1,
        guard_stops={"deadline": 1},
        prompt_tokens=4000,
        completion_tokens=250,
        reasoning_tokens=2000,
        thinking_seconds=60.0,
        duration_seconds=140.0,
        cost=0.2,
        reasoning_effort="high",
    ),
    skipped(R1_SONNET, "bowling"),
    skipped(R1_SONNET, "two-fer"),
]

QWQ_QWEN_CASES = [
    case(
        QWQ_QWEN,
        "anagram",
        tests_outcomes=[False, False],
        status="guard-stopped",
        num_malformed_responses=1,
        guard_stops={"loop": 1, "reasoning_tokens": 1},
        prompt_tokens=1500,
        completion_tokens=100,
        reasoning_tokens=8000,
        thinking_seconds=300.0,
        duration_seconds=400.0,
        thinking_tokens=8192,
    ),
    case(
        QWQ_QWEN,
        "bowling",
        tests_outcomes=[False, True],
        status="fixed",
        guard_stops={"stall": 1},
        prompt_tokens=1600,
        completion_tokens=120,
        reasoning_tokens=4000,
        thinking_seconds=150.0,
        duration_seconds=200.0,
        thinking_tokens=8192,
    ),
    case(
        QWQ_QWEN,
        "dijkstra",
        tests_outcomes=[False, False],
        status="tests-failing",
        num_malformed_responses=3,
        prompt_tokens=1700,
        completion_tokens=130,
        reasoning_tokens=5000,
        thinking_seconds=200.0,
        duration_seconds=414.0,
        thinking_tokens=8192,
    ),
    case(
        QWQ_QWEN,
        "roman",
        tests_outcomes=[True],
        status="fixed",
        prompt_tokens=1200,
        completion_tokens=90,
        reasoning_tokens=2000,
        thinking_seconds=50.0,
        duration_seconds=100.0,
        thinking_tokens=8192,
    ),
    skipped(QWQ_QWEN, "bowling"),
    skipped(QWQ_QWEN, "two-fer"),
]

SONNET_CASES = [
    case(SONNET, "anagram", tests_outcomes=[True], status="fixed", duration_seconds=30.0, cost=0.1),
    case(SONNET, "bowling", tests_outcomes=[True], status="fixed", duration_seconds=60.0, cost=0.2),
    case(
        SONNET,
        "dijkstra",
        tests_outcomes=[False, False],
        status="fixed",  # its own test went from failing to passing; the hidden tests disagree
        verdict_agreed=False,
        duration_seconds=90.0,
        cost=0.3,
    ),
    skipped(SONNET, "two-fer"),
]

ALL_CASES = R1_SONNET_CASES + QWQ_QWEN_CASES + SONNET_CASES
