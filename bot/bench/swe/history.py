"""Candidate fixes from a repository's history: first-parent commits that change source and tests.

A merge of a pull request counts as one change (its diff against the first parent), so the
history reads as the main branch saw it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.bench.swe.layout import is_test_path
from bot.gitutil import git

_RECORD = "\x1e"
_FIELD = "\x1f"
# Changes to these never make a fix on their own (release notes, docs, CI, packaging metadata).
_NOT_SOURCE = re.compile(r"(^|/)(docs?|\.github)/|\.(rst|md|txt|cfg|toml|ini|ya?ml|in)$|(^|/)LICENSE")


@dataclass(frozen=True)
class Candidate:
    commit: str
    parent: str
    date: str  # ISO 8601, the author date
    message: str
    source_files: tuple[str, ...]
    test_files: tuple[str, ...]
    other_files: tuple[str, ...]  # changed but neither source nor test (docs, changelog, CI)

    @property
    def subject(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""


@dataclass(frozen=True)
class Skip:
    commit: str
    reason: str


def scan(repo: Path, *, rev: str = "HEAD", since: str | None = None) -> tuple[list[Candidate], list[Skip]]:
    """Every first-parent commit of ``rev`` (newest first) as a candidate or a skip with its reason."""
    args = ["log", "--first-parent", "-m", "--no-renames", "--name-only", "-z"]
    args.append(f"--format={_RECORD}%H{_FIELD}%P{_FIELD}%aI{_FIELD}%B{_FIELD}")
    if since:
        args.append(f"--since={since}")
    out = git(repo, *args, rev, strip=False)
    candidates: list[Candidate] = []
    skips: list[Skip] = []
    for record in out.split(_RECORD)[1:]:
        commit, parents, date, message, names = record.split(_FIELD, 4)
        files = [n.strip("\n") for n in names.split("\0") if n.strip("\n")]
        parent = parents.split()[0] if parents.split() else ""
        if not parent:
            skips.append(Skip(commit, "the first commit: nothing to compare with"))
            continue
        tests = tuple(f for f in files if is_test_path(f))
        rest = [f for f in files if not is_test_path(f)]
        source = tuple(f for f in rest if not _NOT_SOURCE.search(f))
        other = tuple(f for f in rest if _NOT_SOURCE.search(f))
        if not tests or not source:
            what = "tests" if not tests else "source files"
            skips.append(Skip(commit, f"changes no {what}"))
            continue
        candidates.append(Candidate(commit, parent, date, message.strip(), source, tests, other))
    return candidates, skips


def split_patch(repo: Path, candidate: Candidate) -> tuple[str, str]:
    """(patch, test_patch): the change to non-test files and the change to test files."""

    def diff(paths: Sequence[str]) -> str:
        return git(repo, "diff", "--no-color", "--no-renames", "--binary", candidate.parent, candidate.commit,
                   "--", *paths, strip=False)  # fmt: skip

    return diff([*candidate.source_files, *candidate.other_files]), diff(candidate.test_files)


def version_at(repo: Path, commit: str) -> str:
    """The nearest tag before ``commit`` (SWE-bench's ``version``), or "" in an untagged history."""
    return git(repo, "describe", "--tags", "--abbrev=0", commit, check=False)
