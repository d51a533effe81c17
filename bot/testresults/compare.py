"""Before/after classification of every test, SWE-bench style: pure, no I/O.

The baseline is the run at the base commit, the after-run the run with the change applied. When
either run has no per-test results, the whole test command is classified as one test by its exit
status, and ``Comparison.per_test`` says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.testresults.types import TestOutcome, TestResult, TestResults

WHOLE_COMMAND = "(the whole test command)"  # the one "test" of an exit-status comparison


class Change(StrEnum):
    FAIL_TO_PASS = "FAIL_TO_PASS"  # failed at the base, passes now: shows the fix
    PASS_TO_FAIL = "PASS_TO_FAIL"  # passed at the base, fails now: a regression
    FAIL_TO_FAIL = "FAIL_TO_FAIL"  # failed at the base and still fails: pre-existing
    PASS_TO_PASS = "PASS_TO_PASS"
    NEW_PASSING = "NEW_PASSING"  # added by the change
    NEW_FAILING = "NEW_FAILING"
    MISSING = "MISSING"  # existed at the base, absent after the change


# (passed at the base, passes now) -> change, for a test that exists in both runs
_TRANSITION = {
    (False, True): Change.FAIL_TO_PASS,
    (True, False): Change.PASS_TO_FAIL,
    (False, False): Change.FAIL_TO_FAIL,
    (True, True): Change.PASS_TO_PASS,
}


@dataclass(frozen=True)
class Classified:
    id: str
    change: Change
    before: TestOutcome | None  # None: the test did not exist at the base
    after: TestOutcome | None  # None: the test is gone after the change
    message: str = ""  # the after-run's failure message, else the baseline's
    file: str = ""  # the test's file, where the runner or the id says (pytest `path::name`, Go `pkg/Test`)


@dataclass(frozen=True)
class Comparison:
    tests: tuple[Classified, ...]
    per_test: bool  # False: only the exit statuses were compared
    fallback_reason: str = ""  # why per-test results were not compared

    def of(self, *changes: Change) -> tuple[Classified, ...]:
        return tuple(t for t in self.tests if t.change in changes)

    @property
    def fixed(self) -> tuple[Classified, ...]:
        return self.of(Change.FAIL_TO_PASS)

    @property
    def beside_fixed(self) -> tuple[Classified, ...]:
        """Pre-existing failures in a test file where the change fixed a test: likely the same
        feature, left half done."""
        files = {t.file for t in self.fixed if t.file}
        return tuple(t for t in self.pre_existing if t.file in files)

    @property
    def regressions(self) -> tuple[Classified, ...]:
        return self.of(Change.PASS_TO_FAIL)

    @property
    def pre_existing(self) -> tuple[Classified, ...]:
        return self.of(Change.FAIL_TO_FAIL)

    @property
    def new_failing(self) -> tuple[Classified, ...]:
        return self.of(Change.NEW_FAILING)

    @property
    def missing(self) -> tuple[Classified, ...]:
        return self.of(Change.MISSING)

    @property
    def new_passing(self) -> tuple[Classified, ...]:
        return self.of(Change.NEW_PASSING)

    @property
    def still_passing(self) -> tuple[Classified, ...]:
        return self.of(Change.PASS_TO_PASS)

    @property
    def blocking(self) -> tuple[Classified, ...]:
        """What the change must still mend: regressions and failing new tests. Without per-test
        results a failing command is blocking too, since nothing tells a pre-existing failure apart."""
        if not self.per_test:
            return self.of(Change.PASS_TO_FAIL, Change.FAIL_TO_FAIL)
        return self.of(Change.PASS_TO_FAIL, Change.NEW_FAILING)

    @property
    def verified(self) -> bool:
        """At least one test shows the fix, and the change breaks nothing."""
        return bool(self.fixed) and not self.blocking


def compare(
    before: TestResults | None,
    after: TestResults | None,
    *,
    before_passed: bool,
    after_passed: bool,
    after_exit: int | None = None,
) -> Comparison:
    """Classify every test of both runs; ``*_passed`` are the runs' exit statuses."""
    if before is None or after is None:
        which = "the baseline" if before is None else "the run after the change"
        return _by_exit_status(
            before_passed, after_passed, f"per-test results could not be read from {which}"
        )
    old, new = before.by_id(), after.by_id()
    tests = [_classify(i, old.get(i), new.get(i)) for i in dict.fromkeys([*old, *new])]
    if not after_passed and before_passed and all(t.outcome.ok for t in after.tests):
        # The command failed yet no test did (a crash after the tests, a report cut short):
        # the failure is the change's, whatever the report says.
        exit_text = f" (exit {after_exit})" if after_exit is not None else ""
        tests.append(
            Classified(
                WHOLE_COMMAND,
                Change.PASS_TO_FAIL,
                TestOutcome.PASSED,
                TestOutcome.FAILED,
                f"the test command failed{exit_text} though no test in its report failed",
            )
        )
    return Comparison(tuple(tests), per_test=True)


def _classify(test_id: str, before: TestResult | None, after: TestResult | None) -> Classified:
    file = next((t.file for t in (after, before) if t and t.file), None) or _file_of(test_id)
    was = before.outcome if before else None
    now = after.outcome if after else None
    message = (after.message if after and not after.outcome.ok else "") or (before.message if before else "")
    if was is None:
        assert now is not None
        return Classified(
            test_id, Change.NEW_PASSING if now.ok else Change.NEW_FAILING, None, now, message, file
        )
    if now is None:
        return Classified(test_id, Change.MISSING, was, None, message, file)
    return Classified(test_id, _TRANSITION[(was.ok, now.ok)], was, now, message, file)


def _file_of(test_id: str) -> str:
    return test_id.split("::", 1)[0] if "::" in test_id else test_id.rsplit("/", 1)[0]


def _by_exit_status(before_passed: bool, after_passed: bool, reason: str) -> Comparison:
    change = _TRANSITION[(before_passed, after_passed)]
    before = TestOutcome.PASSED if before_passed else TestOutcome.FAILED
    after = TestOutcome.PASSED if after_passed else TestOutcome.FAILED
    return Comparison(
        (Classified(WHOLE_COMMAND, change, before, after),), per_test=False, fallback_reason=reason
    )
