"""A Model that reports what each of its calls cost, as soon as the call ends.

The Action records spend in its status comment while the run goes on, so a run stopped half-way
(timeout, crash, a guard) still leaves what it spent for the daily cost cap to count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.errors import ModelError
from bot.models.types import CallSettings, Completion, Message
from bot.ports import Model, OnDelta

OnSpend = Callable[[float], None]


class MeteredModel:
    def __init__(self, inner: Model, on_spend: OnSpend) -> None:
        self.inner = inner
        self.name = inner.name
        self._on_spend = on_spend

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        try:
            completion = self.inner.complete(messages, settings, on_delta)
        except ModelError as err:
            partial = getattr(err, "partial", None)  # a guard stopped it: the tokens so far were billed
            if isinstance(partial, Completion):
                self._on_spend(partial.cost_usd or 0.0)
            raise
        # an unknown price counts as nothing: the cap can only add up what the catalog prices
        self._on_spend(completion.cost_usd or 0.0)
        return completion
