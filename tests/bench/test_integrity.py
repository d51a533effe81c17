"""Every built-in exercise is solvable (its reference passes) and not already solved (its stub fails).

All exercises run in ONE pytest subprocess per mode, both modes at once; results are told apart by
the JUnit report (the first part of each test's classname is the exercise folder).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from bot.bench import SuiteListing

Outcomes = dict[str, Counter[str]]


def _prepare(listing: SuiteListing, tmp: Path, *, with_reference: bool) -> Path:
    for ex in listing.exercises:
        ws = ex.workspace(tmp / ex.name)
        if with_reference:
            for rel, text in ex.reference_solution().items():
                (ws / rel).write_text(text, encoding="utf-8")
    (tmp / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return tmp


def _start(tmp: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "pytest", "-q", "--tb=no", "-p", "no:cacheprovider",
        "-c", str(tmp / "pytest.ini"), "--rootdir", str(tmp), f"--junitxml={tmp / 'report.xml'}", str(tmp),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        command, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _outcomes(tmp: Path, proc: subprocess.Popen[str]) -> Outcomes:
    output, _ = proc.communicate(timeout=300)
    report = tmp / "report.xml"
    assert report.is_file(), f"pytest wrote no report:\n{output[-3000:]}"
    outcomes: Outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.get("classname", "").split(".")[0]
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        outcomes.setdefault(name, Counter())["failed" if failed else "skipped" if skipped else "passed"] += 1
    return outcomes


@pytest.fixture(scope="session")
def runs(builtin_suite: SuiteListing, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcomes]:
    """Outcome counts per exercise for the reference solutions and for the untouched stubs."""
    ref = _prepare(builtin_suite, tmp_path_factory.mktemp("reference"), with_reference=True)
    stub = _prepare(builtin_suite, tmp_path_factory.mktemp("stub"), with_reference=False)
    ref_proc, stub_proc = _start(ref), _start(stub)
    return {"reference": _outcomes(ref, ref_proc), "stub": _outcomes(stub, stub_proc)}


def test_reference_solutions_pass_every_test(builtin_suite: SuiteListing, runs: dict[str, Outcomes]) -> None:
    outcomes = runs["reference"]
    assert set(outcomes) == {ex.name for ex in builtin_suite.exercises}
    broken = {name: dict(c) for name, c in outcomes.items() if c["failed"] or c["skipped"] or not c["passed"]}
    assert broken == {}
    counts = {name: c["passed"] for name, c in outcomes.items()}
    assert all(6 <= n <= 20 for n in counts.values()), counts


def test_untouched_stubs_fail(builtin_suite: SuiteListing, runs: dict[str, Outcomes]) -> None:
    outcomes = runs["stub"]
    assert set(outcomes) == {ex.name for ex in builtin_suite.exercises}
    solved_already = sorted(name for name, c in outcomes.items() if not c["failed"])
    assert solved_already == []


def test_exercise_folders_hold_only_the_layout(builtin_suite: SuiteListing) -> None:
    """Nothing beyond the public layout: no caches, no stray files a model could peek at."""
    docs = {".docs/introduction.md", ".docs/instructions.md", ".docs/instructions.append.md"}
    for ex in builtin_suite.exercises:
        present = {p.relative_to(ex.path).as_posix() for p in ex.path.rglob("*") if p.is_file()}
        expected = {".meta/config.json", *ex.solution_files, *ex.test_files, *ex.example_files}
        assert expected <= present, ex.name
        assert present - expected <= docs, f"{ex.name}: unexpected {sorted(present - expected - docs)}"
        dirs = {p.relative_to(ex.path).as_posix() for p in ex.path.rglob("*") if p.is_dir()}
        assert dirs == {".docs", ".meta"}, f"{ex.name}: {sorted(dirs)}"


def _public_api(source: str) -> dict[str, tuple[str, ...]]:
    """Public functions, classes and their methods -> parameter names (defaults may differ)."""
    api: dict[str, tuple[str, ...]] = {}

    def params(fn: ast.FunctionDef) -> tuple[str, ...]:
        return tuple(a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs))

    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            api[node.name] = params(node)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            api[node.name] = ()
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (
                    not item.name.startswith("_") or item.name.endswith("__")
                ):
                    api[f"{node.name}.{item.name}"] = params(item)
    return api


def test_stub_api_matches_the_reference(builtin_suite: SuiteListing) -> None:
    """The stub promises what the reference delivers: same public names and parameters."""
    for ex in builtin_suite.exercises:
        stub = _public_api((ex.path / ex.solution_files[0]).read_text(encoding="utf-8"))
        reference = _public_api((ex.path / ex.example_files[0]).read_text(encoding="utf-8"))
        assert stub, ex.name
        mismatched = {
            name: (sig, reference.get(name)) for name, sig in stub.items() if reference.get(name) != sig
        }
        assert mismatched == {}, ex.name
