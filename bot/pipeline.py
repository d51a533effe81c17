"""The pipeline: task -> context -> baseline -> plan -> (reproduce) -> edit -> test and compare with
the baseline (-> retry) -> publish, in a scratch worktree.

The user's working tree is never touched: every edit happens in a detached worktree of the base
commit, which is removed at the end; only a branch (and PR.md or a GitHub PR) is left behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from bot.architect import Plan, ci_prompt, make_plan, planned_files, reproduce_section, without_reproduce
from bot.baseline import Baseline, BaselineCache, baseline_key, take_baseline
from bot.config import call_settings, edit_format_of
from bot.context import build_context
from bot.context.builder import Context
from bot.context.instructions import Instructions, prompt_block
from bot.context.testfiles import is_test_file
from bot.editor import EditRound, inside, render_files, run_editor
from bot.edits import EditPolicy
from bot.errors import BotError, EditError, ModelError, SandboxError, SetupFailed
from bot.gitutil import add_worktree, file_at, git, head_commit, remove_worktree, stage_tree
from bot.models.metered import CountedModel
from bot.models.types import Completion, Models
from bot.outcome import Outcome, ReproductionRecord, Status, TryRecord, Usage
from bot.plan_scope import PlanScope
from bot.planning import instructions_at, over_cap, requested_files_reader
from bot.ports import Sandbox
from bot.progress import Progress, QuietProgress
from bot.reproduce import (
    ReproduceRequest,
    ReproduceTools,
    Reproduction,
    ReproStatus,
    counted_in,
    reproduce,
    wanted,
)
from bot.sandbox import RunRequest, TestRun, limits_for
from bot.scratch import scratch_worktree
from bot.setup_stage import SetupStage
from bot.task import Task
from bot.testcmd import detect
from bot.testresults.compare import compare
from bot.testresults.instrument import (
    Instrumentation,
    instrument,
    read_results,
    readable_output,
    select_tests,
)
from bot.untrusted import fence
from bot.verdict import FEEDBACK_CHARS, Verdict, judge

log = logging.getLogger(__name__)
T = TypeVar("T")

PYTEST_NO_TESTS = 5

Publisher = Callable[[Path, Outcome], Outcome]
"""Commits the scratch worktree and publishes it (branch + PR.md, or a GitHub PR); returns the outcome
with branch / commit / PR fields filled in."""


class _Stopped(Exception):
    def __init__(self, status: Status, stage: str, message: str, guard: str | None = None) -> None:
        super().__init__(message)
        self.status, self.stage, self.guard = status, stage, guard


class _Run:
    """One run's state, changed only by its stages (the methods ``run_pipeline`` calls in order)."""

    def __init__(
        self,
        task: Task,
        models: Models,
        sandbox: Sandbox,
        progress: Progress,
        cache_dir: Path | None,
        workdir: Path,
        base: str,
    ) -> None:
        self.task, self.sandbox, self.progress = task, sandbox, progress
        # every call counts the moment it ends, so a later failed call cannot lose earlier usage
        architect = models.architect
        self.models = Models(
            editor=CountedModel(models.editor, lambda c: self._count("editor", c)),
            architect=CountedModel(architect, lambda c: self._count("architect", c)) if architect else None,
        )
        self.settings = task.settings
        self.cache_dir = cache_dir
        self.usage: dict[str, Usage] = {}
        self.tries: list[TryRecord] = []
        self.timings: dict[str, float] = {}
        self.malformed = 0
        self.architect_settings = call_settings(self.settings, "architect")
        self.editor_settings = call_settings(self.settings, "editor")
        self.policy = EditPolicy(
            protected_globs=tuple(self.settings.protected_paths),
            allow_protected=self.settings.allow_protected,
            editable=task.editable,
        )
        self.limits = limits_for(self.settings)
        self.started = time.monotonic()
        self.base, self.workdir = base, workdir
        self.scratch = workdir.parent  # bot.scratch's folder of the run: removed with the worktree
        # what the stages found out, in the order they find it
        self.notes: list[str] = list(task.notes)
        self.test_command: str | None = task.settings.test_command
        self.setup_command: str | None = task.settings.setup_command
        self.setup_inferred = False  # detected from the project's files: dropped if it fails
        self.instr: Instrumentation | None = None
        self.conventions = Instructions()  # the maintainers' instruction files, once the context is read
        self.context_: Context | None = None
        self.files: list[str] = []
        self.plan_text = ""
        self.editor_brief = ""
        self.base_run: Baseline | None = None  # the reproduction stage reads it too
        self.verdict: Verdict | None = None
        self.reproduction: ReproductionRecord | None = None
        self.feedback: str | None = None
        self.diff, self.changed = "", ""
        self.tree: str | None = None  # the git tree of the diff: what was tested is what is committed
        self.status = Status.NO_CHANGE
        self.error: str | None = None
        self.stopped_at: str | None = None
        self.guard: str | None = None
        # every test run goes through the setup stage: one setup, its state reused
        self.tests = SetupStage(sandbox, self.setup_command, progress, self.timings, self.notes)

    # -- bookkeeping -------------------------------------------------------------------------
    def _count(self, role: str, c: Completion) -> None:
        key = f"{role}:{c.model}"
        self.usage[key] = self.usage.get(key, Usage(model=c.model, role=role)).add(c)
        spent = sum(u.cost_usd or 0.0 for u in self.usage.values())
        if (message := over_cap(spent, self.settings.max_cost_usd)) is not None:
            raise _Stopped(Status.MODEL_ERROR, role, message)

    def _call(self, stage: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except ModelError as err:
            guard = getattr(err, "guard", None)
            status = Status.GUARD_STOPPED if guard is not None else Status.MODEL_ERROR
            raise _Stopped(status, stage, str(err), str(guard) if guard else None) from err

    # -- stages ------------------------------------------------------------------------------
    def plan(self, workdir: Path, context_text: str, feedback: str | None) -> Plan:
        architect = self.models.architect
        assert architect is not None
        self.progress.stage("plan", f"architect {architect.name}")
        start = time.monotonic()

        context_text = "\n\n".join(filter(None, (prompt_block(self.conventions.architect), context_text)))
        plan = self._call(
            "plan",
            lambda: make_plan(
                architect,
                self.task.issue.text,
                context_text,
                self.architect_settings,
                instructions=self.task.instructions,
                read_extra=requested_files_reader(workdir, self.task.issue.text, self.settings),
                feedback=feedback,
                on_delta=self.progress.delta,
                ci_report=self.task.ci_report,
            ),
        )
        self.timings["plan"] = self.timings.get("plan", 0.0) + time.monotonic() - start
        thinking = sum(c.thinking_seconds for c in plan.completions)
        self.progress.done("plan", f"{len(plan.files)} files, thought {thinking:.1f} s")
        return plan

    def edit(
        self, workdir: Path, plan_text: str, files: list[str], feedback: str | None, n: int, stage: str = ""
    ) -> EditRound:
        stage = stage or f"edit (try {n})"
        self.progress.stage(stage, f"editor {self.models.editor.name}")
        round_ = self._call(
            stage,
            lambda: run_editor(
                self.models.editor,
                workdir,
                plan_text,
                files,
                fmt=edit_format_of(self.settings),
                policy=self.policy,
                reflections=self.settings.reflections,
                settings=self.editor_settings,
                feedback=feedback,
                on_delta=self.progress.delta,
                file_tokens=self.settings.file_tokens,
                # alone, the editor is the one model the maintainers' instructions can reach
                conventions=self.conventions.editor if self.models.architect else self.conventions.architect,
            ),
        )
        self.malformed += round_.malformed
        self.timings["edit"] = self.timings.get("edit", 0.0) + round_.seconds
        self.progress.done(
            stage,
            f"{len(round_.changed_files)} files changed, {len(round_.results) - 1} reflections",
        )
        return round_

    def test(self, stage: str, request: RunRequest, timing: str = "test") -> TestRun:
        try:
            run = self.tests.run(request)
        except SetupFailed as err:
            raise _Stopped(Status.TESTS_NOT_RUN, "setup", str(err)) from err
        except BotError as err:
            raise _Stopped(Status.TESTS_NOT_RUN, stage, str(err)) from err
        self.timings[timing] = self.timings.get(timing, 0.0) + run.duration_s
        return run

    def request(self, instr: Instrumentation) -> RunRequest:
        return RunRequest(self.workdir, instr.command, self.limits, self.setup_command, instr.env)

    # -- the pipeline, in order ----------------------------------------------------------------
    def context(self) -> None:
        self.progress.stage("context", "repo map and files")
        t0 = time.monotonic()
        self.context_ = build_context(
            self.workdir,
            self.task.issue.text,
            map_tokens=self.settings.map_tokens,
            file_tokens=self.settings.file_tokens,
            cache_dir=self.cache_dir,
        )
        self.timings["context"] = time.monotonic() - t0
        self.progress.done("context", f"{len(self.context_.files)} files, {len(self.context_.ranked)} mapped")
        self._detect()
        self._read_instructions([f.path for f in self.context_.files])
        if self.test_command:
            self.instr = instrument(self.test_command)

    def _read_instructions(self, paths: list[str]) -> None:
        """The maintainers' instruction files, from the trusted commit: never the tree being edited."""
        trusted = head_commit(self.task.repo, self.task.trusted_ref) if self.task.trusted_ref else self.base
        self.conventions = instructions_at(
            lambda path: file_at(self.task.repo, trusted, path), paths, self.settings
        )
        if self.conventions.sources:
            self.notes.append(f"Maintainer instructions used: {', '.join(self.conventions.sources)}.")

    def _detect(self) -> None:
        """The test and setup commands the settings leave out, found in the project's files."""
        if self.settings.test_command is not None and self.settings.setup_command is not None:
            return
        found = detect(self.workdir)
        why = f" ({'; '.join(found.reasons)})" if found.reasons else ""
        if self.test_command is None and found.test_command:
            self.test_command = found.test_command
            self.notes.append(f"No test command was configured; detected `{found.test_command}`{why}.")
        if self.setup_command is None and found.setup_command and self.test_command:
            self.setup_command, self.setup_inferred = found.setup_command, True
            self.tests.command, self.tests.inferred = found.setup_command, True
            self.notes.append(
                f"No setup command was configured; inferred `{found.setup_command}`{why}. "
                "If it fails, the tests run without it; `setup-command` overrides it."
            )

    def _drop_inferred_setup(self, err: SetupFailed) -> bool:
        """An inferred setup that fails at the base is left out (and said), so the tests still run as
        they would without one; a configured setup that fails stops the run."""
        if not self.setup_inferred:
            return False
        self.notes.append(
            f"The inferred setup `{err.command}` {err.how} ({err.last_line or 'no output'}), so the tests "
            "ran without it; set `setup-command` to the install the tests need."
        )
        self.setup_command, self.setup_inferred, self.tests.command = None, False, None
        return True

    def setup(self) -> None:
        """The setup command, once, before the baseline: its state is what the tests start from."""
        if self.instr is None or not self.setup_command:
            return
        try:
            self.tests.ready(self.request(self.instr))
        except SetupFailed as err:
            if not self._drop_inferred_setup(err):
                raise _Stopped(Status.TESTS_NOT_RUN, "setup", str(err)) from err
        except BotError as err:
            raise _Stopped(Status.TESTS_NOT_RUN, "setup", str(err)) from err

    def baseline(self) -> None:
        """The tests at the base commit, before any edit: what every try is compared with."""
        if self.instr is None:
            return
        self.progress.stage("baseline", self.instr.command)
        cache = BaselineCache(self.cache_dir) if self.cache_dir is not None else None
        at = head_commit(self.task.repo, self.task.baseline_ref) if self.task.baseline_ref else self.base
        key = baseline_key(at, self.instr, self.setup_command, self.sandbox, self.limits)
        # a baseline at another commit than the edits' base runs in a worktree of its own
        where = self.workdir if at == self.base else self.scratch / "baseline"
        if where != self.workdir:
            add_worktree(self.task.repo, where, at)
        try:
            request = replace(self.request(self.instr), workdir=where)
            try:
                self.base_run = take_baseline(self.tests, request, self.instr, key, cache)
            except SetupFailed as err:  # a sandbox that runs the setup inside each run
                if not self._drop_inferred_setup(err):
                    raise
                key = baseline_key(at, self.instr, None, self.sandbox, self.limits)
                self.base_run = take_baseline(
                    self.tests, replace(request, setup=None), self.instr, key, cache
                )
        except SetupFailed as err:
            raise _Stopped(Status.TESTS_NOT_RUN, "setup", str(err)) from err
        except BotError as err:
            raise _Stopped(Status.TESTS_NOT_RUN, "baseline", str(err)) from err
        finally:
            if where != self.workdir:
                remove_worktree(self.task.repo, where)
        self.timings["baseline"] = self.base_run.seconds
        # the setup worked at the base: from here on an edit that breaks it is the edit's doing
        self.setup_inferred = False
        b = self.base_run
        found = f"{len(b.results.failing)} failing" if b.results else ("passed" if b.passed else "failed")
        self.progress.done("baseline", ("cached" if b.cached else f"{b.seconds:.1f} s") + f", {found}")

    def plan_first(self) -> None:
        assert self.context_ is not None
        context_files = [f.path for f in self.context_.files]
        if self.task.plan is not None:
            self.plan_text = self.editor_brief = self.task.plan
            files = list(planned_files(self.task.plan)) or context_files
        elif self.models.architect is not None and not self.task.editor_first:
            plan = self.plan(self.workdir, self.context_.render(), None)
            self.plan_text = self.editor_brief = plan.text
            files = list(plan.files) or context_files
        else:
            ask = (
                "This issue is fixed on the branch you see." if self.task.ci_report else "Resolve this issue."
            )
            self.editor_brief = fence("issue", self.task.issue.text) + "\n\n" + ask
            if self.task.instructions:
                self.editor_brief += "\n\n" + fence("maintainer-instructions", self.task.instructions)
            files = context_files
            if self.task.ci_report:
                self.editor_brief += "\n\n" + ci_prompt(self.task.ci_report)
                files = [*planned_files(self.task.ci_report), *context_files]
        self.files = [f for f in dict.fromkeys(files) if inside(self.workdir, f)]

    def reproduce(self) -> None:
        """Between plan and edit: a test that fails at the base for the issue's reason (bot/reproduce.py).
        It stays in the worktree, the fix goes on top, and once reproduced it counts as failing at
        the base, so the comparison after the fix calls it FAIL_TO_PASS."""
        behaviour = reproduce_section(self.plan_text) if self.plan_text else None
        base_results = self.base_run.results if self.base_run else None
        issue = self.task.issue.text
        if self.instr is None or not wanted(self.settings.reproduce, behaviour, base_results, issue):
            return
        instr = self.instr
        assert self.context_ is not None
        tests_shown = [f.path for f in self.context_.files if is_test_file(f.path)]
        request = ReproduceRequest(
            workdir=self.workdir,
            behaviour=behaviour or fence("issue", issue),
            issue_text=issue,
            test_command=instr.command,
            files=tuple(dict.fromkeys([*tests_shown, *self.files])),
            known=frozenset(base_results.by_id()) if base_results else frozenset(),
            base_passed=self.base_run.passed if self.base_run else True,
        )
        tools = ReproduceTools(
            edit=lambda brief, files: self.edit(self.workdir, brief, files, None, 0, stage="reproduce"),
            run=lambda command: self._reproduce_run(instr, command),
            select=lambda ids: select_tests(instr, list(ids)),
            read=lambda run: read_results(instr, run),
        )
        start = time.monotonic()
        result = reproduce(request, tools)
        self.timings["reproduce"] = time.monotonic() - start
        self._reproduced(result)

    def _reproduce_run(self, instr: Instrumentation, command: str) -> TestRun:
        self.progress.stage("reproduce (test at the base)", command)
        request = RunRequest(self.workdir, command, self.limits, self.setup_command, instr.env)
        run = self.test("reproduce", request, timing="reproduce test")  # not the fix's test time
        self.progress.done("reproduce (test at the base)", run.status.value)
        return run

    def _reproduced(self, result: Reproduction) -> None:
        """What the fix is told and compared with once the reproduction stage is over."""
        self.reproduction = ReproductionRecord(
            status=result.status.value,
            tests=result.failing,
            files=result.test_files if result.status is not ReproStatus.BROKEN else (),
            message=result.message,
            seconds=round(self.timings.get("reproduce", 0.0), 3),
        )
        self.notes.append(result.message)
        self.files = list(dict.fromkeys([*self.files, *self.reproduction.files]))
        self.editor_brief = self._fix_brief(self.editor_brief)
        if self.base_run is not None:
            self.base_run = counted_in(self.base_run, result)

    def _fix_brief(self, brief: str) -> str:
        """The fix editor's brief once a reproduction test is written: without the plan's
        `Reproduce:` section, and saying the test exists, so the fix neither rewrites nor duplicates it."""
        record = self.reproduction
        if record is None:
            return brief
        if self.plan_text:
            brief = without_reproduce(brief)
        if record.files:
            how = _TEST_STATE.get(record.status, "must pass after your change")
            brief += (
                f"\n\nA test for the issue is already written ({', '.join(record.files)}): it {how}. "
                "Do not change or duplicate it: change the code."
            )
        return brief

    def attempt(self, n: int) -> bool:
        """Try ``n``: edit, test, compare with the baseline. True: another try may help."""
        round_ = self.edit(self.workdir, self.editor_brief, self.files, self.feedback, n)
        self.diff, self.changed, self.tree = _changed(self.workdir, self.base)
        if not self.diff:
            self.status = Status.NO_CHANGE if round_.proposed_nothing else Status.EDIT_FAILED
            self.error = None if round_.proposed_nothing else round_.last_error
            return False
        if n > 1 and not round_.changed_files:
            previous = self.tries[-1].output_tail if self.tries else ""
            self.tries.append(
                _record(n, None, round_, f"[no new edits: tests not run again]\n{previous}", False)
            )
            return False  # the verdict of the previous try stands
        if self.instr is None:
            self.status = Status.TESTS_NOT_RUN
            self.notes.append("No tests were found, so none were run: review the change by hand.")
            self.tries.append(_record(n, None, round_, "", None))
            return False
        stage = f"test (try {n})"
        self.progress.stage(stage, self.instr.command)
        test = self.test(stage, self.request(self.instr))
        output = readable_output(self.instr, test)
        if test.exit_code == PYTEST_NO_TESTS and "pytest" in self.instr.command:
            self.status = Status.TESTS_NOT_RUN
            self.notes.append("pytest collected no tests, so nothing was verified.")
            self.tries.append(_record(n, test, round_, output[-FEEDBACK_CHARS:], None))
            self.progress.done(stage, test.status.value)
            return False
        self.tries.append(_record(n, test, round_, output[-FEEDBACK_CHARS:], test.passed))
        self.verdict = self._judge(test, output)
        self.status = self.verdict.status
        # the stage's time on the progress line also holds the sandbox's start and copy; `timings`
        # counts the command's own seconds: say both, so the two never seem to disagree
        self.progress.done(
            stage, f"{test.status.value}: {self.status.value} (the command {test.duration_s:.1f} s)"
        )
        self.feedback = self.verdict.feedback or None
        if self.feedback is None or n >= self.settings.tries:
            return False
        self.files = list(dict.fromkeys([*self.files, *self.changed.splitlines()]))
        if (
            self.settings.retry_with == "architect"
            and self.models.architect is not None
            and not self.task.editor_first
        ):
            assert self.context_ is not None
            current = render_files(
                self.workdir, self.files, hint=self.plan_text, file_tokens=self.settings.file_tokens
            )
            context = self.context_.render() + "\n\n" + current
            plan = self.plan(self.workdir, context, self.feedback)
            self.plan_text, self.editor_brief = plan.text, self._fix_brief(plan.text)
            self.feedback = None  # the new plan carries it
            self.files = list(dict.fromkeys([*self.files, *plan.files]))
        return True

    def _judge(self, test: TestRun, output: str) -> Verdict:
        assert self.instr is not None and self.base_run is not None
        b = self.base_run
        comparison = compare(
            b.results,
            read_results(self.instr, test),
            before_passed=b.passed,
            after_passed=test.passed,
            after_exit=test.exit_code,
        )
        if not comparison.per_test and self.instr.reason:  # the instrumentation knows why, in a sentence
            comparison = replace(comparison, fallback_reason=self.instr.reason)
        return judge(comparison, b, output)

    # -- the end ---------------------------------------------------------------------------------
    def stopped(self, stop: _Stopped) -> None:
        self.status, self.stopped_at, self.error, self.guard = stop.status, stop.stage, str(stop), stop.guard
        if stop.status is Status.TESTS_NOT_RUN:
            self.notes.append(f"The tests could not be run: {stop}")

    def failed(self, err: BotError) -> None:
        """An error no stage turned into a status: the status follows the error's kind."""
        self.status, self.stopped_at, self.error = status_of_error(err), "pipeline", str(err)

    def publishable(self) -> bool:
        return bool(self.diff) and self.status in PUBLISHED

    def _plan_scope(self) -> PlanScope | None:
        if not self.plan_text.strip():
            return None
        changed = tuple(self.changed.splitlines())
        return PlanScope(planned_files(self.plan_text), changed, by_person=self.task.plan is not None)

    def outcome(self) -> Outcome:
        self.timings["total"] = time.monotonic() - self.started
        outcome = Outcome(
            status=self.status,
            plan=self.plan_text,
            diff=self.diff,
            tree=self.tree,
            changed_files=tuple(self.changed.splitlines()),
            tries=tuple(self.tries),
            usage=tuple(self.usage.values()),
            timings={k: round(v, 3) for k, v in self.timings.items()},
            well_formed=self.malformed == 0,
            malformed_responses=self.malformed,
            error=self.error,
            stopped_at=self.stopped_at,
            guard=self.guard,
            test_command=self.test_command,
            notes=tuple(self.notes),
            evidence=self.verdict.evidence if self.verdict and self.status in JUDGED else None,
            reproduction=self.reproduction,
            environment=self.tests.environment(),
            plan_scope=self._plan_scope(),
        )
        log.info(
            "outcome: %s after %d tries in %.1f s%s",
            self.status.value,
            len(self.tries),
            self.timings["total"],
            f" (stopped at {self.stopped_at})" if self.stopped_at else "",
        )
        return outcome.redacted()


# what the fix is told about a reproduction test it finds written (by ReproStatus value)
_TEST_STATE = {
    ReproStatus.REPRODUCED.value: "fails now and must pass after your change",
    ReproStatus.PASSED_AT_BASE.value: "passes already",
}

# statuses whose change is published (a draft unless fixed), and those that carry test evidence
PUBLISHED = frozenset({Status.FIXED, Status.UNVERIFIED, Status.TESTS_FAILING, Status.TESTS_NOT_RUN})
JUDGED = frozenset({Status.FIXED, Status.UNVERIFIED, Status.TESTS_FAILING})

# the status of an error that reached the pipeline itself, by its kind (most specific first)
_ERROR_STATUS: tuple[tuple[type[BotError], Status], ...] = (
    (ModelError, Status.MODEL_ERROR),
    (SandboxError, Status.TESTS_NOT_RUN),
    (EditError, Status.EDIT_FAILED),
)


def status_of_error(err: BotError) -> Status:
    """The status of an error no stage turned into one: by its kind, the most specific first."""
    return next((status for kind, status in _ERROR_STATUS if isinstance(err, kind)), Status.ERROR)


def _changed(workdir: Path, base: str) -> tuple[str, str, str]:
    """(diff, name list, tree) of the worktree against the base commit, new files included."""
    tree = stage_tree(workdir)
    diff = git(workdir, "diff", "--cached", "--no-color", base)
    names = git(workdir, "diff", "--cached", "--name-only", base)
    return diff, names, tree


def run_pipeline(
    task: Task,
    models: Models,
    sandbox: Sandbox,
    *,
    publish: Publisher | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
) -> Outcome:
    """The stages in order; each one either returns or stops the run with a status (``_Stopped``).
    ``cache_dir`` keeps the repo map and the baseline between runs (None: nothing is cached)."""
    base = head_commit(task.repo, task.base_ref)
    # the scratch worktree goes however the run ends: a return, any exception, SIGINT or SIGTERM
    with scratch_worktree(task.repo, base) as workdir:
        run = _Run(task, models, sandbox, progress or QuietProgress(), cache_dir, workdir, base)
        try:
            run.context()
            run.setup()
            run.baseline()
            run.plan_first()
            run.reproduce()
            for n in range(1, task.settings.tries + 1):
                if not run.attempt(n):
                    break
        except _Stopped as stop:
            run.stopped(stop)
        except BotError as err:
            run.failed(err)
        finally:
            run.tests.close()
            run.progress.close()
        outcome = run.outcome()
        if publish is not None and run.publishable():
            outcome = publish(run.workdir, outcome)
        return outcome


def _record(n: int, test: TestRun | None, round_: EditRound, tail: str, passed: bool | None) -> TryRecord:
    return TryRecord(
        number=n,
        passed=passed,
        test_status=test.status.value if test else "not run",
        output_tail=tail,
        test_seconds=round(test.duration_s, 3) if test else 0.0,
        edit_seconds=round(round_.seconds, 3),
        well_formed=round_.well_formed,
        reflections=len(round_.results) - 1,
        changed_files=round_.changed_files,
    )
