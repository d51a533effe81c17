"""Validation of a mined case in the sandbox, as SWE-bench does it, with a flakiness check.

At the base with only the test change applied, the FAIL_TO_PASS tests must fail; with the fix
applied too, they must pass. PASS_TO_PASS are the tests passing in both. Each state runs ``runs``
times: a test whose outcome differs between runs of one state is flaky and left out of both lists.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.errors import BotError
from bot.gitutil import add_worktree, git, remove_worktree
from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest, TestRun
from bot.testresults import TestOutcome, TestResult, TestResults
from bot.testresults.instrument import instrument, read_results


@dataclass(frozen=True)
class Verdict:
    """FAIL_TO_PASS / PASS_TO_PASS of a valid case, or ``dropped`` with the reason."""

    fail_to_pass: tuple[str, ...] = ()
    pass_to_pass: tuple[str, ...] = ()
    flaky: tuple[str, ...] = ()
    dropped: str | None = None
    test_seconds: float = 0.0

    @property
    def valid(self) -> bool:
        return self.dropped is None


MINE_LIMITS = Limits(timeout_s=300)


class _Drop(Exception):
    pass


def validate(
    repo: Path,
    base_commit: str,
    patch: str,
    test_patch: str,
    sandbox: Sandbox,
    *,
    test_command: str,
    setup_command: str | None = None,
    limits: Limits = MINE_LIMITS,
    runs: int = 2,
) -> Verdict:
    instr = instrument(test_command)
    scratch = Path(tempfile.mkdtemp(prefix="architect-mine-"))
    work = scratch / "work"
    seconds = 0.0

    def run_state(label: str) -> list[TestResults]:
        nonlocal seconds
        found = []
        for _ in range(runs):
            try:
                run = sandbox.run(RunRequest(work, instr.command, limits, setup_command, env=instr.env))
            except BotError as err:
                raise _Drop(f"the sandbox could not run the tests {label}: {err}") from err
            seconds += run.duration_s
            if run.setup is not None and not run.setup.passed:
                raise _Drop(f"the setup command failed {label}: {_last_line(run.setup)}")
            if run.timed_out:
                raise _Drop(f"the tests timed out {label} (after {limits.timeout_s:g} s)")
            results = read_results(instr, run)
            if results is None:
                raise _Drop(f"no per-test results {label}: {instr.reason or _last_line(run)}")
            found.append(results)
        return found

    try:
        add_worktree(repo, work, base_commit)
        _apply(work, test_patch, "the test change does not apply at the base commit")
        before = run_state("at the base with the new tests")
        _apply(work, patch, "the fix does not apply on top of the test change")
        after = run_state("with the fix")
        return _compare(before, after, seconds, _touched(work, test_patch))
    except _Drop as drop:
        return Verdict(dropped=str(drop), test_seconds=round(seconds, 3))
    finally:
        remove_worktree(repo, work)
        shutil.rmtree(scratch, ignore_errors=True)


def _apply(work: Path, diff: str, failure: str) -> None:
    if not diff.strip():
        return
    try:
        git(work, "apply", "--binary", "--whitespace=nowarn", "-", input_text=diff)
    except BotError as err:
        raise _Drop(f"{failure}: {err}") from err


def _last_line(run: TestRun) -> str:
    lines = [line for line in run.output.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else f"exit code {run.exit_code}"


def _touched(work: Path, diff: str) -> set[str]:
    numstat = git(work, "apply", "--numstat", "-", input_text=diff, check=False) if diff.strip() else ""
    return {line.split("\t", 2)[2] for line in numstat.splitlines() if line.count("\t") >= 2}


def _compare(
    before: Sequence[TestResults], after: Sequence[TestResults], seconds: float, test_files: set[str]
) -> Verdict:
    flaky = _flaky(before) | _flaky(after)
    first_before, first_after = before[0].by_id(), after[0].by_id()
    fail_to_pass, pass_to_pass = [], []
    for test_id, result in first_after.items():
        if test_id in flaky or result.outcome is not TestOutcome.PASSED:
            continue
        was = first_before.get(test_id)
        if was is None or not was.outcome.ok:
            fail_to_pass.append(test_id)  # failed, errored, or could not even be collected before
        elif was.outcome is TestOutcome.PASSED:
            pass_to_pass.append(test_id)
    if not fail_to_pass:
        return Verdict(
            flaky=tuple(sorted(flaky)),
            dropped=_why_no_fail_to_pass(first_before, first_after, flaky, test_files),
            test_seconds=round(seconds, 3),
        )
    return Verdict(tuple(fail_to_pass), tuple(pass_to_pass), tuple(sorted(flaky)), None, round(seconds, 3))


def _flaky(runs: Sequence[TestResults]) -> set[str]:
    seen: dict[str, set[TestOutcome | None]] = {}
    ids = {t.id for r in runs for t in r.tests}
    for results in runs:
        outcomes = results.by_id()
        for test_id in ids:
            result = outcomes.get(test_id)
            seen.setdefault(test_id, set()).add(result.outcome if result else None)
    return {test_id for test_id, outcomes in seen.items() if len(outcomes) > 1}


def _why_no_fail_to_pass(
    before: dict[str, TestResult], after: dict[str, TestResult], flaky: set[str], test_files: set[str]
) -> str:
    if not after:
        return "no FAIL_TO_PASS test: the runner reported no tests"
    failing = sorted(i for i, r in after.items() if r.outcome is not TestOutcome.PASSED and i not in flaky)
    if failing and all(not before.get(i) or not before[i].outcome.ok for i in failing):
        return f"no FAIL_TO_PASS test: the new tests fail with the fix too ({', '.join(failing[:3])})"
    changed_flaky = sorted(i for i in flaky if i.split("::", 1)[0] in test_files)
    if changed_flaky:  # the tests this change added or edited are the flaky ones
        return f"no FAIL_TO_PASS test outside the flaky ones ({', '.join(changed_flaky[:3])})"
    return "no FAIL_TO_PASS test: the new tests already pass before the fix"
