"""Fixtures of the events area."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.events.probe import run_setup, tiny_action


@pytest.fixture(scope="session")
def installed_probe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The probe action installed once (a venv costs seconds); returns its path and the set-up log."""
    tmp = tmp_path_factory.mktemp("probe")
    action = tiny_action(tmp / "action", "hello from the venv")
    first, outputs = run_setup(action, tmp)
    assert first.returncode == 0, first.stdout + first.stderr
    assert outputs == f"bin={action / '.venv' / 'bin'}\n"
    return action, first.stdout
