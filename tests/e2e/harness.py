"""The end-to-end harness: a workflow under ``act``, GitHub's REST contract (Prism) in the path, the
local GitHub behind it. A scenario test asks for the ``e2e`` fixture and reads like this::

    def test_label_opens_a_pr(e2e: E2E) -> None:
        e2e.seed_repo("acme/widgets", source=DEMO_REPO)
        number = e2e.github.add_issue("acme/widgets", "Fix the answer", "...", author="maria")
        payload = e2e.payload("issues", "labeled", number=number, label="architect", sender="maria")
        result = e2e.act("issues", payload, workflow=WORKFLOW, local_actions={"acme/architect-bot@v1": ROOT})
        assert result.ok, result.log
        assert result.outputs("bot")["status"] == "fixed"

Fixtures: ``e2e_tools`` (session; skips with the reason when a tool is missing, fails instead
when ARCHITECT_REQUIRE_E2E=1), ``contract_gateway`` (session: one Prism for all tests),
``e2e_github`` (a fresh GitHubServer per test, attached to the gateway) and ``e2e``.
"""

from __future__ import annotations

import json
import os
import secrets as token_source
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.forge.github import GitHubForge
from bot.forge.retry import ForgeRetryPolicy
from tests.e2e.act import ActResult, ActSettings, run_act, workflow_permissions
from tests.e2e.contract import ContractGateway
from tests.e2e.description import prism_ready
from tests.e2e.payloads import example_payload
from tests.e2e.tools import ToolMissing, Tools, docker_socket, find_tools, node_dir
from tests.servers.github import GitHubServer

BOT_LOGIN = "github-actions[bot]"
MAINTAINER = "maria"
CHECKOUT_TOKEN = "ghp_e2eCheckoutOnly"  # clones the workspace; never given to the job
ARTIFACTS_IN_JOB = "/e2e-artifacts"  # E2E.artifacts, mounted in every job (see tests/e2e/fixtures/artifact-*)


# Kept between act runs: pip's downloads. act itself keeps GitHub's tool cache folder
# (RUNNER_TOOL_CACHE=/opt/hostedtoolcache) in its Docker volume `act-toolcache`, so an action that
# keeps its venv there, keyed by version, skips the install (about 65 s) in later jobs.
_CACHE_VOLUMES = {node_dir().parent / "e2e-pip": "/root/.cache/pip"}


def host_ca_bundle() -> Path | None:
    """The CA bundle this machine's TLS clients use, when it is a file (Debian's, or SSL_CERT_FILE)."""
    for candidate in (os.environ.get("SSL_CERT_FILE"), "/etc/ssl/certs/ca-certificates.crt"):
        if candidate and Path(candidate).is_file():
            return Path(candidate).resolve()
    return None


@dataclass(frozen=True)
class Timing:
    test: str
    label: str
    seconds: float
    ok: bool


TIMINGS: list[Timing] = []  # printed at the end of the session by tests/e2e/conftest.py


@dataclass
class E2E:
    """One test's stack. ``github`` is the fake (seed it, inspect it); ``gateway`` is Prism's front."""

    github: GitHubServer
    gateway: ContractGateway
    tools: Tools
    tmp: Path
    test_name: str
    token: str = field(default_factory=lambda: "ghs_e2e" + token_source.token_hex(16))
    runs: list[ActResult] = field(default_factory=list)

    # -- seeding ----------------------------------------------------------------------------
    def seed_repo(
        self,
        full_name: str,
        source: Path | None = None,
        *,
        maintainers: Sequence[str] = (MAINTAINER,),
        outsiders: Sequence[str] = ("stranger",),
    ) -> str:
        """A hosted repository (seeded from ``source``) with maintainers and known outsiders."""
        self.github.create_repo(full_name, source)
        for login in maintainers:
            self.github.add_collaborator(full_name, login, "maintain")
        for login in outsiders:
            self.github.add_user(login)
        return full_name

    def checkout(self, full_name: str) -> Path:
        """A clone of the hosted repository, as the workflow's workspace (origin without credentials)."""
        workdir = self.tmp / f"ws-{full_name.replace('/', '-')}-{len(self.runs)}"
        self.github.add_token(CHECKOUT_TOKEN, "e2e-checkout")
        url = self.github.clone_url(full_name)
        authed = url.replace("://", f"://x-access-token:{CHECKOUT_TOKEN}@", 1)
        subprocess.run(["git", "clone", "-q", authed, str(workdir)], check=True, capture_output=True)
        subprocess.run(["git", "-C", str(workdir), "remote", "set-url", "origin", url], check=True)
        return workdir

    def payload(self, event: str, action: str | None = None, **changes: Any) -> dict[str, Any]:
        """A GitHub example payload (see tests/e2e/payloads.py), for the single seeded repo by default."""
        if "repo" not in changes and len(self.github.repos) == 1:
            changes["repo"] = next(iter(self.github.repos))
        payload = example_payload(event, action, **changes)
        hosted = self.github.repos.get(changes.get("repo") or "")
        if hosted is not None and isinstance(payload.get("repository"), dict):
            # part of "the repository": the examples' Hello-World has `master`, a seeded repo `main`
            payload["repository"]["default_branch"] = hosted.default_branch
        return payload

    # -- clients ----------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        """GITHUB_API_URL: Prism's front, api.github.com style (no /api/v3)."""
        return self.gateway.api_url

    def forge(self, full_name: str, token: str | None = None) -> GitHubForge:
        """The bot's GitHub adapter, talking through Prism."""
        token = token or self.token
        if token not in self.github.tokens:
            self.github.add_token(token, BOT_LOGIN)
        policy = ForgeRetryPolicy(attempts=4, backoff=0.05, max_wait=5.0)
        return GitHubForge(
            full_name, token, api_url=self.api_url, retry=policy, seconds_between_requests=0,
            seconds_between_writes=0,
        )  # fmt: skip

    @property
    def artifacts(self) -> Path:
        """Where the stand-in upload-artifact action puts artifacts (one folder per name)."""
        folder = self.tmp / "artifacts"
        folder.mkdir(exist_ok=True)
        return folder

    def act_settings(self) -> ActSettings:
        web = urlsplit(self.github.web_url)
        volumes = dict(_CACHE_VOLUMES) | {self.artifacts: ARTIFACTS_IN_JOB}
        for folder in volumes:
            folder.mkdir(parents=True, exist_ok=True)
        env = {
            "GITHUB_API_URL": self.api_url,
            "GITHUB_GRAPHQL_URL": f"{self.api_url}/graphql",
            "GITHUB_SERVER_URL": self.github.web_url,
        }
        bundle = host_ca_bundle()
        if bundle is not None:
            # The job trusts what this machine trusts (an egress proxy's CA, say), so pip in the
            # job reaches PyPI as the host's pip does; pip reads its own bundle unless told.
            volumes[bundle] = f"{bundle}:ro"
            env |= {name: str(bundle) for name in ("PIP_CERT", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE")}
        return ActSettings(
            act=self.tools.act,
            image=self.tools.runner_image,
            env=env,
            github_instance=web.netloc,
            docker_socket=docker_socket(),
            container_options=" ".join(f"--volume {host}:{inside}" for host, inside in volumes.items()),
        )

    def act(
        self,
        event: str,
        payload: Mapping[str, Any] | None,
        *,
        workflow: Path,
        repo: str | None = None,
        secrets: Mapping[str, str] | None = None,
        env: Mapping[str, str] | None = None,
        actor: str | None = None,
        local_actions: Mapping[str, Path] | None = None,
        extra_args: Sequence[str] = (),
        label: str = "",
        stop_when: Callable[[], bool] | None = None,
    ) -> ActResult:
        """Run ``workflow`` under act for ``event`` on a fresh clone of ``repo``.

        GITHUB_TOKEN is a token of the fake with exactly the workflow's ``permissions``; the actor
        is the payload's sender unless given.
        """
        full_name = repo or next(iter(self.github.repos))
        self.github.add_token(self.token, BOT_LOGIN, permissions=workflow_permissions(workflow))
        workdir = self.checkout(full_name)
        sender = (payload or {}).get("sender") or {}
        result = run_act(
            self.act_settings(),
            event=event,
            workdir=workdir,
            workflow=workflow,
            payload=payload,
            secrets={"GITHUB_TOKEN": self.token, **(secrets or {})},
            env=env or {},
            actor=actor or sender.get("login"),
            local_actions=local_actions or {},
            extra_args=extra_args,
            log_path=self.tmp / f"act-{len(self.runs)}.log",
            stop_when=stop_when,
        )
        self.runs.append(result)
        TIMINGS.append(
            Timing(self.test_name, label or f"{event} #{len(self.runs)}", result.seconds, result.ok)
        )
        return result

    # -- inspection -------------------------------------------------------------------------
    def secret_hits(self, secret: str) -> list[str]:
        """Where ``secret`` shows up: issues, comments, PRs, review comments, git history and
        branch names of every hosted repository, request bodies the fake received, act's logs."""
        hits: list[str] = []
        for full_name, repo in self.github.repos.items():
            for issue in repo.issues.values():
                texts = [("title", issue.title), ("body", issue.body or "")]
                texts += [(f"comment {c.id}", c.body) for c in issue.comments]
                if issue.pull is not None:
                    texts += [(f"review comment {c.id}", c.body) for c in issue.pull.review_comments]
                    texts += [("branch", issue.pull.head)]
                hits += [f"{full_name}#{issue.number} {where}" for where, text in texts if secret in text]
            history = repo.git("log", "--all", "-p", "--format=%H %an <%ae>%n%B", check=False)
            refs = repo.git("for-each-ref", "--format=%(refname)", check=False)
            hits += [f"{full_name} {where}" for where, text in (("git history", history), ("refs", refs))
                     if secret in text]  # fmt: skip
        hits += [
            f"request {r.method} {r.path}" for r in self.github.requests if secret in json.dumps(r.request)
        ]
        hits += [f"act run {i} log" for i, run in enumerate(self.runs) if secret in run.log]
        return hits


# -- fixtures -------------------------------------------------------------------------------
def _required() -> bool:
    return os.environ.get("ARCHITECT_REQUIRE_E2E") == "1"


@pytest.fixture(scope="session")
def e2e_tools() -> Tools:
    try:
        return find_tools()
    except ToolMissing as missing:
        if _required():
            pytest.fail(f"end-to-end tools are required here (ARCHITECT_REQUIRE_E2E=1): {missing}")
        pytest.skip(f"end-to-end tools missing: {missing}")


@pytest.fixture(scope="session")
def contract_gateway(
    e2e_tools: Tools, docker_client: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ContractGateway]:
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    description = prism_ready(e2e_tools.rest_description, node_dir() / "prepared")
    with ContractGateway(e2e_tools.prism, description, log_path=log) as gateway:
        yield gateway


@pytest.fixture
def e2e_github(
    contract_gateway: ContractGateway, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GitHubServer]:
    with GitHubServer(tmp_path_factory.mktemp("github")) as server:
        contract_gateway.attach(server)
        yield server


@pytest.fixture
def e2e(
    e2e_github: GitHubServer,
    contract_gateway: ContractGateway,
    e2e_tools: Tools,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> E2E:
    return E2E(e2e_github, contract_gateway, e2e_tools, tmp_path, request.node.name)
