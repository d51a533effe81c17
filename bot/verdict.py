"""From a before/after comparison to what the run claims: the status, the evidence a reviewer
reads, and the feedback the editor gets. Pure: every claim is computed from measured test outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.baseline import Baseline
from bot.outcome import Evidence, Status
from bot.testresults.compare import Classified, Comparison

FEEDBACK_CHARS = 6000  # at most this much test text goes back to a model
MESSAGE_CHARS = 1500  # per failing test


@dataclass(frozen=True)
class Verdict:
    status: Status
    evidence: Evidence
    feedback: str | None  # for the next try; None: another try cannot be told anything useful


def judge(comparison: Comparison, baseline: Baseline, after_output: str) -> Verdict:
    """``after_output``: the after-run's readable output, sent back only when per-test results are
    missing (then nothing tells the change's failures from older ones)."""
    c = comparison
    status, reason = _status(c)
    if status is Status.FIXED and not c.per_test and baseline.timed_out:
        # a run cut short at the base says nothing about what failed there
        status = Status.UNVERIFIED
        reason = "The tests timed out at the base commit, so passing now is not compared with anything."
    evidence = Evidence(
        per_test=c.per_test,
        reason=reason,
        fixed=_ids(c.fixed),
        regressions=_ids(c.regressions),
        new_failing=_ids(c.new_failing),
        new_passing=_ids(c.new_passing),
        pre_existing=_ids(tuple(t for t in c.pre_existing if t not in c.beside_fixed)),
        beside_fixed=_ids(c.beside_fixed),
        missing=_ids(c.missing),
        still_passing=len(c.still_passing),
        baseline_seconds=baseline.seconds,
        baseline_cached=baseline.cached,
        baseline_run_seconds=round(baseline.duration_s, 3),
    )
    return Verdict(status, evidence, _feedback(c, after_output))


def _status(c: Comparison) -> tuple[Status, str]:
    how = "" if c.per_test else f" ({c.fallback_reason})"
    if c.regressions or c.new_failing or (not c.per_test and c.blocking):
        parts = []
        if c.regressions:
            parts.append(f"{len(c.regressions)} test(s) that passed at the base fail after the change")
        if c.new_failing:
            parts.append(f"{len(c.new_failing)} test(s) the change added fail")
        if not parts:
            parts.append("the tests fail after the change")
        return Status.TESTS_FAILING, "; ".join(parts) + how + "."
    if c.beside_fixed:
        return Status.TESTS_FAILING, (
            f"{len(c.fixed)} test(s) failed at the base and pass now, but {len(c.beside_fixed)} in the same "
            "test file(s) still fail, so the fix looks partial."
        )
    if c.fixed:
        return Status.FIXED, f"{len(c.fixed)} test(s) failed at the base and pass after the change{how}."
    if c.pre_existing:
        return Status.UNVERIFIED, (
            f"The tests that failed at the base still fail ({len(c.pre_existing)}), and no test that "
            "failed before passes now, so nothing shows the issue fixed."
        )
    return Status.UNVERIFIED, (
        "The tests pass, but they passed at the base too, so none of them shows the issue fixed" + how + "."
    )


def _feedback(c: Comparison, after_output: str) -> str | None:
    """Only what the change must mend: regressions and failing new tests, by their own messages.
    Pre-existing failures are named only when the change fixed none of the failing tests at all,
    or when they sit in the same test file as a test the change fixed (the same feature)."""
    if not c.per_test:
        return after_output[-FEEDBACK_CHARS:] if c.blocking else None
    sections = [
        ("These tests passed before your change and fail after it (regressions):", c.regressions),
        ("These tests, added by your change, fail:", c.new_failing),
    ]
    still = c.beside_fixed if c.fixed else c.pre_existing
    sections.append(("These tests failed before your change and still fail after it:", still))
    text = "\n\n".join(_section(title, tests) for title, tests in sections if tests)
    return text[:FEEDBACK_CHARS] or None


def _section(title: str, tests: tuple[Classified, ...]) -> str:
    lines = [title]
    for t in tests:
        message = t.message.strip()[:MESSAGE_CHARS]
        lines.append(f"- {t.id}" + (":\n" + _indent(message) if message else ""))
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _ids(tests: tuple[Classified, ...]) -> tuple[str, ...]:
    return tuple(t.id for t in tests)
