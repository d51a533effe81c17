"""GitHub's REST contract in the path: Prism ``proxy --errors`` between clients and the local GitHub.

    client ──> front ──> Prism (api.github.com.json) ──> back ──> GitHubServer /api/v3
                 ├── /graphql ─────────────────────────────────> GitHubServer /api/graphql
                 └── …/actions/jobs/<id>/logs ─────────────────> GitHubServer /api/v3

- Prism checks every request and every answer against GitHub's own OpenAPI description: a request
  missing a required field gets 422, an answer missing a required field gets 500, a path the
  description does not know gets 404.
- GitHub's description has ``servers: https://api.github.com`` (no base path), so clients use the
  front URL as an api.github.com-style root; Prism appends the request path to its upstream URL,
  which is why the upstream carries the fake's ``/api/v3``.
- Prism needs 30-60 s to load the 13 MB description, so one gateway serves a whole test session:
  ``back`` forwards to whichever GitHubServer was last ``attach``ed (one per test).
- GraphQL has no OpenAPI description; PyGithub sends it to ``<base>/graphql``, which the front
  hands straight to the fake (not contract-checked).
- A job's log answers 302 to its download URL; Prism's proxy would follow the redirect and judge
  the download's 200, so the front hands it to the fake too (the 302 is checked against the
  description in tests/servers/test_github_shapes.py).
- PyGithub refuses URLs on another host or port than its base URL, so ``attach`` makes the fake
  build every REST URL from the front URL (``GitHubServer.advertise_api``).
"""

from __future__ import annotations

import ctypes
import http.client
import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.servers.github import GitHubServer

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"}


@dataclass(frozen=True)
class Forwarded:
    """One request Prism let through to the fake (as the back side saw it)."""

    method: str
    path: str
    status: int


class PrismFailed(Exception):
    """Prism did not come up; the message carries the end of its log."""


_JOB_LOGS = re.compile(r"^/repos/[^/]+/[^/]+/actions/jobs/\d+/logs(?:\?|$)")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class ContractGateway:
    """Prism plus the two small forwarders around it. ``start()``/``close()`` or a ``with`` block."""

    def __init__(self, prism: Path, description: Path, *, log_path: Path, host: str = "127.0.0.1") -> None:
        self._prism_bin = prism
        self._description = description
        self.log_path = log_path
        self.host = host
        self.prism_port = free_port(host)
        self._upstream: str | None = None
        self.forwarded: list[Forwarded] = []
        self._back = _Forwarder(host, self._back_target)
        self._front = _Forwarder(host, self._front_target)
        self._process: subprocess.Popen[bytes] | None = None

    # -- routing ----------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        """The REST root clients use (GITHUB_API_URL, ``GitHubForge(api_url=...)``)."""
        return self._front.url

    @property
    def prism_url(self) -> str:
        return f"http://{self.host}:{self.prism_port}"

    def attach(self, github: GitHubServer) -> None:
        """Send Prism's traffic to ``github`` from now on; its REST URLs point at the front.
        ``forwarded`` starts afresh: it lists what Prism let through since the last attach."""
        self.forwarded = []
        self._upstream = github.urls.web
        github.advertise_api(self.api_url)

    def _front_target(self, method: str, path: str) -> tuple[str, str] | None:
        if path == "/graphql" or path.startswith("/graphql?"):
            return (self._upstream, "/api" + path) if self._upstream else None
        if _JOB_LOGS.match(path):
            # GitHub answers with a 302 to the log's download URL; Prism's proxy follows it and then
            # judges the download's 200, which the description does not list. The 302 itself is
            # checked against the description in tests/servers/test_github_shapes.py.
            return (self._upstream, "/api/v3" + path) if self._upstream else None
        return self.prism_url, path

    def _back_target(self, method: str, path: str) -> tuple[str, str] | None:
        return (self._upstream, path) if self._upstream else None

    def _record(self, method: str, path: str, status: int) -> None:
        self.forwarded.append(Forwarded(method, path.removeprefix("/api/v3").split("?")[0], status))

    # -- life cycle -------------------------------------------------------------------------
    def start(self, timeout_s: float = 240.0) -> ContractGateway:
        self._back.on_answer = self._record
        self._back.start()
        self._front.start()
        command = [
            str(self._prism_bin),
            "proxy",
            str(self._description),
            f"{self._back.url}/api/v3",
            "--errors",
            "--host",
            self.host,
            "--port",
            str(self.prism_port),
            "--cors=false",
            *os.environ.get("E2E_PRISM_ARGS", "").split(),
        ]
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=_node_env(),
                preexec_fn=_die_with_parent,
            )
        self._wait_until_up(timeout_s)
        return self

    def _wait_until_up(self, timeout_s: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise PrismFailed(f"Prism exited with {self._process.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(self.host, self.prism_port, timeout=5)
                conn.request("GET", "/zen")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.5)
        self.close()
        raise PrismFailed(f"Prism did not answer within {timeout_s:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._front.stop()
        self._back.stop()

    def __enter__(self) -> ContractGateway:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _die_with_parent() -> None:
    """Prism ends with the test process even when that one is killed (Linux PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)
    except OSError:
        pass


def _node_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NODE_OPTIONS", "--max-old-space-size=2048")
    return env


Target = Callable[[str, str], "tuple[str, str] | None"]


class _Forwarder:
    """A plain HTTP/1.1 forwarder: the request goes where ``target(method, path)`` says."""

    def __init__(self, host: str, target: Target) -> None:
        self.target = target
        self.on_answer: Callable[[str, str, int], None] | None = None
        self._httpd = ThreadingHTTPServer((host, 0), _ForwardHandler)
        self._httpd.daemon_threads = True
        self._httpd.forwarder = self  # type: ignore[attr-defined]
        self.url = f"http://{host}:{self._httpd.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread = None
        self._httpd.server_close()


class _ForwardHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._forward()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _forward(self) -> None:
        forwarder: _Forwarder = self.server.forwarder  # type: ignore[attr-defined]
        body = self._read_body()
        where = forwarder.target(self.command, self.path)
        if where is None:
            self._answer(502, [("Content-Type", "text/plain")], b"no GitHub server attached to the gateway")
            return
        base, path = where
        split = urlsplit(base)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body))
        conn = http.client.HTTPConnection(split.hostname or "127.0.0.1", split.port, timeout=300)
        try:
            conn.request(self.command, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            payload = answer.read()
            kept = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP]
            status = answer.status
        except OSError as err:
            status, kept, payload = (
                502,
                [("Content-Type", "text/plain")],
                f"forwarding failed: {err}".encode(),
            )
        finally:
            conn.close()
        if forwarder.on_answer is not None:
            forwarder.on_answer(self.command, path, status)
        self._answer(status, kept, payload)

    def _answer(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status not in (204, 304) and self.command != "HEAD":
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if status not in (204, 304) and self.command != "HEAD":
            self.wfile.write(payload)
