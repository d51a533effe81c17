"""The baseline cache key names the image the tests ran in by its id, so a rebuilt image (same
name, new content) never reuses a baseline taken in the old one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bot.baseline import baseline_key
from bot.sandbox.docker import DockerSandbox
from bot.sandbox.types import Limits
from bot.testresults.instrument import instrument

pytestmark = pytest.mark.docker


@pytest.fixture
def retaggable(docker_client: Any, sandbox_image: str) -> Iterator[str]:
    name = f"architect-bot/key-test:{uuid.uuid4().hex[:8]}"
    docker_client.images.get(sandbox_image).tag(name)
    try:
        yield name
    finally:
        docker_client.images.remove(name, noprune=True)


def test_a_rebuilt_image_under_the_same_name_changes_the_key(docker_client: Any, retaggable: str) -> None:
    instr = instrument("python3 -m pytest -q")
    before = baseline_key("abc", instr, None, DockerSandbox(retaggable, client=docker_client), Limits())
    again = baseline_key("abc", instr, None, DockerSandbox(retaggable, client=docker_client), Limits())
    assert before == again

    # "Rebuild": the same name now points at an image with other content.
    rebuilt = docker_client.containers.run(retaggable, "true", detach=True)
    try:
        rebuilt.wait()
        rebuilt.commit(*retaggable.split(":"), changes=["LABEL rebuilt=yes"])
    finally:
        rebuilt.remove(force=True)
    after = baseline_key("abc", instr, None, DockerSandbox(retaggable, client=docker_client), Limits())
    assert after != before
    assert retaggable in after.sandbox
