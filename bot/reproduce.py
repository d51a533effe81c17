"""Reproduce stage: before the fix, the editor writes a test that fails at the base for the issue's reason.

The test is written in the repository's own layout and style, run alone at the base, and judged:
- it fails by an assertion (or by the error the issue describes): the issue is reproduced, and the
  test becomes a FAIL_TO_PASS test of the change;
- it cannot run (collection, import or syntax error of the test itself): that goes back to the
  editor, at most ``broken_tries`` times, and is never counted; a test still broken is removed;
- it passes: it does not reproduce the issue; the editor hears so once, then the run goes on and says so.

Its edits stay in the worktree: the fix's edits go on top of them, so the test ships with the change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Literal

from bot.baseline.types import Baseline
from bot.context.testfiles import is_test_file
from bot.editor import EditRound
from bot.gitutil import git
from bot.sandbox.types import TestRun
from bot.testresults.types import TestOutcome, TestResult, TestResults

ReproduceMode = Literal["auto", "always", "never"]

# Errors that say the test itself is broken, not the code it tests (unless the issue names them).
_OWN_ERRORS = ("SyntaxError", "IndentationError", "ImportError", "ModuleNotFoundError", "NameError")
_FIXTURE_MISSING = re.compile(r"fixture '[^']+' not found")
PYTEST_TESTS_FAILED = 1  # pytest's exit code when tests ran and some failed (2-5: could not run them)

BRIEF = """\
Before anything is fixed, write a test that reproduces the issue: it must FAIL on the code as it is
now, by an assertion about the behaviour below (or by the very error the issue describes), and pass
once the issue is fixed. Put it in the repository's own test layout and follow the style of the test
files shown (a new test function in the matching test file, or a new test file beside them). Change
only test files: do not fix the code, do not change other tests.

Behaviour to reproduce:
{behaviour}
"""

BROKEN_FEEDBACK = """\
Your test did not run as a test: {reason}
Make it import and run; it must fail by an assertion about the issue, not by an error of the test itself."""

PASSED_FEEDBACK = """\
Your test passed on the current code, so it does not show the issue. Make it check the behaviour the
issue describes, so that it fails now and passes once the issue is fixed."""


class ReproStatus(StrEnum):
    REPRODUCED = "reproduced"  # failed at the base for the issue's reason: counts as FAIL_TO_PASS
    PASSED_AT_BASE = "passed-at-base"  # did not reproduce the issue; kept, but shows nothing
    BROKEN = "broken"  # never ran as a test; removed from the change
    NO_TEST = "no-test"  # the editor wrote no test file
    UNJUDGED = "unjudged"  # not run alone, no per-test results, and the command failed at the base


@dataclass(frozen=True)
class ReproduceRequest:
    workdir: Path
    behaviour: str  # the plan's "Reproduce:" section, or the issue when there is no plan
    issue_text: str  # to recognise the error the issue itself describes
    test_command: str
    files: tuple[str, ...]  # shown to the editor: existing test files (layout, style) and the code
    broken_tries: int = 2  # how often a test that cannot run goes back to the editor
    known: frozenset[str] = frozenset()  # test ids the baseline ran: not the reproduction's own
    base_passed: bool = True  # the whole test command's exit status at the base


@dataclass(frozen=True)
class ReproduceTools:
    """What the stage needs from the pipeline: the editor (with its accounting) and the sandbox."""

    edit: Callable[[str, list[str]], EditRound]  # (brief, files) -> one editor round, applied
    run: Callable[[str], TestRun]  # test command -> run at the base
    select: Callable[[Sequence[str]], str | None]  # test ids/files -> a command running only those
    read: Callable[[TestRun], TestResults | None]  # per-test results of a run, when readable


@dataclass(frozen=True)
class Reproduction:
    status: ReproStatus
    test_files: tuple[str, ...]  # the reproduction's files, part of the change unless BROKEN
    failing: tuple[str, ...]  # test ids that failed at the base: FAIL_TO_PASS once fixed
    message: str  # one sentence for the outcome and the PR
    rounds: tuple[EditRound, ...]
    runs: tuple[TestRun, ...]
    results: TestResults | None = None  # per-test results of the last run at the base

    @property
    def reproduced(self) -> bool:
        return self.status is ReproStatus.REPRODUCED


def wanted(mode: ReproduceMode, behaviour: str | None, baseline: TestResults | None, issue_text: str) -> bool:
    """Whether to write a reproduction test. ``auto``: when the architect stated a behaviour to
    reproduce and no test failing at the base is about the issue; ``always``: even without a plan."""
    if mode == "never":
        return False
    if mode == "always":
        return True
    return bool(behaviour) and not issue_tests(baseline, issue_text)


def issue_tests(baseline: TestResults | None, issue_text: str) -> tuple[str, ...]:
    """Tests failing at the base whose name shares a word with the issue (``test_add`` for ``add()``)."""
    if baseline is None:
        return ()
    words = {w.lower() for w in re.findall(r"[A-Za-z_]\w{2,}", issue_text)}
    found = []
    for test in baseline.failing:
        name = re.split(r"[:/.]", test.id.split("[")[0])[-1]
        parts = {p.lower() for p in re.split(r"_|(?<=[a-z])(?=[A-Z])", name) if len(p) > 2} - {"test"}
        if parts & words:
            found.append(test.id)
    return tuple(found)


def reproduce(request: ReproduceRequest, tools: ReproduceTools) -> Reproduction:
    brief = BRIEF.format(behaviour=request.behaviour.strip())
    files = list(request.files)
    rounds: list[EditRound] = []
    runs: list[TestRun] = []
    feedback: str | None = None
    broken_left, passed_left = request.broken_tries, 1
    while True:
        round_ = tools.edit(brief + (f"\n{feedback}\n" if feedback else ""), files)
        rounds.append(round_)
        tests, others = _written(request.workdir)
        if others:
            _revert(request.workdir, others)  # a reproduction fixes nothing: only the test may change
        # The test is what this round wrote; an earlier attempt it replaced by a new file goes.
        stale = [t for t in tests if t not in round_.changed_files]
        if stale and len(stale) < len(tests):
            _revert(request.workdir, stale)
            tests = [t for t in tests if t not in stale]
        if not tests:
            message = "The editor wrote no reproduction test."
            return Reproduction(ReproStatus.NO_TEST, (), (), message, tuple(rounds), tuple(runs))
        files = list(dict.fromkeys([*files, *tests]))
        # alone where the runner can select by file (pytest); else the whole command, and the
        # reproduction's tests are picked out of its per-test results
        selected = tools.select(tests)
        run = tools.run(selected or request.test_command)
        runs.append(run)
        results = tools.read(run)
        verdict, failing, reason = judge(
            run,
            results,
            tests,
            request.issue_text,
            request.known,
            alone=selected is not None,
            base_passed=request.base_passed,
        )
        if verdict is ReproStatus.REPRODUCED:
            names = ", ".join(failing)
            message = f"The reproduction test failed at the base as the issue describes: {names}."
            return Reproduction(verdict, tuple(tests), failing, message, tuple(rounds), tuple(runs), results)
        if verdict is ReproStatus.UNJUDGED:  # another try could not tell either
            message = (
                "The reproduction test could not be judged: the test command cannot run it alone, "
                "reports no per-test results and already fails at the base."
            )
            return Reproduction(verdict, tuple(tests), (), message, tuple(rounds), tuple(runs), results)
        if verdict is ReproStatus.BROKEN:
            if broken_left > 0:
                broken_left -= 1
                feedback = BROKEN_FEEDBACK.format(reason=reason)
                continue
            _revert(request.workdir, tests)
            message = f"No reproduction test could be written: the test did not run ({reason})."
            return Reproduction(verdict, tuple(tests), (), message, tuple(rounds), tuple(runs), results)
        if passed_left > 0:
            passed_left -= 1
            feedback = PASSED_FEEDBACK
            continue
        message = "The reproduction test did not fail at the base, so it does not show the issue."
        return Reproduction(verdict, tuple(tests), (), message, tuple(rounds), tuple(runs), results)


def counted_in(baseline: Baseline, repro: Reproduction) -> Baseline:
    """The baseline as if the reproduction test had been there at the base: its tests join the
    baseline's results (exit status: the base fails), so after the fix they count as FAIL_TO_PASS."""
    if not repro.reproduced:
        return baseline
    if baseline.results is None or repro.results is None:
        return replace(baseline, passed=False, results=None)
    known = baseline.results.by_id()
    added = tuple(t for t in repro.results.tests if t.id not in known and _in_files(t, repro.test_files))
    return replace(baseline, results=replace(baseline.results, tests=baseline.results.tests + added))


def judge(
    run: TestRun,
    results: TestResults | None,
    tests: Sequence[str],
    issue_text: str,
    known: frozenset[str] = frozenset(),
    *,
    alone: bool = True,
    base_passed: bool = True,
) -> tuple[ReproStatus, tuple[str, ...], str]:
    """(verdict, failing test ids, why it is broken) of one run of the reproduction test at the base.
    Tests the baseline already ran (``known``) are not the reproduction's, even in the same file.
    ``alone``: the run held only the reproduction's files; ``base_passed``: the whole command's status."""
    if results is not None:
        mine = [t for t in results.tests if _in_files(t, tests) and t.id not in known]
        if not mine:
            return ReproStatus.BROKEN, (), _first_error(run.output) or "no test was collected from it"
        errors = [t for t in mine if t.outcome is TestOutcome.ERROR]
        failed = [t for t in mine if t.outcome is TestOutcome.FAILED]
        own = [t for t in failed if _own_error(t.message, issue_text)]
        if errors or own:
            culprit = (errors or own)[0]
            return ReproStatus.BROKEN, (), f"{culprit.id}: {culprit.message or 'error'}".strip()
        if failed:
            return ReproStatus.REPRODUCED, tuple(t.id for t in failed), ""
        return ReproStatus.PASSED_AT_BASE, (), ""
    # No per-test results: the exit code of the single-test run is all there is.
    if run.passed:
        return ReproStatus.PASSED_AT_BASE, (), ""
    if not alone and not base_passed:  # the failure may be any of the tests that failed before
        return ReproStatus.UNJUDGED, (), ""
    if run.exit_code == PYTEST_TESTS_FAILED and not _own_error(run.output, issue_text):
        return ReproStatus.REPRODUCED, tuple(tests), ""
    return ReproStatus.BROKEN, (), _first_error(run.output) or f"exit code {run.exit_code}"


def _own_error(text: str, issue_text: str) -> bool:
    if _FIXTURE_MISSING.search(text):
        return True
    return any(name in text and name not in issue_text for name in _OWN_ERRORS)


def _first_error(output: str) -> str:
    for line in output.splitlines():
        if re.match(r"^E\s+\w+(Error|Exception)\b", line) or re.match(r"^\w+(Error|Exception):", line):
            return line.lstrip("E ").strip()
    return ""


def _in_files(test: TestResult, files: Sequence[str]) -> bool:
    return (test.file or "") in files or any(test.id.startswith(f + "::") or test.id == f for f in files)


def _written(workdir: Path) -> tuple[list[str], list[str]]:
    """(test files, other files) changed in the worktree since the base."""
    # -z: paths come unquoted (spaces, non-ASCII); a rename's old path follows its entry
    entries = iter(
        git(workdir, "status", "--porcelain", "-z", "--untracked-files=all", strip=False).split("\0")
    )
    paths = []
    for entry in entries:
        if entry:
            paths.append(entry[3:])
            if entry[0] in "RC":
                next(entries, None)
    return [p for p in paths if is_test_file(p)], [p for p in paths if not is_test_file(p)]


def _revert(workdir: Path, paths: Sequence[str]) -> None:
    for path in paths:
        if git(workdir, "ls-tree", "HEAD", "--", path):
            git(workdir, "checkout", "HEAD", "--", path)
        else:
            (workdir / path).unlink(missing_ok=True)
