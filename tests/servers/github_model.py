"""The local GitHub's state: plain dataclasses tests can read and change directly."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JSON = dict[str, Any]
Answer = tuple[int, Any]
REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")
TIMESTAMP = "2026-11-23T12:00:00Z"
ROLES = ("none", "read", "triage", "write", "maintain", "admin")
LEGACY_PERMISSION = {
    "admin": "admin",
    "maintain": "write",
    "write": "write",
    "triage": "read",
    "read": "read",
    "none": "none",
}
DOCS = "https://docs.github.com/rest"


def now_timestamp() -> str:
    """GitHub's timestamp format, to the second, in UTC."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # "User" | "Bot" | "Organization"


@dataclass
class Reaction:
    id: int
    user: str
    content: str


@dataclass
class Comment:
    id: int
    issue_number: int
    user: str
    body: str
    # real times, so the repository-wide list can filter on ``since``
    created_at: str = field(default_factory=now_timestamp)
    updated_at: str = field(default_factory=now_timestamp)
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class ReviewComment:
    id: int
    pull_number: int
    user: str
    body: str
    path: str
    line: int | None
    commit_id: str
    in_reply_to_id: int | None = None
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class Pull:
    head: str
    base: str
    draft: bool
    requested_reviewers: list[str] = field(default_factory=list)
    review_comments: list[ReviewComment] = field(default_factory=list)
    merged: bool = False
    merge_commit_sha: str | None = None


@dataclass
class Issue:
    id: int
    number: int
    title: str
    body: str | None
    user: str
    state: str = "open"
    locked: bool = False
    labels: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)
    pull: Pull | None = None
    created_at: str = TIMESTAMP
    updated_at: str = TIMESTAMP
    closed_at: str | None = None


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str = ""


@dataclass
class Token:
    login: str
    permissions: dict[str, str] | None = None  # None: a personal token allowed everything

    def allows(self, scope: str, level: str) -> bool:
        if self.permissions is None or scope == "metadata":
            return True
        held = self.permissions.get(scope, self.permissions.get(scope.replace("_", "-"), "none"))
        return held == "write" or (held == "read" and level == "read")


@dataclass
class WorkflowJob:
    id: int
    name: str
    conclusion: str  # "success", "failure", ...
    failed_step: str | None = None  # the step that failed, when one did
    log: str = ""  # the job's whole log, as GitHub's log download gives it


@dataclass
class WorkflowRunInfo:
    """A completed workflow run as the runs listing reports it (its jobs live in ``Repo.runs``)."""

    workflow_id: int
    name: str
    branch: str
    sha: str
    conclusion: str
    event: str = "pull_request"
    path: str = ".github/workflows/ci.yml"


@dataclass
class CheckRecord:
    """A completed check run of another CI App, in a check suite, with the output it reported."""

    id: int
    suite_id: int
    app_id: int
    sha: str
    name: str
    conclusion: str
    title: str = ""
    summary: str = ""
    text: str = ""
    annotations: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, message)


@dataclass
class Repo:
    full_name: str
    id: int
    owner: str
    bare: Path
    private: bool = False
    default_branch: str = "main"
    issues: dict[int, Issue] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)
    collaborators: dict[str, str] = field(default_factory=dict)
    # The names of the check runs a CI makes for every commit pushed to a branch other than the
    # default one (a repository whose CI runs on pull requests, started by an App's push); empty: none.
    checks_on_push: list[str] = field(default_factory=list)
    # workflow run id -> its jobs, as the Actions API reports them after the run completed
    runs: dict[int, list[WorkflowJob]] = field(default_factory=dict)
    run_info: dict[int, WorkflowRunInfo] = field(default_factory=dict)
    check_records: list[CheckRecord] = field(default_factory=list)

    def git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["git", "--git-dir", str(self.bare), *args], capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {done.stderr}")
        return done.stdout.strip() if done.returncode == 0 else ""

    def ref_sha(self, ref: str) -> str | None:
        return self.git("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False) or None

    def pulls(self) -> list[Issue]:
        return [issue for issue in self.issues.values() if issue.pull is not None]


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it: JSON bodies kept (REST only), credentials never."""

    method: str
    path: str
    status: int
    request: Any = None
    response: Any = None


@dataclass
class Fault:
    kind: str  # "fail" | "secondary" | "primary" | "429" | "slow" | "drop"
    target: str  # "api" | "git" | "any"
    status: int = 502
    seconds: float = 0.0
    field: str = ""  # "drop": the JSON field left out of the next successful answer


class HttpError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[JSON] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: JSON = {"message": message, "documentation_url": DOCS, "status": str(status)}
        if errors:
            self.body["errors"] = errors
        self.headers = headers or {}
