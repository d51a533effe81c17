"""The values of per-test results, shared by the parsers, the pipeline, the benchmark and mining."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TestOutcome(StrEnum):
    __test__ = False  # not a pytest test class

    PASSED = "passed"
    FAILED = "failed"  # an assertion or an exception in the test body
    ERROR = "error"  # the test could not run: fixture, collection or set-up error
    SKIPPED = "skipped"  # skipped, or an expected failure (xfail)

    @property
    def ok(self) -> bool:
        """Counts as not failing (skips included)."""
        return self in (TestOutcome.PASSED, TestOutcome.SKIPPED)


@dataclass(frozen=True)
class TestResult:
    """One test: ``id`` is the runner's own id (pytest node id, ``pkg/TestName`` for Go, ...)."""

    __test__ = False

    id: str
    outcome: TestOutcome
    message: str = ""  # the failure's first lines (assertion message), empty when it passed
    file: str | None = None  # repository-relative file of the test, where the runner says


@dataclass(frozen=True)
class TestResults:
    """Every test a runner reported in one run. ``runner`` names the format read (pytest, go, jest,
    vitest, cargo). ``complete`` is False when the report was cut or partly unreadable."""

    __test__ = False

    runner: str
    tests: tuple[TestResult, ...]
    complete: bool = True

    def by_id(self) -> dict[str, TestResult]:
        return {t.id: t for t in self.tests}

    @property
    def failing(self) -> tuple[TestResult, ...]:
        return tuple(t for t in self.tests if not t.outcome.ok)

    def counts(self) -> dict[TestOutcome, int]:
        """How many tests had each outcome (outcomes that no test had are left out)."""
        counted = {outcome: 0 for outcome in TestOutcome}
        for test in self.tests:
            counted[test.outcome] += 1
        return {outcome: n for outcome, n in counted.items() if n}

    def to_dict(self) -> dict[str, object]:
        return {
            "runner": self.runner,
            "complete": self.complete,
            "counts": {outcome.value: n for outcome, n in self.counts().items()},
            "tests": [
                {"id": t.id, "outcome": t.outcome.value, "message": t.message, "file": t.file}
                for t in self.tests
            ],
        }
