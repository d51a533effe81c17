"""Fixtures for the GitHub adapter tests: a seeded local GitHub and forges pointed at it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.forge.github import GitHubForge
from bot.forge.retry import ForgeRetryPolicy
from tests.servers.github import GitHubServer

REPO = "acme/widgets"
TOKEN = "ghs_forgeTestSecret0123456789abcdef"
ALL_WRITE = {"contents": "write", "issues": "write", "pull-requests": "write"}

ForgeFactory = Callable[..., GitHubForge]


@pytest.fixture
def hub(github_server: GitHubServer, tmp_path: Path) -> GitHubServer:
    source = tmp_path / "source"
    (source / "widgets").mkdir(parents=True)
    (source / "widgets" / "__init__.py").write_text("def answer():\n    return 41\n")
    (source / "README.md").write_text("# widgets\n")
    github_server.add_token(TOKEN, "github-actions[bot]", permissions=ALL_WRITE)
    github_server.create_repo(REPO, source)
    github_server.add_collaborator(REPO, "maria", "maintain")
    github_server.add_collaborator(REPO, "walt", "write")
    github_server.add_collaborator(REPO, "tria", "triage")
    github_server.add_user("stranger")
    return github_server


@pytest.fixture
def sleeps() -> list[float]:
    """The waits the retry policy asked for (nothing really sleeps in tests)."""
    return []


@pytest.fixture
def make_forge(hub: GitHubServer, sleeps: list[float]) -> ForgeFactory:
    def build(
        token: str = TOKEN, *, attempts: int = 4, max_wait: float = 120.0, timeout: int = 15
    ) -> GitHubForge:
        policy = ForgeRetryPolicy(attempts=attempts, backoff=0.01, max_wait=max_wait, sleep=sleeps.append)
        return GitHubForge(
            REPO,
            token,
            api_url=hub.api_url,
            retry=policy,
            timeout=timeout,
            seconds_between_requests=0,
            seconds_between_writes=0,
        )

    return build


@pytest.fixture
def forge(make_forge: ForgeFactory) -> GitHubForge:
    return make_forge()


def git(workdir: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(workdir), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def workdir(hub: GitHubServer, tmp_path: Path) -> Path:
    """A local clone (through the file system, so the forge's push is the only HTTP traffic)."""
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(hub.repo(REPO).bare), str(work)], check=True)
    git(work, "config", "user.name", "architect-bot")
    git(work, "config", "user.email", "bot@example.invalid")
    return work


def commit_change(workdir: Path, text: str, message: str = "Fix the answer") -> str:
    (workdir / "widgets" / "__init__.py").write_text(text)
    git(workdir, "commit", "-qam", message)
    return git(workdir, "rev-parse", "HEAD")
