"""Every metric against figures worked out by hand from tests/bench_reports/dataset.py."""

from __future__ import annotations

import pytest

from bot.bench.metrics import PairSummary, canonical_command, summarize
from bot.bench.results import CaseResult
from tests.bench_reports.dataset import (
    ALL_CASES,
    QWQ_QWEN,
    R1_SONNET,
    SONNET,
    case,
    skipped,
)


def by_pair() -> dict[str, PairSummary]:
    return {s.pair: s for s in summarize(ALL_CASES)}


def test_order_is_pass_rate_2_then_pass_rate_1() -> None:
    # Sonnet and R1+Sonnet both pass 66.7% after try 2; Sonnet's 66.7% on try 1 beats 33.3%.
    assert [s.pair for s in summarize(ALL_CASES)] == [SONNET, R1_SONNET, QWQ_QWEN]


def test_architect_editor_pair_figures() -> None:
    s = by_pair()[R1_SONNET]
    # 6 Python cases (the error included), 2 Go cases skipped and not counted.
    assert (s.test_cases, s.skipped_cases, s.error_cases) == (6, 2, 1)
    # try 1: anagram, roman; try 2 adds bowling and text-justify.
    assert (s.pass_num_1, s.pass_num_2) == (2, 4)
    assert (s.pass_rate_1, s.pass_rate_2) == (33.3, 66.7)
    # bowling (1) and dijkstra (2) had malformed answers: 4 of 6 cases well formed.
    assert (s.num_malformed_responses, s.num_with_malformed_responses) == (3, 2)
    assert s.percent_cases_well_formed == 66.7
    assert (s.syntax_errors, s.indentation_errors) == (1, 1)
    assert (s.exhausted_context_windows, s.test_timeouts) == (1, 1)
    assert s.prompt_tokens == 1000 + 2000 + 3000 + 500 + 800 + 4000
    assert s.completion_tokens == 200 + 300 + 400 + 100 + 250
    assert s.reasoning_tokens == 500 + 900 + 1200 + 300 + 2000
    assert s.seconds_per_case == 133.3  # 800 s / 6
    assert s.thinking_seconds_per_case == 53.3  # 320 s / 6
    # the errored case has no known cost: the total is partial and says so.
    assert s.total_cost == 0.9
    assert s.unknown_cost_cases == 1
    assert s.guard_stops == {"reasoning_tokens": 0, "deadline": 1, "loop": 0, "stall": 0, "answer_tokens": 0}


def test_precision_of_fixed_beside_the_pass_rate() -> None:
    pairs = by_pair()
    sonnet = pairs[SONNET]  # called 3 cases fixed; the hidden tests failed dijkstra
    assert (sonnet.claimed_fixed_num, sonnet.claimed_fixed_solved_num) == (3, 2)
    assert sonnet.fixed_precision == 66.7 and sonnet.verdict_disagreements == 1
    r1 = pairs[R1_SONNET]  # every fixed was solved; the guard-stopped case is neither
    assert (r1.claimed_fixed_num, r1.fixed_precision, r1.verdict_disagreements) == (4, 100.0, 0)
    never = summarize([case(SONNET, "bob", tests_outcomes=[True], status="unverified")])[0]
    assert never.fixed_precision is None and never.claimed_fixed_num == 0  # nothing claimed: no figure
    assert never.verdict_disagreements == 1  # solved, yet the bot did not claim it


def test_descriptive_fields() -> None:
    s = by_pair()[R1_SONNET]
    assert s.model == "deepseek/deepseek-reasoner"
    assert s.editor_model == "anthropic/claude-sonnet-4-5"
    assert (s.edit_format, s.editor_edit_format) == ("architect", "editor-diff")
    assert (s.reasoning_effort, s.thinking_tokens) == ("high", None)
    assert s.date == "2026-11-21"  # the newest case's day
    assert s.versions == "0.1.0, 0.1.1"
    assert s.commit_hash == "abc1234"
    # the two shards ran different --shard/--out flags; the row shows the one command.
    assert s.command == f"architect-bot bench --pair {R1_SONNET} --tries 2"
    assert s.dirname == "deepseek--deepseek-reasoner+anthropic--claude-sonnet-4-5"


def test_local_pair_without_prices_and_with_guard_stops() -> None:
    s = by_pair()[QWQ_QWEN]
    assert (s.test_cases, s.skipped_cases, s.error_cases) == (4, 2, 0)
    assert (s.pass_num_1, s.pass_num_2, s.pass_rate_1, s.pass_rate_2) == (1, 2, 25.0, 50.0)
    assert (s.num_malformed_responses, s.num_with_malformed_responses) == (4, 2)
    assert s.percent_cases_well_formed == 50.0
    assert s.seconds_per_case == 278.5  # 1114 s / 4
    assert s.thinking_seconds_per_case == 175.0  # 700 s / 4
    assert s.total_cost is None and s.unknown_cost_cases == 4
    assert s.guard_stops == {"reasoning_tokens": 1, "deadline": 0, "loop": 1, "stall": 1, "answer_tokens": 0}
    assert s.thinking_tokens == 8192
    assert s.dirname == "ollama--qwq_32b+ollama--qwen2.5-coder_32b"


def test_solo_model() -> None:
    s = by_pair()[SONNET]
    assert (s.model, s.editor_model, s.edit_format, s.editor_edit_format) == (SONNET, None, "diff", None)
    assert (s.test_cases, s.skipped_cases, s.pass_num_1, s.pass_num_2) == (3, 1, 2, 2)
    assert (s.pass_rate_1, s.pass_rate_2, s.percent_cases_well_formed) == (66.7, 66.7, 100.0)
    assert s.total_cost == 0.6 and s.unknown_cost_cases == 0
    assert (s.seconds_per_case, s.thinking_seconds_per_case) == (60.0, 0.0)


def test_per_language_breakdown() -> None:
    langs = {lang.lang: lang for lang in by_pair()[R1_SONNET].languages}
    assert sorted(langs) == ["go", "python"]
    assert (langs["go"].test_cases, langs["go"].skipped_cases, langs["go"].pass_rate_2) == (0, 2, 0.0)
    python = langs["python"]
    assert (python.test_cases, python.pass_num_1, python.pass_num_2) == (6, 2, 4)
    assert (python.pass_rate_1, python.pass_rate_2) == (33.3, 66.7)


def test_pass_2_counts_only_the_first_two_tries() -> None:
    late = case(SONNET, "late", tests_outcomes=[False, False, True])
    [s] = summarize([late, case(SONNET, "early", tests_outcomes=[True])])
    assert (s.pass_num_1, s.pass_num_2) == (1, 1)


def test_all_skipped_pair_has_zero_rates_not_a_crash() -> None:
    [s] = summarize([skipped(SONNET, "two-fer"), skipped(SONNET, "bob")])
    assert (s.test_cases, s.skipped_cases) == (0, 2)
    assert (s.pass_rate_1, s.pass_rate_2, s.percent_cases_well_formed, s.seconds_per_case) == (0.0,) * 4
    assert s.total_cost is None
    assert s.model == SONNET


def test_summaries_do_not_depend_on_input_order() -> None:
    assert summarize(ALL_CASES) == summarize(list(reversed(ALL_CASES)))


def test_float_sums_are_exact_enough_to_merge() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in naive float addition.
    cases = [case(SONNET, f"e{i}", cost=c) for i, c in enumerate([0.1, 0.2])]
    assert summarize(cases)[0].total_cost == 0.3


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("architect-bot bench --pair a+b --shard 2/4 --resume --out x", "architect-bot bench --pair a+b"),
        (
            "architect-bot bench --pair a --shard=1/2 --out=o --workers 4 --tries 3",
            "architect-bot bench --pair a --tries 3",
        ),
        ("architect-bot bench --pair 'unbalanced", "architect-bot bench --pair 'unbalanced"),
    ],
)
def test_canonical_command(command: str, expected: str) -> None:
    assert canonical_command(command) == expected


def test_summary_row_has_the_public_leaderboard_keys() -> None:
    public = [
        "test_cases", "pass_rate_1", "pass_rate_2", "pass_num_1", "pass_num_2",
        "percent_cases_well_formed", "num_malformed_responses", "num_with_malformed_responses",
        "syntax_errors", "indentation_errors", "exhausted_context_windows", "test_timeouts",
        "prompt_tokens", "completion_tokens", "reasoning_tokens", "thinking_seconds_per_case",
        "seconds_per_case", "total_cost", "model", "editor_model", "edit_format", "editor_edit_format",
        "reasoning_effort", "thinking_tokens", "date", "versions", "commit_hash", "command",
    ]  # fmt: skip
    row = by_pair()[SONNET].to_row()
    assert next(iter(row)) == "dirname"
    assert [k for k in row if k in public] == public
    assert {"guard_stops", "skipped_cases", "error_cases", "unknown_cost_cases"} <= set(row)
    assert "languages" not in row


def test_case_result_fills_models_from_the_pair() -> None:
    r = CaseResult(pair="a/x+b/y", lang="python", exercise="e")
    assert (r.model, r.editor_model) == ("a/x", "b/y")
    solo = CaseResult(pair="a/x", lang="python", exercise="e")
    assert (solo.model, solo.editor_model) == ("a/x", None)
