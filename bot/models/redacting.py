"""The model boundary for secrets: every message a provider model is sent has known secrets masked.

Issue text, comments, repository files, test output and plans all reach a model through here, so no
stage has to remember to redact what it puts in a prompt (``bot.secrets`` says what is masked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.models.types import CallSettings, Completion, Message
from bot.secrets import redact

if TYPE_CHECKING:
    from bot.ports import Model, OnDelta


class RedactingModel:
    def __init__(self, inner: Model) -> None:
        self.inner = inner
        self.name = inner.name

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        return self.inner.complete(
            [replace(m, content=redact(m.content)) for m in messages], settings, on_delta
        )
