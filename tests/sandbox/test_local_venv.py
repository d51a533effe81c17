"""The local sandbox keeps its hands off the user's environment (17.7): setup and tests run in a
throw-away venv, so `pip install -e .` in the setup leaves the bot's interpreter as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.sandbox import Limits, RunRequest
from bot.sandbox.local import LocalSandbox
from tests.sandbox.repos import make_repo

PACKAGE = "architect_probe_pkg"


def build_wheel(folder: Path) -> Path:
    """The project as a ready wheel: pip installs it offline, with no build backend or `wheel` package."""
    path = folder / f"{PACKAGE}-0.1-py3-none-any.whl"
    info = f"{PACKAGE}-0.1.dist-info"
    with zipfile.ZipFile(path, "w") as whl:
        whl.writestr(f"{PACKAGE}.py", "VALUE = 42\n")
        whl.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {PACKAGE}\nVersion: 0.1\n")
        whl.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        whl.writestr(f"{info}/RECORD", "")
    return path


TEST = f"def test_installed():\n    import {PACKAGE}\n    assert {PACKAGE}.VALUE == 42\n"


def site_listing() -> list[str]:
    return sorted(os.listdir(sysconfig.get_paths()["purelib"]))


@pytest.fixture
def users_pip_first(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The user runs the bot from their venv: its python3 and pip come first on PATH."""
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    yield
    # had the sandbox installed into this interpreter, undo it so one failure does not leak
    subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", "-q", PACKAGE], capture_output=True)


@pytest.mark.usefixtures("users_pip_first")
def test_setup_pip_install_leaves_the_users_interpreter_unchanged(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "proj", TEST)
    build_wheel(repo)
    before = site_listing()
    setup = f"pip install -q --no-index --no-deps ./{PACKAGE}-0.1-py3-none-any.whl && echo VENV=$VIRTUAL_ENV"
    run = LocalSandbox().run(
        RunRequest(repo, "python3 -m pytest -q -p no:cacheprovider", Limits(timeout_s=120), setup)
    )
    assert run.setup is not None and run.setup.passed, run.setup.output
    assert run.passed, run.output  # the tests see the project installed, and the user's pytest
    assert "VENV=/" in run.setup.output and "architect-local-" in run.setup.output
    assert site_listing() == before
