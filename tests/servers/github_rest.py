"""The REST side of the local GitHub: a route table and one handler per endpoint.

Each route names the Actions token permissions that allow it (any one of them); a token without
them gets GitHub's 403 "Resource not accessible by integration" and its
``x-accepted-github-permissions`` header.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from tests.servers.github_model import (
    JSON,
    LEGACY_PERMISSION,
    REACTIONS,
    TIMESTAMP,
    Answer,
    Comment,
    HttpError,
    Issue,
    Label,
    Pull,
    Reaction,
    Repo,
    ReviewComment,
    Token,
    User,
    WorkflowJob,
    now_timestamp,
)
from tests.servers.github_shapes import Urls, label_json, node_id, permissions_json, reaction_json

# method, path under /api/v3 ({repo} is /repos/owner/name), handler, permissions (any of)
ROUTES = """
GET    /user                                          get_user
GET    {repo}                                         get_repo               metadata=read
GET    {repo}/issues/{number}                         get_issue              issues=read pull_requests=read
PATCH  {repo}/issues/{number}                         patch_issue            issues=write
GET    {repo}/issues/comments                         list_repo_comments     issues=read pull_requests=read
GET    {repo}/issues/{number}/comments                list_comments          issues=read pull_requests=read
POST   {repo}/issues/{number}/comments                create_comment         issues=write pull_requests=write
GET    {repo}/issues/comments/{cid}                   get_comment            issues=read pull_requests=read
PATCH  {repo}/issues/comments/{cid}                   edit_comment           issues=write pull_requests=write
DELETE {repo}/issues/comments/{cid}                   delete_comment         issues=write pull_requests=write
GET    {repo}/issues/{number}/reactions               list_issue_reactions   issues=read
POST   {repo}/issues/{number}/reactions               react_issue            issues=write pull_requests=write
POST   {repo}/issues/comments/{cid}/reactions         react_comment          issues=write pull_requests=write
POST   {repo}/pulls/comments/{cid}/reactions          react_review_comment   pull_requests=write
GET    {repo}/labels                                  list_labels            issues=read
POST   {repo}/labels                                  create_label           issues=write pull_requests=write
GET    {repo}/issues/{number}/labels                  issue_labels           issues=read
POST   {repo}/issues/{number}/labels                  add_labels             issues=write pull_requests=write
DELETE {repo}/issues/{number}/labels/{label}          remove_label           issues=write pull_requests=write
GET    {repo}/collaborators/{login}/permission        permission             metadata=read
GET    {repo}/pulls                                   list_pulls             pull_requests=read
POST   {repo}/pulls                                   create_pull            pull_requests=write
GET    {repo}/pulls/{number}                          get_pull               pull_requests=read
PATCH  {repo}/pulls/{number}                          patch_pull             pull_requests=write
GET    {repo}/pulls/{number}/comments                 list_review_comments   pull_requests=read
GET    {repo}/pulls/comments/{cid}                    get_review_comment     pull_requests=read
POST   {repo}/pulls/{number}/comments/{cid}/replies   reply                  pull_requests=write
GET    {repo}/pulls/{number}/requested_reviewers      get_reviewers          pull_requests=read
POST   {repo}/pulls/{number}/requested_reviewers      request_reviewers      pull_requests=write
GET    {repo}/commits/{ref}/check-runs                list_check_runs        checks=read
GET    {repo}/check-suites/{number}/check-runs        list_suite_checks      checks=read
GET    {repo}/check-runs/{number}/annotations         list_annotations       checks=read
GET    {repo}/actions/runs/{number}/jobs              list_run_jobs          actions=read
GET    {repo}/actions/workflows/{label}/runs          list_workflow_runs     actions=read
GET    {repo}/actions/jobs/{number}/logs              job_logs               actions=read
GET    {repo}/git/ref/{ref}                           get_ref                contents=read
GET    {repo}/git/refs/{ref}                          get_ref                contents=read
POST   {repo}/git/refs                                create_ref             contents=write
PATCH  {repo}/git/refs/{ref}                          update_ref             contents=write
DELETE {repo}/git/refs/{ref}                          delete_ref             contents=write
"""
_PARTS = {
    "{repo}": r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)",
    "{number}": r"(?P<number>\d+)",
    "{cid}": r"(?P<cid>\d+)",
    "{login}": r"(?P<login>[^/]+)",
    "{ref}": r"(?P<ref>.+)",
    "{label}": r"(?P<label>[^/]+)",
}
Route = tuple[str, re.Pattern[str], str, tuple[str, ...]]


def parse_routes(table: str) -> list[Route]:
    routes = []
    for line in table.strip().splitlines():
        method, path, handler, *perms = line.split()
        for name, pattern in _PARTS.items():
            path = path.replace(name, pattern)
        routes.append((method, re.compile(f"^/api/v3{path}$"), handler, tuple(perms)))
    return routes


class RestMixin:
    """The endpoint handlers (mixed into ``GitHubServer``, which owns the state)."""

    urls: Urls
    repos: dict[str, Repo]
    users: dict[str, User]
    _lock: threading.RLock
    _routes: list[Route]
    next_id: Callable[[], int]
    add_user: Callable[..., User]
    role_of: Callable[[Repo, str], str]
    user_json: Callable[[str], JSON]
    label_list: Callable[[Repo, list[str]], list[JSON]]
    issue_json: Callable[[Repo, Issue], JSON]
    comment_json: Callable[[Repo, Comment], JSON]
    pull_json: Callable[[Repo, Issue], JSON]
    review_comment_json: Callable[[Repo, ReviewComment], JSON]
    ref_json: Callable[[Repo, str], JSON]
    check_run_json: Callable[[Repo, str, str, int], JSON]
    job_json: Callable[[Repo, int, WorkflowJob], JSON]
    repo_json: Callable[[Repo, str | None], JSON]
    _ensure_label: Callable[[Repo, str], Label]

    def dispatch(
        self, method: str, path: str, query: dict[str, list[str]], body: Any, token: Token
    ) -> Answer:
        allowed_methods = set()
        for verb, pattern, handler, perms in self._routes:
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
                return getattr(self, f"_{handler}")(repo=repo, token=token, query=query, body=body, **args)  # type: ignore[no-any-return]
        raise HttpError(404, "Not Found")

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

    def _list_repo_comments(self, repo: Repo, query: dict[str, list[str]], **_: Any) -> Answer:
        """Every issue and pull request comment of the repository (pagination is the caller's)."""
        sort = query.get("sort", ["created"])[0]
        direction = query.get("direction", ["asc"])[0]
        since = query.get("since", [None])[0]
        if sort not in ("created", "updated") or direction not in ("asc", "desc"):
            raise HttpError(422, "Validation Failed")
        comments = [c for issue in repo.issues.values() for c in issue.comments]
        if since is not None:
            floor = _instant(since)
            comments = [c for c in comments if _instant(c.updated_at) >= floor]
        comments.sort(
            key=lambda c: (_instant(c.updated_at if sort == "updated" else c.created_at), c.id),
            reverse=direction == "desc" and "sort" in query,
        )
        return 200, [self.comment_json(repo, c) for c in comments]

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
        comment.updated_at = now_timestamp()
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

    def _remove_label(self, repo: Repo, number: str, label: str, **_: Any) -> Answer:
        issue = self._issue(repo, number)
        label = unquote(label)
        if label not in issue.labels:
            raise HttpError(404, "Label does not exist")
        issue.labels.remove(label)
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

    def _list_check_runs(self, repo: Repo, ref: str, query: dict[str, list[str]], **_: Any) -> Answer:
        """The queued checks a CI starts on a pushed commit, then the completed ones of CI Apps
        (``app_id`` and ``status`` filter as on GitHub)."""
        sha = repo.ref_sha(ref)
        if sha is None:
            raise HttpError(422, f"No commit found for SHA: {ref}")
        on_default = sha == repo.ref_sha(f"refs/heads/{repo.default_branch}")
        app = query.get("app_id", [None])[0]
        status = query.get("status", [None])[0]
        names = [] if on_default or app is not None or status == "completed" else repo.checks_on_push
        runs = [self.check_run_json(repo, sha, name, index) for index, name in enumerate(names, 1)]
        done = [r for r in repo.check_records if r.sha == sha and app in (None, str(r.app_id))]
        runs += [self.completed_check_json(repo, record) for record in done]
        return 200, {"total_count": len(runs), "check_runs": runs}

    def _list_annotations(self, repo: Repo, number: str, **_: Any) -> Answer:
        found = [r for r in repo.check_records if r.id == int(number)]
        if not found:
            raise HttpError(404, "Not Found")
        return 200, [self.annotation_json(repo, found[0], note) for note in found[0].annotations]

    def _list_suite_checks(self, repo: Repo, number: str, **_: Any) -> Answer:
        done = [r for r in repo.check_records if r.suite_id == int(number)]
        if not done:
            raise HttpError(404, "Not Found")
        runs = [self.completed_check_json(repo, record) for record in done]
        return 200, {"total_count": len(runs), "check_runs": runs}

    def _list_run_jobs(self, repo: Repo, number: str, **_: Any) -> Answer:
        if int(number) not in repo.runs:
            raise HttpError(404, "Not Found")
        jobs = [self.job_json(repo, int(number), job) for job in repo.runs[int(number)]]
        return 200, {"total_count": len(jobs), "jobs": jobs}

    def _list_workflow_runs(self, repo: Repo, label: str, query: dict[str, list[str]], **_: Any) -> Answer:
        """The workflow by id or file name; newest first, filtered by branch and status as GitHub does
        (only completed runs are kept)."""
        branch = query.get("branch", [None])[0]
        status = query.get("status", [None])[0]
        per_page = int(query.get("per_page", ["30"])[0])
        found = [
            (run_id, info)
            for run_id, info in sorted(repo.run_info.items(), reverse=True)
            if label in (str(info.workflow_id), info.path.rsplit("/", 1)[-1])
            and branch in (None, info.branch)
            and status in (None, "completed", info.conclusion)
        ]
        runs = [self.workflow_run_json(repo, run_id, info) for run_id, info in found[:per_page]]
        return 200, {"total_count": len(found), "workflow_runs": runs}

    def _job_logs(self, repo: Repo, number: str, **_: Any) -> Answer:
        """As GitHub: a redirect to a short-lived download URL of the plain-text log."""
        if not any(job.id == int(number) for jobs in repo.runs.values() for job in jobs):
            raise HttpError(404, "Not Found")
        location = f"{self.urls.web}/_logs/{repo.full_name}/{number}"
        raise HttpError(302, "Found", headers={"Location": location})

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


def _instant(text: str) -> datetime:
    """An ISO 8601 time as GitHub accepts it (``2026-11-23T00:00:00Z``, offsets allowed), in UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as err:
        raise HttpError(422, f"Invalid value for since: {text!r}") from err
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _required(body: Any, key: str) -> Any:
    if not isinstance(body, dict) or body.get(key) in (None, ""):
        raise HttpError(422, 'Invalid request.\n\n"' + key + "\" wasn't supplied.")
    return body[key]


def _label_name(raw: Any) -> str:
    return str(raw["name"] if isinstance(raw, dict) else raw)
