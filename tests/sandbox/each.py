"""The ``sandbox`` fixture for tests of what every sandbox promises: each test runs once per sandbox.

Import it into a test module (``from tests.sandbox.each import sandbox``) to use it there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.ports import Sandbox
from bot.sandbox.docker import DockerSandbox
from bot.sandbox.local import LocalSandbox


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    if request.param == "local":
        yield LocalSandbox()
        return
    client: Any = request.getfixturevalue("docker_client")
    image: str = request.getfixturevalue("sandbox_image")
    request.getfixturevalue("no_leftover_containers")
    yield DockerSandbox(image, client=client)
