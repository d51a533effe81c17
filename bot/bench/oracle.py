"""Benchmark-only models that check the harness itself, offline: ``oracle`` and ``null``.

``oracle`` answers every call with the exercise's reference solution as ``whole``-format edits, so
a sound harness scores 100% with it; ``null`` answers with no edit at all, so it must score 0%.
Both cost nothing and count no tokens. Used as an architect, the oracle's answer also ends with a
``Files to change:`` list, so the plan names the solution files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.bench.suite import Exercise
from bot.errors import UsageError
from bot.models.types import CallSettings, Completion, Message
from bot.ports import OnDelta

ORACLE = "oracle"
NULL = "null"
BENCH_ONLY_MODELS = (ORACLE, NULL)
# The format the oracle's answers are written in: the runner forces it for an oracle editor.
ORACLE_EDIT_FORMAT = "whole"
NULL_ANSWER = "No change is needed."


def whole_file_answer(files: Mapping[str, str]) -> str:
    """``files`` (path -> full text) as ``whole``-format blocks, then a ``Files to change:`` list."""
    blocks = []
    for path, text in files.items():
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        body = text if text.endswith("\n") else text + "\n"
        blocks.append(f"{path}\n{fence}\n{body}{fence}")
    listing = "\n".join(f"- {path}" for path in files)
    return "\n\n".join(blocks) + f"\n\nFiles to change:\n{listing}\n"


class _Canned:
    """A model that gives the same answer to every call, instantly and for free."""

    def __init__(self, name: str, answer: str) -> None:
        self.name = name
        self.answer = answer

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        if on_delta is not None:
            on_delta("answer", self.answer)
        return Completion(model=self.name, answer=self.answer, cost_usd=0.0, stop_reason="end_turn")


class OracleModel(_Canned):
    """Answers with ``exercise``'s reference solution: one model per case."""

    def __init__(self, exercise: Exercise) -> None:
        solution = exercise.reference_solution()
        if not solution:
            raise UsageError(
                f"{exercise.key} has no reference solution: add an example file under .meta/ named like "
                "its solution file and list it in .meta/config.json files.example"
            )
        super().__init__(ORACLE, whole_file_answer(solution))


class NullModel(_Canned):
    """Never proposes an edit."""

    def __init__(self) -> None:
        super().__init__(NULL, NULL_ANSWER)


def is_bench_only(name: str) -> bool:
    return name in BENCH_ONLY_MODELS


class AnswerOracle(_Canned):
    """The oracle for a case whose reference answer is already written (e.g. a SWE case's gold patch)."""

    def __init__(self, answer: str) -> None:
        super().__init__(ORACLE, answer)
