"""Local sandbox: a subprocess in a temporary copy of the work tree. Not isolated."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from bot.errors import SandboxError
from bot.sandbox.env import request_env, sandbox_env
from bot.sandbox.output import BoundedOutput
from bot.sandbox.reports import REPORT_DIR_ENV, read_report_dir
from bot.sandbox.types import RunRequest, RunStatus, TestRun, setup_failed

log = logging.getLogger(__name__)

WARNING = (
    "local sandbox: NOT isolated: tests run as this user on this machine, with its network and no resource "
    "limits except the timeout; use Docker for untrusted code"
)


class LocalSandbox:
    name = "local"

    def run(self, request: RunRequest) -> TestRun:
        workdir = request.workdir.resolve()
        if not workdir.is_dir():
            raise SandboxError(f"work tree {workdir} is not a directory")
        extra_env = request_env(request.env)  # refused before any work
        log.warning(WARNING)
        with tempfile.TemporaryDirectory(prefix="architect-local-") as scratch:
            copy = Path(scratch) / "work"
            shutil.copytree(workdir, copy, symlinks=True)
            home = Path(scratch) / "home"
            home.mkdir()
            env = sandbox_env(str(home))
            # Beside the copy, not in it: reports are not part of the work tree.
            reports = Path(scratch) / "report"
            reports.mkdir()
            test_env = {**env, **extra_env, REPORT_DIR_ENV: str(reports)}
            setup_run = None
            if request.setup:
                setup_run = _run_once(
                    request.setup,
                    copy,
                    env,
                    request.limits.setup_timeout_s,
                    request.limits.output_budget_bytes,
                )
                if not setup_run.passed:
                    return setup_failed(request.command, setup_run, warnings=(WARNING,))
            result = _run_once(
                request.command, copy, test_env, request.limits.timeout_s, request.limits.output_budget_bytes
            )
            return replace(
                result,
                setup=setup_run,
                warnings=(WARNING,),
                reports=read_report_dir(reports),
                workdir=str(copy),
            )


def _run_once(command: str, cwd: Path, env: dict[str, str], timeout_s: float, budget: int) -> TestRun:
    output = BoundedOutput(budget)
    start = time.monotonic()
    proc = subprocess.Popen(
        ["/bin/sh", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so the timeout can kill the whole process group
    )
    stdout_fd = proc.stdout.fileno() if proc.stdout else -1

    def pump() -> None:
        while chunk := os.read(stdout_fd, 65536):
            output.feed(chunk)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(proc.pid)
        proc.wait()
    # Children that outlive the shell keep the pipe open: stop them before draining.
    _kill_group(proc.pid)
    reader.join(timeout=5)
    if proc.stdout:
        proc.stdout.close()
    duration = time.monotonic() - start
    if timed_out:
        output.feed(f"\n[architect-bot: killed after the {timeout_s:g} s timeout]\n".encode())
        status = RunStatus.TIMED_OUT
    else:
        status = RunStatus.PASSED if proc.returncode == 0 else RunStatus.FAILED
    return TestRun(
        command=command,
        status=status,
        exit_code=None if timed_out else proc.returncode,
        duration_s=duration,
        output=output.text(),
        output_bytes_total=output.total,
        output_bytes_cut=output.cut,
        sandbox="local",
    )


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
