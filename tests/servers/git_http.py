"""Git smart HTTP for the local GitHub server: a bridge to ``git http-backend`` (CGI).

``git http-backend`` does the protocol work (upload-pack for fetch, receive-pack for push); this
module only turns one HTTP request into its CGI environment and the CGI answer back into status,
headers and body.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CgiAnswer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def run_http_backend(
    *,
    project_root: Path,
    method: str,
    path_info: str,
    query: str,
    headers: dict[str, str],
    body: bytes,
    remote_user: str,
) -> CgiAnswer:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GIT_PROJECT_ROOT": str(project_root),
        "GIT_HTTP_EXPORT_ALL": "1",
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "CONTENT_TYPE": headers.get("content-type", ""),
        "CONTENT_LENGTH": str(len(body)),
        # receive-pack (push) is only served to an authenticated REMOTE_USER.
        "REMOTE_USER": remote_user,
        "REMOTE_ADDR": "127.0.0.1",
        "HOME": str(project_root),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if "content-encoding" in headers:
        env["HTTP_CONTENT_ENCODING"] = headers["content-encoding"]
    if "git-protocol" in headers:
        env["GIT_PROTOCOL"] = headers["git-protocol"]
    done = subprocess.run(
        ["git", "http-backend"], input=body, env=env, capture_output=True, check=False, timeout=60
    )
    head, _, payload = done.stdout.partition(b"\r\n\r\n")
    if not _ and b"\n\n" in done.stdout:
        head, _, payload = done.stdout.partition(b"\n\n")
    status = 200
    out_headers: list[tuple[str, str]] = []
    for line in head.decode("latin-1").splitlines():
        name, _sep, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            out_headers.append((name.strip(), value.strip()))
    if done.returncode != 0 and not done.stdout:
        return CgiAnswer(500, [("Content-Type", "text/plain")], done.stderr)
    return CgiAnswer(status, out_headers, payload)
