"""Outcome: what a run did, every figure a PR body, a status comment or a benchmark row needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from bot.models.types import Completion
from bot.plan_scope import PlanScope
from bot.secrets import redact


class Status(StrEnum):
    """What a pipeline run ended with; ``docs``/README's status table and action.yml list these."""

    FIXED = "fixed"  # a test failed at the base and passes after the change; nothing regressed
    UNVERIFIED = "unverified"  # the tests pass, but none of them shows the issue fixed
    TESTS_FAILING = "tests-failing"  # the change broke tests or added failing ones
    TESTS_NOT_RUN = "tests-not-run"  # a change was made but no test command / no tests to run
    NO_CHANGE = "no-change"
    EDIT_FAILED = "edit-failed"
    MODEL_ERROR = "model-error"
    GUARD_STOPPED = "guard-stopped"
    ERROR = "error"  # the bot itself failed (git, configuration, forge)

    @property
    def exit_code(self) -> int:
        if self is Status.FIXED:
            return 0
        if self in (Status.MODEL_ERROR, Status.GUARD_STOPPED):
            return 3
        return 1


@dataclass(frozen=True)
class Usage:
    """What one model cost over a run: summed over its calls."""

    model: str
    role: str  # architect | editor
    calls: int = 0
    input_tokens: int = 0
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    answer_tokens: int = 0
    thinking_seconds: float = 0.0
    answer_seconds: float = 0.0
    total_seconds: float = 0.0
    cost_usd: float | None = 0.0

    def add(self, c: Completion) -> Usage:
        cost = None if self.cost_usd is None or c.cost_usd is None else self.cost_usd + c.cost_usd
        return Usage(
            model=self.model,
            role=self.role,
            calls=self.calls + 1,
            input_tokens=self.input_tokens + c.input_tokens,
            cached_input_tokens=self.cached_input_tokens + c.cached_input_tokens,
            reasoning_tokens=self.reasoning_tokens + c.reasoning_tokens,
            answer_tokens=self.answer_tokens + c.answer_tokens,
            thinking_seconds=self.thinking_seconds + c.thinking_seconds,
            answer_seconds=self.answer_seconds + c.answer_seconds,
            total_seconds=self.total_seconds + c.total_seconds,
            cost_usd=cost,
        )


@dataclass(frozen=True)
class TryRecord:
    number: int
    passed: bool | None  # None: tests not run
    test_status: str
    output_tail: str
    test_seconds: float
    edit_seconds: float
    well_formed: bool
    reflections: int
    changed_files: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    """What the tests prove about the change: the baseline compared with the last try, test by test
    (``per_test``) or, when per-test results could not be read, by the command's exit status."""

    per_test: bool
    reason: str  # one sentence: why the status is what it is
    fixed: tuple[str, ...] = ()  # FAIL_TO_PASS: failed at the base, pass now
    regressions: tuple[str, ...] = ()  # PASS_TO_FAIL
    new_failing: tuple[str, ...] = ()  # added by the change and failing
    new_passing: tuple[str, ...] = ()
    pre_existing: tuple[str, ...] = ()  # FAIL_TO_FAIL elsewhere: failed at the base too, not the change's
    beside_fixed: tuple[str, ...] = ()  # FAIL_TO_FAIL in a test file where the change fixed a test
    missing: tuple[str, ...] = ()  # ran at the base, absent after the change
    still_passing: int = 0  # PASS_TO_PASS
    baseline_seconds: float = 0.0  # wall time this run paid for the baseline
    baseline_cached: bool = False
    baseline_run_seconds: float = 0.0  # what the baseline test run took when it was made


@dataclass(frozen=True)
class ReproductionRecord:
    """What the reproduce stage did (bot/reproduce.py): ``status`` is a ReproStatus value."""

    status: str  # reproduced | passed-at-base | broken | no-test | unjudged
    tests: tuple[str, ...]  # the test ids that failed at the base (FAIL_TO_PASS once fixed)
    files: tuple[str, ...]  # the reproduction's test files, shipped with the change unless broken
    message: str  # one sentence, also among the notes
    seconds: float  # editor calls and single-test runs together


@dataclass(frozen=True)
class TestEnvironment:
    """Where the tests ran: a pytest 7.2 image reads other configuration than a project may expect."""

    __test__ = False  # not a pytest test class

    sandbox: str  # docker | local
    image: str | None = None
    image_id: str | None = None
    setup_command: str | None = None
    setup_inferred: bool = False  # found in the project's files, not configured
    setup_runs: int = 0  # how often the setup command ran in this run
    setup_seconds: float = 0.0
    python: str | None = None
    pytest: str | None = None


@dataclass(frozen=True)
class Outcome:
    status: Status
    plan: str = ""
    diff: str = ""
    # the git tree `diff` was taken from: what the publishers commit, whatever the work tree holds later
    tree: str | None = None
    changed_files: tuple[str, ...] = ()
    tries: tuple[TryRecord, ...] = ()
    usage: tuple[Usage, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    well_formed: bool = True
    malformed_responses: int = 0
    error: str | None = None
    stopped_at: str | None = None
    guard: str | None = None
    branch: str | None = None
    commit: str | None = None
    pr_path: str | None = None
    pr_url: str | None = None
    pr_number: int | None = None
    draft: bool | None = None
    test_command: str | None = None
    notes: tuple[str, ...] = ()
    evidence: Evidence | None = None  # None: the tests were never compared with a baseline
    reproduction: ReproductionRecord | None = None  # None: no reproduction test was asked for
    environment: TestEnvironment | None = None  # None: nothing ran in a sandbox
    plan_scope: PlanScope | None = None  # None: no plan (the editor worked alone)

    @property
    def missing_tests(self) -> tuple[str, ...]:
        """Tests that ran at the base and are absent from the results after the change."""
        return self.evidence.missing if self.evidence is not None else ()

    @property
    def cost_usd(self) -> float | None:
        costs = [u.cost_usd for u in self.usage]
        return None if any(c is None for c in costs) else round(sum(c for c in costs if c is not None), 6)

    def redacted(self) -> Outcome:
        """The outcome with known secrets masked in every text a model or a test wrote: what a run
        returns, so printing, publishing or serialising it cannot leak one."""
        return replace(
            self,
            plan=redact(self.plan),
            diff=redact(self.diff),
            error=redact(self.error) if self.error else self.error,
            notes=tuple(redact(n) for n in self.notes),
            tries=tuple(replace(t, output_tail=redact(t.output_tail)) for t in self.tries),
        )

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["status"] = self.status.value
        data["cost_usd"] = self.cost_usd
        return data
