"""What a set-up state is keyed by (bot/sandbox/setup_state.py): the files a setup reads, so an edit
to one runs it again, and an edit elsewhere reuses it; a non-editable install counts every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sandbox import Limits
from bot.sandbox.setup_state import changed_inputs, installs_a_copy, parse_runtime, setup_inputs, setup_key
from tests.sandbox.repos import make_repo


@pytest.mark.parametrize(
    ("command", "copies"),
    [
        ("pip install -e .", False),
        ("pip install -e '.[test]'", False),
        ("python3 -m pip install --editable .[dev]", False),
        ("pip install -r requirements.txt", False),
        ("pip install .", True),
        ("pip install '.[test]' && pytest --version", True),
        ("pip install -e . ; pip install ./", True),
        ("python setup.py install", True),
        ("make deps", False),
    ],
)
def test_a_non_editable_install_of_the_project_is_a_copy(command: str, copies: bool) -> None:
    assert installs_a_copy(command) is copies


def test_the_inputs_are_the_manifests_and_the_files_the_command_names(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    made = ("pyproject.toml", "requirements-dev.txt", "requirements/ci.txt", "scripts/setup.sh", "src/m.py")
    for name in made:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x\n")
    (tmp_path / "outside.txt").write_text("x\n")
    command = f"bash scripts/setup.sh && pip install -e . -c ./constraints.txt -r {tmp_path}/outside.txt"
    assert setup_inputs(repo, command) == [
        "pyproject.toml",
        "requirements-dev.txt",
        "requirements/ci.txt",
        "scripts/setup.sh",
    ]
    assert "src/m.py" in setup_inputs(repo, "pip install .")  # a copy: every file


def test_the_key_changes_with_an_input_and_not_with_other_code(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    key = setup_key(repo, "pip install -e .", "docker:sha256:1", Limits())
    (repo / "calc.py").write_text("changed = True\n")
    assert setup_key(repo, "pip install -e .", "docker:sha256:1", Limits()) == key
    assert setup_key(repo, "pip install -e .", "docker:sha256:2", Limits()) != key  # another image
    assert setup_key(repo, "pip install -e .", "docker:sha256:1", Limits(setup_as_root=True)) != key
    (repo / "pyproject.toml").write_text('[project]\nname = "y"\n')
    again = setup_key(repo, "pip install -e .", "docker:sha256:1", Limits())
    assert again != key and changed_inputs(key, again) == ["pyproject.toml"]


def test_the_runtime_probe_reads_python_and_old_and_new_pytest() -> None:
    assert parse_runtime("python 3.11.2\npytest 7.2.1\n").pytest == "7.2.1"
    old = parse_runtime("python 3.8.10\nThis is pytest version 5.4.3, imported from /x\n")
    assert (old.python, old.pytest) == ("3.8.10", "5.4.3")
    assert parse_runtime("python 3.12.1\n/usr/bin/python3: No module named pytest\n").pytest is None
