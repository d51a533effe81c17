"""A stateful local GitHub: the REST endpoints architect-bot uses plus git smart HTTP.

Start it, seed a repository from a local folder, point PyGithub at ``server.api_url`` and git at
``server.clone_url(full_name)``. State lives in plain dataclasses (see ``github_shapes``) so tests
can look at what the bot did; the git side is a real bare repository served by ``git
http-backend``, and the REST git-refs endpoints read and write that same repository.

Tokens: ``add_token(token, login, permissions=...)``. With ``permissions`` (a workflow-style map
such as ``{"issues": "write", "contents": "read"}``) the token acts like an Actions
``GITHUB_TOKEN``: a missing permission answers 403 "Resource not accessible by integration" with
the ``x-accepted-github-permissions`` header, and ``GET /user`` is refused. Without it the token
acts like a personal token allowed everything. A wrong token answers 401 on REST and on git.

Faults: ``fail_next(n, status=502)``, ``rate_limit_next(n, kind="secondary"|"primary"|"429")``,
``slow_next(n, seconds)``, and ``break_next_response(drop_field=...)``, which answers the next
REST call without one required field (a contract violation for the proxy to catch).
Behind a proxy, ``advertise_api(url)`` makes every REST URL in answers point at the proxy.
Every request is recorded in ``requests`` (never its credentials).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import re
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.servers.git_http import run_http_backend
from tests.servers.github_model import (
    ROLES,
    Comment,
    Fault,
    HttpError,
    Issue,
    Pull,
    Recorded,
    Repo,
    ReviewComment,
    Token,
    User,
)
from tests.servers.github_rest import ROUTES, RestMixin, parse_routes
from tests.servers.github_shapes import RenderMixin, Urls

__all__ = ["GitHubServer", "HttpError", "Recorded", "Repo", "Token", "github_server"]


class GitHubServer(RestMixin, RenderMixin):
    """The local GitHub. Use as a context manager or call ``start()``/``stop()``."""

    def __init__(self, root: Path, host: str = "127.0.0.1") -> None:
        self.root = root
        self.git_root = root / "git"
        self.git_root.mkdir(parents=True, exist_ok=True)
        self._host = host
        self._lock = threading.RLock()
        self._ids = 1000
        self._faults: list[Fault] = []
        self.users: dict[str, User] = {}
        self.tokens: dict[str, Token] = {}
        self.repos: dict[str, Repo] = {}
        self.requests: list[Recorded] = []
        self._httpd = ThreadingHTTPServer((host, 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.app = self  # type: ignore[attr-defined]
        self.urls = Urls(f"http://{host}:{self._httpd.server_address[1]}")
        self._thread: threading.Thread | None = None
        self._routes = parse_routes(ROUTES)

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> GitHubServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> GitHubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        return self.urls.api

    @property
    def web_url(self) -> str:
        return self.urls.web

    def clone_url(self, full_name: str) -> str:
        return f"{self.urls.web}/{full_name}.git"

    # -- seeding ----------------------------------------------------------------------------
    def next_id(self) -> int:
        with self._lock:
            self._ids += 1
            return self._ids

    def add_user(self, login: str, user_type: str = "User") -> User:
        with self._lock:
            if login not in self.users:
                self.users[login] = User(login, self.next_id(), user_type)
            return self.users[login]

    def add_token(
        self,
        token: str,
        login: str,
        *,
        user_type: str | None = None,
        permissions: dict[str, str] | None = None,
    ) -> None:
        kind = user_type or ("Bot" if login.endswith("[bot]") else "User")
        self.add_user(login, kind)
        self.tokens[token] = Token(login, permissions)

    def create_repo(
        self,
        full_name: str,
        source: Path | None = None,
        *,
        default_branch: str = "main",
        private: bool = False,
    ) -> Repo:
        """A hosted repository; ``source`` is a git work tree or a plain folder to commit."""
        owner = full_name.split("/")[0]
        self.add_user(owner)
        bare = self.git_root / f"{full_name}.git"
        bare.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", "--bare", "-b", default_branch, str(bare)], check=True)
        subprocess.run(["git", "--git-dir", str(bare), "config", "http.receivepack", "true"], check=True)
        if source is not None:
            _push_source(source, bare, default_branch)
        repo = Repo(full_name, self.next_id(), owner, bare, private, default_branch)
        self.repos[full_name] = repo
        return repo

    def add_collaborator(self, full_name: str, login: str, permission: str) -> None:
        assert permission in ROLES, permission
        self.add_user(login)
        self.repos[full_name].collaborators[login] = permission

    def add_issue(
        self,
        full_name: str,
        title: str,
        body: str | None = "",
        *,
        author: str = "octocat",
        labels: tuple[str, ...] = (),
        state: str = "open",
        locked: bool = False,
    ) -> int:
        self.add_user(author)
        repo = self.repos[full_name]
        with self._lock:
            number = len(repo.issues) + 1
            for name in labels:
                self._ensure_label(repo, name)
            repo.issues[number] = Issue(
                self.next_id(), number, title, body, author, state, locked, list(labels)
            )
            return number

    def add_merged_pull(
        self,
        full_name: str,
        title: str,
        body: str,
        *,
        merge_commit_sha: str,
        head: str = "fix",
        base: str = "main",
    ) -> int:
        """A pull request merged (and closed) as ``merge_commit_sha``, its branch since deleted."""
        number = self.add_issue(full_name, title, body, state="closed")
        issue = self.repos[full_name].issues[number]
        issue.pull = Pull(head, base, draft=False, merged=True, merge_commit_sha=merge_commit_sha)
        issue.closed_at = issue.updated_at
        return number

    def add_comment(
        self,
        full_name: str,
        number: int,
        body: str,
        *,
        author: str,
        user_type: str = "User",
        created_at: str | None = None,
        updated_at: str | None = None,
    ) -> int:
        """A comment as if ``author`` wrote it; times (``2026-11-22T23:59:00Z``) default to now."""
        self.add_user(author, user_type)
        comment = Comment(self.next_id(), number, author, body)
        if created_at is not None:
            comment.created_at = comment.updated_at = created_at
        if updated_at is not None:
            comment.updated_at = updated_at
        self.repos[full_name].issues[number].comments.append(comment)
        return comment.id

    def add_review_comment(
        self, full_name: str, pull_number: int, body: str, *, author: str, path: str, line: int | None = None
    ) -> int:
        self.add_user(author)
        repo = self.repos[full_name]
        pull = repo.issues[pull_number].pull
        assert pull is not None, f"#{pull_number} is not a pull request"
        sha = repo.ref_sha(f"refs/heads/{pull.head}") or ""
        comment = ReviewComment(self.next_id(), pull_number, author, body, path, line, sha)
        pull.review_comments.append(comment)
        return comment.id

    # -- inspection -------------------------------------------------------------------------
    def repo(self, full_name: str) -> Repo:
        return self.repos[full_name]

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        return self.repos[full_name].ref_sha(f"refs/heads/{branch}")

    # -- faults -----------------------------------------------------------------------------
    def fail_next(self, n: int = 1, status: int = 502, *, on: str = "api") -> None:
        with self._lock:
            self._faults += [Fault("fail", on, status) for _ in range(n)]

    def rate_limit_next(
        self, n: int = 1, *, kind: str = "secondary", retry_after: int = 60, on: str = "api"
    ) -> None:
        assert kind in ("secondary", "primary", "429"), kind
        with self._lock:
            self._faults += [Fault(kind, on, seconds=retry_after) for _ in range(n)]

    def slow_next(self, n: int = 1, seconds: float = 0.5, *, on: str = "api") -> None:
        with self._lock:
            self._faults += [Fault("slow", on, seconds=seconds) for _ in range(n)]

    def break_next_response(self, drop_field: str, n: int = 1) -> None:
        """The next ``n`` REST answers leave out ``drop_field`` (from each item of a list)."""
        with self._lock:
            self._faults += [Fault("drop", "api", field=drop_field) for _ in range(n)]

    def advertise_api(self, api_root: str) -> None:
        """Hand out REST URLs under ``api_root`` (a proxy in front of ``api_url``); git stays here."""
        self.urls.api_root = api_root.rstrip("/")

    def take_fault(self, target: str) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.target in (target, "any"):
                    return self._faults.pop(index)
        return None


def _push_source(source: Path, bare: Path, default_branch: str) -> None:
    env_git = ["git", "-c", "user.name=Seed", "-c", "user.email=seed@example.invalid"]
    if (source / ".git").exists():
        subprocess.run(
            [*env_git, "-C", str(source), "push", "-q", str(bare), "--all"], check=True, capture_output=True
        )
        return
    work = bare.parent / f".seed-{uuid.uuid4().hex}"
    subprocess.run(["cp", "-r", str(source), str(work)], check=True)
    subprocess.run([*env_git, "-C", str(work), "init", "-q", "-b", default_branch], check=True)
    subprocess.run([*env_git, "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*env_git, "-C", str(work), "commit", "-q", "-m", "Initial commit"], check=True)
    subprocess.run(
        [*env_git, "-C", str(work), "push", "-q", str(bare), default_branch], check=True, capture_output=True
    )
    subprocess.run(["rm", "-rf", str(work)], check=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GitHub.com"

    @property
    def app(self) -> GitHubServer:
        return self.server.app  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read app.requests
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _handle(self, method: str) -> None:
        raw = self._read_body()
        split = urlsplit(self.path)
        if split.path.startswith("/_logs/"):  # the signed download URL a job-logs redirect names
            status = self._serve_log(split.path)
            self.app.requests.append(Recorded(method, split.path, status, None, None))
            return
        target = "git" if re.match(r"^/[^/]+/[^/]+\.git/", split.path) else "api"
        self._request_json: Any = None
        self._response_json: Any = None
        status = self._serve(method, split.path, split.query, raw, target)
        self.app.requests.append(
            Recorded(method, split.path, status, self._request_json, self._response_json)
        )

    def _serve(self, method: str, path: str, query: str, raw: bytes, target: str) -> int:
        fault = self.app.take_fault(target)
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.seconds)
            fault = None
        dropped = ""
        if fault is not None and fault.kind == "drop":
            dropped, fault = fault.field, None
        try:
            if fault is not None:
                raise _fault_error(fault)
            token = self._authenticate(target)
            if target == "git":
                return self._serve_git(method, path, query, raw, token)
            body = json.loads(raw) if raw else {}
            self._request_json = body if raw else None
            if method == "POST" and path == "/api/graphql":
                status, data = self.app.graphql(body, token)
            else:
                status, data = self.app.dispatch(method, path, parse_qs(query), body, token)
            if dropped:
                data = _without(data, dropped)
            if isinstance(data, list):
                rest_path = path.removeprefix("/api/v3")
                data, links = _paginate(self.app.urls.api + rest_path, parse_qs(query), data)
                return self._send_json(status, data, {"Link": links} if links else {})
            return self._send_json(status, data, {})
        except HttpError as err:
            return self._send_json(err.status, err.body, err.headers)

    def _serve_log(self, path: str) -> int:
        owner, name, job_id = path.removeprefix("/_logs/").split("/")[:3]
        repo = self.app.repos.get(f"{owner}/{name}")
        jobs = [job for jobs in repo.runs.values() for job in jobs] if repo else []
        found = next((job for job in jobs if str(job.id) == job_id), None)
        if found is None:
            return self._send_json(404, {"message": "Not Found"}, {})
        data = found.log.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return 200

    def _authenticate(self, target: str) -> Token:
        header = self.headers.get("Authorization", "")
        scheme, _, credential = header.partition(" ")
        token_text = credential.strip()
        if scheme.lower() == "basic":
            try:
                token_text = base64.b64decode(token_text).decode().partition(":")[2]
            except ValueError:
                token_text = ""
        elif scheme.lower() not in ("bearer", "token"):
            token_text = ""
        token = self.app.tokens.get(token_text)
        if token is None:
            message = "Bad credentials" if header else "Requires authentication"
            extra = {"WWW-Authenticate": 'Basic realm="GitHub"'} if target == "git" else {}
            raise HttpError(401, message, headers=extra)
        return token

    def _serve_git(self, method: str, path: str, query: str, raw: bytes, token: Token) -> int:
        match = re.match(r"^/(?P<full>[^/]+/[^/]+)\.git(?P<rest>/.*)$", path)
        assert match is not None
        repo = self.app.repos.get(match["full"])
        if repo is None:
            raise HttpError(404, "Repository not found.")
        pushing = "git-receive-pack" in path or "service=git-receive-pack" in query
        if not token.allows("contents", "write" if pushing else "read"):
            raise HttpError(403, f"Permission to {repo.full_name}.git denied to {token.login}.")
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = run_http_backend(
            project_root=self.app.git_root,
            method=method,
            path_info=f"/{match['full']}.git{match['rest']}",
            query=query,
            headers=headers,
            body=raw,
            remote_user=token.login,
        )
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)
        return answer.status

    def _send_json(self, status: int, data: Any, headers: dict[str, str]) -> int:
        self._response_json = data
        payload = b"" if status == 204 else json.dumps(data).encode()
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("x-github-request-id", uuid.uuid4().hex[:16].upper())
        self.send_header("x-github-api-version-selected", "2022-11-28")
        defaults = {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": "4999",
            "x-ratelimit-reset": str(int(time.time()) + 3600),
            "x-ratelimit-used": "1",
            "x-ratelimit-resource": "core",
        }
        for name, value in {**defaults, **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        return status


def _fault_error(fault: Fault) -> HttpError:
    if fault.kind == "fail":
        return HttpError(fault.status, "Server Error" if fault.status >= 500 else "Injected failure")
    retry_after = str(int(fault.seconds))
    if fault.kind == "secondary":
        return HttpError(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            headers={"retry-after": retry_after},
        )
    if fault.kind == "429":
        return HttpError(429, "Too Many Requests", headers={"retry-after": retry_after})
    reset = str(int(time.time() + fault.seconds))
    return HttpError(
        403,
        "API rate limit exceeded for installation ID 1.",
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset, "x-ratelimit-used": "5000"},
    )


def _without(data: Any, field: str) -> Any:
    if isinstance(data, list):
        return [_without(item, field) for item in data]
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key != field}
    return data


def _paginate(url: str, query: dict[str, list[str]], items: list[Any]) -> tuple[list[Any], str]:
    per_page = min(int(query.get("per_page", ["30"])[0]), 100)
    page = int(query.get("page", ["1"])[0])
    last = max(1, -(-len(items) // per_page))
    kept = {k: v[0] for k, v in query.items() if k not in ("per_page", "page")}
    links = []
    for rel, number in (("next", page + 1), ("last", last)):
        if page < last:
            links.append(f'<{url}?{urlencode({**kept, "per_page": per_page, "page": number})}>; rel="{rel}"')
    return items[(page - 1) * per_page : page * per_page], ", ".join(links)


@pytest.fixture
def github_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitHubServer]:
    """A running local GitHub; add repos, users and tokens with its seeding helpers."""
    with GitHubServer(tmp_path_factory.mktemp("github")) as server:
        yield server


def main(argv: list[str] | None = None) -> None:
    """Run the local GitHub by hand (a demo, or ``architect-bot action`` against it); Ctrl-C stops it."""
    parser = argparse.ArgumentParser(prog="python -m tests.servers.github", description=main.__doc__)
    parser.add_argument("--root", type=Path, required=True, help="where the bare repositories go")
    parser.add_argument("--repo", default="acme/widgets", help="owner/name to host")
    parser.add_argument("--source", type=Path, help="folder or git work tree to seed the repository from")
    parser.add_argument("--token", default="ghs_local_demo_token", help="the token that is accepted")
    parser.add_argument("--issue", nargs=2, metavar=("TITLE", "BODY"), help="open one issue")
    parser.add_argument("--maintainer", default="maria", help="a collaborator with maintain permission")
    args = parser.parse_args(argv)
    with GitHubServer(args.root) as server:
        server.add_token(args.token, "github-actions[bot]")
        server.create_repo(args.repo, args.source)
        server.add_collaborator(args.repo, args.maintainer, "maintain")
        if args.issue:
            server.add_issue(args.repo, args.issue[0], args.issue[1], author=args.maintainer)
        print(
            json.dumps(
                {
                    "GITHUB_API_URL": server.api_url,
                    "GITHUB_SERVER_URL": server.web_url,
                    "GITHUB_REPOSITORY": args.repo,
                    "clone_url": server.clone_url(args.repo),
                }
            ),
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
