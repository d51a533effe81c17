"""scripts/action-setup.sh for real: python check, venv under the action path, reuse while the key holds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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


def test_an_action_without_its_lock_fails_with_an_annotation(tmp_path: Path) -> None:
    action = tiny_action(tmp_path / "action", "no lock")
    (action / "requirements" / "action.txt").unlink()
    result, outputs = run_setup(action, tmp_path)
    assert result.returncode == 1 and outputs == ""
    assert "::error title=architect-bot setup::" in result.stdout and "action.txt is missing" in result.stdout
    assert not (action / ".venv").exists()


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
    with (action / "requirements" / "action.txt").open("a") as handle:
        handle.write("# a new lock\n")
    fourth = key(action)
    assert fourth not in {first, second, third}, "a new lock makes a new venv"
    assert key(action, fake_python(tmp_path, "3.12.9", new_enough=True)) != fourth


@pytest.mark.slow
def test_installs_once_then_reuses(installed_probe: tuple[Path, str], tmp_path: Path) -> None:
    action, first_log = installed_probe
    assert "architect-bot: installed into" in first_log and " with uv in " in first_log
    bin_dir = action / ".venv" / "bin"
    assert (bin_dir / "uv").is_file(), "the pinned uv (requirements/uv.txt) was installed first"
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


@pytest.mark.slow
def test_a_given_uv_is_used_as_it_is_and_none_means_pip(
    installed_probe: tuple[Path, str], tmp_path: Path
) -> None:
    given = installed_probe[0] / ".venv" / "bin" / "uv"
    other = tiny_action(tmp_path / "other", "via the given uv")
    result, outputs = run_setup(other, tmp_path, uv=str(given))
    assert outputs == f"bin={other / '.venv' / 'bin'}\n"
    assert result.returncode == 0 and " with uv in " in result.stdout, result.stdout + result.stderr
    assert not (other / ".venv" / "bin" / "uv").exists(), "no second uv when one is given"
    ran = subprocess.run([other / ".venv" / "bin" / "architect-bot"], capture_output=True, text=True)
    assert ran.stdout == "via the given uv\n"

    plain = tiny_action(tmp_path / "plain", "via pip")
    result, _ = run_setup(plain, tmp_path, uv="none")
    assert result.returncode == 0 and " with pip in " in result.stdout, result.stdout + result.stderr
    assert "uv is not available here" in result.stdout
    ran = subprocess.run([plain / ".venv" / "bin" / "architect-bot"], capture_output=True, text=True)
    assert ran.stdout == "via pip\n"


@pytest.mark.slow
def test_a_lock_whose_hash_does_not_match_fails_and_does_not_fall_back(
    installed_probe: tuple[Path, str], tmp_path: Path
) -> None:
    given = installed_probe[0] / ".venv" / "bin" / "uv"
    lock = "six==1.16.0 \\\n    --hash=sha256:" + "0" * 64 + "\n"
    action = tiny_action(tmp_path / "action", "tampered", lock=lock)
    result, outputs = run_setup(action, tmp_path, uv=str(given))
    assert result.returncode == 1 and outputs == ""
    assert "::error title=architect-bot setup::uv could not install requirements/action.txt" in result.stdout
    assert "with pip" not in result.stdout
    assert not (action / ".venv" / ".architect-key").exists(), "a failed install is never reused"


@pytest.mark.slow
def test_venvs_of_other_keys_unused_for_a_week_are_removed(
    installed_probe: tuple[Path, str], tmp_path: Path
) -> None:
    root = tmp_path / "toolcache" / "architect-bot"
    now = time.time()
    ages = {"0123456789abcdef": 8, "fedcba9876543210": 2}
    for name, days in ages.items():
        (root / name / "bin").mkdir(parents=True)
        stamp = root / name / ".architect-key"
        stamp.write_text(name + "\n")
        (root / f"{name}.lock").touch()
        os.utime(stamp, (now - days * 86400, now - days * 86400))
    action = tiny_action(tmp_path / "action", "pruning")
    given = str(installed_probe[0] / ".venv" / "bin" / "uv")
    result, _ = run_setup(action, tmp_path, tool_cache=tmp_path / "toolcache", uv=given)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / "0123456789abcdef").exists() and (root / "fedcba9876543210").is_dir()
    assert not (root / "0123456789abcdef.lock").exists() and (root / "fedcba9876543210.lock").exists()
    assert "removed" in result.stdout and (root / key(action) / "bin" / "architect-bot").is_file()
