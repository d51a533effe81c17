"""`architect-bot run` stopped by a signal at a chosen stage leaves nothing behind: no worktree
registered in the user's repository, no scratch directory, no sandbox container; and what a
SIGKILL had to leave is swept up by the next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.docker import LABEL
from tests.pipeline.helpers import FIX_ADD, PLAN, make_repo
from tests.robust.leftovers import scratch_dirs, worktrees
from tests.servers.llm import LLMServer, Reply

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("sandbox_image")

# the fix that makes the test run hang: the signal can then arrive while the container runs
HANG_IN_TESTS = FIX_ADD.replace("    return a + b", "    import time\n    time.sleep(300)\n    return a + b")
STALLED_PLAN = Reply(answer=PLAN, stall_after_chunks=1, stall_s=300)


class Run:
    """One `architect-bot run` subprocess with its own scratch /tmp and sandbox owner label."""

    def __init__(self, repo: Path, llm: LLMServer, tmp: Path, image: str, owner: str) -> None:
        tmp.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TMPDIR": str(tmp),
            "OPENAI_API_KEY": "k",
            "ARCHITECT_SANDBOX_OWNER": owner,
        }
        args = ["run", "--repo", str(repo), "--issue-text", "add() is wrong", "--json"]
        args += ["--base-url", llm.openai_base_url, "--architect", "compat/qwq-32b"]
        args += ["--editor", "compat/qwen2.5-coder-32b", "--sandbox", "docker", "--image", image]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err


def wait_for(what: str, ready: Callable[[], bool], timeout: float = 120) -> None:
    until = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < until, f"timed out waiting for {what}"
        time.sleep(0.2)


def containers(docker_client: Any, owner: str) -> list[Any]:
    return list(docker_client.containers.list(all=True, filters={"label": f"{LABEL}={owner}"}))


def running_tests(docker_client: Any, owner: str, llm_server: LLMServer | None = None) -> bool:
    """True once a container runs the test command (its exec has started); with ``llm_server``, only
    after both scripted calls were made (the baseline's test run at the base comes before them)."""
    if llm_server is not None and len(llm_server.requests) < 2:
        return False
    for c in containers(docker_client, owner):
        c.reload()
        if c.status == "running" and c.attrs.get("ExecIDs"):
            return True
    return False


@pytest.fixture
def owner(docker_client: Any) -> Any:
    name = f"signals-{uuid.uuid4().hex[:10]}"
    yield name
    for c in containers(docker_client, name):  # whatever a failed test left
        c.remove(force=True)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"])
def test_a_signal_while_the_architect_thinks_cleans_up(
    sig: signal.Signals, code: int, llm_server: LLMServer, tmp_path: Path, sandbox_image: str, owner: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(STALLED_PLAN)
    run = Run(repo, llm_server, tmp_path / "tmp", sandbox_image, owner)
    wait_for("the plan request", lambda: len(llm_server.requests) == 1)
    wait_for("the scratch worktree", lambda: bool(worktrees(repo)))

    run.proc.send_signal(sig)
    returncode, _, stderr = run.finish()

    assert returncode == code, stderr[-3000:]
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"])
def test_a_signal_while_the_tests_run_removes_the_container(
    sig: signal.Signals,
    code: int,
    llm_server: LLMServer,
    tmp_path: Path,
    sandbox_image: str,
    docker_client: Any,
    owner: str,
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(Reply(answer=PLAN), Reply(answer=HANG_IN_TESTS))
    run = Run(repo, llm_server, tmp_path / "tmp", sandbox_image, owner)
    wait_for("the test run", lambda: running_tests(docker_client, owner, llm_server))

    run.proc.send_signal(sig)
    returncode, _, stderr = run.finish()

    assert returncode == code, stderr[-3000:]
    assert "Traceback" not in stderr
    assert containers(docker_client, owner) == []
    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []


def test_the_next_run_sweeps_up_what_a_sigkill_left(
    llm_server: LLMServer, tmp_path: Path, sandbox_image: str, docker_client: Any, owner: str
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(Reply(answer=PLAN), Reply(answer=HANG_IN_TESTS))
    killed = Run(repo, llm_server, tmp_path / "tmp", sandbox_image, owner)
    wait_for("the test run", lambda: running_tests(docker_client, owner, llm_server))
    killed.proc.kill()
    killed.finish()
    assert containers(docker_client, owner) and worktrees(repo) and scratch_dirs(tmp_path / "tmp")

    llm_server.script(Reply(answer=PLAN), Reply(answer=FIX_ADD))
    returncode, stdout, stderr = Run(repo, llm_server, tmp_path / "tmp", sandbox_image, owner).finish()

    assert returncode == 0, stderr[-3000:]
    assert json.loads(stdout)["status"] == "fixed"
    assert containers(docker_client, owner) == []
    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []
