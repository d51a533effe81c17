"""libtest's text output (``cargo test``) -> TestResults.

libtest prints ``test <name> ... ok|FAILED|ignored`` per test and, for failures, a
``---- <name> stdout ----`` section with the panic message. Ids are libtest's names
(``tests::adds``, ``src/lib.rs - add (line 3)`` for doc-tests); ``file`` names the target.
"""

from __future__ import annotations

import re

from bot.testresults.message import short_message
from bot.testresults.types import TestOutcome, TestResult, TestResults

_RESULT = re.compile(r"^test (?P<name>.+?) \.\.\. (?P<status>ok|FAILED|ignored\b.*|bench:.*)$")
_RUNNING = re.compile(r"^\s*Running (?:unittests )?(?P<target>\S+)")
_DOC_TESTS = re.compile(r"^\s*Doc-tests (?P<crate>\S+)")
_SECTION = re.compile(r"^---- (?P<name>.+?) std(?:out|err) ----$")
_STARTED = re.compile(r"^running \d+ tests?$")
# cargo stops at the first failing test binary unless --no-fail-fast: later binaries never ran.
_STOPPED = re.compile(r"^error: test failed, to rerun pass")
_SHOULD_PANIC = " - should panic"
# The panic message is what matters; a backtrace after it only fills the bounded message.
_BACKTRACE = ("stack backtrace:", "note: run with `RUST_BACKTRACE", "note: Some details are omitted")


def parse_libtest(text: str, *, cut: bool = False) -> TestResults | None:
    """None when libtest never started (e.g. the crate did not compile)."""
    results: dict[str, tuple[TestOutcome, str | None]] = {}
    messages: dict[str, list[str]] = {}
    target: str | None = None
    section: str | None = None
    started = stopped = False
    for line in text.splitlines():
        if _STARTED.match(line):
            started, stopped, section = True, False, None
        elif _STOPPED.match(line):
            stopped, section = True, None
        elif m := _RUNNING.match(line):
            target, section = m.group("target"), None
        elif _DOC_TESTS.match(line):
            target, section = None, None
        elif m := _RESULT.match(line):
            results[m.group("name").removesuffix(_SHOULD_PANIC)] = (_outcome(m.group("status")), target)
        elif m := _SECTION.match(line):
            section = m.group("name")
        elif line in ("failures:", "successes:") or line.startswith(("test result:", *_BACKTRACE)):
            section = None
        elif section is not None:
            messages.setdefault(section, []).append(line)
    if not started:
        return None
    tests = tuple(
        TestResult(
            name, outcome, "" if outcome.ok else short_message("\n".join(messages.get(name, []))), file
        )
        for name, (outcome, file) in results.items()
    )
    return TestResults(runner="cargo", tests=tests, complete=not cut and not stopped)


def _outcome(status: str) -> TestOutcome:
    if status == "ok" or status.startswith("bench:"):
        return TestOutcome.PASSED
    if status == "FAILED":
        return TestOutcome.FAILED
    return TestOutcome.SKIPPED
