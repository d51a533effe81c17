"""The forge port: what the pipeline needs from a code host, in domain terms only.

Adapters: ``bot.forge.github.GitHubForge`` (PyGithub + git over HTTPS). Every method raises a
``bot.errors.ForgeError`` subclass (see ``bot.forge.errors``) whose message says what to do.
Re-running any write is safe: branches, pull requests and the status comment are found again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from bot.forge.types import (
    Comment,
    FailedJob,
    ForgeIssue,
    Permission,
    PullRequest,
    ReactionContent,
    ReactionTarget,
    ReviewComment,
    WorkflowRun,
)


class Forge(Protocol):
    @property
    def repo_full_name(self) -> str: ...

    def default_branch(self) -> str: ...

    def get_issue(self, number: int) -> ForgeIssue:
        """The issue (or pull request seen as an issue) with all its comments, bots flagged."""
        ...

    def comments_since(self, since: datetime) -> tuple[Comment, ...]:
        """Comments on every issue and pull request of the repository edited or posted at or after
        ``since`` (an aware datetime), with ``is_self`` and ``issue_number`` filled in."""
        ...

    def permission_of(self, user: str) -> Permission:
        """The user's role on the repository; "none" for strangers to a private repo or unknown users."""
        ...

    def post_comment(self, issue_number: int, body: str) -> int:
        """A new comment; returns its id."""
        ...

    def upsert_status_comment(self, issue_number: int, marker: str, body: str) -> int:
        """Create or edit in place the bot's one comment carrying ``<!-- marker -->``; returns its id."""
        ...

    def add_reaction(self, target: ReactionTarget, content: ReactionContent) -> None: ...

    def find_open_pr(self, branch: str) -> PullRequest | None: ...

    def open_or_update_pr(
        self,
        branch: str,
        base: str,
        title: str,
        body: str,
        draft: bool,
        labels: Sequence[str] = (),
        stale_labels: Sequence[str] = (),
    ) -> PullRequest:
        """Reuse the open pull request of ``branch`` (title, body, draft, labels brought up to date);
        ``stale_labels`` it carries are removed (a status label from an earlier run)."""
        ...

    def get_pull(self, number: int) -> PullRequest: ...

    def request_review(self, pr_number: int, user: str) -> bool:
        """Ask ``user`` for a review; False (and a log line) when GitHub refuses, e.g. the PR's author."""
        ...

    def review_comments(self, pr_number: int) -> tuple[ReviewComment, ...]: ...

    def reply_to_review_comment(self, pr_number: int, comment_id: int, body: str) -> int: ...

    def push_branch(
        self, workdir: Path, branch: str, *, force_with_lease: bool, expected_sha: str | None = None
    ) -> str:
        """Push HEAD of ``workdir`` to ``branch``; returns the pushed commit sha.

        ``force_with_lease=True`` replaces the branch (a fresh fix) unless it moved away from
        ``expected_sha`` (the head this run saw, e.g. ``find_open_pr(branch).head_sha``; "" for "must
        not exist"; None for "where it is right now"). ``False`` only fast-forwards (a revision).
        """
        ...

    def failed_jobs(self, run_id: int) -> tuple[FailedJob, ...]:
        """The failed jobs of a completed workflow run, each with the tail of its log."""
        ...

    def latest_run(self, workflow: int | str, branch: str) -> WorkflowRun | None:
        """The newest completed run of the workflow (its id or file name) on ``branch``; None when it
        never ran there."""
        ...

    def failed_checks(self, suite_id: int) -> tuple[FailedJob, ...]:
        """The failed check runs of a completed check suite (another CI App's), each with its output."""
        ...

    def failing_checks(self, ref: str, app_id: int) -> tuple[str, ...]:
        """The names of the App's completed check runs that failed on ``ref`` (a branch or a commit)."""
        ...

    def check_runs(self, sha: str) -> int | None:
        """How many check runs GitHub has for the commit (any status); None when the token may not
        read them (the workflow lacks `checks: read`)."""
        ...

    def fetch_branch(self, workdir: Path, branch: str) -> str | None:
        """Fetch ``branch`` into ``workdir`` as ``refs/remotes/origin/<branch>``; its sha, None if absent."""
        ...
