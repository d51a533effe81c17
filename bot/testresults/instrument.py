"""How to run a test command so that its runner reports each test, and how to read that report back.

Pure: nothing here runs a command. The sandbox gives the test command an empty directory in
``$ARCHITECT_REPORT_DIR`` plus ``Instrumentation.env``, and returns the files left there in
``TestRun.reports``; ``read_results`` turns them (or the output, for stdout formats) into TestResults.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.sandbox.output import BoundedOutput
from bot.sandbox.reports import MAX_REPORT_BYTES, REPORT_DIR_ENV
from bot.sandbox.types import Limits, TestRun
from bot.testresults.cargo_text import parse_libtest
from bot.testresults.commands import runners, simple_command_end
from bot.testresults.go_json import go_output_text, parse_go_json
from bot.testresults.junit import parse_junit
from bot.testresults.node_json import parse_node_json
from bot.testresults.select import select_go, select_pytest
from bot.testresults.types import TestResults

PYTEST_REPORT = "pytest.xml"
JEST_REPORT = "jest.json"
VITEST_REPORT = "vitest.json"
GO_REPORT = "go-test.jsonl"
_GO_REDIRECT = f' >> "${REPORT_DIR_ENV}/{GO_REPORT}"'

# pytest expands $VARS in --junitxml itself, so the value needs no shell. xunit1 writes the `file`
# attribute that node ids are rebuilt from.
_PYTEST_ADDOPTS = f"--junitxml=${REPORT_DIR_ENV}/{PYTEST_REPORT} -o junit_family=xunit1"
_PYTEST_ENV = (("PYTEST_ADDOPTS", _PYTEST_ADDOPTS),)

# An assignment of PYTEST_ADDOPTS in the command itself (`PYTEST_ADDOPTS=-x pytest`, `export ...=`).
_ADDOPTS_ASSIGNMENT = re.compile(r"(?<![\w$])PYTEST_ADDOPTS=")
_ADDOPTS_REFERENCE = re.compile(r"\$\{?PYTEST_ADDOPTS\b")
_END = r"(?=\s|$|[;&|)])"
_GO_TEST = re.compile(r"(?<![\w./-])((?:\S*/)?go\s+test)" + _END)
_JEST = re.compile(r"(?<![\w./-])((?:\S*/)?jest)" + _END)
_VITEST = re.compile(r"(?<![\w./-])((?:\S*/)?vitest(?:\s+run)?)" + _END)
_CARGO_TEST = re.compile(r"(?<![\w./-])((?:\S*/)?cargo\s+test)" + _END)


@dataclass(frozen=True)
class Instrumentation:
    """A test command made to report each test.

    ``runner`` None means no runner the bot reads was recognised; the pytest option still rides along
    in ``env`` (a wrapper such as ``make test`` may run pytest), so ``read_results`` can still find a
    report (marked incomplete: the wrapper may run more than pytest). ``reason`` is the sentence to
    show when ``read_results`` returns None (set for every runner: a known one may still leave nothing).
    """

    command: str  # what to run (may be rewritten, e.g. `go test` -> `go test -json >> report`)
    env: tuple[tuple[str, str], ...]  # goes into RunRequest.env
    runner: str | None  # "pytest" | "go" | "jest" | "vitest" | "cargo" | None (unreadable)
    reason: str = ""  # one sentence for the PR when read_results returns None


def instrument(command: str) -> Instrumentation:
    kinds = runners(command)
    shown = _shown(command)
    if "env-wrapper" in kinds:
        return _unreadable(
            command,
            f"`{shown}` runs the tests in an environment of its own (tox/nox) that drops the bot's "
            "report option: only its exit code was read",
        )
    if not kinds:
        return _unreadable(command, f"`{shown}` is a custom command: only its exit code was read")
    if kinds == ["script"]:
        return _unreadable(
            command,
            f"`{shown}` runs a package.json script the bot cannot add a reporter to safely: "
            "only its exit code was read",
        )
    if len(kinds) > 1:
        return _unreadable(
            command, f"`{shown}` runs several test runners ({', '.join(kinds)}): only its exit code was read"
        )
    runner = kinds[0]
    # Said when the runner leaves nothing readable after all (it never started, or was configured away).
    missing = f"`{shown}` left no {runner} report the bot could read: only its exit code was read"
    if runner == "pytest":
        return Instrumentation(_keep_inline_addopts(command), _PYTEST_ENV, "pytest", missing)
    if runner == "go":
        return Instrumentation(_go_json(command), (), "go", missing)
    if runner == "jest":
        out = f'--json --outputFile="${REPORT_DIR_ENV}/{JEST_REPORT}"'
        return Instrumentation(_JEST.sub(lambda m: f"{m.group(1)} {out}", command), (), "jest", missing)
    if runner == "vitest":
        out = f'--reporter=default --reporter=json --outputFile.json="${REPORT_DIR_ENV}/{VITEST_REPORT}"'
        return Instrumentation(_VITEST.sub(lambda m: f"{m.group(1)} {out}", command), (), "vitest", missing)
    # libtest's own lines are read from the output. Without --no-fail-fast cargo stops at the first
    # failing test binary, and a baseline would know nothing of the binaries after it.
    rewritten = command if "--no-fail-fast" in command else _CARGO_TEST.sub(r"\1 --no-fail-fast", command)
    return Instrumentation(rewritten, (), "cargo", missing)


def _go_json(command: str) -> str:
    """``go test`` -> ``go test -json`` with the events appended to a report file: -json triples the
    output, which the sandbox's output budget would cut. Piped or redirected, the events stay on stdout."""
    if "-json" in command:
        return command  # the command chose JSON itself: read it from stdout, where it goes
    parts: list[str] = []
    done = 0
    for match in _GO_TEST.finditer(command):
        end, ender = simple_command_end(command, match.end())
        args = command[match.end() : end]
        piped = ender == "|" and command[end : end + 2] != "||"
        parts.append(command[done : match.end()] + " -json")
        if piped or (ender in "<>" and ender):
            parts.append(args)
        else:
            kept = args.rstrip()
            parts.append(f"{kept}{_GO_REDIRECT}{args[len(kept) :]}")
        done = end
    parts.append(command[done:])
    return "".join(parts)


def _unreadable(command: str, reason: str) -> Instrumentation:
    return Instrumentation(_keep_inline_addopts(command), _PYTEST_ENV, None, reason)


def _shown(command: str) -> str:
    one_line = " ".join(command.split())
    return one_line if len(one_line) <= 80 else one_line[:79] + "…"


def _keep_inline_addopts(command: str) -> str:
    """A command that sets PYTEST_ADDOPTS itself would hide the bot's: prepend ours to its value."""
    if _ADDOPTS_REFERENCE.search(command):
        return command  # it already extends the inherited value
    # Shell words concatenate, so `"$PYTEST_ADDOPTS "-x` and `"$PYTEST_ADDOPTS "'-x -q'` both work.
    return _ADDOPTS_ASSIGNMENT.sub('PYTEST_ADDOPTS="$PYTEST_ADDOPTS "', command)


def read_results(instr: Instrumentation, run: TestRun) -> TestResults | None:
    """The per-test results of ``run``, or None when the runner left no readable report."""
    runner = instr.runner
    if runner in ("pytest", None):
        report = run.reports.get(PYTEST_REPORT)
        results = parse_junit(report) if report is not None else None
        if results is not None and runner is None:
            # A wrapper (make, a script) ran pytest: it may have run other tests the report misses.
            return replace(results, complete=False)
        return results
    if runner in ("jest", "vitest"):
        report = run.reports.get(JEST_REPORT if runner == "jest" else VITEST_REPORT)
        if report is None:
            return None
        return parse_node_json(report, runner=runner, root=run.workdir)
    cut = run.output_bytes_cut > 0
    if runner == "go":
        return parse_go_json(_go_events(run), cut=cut or _at_cap(run.reports.get(GO_REPORT, "")))
    return parse_libtest(run.output, cut=cut)


def _go_events(run: TestRun) -> str:
    """The events from the report file, after the output: Go before 1.24 reports a package that
    does not build on stderr, in plain text, and the command may have sent events to stdout too."""
    return run.output + "\n" + run.reports.get(GO_REPORT, "")


def _at_cap(report: str) -> bool:
    return len(report.encode("utf-8", errors="replace")) >= MAX_REPORT_BYTES


def select_tests(instr: Instrumentation, test_ids: Sequence[str]) -> str | None:
    """A command that runs only ``test_ids`` (ids as read_results gives them), or None when the
    runner or the command's shape does not allow it. Run it with ``instr.env`` and read its run with
    ``read_results(instr, run)``, as for ``instr.command``."""
    if not test_ids:
        return None
    if instr.runner == "pytest":
        return select_pytest(instr.command, test_ids)
    if instr.runner == "go":
        # A handful of tests: their events may as well stay on stdout (read_results reads both).
        return select_go(instr.command.replace(_GO_REDIRECT, ""), test_ids)
    return None


def readable_output(instr: Instrumentation, run: TestRun) -> str:
    """The run's output as a person reads it (for go -json: the Output fields joined, bounded as the
    sandbox bounds output)."""
    if instr.runner == "go":
        bounded = BoundedOutput(Limits.output_budget_bytes)
        bounded.feed(go_output_text(_go_events(run)).encode())
        return bounded.text()
    return run.output


__all__ = [
    "Instrumentation",
    "instrument",
    "read_results",
    "readable_output",
    "select_tests",
]
