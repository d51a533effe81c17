"""The hosted repository most Action tests run against (a test file may make its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.harness import Site
from tests.servers.github import GitHubServer


@pytest.fixture
def site(github_server: GitHubServer, tmp_path: Path) -> Site:
    return Site(github_server, tmp_path)
