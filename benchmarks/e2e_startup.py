"""What the end-to-end tier costs: Prism's start with GitHub's description, and one act job.

Starts the contract gateway (Prism + the local GitHub) once, then runs the hello workflow under
act a few times (labeled-issue payload, composite action calling GitHub through Prism). Prints
seconds per step. Needs the tools from scripts/e2e-setup.sh and a Docker engine.

    python benchmarks/e2e_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.contract import ContractGateway
from tests.e2e.description import prism_ready
from tests.e2e.harness import E2E
from tests.e2e.tools import find_tools, node_dir
from tests.servers.github import GitHubServer

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "e2e" / "fixtures"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tools = find_tools()
    root = Path(tempfile.mkdtemp(prefix="e2e-bench-"))
    started = time.monotonic()
    description = prism_ready(tools.rest_description, node_dir() / "prepared")
    prepared = time.monotonic() - started
    started = time.monotonic()
    with ContractGateway(tools.prism, description, log_path=root / "prism.log") as gateway:
        prism_start = time.monotonic() - started
        seconds = []
        for run in range(args.runs):
            with GitHubServer(root / f"github-{run}") as github:
                gateway.attach(github)
                e2e = E2E(github, gateway, tools, root / f"run-{run}", "bench")
                e2e.tmp.mkdir()
                e2e.seed_repo("acme/widgets")
                number = github.add_issue("acme/widgets", "Off by one", "41", author="maria")
                payload = e2e.payload("issues", "labeled", number=number, label="architect", sender="maria")
                result = e2e.act(
                    "issues",
                    payload,
                    workflow=FIXTURES / "workflows" / "hello.yml",
                    local_actions={"acme/hello-action@v1": FIXTURES / "hello-action"},
                )
                if not result.ok:
                    raise SystemExit(f"act run failed:\n{result.log[-3000:]}")
                seconds.append(result.seconds)
    print(f"prepare GitHub's description for Prism: {prepared:6.1f} s (cached after the first time)")
    print(f"start Prism with it:                    {prism_start:6.1f} s (once per test session)")
    median = statistics.median(seconds)
    print(f"one act job (hello workflow), median:   {median:6.1f} s over {len(seconds)} runs")


if __name__ == "__main__":
    main()
