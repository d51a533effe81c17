"""Start the end-to-end stack by hand: the local GitHub behind Prism, one repository and one issue.

    python -m tests.e2e.stack --root /tmp/e2e-stack [--source examples/demo-repo]

Prints the act command that runs a workflow against it (see docs/testing.md); Ctrl-C stops all.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shlex
import threading
from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.contract import ContractGateway
from tests.e2e.description import prism_ready
from tests.e2e.payloads import example_payload
from tests.e2e.tools import docker_socket, find_tools, node_dir
from tests.servers.github import GitHubServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.stack", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="a scratch folder")
    parser.add_argument("--repo", default="acme/widgets")
    parser.add_argument("--source", type=Path, help="folder or git work tree to seed the repository from")
    parser.add_argument("--token", default="ghs_local_e2e_token")
    parser.add_argument("--workflow", type=Path, default=Path("tests/e2e/fixtures/workflows/hello.yml"))
    args = parser.parse_args(argv)
    tools = find_tools()
    args.root.mkdir(parents=True, exist_ok=True)
    description = prism_ready(tools.rest_description, node_dir() / "prepared")
    print("starting Prism (about 30 s)…", flush=True)
    with (
        ContractGateway(tools.prism, description, log_path=args.root / "prism.log") as gateway,
        GitHubServer(args.root / "github") as github,
    ):
        gateway.attach(github)
        github.add_token(args.token, "github-actions[bot]")
        github.create_repo(args.repo, args.source or _readme_only(args.root))
        github.add_collaborator(args.repo, "maria", "maintain")
        number = github.add_issue(args.repo, "The answer is off by one", "It says 41.", author="maria")
        payload = example_payload("issues", "labeled", repo=args.repo, number=number, sender="maria")
        event = args.root / "event.json"
        event.write_text(json.dumps(payload, indent=2))
        workspace = args.root / "workspace"
        act = [
            str(tools.act), "issues", "--directory", str(workspace),
            "--workflows", str(args.workflow.resolve()),
            "--eventpath", str(event), "--platform", f"ubuntu-latest={tools.runner_image}",
            "--pull=false", "--no-cache-server", "--network", "host",
            "--container-daemon-socket", docker_socket(),
            "--github-instance", urlsplit(github.web_url).netloc,
            "--env", f"GITHUB_API_URL={gateway.api_url}",
            "--env", f"GITHUB_GRAPHQL_URL={gateway.api_url}/graphql",
            "--env", f"GITHUB_SERVER_URL={github.web_url}", "--secret", f"GITHUB_TOKEN={args.token}",
            "--local-repository", f"acme/hello-action@v1={Path('tests/e2e/fixtures/hello-action').resolve()}",
        ]  # fmt: skip
        clone = github.clone_url(args.repo).replace("://", f"://x-access-token:{args.token}@", 1)
        print(f"GITHUB_API_URL={gateway.api_url}  (Prism; log {args.root / 'prism.log'})")
        print(f"GITHUB_SERVER_URL={github.web_url}\n")
        origin = github.clone_url(args.repo)
        print(f"git clone {clone} {workspace} && git -C {workspace} remote set-url origin {origin}")
        print(shlex.join(act), flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


def _readme_only(root: Path) -> Path:
    source = root / "seed"
    source.mkdir(exist_ok=True)
    (source / "README.md").write_text("# widgets\n")
    return source


if __name__ == "__main__":
    main()
