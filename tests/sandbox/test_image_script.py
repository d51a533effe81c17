"""The image build script's fast paths, against the real engine: kept tags, usage, a failing bootstrap.

Building an image takes minutes (benchmarks/image_build.py times it); these tests never get that far.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bot.sandbox.image import build_script_path


def _script(*args: str, bootstrap: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARCHITECT_BOOTSTRAP": bootstrap} if bootstrap else None
    command = ["bash", build_script_path(), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env)


@pytest.fixture
def two_tags(docker_client: Any, sandbox_image: str) -> Iterator[tuple[str, str]]:
    """Two throwaway tags of the sandbox image, standing in for already built images."""
    run = uuid.uuid4().hex[:8]
    tags = (f"architect-bot-test/sandbox:{run}", f"architect-bot-test/act-runner:{run}")
    image = docker_client.images.get(sandbox_image)
    for tag in tags:
        image.tag(tag)
    yield tags
    for tag in tags:
        docker_client.images.remove(tag)


def test_present_tags_are_kept_and_nothing_is_built(two_tags: tuple[str, str], docker_client: Any) -> None:
    before = {tag: docker_client.images.get(tag).id for tag in two_tags}
    result = _script("--sandbox", two_tags[0], "--runner", two_tags[1])
    assert result.returncode == 0, result.stderr
    assert f"{two_tags[0]}, {two_tags[1]} already present, kept" in result.stdout
    assert "debootstrap" not in result.stdout + result.stderr
    assert {tag: docker_client.images.get(tag).id for tag in two_tags} == before


def test_the_old_positional_form_still_means_the_sandbox_image(two_tags: tuple[str, str]) -> None:
    result = _script(two_tags[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"build-offline-image: {two_tags[0]} already present, kept"


@pytest.mark.parametrize("args", [("--sandbox",), ("--runner", "x", "--color", "red")])
def test_bad_options_print_the_usage(args: tuple[str, ...]) -> None:
    result = _script(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "--runner TAG" in result.stderr


@pytest.mark.parametrize("tool", ["debootstrap", "mmdebstrap"])
@pytest.mark.usefixtures("docker_client")
def test_a_failing_bootstrap_shows_the_end_of_its_log(tool: str) -> None:
    if os.geteuid() != 0 or not shutil.which(tool):
        pytest.skip(f"needs root and {tool}")
    missing = f"architect-bot-test/never:{uuid.uuid4().hex[:8]}"
    result = _script("--sandbox", "", "--runner", missing, "--suite", "no-such-suite", bootstrap=tool)
    assert result.returncode == 1
    assert f"{tool} failed; last lines of its log:" in result.stderr
    assert "no-such-suite" in result.stderr  # the tool's own words, from the log's tail
