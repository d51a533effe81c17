"""The model port's adapters: Anthropic, OpenAI, OpenAI-compatible providers and replay.

Public surface: :func:`make_model`, the value types, the catalog and the errors.
"""

from __future__ import annotations

from bot.models.catalog import Catalog, ModelSpec, load_catalog
from bot.models.errors import (
    ContextWindowExceeded,
    GuardStopped,
    ModelAPIError,
    ModelAuthError,
    ReplayMissing,
)
from bot.models.factory import make_model
from bot.models.guards import LoopConfig
from bot.models.retry import RetryPolicy
from bot.models.types import CallSettings, Completion, GuardKind, Message

__all__ = [
    "CallSettings",
    "Catalog",
    "Completion",
    "ContextWindowExceeded",
    "GuardKind",
    "GuardStopped",
    "LoopConfig",
    "Message",
    "ModelAPIError",
    "ModelAuthError",
    "ModelSpec",
    "ReplayMissing",
    "RetryPolicy",
    "load_catalog",
    "make_model",
]
