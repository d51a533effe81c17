"""Runs `architect-bot action` as the runner does: a subprocess with GitHub's environment, against
the local GitHub, with replayed models and the Docker sandbox."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.servers.github import GitHubServer

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "events"
DEMO = ROOT / "examples" / "demo"
TOKEN = "ghs_e2eToken0123456789abcdef"
SECRETS = {
    "INPUT_GITHUB_TOKEN": TOKEN,
    "INPUT_ANTHROPIC_API_KEY": "sk-ant-e2e-7c1f9a2b3d4e",
    "INPUT_OPENAI_API_KEY": "sk-openai-e2e-55aa66bb77cc",
    "INPUT_DEEPSEEK_API_KEY": "sk-deepseek-e2e-0a1b2c3d4e5f",
    "INPUT_OPENROUTER_API_KEY": "sk-or-v1-e2e-6a7b8c9d0e1f",
}
IMAGE = "architect-bot/sandbox:bookworm"
# The editor's answer to a revise request on the demo: one comment on the rounding constant.
REVISE_EDIT = """invoice/totals.py
```python
<<<<<<< SEARCH
CENT = Decimal("0.01")
=======
CENT = Decimal("0.01")  # totals are rounded to whole cents, half up
>>>>>>> REPLACE
```
"""


@dataclass
class ActionRun:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def parse_outputs(text: str) -> dict[str, str]:
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, _, marker = line.partition("<<")
        value = []
        for inner in lines:
            if inner == marker:
                break
            value.append(inner)
        outputs[name] = "\n".join(value)
    return outputs


def run_local_action(
    tmp_path: Path, inputs: dict[str, str], timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """`architect-bot action` with the local forge on the demo, as the self-test workflow runs it;
    ``inputs`` are INPUT_* variables. Returns the process and the outputs it wrote."""
    out = tmp_path / "output.txt"
    out.write_text("")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "ARCHITECT_FORGE": "local",
        "ARCHITECT_LOCAL_REPO": "examples/demo/repo",
        "ARCHITECT_LOCAL_ISSUE": "examples/demo/issue.md",
        "GITHUB_OUTPUT": str(out),
        "RUNNER_TEMP": str(tmp_path),
        **inputs,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "action"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    return proc, parse_outputs(out.read_text())


class Site:
    """One hosted repository with issue #1 (the demo's bug), a maintainer and the bot's token."""

    def __init__(self, server: GitHubServer, tmp: Path, name: str = "Codertocat/invoice") -> None:
        self.server, self.tmp, self.name = server, tmp, name
        server.create_repo(name, DEMO / "repo")
        server.add_token(TOKEN, "github-actions[bot]")
        server.add_collaborator(name, "Codertocat", "admin")
        server.add_user("outsider-dev")
        issue = (DEMO / "issue.md").read_text()
        title, _, body = issue.partition("\n")
        self.issue = server.add_issue(name, title.lstrip("# "), body.strip(), author="Codertocat")
        self.workspace = self.checkout()

    def checkout(self) -> Path:
        ws = self.tmp / "workspace"
        header = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
        subprocess.run(
            [
                "git",
                "-c",
                f"http.extraheader=Authorization: Basic {header}",
                "clone",
                "-q",
                self.server.clone_url(self.name),
                str(ws),
            ],
            check=True,
        )
        return ws

    def workspace_at(self, sha: str) -> None:
        """Detach the workspace at ``sha`` of the hosted repository, as actions/checkout does for a ref."""
        header = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
        auth = ["-c", f"http.extraheader=Authorization: Basic {header}"]
        subprocess.run(["git", "-C", str(self.workspace), *auth, "fetch", "-q", "origin", sha], check=True)
        subprocess.run(["git", "-C", str(self.workspace), "checkout", "-q", "--detach", sha], check=True)

    @property
    def repo(self) -> Any:
        return self.server.repo(self.name)

    def event(self, name: str, **changes: Any) -> Path:
        payload = json.loads((EVENTS / f"{name}.json").read_text())
        payload["repository"]["full_name"] = self.name
        for dotted, value in changes.items():
            target = payload
            *path, last = dotted.split("__")
            for key in path:
                target = target[key]
            target[last] = value
        path = self.tmp / f"{name}.{len(list(self.tmp.glob('*.json')))}.json"
        path.write_text(json.dumps(payload))
        return path

    def run(
        self, event_name: str, event_path: Path, *, env_extra: dict[str, str] | None = None, **inputs: str
    ) -> ActionRun:
        out, summary = self.tmp / "output.txt", self.tmp / "summary.md"
        out.write_text("")
        summary.write_text("")
        env = {
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "PYTHONPATH": str(ROOT),
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_REPOSITORY": self.name,
            "GITHUB_API_URL": self.server.api_url,
            "GITHUB_SERVER_URL": self.server.web_url,
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_OUTPUT": str(out),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_RUN_ID": "4242",
            "RUNNER_TEMP": str(self.tmp),
            "ARCHITECT_GITHUB_WRITE_INTERVAL": "0",
            "INPUT_ARCHITECT_MODEL": f"replay/{DEMO / 'transcripts' / 'architect.yml'}",
            "INPUT_EDITOR_MODEL": f"replay/{DEMO / 'transcripts' / 'editor.yml'}",
            "INPUT_TEST_COMMAND": "python3 -m pytest -q -p no:cacheprovider",
            "INPUT_DOCKER_IMAGE": IMAGE,
            **SECRETS,
            **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
            **(env_extra or {}),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "action"], env=env, capture_output=True, text=True, timeout=600
        )
        return ActionRun(
            proc.returncode, proc.stdout, proc.stderr, parse_outputs(out.read_text()), summary.read_text()
        )

    def everything_written(self, run: ActionRun) -> str:
        """All text the bot left where people can read it: comments, PR bodies, commits, logs, outputs."""
        # `::add-mask::<secret>` is how the runner learns what to hide: the one line that must hold it
        stdout = "\n".join(line for line in run.stdout.splitlines() if not line.startswith("::add-mask::"))
        texts = [stdout, run.stderr, run.summary, json.dumps(run.outputs)]
        for issue in self.repo.issues.values():
            texts.append(issue.body or "")
            texts += [c.body for c in issue.comments]
        log = subprocess.run(
            ["git", "--git-dir", str(self.repo.bare), "log", "--all", "-p"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return "\n".join([*texts, log])
