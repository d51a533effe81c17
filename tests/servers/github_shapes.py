"""GitHub REST JSON shapes for the local GitHub server.

Each builder returns the full object GitHub's REST description lists (the required fields, with
realistic values), every URL built from the server's own base: PyGithub refuses URLs on another
host. Kept apart from the server so the state machine stays readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from tests.servers.github_model import (
    JSON,
    REACTIONS,
    TIMESTAMP,
    CheckRecord,
    Comment,
    Issue,
    Label,
    Reaction,
    Repo,
    ReviewComment,
    User,
    WorkflowJob,
    WorkflowRunInfo,
)


@dataclass
class Urls:
    """Where things live: ``web`` is the GitHub site, ``api`` the REST root (GHE-style /api/v3).

    ``api_root`` replaces the REST root in every URL the server hands out, for when clients reach
    the REST side through a proxy (the end-to-end tests put a contract-checking proxy in front).
    """

    web: str
    api_root: str | None = None

    @property
    def api(self) -> str:
        return self.api_root or f"{self.web}/api/v3"

    def repo(self, full_name: str) -> str:
        return f"{self.api}/repos/{full_name}"


def node_id(kind: str, ident: int) -> str:
    return f"{kind}_kwDO{ident:08d}"


def user_json(urls: Urls, user: User) -> JSON:
    # GitHub percent-encodes bot logins: .../users/github-actions%5Bbot%5D ("[" is no URI character).
    api_user = f"{urls.api}/users/{quote(user.login)}"
    html = f"{urls.web}/apps/{user.login.removesuffix('[bot]')}" if user.type == "Bot" else None
    return {
        "login": user.login,
        "id": user.id,
        "node_id": node_id("U", user.id),
        "avatar_url": f"{urls.web}/avatars/u/{user.id}?v=4",
        "gravatar_id": "",
        "url": api_user,
        "html_url": html or f"{urls.web}/{user.login}",
        "followers_url": f"{api_user}/followers",
        "following_url": f"{api_user}/following{{/other_user}}",
        "gists_url": f"{api_user}/gists{{/gist_id}}",
        "starred_url": f"{api_user}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api_user}/subscriptions",
        "organizations_url": f"{api_user}/orgs",
        "repos_url": f"{api_user}/repos",
        "events_url": f"{api_user}/events{{/privacy}}",
        "received_events_url": f"{api_user}/received_events",
        "type": user.type,
        "user_view_type": "public",
        "site_admin": False,
    }


_REPO_URL_FIELDS = {
    "forks_url": "/forks",
    "keys_url": "/keys{/key_id}",
    "collaborators_url": "/collaborators{/collaborator}",
    "teams_url": "/teams",
    "hooks_url": "/hooks",
    "issue_events_url": "/issues/events{/number}",
    "events_url": "/events",
    "assignees_url": "/assignees{/user}",
    "branches_url": "/branches{/branch}",
    "tags_url": "/tags",
    "blobs_url": "/git/blobs{/sha}",
    "git_tags_url": "/git/tags{/sha}",
    "git_refs_url": "/git/refs{/sha}",
    "trees_url": "/git/trees{/sha}",
    "statuses_url": "/statuses/{sha}",
    "languages_url": "/languages",
    "stargazers_url": "/stargazers",
    "contributors_url": "/contributors",
    "subscribers_url": "/subscribers",
    "subscription_url": "/subscription",
    "commits_url": "/commits{/sha}",
    "git_commits_url": "/git/commits{/sha}",
    "comments_url": "/comments{/number}",
    "issue_comment_url": "/issues/comments{/number}",
    "contents_url": "/contents/{+path}",
    "compare_url": "/compare/{base}...{head}",
    "merges_url": "/merges",
    "archive_url": "/{archive_format}{/ref}",
    "downloads_url": "/downloads",
    "issues_url": "/issues{/number}",
    "pulls_url": "/pulls{/number}",
    "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "labels_url": "/labels{/name}",
    "releases_url": "/releases{/id}",
    "deployments_url": "/deployments",
}


def repo_json(
    urls: Urls,
    full_name: str,
    repo_id: int,
    owner: User,
    *,
    private: bool,
    default_branch: str,
    open_issues: int,
    permission: str,
) -> JSON:
    url = urls.repo(full_name)
    data: JSON = {
        "id": repo_id,
        "node_id": node_id("R", repo_id),
        "name": full_name.split("/")[1],
        "full_name": full_name,
        "private": private,
        "owner": user_json(urls, owner),
        "html_url": f"{urls.web}/{full_name}",
        "description": None,
        "fork": False,
        "url": url,
        **{key: url + suffix for key, suffix in _REPO_URL_FIELDS.items()},
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
        "pushed_at": TIMESTAMP,
        "git_url": f"{urls.web.replace('http', 'git', 1)}/{full_name}.git",
        "ssh_url": f"git@{urls.web.split('://')[1]}:{full_name}.git",
        "clone_url": f"{urls.web}/{full_name}.git",
        "svn_url": f"{urls.web}/{full_name}",
        "homepage": None,
        "size": 1,
        "stargazers_count": 0,
        "watchers_count": 0,
        "language": "Python",
        "has_issues": True,
        "has_projects": True,
        "has_downloads": True,
        "has_wiki": False,
        "has_pages": False,
        "has_discussions": False,
        "forks_count": 0,
        "mirror_url": None,
        "archived": False,
        "disabled": False,
        "open_issues_count": open_issues,
        "license": None,
        "allow_forking": True,
        "is_template": False,
        "web_commit_signoff_required": False,
        "topics": [],
        "visibility": "private" if private else "public",
        "forks": 0,
        "open_issues": open_issues,
        "watchers": 0,
        "network_count": 0,
        "subscribers_count": 0,
        "default_branch": default_branch,
        "permissions": permissions_json(permission),
    }
    return data


def permissions_json(role: str) -> JSON:
    order = ["none", "read", "triage", "write", "maintain", "admin"]
    rank = order.index(role)
    return {
        "admin": rank >= 5,
        "maintain": rank >= 4,
        "push": rank >= 3,
        "triage": rank >= 2,
        "pull": rank >= 1,
    }


def reactions_summary(url: str, reactions: list[Reaction]) -> JSON:
    summary: JSON = {"url": f"{url}/reactions", "total_count": len(reactions)}
    for content in REACTIONS:
        summary[content] = sum(1 for r in reactions if r.content == content)
    return summary


def label_json(urls: Urls, full_name: str, label: Label) -> JSON:
    return {
        "id": label.id,
        "node_id": node_id("LA", label.id),
        "url": f"{urls.repo(full_name)}/labels/{label.name}",
        "name": label.name,
        "color": label.color,
        "default": False,
        "description": label.description,
    }


def reaction_json(urls: Urls, reaction: Reaction, user: User) -> JSON:
    return {
        "id": reaction.id,
        "node_id": node_id("REA", reaction.id),
        "user": user_json(urls, user),
        "content": reaction.content,
        "created_at": TIMESTAMP,
    }


class RenderMixin:
    """Full GitHub objects from the server's state (mixed into ``GitHubServer``)."""

    urls: Urls
    add_user: Callable[..., User]
    next_id: Callable[[], int]

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
            "merged_at": issue.closed_at if pull.merged else None,
            "merge_commit_sha": pull.merge_commit_sha,
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

    def check_run_json(self, repo: Repo, sha: str, name: str, index: int) -> JSON:
        """A queued check run, as a CI that has just started on the commit reports it."""
        api, web = self.urls.repo(repo.full_name), f"{self.urls.web}/{repo.full_name}"
        run_id = int(sha[:7], 16) * 10 + index
        return {
            "id": run_id,
            "node_id": node_id("CR", run_id),
            "head_sha": sha,
            "external_id": "",
            "url": f"{api}/check-runs/{run_id}",
            "html_url": f"{web}/runs/{run_id}",
            "details_url": f"{web}/actions/runs/{run_id}",
            "status": "queued",
            "conclusion": None,
            "started_at": None,
            "completed_at": None,
            "output": {
                "title": None,
                "summary": None,
                "text": None,
                "annotations_count": 0,
                "annotations_url": f"{api}/check-runs/{run_id}/annotations",
            },
            "name": name,
            "check_suite": {"id": run_id},
            "app": None,
            "pull_requests": [],
        }

    def completed_check_json(self, repo: Repo, record: CheckRecord) -> JSON:
        """A check run another CI App completed, with the output it reported."""
        data = self.check_run_json(repo, record.sha, record.name, 0)
        data.update(
            id=record.id,
            node_id=node_id("CR", record.id),
            status="completed",
            conclusion=record.conclusion,
            started_at=TIMESTAMP,
            completed_at=TIMESTAMP,
            check_suite={"id": record.suite_id},
        )
        data["output"].update(
            title=record.title or None,
            summary=record.summary or None,
            text=record.text or None,
            annotations_count=len(record.annotations),
        )
        return data

    def annotation_json(self, repo: Repo, record: CheckRecord, note: tuple[str, int, str]) -> JSON:
        path, line, message = note
        return {
            "path": path,
            "blob_href": f"{self.urls.web}/{repo.full_name}/blob/{record.sha}/{path}",
            "start_line": line,
            "end_line": line,
            "start_column": None,
            "end_column": None,
            "annotation_level": "failure",
            "title": None,
            "message": message,
            "raw_details": None,
        }

    def job_json(self, repo: Repo, run_id: int, job: WorkflowJob) -> JSON:
        api, web = self.urls.repo(repo.full_name), f"{self.urls.web}/{repo.full_name}"
        steps = [{"name": "Set up job", "status": "completed", "conclusion": "success", "number": 1}]
        if job.failed_step:
            steps.append(
                {"name": job.failed_step, "status": "completed", "conclusion": "failure", "number": 2}
            )
        return {
            "id": job.id,
            "run_id": run_id,
            "run_url": f"{api}/actions/runs/{run_id}",
            "run_attempt": 1,
            "node_id": node_id("CR", job.id),
            "head_sha": repo.ref_sha(f"refs/heads/{repo.default_branch}") or "",
            "url": f"{api}/actions/jobs/{job.id}",
            "html_url": f"{web}/actions/runs/{run_id}/job/{job.id}",
            "status": "completed",
            "conclusion": job.conclusion,
            "created_at": TIMESTAMP,
            "started_at": TIMESTAMP,
            "completed_at": TIMESTAMP,
            "name": job.name,
            "steps": steps,
            "check_run_url": f"{api}/check-runs/{job.id}",
            "labels": ["ubuntu-latest"],
            "runner_id": 1,
            "runner_name": "GitHub Actions 1",
            "runner_group_id": 1,
            "runner_group_name": "GitHub Actions",
            "workflow_name": "CI",
            "head_branch": None,
        }

    def workflow_run_json(self, repo: Repo, run_id: int, info: WorkflowRunInfo) -> JSON:
        api, web = self.urls.repo(repo.full_name), f"{self.urls.web}/{repo.full_name}"
        run = f"{api}/actions/runs/{run_id}"
        repository = self.repo_json(repo, None)
        return {
            "id": run_id,
            "name": info.name,
            "node_id": node_id("WFR", run_id),
            "head_branch": info.branch,
            "head_sha": info.sha,
            "path": info.path,
            "run_number": run_id % 1000,
            "display_title": info.name,
            "event": info.event,
            "status": "completed",
            "conclusion": info.conclusion,
            "workflow_id": info.workflow_id,
            "url": run,
            "html_url": f"{web}/actions/runs/{run_id}",
            "created_at": TIMESTAMP,
            "updated_at": TIMESTAMP,
            "head_commit": {
                "id": info.sha,
                "tree_id": info.sha,
                "message": "a commit",
                "timestamp": TIMESTAMP,
                "author": {"name": "A Person", "email": "person@example.com"},
                "committer": {"name": "A Person", "email": "person@example.com"},
            },
            "head_repository": repository,
            "repository": repository,
            "jobs_url": f"{run}/jobs",
            "logs_url": f"{run}/logs",
            "check_suite_url": f"{api}/check-suites/{run_id}",
            "cancel_url": f"{run}/cancel",
            "rerun_url": f"{run}/rerun",
            "artifacts_url": f"{run}/artifacts",
            "workflow_url": f"{api}/actions/workflows/{info.workflow_id}",
            "pull_requests": [],
        }

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
