"""The event files are exactly what make_events.py makes from the npm packages (when they are at hand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.events.helpers import EVENTS

NODE_MODULES = Path(os.environ.get("ARCHITECT_OCTOKIT_NODE_MODULES", "/tmp/npm-events/node_modules"))


def test_committed_payloads_match_the_generator(tmp_path: Path) -> None:
    if not (NODE_MODULES / "@octokit" / "webhooks-examples").is_dir():
        pytest.skip(
            f"npm packages not at {NODE_MODULES}: `npm install @octokit/webhooks-examples "
            "@octokit/openapi-webhooks` there, or set ARCHITECT_OCTOKIT_NODE_MODULES"
        )
    subprocess.run(
        [sys.executable, str(EVENTS / "make_events.py"), str(NODE_MODULES), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = sorted(p.name for p in tmp_path.glob("*.json"))
    committed = sorted(p.name for p in EVENTS.glob("*.json"))
    assert made == committed
    for name in made:
        assert (tmp_path / name).read_bytes() == (EVENTS / name).read_bytes(), name
