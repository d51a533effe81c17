"""What a repository's tests and setup are, when the settings do not say: read from the files it has
(pytest, tox and nox configuration, pyproject/setup.cfg extras, dependency groups, requirement
files, package.json, go.mod, Cargo.toml), with the reasons shown to the user."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.context import list_source_files

PYTEST = "python3 -m pytest -q"
# Extras and dependency groups that hold what the tests need, most specific first.
TEST_EXTRAS = ("test", "tests", "testing", "dev")
REQUIREMENT_FILES = (
    "requirements-test.txt",
    "requirements-tests.txt",
    "test-requirements.txt",
    "requirements/test.txt",
    "requirements/tests.txt",
    "requirements-dev.txt",
    "requirements/dev.txt",
)


@dataclass(frozen=True)
class Detected:
    """The test and setup commands found for a repository, and why (one line per finding)."""

    test_command: str | None = None
    setup_command: str | None = None
    reasons: tuple[str, ...] = ()


def detect(repo: Path) -> Detected:
    files = list_source_files(repo)
    names = {Path(f).name for f in files}
    python = _python(repo, files)
    if python is not None:
        return python
    if "package.json" in names and _has_npm_test(repo / "package.json"):
        return Detected("npm test", None, ("package.json has a test script",))
    if "go.mod" in names:
        return Detected("go test ./...", None, ("go.mod: a Go module",))
    if "Cargo.toml" in names:
        return Detected("cargo test", None, ("Cargo.toml: a Rust crate",))
    return Detected()


def detect_test_command(repo: Path) -> str | None:
    return detect(repo).test_command


def _python(repo: Path, files: list[str]) -> Detected | None:
    pyproject = _toml(repo / "pyproject.toml")
    setup_cfg = _ini(repo / "setup.cfg")
    tox = _ini(repo / "tox.ini")
    reasons: list[str] = []
    configured = _pytest_config(repo, pyproject, setup_cfg, tox)
    if configured:
        reasons.append(f"pytest is configured in {configured}")
    runner = _tox_runner(tox) or _nox_runner(repo)
    if runner:
        reasons.append(runner)
    has_tests = any(_is_python_test(f) for f in files)
    if has_tests and not configured:
        reasons.append("test_*.py files exist")
    if not (has_tests or configured):
        return None
    setup, why = _setup(repo, files, pyproject, setup_cfg, tox)
    reasons += why
    command = PYTEST
    if any(f.startswith("src/") and f.count("/") == 2 and f.endswith("/__init__.py") for f in files):
        # a src layout imports only once installed; src/ on the path also covers a setup that fails
        reasons.append("a src/ layout: src/ goes on PYTHONPATH")
        command = f"PYTHONPATH=src {PYTEST}"
    return Detected(command, setup, tuple(reasons))


def _setup(
    repo: Path,
    files: list[str],
    pyproject: dict[str, Any],
    setup_cfg: configparser.ConfigParser,
    tox: configparser.ConfigParser,
) -> tuple[str | None, list[str]]:
    """An install of the project with what its tests need, when the project says what that is."""
    installable = ("pyproject.toml" in files and "project" in pyproject) or "setup.py" in files
    editable = _editable(pyproject) if installable else ""
    extras = _table(pyproject, "project", "optional-dependencies")
    for name in TEST_EXTRAS:
        if installable and name in extras:
            return f"{_pip()} {editable}'.[{name}]'", [f"pyproject.toml declares the extra `{name}`"]
    cfg_extras = (
        setup_cfg["options.extras_require"] if setup_cfg.has_section("options.extras_require") else {}
    )
    for name in TEST_EXTRAS:
        if installable and name in cfg_extras:
            return f"{_pip()} {editable}'.[{name}]'", [f"setup.cfg declares the extra `{name}`"]
    tox_extras = _tox_value(tox, "extras")
    if installable and tox_extras:
        name = tox_extras[0]
        return f"{_pip()} {editable}'.[{name}]'", [f"tox.ini installs the extra `{name}`"]
    groups = _table(pyproject, "dependency-groups")
    for name in TEST_EXTRAS:
        requirements = [r for r in groups.get(name, ()) if isinstance(r, str)]
        if requirements:
            own = f" {editable}." if installable else ""
            quoted = " ".join(shlex.quote(r) for r in requirements)
            return f"{_pip()}{own} {quoted}", [f"pyproject.toml has the dependency group `{name}`"]
    for name in REQUIREMENT_FILES:
        if name in files:
            own = f" {editable}." if installable else ""
            return f"{_pip()}{own} -r {name}", [f"{name} lists what the tests need"]
    tox_deps = [d for d in _tox_value(tox, "deps") if not d.startswith("-") and "{" not in d]
    if tox_deps:
        own = f" {editable}." if installable else ""
        quoted = " ".join(shlex.quote(d) for d in tox_deps)
        return f"{_pip()}{own} {quoted}", ["tox.ini's test environment lists its deps"]
    dependencies = pyproject.get("project", {}).get("dependencies") if installable else None
    if dependencies:
        return f"{_pip()} {editable}.", ["pyproject.toml declares dependencies: the project is installed"]
    return None, []


def _pip() -> str:
    return "python3 -m pip install"


def _editable(pyproject: dict[str, Any]) -> str:
    # The sandbox image has setuptools: without build isolation a setuptools project installs without
    # downloading its build backend (other backends need the network to fetch theirs).
    backend = str(pyproject.get("build-system", {}).get("build-backend", "setuptools"))
    return "--no-build-isolation -e " if backend.startswith("setuptools") else "-e "


def _pytest_config(
    repo: Path,
    pyproject: dict[str, Any],
    setup_cfg: configparser.ConfigParser,
    tox: configparser.ConfigParser,
) -> str | None:
    if (repo / "pytest.ini").is_file():
        return "pytest.ini"
    if _table(pyproject, "tool", "pytest"):
        return "pyproject.toml ([tool.pytest.ini_options])"
    if tox.has_section("pytest"):
        return "tox.ini ([pytest])"
    if setup_cfg.has_section("tool:pytest"):
        return "setup.cfg ([tool:pytest])"
    return None


def _tox_runner(tox: configparser.ConfigParser) -> str | None:
    commands = " ".join(_tox_value(tox, "commands"))
    if "pytest" in commands:
        return "tox.ini's test environment runs pytest"
    if "unittest" in commands:
        return "tox.ini's test environment runs unittest (pytest runs unittest tests too)"
    return None


def _nox_runner(repo: Path) -> str | None:
    try:
        text = (repo / "noxfile.py").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if re.search(r"def (tests?|pytest)\s*\(", text) and "pytest" in text:
        return "noxfile.py has a test session that runs pytest (read, not run)"
    return None


def _tox_value(tox: configparser.ConfigParser, key: str) -> list[str]:
    for section in ("testenv", "tox:testenv"):
        if tox.has_option(section, key):
            raw = tox.get(section, key, raw=True)
            return [line.strip() for line in re.split(r"[\n,]", raw) if line.strip()]
    return []


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(path.read_text(encoding="utf-8"))
    except (OSError, configparser.Error, UnicodeDecodeError):
        return configparser.ConfigParser(interpolation=None)
    return parser


def _table(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        value = data.get(key)
        if not isinstance(value, dict):
            return {}
        data = value
    return data


def _is_python_test(path: str) -> bool:
    name = Path(path).name
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def _has_npm_test(package_json: Path) -> bool:
    try:
        scripts = json.loads(package_json.read_text(encoding="utf-8")).get("scripts", {})
    except (OSError, ValueError, AttributeError):
        return False
    test = scripts.get("test", "") if isinstance(scripts, dict) else ""
    return bool(test) and "no test specified" not in test
