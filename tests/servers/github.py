"""A stateful local GitHub: the REST endpoints architect-bot uses plus git smart HTTP.

Start it, seed a repository from a local folder, point PyGithub at ``server.api_url`` and git at
``server.clone_url(full_name)``. State lives in plain dataclasses (see ``github_shapes``) so tests
can look at what the bot did; the git side is a real bare repository served by ``git
http-backend``, and the REST git-refs endpoints read and write that same repository.

Tokens: ``add_token(token, login, permissions=...)``. With ``permissions`` (a workflow-style map
such as ``{"issues": "write", "contents": "read"}``) the token acts like an Actions
``GITHUB_TOKEN``: a missing permission answers 403 "Resource not accessible by integration" with
the ``x-accepted-github-permissions`` header, and ``GET /user`` is refused. Without it the token
acts like a personal token allowed everything. A wrong token answers 401 on REST and on git.

Faults: ``fail_next(n, status=502)``, ``rate_limit_next(n, kind="secondary"|"primary"|"429")``,
``slow_next(n, seconds)``. Every request is recorded in ``requests`` (never its credentials).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.servers.git_http import run_http_backend
from tests.servers.github_shapes import (
    JSON,
    REACTIONS,
    TIMESTAMP,
    Comment,
    Issue,
    Label,
    Pull,
    Reaction,
    ReviewComment,
    Urls,
    User,
    label_json,
    node_id,
    permissions_json,
    reaction_json,
    reactions_summary,
    repo_json,
    user_json,
)

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
class _Fault:
    kind: str  # "fail" | "secondary" | "primary" | "429" | "slow"
    target: str  # "api" | "git" | "any"
    status: int = 502
    seconds: float = 0.0


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


Answer = tuple[int, Any]
Route = tuple[str, re.Pattern[str], Callable[..., Answer], tuple[str, ...]]


class GitHubServer:
    """The local GitHub. Use as a context manager or call ``start()``/``stop()``."""

    def __init__(self, root: Path, host: str = "127.0.0.1") -> None:
        self.root = root
        self.git_root = root / "git"
        self.git_root.mkdir(parents=True, exist_ok=True)
        self._host = host
        self._lock = threading.RLock()
        self._ids = 1000
        self._faults: list[_Fault] = []
        self.users: dict[str, User] = {}
        self.tokens: dict[str, Token] = {}
        self.repos: dict[str, Repo] = {}
        self.requests: list[Recorded] = []
        self._httpd = ThreadingHTTPServer((host, 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.app = self  # type: ignore[attr-defined]
        self.urls = Urls(f"http://{host}:{self._httpd.server_address[1]}")
        self._thread: threading.Thread | None = None
        self._routes = self._build_routes()

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> GitHubServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> GitHubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        return self.urls.api

    @property
    def web_url(self) -> str:
        return self.urls.web

    def clone_url(self, full_name: str) -> str:
        return f"{self.urls.web}/{full_name}.git"

    # -- seeding ----------------------------------------------------------------------------
    def next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    def add_user(self, login: str, user_type: str = "User") -> User:
        with self._lock:
            if login not in self.users:
                self.users[login] = User(login, self.next_id(), user_type)
            return self.users[login]

    def add_token(
        self,
        token: str,
        login: str,
        *,
        user_type: str | None = None,
        permissions: dict[str, str] | None = None,
    ) -> None:
        kind = user_type or ("Bot" if login.endswith("[bot]") else "User")
        self.add_user(login, kind)
        self.tokens[token] = Token(login, permissions)

    def create_repo(
        self,
        full_name: str,
        source: Path | None = None,
        *,
        default_branch: str = "main",
        private: bool = False,
    ) -> Repo:
        """A hosted repository; ``source`` is a git work tree or a plain folder to commit."""
        owner = full_name.split("/")[0]
        self.add_user(owner)
        bare = self.git_root / f"{full_name}.git"
        bare.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", "--bare", "-b", default_branch, str(bare)], check=True)
        subprocess.run(["git", "--git-dir", str(bare), "config", "http.receivepack", "true"], check=True)
        if source is not None:
            _push_source(source, bare, default_branch)
        repo = Repo(full_name, self.next_id(), owner, bare, private, default_branch)
        self.repos[full_name] = repo
        return repo

    def add_collaborator(self, full_name: str, login: str, permission: str) -> None:
        assert permission in ROLES, permission
        self.add_user(login)
        self.repos[full_name].collaborators[login] = permission

    def add_issue(
        self,
        full_name: str,
        title: str,
        body: str | None = "",
        *,
        author: str = "octocat",
        labels: tuple[str, ...] = (),
        state: str = "open",
        locked: bool = False,
    ) -> int:
        self.add_user(author)
        repo = self.repos[full_name]
        with self._lock:
            number = len(repo.issues) + 1
            for name in labels:
                self._ensure_label(repo, name)
            repo.issues[number] = Issue(
                self.next_id(), number, title, body, author, state, locked, list(labels)
            )
            return number

    def add_comment(
        self, full_name: str, number: int, body: str, *, author: str, user_type: str = "User"
    ) -> int:
        self.add_user(author, user_type)
        comment = Comment(self.next_id(), number, author, body)
        self.repos[full_name].issues[number].comments.append(comment)
        return comment.id

    def add_review_comment(
        self, full_name: str, pull_number: int, body: str, *, author: str, path: str, line: int | None = None
    ) -> int:
        self.add_user(author)
        repo = self.repos[full_name]
        pull = repo.issues[pull_number].pull
        assert pull is not None, f"#{pull_number} is not a pull request"
        sha = repo.ref_sha(f"refs/heads/{pull.head}") or ""
        comment = ReviewComment(self.next_id(), pull_number, author, body, path, line, sha)
        pull.review_comments.append(comment)
        return comment.id

    # -- inspection -------------------------------------------------------------------------
    def repo(self, full_name: str) -> Repo:
        return self.repos[full_name]

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        return self.repos[full_name].ref_sha(f"refs/heads/{branch}")

    # -- faults -----------------------------------------------------------------------------
    def fail_next(self, n: int = 1, status: int = 502, *, on: str = "api") -> None:
        with self._lock:
            self._faults += [_Fault("fail", on, status) for _ in range(n)]

    def rate_limit_next(
        self, n: int = 1, *, kind: str = "secondary", retry_after: int = 60, on: str = "api"
    ) -> None:
        assert kind in ("secondary", "primary", "429"), kind
        with self._lock:
            self._faults += [_Fault(kind, on, seconds=retry_after) for _ in range(n)]

    def slow_next(self, n: int = 1, seconds: float = 0.5, *, on: str = "api") -> None:
        with self._lock:
            self._faults += [_Fault("slow", on, seconds=seconds) for _ in range(n)]

    def take_fault(self, target: str) -> _Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.target in (target, "any"):
                    return self._faults.pop(index)
        return None

    # -- rendering --------------------------------------------------------------------------
    def user_json(self, login: str) -> JSON:
        return user_json(self.urls, self.add_user(login))

    def association(self, repo: Repo, login: str) -> str:
        if login == repo.owner:
            return "OWNER"
        return "COLLABORATOR" if login in repo.collaborators else "NONE"

    def role_of(self, repo: Repo, login: str) -> str:
        if login == repo.owner:
            return "admin"
        return repo.collaborators.get(login, "none" if repo.private else "read")

    def label_list(self, repo: Repo, names: list[str]) -> list[JSON]:
        return [label_json(self.urls, repo.full_name, repo.labels[name]) for name in names]

    def issue_json(self, repo: Repo, issue: Issue) -> JSON:
        url = f"{self.urls.repo(repo.full_name)}/issues/{issue.number}"
        kind = "pull" if issue.pull else "issues"
        data: JSON = {
            "id": issue.id,
            "node_id": node_id("I", issue.id),
            "url": url,
            "repository_url": self.urls.repo(repo.full_name),
            "labels_url": f"{url}/labels{{/name}}",
            "comments_url": f"{url}/comments",
            "events_url": f"{url}/events",
            "html_url": f"{self.urls.web}/{repo.full_name}/{kind}/{issue.number}",
            "number": issue.number,
            "state": issue.state,
            "state_reason": "completed" if issue.state == "closed" else None,
            "title": issue.title,
            "body": issue.body,
            "user": self.user_json(issue.user),
            "labels": self.label_list(repo, issue.labels),
            "assignee": None,
            "assignees": [],
            "milestone": None,
            "locked": issue.locked,
            "active_lock_reason": "resolved" if issue.locked else None,
            "comments": len(issue.comments),
            "created_at": issue.created_at,
            "updated_at": issue.updated_at,
            "closed_at": issue.closed_at,
            "author_association": self.association(repo, issue.user),
            "reactions": reactions_summary(url, issue.reactions),
            "timeline_url": f"{url}/timeline",
            "performed_via_github_app": None,
        }
        if issue.pull is not None:
            pull_url = f"{self.urls.repo(repo.full_name)}/pulls/{issue.number}"
            html = data["html_url"]
            data["pull_request"] = {
                "url": pull_url,
                "html_url": html,
                "diff_url": f"{html}.diff",
                "patch_url": f"{html}.patch",
                "merged_at": None,
            }
            data["draft"] = issue.pull.draft
        return data

    def comment_json(self, repo: Repo, comment: Comment) -> JSON:
        url = f"{self.urls.repo(repo.full_name)}/issues/comments/{comment.id}"
        return {
            "id": comment.id,
            "node_id": node_id("IC", comment.id),
            "url": url,
            "html_url": f"{self.urls.web}/{repo.full_name}/issues/{comment.issue_number}"
            f"#issuecomment-{comment.id}",
            "body": comment.body,
            "user": self.user_json(comment.user),
            "created_at": comment.created_at,
            "updated_at": comment.updated_at,
            "issue_url": f"{self.urls.repo(repo.full_name)}/issues/{comment.issue_number}",
            "author_association": self.association(repo, comment.user),
            "reactions": reactions_summary(url, comment.reactions),
            "performed_via_github_app": None,
        }

    def branch_json(self, repo: Repo, branch: str) -> JSON:
        return {
            "label": f"{repo.owner}:{branch}",
            "ref": branch,
            "sha": repo.ref_sha(f"refs/heads/{branch}") or "0" * 40,
            "user": self.user_json(repo.owner),
            "repo": self.repo_json(repo, None),
        }

    def repo_json(self, repo: Repo, login: str | None) -> JSON:
        open_issues = sum(1 for issue in repo.issues.values() if issue.state == "open")
        return repo_json(
            self.urls,
            repo.full_name,
            repo.id,
            self.add_user(repo.owner),
            private=repo.private,
            default_branch=repo.default_branch,
            open_issues=open_issues,
            permission=self.role_of(repo, login or ""),
        )

    def pull_json(self, repo: Repo, issue: Issue) -> JSON:
        pull = issue.pull
        assert pull is not None
        api = self.urls.repo(repo.full_name)
        url = f"{api}/pulls/{issue.number}"
        html = f"{self.urls.web}/{repo.full_name}/pull/{issue.number}"
        head_sha = repo.ref_sha(f"refs/heads/{pull.head}") or "0" * 40
        base_sha = repo.ref_sha(f"refs/heads/{pull.base}") or "0" * 40
        commits = repo.git("rev-list", "--count", f"{base_sha}..{head_sha}", check=False) or "0"
        return {
            "url": url,
            "id": issue.id,
            "node_id": node_id("PR", issue.id),
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": f"{api}/issues/{issue.number}",
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{api}/pulls/comments{{/number}}",
            "comments_url": f"{api}/issues/{issue.number}/comments",
            "statuses_url": f"{api}/statuses/{head_sha}",
            "number": issue.number,
            "state": issue.state,
            "locked": issue.locked,
            "title": issue.title,
            "user": self.user_json(issue.user),
            "body": issue.body,
            "labels": self.label_list(repo, issue.labels),
            "milestone": None,
            "active_lock_reason": None,
            "created_at": issue.created_at,
            "updated_at": issue.updated_at,
            "closed_at": issue.closed_at,
            "merged_at": None,
            "merge_commit_sha": None,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [self.user_json(login) for login in pull.requested_reviewers],
            "requested_teams": [],
            "head": self.branch_json(repo, pull.head),
            "base": self.branch_json(repo, pull.base),
            "_links": {
                "self": {"href": url},
                "html": {"href": html},
                "issue": {"href": f"{api}/issues/{issue.number}"},
                "comments": {"href": f"{api}/issues/{issue.number}/comments"},
                "review_comments": {"href": f"{url}/comments"},
                "review_comment": {"href": f"{api}/pulls/comments{{/number}}"},
                "commits": {"href": f"{url}/commits"},
                "statuses": {"href": f"{api}/statuses/{head_sha}"},
            },
            "author_association": self.association(repo, issue.user),
            "auto_merge": None,
            "draft": pull.draft,
            "merged": pull.merged,
            "mergeable": True,
            "rebaseable": True,
            "mergeable_state": "clean",
            "merged_by": None,
            "comments": len(issue.comments),
            "review_comments": len(pull.review_comments),
            "maintainer_can_modify": False,
            "commits": int(commits),
            "additions": 0,
            "deletions": 0,
            "changed_files": 0,
        }

    def review_comment_json(self, repo: Repo, comment: ReviewComment) -> JSON:
        api = self.urls.repo(repo.full_name)
        url = f"{api}/pulls/comments/{comment.id}"
        html = f"{self.urls.web}/{repo.full_name}/pull/{comment.pull_number}#discussion_r{comment.id}"
        data: JSON = {
            "url": url,
            "pull_request_review_id": comment.id + 1,
            "id": comment.id,
            "node_id": node_id("PRRC", comment.id),
            "diff_hunk": "@@ -1,1 +1,1 @@",
            "path": comment.path,
            "position": comment.line,
            "original_position": comment.line,
            "commit_id": comment.commit_id,
            "original_commit_id": comment.commit_id,
            "user": self.user_json(comment.user),
            "body": comment.body,
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
            "html_url": html,
            "pull_request_url": f"{api}/pulls/{comment.pull_number}",
            "author_association": self.association(repo, comment.user),
            "_links": {
                "self": {"href": url},
                "html": {"href": html},
                "pull_request": {"href": f"{api}/pulls/{comment.pull_number}"},
            },
            "reactions": reactions_summary(url, comment.reactions),
            "start_line": None,
            "original_start_line": None,
            "start_side": None,
            "line": comment.line,
            "original_line": comment.line,
            "side": "RIGHT",
            "subject_type": "line",
        }
        if comment.in_reply_to_id is not None:
            data["in_reply_to_id"] = comment.in_reply_to_id
        return data

    def ref_json(self, repo: Repo, ref: str) -> JSON:
        sha = repo.ref_sha(ref)
        api = self.urls.repo(repo.full_name)
        return {
            "ref": ref,
            "node_id": node_id("REF", abs(hash(ref)) % 10**8),
            "url": f"{api}/git/{ref}",
            "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
        }

    def _ensure_label(self, repo: Repo, name: str) -> Label:
        if name not in repo.labels:
            repo.labels[name] = Label(self.next_id(), name)
        return repo.labels[name]

    # -- routes -----------------------------------------------------------------------------
    def _build_routes(self) -> list[Route]:
        repo = r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"
        table: list[tuple[str, str, Callable[..., Answer], tuple[str, ...]]] = [
            ("GET", r"/user", self._get_user, ()),
            ("GET", repo, self._get_repo, ("metadata=read",)),
            (
                "GET",
                repo + r"/issues/(?P<number>\d+)",
                self._get_issue,
                ("issues=read", "pull_requests=read"),
            ),
            ("PATCH", repo + r"/issues/(?P<number>\d+)", self._patch_issue, ("issues=write",)),
            (
                "GET",
                repo + r"/issues/(?P<number>\d+)/comments",
                self._list_comments,
                ("issues=read", "pull_requests=read"),
            ),
            (
                "POST",
                repo + r"/issues/(?P<number>\d+)/comments",
                self._create_comment,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "GET",
                repo + r"/issues/comments/(?P<cid>\d+)",
                self._get_comment,
                ("issues=read", "pull_requests=read"),
            ),
            (
                "PATCH",
                repo + r"/issues/comments/(?P<cid>\d+)",
                self._edit_comment,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "DELETE",
                repo + r"/issues/comments/(?P<cid>\d+)",
                self._delete_comment,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "GET",
                repo + r"/issues/(?P<number>\d+)/reactions",
                self._list_issue_reactions,
                ("issues=read",),
            ),
            (
                "POST",
                repo + r"/issues/(?P<number>\d+)/reactions",
                self._react_issue,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "POST",
                repo + r"/issues/comments/(?P<cid>\d+)/reactions",
                self._react_comment,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "POST",
                repo + r"/pulls/comments/(?P<cid>\d+)/reactions",
                self._react_review_comment,
                ("pull_requests=write",),
            ),
            ("GET", repo + r"/labels", self._list_labels, ("issues=read",)),
            ("POST", repo + r"/labels", self._create_label, ("issues=write", "pull_requests=write")),
            ("GET", repo + r"/issues/(?P<number>\d+)/labels", self._issue_labels, ("issues=read",)),
            (
                "POST",
                repo + r"/issues/(?P<number>\d+)/labels",
                self._add_labels,
                ("issues=write", "pull_requests=write"),
            ),
            (
                "GET",
                repo + r"/collaborators/(?P<login>[^/]+)/permission",
                self._permission,
                ("metadata=read",),
            ),
            ("GET", repo + r"/pulls", self._list_pulls, ("pull_requests=read",)),
            ("POST", repo + r"/pulls", self._create_pull, ("pull_requests=write",)),
            ("GET", repo + r"/pulls/(?P<number>\d+)", self._get_pull, ("pull_requests=read",)),
            ("PATCH", repo + r"/pulls/(?P<number>\d+)", self._patch_pull, ("pull_requests=write",)),
            (
                "GET",
                repo + r"/pulls/(?P<number>\d+)/comments",
                self._list_review_comments,
                ("pull_requests=read",),
            ),
            (
                "GET",
                repo + r"/pulls/comments/(?P<cid>\d+)",
                self._get_review_comment,
                ("pull_requests=read",),
            ),
            (
                "POST",
                repo + r"/pulls/(?P<number>\d+)/comments/(?P<cid>\d+)/replies",
                self._reply,
                ("pull_requests=write",),
            ),
            (
                "GET",
                repo + r"/pulls/(?P<number>\d+)/requested_reviewers",
                self._get_reviewers,
                ("pull_requests=read",),
            ),
            (
                "POST",
                repo + r"/pulls/(?P<number>\d+)/requested_reviewers",
                self._request_reviewers,
                ("pull_requests=write",),
            ),
            ("GET", repo + r"/git/(?:ref|refs)/(?P<ref>.+)", self._get_ref, ("contents=read",)),
            ("POST", repo + r"/git/refs", self._create_ref, ("contents=write",)),
            ("PATCH", repo + r"/git/refs/(?P<ref>.+)", self._update_ref, ("contents=write",)),
            ("DELETE", repo + r"/git/refs/(?P<ref>.+)", self._delete_ref, ("contents=write",)),
        ]
        return [
            (method, re.compile(f"^/api/v3{pattern}$"), fn, perms) for method, pattern, fn, perms in table
        ]

    def dispatch(
        self, method: str, path: str, query: dict[str, list[str]], body: Any, token: Token
    ) -> Answer:
        allowed_methods = set()
        for verb, pattern, fn, perms in self._routes:
            match = pattern.match(path)
            if not match:
                continue
            allowed_methods.add(verb)
            if verb != method:
                continue
            args = match.groupdict()
            repo = None
            if "owner" in args:
                repo = self.repos.get(f"{args.pop('owner')}/{args.pop('name')}")
                if repo is None or (
                    repo.private and self.role_of(repo, token.login) == "none" and token.permissions is None
                ):
                    raise HttpError(404, "Not Found")
            if perms and not any(token.allows(*p.split("=")) for p in perms):
                raise HttpError(
                    403,
                    "Resource not accessible by integration",
                    headers={"x-accepted-github-permissions": "; ".join(perms)},
                )
            with self._lock:
                return fn(repo=repo, token=token, query=query, body=body, **args)
        raise HttpError(404, "Not Found")

    # -- handlers ---------------------------------------------------------------------------
    def _get_user(self, token: Token, **_: Any) -> Answer:
        if token.permissions is not None:
            raise HttpError(403, "Resource not accessible by integration")
        data = self.user_json(token.login)
        data.update(
            {
                "name": token.login,
                "company": None,
                "blog": "",
                "location": None,
                "email": None,
                "hireable": None,
                "bio": None,
                "twitter_username": None,
                "public_repos": 1,
                "public_gists": 0,
                "followers": 0,
                "following": 0,
                "created_at": TIMESTAMP,
                "updated_at": TIMESTAMP,
            }
        )
        return 200, data

    def _get_repo(self, repo: Repo, token: Token, **_: Any) -> Answer:
        return 200, self.repo_json(repo, token.login)

    def _issue(self, repo: Repo, number: str) -> Issue:
        issue = repo.issues.get(int(number))
        if issue is None:
            raise HttpError(404, "Not Found")
        return issue

    def _get_issue(self, repo: Repo, number: str, **_: Any) -> Answer:
        return 200, self.issue_json(repo, self._issue(repo, number))

    def _patch_issue(self, repo: Repo, number: str, body: JSON, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        for key in ("title", "body", "state"):
            if key in body:
                setattr(issue, key, body[key])
        if "labels" in body:
            issue.labels = [self._ensure_label(repo, _label_name(x)).name for x in body["labels"]]
        return 200, self.issue_json(repo, issue)

    def _list_comments(self, repo: Repo, number: str, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        return 200, [self.comment_json(repo, c) for c in issue.comments]

    def _create_comment(self, repo: Repo, number: str, body: JSON, token: Token, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        text = _required(body, "body")
        comment = Comment(self.next_id(), issue.number, token.login, text)
        issue.comments.append(comment)
        return 201, self.comment_json(repo, comment)

    def _find_comment(self, repo: Repo, cid: str) -> Comment:
        for issue in repo.issues.values():
            for comment in issue.comments:
                if comment.id == int(cid):
                    return comment
        raise HttpError(404, "Not Found")

    def _get_comment(self, repo: Repo, cid: str, **_: Any) -> Answer:
        return 200, self.comment_json(repo, self._find_comment(repo, cid))

    def _edit_comment(self, repo: Repo, cid: str, body: JSON, token: Token, **_: Any) -> Answer:
        comment = self._find_comment(repo, cid)
        if comment.user != token.login and self.role_of(repo, token.login) not in ("admin", "maintain"):
            raise HttpError(403, "Must have admin rights to Repository.")
        comment.body = _required(body, "body")
        comment.updated_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return 200, self.comment_json(repo, comment)

    def _delete_comment(self, repo: Repo, cid: str, token: Token, **_: Any) -> Answer:
        comment = self._find_comment(repo, cid)
        if comment.user != token.login and self.role_of(repo, token.login) not in ("admin", "maintain"):
            raise HttpError(403, "Must have admin rights to Repository.")
        issue = repo.issues[comment.issue_number]
        issue.comments = [c for c in issue.comments if c.id != comment.id]
        return 204, None

    def _react(self, reactions: list[Reaction], body: JSON, token: Token) -> Answer:
        content = _required(body, "content")
        if content not in REACTIONS:
            raise HttpError(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "Reaction",
                        "code": "custom",
                        "field": "content",
                        "message": f"{content} is not a valid content",
                    }
                ],
            )
        for reaction in reactions:
            if reaction.user == token.login and reaction.content == content:
                return 200, reaction_json(self.urls, reaction, self.add_user(token.login))
        reaction = Reaction(self.next_id(), token.login, content)
        reactions.append(reaction)
        return 201, reaction_json(self.urls, reaction, self.add_user(token.login))

    def _list_issue_reactions(self, repo: Repo, number: str, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        return 200, [reaction_json(self.urls, r, self.add_user(r.user)) for r in issue.reactions]

    def _react_issue(self, repo: Repo, number: str, body: JSON, token: Token, **_: Any) -> Answer:
        return self._react(self._issue(repo, number).reactions, body, token)

    def _react_comment(self, repo: Repo, cid: str, body: JSON, token: Token, **_: Any) -> Answer:
        return self._react(self._find_comment(repo, cid).reactions, body, token)

    def _react_review_comment(self, repo: Repo, cid: str, body: JSON, token: Token, **_: Any) -> Answer:
        return self._react(self._find_review_comment(repo, cid).reactions, body, token)

    def _list_labels(self, repo: Repo, **_: Any) -> Answer:
        return 200, self.label_list(repo, list(repo.labels))

    def _create_label(self, repo: Repo, body: JSON, **_: Any) -> Answer:
        name = _required(body, "name")
        if name in repo.labels:
            raise HttpError(
                422,
                "Validation Failed",
                errors=[{"resource": "Label", "code": "already_exists", "field": "name"}],
            )
        label = Label(self.next_id(), name, body.get("color", "ededed"), body.get("description") or "")
        repo.labels[name] = label
        return 201, label_json(self.urls, repo.full_name, label)

    def _issue_labels(self, repo: Repo, number: str, **_: Any) -> Answer:
        return 200, self.label_list(repo, self._issue(repo, number).labels)

    def _add_labels(self, repo: Repo, number: str, body: Any, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        names = body.get("labels", []) if isinstance(body, dict) else body
        for raw in names:
            name = self._ensure_label(repo, _label_name(raw)).name
            if name not in issue.labels:
                issue.labels.append(name)
        return 200, self.label_list(repo, issue.labels)

    def _permission(self, repo: Repo, login: str, **_: Any) -> Answer:
        if login not in self.users:
            raise HttpError(404, "Not Found")
        role = self.role_of(repo, login)
        user = self.user_json(login)
        user["permissions"] = permissions_json(role)
        user["role_name"] = role
        return 200, {"permission": LEGACY_PERMISSION[role], "role_name": role, "user": user}

    def _pull_issue(self, repo: Repo, number: str) -> Issue:
        issue = self._issue(repo, number)
        if issue.pull is None:
            raise HttpError(404, "Not Found")
        return issue

    def _list_pulls(self, repo: Repo, query: dict[str, list[str]], **_: Any) -> Answer:
        state = query.get("state", ["open"])[0]
        head = query.get("head", [None])[0]
        base = query.get("base", [None])[0]
        found = []
        for issue in sorted(repo.pulls(), key=lambda i: -i.number):
            pull = issue.pull
            assert pull is not None
            if state != "all" and issue.state != state:
                continue
            if head and f"{repo.owner}:{pull.head}" != head and pull.head != head:
                continue
            if base and pull.base != base:
                continue
            found.append(self.pull_json(repo, issue))
        return 200, found

    def _create_pull(self, repo: Repo, body: JSON, token: Token, **_: Any) -> Answer:
        title, head, base = _required(body, "title"), _required(body, "head"), _required(body, "base")
        branch = head.split(":", 1)[1] if ":" in head else head
        invalid = [f for f, b in (("head", branch), ("base", base)) if not repo.ref_sha(f"refs/heads/{b}")]
        if invalid:
            raise HttpError(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequest", "field": f, "code": "invalid"} for f in invalid],
            )
        for issue in repo.pulls():
            assert issue.pull is not None
            if issue.state == "open" and issue.pull.head == branch and issue.pull.base == base:
                raise HttpError(
                    422,
                    "Validation Failed",
                    errors=[
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"A pull request already exists for {repo.owner}:{branch}.",
                        }
                    ],
                )
        if repo.git("rev-list", "--count", f"refs/heads/{base}..refs/heads/{branch}") == "0":
            raise HttpError(
                422,
                "Validation Failed",
                errors=[
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": f"No commits between {base} and {branch}",
                    }
                ],
            )
        number = len(repo.issues) + 1
        issue = Issue(
            self.next_id(),
            number,
            title,
            body.get("body"),
            token.login,
            pull=Pull(branch, base, bool(body.get("draft", False))),
        )
        repo.issues[number] = issue
        return 201, self.pull_json(repo, issue)

    def _get_pull(self, repo: Repo, number: str, **_: Any) -> Answer:
        return 200, self.pull_json(repo, self._pull_issue(repo, number))

    def _patch_pull(self, repo: Repo, number: str, body: JSON, **_: Any) -> Answer:
        issue = self._pull_issue(repo, number)
        assert issue.pull is not None
        for key in ("title", "body", "state"):
            if key in body:
                setattr(issue, key, body[key])
        if "base" in body:
            issue.pull.base = body["base"]
        return 200, self.pull_json(repo, issue)

    def _list_review_comments(self, repo: Repo, number: str, **_: Any) -> Answer:
        pull = self._pull_issue(repo, number).pull
        assert pull is not None
        return 200, [self.review_comment_json(repo, c) for c in pull.review_comments]

    def _find_review_comment(self, repo: Repo, cid: str) -> ReviewComment:
        for issue in repo.pulls():
            assert issue.pull is not None
            for comment in issue.pull.review_comments:
                if comment.id == int(cid):
                    return comment
        raise HttpError(404, "Not Found")

    def _get_review_comment(self, repo: Repo, cid: str, **_: Any) -> Answer:
        return 200, self.review_comment_json(repo, self._find_review_comment(repo, cid))

    def _reply(self, repo: Repo, number: str, cid: str, body: JSON, token: Token, **_: Any) -> Answer:
        pull = self._pull_issue(repo, number).pull
        assert pull is not None
        parent = self._find_review_comment(repo, cid)
        if parent.pull_number != int(number):
            raise HttpError(404, "Not Found")
        reply = ReviewComment(
            self.next_id(),
            parent.pull_number,
            token.login,
            _required(body, "body"),
            parent.path,
            parent.line,
            parent.commit_id,
            in_reply_to_id=parent.id,
        )
        pull.review_comments.append(reply)
        return 201, self.review_comment_json(repo, reply)

    def _get_reviewers(self, repo: Repo, number: str, **_: Any) -> Answer:
        pull = self._pull_issue(repo, number).pull
        assert pull is not None
        return 200, {"users": [self.user_json(u) for u in pull.requested_reviewers], "teams": []}

    def _request_reviewers(self, repo: Repo, number: str, body: JSON, **_: Any) -> Answer:
        issue = self._pull_issue(repo, number)
        assert issue.pull is not None
        for login in body.get("reviewers", []):
            if login == issue.user:
                raise HttpError(422, "Review cannot be requested from pull request author.")
            if self.role_of(repo, login) in ("none", "read") and login != repo.owner:
                raise HttpError(
                    422,
                    "Reviews may only be requested from collaborators. One or more of the "
                    f"users or teams you specified is not a collaborator of the {repo.full_name} "
                    "repository.",
                )
            if login not in issue.pull.requested_reviewers:
                issue.pull.requested_reviewers.append(login)
        return 201, self.pull_json(repo, issue)

    def _get_ref(self, repo: Repo, ref: str, **_: Any) -> Answer:
        full = f"refs/{ref}"
        if repo.ref_sha(full) is None:
            raise HttpError(404, "Not Found")
        return 200, self.ref_json(repo, full)

    def _create_ref(self, repo: Repo, body: JSON, **_: Any) -> Answer:
        ref, sha = _required(body, "ref"), _required(body, "sha")
        if not ref.startswith("refs/") or ref.count("/") < 2:
            raise HttpError(422, "Reference name is not valid")
        if repo.ref_sha(ref) is not None:
            raise HttpError(422, "Reference already exists")
        if not repo.git("cat-file", "-t", sha, check=False):
            raise HttpError(422, "Object does not exist")
        repo.git("update-ref", ref, sha)
        return 201, self.ref_json(repo, ref)

    def _update_ref(self, repo: Repo, ref: str, body: JSON, **_: Any) -> Answer:
        full, sha = f"refs/{ref}", _required(body, "sha")
        old = repo.ref_sha(full)
        if old is None:
            raise HttpError(422, "Reference does not exist")
        if not repo.git("cat-file", "-t", sha, check=False):
            raise HttpError(422, "Object does not exist")
        if not body.get("force") and not _is_ancestor(repo, old, sha):
            raise HttpError(422, "Update is not a fast forward")
        repo.git("update-ref", full, sha)
        return 200, self.ref_json(repo, full)

    def _delete_ref(self, repo: Repo, ref: str, **_: Any) -> Answer:
        full = f"refs/{ref}"
        if repo.ref_sha(full) is None:
            raise HttpError(422, "Reference does not exist")
        repo.git("update-ref", "-d", full)
        return 204, None

    def graphql(self, body: JSON, token: Token) -> Answer:
        query = str(body.get("query", ""))
        variables = body.get("variables") or {}
        for name, draft in (("convertPullRequestToDraft", True), ("markPullRequestReadyForReview", False)):
            if re.search(rf"\b{name}\s*\(", query):
                if not token.allows("pull_requests", "write"):
                    return 200, {
                        "errors": [{"type": "FORBIDDEN", "message": "Resource not accessible by integration"}]
                    }
                wanted = variables.get("input", {}).get("pullRequestId")
                for repo in self.repos.values():
                    for issue in repo.pulls():
                        if node_id("PR", issue.id) == wanted and issue.pull is not None:
                            issue.pull.draft = draft
                            return 200, {
                                "data": {name: {"clientMutationId": None, "pullRequest": {"isDraft": draft}}}
                            }
                return 200, {
                    "errors": [
                        {
                            "type": "NOT_FOUND",
                            "path": [name],
                            "message": f"Could not resolve to a node with the global id of '{wanted}'",
                        }
                    ]
                }
        return 200, {"errors": [{"message": "The local GitHub only knows the draft mutations"}]}


def _is_ancestor(repo: Repo, old: str, new: str) -> bool:
    done = subprocess.run(
        ["git", "--git-dir", str(repo.bare), "merge-base", "--is-ancestor", old, new],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _required(body: Any, key: str) -> Any:
    if not isinstance(body, dict) or body.get(key) in (None, ""):
        raise HttpError(422, 'Invalid request.\n\n"' + key + "\" wasn't supplied.")
    return body[key]


def _label_name(raw: Any) -> str:
    return str(raw["name"] if isinstance(raw, dict) else raw)


def _push_source(source: Path, bare: Path, default_branch: str) -> None:
    env_git = ["git", "-c", "user.name=Seed", "-c", "user.email=seed@example.invalid"]
    if (source / ".git").exists():
        subprocess.run(
            [*env_git, "-C", str(source), "push", "-q", str(bare), "--all"], check=True, capture_output=True
        )
        return
    work = bare.parent / f".seed-{uuid.uuid4().hex}"
    subprocess.run(["cp", "-r", str(source), str(work)], check=True)
    subprocess.run([*env_git, "-C", str(work), "init", "-q", "-b", default_branch], check=True)
    subprocess.run([*env_git, "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*env_git, "-C", str(work), "commit", "-q", "-m", "Initial commit"], check=True)
    subprocess.run(
        [*env_git, "-C", str(work), "push", "-q", str(bare), default_branch], check=True, capture_output=True
    )
    subprocess.run(["rm", "-rf", str(work)], check=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GitHub.com"

    @property
    def app(self) -> GitHubServer:
        return self.server.app  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read app.requests
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _handle(self, method: str) -> None:
        raw = self._read_body()
        split = urlsplit(self.path)
        target = "git" if re.match(r"^/[^/]+/[^/]+\.git/", split.path) else "api"
        self._request_json: Any = None
        self._response_json: Any = None
        status = self._serve(method, split.path, split.query, raw, target)
        self.app.requests.append(
            Recorded(method, split.path, status, self._request_json, self._response_json)
        )

    def _serve(self, method: str, path: str, query: str, raw: bytes, target: str) -> int:
        fault = self.app.take_fault(target)
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.seconds)
            fault = None
        try:
            if fault is not None:
                raise _fault_error(fault)
            token = self._authenticate(target)
            if target == "git":
                return self._serve_git(method, path, query, raw, token)
            body = json.loads(raw) if raw else {}
            self._request_json = body if raw else None
            if method == "POST" and path == "/api/graphql":
                status, data = self.app.graphql(body, token)
            else:
                status, data = self.app.dispatch(method, path, parse_qs(query), body, token)
            if isinstance(data, list):
                data, links = _paginate(self.app.urls.web + path, parse_qs(query), data)
                return self._send_json(status, data, {"Link": links} if links else {})
            return self._send_json(status, data, {})
        except HttpError as err:
            return self._send_json(err.status, err.body, err.headers)

    def _authenticate(self, target: str) -> Token:
        header = self.headers.get("Authorization", "")
        scheme, _, credential = header.partition(" ")
        token_text = credential.strip()
        if scheme.lower() == "basic":
            try:
                token_text = base64.b64decode(token_text).decode().partition(":")[2]
            except ValueError:
                token_text = ""
        elif scheme.lower() not in ("bearer", "token"):
            token_text = ""
        token = self.app.tokens.get(token_text)
        if token is None:
            message = "Bad credentials" if header else "Requires authentication"
            extra = {"WWW-Authenticate": 'Basic realm="GitHub"'} if target == "git" else {}
            raise HttpError(401, message, headers=extra)
        return token

    def _serve_git(self, method: str, path: str, query: str, raw: bytes, token: Token) -> int:
        match = re.match(r"^/(?P<full>[^/]+/[^/]+)\.git(?P<rest>/.*)$", path)
        assert match is not None
        repo = self.app.repos.get(match["full"])
        if repo is None:
            raise HttpError(404, "Repository not found.")
        pushing = "git-receive-pack" in path or "service=git-receive-pack" in query
        if not token.allows("contents", "write" if pushing else "read"):
            raise HttpError(403, f"Permission to {repo.full_name}.git denied to {token.login}.")
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = run_http_backend(
            project_root=self.app.git_root,
            method=method,
            path_info=f"/{match['full']}.git{match['rest']}",
            query=query,
            headers=headers,
            body=raw,
            remote_user=token.login,
        )
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)
        return answer.status

    def _send_json(self, status: int, data: Any, headers: dict[str, str]) -> int:
        self._response_json = data
        payload = b"" if status == 204 else json.dumps(data).encode()
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-github-request-id", uuid.uuid4().hex[:16].upper())
        self.send_header("x-github-api-version-selected", "2022-11-28")
        defaults = {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "4999",
            "x-ratelimit-reset": str(int(time.time()) + 3600),
            "x-ratelimit-used": "1",
            "x-ratelimit-resource": "core",
        }
        for name, value in {**defaults, **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        return status


def _fault_error(fault: _Fault) -> HttpError:
    if fault.kind == "fail":
        return HttpError(fault.status, "Server Error" if fault.status >= 500 else "Injected failure")
    retry_after = str(int(fault.seconds))
    if fault.kind == "secondary":
        return HttpError(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            headers={"retry-after": retry_after},
        )
    if fault.kind == "429":
        return HttpError(429, "Too Many Requests", headers={"retry-after": retry_after})
    reset = str(int(time.time() + fault.seconds))
    return HttpError(
        403,
        "API rate limit exceeded for installation ID 1.",
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset, "x-ratelimit-used": "5000"},
    )


def _paginate(url: str, query: dict[str, list[str]], items: list[Any]) -> tuple[list[Any], str]:
    per_page = min(int(query.get("per_page", ["30"])[0]), 100)
    page = int(query.get("page", ["1"])[0])
    last = max(1, -(-len(items) // per_page))
    kept = {k: v[0] for k, v in query.items() if k not in ("per_page", "page")}
    links = []
    for rel, number in (("next", page + 1), ("last", last)):
        if page < last:
            links.append(f'<{url}?{urlencode({**kept, "per_page": per_page, "page": number})}>; rel="{rel}"')
    return items[(page - 1) * per_page : page * per_page], ", ".join(links)


@pytest.fixture
def github_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitHubServer]:
    """A running local GitHub; add repos, users and tokens with its seeding helpers."""
    with GitHubServer(tmp_path_factory.mktemp("github")) as server:
        yield server
