"""Shared fixtures: the local GitHub server (see tests/servers/github.py)."""

from tests.servers.github import github_server

__all__ = ["github_server"]
