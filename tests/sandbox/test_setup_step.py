"""The setup step runs editor-modified files (13.8): as the unprivileged sandbox user unless
`setup-as-root`, with network only when `setup-network`, and nothing it started lives on into the
tests. Real Docker."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import Limits, RunRequest
from bot.sandbox.docker import DockerSandbox
from tests.sandbox.repos import make_repo

pytestmark = pytest.mark.usefixtures("no_leftover_containers")

# Every process the test command can see, one command line a line (the image has no ps).
PROCESSES = "for d in /proc/[0-9]*; do cat $d/cmdline 2>/dev/null | tr '\\0' ' '; echo; done"
# A setup that leaves a sleeper, a detached sleeper in its own session, and a listener behind.
LINGERING = (
    "id -u > setup-uid; (sleep 1000 &); setsid sleep 1001 & "
    "nohup python3 -m http.server 8765 >/dev/null 2>&1 & sleep 1; echo started"
)


@pytest.fixture
def sandbox(docker_client: Any, sandbox_image: str) -> DockerSandbox:
    return DockerSandbox(sandbox_image, client=docker_client)


def test_setup_runs_unprivileged_by_default(sandbox: DockerSandbox, tmp_path: Path) -> None:
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), "cat setup-uid", setup="id -u > setup-uid"))
    assert run.passed, run.output
    assert run.output.strip() == "1000"


def test_setup_as_root_when_asked(sandbox: DockerSandbox, tmp_path: Path) -> None:
    limits = Limits(setup_as_root=True)
    run = sandbox.run(
        RunRequest(make_repo(tmp_path / "r"), "cat setup-uid; id -u", limits, "id -u > setup-uid")
    )
    assert run.passed, run.output
    assert run.output.split() == ["0", "1000"]  # the tests themselves still run unprivileged


@pytest.mark.parametrize("as_root", [False, True])
def test_no_process_from_setup_survives_into_the_tests(
    sandbox: DockerSandbox, tmp_path: Path, as_root: bool
) -> None:
    limits = Limits(setup_as_root=as_root)
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), PROCESSES, limits, LINGERING))
    assert run.setup is not None and "started" in run.setup.output, run.setup
    assert run.passed, run.output
    assert "sleep 1000" not in run.output and "sleep 1001" not in run.output, run.output
    assert "http.server" not in run.output, run.output


def test_setup_network_can_be_turned_off(sandbox: DockerSandbox, tmp_path: Path) -> None:
    interfaces = "cut -d: -f1 /proc/net/dev | tail -n +3 | tr -d ' ' | sort | tr '\\n' ' '"
    repo = make_repo(tmp_path / "r")
    with_net = sandbox.run(RunRequest(repo, "true", Limits(), setup=interfaces))
    without = sandbox.run(RunRequest(repo, "true", Limits(setup_network=False), setup=interfaces))
    assert with_net.setup is not None and "eth0" in with_net.setup.output
    assert without.setup is not None and without.setup.output.split() == ["lo"]


def test_the_settings_reach_the_sandbox_limits(tmp_path: Path) -> None:
    from bot.config import load_settings
    from bot.sandbox import limits_for

    config = "setup-as-root: true\nsetup-network: false\ndisk-mb: 512\n"
    from tests.pipeline.helpers import make_repo as make_git_repo

    repo = make_git_repo(tmp_path / "r", {".github/architect-bot.yml": config})  # read as committed
    limits = limits_for(load_settings(repo))
    assert limits.setup_as_root and not limits.setup_network and limits.disk_mb == 512
    assert not limits_for(load_settings(None)).setup_as_root


def test_the_local_sandbox_ends_what_the_setup_left_too(tmp_path: Path) -> None:
    from bot.sandbox.local import LocalSandbox

    token = f"{os.getpid() % 100000:05d}{int(time.time()) % 1000:03d}"  # a sleep length nothing else uses
    # the pause lets setsid leave the process group before the setup ends
    setup = f"(sleep {token}1 &); setsid sleep {token}2 & sleep 0.5; echo started"
    probe = f"sleep 0.5; {PROCESSES} | grep 'slee[p] {token}'; echo listed"
    run = LocalSandbox().run(RunRequest(make_repo(tmp_path / "r"), probe, Limits(timeout_s=60), setup))
    assert run.setup is not None and "started" in run.setup.output, run.setup
    assert run.output.strip() == "listed", run.output
