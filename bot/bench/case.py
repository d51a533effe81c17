"""One benchmark case: the exercise as the repository the model sees, the pipeline, one CaseResult.

What the model must not see (the tests unless shown, ``.meta/``, ``.docs/``) is kept out of the
case's git commit, so the pipeline's worktree, its context, repo map and file requests never hold
it. The tests are copied into the worktree only for the sandbox run (``with_hidden_files``) and
removed again, and git is told to ignore them, so they never show up as a change either.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.bench.results import ERROR, CaseResult, now_iso
from bot.bench.suite import DOCS_DIR, Exercise
from bot.config import Settings, edit_format_of
from bot.gitutil import commit_as_bot, git
from bot.models.types import Models
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.ports import Sandbox, SetupSandbox
from bot.sandbox import RunRequest, TestRun
from bot.sandbox.types import PreparedSetup, SetupKey
from bot.task import Issue, Task

log = logging.getLogger(__name__)

# Test byproducts: never part of a change, never shown back to the model.
IGNORED = ("__pycache__/", ".pytest_cache/", "*.pyc", "node_modules/", "target/", "build/")
# The stable part of ContextWindowExceeded's message (bot.models.errors): the pipeline keeps only text.
CONTEXT_WINDOW_MARK = "does not fit the context window"


@dataclass(frozen=True)
class RunInfo:
    """What every case of one run shares, for the record."""

    versions: str = ""
    commit_hash: str = ""
    command: str = ""


@dataclass(frozen=True)
class CaseRepo:
    """The git repository of one case and the files kept out of it (path -> bytes)."""

    repo: Path
    hidden: Mapping[str, bytes]


def prepare_repo(exercise: Exercise, dest: Path, *, show_tests: bool = False) -> CaseRepo:
    """Copy ``exercise`` into ``dest`` and commit what the model may see; return the hidden tests."""
    exercise.workspace(dest)
    shutil.rmtree(dest / DOCS_DIR, ignore_errors=True)  # the instructions are the issue
    hidden_paths = () if show_tests else exercise.test_files
    hidden = {rel: (dest / rel).read_bytes() for rel in hidden_paths}
    for rel in hidden_paths:
        (dest / rel).unlink()
    git(dest, "init", "-q", "-b", "main")
    # info/exclude lives in the common git dir, so the pipeline's worktree obeys it too.
    exclude = dest / ".git" / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    exclude.write_text("\n".join([*IGNORED, *("/" + rel for rel in hidden_paths)]) + "\n", encoding="utf-8")
    git(dest, "add", "-A")
    commit_as_bot(dest, f"{exercise.key}: stub", "--allow-empty")
    return CaseRepo(dest, hidden)


class WithHiddenFiles:
    """A sandbox that puts ``files`` into the work tree for each run and takes them out after."""

    def __init__(self, inner: Sandbox, files: Mapping[str, bytes]) -> None:
        self.inner = inner
        self.name = inner.name
        self.files = dict(files)

    @contextmanager
    def _shown(self, workdir: Path) -> Iterator[None]:
        written: list[Path] = []
        try:
            for rel, data in self.files.items():
                target = workdir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)  # also undoes any change to a test, whatever the policy said
                written.append(target)
            yield
        finally:
            for target in written:
                target.unlink(missing_ok=True)

    def run(self, request: RunRequest) -> TestRun:
        with self._shown(request.workdir):
            return self.inner.run(request)


class _WithHiddenFilesAndSetup(WithHiddenFiles):
    """The same over a sandbox that keeps a setup's state: the setup runs once per case, not per run."""

    inner: SetupSandbox

    def setup_key(self, request: RunRequest) -> SetupKey:
        return self.inner.setup_key(request)

    def prepare(self, request: RunRequest) -> PreparedSetup:
        with self._shown(request.workdir):
            return self.inner.prepare(request)

    def release(self, prepared: PreparedSetup) -> None:
        self.inner.release(prepared)


def with_hidden_files(inner: Sandbox, files: Mapping[str, bytes]) -> WithHiddenFiles:
    """``inner`` with ``files`` shown to each run; a setup state is kept when ``inner`` keeps one."""
    kind = _WithHiddenFilesAndSetup if isinstance(inner, SetupSandbox) else WithHiddenFiles
    return kind(inner, files)


def run_case(
    exercise: Exercise,
    pair: str,
    settings: Settings,
    models: Models,
    sandbox: Sandbox,
    scratch: Path,
    *,
    show_tests: bool = False,
    info: RunInfo = RunInfo(),
) -> CaseResult:
    """Run the pipeline on ``exercise`` in ``scratch`` (a fresh folder) and record the case."""
    started = time.monotonic()
    case = prepare_repo(exercise, scratch / exercise.name, show_tests=show_tests)
    task = Task(
        repo=case.repo,
        base_ref="HEAD",
        issue=Issue(title=f"Implement the exercise {exercise.name}", body=exercise.instructions),
        settings=settings,
        editable=frozenset(exercise.solution_files),
    )
    outcome = run_pipeline(task, models, with_hidden_files(sandbox, case.hidden))
    return case_result(pair, exercise, settings, outcome, time.monotonic() - started, info)


def case_result(
    pair: str, exercise: Exercise, settings: Settings, outcome: Outcome, seconds: float, info: RunInfo
) -> CaseResult:
    """Map a pipeline Outcome to the benchmark's record of the case."""
    fields = case_result_fields(pair, exercise.lang, exercise.name, settings, outcome, seconds, info)
    return CaseResult(**fields)


def case_result_fields(
    pair: str, lang: str, name: str, settings: Settings, outcome: Outcome, seconds: float, info: RunInfo
) -> dict[str, Any]:
    """The record of a case as keyword arguments of CaseResult (a SWE case overrides the outcomes)."""
    outputs = [t.output_tail for t in outcome.tries]
    solved = any(t.passed is True for t in outcome.tries)  # the hidden tests ran in every try
    return dict(
        **_described(pair, lang, name, settings, info),
        # a case without any test run (no edit, or a model error) failed its first try
        tests_outcomes=[t.passed is True for t in outcome.tries] or [False],
        status=ERROR if outcome.status is Status.MODEL_ERROR else outcome.status.value,
        error=outcome.error,
        num_malformed_responses=outcome.malformed_responses,
        syntax_errors=sum("SyntaxError" in text for text in outputs),
        indentation_errors=sum("IndentationError" in text for text in outputs),
        exhausted_context_windows=int(CONTEXT_WINDOW_MARK in (outcome.error or "")),
        test_timeouts=sum(t.test_status == "timed_out" for t in outcome.tries),
        prompt_tokens=sum(u.input_tokens for u in outcome.usage),
        # completion tokens as billed: the answer and the reasoning
        completion_tokens=sum(u.answer_tokens + u.reasoning_tokens for u in outcome.usage),
        reasoning_tokens=sum(u.reasoning_tokens for u in outcome.usage),
        thinking_seconds=round(sum(u.thinking_seconds for u in outcome.usage), 3),
        duration_seconds=round(seconds, 3),
        cost=outcome.cost_usd,
        guard_stops={outcome.guard: 1} if outcome.guard else {},
        verdict_agreed=(outcome.status is Status.FIXED) == solved,
    )


def failed_case(
    pair: str, exercise: Exercise, settings: Settings, err: BaseException, seconds: float, info: RunInfo
) -> CaseResult:
    return case_failed(pair, exercise.lang, exercise.name, settings, err, seconds, info)


def case_failed(
    pair: str, lang: str, name: str, settings: Settings, err: BaseException, seconds: float, info: RunInfo
) -> CaseResult:
    """The record of a case the harness itself could not finish: an error, counted as failed."""
    return CaseResult(
        **_described(pair, lang, name, settings, info),
        tests_outcomes=[False],
        status=ERROR,
        error=f"{type(err).__name__}: {err}",
        duration_seconds=round(seconds, 3),
    )


def _described(pair: str, lang: str, name: str, settings: Settings, info: RunInfo) -> dict[str, Any]:
    """The fields that say which case this is and how it was run."""
    paired = settings.architect is not None
    fmt = edit_format_of(settings)
    return {
        "pair": pair,
        "lang": lang,
        "exercise": name,
        "model": settings.architect or settings.editor,
        "editor_model": settings.editor if paired else None,
        # as on the public leaderboards: an architect row says "architect", the editor's format apart
        "edit_format": "architect" if paired else fmt,
        "editor_edit_format": fmt if paired else None,
        "thinking_tokens": settings.max_reasoning_tokens,
        "date": now_iso(),
        "versions": info.versions,
        "commit_hash": info.commit_hash,
        "command": info.command,
    }
