"""Which runner a command invokes, how it is made to report each test, and how a subset is selected."""

from __future__ import annotations

import pytest

from bot.testresults.instrument import instrument, read_results, select_tests
from tests.testresults.corpus_files import corpus_run, corpus_text

GO_FILE = ' >> "$ARCHITECT_REPORT_DIR/go-test.jsonl"'
JUNIT = ("PYTEST_ADDOPTS", "--junitxml=$ARCHITECT_REPORT_DIR/pytest.xml -o junit_family=xunit1")


@pytest.mark.parametrize(
    "command",
    [
        "pytest",
        "pytest -q tests/",
        "py.test -x",
        "python -m pytest",
        "python3 -m pytest -q tests/",
        "python3.11 -m pytest",
        ".venv/bin/pytest -q",
        "cd sub && python -m pytest -q",
        "pip install -e . && pytest",
        "pip install pytest pytest-cov && pytest -q",
        "uv run pytest",
    ],
)
def test_pytest_is_read_through_pytest_addopts_and_the_command_is_kept(command: str) -> None:
    instr = instrument(command)
    assert instr.runner == "pytest"
    assert instr.command == command
    assert instr.env == (JUNIT,)
    assert (
        instr.reason == f"`{command}` left no pytest report the bot could read: only its exit code was read"
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ('PYTEST_ADDOPTS="-x -q" pytest', 'PYTEST_ADDOPTS="$PYTEST_ADDOPTS ""-x -q" pytest'),
        ("PYTEST_ADDOPTS=-x python -m pytest", 'PYTEST_ADDOPTS="$PYTEST_ADDOPTS "-x python -m pytest'),
        (
            "export PYTEST_ADDOPTS='-p no:x'; pytest",
            "export PYTEST_ADDOPTS=\"$PYTEST_ADDOPTS \"'-p no:x'; pytest",
        ),
        # Already extends the inherited value: nothing to do.
        ('PYTEST_ADDOPTS="$PYTEST_ADDOPTS -x" pytest', 'PYTEST_ADDOPTS="$PYTEST_ADDOPTS -x" pytest'),
    ],
)
def test_a_command_setting_pytest_addopts_keeps_both(command: str, expected: str) -> None:
    instr = instrument(command)
    assert instr.command == expected
    assert instr.env == (JUNIT,)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("go test ./...", f"go test -json ./...{GO_FILE}"),
        ("go test -v -race ./pkg/...", f"go test -json -v -race ./pkg/...{GO_FILE}"),
        ("cd svc && go test ./... && echo ok", f"cd svc && go test -json ./...{GO_FILE} && echo ok"),
        ("go test ./... || true", f"go test -json ./...{GO_FILE} || true"),
        (
            'go test -run "A|B" ./a; go test ./b',
            f'go test -json -run "A|B" ./a{GO_FILE}; go test -json ./b{GO_FILE}',
        ),
        # The command chose where the output goes: the events stay on stdout.
        ("go test -json ./...", "go test -json ./..."),
        ("go test ./... | tee log", "go test -json ./... | tee log"),
        ("go test ./... 2>&1", "go test -json ./... 2>&1"),
        ("go test ./... > log", "go test -json ./... > log"),
    ],
)
def test_go_test_writes_json_events_to_a_report(command: str, expected: str) -> None:
    instr = instrument(command)
    assert (instr.runner, instr.command, instr.env) == ("go", expected, ())


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("npx jest", 'npx jest --json --outputFile="$ARCHITECT_REPORT_DIR/jest.json"'),
        ("jest --ci", 'jest --json --outputFile="$ARCHITECT_REPORT_DIR/jest.json" --ci'),
        (
            "node_modules/.bin/jest",
            'node_modules/.bin/jest --json --outputFile="$ARCHITECT_REPORT_DIR/jest.json"',
        ),
        (
            "npx jest --config jest.config.js",
            'npx jest --json --outputFile="$ARCHITECT_REPORT_DIR/jest.json" --config jest.config.js',
        ),
    ],
)
def test_jest_gets_a_json_report(command: str, expected: str) -> None:
    assert instrument(command).command == expected
    assert instrument(command).runner == "jest"


@pytest.mark.parametrize("command", ["npx vitest run", "vitest run", "npx vitest"])
def test_vitest_gets_a_json_reporter_beside_the_default(command: str) -> None:
    instr = instrument(command)
    assert instr.runner == "vitest"
    assert instr.command.startswith(command + " --reporter=default --reporter=json ")
    assert instr.command.endswith('--outputFile.json="$ARCHITECT_REPORT_DIR/vitest.json"')


def test_cargo_test_runs_every_binary() -> None:
    assert instrument("cargo test").command == "cargo test --no-fail-fast"
    assert instrument("cargo test --no-fail-fast -q").command == "cargo test --no-fail-fast -q"
    assert instrument("cargo test").runner == "cargo"


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("make test", "`make test` is a custom command: only its exit code was read"),
        ("./run_tests.sh", "custom command"),
        ("tox -e py311", "environment of its own"),
        ("nox -s tests", "environment of its own"),
        ("npm test", "package.json script"),
        ("yarn test", "package.json script"),
        ("pytest && go test ./...", "several test runners (pytest, go)"),
        ("echo ok", "custom command"),
        ("pytestish --run", "custom command"),  # a word that only starts like pytest
        ("python -m unittest", "custom command"),
        ("go vet ./...", "custom command"),
        ("pip install pytest && ./check.sh", "custom command"),  # a package name, not a run
        ("npm install jest && make", "custom command"),
    ],
)
def test_unreadable_commands_say_why_and_run_unchanged(command: str, says: str) -> None:
    instr = instrument(command)
    assert instr.runner is None
    assert says in instr.reason
    assert instr.command == command


def test_a_wrapper_that_ran_pytest_still_gives_results_marked_incomplete() -> None:
    report = {"pytest.xml": corpus_text("pytest9.xml")}
    results = read_results(instrument("make test"), corpus_run(reports=report))
    assert results is not None and results.tests and not results.complete
    assert read_results(instrument("make test"), corpus_run()) is None


def test_a_long_command_is_shortened_in_the_reason() -> None:
    reason = instrument("./check.sh " + "x" * 300).reason
    assert len(reason) < 200 and "…" in reason


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("pytest", "pytest 'tests/test_a.py::test_x[a b]' tests/test_b.py::TestC::test_d"),
        (
            "python3 -m pytest -q tests/",
            "python3 -m pytest -q 'tests/test_a.py::test_x[a b]' tests/test_b.py::TestC::test_d",
        ),
        (
            "python -m pytest -k slow -m 'not net' --tb short -p no:cacheprovider --lf tests",
            "python -m pytest --tb short -p no:cacheprovider "
            "'tests/test_a.py::test_x[a b]' tests/test_b.py::TestC::test_d",
        ),
        (
            "cd sub && pytest -x --deselect tests/x.py::y",
            "cd sub && pytest -x 'tests/test_a.py::test_x[a b]' tests/test_b.py::TestC::test_d",
        ),
    ],
)
def test_select_pytest_node_ids_replace_the_selection(command: str, expected: str) -> None:
    ids = ["tests/test_a.py::test_x[a b]", "tests/test_b.py::TestC::test_d"]
    assert select_tests(instrument(command), ids) == expected


def test_select_go_runs_one_package_each() -> None:
    instr = instrument("go test -v -run TestOld ./...")
    one = select_tests(instr, ["example.com/m/calc/TestAdd", "example.com/m/calc/TestTable/two_plus_two"])
    assert one == "go test -json -v -run '^(TestAdd|TestTable)$' example.com/m/calc"
    two = select_tests(instr, ["example.com/m/calc/TestAdd", "example.com/m/io/TestRead"])
    assert two == (
        "{ rc=0; go test -json -v -run '^(TestAdd)$' example.com/m/calc || rc=1; "
        "go test -json -v -run '^(TestRead)$' example.com/m/io || rc=1; exit $rc; }"
    )


@pytest.mark.parametrize(
    ("command", "ids"),
    [
        ("make test", ["tests/test_a.py::test_x"]),
        ("npx jest", ["test/a.test.js > works"]),
        ("cargo test", ["tests::adds"]),
        ("pytest tests | tee log", ["tests/test_a.py::test_x"]),  # a pipe after the runner: not guessed
        ("go test ./...", ["not-a-go-id"]),
        ("pytest", []),
    ],
)
def test_select_tests_declines_what_it_cannot_do(command: str, ids: list[str]) -> None:
    assert select_tests(instrument(command), ids) is None
