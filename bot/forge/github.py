"""The GitHub forge: PyGithub for the REST API, git over HTTPS for branches.

Only the entry point builds one (``GitHubForge(repo, token, api_url=...)``); everything else takes
the ``Forge`` port. PyGithub's own retries are off: ``bot.forge.retry`` is the only retry policy.
Every text it writes (comments, the status comment, review replies, a PR's title and body) has known
secrets masked here, on the way out; commit messages are masked where commits are made (``bot.gitutil``).
"""

from __future__ import annotations

import logging
import urllib.request
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from github import Auth, Github
from github.Issue import Issue as GhIssue
from github.IssueComment import IssueComment
from github.NamedUser import NamedUser
from github.Organization import Organization
from github.PullRequest import PullRequest as GhPull
from github.PullRequestComment import PullRequestComment
from github.Repository import Repository

from bot.errors import ForgeError
from bot.forge.errors import ForgeConflict, ForgeNotFound, ForgePermissionError
from bot.forge.git_remote import GitRemote
from bot.forge.job_logs import log_tail
from bot.forge.retry import ForgeRetryPolicy, call_github
from bot.forge.types import (
    FAILED_CONCLUSIONS,
    PERMISSION_ORDER,
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
from bot.run_options import ACTIONS_BOT
from bot.secrets import redact

log = logging.getLogger(__name__)
T = TypeVar("T")
ISSUES_READ, ISSUES_WRITE = "issues: read", "issues: write"
PULLS_READ, PULLS_WRITE = "pull-requests: read", "pull-requests: write"
CONTENTS_READ = "contents: read"
CHECKS_READ = "checks: read"
ACTIONS_READ = "actions: read"
LOG_END_BYTES = 1_000_000  # a job's log can be huge; only its end is read on


def status_marker(marker: str) -> str:
    """The hidden HTML comment that finds the status comment again."""
    return f"<!-- {marker} -->"


class GitHubForge:
    def __init__(
        self,
        repo_full_name: str,
        token: str,
        *,
        api_url: str = "https://api.github.com",
        bot_login: str | None = None,
        retry: ForgeRetryPolicy | None = None,
        timeout: int = 30,
        seconds_between_requests: float = 0.25,
        seconds_between_writes: float = 1.0,
    ) -> None:
        self._full_name = repo_full_name
        self._token = token
        self._policy = retry or ForgeRetryPolicy()
        self._timeout = timeout
        self._gh = Github(
            base_url=api_url.rstrip("/"),
            auth=Auth.Token(token),
            retry=None,
            timeout=timeout,
            seconds_between_requests=seconds_between_requests or None,
            seconds_between_writes=seconds_between_writes or None,
        )
        self._bot_login = bot_login
        # False while the login is the Actions bot by guess: an App token cannot read /user, and then
        # the author of the first thing the token writes tells who it is (see ``_learn_login``).
        self._login_known = bot_login is not None
        self._repo: Repository | None = None
        self._status_ids: dict[tuple[int, str], int] = {}
        self._permissions: dict[str, Permission] = {}  # per login, for the run: roles rarely change mid-run

    def __repr__(self) -> str:  # the token stays out of reprs and tracebacks
        return f"GitHubForge({self._full_name!r})"

    # -- helpers ---------------------------------------------------------------------------
    def _call(self, what: str, needs: str, fn: Callable[[], T]) -> T:
        return call_github(what, needs, fn, self._policy)

    @property
    def repo_full_name(self) -> str:
        return self._full_name

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            self._repo = self._call(
                f"opening {self._full_name}", CONTENTS_READ, lambda: self._gh.get_repo(self._full_name)
            )
        return self._repo

    @property
    def bot_login(self) -> str:
        """Who the token acts as; an Actions token may not read /user, and then it is the Actions bot."""
        if self._bot_login is None:
            try:
                self._bot_login = self._call(
                    "reading the token's user", "", lambda: self._gh.get_user().login
                )
                self._login_known = True
            except ForgePermissionError:  # 403 "not accessible by integration" for installation tokens
                log.debug("the token cannot read /user; assuming it acts as %s", ACTIONS_BOT)
                self._bot_login = ACTIONS_BOT
        return self._bot_login

    def _learn_login(self, login: object) -> None:
        """The author of something the token just wrote is the token's identity."""
        if not self._login_known and isinstance(login, str) and login:
            if login != self.bot_login:
                log.info("the token acts as %s", login)
            self._bot_login, self._login_known = login, True

    def _is_bot(self, user: NamedUser | Organization | None) -> bool:
        if user is None:
            return True  # a deleted account ("ghost") is nobody to take instructions from
        return user.type == "Bot" or user.login == self.bot_login

    def _remote(self) -> GitRemote:
        return GitRemote(self.repo.clone_url, self._token, self._policy)

    def _issue(self, number: int) -> GhIssue:
        return self._call(f"reading issue #{number}", ISSUES_READ, lambda: self.repo.get_issue(number))

    def _pull(self, number: int) -> GhPull:
        return self._call(f"reading pull request #{number}", PULLS_READ, lambda: self.repo.get_pull(number))

    # -- reading ---------------------------------------------------------------------------
    def default_branch(self) -> str:
        return self.repo.default_branch

    def get_issue(self, number: int) -> ForgeIssue:
        issue = self._issue(number)
        comments = self._call(
            f"reading the comments of #{number}", ISSUES_READ, lambda: list(issue.get_comments())
        )
        return ForgeIssue(
            number=issue.number,
            title=issue.title,
            body=issue.body or "",
            author=issue.user.login if issue.user else "ghost",
            state="closed" if issue.state == "closed" else "open",
            locked=bool(issue.locked),
            labels=tuple(label.name for label in issue.labels),
            comments=tuple(self._comment(c) for c in comments),
            is_pull_request=issue.pull_request is not None,
            url=issue.html_url,
        )

    def comments_since(self, since: datetime) -> tuple[Comment, ...]:
        moment = since.astimezone(UTC)  # PyGithub writes the time as UTC ("...Z") as it is
        comments = self._call(
            f"reading the repository's comments since {moment:%Y-%m-%d %H:%M} UTC",
            ISSUES_READ,
            lambda: list(self.repo.get_issues_comments(since=moment)),
        )
        return tuple(self._comment(c) for c in comments)

    def _comment(self, comment: IssueComment) -> Comment:
        user = comment.user
        number = comment.issue_url.rstrip("/").rsplit("/", 1)[-1] if comment.issue_url else ""
        return Comment(
            comment.id,
            user.login if user else "ghost",
            comment.body or "",
            self._is_bot(user),
            is_self=user is not None and user.login == self.bot_login,
            issue_number=int(number) if number.isdigit() else 0,
        )

    def permission_of(self, user: str) -> Permission:
        key = user.casefold()
        if key not in self._permissions:
            self._permissions[key] = self._ask_permission(user)
        return self._permissions[key]

    def _ask_permission(self, user: str) -> Permission:
        def lookup() -> str:
            # PyGithub's helper returns the legacy field; role_name also knows maintain and triage.
            url = f"{self.repo.url}/collaborators/{user}/permission"
            data: dict[str, Any] = self._gh.requester.requestJsonAndCheck("GET", url)[1]
            return str(data.get("role_name") or data.get("permission") or "none")

        try:
            role = self._call(f"reading the permission of {user}", "", lookup)
        except ForgeNotFound:
            return "none"
        return role if role in PERMISSION_ORDER else "none"

    # -- comments and reactions ------------------------------------------------------------
    def post_comment(self, issue_number: int, body: str) -> int:
        body = redact(body)
        issue = self._issue(issue_number)
        comment = self._call(
            f"commenting on #{issue_number}", ISSUES_WRITE, lambda: issue.create_comment(body)
        )
        self._learn_login(comment.user.login if comment.user else None)
        return comment.id

    def upsert_status_comment(self, issue_number: int, marker: str, body: str) -> int:
        body = redact(body)
        tag = status_marker(marker)
        text = body if tag in body else f"{tag}\n{body}"
        key = (issue_number, marker)
        issue = self._issue(issue_number)
        found: IssueComment | None = None
        cached = self._status_ids.get(key)
        if cached is not None:
            try:
                found = self._call(
                    "reading the status comment", ISSUES_READ, lambda: issue.get_comment(cached)
                )
            except ForgeNotFound:  # deleted meanwhile: look again, or post a new one
                found = None
        if found is None:
            found = self._find_status(issue, tag)
        if found is None:
            created = self._call(
                f"posting the status comment on #{issue_number}",
                ISSUES_WRITE,
                lambda: issue.create_comment(text),
            )
            self._status_ids[key] = created.id
            self._learn_login(created.user.login if created.user else None)
            return created.id
        if found.body != text:
            self._call(
                f"updating the status comment on #{issue_number}", ISSUES_WRITE, lambda: found.edit(text)
            )
        self._status_ids[key] = found.id
        return found.id

    def _find_status(self, issue: GhIssue, tag: str) -> IssueComment | None:
        comments = self._call(
            f"reading the comments of #{issue.number}", ISSUES_READ, lambda: list(issue.get_comments())
        )
        mine = [c for c in comments if tag in (c.body or "") and c.user is not None and self._is_bot(c.user)]
        # Prefer the token's own comment; an edit of another bot's comment would be refused.
        mine.sort(key=lambda c: (c.user.login != self.bot_login, c.id))
        for extra in mine[1:]:
            if extra.user.login == mine[0].user.login:
                self._delete_duplicate(extra)
        return mine[0] if mine else None

    def _delete_duplicate(self, comment: IssueComment) -> None:
        """A retried POST that GitHub had already done leaves a second status comment: drop it."""
        try:
            self._call("deleting a duplicate status comment", ISSUES_WRITE, comment.delete)
            log.info("deleted duplicate status comment %d", comment.id)
        except ForgeError as exc:  # cosmetic: the run goes on with the first one
            log.warning("could not delete duplicate status comment %d: %s", comment.id, exc)

    def add_reaction(self, target: ReactionTarget, content: ReactionContent) -> None:
        base = self.repo.url
        path = {
            "issue": f"{base}/issues/{target.issue_number}/reactions",
            "comment": f"{base}/issues/comments/{target.comment_id}/reactions",
            "review_comment": f"{base}/pulls/comments/{target.comment_id}/reactions",
        }[target.kind]
        needs = PULLS_WRITE if target.kind == "review_comment" else ISSUES_WRITE
        _, reaction = self._call(
            f"reacting {content} on {target.kind} {target.comment_id or target.issue_number}",
            needs,
            lambda: self._gh.requester.requestJsonAndCheck("POST", path, input={"content": content}),
        )
        self._learn_login((reaction.get("user") or {}).get("login") if isinstance(reaction, dict) else None)

    # -- pull requests ---------------------------------------------------------------------
    def _to_pull(self, pull: GhPull, labels: Sequence[str] | None = None) -> PullRequest:
        return PullRequest(
            number=pull.number,
            url=pull.html_url,
            branch=pull.head.ref,
            draft=bool(pull.draft),
            base=pull.base.ref,
            title=pull.title,
            body=pull.body or "",
            state="closed" if pull.state == "closed" else "open",
            author=pull.user.login if pull.user else "ghost",
            head_sha=pull.head.sha,
            labels=tuple(labels if labels is not None else (label.name for label in pull.labels)),
            head_repo=pull.head.repo.full_name if pull.head.repo else "",
        )

    def _find_open(self, branch: str) -> GhPull | None:
        head = f"{self.repo.owner.login}:{branch}"
        pulls = self._call(
            f"looking for an open pull request from {branch}",
            PULLS_READ,
            lambda: list(self.repo.get_pulls(state="open", head=head)),
        )
        return pulls[0] if pulls else None

    def find_open_pr(self, branch: str) -> PullRequest | None:
        pull = self._find_open(branch)
        return self._to_pull(pull) if pull else None

    def get_pull(self, number: int) -> PullRequest:
        return self._to_pull(self._pull(number))

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
        title, body = redact(title), redact(body)
        pull = self._find_open(branch)
        if pull is None:
            try:
                pull = self._call(
                    f"opening a pull request from {branch}",
                    PULLS_WRITE,
                    lambda: self.repo.create_pull(
                        base=base, head=branch, title=title, body=body, draft=draft
                    ),
                )
                log.info("opened pull request #%d from %s", pull.number, branch)
            except ForgeConflict:
                pull = self._find_open(branch)  # a parallel run opened it first
                if pull is None:
                    raise
        self._bring_up_to_date(pull, base, title, body, draft)
        have = [label.name for label in pull.labels]
        missing = [name for name in labels if name not in have]
        if missing:
            # The object form GitHub recommends (PyGithub sends a bare list).
            url, labels_body = f"{pull.issue_url}/labels", {"labels": missing}
            self._call(
                f"labelling pull request #{pull.number}",
                ISSUES_WRITE,
                lambda: self._gh.requester.requestJsonAndCheck("POST", url, input=labels_body),
            )
        stale = [name for name in stale_labels if name in have and name not in labels]
        for name in stale:
            self._call(
                f"removing label {name} from pull request #{pull.number}",
                ISSUES_WRITE,
                lambda name=name: pull.remove_from_labels(name),  # type: ignore[misc]
            )
        return self._to_pull(pull, [*(n for n in have if n not in stale), *missing])

    def _bring_up_to_date(self, pull: GhPull, base: str, title: str, body: str, draft: bool) -> None:
        if (pull.title, pull.body or "", pull.base.ref) != (title, body, base):
            self._call(
                f"updating pull request #{pull.number}",
                PULLS_WRITE,
                lambda: pull.edit(title=title, body=body, base=base),
            )
        if bool(pull.draft) != draft:
            toggle = pull.convert_to_draft if draft else pull.mark_ready_for_review
            self._call(
                f"marking pull request #{pull.number} {'draft' if draft else 'ready'}",
                PULLS_WRITE,
                lambda: toggle(),
            )

    def request_review(self, pr_number: int, user: str) -> bool:
        pull = self._pull(pr_number)
        try:
            self._call(
                f"requesting a review from {user}",
                PULLS_WRITE,
                lambda: pull.create_review_request(reviewers=[user]),
            )
        except ForgeConflict as exc:  # 422: the author, or not a collaborator
            log.warning("no review requested from %s: %s", user, exc)
            return False
        return True

    def review_comments(self, pr_number: int) -> tuple[ReviewComment, ...]:
        pull = self._pull(pr_number)
        comments = self._call(
            f"reading review comments of #{pr_number}", PULLS_READ, lambda: list(pull.get_review_comments())
        )
        return tuple(self._review_comment(c) for c in comments)

    def _review_comment(self, comment: PullRequestComment) -> ReviewComment:
        raw = comment.raw_data
        line = raw.get("line") or raw.get("original_line")
        return ReviewComment(
            id=comment.id,
            author=comment.user.login if comment.user else "ghost",
            body=comment.body or "",
            path=comment.path,
            line=int(line) if line is not None else None,
            is_bot=self._is_bot(comment.user),
            in_reply_to=raw.get("in_reply_to_id"),
        )

    def _get_json(self, url: str, doing: str, permission: str, parameters: dict[str, Any]) -> Any:
        """The JSON answer of a GET the REST wrappers of PyGithub do not cover."""
        _, data = self._call(
            doing,
            permission,
            lambda: self._gh.requester.requestJsonAndCheck("GET", url, parameters=parameters),
        )
        return data

    def failed_jobs(self, run_id: int) -> tuple[FailedJob, ...]:
        url = f"{self.repo.url}/actions/runs/{run_id}/jobs"
        data = self._get_json(
            url, f"reading the jobs of workflow run {run_id}", ACTIONS_READ, {"per_page": 100}
        )
        failed = []
        for job in data.get("jobs", []) if isinstance(data, dict) else []:
            if not isinstance(job, dict) or job.get("conclusion") != "failure":
                continue
            steps = [
                s for s in job.get("steps") or [] if isinstance(s, dict) and s.get("conclusion") == "failure"
            ]
            log = self._job_log(int(job["id"]))
            failed.append(
                FailedJob(str(job.get("name")), steps[0].get("name") if steps else None, log_tail(log))
            )
        return tuple(failed)

    def failed_checks(self, suite_id: int) -> tuple[FailedJob, ...]:
        url = f"{self.repo.url}/check-suites/{suite_id}/check-runs"
        failed = []
        for run in self._check_run_list(url, f"reading the checks of check suite {suite_id}", {}):
            if run.get("conclusion") not in FAILED_CONCLUSIONS:
                continue
            given = run.get("output")
            output: dict[str, Any] = given if isinstance(given, dict) else {}
            parts = [output.get(key) for key in ("title", "summary", "text")]
            if output.get("annotations_count"):
                parts.append(self._annotations(int(run["id"])))
            text = "\n".join(part for part in parts if isinstance(part, str) and part)
            title = output.get("title")
            failed.append(
                FailedJob(str(run.get("name")), title if isinstance(title, str) else None, log_tail(text))
            )
        return tuple(failed)

    def _annotations(self, check_run_id: int) -> str:
        """A check run's annotations as log lines (``path:line: level: message``), where CI Apps put
        the places a failure points at."""
        url = f"{self.repo.url}/check-runs/{check_run_id}/annotations"
        data = self._get_json(
            url, f"reading the annotations of check run {check_run_id}", CHECKS_READ, {"per_page": 50}
        )
        lines = []
        for note in data if isinstance(data, list) else []:
            if isinstance(note, dict):
                where = f"{note.get('path')}:{note.get('start_line')}"
                lines.append(f"{where}: {note.get('annotation_level')}: {note.get('message')}")
        return "\n".join(lines)

    def failing_checks(self, ref: str, app_id: int) -> tuple[str, ...]:
        url = f"{self.repo.url}/commits/{ref}/check-runs"
        query = {"app_id": app_id, "status": "completed"}
        runs = self._check_run_list(url, f"reading the checks of {ref}", query)
        return tuple(str(run.get("name")) for run in runs if run.get("conclusion") in FAILED_CONCLUSIONS)

    def _check_run_list(self, url: str, doing: str, query: dict[str, Any]) -> list[dict[str, Any]]:
        parameters = {"filter": "latest", "per_page": 100, **query}
        data = self._get_json(url, doing, CHECKS_READ, parameters)
        runs = data.get("check_runs") if isinstance(data, dict) else None
        return [run for run in runs or [] if isinstance(run, dict)]

    def latest_run(self, workflow: int | str, branch: str) -> WorkflowRun | None:
        url = f"{self.repo.url}/actions/workflows/{workflow}/runs"
        query = {"branch": branch, "status": "completed", "per_page": 1}
        data = self._get_json(
            url, f"reading the runs of workflow {workflow} on {branch}", ACTIONS_READ, query
        )
        runs = data.get("workflow_runs") if isinstance(data, dict) else None
        if not runs or not isinstance(runs[0], dict):
            return None
        run = runs[0]
        return WorkflowRun(
            int(run["id"]), str(run.get("conclusion")), str(run.get("head_sha")), str(run.get("html_url", ""))
        )

    def _job_log(self, job_id: int) -> str:
        """The job's plain-text log: the API answers with a redirect to a short-lived download URL."""
        url = f"{self.repo.url}/actions/jobs/{job_id}/logs"
        headers, _ = self._call(
            f"reading the log of job {job_id}",
            ACTIONS_READ,
            lambda: self._gh.requester.requestBlobAndCheck("GET", url),
        )
        location = headers.get("location")
        if not location:
            return ""
        # the download URL is signed: no token goes to it (it may be another host)
        try:
            end = b""
            with urllib.request.urlopen(location, timeout=self._timeout) as response:
                while chunk := response.read(1 << 20):
                    end = (end + chunk)[-LOG_END_BYTES:]
            return end.decode("utf-8", errors="replace")
        except OSError as err:
            log.info("could not download the log of job %d: %s", job_id, err)
            return ""

    def check_runs(self, sha: str) -> int | None:
        url = f"{self.repo.url}/commits/{sha}/check-runs"
        try:
            data = self._get_json(url, f"reading the checks of {sha[:12]}", CHECKS_READ, {"per_page": 1})
        except ForgePermissionError as err:
            log.info("cannot read the checks of %s: %s", sha[:12], err)
            return None
        total = data.get("total_count") if isinstance(data, dict) else None
        return total if isinstance(total, int) else None

    def reply_to_review_comment(self, pr_number: int, comment_id: int, body: str) -> int:
        body = redact(body)
        pull = self._pull(pr_number)
        reply = self._call(
            f"replying to review comment {comment_id}",
            PULLS_WRITE,
            lambda: pull.create_review_comment_reply(comment_id, body),
        )
        return reply.id

    # -- branches --------------------------------------------------------------------------
    def push_branch(
        self, workdir: Path, branch: str, *, force_with_lease: bool, expected_sha: str | None = None
    ) -> str:
        return self._remote().push(
            workdir, branch, force_with_lease=force_with_lease, expected_sha=expected_sha
        )

    def fetch_branch(self, workdir: Path, branch: str) -> str | None:
        return self._remote().fetch(workdir, branch)


__all__ = ["ForgeRetryPolicy", "GitHubForge", "status_marker"]
