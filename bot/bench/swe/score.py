"""One pair on one SWE case: the pipeline on the problem statement, then the hidden tests decide.

The models see the repository at ``base_commit`` and the problem statement only; ``test_patch``
is applied after the pipeline ends, in a fresh worktree, on top of the candidate diff (test files
it touches are first reset to the base, so the hidden tests are the ones that judge). Resolved:
every FAIL_TO_PASS test passes and every PASS_TO_PASS test still does.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.bench.case import RunInfo, case_result_fields
from bot.bench.oracle import whole_file_answer
from bot.bench.results import ERROR, CaseResult
from bot.bench.swe.instance import SweInstance
from bot.config import Settings
from bot.errors import BotError
from bot.gitutil import add_worktree, git, remove_worktree
from bot.models.types import Models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest
from bot.task import Issue, Task
from bot.testcmd import detect_test_command
from bot.testresults import TestOutcome
from bot.testresults.instrument import instrument, read_results


@dataclass(frozen=True)
class Score:
    resolved: bool
    failed: tuple[str, ...] = ()  # FAIL_TO_PASS or PASS_TO_PASS tests that did not pass
    error: str | None = None


def case_lang(instance: SweInstance) -> str:
    """The results folder of a repository's cases (``<out>/<pair>/<lang>/<instance_id>``)."""
    return "swe-" + instance.repo.replace("/", "__")


def oracle_answer(repo: Path, instance: SweInstance) -> str:
    """The gold patch as whole files (what the files are after it), for the ``oracle`` model."""
    with _worktree(repo, instance.base_commit) as work:
        git(work, "apply", "--binary", "-", input_text=instance.patch)
        changed = git(work, "diff", "--name-only", "HEAD").splitlines()
        files = {p: (work / p).read_text(encoding="utf-8") for p in changed if (work / p).is_file()}
    return whole_file_answer(files)


def score(repo: Path, instance: SweInstance, diff: str, sandbox: Sandbox, limits: Limits) -> Score:
    with _worktree(repo, instance.base_commit) as work:
        instr = instrument(instance.test_command or detect_test_command(work) or "python3 -m pytest -q")
        if diff.strip():
            whole = diff.rstrip("\n") + "\n"  # git's output lost the final newline on the way
            try:
                git(work, "apply", "--binary", "--whitespace=nowarn", "-", input_text=whole)
            except BotError as err:
                return Score(False, error=f"the candidate diff does not apply: {err}")
        # The hidden tests judge: the candidate's own edits to those files give way to them.
        numstat = git(work, "apply", "--numstat", "-", input_text=instance.test_patch).splitlines()
        paths = [line.split("\t", 2)[2] for line in numstat if line.count("\t") >= 2]
        listed = git(work, "ls-tree", "-r", "--name-only", "HEAD", "--", *paths) if paths else ""
        in_base = set(listed.splitlines())
        if in_base:
            git(work, "checkout", "HEAD", "--", *sorted(in_base))
        for path in set(paths) - in_base:
            (work / path).unlink(missing_ok=True)
        git(work, "apply", "--binary", "--whitespace=nowarn", "-", input_text=instance.test_patch)
        run = sandbox.run(RunRequest(work, instr.command, limits, instance.setup_command, env=instr.env))
    results = read_results(instr, run)
    if results is None:
        return Score(False, error=f"no per-test results from the hidden tests (exit {run.exit_code})")
    outcomes = {t.id: t.outcome for t in results.tests}
    wanted = (*instance.FAIL_TO_PASS, *instance.PASS_TO_PASS)
    failed = tuple(t for t in wanted if outcomes.get(t) is not TestOutcome.PASSED)
    return Score(not failed, failed)


@contextlib.contextmanager
def _worktree(repo: Path, commit: str) -> Iterator[Path]:
    scratch = Path(tempfile.mkdtemp(prefix="architect-swe-"))
    try:
        add_worktree(repo, scratch / "work", commit)
        yield scratch / "work"
    finally:
        remove_worktree(repo, scratch / "work")
        shutil.rmtree(scratch, ignore_errors=True)


def run_instance(
    instance: SweInstance,
    repo: Path,
    pair: str,
    settings: Settings,
    models: Models,
    sandbox: Sandbox,
    info: RunInfo | None = None,
) -> CaseResult:
    started = time.monotonic()
    title, _, body = instance.problem_statement.strip().partition("\n")
    task = Task(
        repo=repo,
        base_ref=instance.base_commit,
        issue=Issue(title=title, body=body.strip()),
        settings=settings,
    )
    outcome = run_pipeline(task, models, sandbox)
    limits = Limits(timeout_s=settings.test_timeout_s)
    verdict = score(repo, instance, outcome.diff, sandbox, limits) if outcome.diff else Score(False)
    # The diff scored is the one of the last try that changed something: a later try without new
    # edits left it as it was, so the case counts as resolved (or not) from that try on.
    tries = max([n for n, t in enumerate(outcome.tries, 1) if t.changed_files or n == 1], default=1)
    fields = case_result_fields(
        pair,
        case_lang(instance),
        instance.instance_id,
        settings,
        outcome,
        time.monotonic() - started,
        info or RunInfo(),
    )
    fields["tests_outcomes"] = [False] * (tries - 1) + [verdict.resolved]
    fields["case_date"] = instance.created_at[:10]
    fields["statement"] = instance.statement
    fields["verdict_agreed"] = (outcome.status is Status.FIXED) == verdict.resolved
    if verdict.error and outcome.status is not Status.MODEL_ERROR:
        fields["error"] = verdict.error
    if outcome.status is Status.MODEL_ERROR:
        fields["status"] = ERROR
    return CaseResult(**fields)
