"""Task: what the pipeline is asked to do, read from an issue file, issue text, or (later) GitHub."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Settings
from bot.errors import UsageError
from bot.untrusted import clean

MAX_ISSUE_CHARS = 60_000  # about 15k tokens: an issue longer than this is cut, and the cut is said


@dataclass(frozen=True)
class Issue:
    title: str
    body: str
    number: int | None = None
    comments: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Title, body and comments as the models read them; every path to a prompt goes through here, so
        this is where a too-long thread is cut (and the cut is said)."""
        parts = [f"# {self.title}", self.body, *(f"Comment:\n{c}" for c in self.comments)]
        text = "\n\n".join(p for p in parts if p.strip())
        if len(text) <= MAX_ISSUE_CHARS:
            return text
        cut = len(text) - MAX_ISSUE_CHARS
        note = f"[architect-bot: the issue was {cut} characters longer; the rest was cut]"
        return f"{text[:MAX_ISSUE_CHARS]}\n\n{note}"


@dataclass(frozen=True)
class Task:
    repo: Path
    base_ref: str
    issue: Issue
    settings: Settings
    instructions: str = ""  # extra words from whoever triggered the run (e.g. `/architect fix <...>`)
    editable: frozenset[str] | None = None  # when set, only these files may change (benchmarks)
    plan: str | None = None  # a plan given by a human (`/architect go`): the architect step is skipped
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The commit the tests are compared with (None: base_ref). A revision of a pull request edits its
    # branch but compares with the pull request's base, so the change as a whole must show the fix.
    baseline_ref: str | None = None
    # The commit settings and instruction files come from (None: base_ref): the default branch in the
    # Action, also when a revision edits a pull request's branch.
    trusted_ref: str | None = None
    # The failing jobs of the repository's CI on the pull request (bot/ci_followup.py), untrusted
    # text; with ``editor_first`` the failure is in the PR's own lines and the editor fixes it unplanned.
    ci_report: str = ""
    editor_first: bool = False


_NUMBER = re.compile(r"^(?:issue[-_ ]?)?#?(\d+)\b", re.I)


def issue_from_markdown(text: str, number: int | None = None) -> Issue:
    """First `# ` heading (or first line) is the title; the rest is the body."""
    text = clean(text)
    if not text:
        raise UsageError("the issue is empty: give it a title and a description of the problem")
    lines = text.splitlines()
    first = lines[0].lstrip("#").strip()
    body = "\n".join(lines[1:]).strip()
    if number is None and (m := _NUMBER.match(first)):
        number = int(m.group(1))
        first = first[m.end() :].lstrip(" :-").strip() or first
    return Issue(title=first[:200] or "Untitled issue", body=body, number=number)


def slugify(text: str, max_len: int = 40) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "fix"


BRANCH_PREFIX = "architect/"


def branch_name(issue: Issue, *, with_title: bool = True) -> str:
    """The bot's branch for ``issue``. The Action leaves the title out (``with_title=False``): an issue
    renamed between two runs must land on the same branch and pull request."""
    if issue.number is not None:
        slug = f"-{slugify(issue.title)}" if with_title else ""
        return f"{BRANCH_PREFIX}issue-{issue.number}{slug}"
    return f"{BRANCH_PREFIX}{slugify(issue.title)}"
