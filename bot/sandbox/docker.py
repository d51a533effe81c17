"""Docker sandbox: the work tree copied into a throw-away container with no network and hard limits."""

from __future__ import annotations

import logging
import os
import socket
import tarfile
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from bot.errors import SandboxError, SandboxUnavailable
from bot.sandbox.env import request_env, sandbox_env
from bot.sandbox.image import DEFAULT_IMAGE, resolve_image
from bot.sandbox.output import BoundedOutput
from bot.sandbox.reports import MAX_FILES, MAX_REPORT_BYTES, REPORT_DIR_ENV, read_report_tar
from bot.sandbox.types import Limits, RunRequest, RunStatus, TestRun, setup_failed

log = logging.getLogger(__name__)

WORKDIR = "/work"
# Outside the work tree, so reports never look like a change to it.
REPORT_DIR = "/tmp/architect-report"
SANDBOX_UID = 1000
LABEL = "org.architect-bot.sandbox"
# The label's value names who started the container, so one process (or one test session, which sets
# the variable for its children) finds its own containers on an engine others share.
OWNER_ENV = "ARCHITECT_SANDBOX_OWNER"
# Root in the setup step still needs to write into the tree owned by the sandbox user.
_SETUP_CAPS = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID"]


def connect(timeout_s: float = 30.0) -> Any:
    """A docker client that answers, or SandboxUnavailable that says how to get one."""
    import docker
    import docker.errors

    try:
        client = docker.from_env(timeout=int(timeout_s))
        client.ping()
        return client
    except docker.errors.DockerException as err:
        host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
        raise SandboxUnavailable(
            f"no Docker engine answers at {host} ({_first_line(err)}). Start it "
            "(`sudo systemctl start docker`, or `sudo dockerd &`), set DOCKER_HOST, "
            "or run the tests without isolation with --local / sandbox: local"
        ) from err


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:200] if text else type(err).__name__


class DockerSandbox:
    name = "docker"

    def __init__(
        self, image: str = DEFAULT_IMAGE, client: Any | None = None, build_image: bool = True
    ) -> None:
        self.image = image
        self._client = client
        self._build_image = build_image

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = connect()
        return self._client

    def run(self, request: RunRequest) -> TestRun:
        workdir = request.workdir.resolve()
        if not workdir.is_dir():
            raise SandboxError(f"work tree {workdir} is not a directory")
        test_env = {**request_env(request.env), REPORT_DIR_ENV: REPORT_DIR}  # refused before any work
        image = resolve_image(self.client, self.image, allow_build=self._build_image)
        limits = request.limits
        setup_net = bool(request.setup) and limits.setup_network
        container = self._create(
            image, limits, network=limits.network or setup_net, setup=bool(request.setup)
        )
        try:
            with _SpooledTar(workdir) as archive:
                container.put_archive("/", archive)
            container.start()
            setup_run = None
            if request.setup:
                setup_run = self._exec(container, request.setup, limits.setup_timeout_s, limits, image, "0:0")
                if not setup_run.passed:
                    return setup_failed(request.command, setup_run)
                if setup_net and not limits.network:
                    self._disconnect(container)
            result = self._exec(
                container, request.command, limits.timeout_s, limits, image, f"{SANDBOX_UID}", test_env
            )
            return replace(result, setup=setup_run, reports=_reports(container), workdir=WORKDIR)
        finally:
            _remove(container)

    def _create(self, image: str, limits: Limits, *, network: bool, setup: bool) -> Any:
        import docker.errors

        try:
            return self.client.containers.create(
                image,
                command=["sleep", "infinity"],
                # An exec inherits the container user's capability sets: root setup needs a root container.
                # The tests still run as SANDBOX_UID, and a non-root exec keeps no capabilities.
                user="0:0" if setup else f"{SANDBOX_UID}",
                working_dir=WORKDIR,
                environment=sandbox_env("/tmp", {"PIP_BREAK_SYSTEM_PACKAGES": "1"}),
                network_mode="bridge" if network else "none",
                mem_limit=f"{limits.memory_mb}m",
                memswap_limit=f"{limits.memory_mb}m",
                nano_cpus=int(limits.cpus * 1e9),
                pids_limit=limits.pids,
                cap_drop=["ALL"],
                cap_add=_SETUP_CAPS if setup else None,
                security_opt=["no-new-privileges"],
                init=True,
                labels={LABEL: container_owner()},
            )
        except docker.errors.DockerException as err:
            raise SandboxError(f"could not create a container from {image}: {_first_line(err)}") from err

    def _disconnect(self, container: Any) -> None:
        container.reload()
        for net in list(container.attrs["NetworkSettings"]["Networks"]):
            self.client.networks.get(net).disconnect(container, force=True)
        log.debug("network cut off after setup")

    def _exec(
        self,
        container: Any,
        command: str,
        timeout_s: float,
        limits: Limits,
        image: str,
        user: str,
        env: dict[str, str] | None = None,
    ) -> TestRun:
        api = self.client.api
        output = BoundedOutput(limits.output_budget_bytes)
        # One pipe for both streams keeps their real order; Docker would multiplex them apart.
        script = f"exec 2>&1\n{command}"
        if env and REPORT_DIR_ENV in env:
            script = f'exec 2>&1\nmkdir -p "${REPORT_DIR_ENV}"\n{command}'
        exec_id = api.exec_create(
            container.id, ["/bin/sh", "-c", script], user=user, workdir=WORKDIR, environment=env
        )["Id"]
        expired = threading.Event()

        def on_timeout() -> None:
            expired.set()
            _kill(container)

        timer = threading.Timer(timeout_s, on_timeout)
        start = time.monotonic()
        timer.start()
        try:
            for chunk in api.exec_start(exec_id, stream=True, demux=False):
                output.feed(chunk)
        except Exception as err:  # the stream breaks when the container is killed
            if not expired.is_set():
                raise SandboxError(f"lost the output stream of the sandbox: {_first_line(err)}") from err
        finally:
            timer.cancel()
        duration = time.monotonic() - start
        exit_code = None if expired.is_set() else api.exec_inspect(exec_id).get("ExitCode")
        if expired.is_set():
            output.feed(f"\n[architect-bot: killed after the {timeout_s:g} s timeout]\n".encode())
            status = RunStatus.TIMED_OUT
        else:
            status = RunStatus.PASSED if exit_code == 0 else RunStatus.FAILED
            if exit_code == 137:
                output.feed(b"\n[architect-bot: killed (exit 137): out of memory or too many processes?]\n")
        return TestRun(
            command=command,
            status=status,
            exit_code=exit_code,
            duration_s=duration,
            output=output.text(),
            output_bytes_total=output.total,
            output_bytes_cut=output.cut,
            sandbox=self.name,
            image=image,
        )


def _reports(container: Any) -> dict[str, str]:
    """The files the test command left in REPORT_DIR (the container may be stopped: that still works)."""
    import docker.errors

    try:
        chunks, _ = container.get_archive(REPORT_DIR)
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
            budget = MAX_FILES * (MAX_REPORT_BYTES + 4096)  # a flood of report bytes stops here
            for chunk in chunks:
                spool.write(chunk[:budget])
                budget -= len(chunk)
                if budget <= 0:
                    break
            spool.seek(0)
            return read_report_tar(spool)
    except docker.errors.NotFound:
        return {}  # the command never made the directory (it did not run, or removed it)
    except docker.errors.DockerException as err:
        log.warning("could not read the test reports from the sandbox: %s", _first_line(err))
        return {}


def _kill(container: Any) -> None:
    try:
        container.kill()
    except Exception as err:  # already gone is fine
        log.debug("kill: %s", err)


def _remove(container: Any) -> None:
    try:
        container.remove(force=True)
    except Exception as err:
        log.warning("could not remove sandbox container %s: %s", container.short_id, _first_line(err))


class _SpooledTar:
    """A tar of the work tree, spooled to disk past 32 MB so big trees do not fill memory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> IO[bytes]:
        with tarfile.open(fileobj=self.file, mode="w") as tar:
            tar.add(str(self.root), arcname=WORKDIR.lstrip("/"), filter=_owned_by_sandbox)
        self.file.seek(0)
        return self.file

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _owned_by_sandbox(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = SANDBOX_UID
    info.uname = info.gname = "sandbox"
    return info


def container_owner() -> str:
    """The sandbox label's value: $ARCHITECT_SANDBOX_OWNER, else this host and process."""
    return os.environ.get(OWNER_ENV) or f"{socket.gethostname()}-{os.getpid()}"
