"""jest's ``--json`` report and vitest's ``json`` reporter (the same jest-shaped document) -> TestResults.

Ids read ``path/to/file.test.js > describe > test title``, the path relative to the work tree. A test
file that failed outside its tests (a syntax or import error, a hook) becomes one ERROR result whose
id is the path.
"""

from __future__ import annotations

import json
from typing import Any

from bot.testresults.message import short_message
from bot.testresults.types import TestOutcome, TestResult, TestResults

SEPARATOR = " > "

_OUTCOMES = {
    "passed": TestOutcome.PASSED,
    "failed": TestOutcome.FAILED,
    "pending": TestOutcome.SKIPPED,
    "skipped": TestOutcome.SKIPPED,
    "todo": TestOutcome.SKIPPED,
    "disabled": TestOutcome.SKIPPED,
}


def parse_node_json(text: str, *, runner: str, root: str = "") -> TestResults | None:
    """None when ``text`` is not a jest-shaped report; ``complete=False`` when parts are unreadable."""
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("testResults"), list):
        return None
    tests: list[TestResult] = []
    complete = not doc.get("wasInterrupted", False)
    for suite in doc["testResults"]:
        read = _suite(suite, root) if isinstance(suite, dict) else None
        if read is None:
            complete = False
            continue
        tests.extend(read)
    return TestResults(runner=runner, tests=tuple(tests), complete=complete)


def _suite(suite: dict[str, Any], root: str) -> list[TestResult] | None:
    name = suite.get("name")
    cases = suite.get("assertionResults")
    if not isinstance(name, str) or not isinstance(cases, list):
        return None
    path = _relative(name, root)
    results = [r for case in cases if isinstance(case, dict) and (r := _case(case, path)) is not None]
    if suite.get("status") == "failed" and all(r.outcome.ok for r in results):
        # The file failed outside its tests (it did not load, or a beforeAll/afterAll hook threw):
        # the suite's message says why.
        message = short_message(_text(suite.get("message")))
        results.append(TestResult(path, TestOutcome.ERROR, message, path))
    return results


def _case(case: dict[str, Any], path: str) -> TestResult | None:
    title = case.get("title")
    ancestors = case.get("ancestorTitles") or []
    if not isinstance(title, str) or not isinstance(ancestors, list):
        return None
    node_id = SEPARATOR.join([path, *(str(a) for a in ancestors), title])
    outcome = _OUTCOMES.get(str(case.get("status")), TestOutcome.ERROR)
    failures = case.get("failureMessages") or []
    message = _without_stack(_text(failures[0])) if isinstance(failures, list) and failures else ""
    return TestResult(node_id, outcome, message if not outcome.ok else "", path)


def _without_stack(failure: str) -> str:
    """The failure's message without its stack trace (``    at fn (file:line)`` lines)."""
    lines = failure.splitlines()
    end = next((i for i, line in enumerate(lines) if line.lstrip().startswith("at ")), len(lines))
    return short_message("\n".join(lines[:end]))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _relative(path: str, root: str) -> str:
    prefix = root.rstrip("/") + "/" if root else ""
    return path[len(prefix) :] if prefix and path.startswith(prefix) else path
