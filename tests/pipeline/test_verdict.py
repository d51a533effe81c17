"""The verdict from a comparison: status, evidence and what goes back to the editor (pure)."""

from __future__ import annotations

from bot.baseline import Baseline
from bot.evidence_text import evidence_lines
from bot.outcome import Outcome, Status
from bot.render import pr_body
from bot.task import issue_from_markdown
from bot.testresults.compare import compare
from bot.testresults.types import TestOutcome, TestResult, TestResults
from bot.verdict import judge

P, F = TestOutcome.PASSED, TestOutcome.FAILED
BASE = Baseline(passed=False, exit_code=1, duration_s=2.5, output_tail="", results=None, seconds=2.6)


def results(**tests: TestOutcome) -> TestResults:
    made = [
        TestResult(i.replace("__", "::"), o, f"assert in {i}" if not o.ok else "") for i, o in tests.items()
    ]
    return TestResults("pytest", tuple(made))


def test_a_fix_next_to_an_unrelated_failure_is_fixed_and_nothing_goes_back() -> None:
    before = results(test_calc__test_add=F, test_env__test_tool=F)
    after = results(test_calc__test_add=P, test_env__test_tool=F)
    v = judge(compare(before, after, before_passed=False, after_passed=False), BASE, "raw output")
    assert v.status is Status.FIXED and v.feedback is None
    assert v.evidence.fixed == ("test_calc::test_add",)
    assert v.evidence.pre_existing == ("test_env::test_tool",)


def test_feedback_names_regressions_with_their_messages_never_the_unrelated_failure() -> None:
    before = results(test_calc__test_add=F, test_calc__test_mul=P, test_env__test_tool=F)
    after = results(test_calc__test_add=P, test_calc__test_mul=F, test_env__test_tool=F)
    v = judge(compare(before, after, before_passed=False, after_passed=False), BASE, "raw output")
    assert v.status is Status.TESTS_FAILING
    assert (
        v.feedback and "test_calc::test_mul" in v.feedback and "assert in test_calc__test_mul" in v.feedback
    )
    assert "regression" in v.feedback
    assert "test_tool" not in v.feedback and "raw output" not in v.feedback


def test_a_test_still_failing_beside_a_fixed_one_makes_the_fix_partial() -> None:
    before = results(t__a=F, t__b=F, other__c=F)
    after = results(t__a=P, t__b=F, other__c=F)
    v = judge(compare(before, after, before_passed=False, after_passed=False), BASE, "")
    assert v.status is Status.TESTS_FAILING and "partial" in v.evidence.reason
    assert v.evidence.beside_fixed == ("t::b",) and v.evidence.pre_existing == ("other::c",)
    assert v.feedback and "t::b" in v.feedback and "other::c" not in v.feedback


def test_nothing_failing_before_is_unverified_with_a_reason() -> None:
    v = judge(compare(results(t__a=P), results(t__a=P), before_passed=True, after_passed=True), BASE, "")
    assert v.status is Status.UNVERIFIED and v.feedback is None
    assert "passed at the base too" in v.evidence.reason


def test_without_per_test_results_the_exit_status_decides_and_the_pr_says_what_is_not_proved() -> None:
    v = judge(compare(None, None, before_passed=False, after_passed=True), BASE, "")
    assert v.status is Status.FIXED and not v.evidence.per_test
    text = "\n".join(evidence_lines(v.evidence))
    assert "exit status" in text and "not proved" in text
    failing = judge(compare(None, None, before_passed=True, after_passed=False), BASE, "E assert 1 == 2")
    assert failing.status is Status.TESTS_FAILING and failing.feedback == "E assert 1 == 2"


def test_a_baseline_that_timed_out_proves_nothing() -> None:
    timed_out = Baseline(
        passed=False, exit_code=None, duration_s=600, output_tail="", results=None, timed_out=True
    )
    v = judge(compare(None, None, before_passed=False, after_passed=True), timed_out, "")
    assert v.status is Status.UNVERIFIED and "timed out at the base" in v.evidence.reason


def test_the_pr_shows_the_evidence_section() -> None:
    before = results(test_calc__test_add=F, test_env__test_tool=F)
    after = results(test_calc__test_add=P, test_env__test_tool=F)
    v = judge(compare(before, after, before_passed=False, after_passed=False), BASE, "")
    body = pr_body(Outcome(status=v.status, evidence=v.evidence), issue_from_markdown("# #1 Bug\nb"))
    assert "## Evidence" in body
    assert "`test_calc::test_add` ❌ before → ✅ after" in body
    assert "Regressions: none." in body
    assert (
        "Pre-existing failures: 1, failing at the base too, not caused by the change: `test_env::test_tool`"
        in body
    )
    assert "Baseline: one run at the base commit, 2.6 s." in body
