"""What only the Docker sandbox promises: no network, limits, non-root, clean-up, clear faults."""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.errors import ImageUnavailable, SandboxUnavailable
from bot.sandbox import Limits, RunRequest, RunStatus
from bot.sandbox.docker import DockerSandbox
from tests.sandbox.repos import make_repo

pytestmark = pytest.mark.usefixtures("no_leftover_containers")


@pytest.fixture
def sandbox(docker_client: Any, sandbox_image: str) -> DockerSandbox:
    return DockerSandbox(sandbox_image, client=docker_client)


@pytest.fixture
def host_server() -> Iterator[int]:
    """A TCP server on every host address; a connection to it proves the sandbox has network."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                conn.sendall(b"HOST-SERVER-REACHED\n")
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


def _bridge_gateway(docker_client: Any) -> str:
    """The host's address on Docker's bridge (some engines omit "Gateway": it is the subnet's first host)."""
    config = docker_client.networks.get("bridge").attrs["IPAM"]["Config"][0]
    return str(config.get("Gateway") or next(ipaddress.ip_network(config["Subnet"]).hosts()))


def _host_addresses(docker_client: Any) -> list[str]:
    addrs = {"127.0.0.1", _bridge_gateway(docker_client), socket.gethostbyname(socket.gethostname())}
    return sorted(addrs)


PROBE = """
import socket, sys
for addr in sys.argv[2:]:
    try:
        s = socket.create_connection((addr, int(sys.argv[1])), timeout=3)
        print("CONNECTED", addr, s.recv(100))
    except OSError as err:
        print("BLOCKED", addr, type(err).__name__)
"""


def _probe(sandbox: DockerSandbox, tmp_path: Path, port: int, addrs: list[str], **kw: Any) -> str:
    repo = make_repo(tmp_path / "r", **{"probe.py": PROBE})
    run = sandbox.run(RunRequest(repo, f"python3 probe.py {port} {' '.join(addrs)}", **kw))
    assert run.passed, run.output
    return run.output


def test_tests_cannot_reach_the_host(
    sandbox: DockerSandbox, docker_client: Any, host_server: int, tmp_path: Path
) -> None:
    addrs = _host_addresses(docker_client)
    out = _probe(sandbox, tmp_path, host_server, addrs)
    assert "CONNECTED" not in out and "HOST-SERVER-REACHED" not in out
    assert out.count("BLOCKED") == len(addrs)


def test_network_opt_in_really_connects(
    sandbox: DockerSandbox, docker_client: Any, host_server: int, tmp_path: Path
) -> None:
    """The control for the test above: with network on, the same probe gets through."""
    gateway = _bridge_gateway(docker_client)
    out = _probe(sandbox, tmp_path, host_server, [gateway], limits=Limits(network=True))
    assert "HOST-SERVER-REACHED" in out


def test_network_is_cut_after_setup(
    sandbox: DockerSandbox, docker_client: Any, host_server: int, tmp_path: Path
) -> None:
    gateway = _bridge_gateway(docker_client)
    probe = f"python3 probe.py {host_server} {gateway}"
    repo = make_repo(tmp_path / "r", **{"probe.py": PROBE})
    run = sandbox.run(RunRequest(repo, probe, Limits(setup_network=True), setup=f"{probe} > setup.log"))
    assert run.setup is not None and run.passed, run.output
    assert "BLOCKED" in run.output
    # the setup itself had the network
    run2 = sandbox.run(
        RunRequest(repo, "cat setup.log", Limits(setup_network=True), setup=f"{probe} > setup.log")
    )
    assert "HOST-SERVER-REACHED" in run2.output


def test_tests_run_as_non_root(sandbox: DockerSandbox, tmp_path: Path) -> None:
    run = sandbox.run(RunRequest(make_repo(tmp_path / "r"), "id -u; touch /etc/owned || echo READONLY"))
    assert run.output.split()[0] == "1000"
    assert "READONLY" in run.output


def test_fork_bomb_is_contained(sandbox: DockerSandbox, tmp_path: Path) -> None:
    bomb = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    repo = make_repo(tmp_path / "r", **{"bomb.py": bomb})
    run = sandbox.run(RunRequest(repo, "python3 bomb.py", Limits(pids=64, timeout_s=5)))
    assert run.status is RunStatus.TIMED_OUT
    # the bot survives and the engine still runs the next sandbox
    assert sandbox.run(RunRequest(repo, "echo alive")).output.strip() == "alive"


def test_memory_hog_is_killed(sandbox: DockerSandbox, tmp_path: Path) -> None:
    hog = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))\n"
    repo = make_repo(tmp_path / "r", **{"hog.py": hog})
    run = sandbox.run(RunRequest(repo, "python3 hog.py", Limits(memory_mb=128, timeout_s=60)))
    assert run.status is RunStatus.FAILED
    assert run.exit_code == 137
    assert "out of memory" in run.output


def test_missing_engine_says_how_to_start_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-such-docker.sock")
    with pytest.raises(SandboxUnavailable) as err:
        DockerSandbox().run(RunRequest(make_repo(tmp_path / "r"), "true"))
    message = str(err.value)
    assert "no Docker engine answers" in message and "--local" in message
    assert "\n" not in message


def test_missing_image_that_cannot_be_pulled(docker_client: Any, tmp_path: Path) -> None:
    sandbox = DockerSandbox("architect-bot/no-such-image:never", client=docker_client)
    with pytest.raises(ImageUnavailable, match="could not be pulled"):
        sandbox.run(RunRequest(make_repo(tmp_path / "r"), "true"))
