"""Outcome -> CaseResult: every leaderboard counter comes from the pipeline's outcome."""

from __future__ import annotations

from pathlib import Path

from bot.bench.case import RunInfo, case_result
from bot.bench.languages import LANGUAGES
from bot.bench.oracle import OracleModel, whole_file_answer
from bot.bench.runner import BenchConfig, pair_settings
from bot.bench.suite import Exercise, load_suite
from bot.config import Settings
from bot.edits import apply_answer
from bot.models.errors import ContextWindowExceeded
from bot.models.types import CallSettings
from bot.outcome import Outcome, Status, TryRecord, Usage
from tests.bench_runner.helpers import Spec, make_suite


def a_try(n: int, status: str, output: str) -> TryRecord:
    return TryRecord(n, status == "passed", status, output, 1.0, 0.5, True, 0, ("alpha.py",))


def exercise(tmp_path: Path) -> Exercise:
    (ex,) = load_suite(make_suite(tmp_path / "suite", [Spec("alpha")])).exercises
    return ex


def test_counters_tokens_and_guards_are_mapped(tmp_path: Path) -> None:
    settings = Settings(architect="deepseek/deepseek-reasoner", editor="anthropic/claude-sonnet-4-5")
    outcome = Outcome(
        status=Status.GUARD_STOPPED,
        tries=(
            a_try(1, "failed", "E   IndentationError: unexpected indent"),
            a_try(2, "timed_out", "E   SyntaxError: invalid syntax"),
        ),
        usage=(
            Usage("deepseek/deepseek-reasoner", "architect", 2, 1000, 0, 700, 300, 12.5, 3.0, 15.5, 0.25),
            Usage("anthropic/claude-sonnet-4-5", "editor", 2, 500, 0, 0, 200, 0.0, 4.0, 4.0, 0.5),
        ),
        malformed_responses=3,
        guard="deadline",
        error=str(ContextWindowExceeded("x", 1000, 2000, 100)),
    )
    info = RunInfo(versions="9.9", commit_hash="abc1234", command="architect-bot bench --pair a+b")
    result = case_result("a+b", exercise(tmp_path), settings, outcome, 42.0, info)

    assert result.tests_outcomes == (False, False)
    assert (result.syntax_errors, result.indentation_errors, result.test_timeouts) == (1, 1, 1)
    assert result.exhausted_context_windows == 1 and result.num_malformed_responses == 3
    assert (result.prompt_tokens, result.completion_tokens, result.reasoning_tokens) == (1500, 1200, 700)
    assert result.thinking_seconds == 12.5 and result.duration_seconds == 42.0 and result.cost == 0.75
    assert dict(result.guard_stops) == {"deadline": 1} and result.status == "guard-stopped"
    assert (result.model, result.editor_model) == (
        "deepseek/deepseek-reasoner",
        "anthropic/claude-sonnet-4-5",
    )
    assert (result.edit_format, result.editor_edit_format) == ("architect", "diff")
    assert (result.versions, result.commit_hash, result.command) == ("9.9", "abc1234", info.command)
    assert result.date.endswith("Z")


def test_a_model_error_is_an_error_case_and_no_try_is_a_failed_try(tmp_path: Path) -> None:
    outcome = Outcome(status=Status.MODEL_ERROR, error="provider said no")
    result = case_result("m", exercise(tmp_path), Settings(editor="m/x"), outcome, 1.0, RunInfo())
    assert (result.status, result.error, result.tests_outcomes) == ("error", "provider said no", (False,))
    assert result.editor_model is None and result.edit_format == "diff"
    assert result.verdict_agreed is True  # not fixed, not solved


def test_the_verdict_is_checked_against_the_hidden_tests(tmp_path: Path) -> None:
    alpha = exercise(tmp_path)

    def record(status: Status, *tries: str) -> bool | None:
        tried = tuple(a_try(n, s, "") for n, s in enumerate(tries, 1))
        outcome = Outcome(status=status, tries=tried)
        return case_result("m", alpha, Settings(editor="m/x"), outcome, 1.0, RunInfo()).verdict_agreed

    assert record(Status.FIXED, "passed") is True
    assert record(Status.FIXED, "failed") is False  # claimed fixed, the hidden tests still fail
    assert record(Status.UNVERIFIED, "passed") is False  # solved, but the bot could not show it
    assert record(Status.TESTS_FAILING, "failed", "failed") is True


def test_oracle_answer_applies_even_when_the_solution_holds_fences(tmp_path: Path) -> None:
    text = 'DOC = """\n```python\nx = 1\n```\n"""\n'
    (tmp_path / "doc.py").write_text("DOC = None\n")
    result = apply_answer(tmp_path, whole_file_answer({"doc.py": text}), "whole")
    assert result.well_formed and (tmp_path / "doc.py").read_text() == text


def test_oracle_costs_nothing(tmp_path: Path) -> None:
    completion = OracleModel(exercise(tmp_path)).complete([], CallSettings())
    assert completion.cost_usd == 0.0 and completion.input_tokens == completion.answer_tokens == 0
    assert "alpha.py\n```\ndef answer():\n    return 42\n```" in completion.answer


def test_benchmark_cases_write_no_reproduction_test(tmp_path: Path) -> None:
    # the hidden tests already fail at the base, and only the solution files may be edited
    config = BenchConfig(suite=tmp_path, pairs=("oracle",), out=tmp_path / "out")
    assert pair_settings(config, "oracle", LANGUAGES["python"]).reproduce == "never"
