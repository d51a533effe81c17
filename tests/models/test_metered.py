"""MeteredModel: every call's cost is reported when it ends, a guard-stopped call's partial cost too."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.models.errors import GuardStopped, ReplayMissing
from bot.models.metered import MeteredModel
from bot.models.replay import ReplayModel
from bot.models.types import CallSettings, Completion, GuardKind, Message
from bot.ports import OnDelta

ASK = [Message("user", "Plan the change")]


def test_each_call_reports_its_cost_and_unknown_prices_count_as_nothing(tmp_path: Path) -> None:
    transcript = tmp_path / "t.yml"
    transcript.write_text(
        "entries:\n"
        '  - match: ["Plan"]\n    completion: {answer: one, cost_usd: 0.25}\n'
        '  - match: ["Plan"]\n    completion: {answer: two}\n'
    )
    spent: list[float] = []
    model = MeteredModel(ReplayModel("replay/t", transcript), spent.append)

    assert model.name == "replay/t"
    assert model.complete(ASK, CallSettings()).answer == "one"
    assert model.complete(ASK, CallSettings()).answer == "two"
    assert spent == [0.25, 0.0]
    with pytest.raises(ReplayMissing):  # a failed call without a partial answer reports nothing
        model.complete(ASK, CallSettings())
    assert spent == [0.25, 0.0]


class _Looping:
    """A model whose guard fires after some (billed) reasoning."""

    name = "looping"

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        partial = Completion(model=self.name, answer="", reasoning_tokens=900, cost_usd=0.04)
        raise GuardStopped(self.name, GuardKind.LOOP, partial)


def test_a_guard_stopped_call_reports_what_it_cost_and_still_fails() -> None:
    spent: list[float] = []
    with pytest.raises(GuardStopped):
        MeteredModel(_Looping(), spent.append).complete(ASK, CallSettings())
    assert spent == [0.04]
