"""``go test -json`` (test2json events, one JSON object a line) -> TestResults and readable text.

Ids read ``<import path>/<TestName>`` (subtests keep their own ``/``). A package that failed without
a failing test (a build error, a panic in init, TestMain) becomes one ERROR result named after it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bot.testresults.message import short_message
from bot.testresults.types import TestOutcome, TestResult, TestResults

_ACTIONS = {"pass": TestOutcome.PASSED, "fail": TestOutcome.FAILED, "skip": TestOutcome.SKIPPED}
# Before Go 1.24 a package that does not compile is reported in plain text, not as an event.
_BUILD_FAILED = re.compile(r"^FAIL\s+(\S+)\s+\[(?:build|setup) failed\]")
# Lines test2json copies from `go test -v` that repeat what the event already says.
_NOISE = ("=== RUN", "=== PAUSE", "=== CONT", "--- FAIL", "--- PASS", "--- SKIP")


def _events(text: str) -> Iterator[dict[str, Any] | str]:
    """Each line as an event, or as the plain text it is (build errors reach stdout unwrapped)."""
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                event = json.loads(line)
            except ValueError:
                yield line
                continue
            if isinstance(event, dict):
                yield event
                continue
        yield line


def parse_go_json(text: str, *, cut: bool = False) -> TestResults | None:
    """None when the output holds no test2json event (go never ran, or -json was dropped)."""
    outputs: dict[tuple[str, str], list[str]] = {}
    finished: dict[tuple[str, str], TestOutcome] = {}
    failed_packages: list[str] = []
    build_block: list[str] = []  # `# pkg` and the compiler's lines after it (plain text before Go 1.24)
    saw_event = False
    for event in _events(text):
        if isinstance(event, str):
            if m := _BUILD_FAILED.match(event):
                failed_packages.append(m.group(1))
                outputs.setdefault((m.group(1), ""), []).extend(build_block)
                build_block = []
            elif event.startswith("# ") or build_block:
                build_block.append(event + "\n")
            continue
        saw_event = True
        package, test, action = (str(event.get(k) or "") for k in ("Package", "Test", "Action"))
        key = (package, test)
        if action in ("output", "build-output"):
            outputs.setdefault(key, []).append(str(event.get("Output") or ""))
        elif action in _ACTIONS and test:
            finished[key] = _ACTIONS[action]
        elif action == "fail" and not test and package:
            failed_packages.append(package)
    if not saw_event and not failed_packages:
        return None
    tests = [
        TestResult(
            id=f"{package}/{test}",
            outcome=outcome,
            message="" if outcome.ok else _message(outputs.get((package, test), [])),
        )
        for (package, test), outcome in finished.items()
    ]
    failing_packages = {package for (package, _), outcome in finished.items() if not outcome.ok}
    for package in dict.fromkeys(failed_packages):
        if package not in failing_packages:
            tests.append(TestResult(package, TestOutcome.ERROR, _message(outputs.get((package, ""), []))))
    return TestResults(runner="go", tests=tuple(tests), complete=not cut)


def _message(lines: list[str]) -> str:
    kept = [line for line in lines if not line.lstrip().startswith(_NOISE)]
    return short_message("".join(kept))


def go_output_text(text: str) -> str:
    """What `go test` without -json would have printed: the events' Output fields, plain lines as is."""
    parts: list[str] = []
    for event in _events(text):
        if isinstance(event, str):
            parts.append(event + "\n")
        elif event.get("Action") in ("output", "build-output"):
            parts.append(str(event.get("Output") or ""))
    return "".join(parts)
