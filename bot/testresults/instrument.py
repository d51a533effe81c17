"""PLACEHOLDER until branch `results` lands: the instrumentation API with no runner known yet.

Branch `results` replaces this file with the real one (pytest JUnit, go test -json, ...); the API
is the same, so the pipeline needs no change. Here every command falls back to its exit status.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox.types import TestRun
from bot.testresults.types import TestResults


@dataclass(frozen=True)
class Instrumentation:
    command: str  # the command to run (may carry a report option)
    env: tuple[tuple[str, str], ...]  # extra environment for the test command
    runner: str | None  # the format read back, None: exit status only
    reason: str  # why per-test results are not read, when runner is None


def instrument(command: str) -> Instrumentation:
    return Instrumentation(command, (), None, "no per-test report is read for this test command yet")


def read_results(instr: Instrumentation, run: TestRun) -> TestResults | None:
    return None


def select_tests(instr: Instrumentation, ids: list[str]) -> str | None:
    return None


def readable_output(instr: Instrumentation, run: TestRun) -> str:
    return run.output
