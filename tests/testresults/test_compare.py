"""The before/after classification on hand-built results: every change kind, and the exit-status fallback."""

from __future__ import annotations

from bot.testresults.compare import WHOLE_COMMAND, Change, compare
from bot.testresults.types import TestOutcome, TestResult, TestResults

P, F, E, S = TestOutcome.PASSED, TestOutcome.FAILED, TestOutcome.ERROR, TestOutcome.SKIPPED


def results(**tests: TestOutcome) -> TestResults:
    return TestResults(
        "pytest", tuple(TestResult(i, o, "boom" if not o.ok else "") for i, o in tests.items())
    )


def test_every_kind_of_change_is_named() -> None:
    before = results(fixed=F, broke=P, still=E, same=P, gone=P, skipped=S)
    after = results(fixed=P, broke=F, still=F, same=P, skipped=P, added_ok=P, added_bad=F)
    got = {t.id: t.change for t in compare(before, after, before_passed=False, after_passed=False).tests}
    assert got == {
        "fixed": Change.FAIL_TO_PASS,
        "broke": Change.PASS_TO_FAIL,
        "still": Change.FAIL_TO_FAIL,
        "same": Change.PASS_TO_PASS,
        "gone": Change.MISSING,
        "skipped": Change.PASS_TO_PASS,  # a skip is not a failure
        "added_ok": Change.NEW_PASSING,
        "added_bad": Change.NEW_FAILING,
    }


def test_only_regressions_and_failing_new_tests_block() -> None:
    before = results(bug=F, unrelated=F, other=P)
    after = results(bug=P, unrelated=F, other=P, new=F)
    c = compare(before, after, before_passed=False, after_passed=False)
    assert [t.id for t in c.blocking] == ["new"]
    assert [t.id for t in c.pre_existing] == ["unrelated"]
    assert not c.verified  # the failing new test blocks the verdict


def test_a_fix_next_to_a_pre_existing_failure_is_verified() -> None:
    c = compare(
        results(bug=F, unrelated=F), results(bug=P, unrelated=F), before_passed=False, after_passed=False
    )
    assert c.verified and c.per_test
    assert [t.id for t in c.fixed] == ["bug"]


def test_passing_everywhere_shows_nothing() -> None:
    c = compare(results(a=P), results(a=P), before_passed=True, after_passed=True)
    assert not c.verified and not c.blocking


def test_a_failing_command_with_an_all_green_report_is_a_regression() -> None:
    c = compare(results(a=P), results(a=P), before_passed=True, after_passed=False, after_exit=2)
    assert [(t.id, t.change) for t in c.regressions] == [(WHOLE_COMMAND, Change.PASS_TO_FAIL)]
    assert "exit 2" in c.regressions[0].message


def test_without_per_test_results_the_exit_status_decides_and_says_so() -> None:
    c = compare(None, results(a=P), before_passed=False, after_passed=True)
    assert not c.per_test and "baseline" in c.fallback_reason
    assert [(t.id, t.change) for t in c.tests] == [(WHOLE_COMMAND, Change.FAIL_TO_PASS)]
    assert c.verified
    still = compare(results(a=F), None, before_passed=False, after_passed=False)
    assert "after the change" in still.fallback_reason
    assert still.blocking, "without per-test results a failing command cannot be called pre-existing"
