"""Every built-in exercise is solvable (its reference passes) and not already solved (its stub fails).

All exercises run in ONE pytest subprocess per mode; results are told apart by the JUnit report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from bot.bench import Exercise, SuiteListing


def _run_all(exercises: tuple[Exercise, ...], tmp: Path, *, with_reference: bool) -> dict[str, Counter[str]]:
    """Outcome counts ("passed", "failed") per exercise name after one pytest run over all of them."""
    for ex in exercises:
        ws = ex.workspace(tmp / ex.name)
        if with_reference:
            for rel, text in ex.reference_solution().items():
                (ws / rel).write_text(text, encoding="utf-8")
    (tmp / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    report = tmp / "report.xml"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(tmp / "pytest.ini"),
         "--rootdir", str(tmp), f"--junitxml={report}", str(tmp)],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    outcomes: dict[str, Counter[str]] = {ex.name: Counter() for ex in exercises}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("classname", "").split(".")[0]
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        outcomes.setdefault(name, Counter())["failed" if failed else "skipped" if skipped else "passed"] += 1
    return outcomes


def test_reference_solutions_pass_every_test(builtin_suite: SuiteListing, tmp_path: Path) -> None:
    outcomes = _run_all(builtin_suite.exercises, tmp_path, with_reference=True)
    broken = {name: dict(c) for name, c in outcomes.items() if c["failed"] or c["skipped"] or not c["passed"]}
    assert broken == {}
    for ex in builtin_suite.exercises:
        assert 6 <= outcomes[ex.name]["passed"] <= 20, f"{ex.name}: {outcomes[ex.name]['passed']} tests"


def test_untouched_stubs_fail(builtin_suite: SuiteListing, tmp_path: Path) -> None:
    outcomes = _run_all(builtin_suite.exercises, tmp_path, with_reference=False)
    solved_already = sorted(name for name, c in outcomes.items() if not c["failed"])
    assert solved_already == []


@pytest.mark.parametrize("junk", ["__pycache__", ".pytest_cache"])
def test_workspace_leaves_out_meta_and_junk(builtin_suite: SuiteListing, tmp_path: Path, junk: str) -> None:
    ex = builtin_suite.exercises[0]
    assert not (ex.path / junk).exists()
    ws = ex.workspace(tmp_path / "ws")
    copied = sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*"))
    assert ".meta" not in {c.split("/")[0] for c in copied}
    assert set(ex.solution_files + ex.test_files) <= set(copied)
