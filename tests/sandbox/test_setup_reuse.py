"""A set-up state serves many runs (#17 item 5), in each sandbox: every run starts from what the
setup left (it does not run again), with the current tree copied over it (changed files new,
deleted files gone, a fresh history) and nothing an earlier run's tests wrote; ``release`` removes
it. The stale sweep removes the state images a killed run left."""

from __future__ import annotations

import contextlib
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.errors import SandboxError
from bot.ports import Sandbox, SetupSandbox
from bot.process_owner import this_owner
from bot.sandbox import Limits, RunRequest
from bot.sandbox.docker import LABEL
from bot.sandbox.stale import PROCESS_LABEL, sweep_stale_images
from tests.conftest import SESSION_OWNER
from tests.sandbox.each import sandbox
from tests.sandbox.repos import make_repo

__all__ = ["sandbox"]

# the setup leaves a build file no run can make the same: a run that shows it started from the state
SETUP = "cat /proc/sys/kernel/random/uuid > built.txt"
PROBE = (
    "cat built.txt; cat kept.py; echo; ls gone.py 2>&1 | grep -c 'No such'; "
    "ls left-by-tests 2>&1 | grep -c 'No such'; touch left-by-tests; git log --oneline | wc -l"
)


def test_runs_start_from_the_state_the_setup_left(sandbox: Sandbox, tmp_path: Path) -> None:
    assert isinstance(sandbox, SetupSandbox)
    repo = make_repo(tmp_path / "r", **{"gone.py": "x = 1\n", "kept.py": "old"})
    request = RunRequest(repo, PROBE, Limits(timeout_s=60), SETUP)
    state = sandbox.prepare(request)
    try:
        assert state.run.passed, state.run.output
        (repo / "gone.py").unlink()
        (repo / "kept.py").write_text("new")
        first = sandbox.run(replace(request, prepared=state))
        second = sandbox.run(replace(request, prepared=state))
    finally:
        sandbox.release(state)
    assert first.passed, first.output
    assert first.setup is None  # the state's setup, not a new one
    token, kept, gone, left, commits = first.output.split()
    assert len(token) == 36 and kept == "new" and gone == left == "1" and commits == "1", first.output
    assert second.output == first.output  # the same setup's file; the first run's leftovers are gone
    assert state.handle and not _exists(sandbox, state.handle)


def _exists(sandbox: Sandbox, handle: str) -> bool:
    client = getattr(sandbox, "client", None)
    if client is None:
        return Path(handle).exists()
    import docker.errors

    try:
        client.images.get(handle)
        return True
    except docker.errors.ImageNotFound:
        return False


@pytest.mark.usefixtures("no_leftover_containers")
def test_the_sweep_removes_state_images_of_dead_runs_only(docker_client: Any, sandbox_image: str) -> None:
    ended = subprocess.Popen(["true"])  # a pid that is gone once waited for
    ended.wait()
    dead_owner = this_owner().rsplit(" ", 1)[0] + f" {ended.pid}"
    images = []
    box = docker_client.containers.create(sandbox_image, ["true"], labels={LABEL: SESSION_OWNER})
    try:
        for tag, owner in (("sweep-dead", dead_owner), ("sweep-live", this_owner())):
            change = [f'LABEL {PROCESS_LABEL}="{owner}"']
            images.append(box.commit(repository="architect-bot/setup-state", tag=tag, changes=change))
    finally:
        box.remove(force=True)
    try:
        sweep_stale_images(docker_client, LABEL)
        left = {i.id for i in docker_client.images.list(filters={"label": f"{LABEL}={SESSION_OWNER}"})}
        assert images[0].id not in left and images[1].id in left
    finally:
        for image in images:
            with contextlib.suppress(Exception):  # the sweep removed it
                docker_client.images.remove(image.id, force=True)


def test_a_failed_setup_leaves_no_state_to_run_from(sandbox: Sandbox, tmp_path: Path) -> None:
    assert isinstance(sandbox, SetupSandbox)
    request = RunRequest(make_repo(tmp_path / "r"), "true", Limits(timeout_s=60), "echo broken >&2; exit 3")
    state = sandbox.prepare(request)
    assert not state.run.passed and state.run.exit_code == 3 and "broken" in state.run.output
    assert state.handle == ""  # nothing kept: no image, no folder
    with pytest.raises(SandboxError, match="failed: there is no set-up state"):
        sandbox.run(replace(request, prepared=state))
