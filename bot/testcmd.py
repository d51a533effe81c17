"""Guessing a repository's test command when none is configured, from the files it has."""

from __future__ import annotations

import json
from pathlib import Path

from bot.context import list_source_files


def detect_test_command(repo: Path) -> str | None:
    files = list_source_files(repo)
    names = {Path(f).name for f in files}
    if any(_is_python_test(f) for f in files):
        # A src layout imports only once installed: without a setup command, put src/ on the path.
        src_package = any(f.startswith("src/") and f.count("/") == 2 and f.endswith("/__init__.py")
                          for f in files)
        return "PYTHONPATH=src python3 -m pytest -q" if src_package else "python3 -m pytest -q"
    if "package.json" in names and _has_npm_test(repo / "package.json"):
        return "npm test"
    if "go.mod" in names:
        return "go test ./..."
    if "Cargo.toml" in names:
        return "cargo test"
    return None


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
