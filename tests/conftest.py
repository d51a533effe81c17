"""Shared fixtures: Docker (skips without an engine, except in CI where it must run), the
scripted LLM server (tests/servers/llm.py) and the local GitHub (tests/servers/github.py)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers.github import github_server
from tests.servers.llm import LLMServer
from tests.shared_data import clone_bundle, find_bundle

__all__ = ["github_server"]

# Every sandbox container this session (and the processes it starts) creates carries this owner, so
# the leftover check below ignores other sessions sharing the Docker engine. Each xdist worker is a
# session of its own: it inherits the controller's environment, so it adds its name.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SESSION_OWNER = os.environ.setdefault("ARCHITECT_SANDBOX_OWNER", f"pytest-{uuid.uuid4().hex[:12]}")
if _WORKER and not SESSION_OWNER.endswith(f"-{_WORKER}"):
    SESSION_OWNER = os.environ["ARCHITECT_SANDBOX_OWNER"] = f"{SESSION_OWNER}-{_WORKER}"

FULL_SUITE = bool(os.environ.get("ARCHITECT_FULL_SUITE"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``full`` (slow variants of what a sampled test already covers) run only in the
    full suite: ``make test-full``."""
    if FULL_SUITE:
        return
    skip = pytest.mark.skip(reason="full suite only (make test-full, or ARCHITECT_FULL_SUITE=1)")
    for item in items:
        if item.get_closest_marker("full"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def docker_client() -> Any:
    from bot.errors import SandboxUnavailable
    from bot.sandbox.docker import connect

    try:
        return connect(timeout_s=10)
    except SandboxUnavailable as err:
        if os.environ.get("ARCHITECT_REQUIRE_DOCKER"):
            pytest.fail(f"Docker is required here (ARCHITECT_REQUIRE_DOCKER is set): {err}")
        pytest.skip(f"no Docker engine: {err}")


@pytest.fixture(scope="session")
def sandbox_image(docker_client: Any) -> str:
    """The offline image, or $ARCHITECT_SANDBOX_IMAGE (as in scripts/ensure-docker.sh), e.g. a fresh build."""
    from bot.sandbox.image import FALLBACK_IMAGE, resolve_image

    return resolve_image(docker_client, os.environ.get("ARCHITECT_SANDBOX_IMAGE") or FALLBACK_IMAGE)


@pytest.fixture
def no_leftover_containers(docker_client: Any) -> Iterator[None]:
    """Fails the test if a sandbox container or set-up state image of this session outlives it."""
    from bot.sandbox.docker import LABEL

    yield
    left = docker_client.containers.list(all=True, filters={"label": f"{LABEL}={SESSION_OWNER}"})
    assert left == [], f"sandbox containers left behind: {[c.short_id for c in left]}"
    images = docker_client.images.list(filters={"label": f"{LABEL}={SESSION_OWNER}"})
    assert images == [], f"setup images left behind: {[i.short_id for i in images]}"


@pytest.fixture
def llm_server() -> Iterator[LLMServer]:
    """A fresh scripted LLM server per test: `.base_url`, `.openai_base_url`, `.script()`, `.requests`."""
    server = LLMServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def cachetools_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the bundled cachetools history (real upstream commits; ../shared/data/README.md)."""
    bundle = find_bundle()
    if bundle is None:
        if os.environ.get("ARCHITECT_REQUIRE_DOCKER"):
            pytest.fail("shared/data/cachetools.bundle is required here (ARCHITECT_REQUIRE_DOCKER is set)")
        pytest.skip("no shared/data/cachetools.bundle above this checkout")
    return clone_bundle(bundle, tmp_path_factory.mktemp("cachetools") / "repo")
