"""The CI follow-up's reading half in the Action: a failed run on the bot's pull request, compared
with the base branch and with the rounds already pushed, becomes a decision and, to go on, the work
for one more revision (bot/ci_followup.py decides; this module asks GitHub and git).

Nobody types this command, so no permission gate applies: the run is on a branch of this repository
(a fork's run is ignored in routing) of a pull request the bot opened, checked through the API, and
only its newest commit counts. Pushing to such a branch already takes write access.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bot.action.preflight import BotPull
from bot.ci_followup import (
    Decision,
    Failure,
    Round,
    changed_lines,
    decide,
    is_local,
    mentioned_lines,
    mentioned_paths,
    protected_of,
    report,
    rounds_since,
    section,
    split_failures,
    trailers,
)
from bot.config import Settings
from bot.errors import UsageError
from bot.events import CiRun
from bot.forge.base import Forge
from bot.forge.types import FAILED_CONCLUSIONS, FailedJob
from bot.gitutil import git, merge_base


@dataclass(frozen=True)
class CiWork:
    """One round's revision: what the models are told, who goes first, how the commit is marked."""

    report: str  # untrusted: the failing jobs' log ends, redacted
    editor_first: bool  # the failure is in the lines the pull request changed
    trailers: tuple[str, ...]
    note: str  # the status comment's CI line
    rounds: tuple[Round, ...] = ()  # the rounds before this one
    round: Round | None = None  # this one, without its commit yet

    def summary(self, commit: str | None) -> str:
        """The status comment's CI part: this round's line, then every round, this one with its commit."""
        if not commit or self.round is None:
            return self.note
        return self.note + "\n\n" + section((*self.rounds, replace(self.round, commit=commit)))


@dataclass(frozen=True)
class Assessment:
    failure: Failure
    decision: Decision
    done: tuple[Round, ...]
    work: CiWork | None  # None: stop


def _failed(forge: Forge, run: CiRun) -> tuple[FailedJob, ...]:
    if run.kind == "check_suite":
        return forge.failed_checks(run.run_id)
    return forge.failed_jobs(run.run_id)


def _base_failures(forge: Forge, run: CiRun, base_branch: str) -> tuple[tuple[str, ...], str]:
    """The names of the jobs that fail in the workflow's latest completed run on the base branch
    (for another CI App: its checks on the base branch's head), and where to see them; nothing when
    they passed or never ran there."""
    if run.kind == "check_suite":
        return forge.failing_checks(base_branch, run.workflow_id), ""
    latest = forge.latest_run(run.workflow_ref, base_branch)
    if latest is None or latest.conclusion not in FAILED_CONCLUSIONS:
        return (), ""
    return tuple(job.name for job in forge.failed_jobs(latest.id)), latest.url


def assess(
    forge: Forge,
    workspace: Path,
    trusted: tuple[str, str],
    pull: BotPull,
    run: CiRun,
    settings: Settings,
) -> Assessment:
    base_branch, base_commit = trusted
    failed = _failed(forge, run)
    failing_on_base, base_url = _base_failures(forge, run, base_branch)
    new, old = split_failures(failed, failing_on_base)
    failure = Failure(run.run_id, run.workflow, run.url, new, old, base_url)
    head = forge.fetch_branch(workspace, pull.branch)
    if head is None:
        raise UsageError(f"the pull request's branch {pull.branch} is gone: nothing to follow up")
    fork_point = merge_base(workspace, base_commit, head) or base_commit
    done = rounds_since(workspace, fork_point, head)
    tracked = git(workspace, "ls-tree", "-r", "--name-only", head).splitlines()
    places = mentioned_lines(new, tracked)
    paths = mentioned_paths(places)
    protected = protected_of(paths, settings.protected_paths)
    decision = decide(failure, done, settings.ci_fix_rounds, protected)
    if not decision.go:
        return Assessment(failure, decision, done, None)
    diff = git(workspace, "diff", "-U0", "--no-color", "--no-ext-diff", fork_point, head, strip=False)
    local = is_local(places, changed_lines(diff))
    jobs = ", ".join(f"`{job.name}`" for job in new)
    where = f"run {run.run_id} of `{run.workflow}`" if run.kind == "workflow_run" else f"`{run.workflow}`"
    note = (
        f"CI round {decision.round} of {settings.ci_fix_rounds}: {jobs} failed in {where} ({run.url}); "
        + (
            "the editor worked from the log (the failure is in lines this pull request changed)."
            if local
            else "the architect planned the fix (the failure reaches beyond this pull request's lines)."
        )
        + " The sandbox's test results are above; whether CI passes now, its next run says."
    )
    if old:
        note += " Also failing on the base branch, left alone: " + ", ".join(f"`{j.name}`" for j in old) + "."
    this = Round(decision.round, failure.fingerprint, failure.new_jobs)
    work = CiWork(report(failure, paths), local, trailers(decision.round, failure), note, done, this)
    return Assessment(failure, decision, done, work)
