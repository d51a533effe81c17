"""Inline <think> tags: whole-text split and the streaming splitter, tags cut anywhere."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models.thinktags import ThinkSplitter, split_think


@pytest.mark.parametrize(
    ("content", "reasoning", "answer"),
    [
        ("<think>plan it</think>The answer.", "plan it", "The answer."),
        ("\n<think>\nplan it\n</think>\n\nThe answer.", "plan it", "The answer."),
        ("plan it</think>The answer.", "plan it", "The answer."),  # opening tag in the template
        ("<think>still thinking when cut off", "still thinking when cut off", ""),
        ("Just an answer.", "", "Just an answer."),
        ("<think>a</think>Answer <think>b</think>end.", "a\nb", "Answer end."),
        ("<think></think>Empty thought.", "", "Empty thought."),
    ],
)
def test_split_think(content: str, reasoning: str, answer: str) -> None:
    assert split_think(content) == (reasoning, answer)


def _stream(chunks: list[str], assume: bool) -> tuple[str, str]:
    splitter = ThinkSplitter(assume_reasoning=assume)
    pieces = [p for c in chunks for p in splitter.feed(c)] + splitter.flush()
    reasoning = "".join(t for k, t in pieces if k == "reasoning")
    answer = "".join(t for k, t in pieces if k == "answer")
    return reasoning, answer


def test_tag_split_across_chunks_never_shows() -> None:
    chunks = ["<th", "ink>Let me ", "see.</th", "in", "k>Fine", " answer"]
    assert _stream(chunks, assume=False) == ("Let me see.", "Fine answer")


def test_missing_open_tag_streams_as_reasoning_for_think_models() -> None:
    assert _stream(["Let me", " see.</", "think>Answer"], assume=True) == ("Let me see.", "Answer")


def test_answer_with_angle_brackets_is_untouched() -> None:
    assert _stream(["a < b and <thin", "g> stays"], assume=False) == ("", "a < b and <thing> stays")


@settings(max_examples=150, deadline=None)
@given(
    reasoning=st.text(alphabet="ab <>/thinkTH\n", max_size=40).filter(
        lambda s: "<think>" not in s and "</think>" not in s
    ),
    answer=st.text(alphabet="xy <>/thinkTH\n", max_size=40).filter(
        lambda s: "<think>" not in s and "</think>" not in s
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=120), max_size=8),
    opened=st.booleans(),
)
def test_any_chunking_gives_the_same_split(
    reasoning: str, answer: str, cuts: list[int], opened: bool
) -> None:
    content = ("<think>" if opened else "") + reasoning + "</think>" + answer
    bounds = sorted({0, len(content), *(c % (len(content) + 1) for c in cuts)})
    chunks = [content[a:b] for a, b in itertools.pairwise(bounds)]
    streamed = _stream(chunks, assume=True)
    whole = _stream([content], assume=True)
    assert streamed == whole
    assert streamed[1] == answer
    assert streamed[0].lstrip() == reasoning.lstrip() or (opened and streamed[0] == reasoning)
