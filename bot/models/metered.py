"""Models that report each call as soon as it ends, whatever happens to the calls after it.

``CountedModel`` hands every finished call's ``Completion`` (or a stopped call's partial one) to a
callback: the pipeline sums usage that way, so a later failed call cannot lose what earlier calls
used. ``MeteredModel`` is the Action's view of the same: the cost alone, recorded in its status
comment while the run goes on, so a run stopped half-way (timeout, crash, a guard) still leaves what
it spent for the daily cost cap to count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.errors import ModelError
from bot.models.types import CallSettings, Completion, Message

if TYPE_CHECKING:
    from bot.ports import Model, OnDelta

OnSpend = Callable[[float], None]
OnCall = Callable[[Completion], None]


class CountedModel:
    def __init__(self, inner: Model, on_call: OnCall) -> None:
        self.inner = inner
        self.name = inner.name
        self._on_call = on_call

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        try:
            completion = self.inner.complete(messages, settings, on_delta)
        except ModelError as err:
            partial = getattr(err, "partial", None)  # a guard stopped it: the tokens so far were billed
            if isinstance(partial, Completion):
                self._on_call(partial)
            raise
        self._on_call(completion)
        return completion


class MeteredModel(CountedModel):
    def __init__(self, inner: Model, on_spend: OnSpend) -> None:
        # an unknown price counts as nothing: the cap can only add up what the catalog prices
        super().__init__(inner, lambda c: on_spend(c.cost_usd or 0.0))
