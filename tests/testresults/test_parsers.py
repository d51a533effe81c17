"""Each runner's real output (tests/testresults/corpus/outputs) read into exact ids and outcomes."""

from __future__ import annotations

import pytest

from bot.sandbox.reports import MAX_REPORT_BYTES
from bot.sandbox.types import TestRun
from bot.testresults.instrument import instrument, read_results, readable_output
from bot.testresults.types import TestOutcome, TestResults
from tests.testresults.corpus_files import corpus_run, corpus_text

P, F, E, S = TestOutcome.PASSED, TestOutcome.FAILED, TestOutcome.ERROR, TestOutcome.SKIPPED

PYTEST_TESTS = {
    "tests/test_outcomes.py::test_passes": P,
    "tests/test_outcomes.py::test_fails": F,
    "tests/test_outcomes.py::test_raises": F,
    "tests/test_outcomes.py::test_skipped": S,
    "tests/test_outcomes.py::test_skips_inside": S,
    "tests/test_outcomes.py::test_xfail": S,  # an expected failure is no failure
    "tests/test_outcomes.py::test_xpass": P,  # non-strict XPASS
    "tests/test_outcomes.py::test_xpass_strict": F,
    "tests/test_outcomes.py::test_fixture_error": E,
    "tests/test_outcomes.py::test_teardown_error": E,
    "tests/test_outcomes.py::test_fails_then_teardown_fails": F,  # two testcases in the XML, one result
    "tests/test_outcomes.py::test_param[a b]": P,
    "tests/test_outcomes.py::test_param[x[1]]": F,
    "tests/test_outcomes.py::test_param[\\xfcn\\xef]": P,  # pytest escapes non-ASCII ids itself
    "tests/test_outcomes.py::test_param[a::b]": P,
    "tests/test_outcomes.py::test_param[]": P,
    "tests/test_outcomes.py::test_param_ids[one two]": P,
    "tests/test_outcomes.py::test_param_ids[three-four]": P,
    "tests/unit/deep/test_classes.py::TestOuter::test_method": P,
    "tests/unit/deep/test_classes.py::TestOuter::TestInner::test_nested": F,
    "tests/unit/deep/test_classes.py::TestOuter::test_param[1]": P,
    "tests/unit/deep/test_classes.py::TestOuter::test_param[2]": F,
    "tests/unit/test_unittest_style.py::TestMath::test_add": P,
    "tests/unit/test_unittest_style.py::TestMath::test_expected": S,  # unittest.expectedFailure
    "tests/unit/test_unittest_style.py::TestMath::test_skip": S,
    "tests/unit/test_unittest_style.py::TestMath::test_sub": F,
}
PYTEST_MODULES = {
    "tests/test_import_error.py": E,
    "tests/test_syntax_error.py": E,
    "tests/test_module_skip.py": S,
}


def outcomes(results: TestResults | None) -> dict[str, TestOutcome]:
    assert results is not None
    return {t.id: t.outcome for t in results.tests}


def read_pytest(name: str) -> TestResults | None:
    return read_results(
        instrument("python3 -m pytest"), corpus_run(reports={"pytest.xml": corpus_text(name)})
    )


@pytest.mark.parametrize("name", ["pytest9.xml", "pytest7.xml"])
def test_pytest_junit_every_outcome(name: str) -> None:
    results = read_pytest(name)
    assert outcomes(results) == PYTEST_TESTS | PYTEST_MODULES
    assert results is not None and results.runner == "pytest" and results.complete
    assert len(results.tests) == len(results.by_id())  # one result per id
    assert "body failed" in results.by_id()["tests/test_outcomes.py::test_fails_then_teardown_fails"].message


def test_pytest_ids_are_pytests_own_node_ids() -> None:
    node_ids = corpus_text("pytest9-node-ids.txt").splitlines()
    results = read_pytest("pytest9.xml")
    assert results is not None
    rebuilt = [t.id for t in results.tests if "::" in t.id]
    assert sorted(rebuilt) == sorted(node_ids)


def test_pytest_messages_name_the_failure() -> None:
    results = read_pytest("pytest9.xml")
    assert results is not None
    by_id = results.by_id()
    # the shortest traceback first (where it was raised, that line of code), then the assertion
    assert by_id["tests/test_outcomes.py::test_fails"].message.splitlines()[:2] == [
        'at tests/test_outcomes.py:11: assert 1 + 1 == 3, "arithmetic is broken"',
        "AssertionError: arithmetic is broken",
    ]
    assert "<bad> & 'quoted'" in by_id["tests/test_outcomes.py::test_raises"].message
    assert "database is down" in by_id["tests/test_outcomes.py::test_fixture_error"].message
    assert "cleanup failed" in by_id["tests/test_outcomes.py::test_teardown_error"].message
    assert "[XPASS(strict)] must fail" in by_id["tests/test_outcomes.py::test_xpass_strict"].message
    assert "SyntaxError" in by_id["tests/test_syntax_error.py"].message
    assert "No module named 'module_that_does_not_exist'" in by_id["tests/test_import_error.py"].message
    assert by_id["tests/test_outcomes.py::test_passes"].message == ""
    assert by_id["tests/test_outcomes.py::test_fails"].file == "tests/test_outcomes.py"
    assert all(len(t.message) <= 500 for t in results.tests)


def test_pytest_interrupted_by_collection_errors_reports_the_modules() -> None:
    assert outcomes(read_pytest("pytest9-interrupted.xml")) == PYTEST_MODULES


def test_pytest_report_cut_in_the_middle_keeps_what_was_whole() -> None:
    text = corpus_text("pytest9.xml")
    results = read_pytest_text(text[: len(text) // 2])
    assert results is not None and not results.complete
    assert 0 < len(results.tests) < len(PYTEST_TESTS)
    assert set(outcomes(results).items()) <= set((PYTEST_TESTS | PYTEST_MODULES).items())


def read_pytest_text(text: str) -> TestResults | None:
    return read_results(instrument("pytest"), corpus_run(reports={"pytest.xml": text}))


def test_pytest_without_report_reads_nothing() -> None:
    assert read_results(instrument("pytest"), corpus_run(output="sh: 1: pytest: not found")) is None


GO_TESTS = {
    "example.com/corpus/calc/TestAdd": P,
    "example.com/corpus/calc/TestBroken": F,
    "example.com/corpus/calc/TestSkipped": S,
    "example.com/corpus/calc/TestTable": F,
    "example.com/corpus/calc/TestTable/one_plus_one": P,
    "example.com/corpus/calc/TestTable/two_plus_two": F,
    "example.com/corpus/crash/TestFine": P,
    "example.com/corpus/crash/TestPanics": F,
    "example.com/corpus/broken": E,  # does not compile: go 1.19 says so in plain text
}


def go_run(source: str) -> TestRun:
    if source == "stdout":  # `go test -json ./... 2>&1`: the events in the output
        return corpus_run(output=corpus_text("go-test.jsonl"))
    # As instrument() runs it: the events in a report file, the compiler's errors in the output.
    report = {"go-test.jsonl": corpus_text("go-test-report.jsonl")}
    return corpus_run(output=corpus_text("go-test-report.out"), reports=report)


@pytest.mark.parametrize("source", ["stdout", "report"])
def test_go_json(source: str) -> None:
    run = go_run(source)
    instr = instrument("go test ./...")
    results = read_results(instr, run)
    assert outcomes(results) == GO_TESTS
    assert results is not None and results.complete
    by_id = results.by_id()
    assert "Add(1, 1) = 2, want 3" in by_id["example.com/corpus/calc/TestBroken"].message
    assert "assignment to entry in nil map" in by_id["example.com/corpus/crash/TestPanics"].message
    assert "undefined: undefinedFunction" in by_id["example.com/corpus/broken"].message
    text = readable_output(instr, run)
    assert "--- FAIL: TestBroken" in text and '"Action"' not in text
    assert "undefined: undefinedFunction" in text


def test_go_json_cut_output_is_incomplete() -> None:
    results = read_results(
        instrument("go test ./..."), corpus_run(output=corpus_text("go-test.jsonl"), cut=10)
    )
    assert results is not None and not results.complete


JS_TESTS = {
    "> sum > adds 1 + 2 to equal 3": P,
    "> sum > is broken": F,
    "> sum > nested [group] > skipped one": S,
    "> sum > nested [group] > write me": S,  # todo
    "> sum > nested [group] > sum(1, 1) = 2": P,
    "> sum > nested [group] > sum(2, 2) = 5": F,
    "> top level throws": F,
}


@pytest.mark.parametrize(
    ("command", "report", "test_file", "broken_file"),
    [
        ("npx jest", "jest.json", "test/sum.test.js", "test/broken.test.js"),
        ("npx vitest run", "vitest.json", "vt/sum.test.mjs", "vt/broken.test.mjs"),
    ],
)
def test_node_json(command: str, report: str, test_file: str, broken_file: str) -> None:
    instr = instrument(command)
    results = read_results(instr, corpus_run(reports={report: corpus_text(report)}))
    expected = {f"{test_file} {title}": outcome for title, outcome in JS_TESTS.items()}
    hook_file = broken_file.replace("broken", "hook")  # its afterAll throws after its test passed
    assert outcomes(results) == expected | {
        broken_file: E,
        f"{hook_file} > passes before the hook": P,
        hook_file: E,
    }
    assert results is not None and results.runner == instr.runner and results.complete
    by_id = results.by_id()
    assert "does-not-exist" in by_id[broken_file].message
    assert "cleanup broke" in by_id[hook_file].message
    broken = by_id[f"{test_file} > sum > is broken"]
    assert broken.file == test_file
    assert "to be 3" in broken.message or "Expected: 3" in broken.message
    assert " at " not in broken.message  # the stack trace is left out


CARGO_LIB = {
    "tests::adds": P,
    "tests::expected_panic": P,
    "tests::broken": F,
    "tests::ignored": S,
    "tests::panics": F,
}


def test_cargo_libtest_stops_at_the_first_failing_binary() -> None:
    results = read_results(instrument("cargo test"), corpus_run(output=corpus_text("cargo-test.txt")))
    assert outcomes(results) == CARGO_LIB
    assert results is not None and not results.complete  # the integration tests never ran


def test_cargo_libtest_no_fail_fast() -> None:
    run = corpus_run(output=corpus_text("cargo-test-no-fail-fast.txt"))
    results = read_results(instrument("cargo test"), run)
    assert outcomes(results) == CARGO_LIB | {
        "adds": P,
        "prints_then_fails": F,
        "src/lib.rs - add (line 3)": P,
    }
    assert results is not None and results.complete
    by_id = results.by_id()
    assert by_id["prints_then_fails"].file == "tests/integration.rs"
    assert by_id["tests::adds"].file == "src/lib.rs"
    assert "one and one" in by_id["tests::broken"].message
    assert "index out of bounds" in by_id["tests::panics"].message
    assert "stack backtrace" not in by_id["tests::panics"].message


def test_cargo_that_never_compiled_reads_nothing() -> None:
    output = "   Compiling corpus v0.1.0\nerror[E0425]: cannot find function `nope`\n"
    assert read_results(instrument("cargo test"), corpus_run(output=output)) is None


def test_go_report_at_its_size_cap_is_incomplete_and_its_text_bounded() -> None:
    events = corpus_text("go-test-report.jsonl")
    flood = events * (MAX_REPORT_BYTES // len(events) + 1)
    run = corpus_run(reports={"go-test.jsonl": flood[:MAX_REPORT_BYTES]})
    instr = instrument("go test ./...")
    results = read_results(instr, run)
    assert results is not None and not results.complete
    assert len(readable_output(instr, run)) < 70_000


def test_pytest_failed_report_of_an_xpass_counts_as_failed() -> None:
    xml = (
        '<testsuites><testsuite><testcase classname="tests.test_a" name="test_x" file="tests/test_a.py">'
        '<skipped message="xfail-marked test passes unexpectedly"/></testcase></testsuite></testsuites>'
    )
    assert outcomes(read_pytest_text(xml)) == {"tests/test_a.py::test_x": F}
