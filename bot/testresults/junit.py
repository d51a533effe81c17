"""pytest's JUnit XML (junit_family=xunit1) -> TestResults, with node ids rebuilt exactly.

The XML comes from code under test: it may be cut off, malformed or hostile. The parse is incremental
and keeps every complete ``testcase`` read before a fault; it never raises and never expands entities.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import cast

from bot.testresults.message import short_message
from bot.testresults.types import TestOutcome, TestResult, TestResults

# pytest writes a <skipped> with this message for a *failed* report of an xfail-marked test that
# passed (a non-strict XPASS is a plain pass, a strict one a <failure>): the run counted it failed.
_XPASS_MESSAGE = "xfail-marked test passes unexpectedly"


def parse_junit(text: str) -> TestResults | None:
    """None when ``text`` holds no test report at all (empty, not XML, no testsuite)."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None  # pytest never writes them; refusing them keeps entity bombs out
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    tests: list[TestResult] = []
    saw_suite = False
    complete = True
    try:
        parser.feed(text)
        parser.close()
    except ET.ParseError:
        complete = False
    try:
        for item in parser.read_events():
            event, element = cast("tuple[str, object]", item)
            if not isinstance(element, ET.Element):
                continue
            if event == "start" and element.tag in ("testsuite", "testsuites"):
                saw_suite = True
            elif event == "end" and element.tag == "testcase":
                tests.append(_testcase(element))
                element.clear()
    except ET.ParseError:  # events after a fault may raise while read
        complete = False
    if not saw_suite:
        return None
    return TestResults(runner="pytest", tests=_one_per_id(tests), complete=complete)


# A test whose body failed and whose teardown then failed too has two testcases: the body's failure
# is what the test says, so it outranks the teardown's error.
_RANK = {TestOutcome.PASSED: 0, TestOutcome.SKIPPED: 1, TestOutcome.ERROR: 2, TestOutcome.FAILED: 3}


def _one_per_id(tests: list[TestResult]) -> tuple[TestResult, ...]:
    kept: dict[str, TestResult] = {}
    for test in tests:
        seen = kept.get(test.id)
        if seen is None or _RANK[test.outcome] > _RANK[seen.outcome]:
            kept[test.id] = test
    return tuple(kept.values())


def _testcase(case: ET.Element) -> TestResult:
    file = case.get("file") or None
    node_id = node_id_of(case.get("classname") or "", case.get("name") or "", file)
    outcome, message = _outcome(case)
    return TestResult(id=node_id, outcome=outcome, message=message, file=file)


def node_id_of(classname: str, name: str, file: str | None) -> str:
    """pytest's node id from the JUnit attributes.

    pytest wrote ``classname`` as the file's dotted path plus the class chain and ``name`` as the
    last part of the node id (parameters included, untouched), so the file path (xunit1's ``file``)
    tells where the module ends and the classes begin. A collection error has no classname: its
    ``name`` is the dotted module.
    """
    if not classname:
        if file:
            return file
        return name.replace(".", "/") + ".py" if name else ""
    if file:
        module = file.removesuffix(".py").replace("/", ".")
        if classname == module:
            return f"{file}::{name}"
        if classname.startswith(module + "."):
            classes = classname[len(module) + 1 :].split(".")
            return "::".join([file, *classes, name])
    # No file attribute (another junit family), or the test is inherited from a class defined in
    # another file (a unittest mixin: ``file`` names where the method was written). Classes are
    # CamelCase and modules are not, by near-universal convention: the first capitalised part starts
    # the class chain.
    parts = classname.split(".")
    first_class = next((n for n, part in enumerate(parts) if part[:1].isupper()), len(parts) - 1)
    first_class = max(first_class, 1)
    module = "/".join(parts[:first_class]) + ".py"
    return "::".join([module, *parts[first_class:], name])


def _outcome(case: ET.Element) -> tuple[TestOutcome, str]:
    children = {child.tag: child for child in case}
    if "error" in children:
        return TestOutcome.ERROR, _message(children["error"])
    if "failure" in children:
        return TestOutcome.FAILED, _message(children["failure"])
    skipped = children.get("skipped")
    if skipped is not None:
        if skipped.get("message") == _XPASS_MESSAGE:
            return TestOutcome.FAILED, _XPASS_MESSAGE
        return TestOutcome.SKIPPED, short_message(skipped.get("message"))
    return TestOutcome.PASSED, ""


def _message(element: ET.Element) -> str:
    message = element.get("message") or ""
    if message in ("", "collection failure"):
        # The traceback's last lines say what went wrong (the import or syntax error).
        body = (element.text or "").strip().splitlines()
        detail = [line for line in body if line.startswith("E ")][-4:] or body[-4:]
        message = "\n".join([message, *detail]).strip() if detail else message
    return short_message(_where(element.text) + message)


# A traceback frame's last line in pytest's long and short formats: "tests/test_x.py:10: AssertionError"
_PLACE = re.compile(r"^(\S+\.py:\d+): \w")


def _where(traceback: str | None) -> str:
    """The shortest traceback: where the failure was raised (the innermost frame) and its line of
    code, before the message, so a model reads the place first and no bound cuts it off."""
    lines = (traceback or "").splitlines()
    places = [match.group(1) for line in lines if (match := _PLACE.match(line.strip()))]
    if not places:
        return ""
    code = [line[1:].strip() for line in lines if line.startswith(">")]
    return f"at {places[-1]}" + (f": {code[-1]}" if code else "") + "\n"
