"""Local sandbox: a subprocess in a temporary copy of the work tree. Not isolated."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from bot.errors import SandboxError
from bot.sandbox.env import request_env, sandbox_env
from bot.sandbox.history import refresh_copy, self_contained_copy
from bot.sandbox.leftovers import end_marked, new_marker
from bot.sandbox.output import BoundedOutput
from bot.sandbox.reports import REPORT_DIR_ENV, read_report_dir
from bot.sandbox.setup_state import PROBE, parse_runtime, setup_key, tree_files
from bot.sandbox.types import (
    PreparedSetup,
    RunRequest,
    RunStatus,
    Runtime,
    SetupKey,
    TestRun,
    prepared_state,
    setup_failed,
)
from bot.sandbox.venv import make_venv, use_venv

log = logging.getLogger(__name__)

WARNING = (
    "local sandbox: NOT isolated: tests run as this user on this machine, with its network and no resource "
    "limits except the timeout; use Docker for untrusted code"
)


class LocalSandbox:
    name = "local"

    def __init__(self) -> None:
        self._runtimes: dict[str, Runtime] = {}

    def setup_key(self, request: RunRequest) -> SetupKey:
        assert request.setup is not None
        where = f"local:{shutil.which('python3') or sys.executable}"
        return setup_key(request.workdir.resolve(), request.setup, where, request.limits)

    def prepare(self, request: RunRequest) -> PreparedSetup:
        """Runs the setup once in a folder of its own (copy, venv, home) that the runs reuse: the copy
        is kept as the setup left it and restored for each run; ``release`` deletes the folder."""
        assert request.setup is not None
        key, workdir = self.setup_key(request), request.workdir.resolve()
        files = tree_files(workdir)
        log.warning(WARNING)
        root = Path(tempfile.mkdtemp(prefix="architect-setup-"))
        try:
            self_contained_copy(workdir, root / _WORK)
            (root / _HOME).mkdir()
            marker, run_id = new_marker()
            env = sandbox_env(str(root / _HOME), {marker: run_id})
            make_venv(root / _VENV, env)
            limits = request.limits
            run = _run_once(
                request.setup, root / _WORK, use_venv(root / _VENV, env), limits.setup_timeout_s,
                limits.output_budget_bytes,
            )  # fmt: skip
            end_marked(run_id)  # nothing the setup started lives on into the tests
            if not run.passed:
                shutil.rmtree(root, ignore_errors=True)
                return PreparedSetup(key, run, "", files)
            shutil.copytree(root / _WORK, root / _KEPT, symlinks=True)
            return PreparedSetup(key, run, str(root), files)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise

    def release(self, prepared: PreparedSetup) -> None:
        if prepared.handle:
            shutil.rmtree(prepared.handle, ignore_errors=True)

    def run(self, request: RunRequest) -> TestRun:
        workdir = request.workdir.resolve()
        if not workdir.is_dir():
            raise SandboxError(f"work tree {workdir} is not a directory")
        extra_env = request_env(request.env)  # refused before any work
        log.warning(WARNING)
        prepared = prepared_state(request)
        with tempfile.TemporaryDirectory(prefix="architect-local-") as scratch:
            # a set-up state's folder, its copy restored to what the setup left; else a fresh one
            root = Path(prepared.handle) if prepared else Path(scratch)
            copy = root / _WORK
            if prepared:
                shutil.rmtree(copy)
                shutil.copytree(root / _KEPT, copy, symlinks=True)
                refresh_copy(workdir, copy, prepared.files - tree_files(workdir))
            else:
                self_contained_copy(workdir, copy)
                (root / _HOME).mkdir()
            marker, run_id = new_marker()
            base_env = sandbox_env(str(root / _HOME), {marker: run_id})
            if not prepared:
                make_venv(root / _VENV, base_env)
            env = use_venv(root / _VENV, base_env)
            # Beside the copy, not in it: reports are not part of the work tree.
            reports = Path(scratch) / "report"
            reports.mkdir()
            test_env = {**env, **extra_env, REPORT_DIR_ENV: str(reports)}
            setup_run = None
            if request.setup and not prepared:
                setup_run = _run_once(
                    request.setup,
                    copy,
                    env,
                    request.limits.setup_timeout_s,
                    request.limits.output_budget_bytes,
                )
                end_marked(run_id)  # nothing the setup started lives on into the tests
                if not setup_run.passed:
                    return setup_failed(request.command, setup_run, warnings=(WARNING,))
            runtime = self._runtime(env, prepared.key.digest if prepared else request.setup or "")
            result = _run_once(
                request.command, copy, test_env, request.limits.timeout_s, request.limits.output_budget_bytes
            )
            end_marked(run_id)
            return replace(
                result,
                setup=setup_run,
                warnings=(WARNING,),
                reports=read_report_dir(reports),
                workdir=str(copy),
                runtime=runtime,
            )

    def _runtime(self, env: dict[str, str], state: str) -> Runtime:
        """The Python and pytest the tests see, asked once per set-up state."""
        if state not in self._runtimes:
            probe = _run_once(PROBE, Path("/"), env, PROBE_TIMEOUT_S, 4096)
            self._runtimes[state] = parse_runtime(probe.output)
        return self._runtimes[state]


# the folders of a run (or of a set-up state that runs reuse)
_WORK, _KEPT, _HOME, _VENV = "work", "as-set-up", "home", "venv"
PROBE_TIMEOUT_S = 60.0


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
