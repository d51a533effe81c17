"""Docker sandbox: the work tree copied into a throw-away container with no network and hard limits."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shlex
import socket
import tarfile
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from bot.errors import SandboxError, SandboxUnavailable
from bot.sandbox.disk import DiskWatch, create_options, may_have_quota, quota_refused
from bot.sandbox.env import request_env, sandbox_env
from bot.sandbox.history import nearest_tag, write_history
from bot.sandbox.image import DEFAULT_IMAGE, image_id, resolve_image, short_id
from bot.sandbox.output import BoundedOutput
from bot.sandbox.reports import MAX_FILES, MAX_REPORT_BYTES, REPORT_DIR_ENV, read_report_tar
from bot.sandbox.setup_state import PROBE, parse_runtime, setup_key, tree_files
from bot.sandbox.stale import run_labels, sweep_stale_containers, sweep_stale_images
from bot.sandbox.types import (
    Limits,
    PreparedSetup,
    RunRequest,
    RunStatus,
    Runtime,
    SetupKey,
    TestRun,
    prepared_state,
    setup_failed,
)

log = logging.getLogger(__name__)
# Outside the work tree, so reports never look like a change to it; not under /tmp, a tmpfs, whose
# files `get_archive` (docker cp) cannot read.
REPORT_DIR = "/var/tmp/architect-report"

WORKDIR = "/work"
SANDBOX_UID = 1000
LABEL = "org.architect-bot.sandbox"
# The label's value names who started the container, so one process (or one test session, which sets
# the variable for its children) finds its own containers on an engine others share.
OWNER_ENV = "ARCHITECT_SANDBOX_OWNER"
# Set-up states (bot/sandbox/setup_state.py) are committed under this name; a run removes its own at
# its end, the stale sweep those of killed runs (their process is gone, or a day has passed).
STATE_REPOSITORY = "architect-bot/setup-state"
STATE_LIFETIME_S = 24 * 3600.0
# pip installs of the unprivileged setup go here, on the container's layer (kept by the commit of
# a set-up state), not under $HOME: /tmp is a tmpfs, which a commit leaves out.
USER_BASE = "/var/tmp/architect-python"
# Root in the setup step still needs to write into the tree owned by the sandbox user.
_SETUP_CAPS = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID"]


def connect(timeout_s: float = 30.0) -> Any:
    """A docker client that answers, or SandboxUnavailable that says how to get one."""
    import docker
    import docker.errors

    try:
        client = docker.from_env(timeout=int(timeout_s))
        client.ping()
    except docker.errors.DockerException as err:
        host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
        raise SandboxUnavailable(
            f"no Docker engine answers at {host} ({_first_line(err)}). Start it "
            "(`sudo systemctl start docker`, or `sudo dockerd &`), set DOCKER_HOST, "
            "or run the tests without isolation on this machine by choosing it: `--sandbox local` (run), "
            "`--local` (sandbox), `sandbox: local` (workflow input or .github/architect-bot.yml)"
        ) from err
    sweep_stale_containers(client, LABEL)  # what runs killed outright left on this engine
    sweep_stale_images(client, LABEL)
    return client


def _environment() -> dict[str, str]:
    env = sandbox_env("/tmp", {"PIP_BREAK_SYSTEM_PACKAGES": "1", "PYTHONUSERBASE": USER_BASE})
    env["PATH"] = f"{USER_BASE}/bin:{env['PATH']}"  # console scripts the setup installed
    return env


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
        self._resolved: tuple[str, str] | None = None  # (name, id): found once per sandbox, not per run
        self._lock = threading.Lock()
        self._runtimes: dict[str, Runtime] = {}

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = connect()
        return self._client

    def resolved_image(self) -> tuple[str, str]:
        """The image the runs use (``image`` or its offline fallback) and its id, resolved once."""
        with self._lock:
            if self._resolved is None:
                name = resolve_image(self.client, self.image, allow_build=self._build_image)
                self._resolved = (name, image_id(self.client, name))
                log.debug("sandbox image for %s: %s (%s)", self.image, name, short_id(self._resolved[1]))
            return self._resolved

    def setup_key(self, request: RunRequest) -> SetupKey:
        assert request.setup is not None
        where = f"docker:{self.resolved_image()[1]}"
        return setup_key(request.workdir.resolve(), request.setup, where, request.limits)

    def prepare(self, request: RunRequest) -> PreparedSetup:
        """Runs the setup once and commits the container to a temporary image the runs start from
        (labelled like the containers, so a killed run's image is swept too; ``release`` removes it)."""
        assert request.setup is not None
        key = self.setup_key(request)
        workdir = request.workdir.resolve()
        files = tree_files(workdir)
        image, ident = self.resolved_image()
        limits = request.limits
        net = limits.setup_network
        with self._container(image, workdir, limits, network=net, setup=True) as (box, watch):
            box.start()
            run = replace(self._setup(box, request.setup, limits, image, watch), image_id=ident)
            if not run.passed:
                return PreparedSetup(key, run, "", files)
            labels = {LABEL: container_owner(), **run_labels(STATE_LIFETIME_S)}
            changes = [f"LABEL {name}={json.dumps(value)}" for name, value in labels.items()]
            state = box.commit(repository=STATE_REPOSITORY, tag=uuid.uuid4().hex[:16], changes=changes)
        log.debug("setup state of %s committed as %s", request.setup, short_id(state.id))
        return PreparedSetup(key, run, str(state.id), files)

    def release(self, prepared: PreparedSetup) -> None:
        if not prepared.handle:
            return
        try:
            self.client.images.remove(prepared.handle, force=True)
        except Exception as err:  # the stale sweep of a later run removes it
            log.warning(
                "could not remove the setup image %s: %s", short_id(prepared.handle), _first_line(err)
            )

    def run(self, request: RunRequest) -> TestRun:
        workdir = request.workdir.resolve()
        if not workdir.is_dir():
            raise SandboxError(f"work tree {workdir} is not a directory")
        image, ident = self.resolved_image()
        limits, prepared = request.limits, prepared_state(request)
        setup = None if prepared else request.setup  # a prepared state has run it already
        setup_net = bool(setup) and limits.setup_network
        test_env = {**request_env(request.env), REPORT_DIR_ENV: REPORT_DIR}  # refused before any work
        removed = sorted(prepared.files - tree_files(workdir)) if prepared else None
        start_from = prepared.handle if prepared else image
        with self._container(
            start_from, workdir, limits, network=limits.network or setup_net, setup=bool(setup), clear=removed
        ) as (container, watch):
            if not prepared:
                container.start()
            setup_run = None
            if setup:
                setup_run = replace(self._setup(container, setup, limits, image, watch), image_id=ident)
                if not setup_run.passed:
                    return setup_failed(request.command, setup_run)
                if setup_net and not limits.network:
                    self._disconnect(container)
            runtime = self._runtime(container, f"{ident} {prepared.key.digest if prepared else setup}")
            user = f"{SANDBOX_UID}"
            result = self._exec(
                container, request.command, limits.timeout_s, limits, image, user, watch, test_env
            )
            return replace(
                result,
                setup=setup_run,
                reports=_reports(container),
                workdir=WORKDIR,
                image_id=ident,
                runtime=runtime,
            )

    @contextlib.contextmanager
    def _container(
        self,
        image: str,
        workdir: Path,
        limits: Limits,
        *,
        network: bool,
        setup: bool,
        clear: Sequence[str] | None = None,
    ) -> Iterator[tuple[Any, DiskWatch | None]]:
        """A container of ``image`` holding ``workdir``'s tree, and its disk watch; removed on the way out.
        ``clear``: for an image of a set-up state, the files of its tree that ``workdir`` no longer has
        (the container starts to delete them and its old history before the tree is copied over)."""
        with _SpooledTar(workdir) as archive:
            container, quota = self._create_sized(
                image, limits, network=network, setup=setup, copied_mb=_size_mb(archive)
            )
            try:
                if clear is not None:
                    container.start()
                    gone = " ".join(shlex.quote(f"{WORKDIR}/{p}") for p in [".git", *clear])
                    self._quiet(container, f"rm -rf -- {gone} 2>/dev/null; true", f"{SANDBOX_UID}")
                container.put_archive("/", archive)
            except BaseException:
                _remove(container)
                raise
        try:
            # without a quota on the container's layer, a watchdog bounds what the work dir may grow by
            watch = None if quota else DiskWatch(self.client, container, limits.disk_mb)
            with watch or contextlib.nullcontext():
                yield container, watch
        finally:
            _remove(container)

    def _runtime(self, container: Any, state: str) -> Runtime:
        """The Python and pytest the tests see (after the setup, which may install another pytest),
        asked once per image and set-up state."""
        if state not in self._runtimes:
            self._runtimes[state] = parse_runtime(self._quiet(container, PROBE, f"{SANDBOX_UID}"))
        return self._runtimes[state]

    def _create_sized(
        self, image: str, limits: Limits, *, network: bool, setup: bool, copied_mb: int
    ) -> tuple[Any, bool]:
        """The container, and whether the engine put a quota on its layer (bot/sandbox/disk.py)."""
        if may_have_quota(self.client):
            try:
                quota = {"size": f"{limits.disk_mb + copied_mb}M"}
                return self._create(image, limits, network=network, setup=setup, storage_opt=quota), True
            except SandboxError as err:
                if not quota_refused(self.client, err):
                    raise
        return self._create(image, limits, network=network, setup=setup), False

    def _create(
        self,
        image: str,
        limits: Limits,
        *,
        network: bool,
        setup: bool,
        storage_opt: dict[str, str] | None = None,
    ) -> Any:
        import docker.errors

        try:
            return self.client.containers.create(
                image,
                command=["sleep", "infinity"],
                # With a setup the container's own processes run as root (with no capabilities unless the
                # setup is root too: an exec inherits the container user's capability sets), so the
                # setup's user cannot kill them, and its leftovers can be killed without stopping the
                # container. The tests always run as SANDBOX_UID, and a non-root exec keeps no capabilities.
                user="0:0" if setup else f"{SANDBOX_UID}",
                working_dir=WORKDIR,
                environment=_environment(),
                network_mode="bridge" if network else "none",
                mem_limit=f"{limits.memory_mb}m",
                memswap_limit=f"{limits.memory_mb}m",
                nano_cpus=int(limits.cpus * 1e9),
                pids_limit=limits.pids,
                cap_drop=["ALL"],
                cap_add=_SETUP_CAPS if setup and limits.setup_as_root else None,
                security_opt=["no-new-privileges"],
                init=True,
                labels={LABEL: container_owner(), **run_labels(limits.setup_timeout_s + limits.timeout_s)},
                storage_opt=storage_opt,
                **create_options(limits.disk_mb),
            )
        except docker.errors.DockerException as err:
            raise SandboxError(f"could not create a container from {image}: {_first_line(err)}") from err

    def _setup(
        self, container: Any, command: str, limits: Limits, image: str, watch: DiskWatch | None
    ) -> TestRun:
        """Runs the setup as the sandbox user (root only with ``setup_as_root``), then ends every
        process it left, so nothing from the setup (a server, a watcher) lives on into the tests."""
        keep = self._quiet(container, _LIST_PROCESSES, "0:0").split()
        user = "0:0" if limits.setup_as_root else f"{SANDBOX_UID}"
        run = self._exec(container, command, limits.setup_timeout_s, limits, image, user, watch)
        if not run.passed:  # no tests follow (and a timed-out setup has taken the container with it)
            return run
        script = _KILL_ALL_BUT.replace("KEEP", " ".join(keep))
        # A non-root user can only signal its own processes; root here has no CAP_KILL. So one pass
        # as each user the setup could have run processes as.
        for who in (f"{SANDBOX_UID}", "0:0") if limits.setup_as_root else (f"{SANDBOX_UID}",):
            self._quiet(container, script, who)
        left = set(self._quiet(container, _LIST_PROCESSES, "0:0").split()) - set(keep)
        if left:
            raise SandboxError(
                f"the setup command left {len(left)} processes the sandbox could not stop; "
                "make it end everything it starts"
            )
        return run

    def _quiet(self, container: Any, script: str, user: str) -> str:
        """Runs a short script of the bot's own in the container; returns its output."""
        api = self.client.api
        exec_id = api.exec_create(container.id, ["/bin/sh", "-c", script], user=user)["Id"]
        out: bytes = api.exec_start(exec_id)
        return out.decode(errors="replace")

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
        watch: DiskWatch | None = None,
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
        timer.daemon = True  # a run stopped by a signal before the cancel below must not wait for it
        start = time.monotonic()
        timer.start()
        try:
            for chunk in api.exec_start(exec_id, stream=True, demux=False):
                output.feed(chunk)
        except Exception as err:  # the stream breaks when the container is killed
            if not expired.is_set() and not (watch and watch.tripped.is_set()):
                raise SandboxError(f"lost the output stream of the sandbox: {_first_line(err)}") from err
        finally:
            timer.cancel()
        duration = time.monotonic() - start
        disk_full = watch is not None and watch.tripped.is_set()
        exit_code = None if expired.is_set() or disk_full else api.exec_inspect(exec_id).get("ExitCode")
        if expired.is_set():
            output.feed(f"\n[architect-bot: killed after the {timeout_s:g} s timeout]\n".encode())
            status = RunStatus.TIMED_OUT
        elif watch is not None and disk_full:
            output.feed(watch.message().encode())
            status = RunStatus.FAILED
        else:
            status = RunStatus.PASSED if exit_code == 0 else RunStatus.FAILED
            if exit_code == 137:
                output.feed(b"\n[architect-bot: killed (exit 137): out of memory or too many processes?]\n")
            if exit_code == _SIGXFSZ_EXIT:
                output.feed(
                    f"\n[architect-bot: killed (exit {exit_code}): a file grew past the "
                    f"{limits.disk_mb} MB disk limit]\n".encode()
                )
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


# A shell reports a process killed by SIGXFSZ (a file past RLIMIT_FSIZE) as 128 + 25.
_SIGXFSZ_EXIT = 153


def _size_mb(archive: IO[bytes]) -> int:
    size = archive.seek(0, os.SEEK_END)
    archive.seek(0)
    return size // (1024 * 1024) + 1


# Every live process id but the listing shell's own (the image has no ps); zombies are already dead.
_LIST_PROCESSES = """for d in /proc/[0-9]*; do
  p=${d#/proc/}
  [ "$p" = "$$" ] && continue
  read -r stat < "$d/stat" 2>/dev/null || continue
  case "$stat" in *") Z "*) continue ;; esac
  echo "$p"
done"""
# SIGKILL to every process but KEEP (pid 1 and the container's own) and itself, until none is left
# that this user may signal (a process forking while the loop runs is caught by the next pass).
_KILL_ALL_BUT = """keep=" KEEP $$ "
for pass in 1 2 3 4 5 6 7 8 9 10; do
  hit=0
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    case "$keep" in *" $p "*) continue ;; esac
    kill -9 "$p" 2>/dev/null && hit=1
  done
  [ "$hit" = 0 ] && break
  sleep 0.1
done
true"""


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
    """A tar of the work tree, spooled to disk past 32 MB so big trees do not fill memory.

    The tree's own `.git` (a pointer into the user's repository) stays out; a fresh history of the
    tree goes in as `.git` instead (bot/sandbox/history.py).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> IO[bytes]:
        arcname = WORKDIR.lstrip("/")
        with tempfile.TemporaryDirectory(prefix="architect-history-") as scratch:
            history = Path(scratch) / "git"
            write_history(self.root, history, nearest_tag(self.root))
            with tarfile.open(fileobj=self.file, mode="w") as tar:
                tar.add(str(self.root), arcname=arcname, filter=_without_git(arcname))
                tar.add(str(history), arcname=f"{arcname}/.git", filter=_owned_by_sandbox)
        self.file.seek(0)
        return self.file

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _without_git(arcname: str) -> Callable[[tarfile.TarInfo], tarfile.TarInfo | None]:
    own_git = f"{arcname}/.git"

    def keep(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        if info.name == own_git or info.name.startswith(own_git + "/"):
            return None
        return _owned_by_sandbox(info)

    return keep


def _owned_by_sandbox(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = SANDBOX_UID
    info.uname = info.gname = "sandbox"
    return info


def container_owner() -> str:
    """The sandbox label's value: $ARCHITECT_SANDBOX_OWNER, else this host and process."""
    return os.environ.get(OWNER_ENV) or f"{socket.gethostname()}-{os.getpid()}"
