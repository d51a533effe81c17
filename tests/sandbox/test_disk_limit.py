"""Writable space in the Docker sandbox is bounded (13.12): /tmp is a sized tmpfs, no file grows past
the limit, and filling the work dir with many files is stopped; each ends as a clear failure."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import Limits, RunRequest, RunStatus
from bot.sandbox.docker import DockerSandbox
from tests.sandbox.repos import make_repo

pytestmark = pytest.mark.usefixtures("no_leftover_containers")

LIMITS = Limits(disk_mb=64, timeout_s=120)


@pytest.fixture
def sandbox(docker_client: Any, sandbox_image: str) -> DockerSandbox:
    return DockerSandbox(sandbox_image, client=docker_client)


def test_filling_tmp_fails_inside_the_sandbox(sandbox: DockerSandbox, tmp_path: Path) -> None:
    # files under the per-file limit, 100 MB in all
    fill = "for i in $(seq 1 10); do dd if=/dev/zero of=/tmp/f$i bs=1M count=10 2>&1 || echo dd-failed; done"
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), f"{fill}; exit 1", LIMITS))
    assert "No space left on device" in run.output, run.output
    assert "dd-failed" in run.output


def test_one_huge_file_in_the_work_dir_is_refused(sandbox: DockerSandbox, tmp_path: Path) -> None:
    code = "open('big', 'wb').write(bytes(100 * 1024 * 1024))"
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), f'python3 -c "{code}"', LIMITS))
    assert run.status is RunStatus.FAILED
    assert "File too large" in run.output, run.output


def test_many_files_filling_the_work_dir_end_the_run(sandbox: DockerSandbox, tmp_path: Path) -> None:
    """Below the per-file limit, but 10 x 30 MB: the run is stopped as a failure that says why."""
    fill = "for i in $(seq 1 10); do dd if=/dev/zero of=f$i bs=1M count=30 2>/dev/null; done; sleep 60"
    started = time.monotonic()
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), fill, LIMITS))
    assert run.status is RunStatus.FAILED, run.output
    assert "disk" in run.output and "64 MB" in run.output, run.output
    assert time.monotonic() - started < 50
