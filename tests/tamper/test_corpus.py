"""Each way of rigging a test run is flagged by name; honest test changes are not."""

from __future__ import annotations

import pytest

from bot.tamper import FileChange, find_tampering, is_test_path

TEST = """import pytest
from calc import add


def test_add():
    result = add(2, 3)
    assert result == 5
    assert add(0, 0) == 0


class TestMore:
    def test_negative(self):
        assert add(-1, -1) == -2
"""


def edited(old: str, new: str, text: str = TEST) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


RIGGED: list[tuple[str, FileChange, str]] = [
    (
        "a conftest hook that passes every test",
        FileChange("tests/conftest.py", None, "def pytest_runtest_makereport(item, call):\n    pass\n"),
        "result-hook",
    ),
    ("a root conftest", FileChange("conftest.py", None, "import os\n"), "test-config"),
    ("a conftest edited", FileChange("tests/conftest.py", "import os\n", "import os, sys\n"), "test-config"),
    (
        "a collection hook",
        FileChange("conftest.py", "", "def pytest_collection_modifyitems(items):\n    items.clear()\n"),
        "result-hook",
    ),
    (
        "addopts --deselect",
        FileChange(
            "pytest.ini", "[pytest]\n", "[pytest]\naddopts = --deselect tests/test_calc.py::test_add\n"
        ),
        "filtering-addopts",
    ),
    ("addopts -k", FileChange("tox.ini", None, "[pytest]\naddopts = -k 'not add'\n"), "filtering-addopts"),
    (
        "addopts -p in pyproject",
        FileChange(
            "pyproject.toml",
            '[project]\nname = "x"\n',
            '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-p rigged"\n',
        ),
        "filtering-addopts",
    ),
    (
        "setup.cfg pytest section",
        FileChange(
            "setup.cfg", "[metadata]\nname = x\n", "[metadata]\nname = x\n\n[tool:pytest]\ntestpaths = docs\n"
        ),
        "test-config",
    ),
    ("a noxfile", FileChange("noxfile.py", "import nox\n", "import nox  # changed\n"), "test-config"),
    (
        "a jest config",
        FileChange("jest.config.js", None, "module.exports = {testMatch: []};\n"),
        "test-config",
    ),
    (
        "a vitest config",
        FileChange("vitest.config.ts", "export default {}\n", "export default {x: 1}\n"),
        "test-config",
    ),
    (
        "assert ... or True",
        FileChange("tests/test_calc.py", TEST, edited("assert result == 5", "assert result == 5 or True")),
        "assert-always-true",
    ),
    (
        "an assert removed",
        FileChange("tests/test_calc.py", TEST, edited("    assert add(0, 0) == 0\n", "")),
        "assertions-removed",
    ),
    (
        "an assert commented out",
        FileChange(
            "tests/test_calc.py", TEST, edited("    assert add(0, 0) == 0", "    # assert add(0, 0) == 0")
        ),
        "assertions-removed",
    ),
    (
        "pytest.skip added",
        FileChange(
            "tests/test_calc.py",
            TEST,
            edited("    result = add(2, 3)", "    pytest.skip('later')\n    result = add(2, 3)"),
        ),
        "skip-added",
    ),
    (
        "an xfail marker",
        FileChange(
            "tests/test_calc.py", TEST, edited("def test_add():", "@pytest.mark.xfail\ndef test_add():")
        ),
        "skip-added",
    ),
    (
        "an early return",
        FileChange(
            "tests/test_calc.py", TEST, edited("    result = add(2, 3)", "    return\n    result = add(2, 3)")
        ),
        "early-return",
    ),
    (
        "an expected value changed",
        FileChange("tests/test_calc.py", TEST, edited("assert result == 5", "assert result == -1")),
        "expected-changed",
    ),
    (
        "a test renamed away",
        FileChange("tests/test_calc.py", TEST, edited("def test_add():", "def _test_add():")),
        "test-removed",
    ),
    (
        "a test method renamed away",
        FileChange("tests/test_calc.py", TEST, edited("def test_negative", "def negative")),
        "test-removed",
    ),
    ("a test file deleted", FileChange("tests/test_calc.py", TEST, None), "test-file-deleted"),
    ("a test file moved away", FileChange("tests/test_calc.py", TEST, None), "test-file-deleted"),
    (
        "a skip in a JS test",
        FileChange(
            "src/sum.test.js",
            "it('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n",
            "it.skip('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n",
        ),
        "skip-added",
    ),
]

HONEST: list[tuple[str, FileChange]] = [
    (
        "a new test",
        FileChange("tests/test_calc.py", TEST, TEST + "\n\ndef test_zero():\n    assert add(0, 1) == 1\n"),
    ),
    (
        "a new assert",
        FileChange(
            "tests/test_calc.py",
            TEST,
            edited("    assert result == 5\n", "    assert result == 5\n    assert add(5, 0) == 5\n"),
        ),
    ),
    ("a new test file", FileChange("tests/test_sub.py", None, "def test_sub():\n    assert 1 - 1 == 0\n")),
    (
        "a source change",
        FileChange("calc.py", "def add(a, b):\n    return a - b\n", "def add(a, b):\n    return a + b\n"),
    ),
    (
        "an unrelated pyproject change",
        FileChange(
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n',
            '[project]\nname = "y"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n',
        ),
    ),
    (
        "an unrelated setup.cfg change",
        FileChange("setup.cfg", "[metadata]\nname = x\n", "[metadata]\nname = y\n"),
    ),
    (
        "a helper in a test file refactored",
        FileChange("tests/test_calc.py", TEST, TEST + "\n\ndef helper():\n    return 1\n"),
    ),
]


@pytest.mark.parametrize(("what", "change", "kind"), RIGGED, ids=[r[0] for r in RIGGED])
def test_each_rigging_trick_is_flagged(what: str, change: FileChange, kind: str) -> None:
    found = find_tampering([change])
    assert kind in [f.kind for f in found], (what, found)
    assert all(change.path in f.describe() for f in found)


@pytest.mark.parametrize(("what", "change"), HONEST, ids=[h[0] for h in HONEST])
def test_honest_changes_are_not_flagged(what: str, change: FileChange) -> None:
    assert find_tampering([change]) == [], what


def test_tests_missing_from_the_results_are_named() -> None:
    found = find_tampering([], missing_tests=["tests/test_calc.py::test_add"])
    assert [f.kind for f in found] == ["test-missing"]
    assert "tests/test_calc.py::test_add" in found[0].describe()


def test_a_test_file_that_no_longer_parses_is_flagged_not_a_crash() -> None:
    found = find_tampering([FileChange("tests/test_calc.py", TEST, "def test_add(:\n")])
    assert [f.kind for f in found] == ["unparsable-test"]


def test_test_paths_across_ecosystems() -> None:
    for path in (
        "tests/test_a.py",
        "pkg/test_b.py",
        "a_test.go",
        "src/x.test.ts",
        "web/__tests__/y.js",
        "src/test/java/FooTest.java",
        "spec/z_spec.rb",
    ):
        assert is_test_path(path), path
    for path in ("src/app.py", "testing_utils.py", "contest.py", "docs/tests.md"):
        assert not is_test_path(path), path


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("src/sum.test.js", "it.skip('adds', () => {"),
        ("tests/integration.rs", "#[ignore]"),
        ("src/test/java/FooTest.java", "@Disabled"),
        ("calc_test.go", 't.Skip("later")'),
    ],
)
def test_skip_markers_in_other_languages(path: str, marker: str) -> None:
    found = find_tampering([FileChange(path, "a\nb\n", f"a\n{marker}\nb\n")])
    assert [f.kind for f in found] == ["skip-added"], marker


def test_assertions_rewritten_in_other_languages_are_not_flagged() -> None:
    before = "it('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n"
    assert (
        find_tampering([FileChange("src/sum.test.js", before, before.replace("toBe(3)", "toEqual(3)"))]) == []
    )
    assert [
        f.kind for f in find_tampering([FileChange("src/sum.test.js", before, "it('adds', () => {});\n")])
    ] == ["assertions-removed"]
