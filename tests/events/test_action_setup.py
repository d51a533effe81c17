"""scripts/action-setup.sh for real: python check, venv under the action path, reuse while the key holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.events.probe import SETUP, run_setup, tiny_action


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
def test_installs_once_then_reuses(installed_probe: tuple[Path, str], tmp_path: Path) -> None:
    action, first_log = installed_probe
    assert "architect-bot: installed into" in first_log
    bin_dir = action / ".venv" / "bin"
    ran = subprocess.run([bin_dir / "architect-bot"], capture_output=True, text=True, check=True)
    assert ran.stdout == "hello from the venv\n"
    assert (action / ".venv" / ".architect-key").read_text().strip() == key(action)

    again, outputs = run_setup(action, tmp_path)
    assert again.returncode == 0 and "architect-bot: reusing" in again.stdout
    assert outputs == f"bin={bin_dir}\n"


@pytest.mark.slow
def test_with_a_runner_tool_cache_the_venv_lives_there_keyed(tmp_path: Path) -> None:
    """GitHub's runners and act set RUNNER_TOOL_CACHE; act keeps it in a volume across jobs."""
    action = tiny_action(tmp_path / "action", "from the tool cache")
    cache = tmp_path / "toolcache"
    first, outputs = run_setup(action, tmp_path, tool_cache=cache)
    assert first.returncode == 0, first.stdout + first.stderr
    venv = cache / "architect-bot" / key(action)
    assert outputs == f"bin={venv / 'bin'}\n" and "installed into" in first.stdout
    assert not (action / ".venv").exists()
    ran = subprocess.run([venv / "bin" / "architect-bot"], capture_output=True, text=True, check=True)
    assert ran.stdout == "from the tool cache\n"

    fresh = tiny_action(tmp_path / "same-action-elsewhere", "from the tool cache")  # a new job's copy
    again, outputs = run_setup(fresh, tmp_path, tool_cache=cache)
    assert again.returncode == 0 and "architect-bot: reusing" in again.stdout
    assert outputs == f"bin={venv / 'bin'}\n"
