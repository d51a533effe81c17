"""Domain values the forge port speaks in: issues, comments, pull requests. No URLs of APIs here.

``url`` fields are the human links (a pull request's page), never API endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Permission = Literal["admin", "maintain", "write", "triage", "read", "none"]
PERMISSION_ORDER: tuple[Permission, ...] = ("none", "read", "triage", "write", "maintain", "admin")

ReactionContent = Literal["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]


def permission_at_least(held: Permission, needed: Permission) -> bool:
    """True when ``held`` grants at least what ``needed`` does."""
    return PERMISSION_ORDER.index(held) >= PERMISSION_ORDER.index(needed)


@dataclass(frozen=True)
class Comment:
    id: int
    author: str
    body: str
    is_bot: bool
    is_self: bool = False  # written by the identity the bot's token acts as
    issue_number: int = 0  # the issue or pull request it is on (0: not known)


@dataclass(frozen=True)
class ForgeIssue:
    number: int
    title: str
    body: str
    author: str
    state: Literal["open", "closed"]
    locked: bool
    labels: tuple[str, ...]
    comments: tuple[Comment, ...]
    is_pull_request: bool
    url: str = ""

    def human_comments(self) -> tuple[Comment, ...]:
        """The comments written by people, the bot's own and other bots' left out."""
        return tuple(comment for comment in self.comments if not comment.is_bot)


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str
    branch: str
    draft: bool
    base: str = ""
    title: str = ""
    body: str = ""
    state: Literal["open", "closed"] = "open"
    author: str = ""
    head_sha: str = ""
    labels: tuple[str, ...] = field(default=())
    head_repo: str = ""  # owner/name the head branch lives in: differs from the base repo for forks


@dataclass(frozen=True)
class ReviewComment:
    id: int
    author: str
    body: str
    path: str
    line: int | None
    is_bot: bool
    in_reply_to: int | None = None


@dataclass(frozen=True)
class ReactionTarget:
    """What a reaction goes on: the issue (or PR) itself, one of its comments, or a review comment."""

    issue_number: int
    kind: Literal["issue", "comment", "review_comment"] = "issue"
    comment_id: int | None = None

    @classmethod
    def issue(cls, number: int) -> ReactionTarget:
        return cls(number)

    @classmethod
    def comment(cls, issue_number: int, comment_id: int) -> ReactionTarget:
        return cls(issue_number, "comment", comment_id)

    @classmethod
    def review_comment(cls, pull_number: int, comment_id: int) -> ReactionTarget:
        return cls(pull_number, "review_comment", comment_id)


# The conclusions of a CI run or check that count as failed (a cancelled or skipped one does not).
FAILED_CONCLUSIONS = frozenset({"failure", "timed_out"})


@dataclass(frozen=True)
class FailedJob:
    """A job of a workflow run that failed: its name, the step that failed, and its log's end."""

    name: str
    step: str | None
    log_tail: str  # the last lines, timestamps and terminal escapes removed (untrusted text)


@dataclass(frozen=True)
class WorkflowRun:
    """A completed run of a workflow, as the Actions API lists it."""

    id: int
    conclusion: str  # "success", "failure", ...
    head_sha: str
    url: str = ""
