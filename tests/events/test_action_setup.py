"""scripts/action-setup.sh for real: python check, venv under the action path, reuse while the key holds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.events.helpers import ROOT

SETUP = ROOT / "scripts" / "action-setup.sh"


def run_setup(
    action_path: Path, tmp_path: Path, python: str = sys.executable
) -> tuple[subprocess.CompletedProcess[str], str]:
    output = tmp_path / "github_output"
    output.write_text("")
    env = {**os.environ, "ARCHITECT_PYTHON": python, "GITHUB_OUTPUT": str(output), "PIP_NO_INPUT": "1"}
    result = subprocess.run(
        ["bash", str(SETUP), str(action_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, output.read_text()


def fake_python(tmp_path: Path, version: str, new_enough: bool) -> str:
    """An interpreter stand-in that answers the script's two questions like an old Python would."""
    stub = tmp_path / "python-old"
    stub.write_text(
        f'#!/bin/sh\ncase "$2" in *print*) echo {version};; *) exit {0 if new_enough else 1};; esac\n'
    )
    stub.chmod(0o755)
    return str(stub)


def test_python_older_than_3_11_fails_with_an_annotation(tmp_path: Path) -> None:
    result, _ = run_setup(tmp_path, tmp_path, fake_python(tmp_path, "3.10.12", new_enough=False))
    assert result.returncode == 1
    assert "::error title=architect-bot setup::architect-bot needs Python >= 3.11" in result.stdout
    assert "is 3.10.12" in result.stdout
    assert not (tmp_path / ".venv").exists()


def test_missing_python_fails_with_an_annotation(tmp_path: Path) -> None:
    result, _ = run_setup(tmp_path, tmp_path, str(tmp_path / "no-such-python"))
    assert result.returncode == 1
    assert (
        "::error title=architect-bot setup::no " in result.stdout and "needs Python >= 3.11" in result.stdout
    )


PROBE_CLI = """\
import json
import os
import sys


def main() -> None:
    if sys.argv[1:] != ["action"]:
        print(GREETING)
        return
    seen = {k: v for k, v in os.environ.items() if k.startswith(("INPUT_", "ARCHITECT_"))}
    with open(os.environ["PROBE_DUMP"], "w") as handle:
        json.dump(seen, handle)
    with open(os.environ["GITHUB_OUTPUT"], "a") as handle:
        handle.write("status=fixed\\npr-url=https://github.com/o/r/pull/2\\npr-number=2\\n")
        handle.write("branch=architect/issue-1\\ncost-usd=0.42\\nplan=/tmp/plan.md\\n")
"""


def tiny_action(root: Path, greeting: str) -> Path:
    """A stand-in package with the real layout (pyproject.toml, bot/, console script architect-bot)
    and the real action.yml and set-up script; `architect-bot action` reports what it received."""
    (root / "bot").mkdir(parents=True, exist_ok=True)
    (root / "scripts").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "architect-bot-setup-probe"\nversion = "0.0.1"\n'
        '[project.scripts]\narchitect-bot = "bot.cli:main"\n'
        '[tool.setuptools.packages.find]\ninclude = ["bot*"]\n'
    )
    (root / "bot" / "__init__.py").write_text("")
    (root / "bot" / "cli.py").write_text(f"GREETING = {greeting!r}\n" + PROBE_CLI)
    shutil.copy(ROOT / "action.yml", root / "action.yml")
    shutil.copy(SETUP, root / "scripts" / "action-setup.sh")
    return root


def key(action: Path, python: str = sys.executable) -> str:
    result = subprocess.run(
        ["bash", str(SETUP), "--key", str(action)],
        env={**os.environ, "ARCHITECT_PYTHON": python},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_venv_key_follows_pyproject_sources_and_interpreter(tmp_path: Path) -> None:
    action = tiny_action(tmp_path / "action", "first")
    first = key(action)
    assert len(first) == 16 and key(action) == first
    (action / "bot" / "__pycache__").mkdir()
    (action / "bot" / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"\0")
    assert key(action) == first, "byte-code caches do not count"
    tiny_action(action, "second")
    second = key(action)
    assert second != first, "a source change makes a new venv"
    with (action / "pyproject.toml").open("a") as handle:
        handle.write("# changed\n")
    third = key(action)
    assert third not in {first, second}
    assert key(action, fake_python(tmp_path, "3.12.9", new_enough=True)) != third


@pytest.mark.slow
def test_installs_once_then_reuses(tmp_path: Path) -> None:
    action = tiny_action(tmp_path / "action", "hello from the venv")
    first, outputs = run_setup(action, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "architect-bot: installed into" in first.stdout
    bin_dir = action / ".venv" / "bin"
    assert outputs == f"bin={bin_dir}\n"
    ran = subprocess.run([bin_dir / "architect-bot"], capture_output=True, text=True, check=True)
    assert ran.stdout == "hello from the venv\n"
    assert (action / ".venv" / ".architect-key").read_text().strip() == key(action)

    again, outputs = run_setup(action, tmp_path)
    assert again.returncode == 0 and "architect-bot: reusing" in again.stdout
    assert outputs == f"bin={bin_dir}\n"
