"""Problem statements from GitHub for mined cases: a merged pull request that closes an issue (a
closing keyword in its description or title, `Fixes #12`) gives its merge commit the issue's title and
body, the text the bot would have been given. Other commits keep their message and are marked
``statement: commit-message``."""

from __future__ import annotations

from github import Auth, Github
from github.GithubException import GithubException

from bot.errors import ForgeError
from bot.events import CLOSING_REFERENCE


def issue_statements(full_name: str, token: str, api_url: str = "https://api.github.com") -> dict[str, str]:
    """Merge commit sha -> "title\\n\\nbody" of the issue its pull request closes."""
    client = Github(base_url=api_url.rstrip("/"), auth=Auth.Token(token) if token else None, retry=None)
    found: dict[str, str] = {}
    try:
        repo = client.get_repo(full_name)
        for pull in repo.get_pulls(state="closed", sort="created", direction="desc"):
            if pull.merged_at is None or not pull.merge_commit_sha:
                continue
            match = CLOSING_REFERENCE.search(f"{pull.title}\n{pull.body or ''}")
            if match is None:
                continue
            issue = repo.get_issue(int(match.group(1)))
            if issue.pull_request is not None:  # "fixes #3" naming another pull request
                continue
            found[pull.merge_commit_sha] = f"{issue.title}\n\n{issue.body or ''}".strip()
    except GithubException as err:
        raise ForgeError(f"could not read the pull requests of {full_name}: {err.status} {err.data}") from err
    return found
