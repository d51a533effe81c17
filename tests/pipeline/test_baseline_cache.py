"""The baseline cache on disk: a hit returns what was stored; a foreign or corrupt entry is ignored."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from bot.baseline import Baseline, BaselineCache, BaselineKey
from bot.testresults.types import TestOutcome, TestResult, TestResults

KEY = BaselineKey("a" * 40, "pytest -q", (("PYTEST_ADDOPTS", "--junitxml=x"),), None, "docker:default", 600.0)
RESULTS = TestResults("pytest", (TestResult("t.py::a", TestOutcome.FAILED, "assert 1 == 2", "t.py"),))
BASE = Baseline(passed=False, exit_code=1, duration_s=3.25, output_tail="E assert", results=RESULTS)


def test_what_is_stored_comes_back(tmp_path: Path) -> None:
    cache = BaselineCache(tmp_path)
    assert cache.load(KEY) is None
    cache.store(KEY, BASE)
    assert cache.load(KEY) == BASE
    assert cache.load(replace(KEY, base_commit="b" * 40)) is None
    assert cache.load(replace(KEY, setup_command="pip install -e .")) is None


def test_a_foreign_entry_under_the_same_name_is_ignored(tmp_path: Path) -> None:
    cache = BaselineCache(tmp_path)
    cache.store(KEY, BASE)
    [entry] = (tmp_path / "baseline").iterdir()
    data = json.loads(entry.read_text())
    data["key"]["test_command"] = "make test"  # an entry written for another command
    entry.write_text(json.dumps(data))
    assert cache.load(KEY) is None


def test_a_corrupt_entry_is_ignored_then_replaced(tmp_path: Path) -> None:
    cache = BaselineCache(tmp_path)
    cache.store(KEY, BASE)
    [entry] = (tmp_path / "baseline").iterdir()
    for junk in ("{", "[]", json.dumps({"key": KEY.as_json(), "value": {"passed": "yes"}})):
        entry.write_text(junk)
        assert cache.load(KEY) is None, junk
    data = json.loads(json.dumps({"key": KEY.as_json(), "value": {}}))
    data["value"] = {"passed": False, "exit_code": 1, "duration_s": 1, "output_tail": "", "results": None}
    exploded = {"id": "t", "outcome": "exploded", "message": "", "file": None}
    data["value"]["results"] = {"runner": "pytest", "complete": True, "tests": [exploded]}
    entry.write_text(json.dumps(data))
    assert cache.load(KEY) is None  # an outcome no parser writes
    cache.store(KEY, BASE)
    assert cache.load(KEY) == BASE
