"""Shaping the conversation for a model's quirks: system prompts and strict role alternation."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models.catalog import ModelSpec
from bot.models.types import Message


def merge_same_roles(messages: Sequence[Message]) -> list[Message]:
    """Joins consecutive messages of one role (DeepSeek-R1 and Anthropic need alternation)."""
    merged: list[Message] = []
    for m in messages:
        if merged and merged[-1].role == m.role:
            merged[-1] = Message(m.role, merged[-1].content + "\n\n" + m.content)
        else:
            merged.append(m)
    return merged


def prepare(messages: Sequence[Message], spec: ModelSpec, *, always_merge: bool = False) -> list[Message]:
    """Applies the catalog's system-prompt flags, then merges roles when the model needs it."""
    out: list[Message] = []
    prefixed = False
    for m in messages:
        if m.role == "system":
            content = m.content
            if not prefixed and spec.system_prompt_prefix:
                content, prefixed = spec.system_prompt_prefix + content, True
            # a model without a system role gets the instructions as the user's opening words
            out.append(Message("system" if spec.use_system_prompt else "user", content))
        else:
            out.append(m)
    return merge_same_roles(out) if (spec.merge_roles or always_merge or not spec.use_system_prompt) else out
