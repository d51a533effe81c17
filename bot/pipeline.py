"""The pipeline: task -> context -> plan -> edit -> test (-> retry) -> publish, in a scratch worktree.

The user's working tree is never touched: every edit happens in a detached worktree of the base
commit, which is removed at the end; only a branch (and PR.md or a GitHub PR) is left behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.architect import Plan, make_plan, planned_files
from bot.config import call_settings
from bot.context import build_context
from bot.editor import EditRound, inside, render_files, run_editor
from bot.edits import EditPolicy
from bot.errors import BotError, ModelError
from bot.gitutil import git, head_commit
from bot.models.metered import CountedModel
from bot.models.types import Completion
from bot.outcome import Outcome, Status, TryRecord, Usage
from bot.ports import Model, Sandbox
from bot.progress import Progress, QuietProgress
from bot.sandbox import Limits, RunRequest, TestRun
from bot.scratch import scratch_worktree
from bot.secrets import redact
from bot.task import Task
from bot.testcmd import detect_test_command
from bot.untrusted import fence

log = logging.getLogger(__name__)
T = TypeVar("T")

FEEDBACK_CHARS = 6000  # test output tail sent back to a model
PYTEST_NO_TESTS = 5

Publisher = Callable[[Path, Outcome], Outcome]
"""Commits the scratch worktree and publishes it (branch + PR.md, or a GitHub PR); returns the outcome
with branch / commit / PR fields filled in."""


@dataclass(frozen=True)
class Models:
    editor: Model
    architect: Model | None = None  # None: the editor works alone


class _Stopped(Exception):
    def __init__(self, status: Status, stage: str, message: str, guard: str | None = None) -> None:
        super().__init__(message)
        self.status, self.stage, self.guard = status, stage, guard


class _Run:
    def __init__(self, task: Task, models: Models, sandbox: Sandbox, progress: Progress) -> None:
        self.task, self.sandbox, self.progress = task, sandbox, progress
        # every call counts the moment it ends, so a later failed call cannot lose earlier usage
        architect = models.architect
        self.models = Models(
            editor=CountedModel(models.editor, lambda c: self._count("editor", c)),
            architect=CountedModel(architect, lambda c: self._count("architect", c)) if architect else None,
        )
        self.settings = task.settings
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

    # -- bookkeeping -------------------------------------------------------------------------
    def _count(self, role: str, c: Completion) -> None:
        key = f"{role}:{c.model}"
        self.usage[key] = self.usage.get(key, Usage(model=c.model, role=role)).add(c)
        cap = self.settings.max_cost_usd
        spent = sum(u.cost_usd or 0.0 for u in self.usage.values())
        if cap is not None and spent > cap:
            raise _Stopped(Status.MODEL_ERROR, role, f"cost budget spent: ${spent:.4f} of ${cap:.4f}")

    def _call(self, stage: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except ModelError as err:
            guard = getattr(err, "guard", None)
            status = Status.GUARD_STOPPED if guard is not None else Status.MODEL_ERROR
            raise _Stopped(status, stage, redact(str(err)), str(guard) if guard else None) from err

    # -- stages ------------------------------------------------------------------------------
    def plan(self, workdir: Path, context_text: str, feedback: str | None) -> Plan:
        architect = self.models.architect
        assert architect is not None
        self.progress.stage("plan", f"architect {architect.name}")
        start = time.monotonic()

        def read_extra(paths: Sequence[str]) -> str:
            real = [p for p in paths if inside(workdir, p) and (workdir / p).is_file()]
            shown, cut = real[: self.settings.max_extra_files], real[self.settings.max_extra_files :]
            missing = [p for p in paths if p not in real]
            note = f"\n\nThese do not exist in the repository: {', '.join(missing)}" if missing else ""
            if cut:
                note += f"\n\nNot shown (at most {len(shown)} extra files): {', '.join(cut)}"
            return "The files you asked for:\n\n" + render_files(workdir, shown) + note

        plan = self._call(
            "plan",
            lambda: make_plan(
                architect,
                redact(self.task.issue.text),
                context_text,
                self.architect_settings,
                instructions=redact(self.task.instructions),
                read_extra=read_extra,
                feedback=feedback,
                on_delta=self.progress.delta,
            ),
        )
        self.timings["plan"] = self.timings.get("plan", 0.0) + time.monotonic() - start
        thinking = sum(c.thinking_seconds for c in plan.completions)
        self.progress.done("plan", f"{len(plan.files)} files, thought {thinking:.1f} s")
        return plan

    def edit(
        self, workdir: Path, plan_text: str, files: list[str], feedback: str | None, n: int
    ) -> EditRound:
        self.progress.stage(f"edit (try {n})", f"editor {self.models.editor.name}")
        round_ = self._call(
            f"edit (try {n})",
            lambda: run_editor(
                self.models.editor,
                workdir,
                plan_text,
                files,
                fmt=self.settings.edit_format,
                policy=self.policy,
                reflections=self.settings.reflections,
                settings=self.editor_settings,
                feedback=feedback,
                on_delta=self.progress.delta,
            ),
        )
        self.malformed += round_.malformed
        self.timings["edit"] = self.timings.get("edit", 0.0) + round_.seconds
        self.progress.done(
            f"edit (try {n})",
            f"{len(round_.changed_files)} files changed, {len(round_.results) - 1} reflections",
        )
        return round_

    def test(self, workdir: Path, command: str, n: int) -> TestRun:
        self.progress.stage(f"test (try {n})", command)
        limits = Limits(timeout_s=self.settings.test_timeout_s)
        try:
            run = self.sandbox.run(RunRequest(workdir, command, limits, self.settings.setup_command))
        except BotError as err:
            raise _Stopped(Status.TESTS_NOT_RUN, f"test (try {n})", str(err)) from err
        self.timings["test"] = self.timings.get("test", 0.0) + run.duration_s
        self.progress.done(f"test (try {n})", run.status.value)
        return run


def _changed(workdir: Path, base: str) -> tuple[str, str]:
    """(diff, name list) of the worktree against the base commit, new files included."""
    git(workdir, "add", "--all")
    diff = git(workdir, "diff", "--cached", "--no-color", base)
    names = git(workdir, "diff", "--cached", "--name-only", base)
    return diff, names


def run_pipeline(
    task: Task,
    models: Models,
    sandbox: Sandbox,
    *,
    publish: Publisher | None = None,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
) -> Outcome:
    base = head_commit(task.repo, task.base_ref)
    with scratch_worktree(task.repo, base) as workdir:
        return _pipeline_in(
            workdir, base, task, models, sandbox, publish=publish, progress=progress, cache_dir=cache_dir
        )


def _pipeline_in(
    workdir: Path,
    base: str,
    task: Task,
    models: Models,
    sandbox: Sandbox,
    *,
    publish: Publisher | None,
    progress: Progress | None,
    cache_dir: Path | None,
) -> Outcome:
    progress = progress or QuietProgress()
    run = _Run(task, models, sandbox, progress)
    started = time.monotonic()
    plan_text, diff, changed, status = "", "", "", Status.NO_CHANGE
    test_command = task.settings.test_command
    notes: list[str] = list(task.notes)
    error = stopped_at = guard = None
    try:
        progress.stage("context", "repo map and files")
        t0 = time.monotonic()
        context = build_context(
            workdir,
            task.issue.text,
            map_tokens=task.settings.map_tokens,
            file_tokens=task.settings.file_tokens,
            cache_dir=cache_dir,
        )
        run.timings["context"] = time.monotonic() - t0
        progress.done("context", f"{len(context.files)} files, {len(context.ranked)} mapped")
        test_command = test_command or detect_test_command(workdir)
        if task.settings.test_command is None and test_command:
            notes.append(f"No test command was configured; detected `{test_command}`.")
        context_files = [f.path for f in context.files]

        plan = None
        if task.plan is not None:
            plan_text = editor_brief = task.plan
            files = list(planned_files(task.plan)) or context_files
        elif models.architect is not None:
            plan = run.plan(workdir, context.render(), None)
            plan_text = plan.text
            editor_brief, files = plan.text, list(plan.files) or context_files
        else:
            editor_brief = fence("issue", redact(task.issue.text)) + "\n\nResolve this issue."
            if task.instructions:
                editor_brief += "\n\n" + fence("maintainer-instructions", redact(task.instructions))
            files = context_files
        files = [f for f in dict.fromkeys(files) if inside(workdir, f)]

        feedback: str | None = None
        for n in range(1, task.settings.tries + 1):
            round_ = run.edit(workdir, editor_brief, files, feedback, n)
            diff, changed = _changed(workdir, base)
            if not diff:
                status = Status.NO_CHANGE if round_.proposed_nothing else Status.EDIT_FAILED
                error = None if round_.proposed_nothing else round_.last_error
                break
            if n > 1 and not round_.changed_files:
                previous = run.tries[-1].output_tail if run.tries else ""
                run.tries.append(
                    _record(n, None, round_, f"[no new edits: tests not run again]\n{previous}", False)
                )
                break  # still failing from the previous try
            if not test_command:
                status = Status.TESTS_NOT_RUN
                notes.append("No tests were found, so none were run: review the change by hand.")
                run.tries.append(_record(n, None, round_, "", None))
                break
            test = run.test(workdir, test_command, n)
            if test.exit_code == PYTEST_NO_TESTS and "pytest" in test_command:
                status = Status.TESTS_NOT_RUN
                notes.append("pytest collected no tests, so nothing was verified.")
                run.tries.append(_record(n, test, round_, test.tail(FEEDBACK_CHARS), None))
                break
            run.tries.append(_record(n, test, round_, test.tail(FEEDBACK_CHARS), test.passed))
            if test.passed:
                status = Status.FIXED
                break
            status = Status.TESTS_FAILING
            feedback = redact(test.tail(FEEDBACK_CHARS))
            files = list(dict.fromkeys([*files, *changed.splitlines()]))
            if (
                task.settings.retry_with == "architect"
                and models.architect is not None
                and n < task.settings.tries
            ):
                plan = run.plan(workdir, context.render() + "\n\n" + render_files(workdir, files), feedback)
                plan_text = plan.text
                editor_brief, feedback = plan.text, None
                files = list(dict.fromkeys([*files, *plan.files]))
    except _Stopped as stop:
        status, stopped_at, error, guard = stop.status, stop.stage, str(stop), stop.guard
        if status is Status.TESTS_NOT_RUN:
            notes.append(f"The tests could not be run: {stop}")
    except BotError as err:
        status, stopped_at, error = Status.MODEL_ERROR, "pipeline", str(err)
    finally:
        progress.close()

    run.timings["total"] = time.monotonic() - started
    outcome = Outcome(
        status=status,
        plan=redact(plan_text),
        diff=redact(diff),
        changed_files=tuple(changed.splitlines()),
        tries=tuple(run.tries),
        usage=tuple(run.usage.values()),
        timings={k: round(v, 3) for k, v in run.timings.items()},
        well_formed=run.malformed == 0,
        malformed_responses=run.malformed,
        error=redact(error) if error else None,
        stopped_at=stopped_at,
        guard=guard,
        test_command=test_command,
        notes=tuple(notes),
    )
    log.info(
        "outcome: %s after %d tries in %.1f s%s",
        status.value,
        len(run.tries),
        run.timings["total"],
        f" (stopped at {stopped_at})" if stopped_at else "",
    )
    publishable = status in (Status.FIXED, Status.TESTS_FAILING, Status.TESTS_NOT_RUN) and diff
    if publish is not None and publishable:
        outcome = publish(workdir, outcome)
    return outcome


def _record(n: int, test: TestRun | None, round_: EditRound, tail: str, passed: bool | None) -> TryRecord:
    return TryRecord(
        number=n,
        passed=passed,
        test_status=test.status.value if test else "not run",
        output_tail=redact(tail),
        test_seconds=round(test.duration_s, 3) if test else 0.0,
        edit_seconds=round(round_.seconds, 3),
        well_formed=round_.well_formed,
        reflections=len(round_.results) - 1,
        changed_files=round_.changed_files,
    )
