from __future__ import annotations

from typing import Any

import pytest

from bot.bench.languages import Language
from bot.bench.runner import SandboxFactory
from bot.ports import Sandbox
from bot.sandbox.docker import DockerSandbox


@pytest.fixture
def docker_sandboxes(docker_client: Any, sandbox_image: str) -> SandboxFactory:
    """Every language in the real sandbox image (so a toolchain it lacks is really missing)."""

    def factory(lang: Language) -> Sandbox:
        return DockerSandbox(sandbox_image, client=docker_client)

    return factory
