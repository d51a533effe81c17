"""The CI follow-up's decisions, as pure functions: what failed, whether it is new, whether to try
again, and what to tell the model and the people.

A round is one fix commit the bot pushed for a failed CI run. Each such commit carries trailers
(``Architect-Bot-CI-Round``, ``Architect-Bot-CI-Failure``, ``Architect-Bot-CI-Jobs``): the branch's
history is the follow-up's memory, so a re-run, a second runner or a lost cache counts the same
rounds. The failure's fingerprint leaves out what changes between two runs of the same failure
(numbers, hashes, durations), so "the same failure twice" is caught after a fix that did nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from unidiff.patch import PatchSet

from bot.edits.paths import matches_any
from bot.forge.types import FailedJob
from bot.gitutil import messages_since
from bot.secrets import redact
from bot.untrusted import code_block

ROUND_KEY = "Architect-Bot-CI-Round"
FAILURE_KEY = "Architect-Bot-CI-Failure"
JOBS_KEY = "Architect-Bot-CI-Jobs"
SIGNATURE_LINES = 20  # the end of a log that names the failure; earlier lines are progress
REPORT_CHARS = 12_000  # all failing jobs' tails together, as the model sees them

StopReason = Literal["pre-existing", "same-failure", "rounds", "protected", "no-logs"]


@dataclass(frozen=True)
class Round:
    """A fix the bot pushed for a failed CI run, as its commit's trailers tell it."""

    number: int
    fingerprint: str
    jobs: str
    commit: str = ""


@dataclass(frozen=True)
class Failure:
    """A failed CI run on the bot's pull request, split by what the base branch says."""

    run_id: int
    workflow: str
    url: str
    new: tuple[FailedJob, ...]  # failing here, passing (or absent) on the base branch
    pre_existing: tuple[FailedJob, ...]  # failing on the base branch's latest run as well
    base_run_url: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.new)

    @property
    def new_jobs(self) -> str:
        """The new failures' job names, as the round's trailer and the CI section name them."""
        return ", ".join(job.name for job in self.new)


@dataclass(frozen=True)
class Decision:
    go: bool
    reason: StopReason | None = None
    detail: str = ""  # what the status comment says about the stop
    round: int = 0  # the round this fix would be, when go


_NUMBERS = re.compile(r"\b[0-9a-f]{7,40}\b|\d+(?:\.\d+)?")


def _signature(job: FailedJob) -> str:
    lines = [line.strip() for line in job.log_tail.splitlines() if line.strip()]
    tail = "\n".join(lines[-SIGNATURE_LINES:]).casefold()
    return f"{job.name}\n{job.step or ''}\n{_NUMBERS.sub('#', tail)}"


def fingerprint(jobs: Iterable[FailedJob]) -> str:
    """The same for two runs that fail the same jobs, at the same steps, with the same last lines up
    to numbers (durations, line numbers, ids)."""
    joined = "\n\x00\n".join(sorted(_signature(job) for job in jobs))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def split_failures(
    failed: Sequence[FailedJob], failing_on_base: Iterable[str]
) -> tuple[tuple[FailedJob, ...], tuple[FailedJob, ...]]:
    """(new, pre-existing): a job is pre-existing when a job of that name fails on the base branch."""
    base = {name.casefold() for name in failing_on_base}
    new = tuple(job for job in failed if job.name.casefold() not in base)
    old = tuple(job for job in failed if job.name.casefold() in base)
    return new, old


def trailers(round_number: int, failure: Failure) -> tuple[str, ...]:
    return (
        f"{ROUND_KEY}: {round_number}",
        f"{FAILURE_KEY}: {failure.fingerprint} run {failure.run_id}",
        f"{JOBS_KEY}: {_one_line(failure.new_jobs)}",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def parse_rounds(commits: Sequence[tuple[str, str]]) -> tuple[Round, ...]:
    """The rounds in ``(sha, message)`` commits, oldest first; commits without the trailers are skipped.

    Only a message's last paragraph is read, where the bot writes its trailers: the rest quotes the
    plan, a model's words, which must not be able to add or spend rounds."""
    found = []
    for sha, message in commits:
        values: dict[str, str] = {}
        last = message.strip().split("\n\n")[-1]
        for line in last.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() in (ROUND_KEY, FAILURE_KEY, JOBS_KEY):
                values[key.strip()] = value.strip()
        number = values.get(ROUND_KEY, "")
        if not number.isdigit():
            continue
        mark = values.get(FAILURE_KEY, "").split(" ", 1)[0]
        found.append(Round(int(number), mark, values.get(JOBS_KEY, ""), sha))
    return tuple(found)


def rounds_since(repo: Path, since: str, until: str = "HEAD") -> tuple[Round, ...]:
    """The CI rounds among the commits ``since..until`` of ``repo``."""
    return parse_rounds(messages_since(repo, since, until))


def decide(
    failure: Failure,
    done: Sequence[Round],
    limit: int,
    mentioned_protected: Sequence[str] = (),
) -> Decision:
    """Whether to try a fix for ``failure`` after the rounds ``done``, with ``limit`` rounds allowed."""
    if not failure.new and failure.pre_existing:
        names = ", ".join(f"`{job.name}`" for job in failure.pre_existing)
        where = f" ({failure.base_run_url})" if failure.base_run_url else ""
        return Decision(
            False,
            "pre-existing",
            f"{names} fail{'s' if len(failure.pre_existing) == 1 else ''} on the base branch too{where}: "
            "a pre-existing failure, not caused by this pull request; not retried.",
        )
    if not failure.new:
        return Decision(False, "no-logs", "the run failed, but no failed job could be read.")
    if done and done[-1].fingerprint == failure.fingerprint:
        return Decision(
            False,
            "same-failure",
            f"the same failure came back after round {done[-1].number} ({done[-1].commit[:12]}): "
            "a person should look at it.",
        )
    if len(done) >= limit:
        return Decision(
            False,
            "rounds",
            f"{len(done)} of {limit} rounds are used (`ci-fix-rounds`); the failure is left for a person.",
        )
    if mentioned_protected:
        names = ", ".join(f"`{path}`" for path in mentioned_protected)
        return Decision(
            False,
            "protected",
            f"the failure points at {names}, a protected path the bot does not edit.",
        )
    return Decision(True, round=len(done) + 1)


# "path/to/file.py:12", 'File "path/to/file.py", line 12', "path/to/file.py(12)"
_PATH = re.compile(r"""(?:File ")?((?:[\w.-]+/)*[\w.-]+\.[A-Za-z0-9]+)(?:", line (\d+)|:(\d+)|\((\d+)\))""")
NEAR_LINES = 3  # a failure this close to a changed line is the change's own


def mentioned_lines(jobs: Iterable[FailedJob], tracked: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """(file, line) of every place in the repository the failing logs point at (absolute runner
    paths are cut down to the repository-relative part)."""
    files = set(tracked)
    found: dict[tuple[str, int], None] = {}
    for job in jobs:
        for match in _PATH.finditer(job.log_tail):
            parts = [part for part in match.group(1).split("/") if part not in ("", ".")]
            line = int(next(group for group in match.groups()[1:] if group))
            for start in range(len(parts)):  # /home/runner/work/repo/repo/src/x.py -> src/x.py
                candidate = "/".join(parts[start:])
                if candidate in files:
                    found[(candidate, line)] = None
                    break
    return tuple(found)


def mentioned_paths(places: Iterable[tuple[str, int]]) -> tuple[str, ...]:
    """The files of ``places`` (from ``mentioned_lines``), each once, in order."""
    return tuple(dict.fromkeys(path for path, _ in places))


def protected_of(paths: Iterable[str], globs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(path for path in paths if matches_any(path, globs))


def changed_lines(diff: str) -> dict[str, set[int]]:
    """File -> the lines a zero-context diff (``git diff -U0``) added or changed, as they are after it;
    a pure deletion counts the line before it."""
    found: dict[str, set[int]] = {}
    for patched in PatchSet(diff):
        lines = found.setdefault(patched.path, set())
        for hunk in patched:
            lines.update(range(hunk.target_start, hunk.target_start + max(1, hunk.target_length)))
    return found


def is_local(places: Sequence[tuple[str, int]], changed: Mapping[str, set[int]]) -> bool:
    """Whether every place the failure points at is within a few lines of a line the pull request
    changed: the editor can fix it from the failure alone; otherwise (or when it points nowhere) the
    architect plans."""

    def near(path: str, line: int) -> bool:
        return any(abs(line - other) <= NEAR_LINES for other in changed.get(path, ()))

    return bool(places) and all(near(path, line) for path, line in places)


def report(failure: Failure, paths: Sequence[str] = ()) -> str:
    """The failing jobs for a model: names and steps, the files the logs point at, then each log's
    end. Redacted here, fenced as untrusted text by whoever puts it in a prompt."""
    parts = [f"CI workflow `{failure.workflow}` failed (run {failure.run_id})."]
    if paths:
        parts.append("The failure points at: " + ", ".join(f"`{path}`" for path in paths) + ".")
    budget = REPORT_CHARS // max(1, len(failure.new))
    for job in failure.new:
        step = f", step `{job.step}`" if job.step else ""
        parts.append(f"Job `{job.name}`{step}; the end of its log:\n{job.log_tail[-budget:]}")
    if failure.pre_existing:
        names = ", ".join(f"`{job.name}`" for job in failure.pre_existing)
        parts.append(f"Also failing on the base branch (not this change's doing; leave them): {names}.")
    return redact("\n\n".join(parts))


SECTION_START = "<!-- architect-bot:ci -->"
SECTION_END = "<!-- /architect-bot:ci -->"


def section(rounds: Sequence[Round], stop: str = "") -> str:
    """The pull request's "CI" section: one line per round, then why the follow-up stopped."""
    if not rounds and not stop:
        return ""
    lines = [SECTION_START, "### CI", ""]
    for item in rounds:
        jobs = f" (`{item.jobs}`)" if item.jobs else ""
        lines.append(f"- Round {item.number}: CI failed{jobs}; fix {item.commit[:12]} pushed.")
    if stop:
        lines.append(f"- Stopped: {stop}")
    lines.append(SECTION_END)
    return "\n".join(lines)


def with_section(body: str, text: str) -> str:
    """``body`` with its CI section replaced by ``text`` (added at the end when it has none)."""
    start, end = body.find(SECTION_START), body.find(SECTION_END)
    if start != -1 and end > start:
        body = (body[:start].rstrip() + "\n\n" + body[end + len(SECTION_END) :].lstrip()).strip()
    return f"{body.rstrip()}\n\n{text}\n" if text else body


def stop_comment(failure: Failure, decision: Decision) -> str:
    lines = [f"🔁 CI follow-up on run {failure.run_id} of `{failure.workflow}` ({failure.url}): stopped."]
    lines.append(decision.detail)
    if failure.new:
        lines.append("Failing jobs:\n" + code_block(", ".join(job.name for job in failure.new)))
    return "\n\n".join(lines)
