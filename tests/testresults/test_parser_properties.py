"""No input crashes a parser: reports are written by the code under test and may be anything."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.testresults.cargo_text import parse_libtest
from bot.testresults.go_json import go_output_text, parse_go_json
from bot.testresults.junit import parse_junit
from bot.testresults.node_json import parse_node_json
from bot.testresults.types import TestResults
from tests.testresults.corpus_files import corpus_text

Parser = Callable[[str], TestResults | None]

PARSERS: dict[str, tuple[Parser, str]] = {
    "junit": (parse_junit, "pytest9.xml"),
    "go": (parse_go_json, "go-test.jsonl"),
    "jest": (lambda text: parse_node_json(text, runner="jest", root="/tmp"), "jest.json"),
    "vitest": (lambda text: parse_node_json(text, runner="vitest"), "vitest.json"),
    "cargo": (parse_libtest, "cargo-test-no-fail-fast.txt"),
}


def check(parser: Parser, text: str) -> None:
    result = parser(text)
    assert result is None or isinstance(result, TestResults)
    if result is not None:
        assert all(isinstance(t.id, str) and len(t.message) <= 500 for t in result.tests)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> str:
    """A real report, cut, with bytes dropped, swapped or inserted where hypothesis likes."""
    text = corpus_text(name)
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["cut", "drop", "insert"]))
        if kind == "cut":
            text = text[:where]
        elif kind == "drop":
            text = text[:where] + text[where + draw(st.integers(1, 200)) :]
        else:
            text = text[:where] + draw(st.text(max_size=40)) + text[where:]
    return text


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize("kind", sorted(PARSERS))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_no_input_crashes_a_parser(kind: str, data: st.DataObject) -> None:
    parser, corpus = PARSERS[kind]
    text = data.draw(
        st.one_of(
            st.text(),
            st.binary().map(lambda b: b.decode("utf-8", errors="replace")),
            mutated(corpus),
        )
    )
    check(parser, text)


def shaped(keys: list[str], values: st.SearchStrategy[object]) -> st.SearchStrategy[dict[str, object]]:
    return st.dictionaries(st.sampled_from(keys), values, max_size=len(keys))


CASE = shaped(["title", "ancestorTitles", "status", "failureMessages"], JSONISH)
SUITE = shaped(
    ["name", "assertionResults", "status", "message"], JSONISH | st.lists(CASE | JSONISH, max_size=3)
)
NODE_DOC = shaped(["testResults", "wasInterrupted"], JSONISH | st.lists(SUITE | JSONISH, max_size=3))


@pytest.mark.parametrize("kind", ["jest", "vitest"])
@settings(max_examples=100, deadline=None)
@given(doc=NODE_DOC)
def test_odd_json_documents_do_not_crash_the_node_parser(kind: str, doc: dict[str, object]) -> None:
    import json

    check(PARSERS[kind][0], json.dumps(doc))


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_go_readable_output_never_crashes(text: str) -> None:
    assert isinstance(go_output_text(text), str)


def test_entity_expansion_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<testsuites><testsuite><testcase classname="a" name="&lol2;"/></testsuite></testsuites>'
    )
    assert parse_junit(bomb) is None
