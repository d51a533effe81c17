"""The language table against the real sandbox image: the Python command runs an exercise there,
and the probe tells a present toolchain from a missing one (a missing one means *skipped*)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.bench import SuiteListing, language
from bot.sandbox import Limits, RunRequest, RunStatus
from bot.sandbox.docker import DockerSandbox

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftover_containers")]

LIMITS = Limits(timeout_s=120, setup_network=False)


@pytest.fixture
def python_sandbox(docker_client: Any) -> DockerSandbox:
    from bot.sandbox.image import resolve_image

    return DockerSandbox(resolve_image(docker_client, language("python").image), client=docker_client)


def test_exercise_passes_with_reference_and_fails_as_stub(
    builtin_suite: SuiteListing, python_sandbox: DockerSandbox, tmp_path: Path
) -> None:
    ex = next(e for e in builtin_suite.exercises if e.name == "roman-numerals")
    command = language("python").test_command
    stub = ex.workspace(tmp_path / "stub")
    solved = ex.workspace(tmp_path / "solved")
    for rel, text in ex.reference_solution().items():
        (solved / rel).write_text(text, encoding="utf-8")
    passed = python_sandbox.run(RunRequest(solved, command, LIMITS))
    failed = python_sandbox.run(RunRequest(stub, command, LIMITS))
    assert passed.status is RunStatus.PASSED, passed.output[-2000:]
    assert "16 passed" in passed.output
    assert failed.status is RunStatus.FAILED
    assert "NotImplementedError" in failed.output


def test_probe_finds_python_and_misses_cmake(python_sandbox: DockerSandbox, tmp_path: Path) -> None:
    # The C++ row shares the sandbox image, which ships no cmake: C++ must come out as skipped.
    assert language("cpp").image == language("python").image
    present = python_sandbox.run(RunRequest(tmp_path, language("python").probe_command, LIMITS))
    missing = python_sandbox.run(RunRequest(tmp_path, language("cpp").probe_command, LIMITS))
    assert present.status is RunStatus.PASSED
    assert missing.status is RunStatus.FAILED
