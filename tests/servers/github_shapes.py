"""GitHub REST JSON shapes for the local GitHub server.

Each builder returns the full object GitHub's REST description lists (the required fields, with
realistic values), every URL built from the server's own base: PyGithub refuses URLs on another
host. Kept apart from the server so the state machine stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes")
TIMESTAMP = "2026-11-23T12:00:00Z"


@dataclass
class Urls:
    """Where things live: ``web`` is the GitHub site, ``api`` the REST root (GHE-style /api/v3)."""

    web: str

    @property
    def api(self) -> str:
        return f"{self.web}/api/v3"

    def repo(self, full_name: str) -> str:
        return f"{self.api}/repos/{full_name}"


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
    created_at: str = TIMESTAMP
    updated_at: str = TIMESTAMP
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


def node_id(kind: str, ident: int) -> str:
    return f"{kind}_kwDO{ident:08d}"


def user_json(urls: Urls, user: User) -> JSON:
    api_user = f"{urls.api}/users/{user.login}"
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
