"""What the bot finds on its own when the settings name no test or setup command: read from the
project's files, said with its reasons, overridden by the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.testcmd import PYTEST, detect


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


TEST = {"tests/test_x.py": "def test_x():\n    assert True\n"}
PYPROJECT = '[project]\nname = "x"\nversion = "1"\n'


def test_a_pyproject_test_extra_is_installed_and_said(tmp_path: Path) -> None:
    found = detect(
        project(
            tmp_path,
            {
                **TEST,
                "pyproject.toml": PYPROJECT + '[project.optional-dependencies]\ntest = ["pytest"]\n'
                "[tool.pytest.ini_options]\ntestpaths = ['tests']\n",
            },
        )
    )
    assert found.test_command == PYTEST
    assert found.setup_command == "python3 -m pip install --no-build-isolation -e '.[test]'"
    assert found.reasons == (
        "pytest is configured in pyproject.toml ([tool.pytest.ini_options])",
        "pyproject.toml declares the extra `test`",
    )


def test_a_hatch_project_keeps_build_isolation(tmp_path: Path) -> None:
    hatch = PYPROJECT + '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
    found = detect(
        project(tmp_path, {**TEST, "pyproject.toml": hatch + "[project.optional-dependencies]\ntests = []\n"})
    )
    assert found.setup_command == "python3 -m pip install -e '.[tests]'"


def test_tox_and_setup_cfg(tmp_path: Path) -> None:
    found = detect(
        project(
            tmp_path,
            {
                **TEST,
                "setup.py": "from setuptools import setup\nsetup()\n",
                "setup.cfg": "[metadata]\nname = x\n[options.extras_require]\ntesting = pytest\n"
                "[tool:pytest]\naddopts = -q\n",
                "tox.ini": "[testenv]\ndeps = pytest\ncommands = pytest {posargs}\n",
            },
        )
    )
    assert found.setup_command == "python3 -m pip install --no-build-isolation -e '.[testing]'"
    assert found.reasons == (
        "pytest is configured in setup.cfg ([tool:pytest])",
        "tox.ini's test environment runs pytest",
        "setup.cfg declares the extra `testing`",
    )


def test_dependency_groups_and_requirement_files(tmp_path: Path) -> None:
    groups = PYPROJECT + '[dependency-groups]\ntest = ["pytest>=7", "hypothesis"]\n'
    found = detect(project(tmp_path / "a", {**TEST, "pyproject.toml": groups}))
    assert found.setup_command == "python3 -m pip install --no-build-isolation -e . 'pytest>=7' hypothesis"
    assert "pyproject.toml has the dependency group `test`" in found.reasons
    found = detect(project(tmp_path / "b", {**TEST, "requirements-dev.txt": "pytest\n"}))
    assert found.setup_command == "python3 -m pip install -r requirements-dev.txt"


def test_a_nox_session_is_recognised_not_run(tmp_path: Path) -> None:
    nox = "import nox\n\n@nox.session\ndef tests(session):\n    session.run('pytest')\n"
    found = detect(project(tmp_path, {**TEST, "noxfile.py": nox}))
    assert "noxfile.py has a test session that runs pytest (read, not run)" in found.reasons
    assert found.setup_command is None


def test_a_src_layout_keeps_src_on_the_path_whether_or_not_it_installs(tmp_path: Path) -> None:
    files = {**TEST, "src/pkg/__init__.py": "", "pyproject.toml": PYPROJECT}
    assert detect(project(tmp_path / "a", files)).test_command == f"PYTHONPATH=src {PYTEST}"
    extra = {**files, "pyproject.toml": PYPROJECT + "[project.optional-dependencies]\ntest = []\n"}
    found = detect(project(tmp_path / "b", extra))
    assert (found.test_command, found.setup_command) == (
        f"PYTHONPATH=src {PYTEST}",
        "python3 -m pip install --no-build-isolation -e '.[test]'",
    )


@pytest.mark.parametrize(
    ("files", "command"),
    [
        ({"package.json": '{"scripts": {"test": "jest"}}'}, "npm test"),
        ({"go.mod": "module x\n"}, "go test ./..."),
        ({"README.md": "no tests"}, None),
    ],
)
def test_other_languages(tmp_path: Path, files: dict[str, str], command: str | None) -> None:
    found = detect(project(tmp_path, files))
    assert found.test_command == command and found.setup_command is None


def test_broken_config_files_are_read_as_absent(tmp_path: Path) -> None:
    found = detect(project(tmp_path, {**TEST, "pyproject.toml": "[project\n", "tox.ini": "no section\n"}))
    assert (found.test_command, found.setup_command) == (PYTEST, None)
