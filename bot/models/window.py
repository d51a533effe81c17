"""Context-window check before sending: refuse a prompt that cannot fit, never truncate it."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from bot.models.catalog import ModelSpec
from bot.models.errors import ContextWindowExceeded
from bot.models.types import Message
from bot.tokens import estimate_tokens

log = logging.getLogger(__name__)

PER_MESSAGE_TOKENS = 4  # role markers and separators around each message
_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"


def _tiktoken_cached(encoding: str) -> bool:
    """tiktoken downloads its tables on first use; offline we only use one already cached."""
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR")
    base = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "data-gym-cache"
    return (base / hashlib.sha1(_BLOB.format(encoding).encode()).hexdigest()).is_file()


@cache
def _openai_counter(encoding: str) -> Callable[[str], int] | None:
    if not _tiktoken_cached(encoding):
        log.debug("tiktoken %s is not cached (offline?): using the chars-per-token estimate", encoding)
        return None
    try:
        import tiktoken

        enc = tiktoken.get_encoding(encoding)
    except Exception as err:  # any failure to load means: fall back to the estimate
        log.debug("tiktoken %s failed to load (%s): using the chars-per-token estimate", encoding, err)
        return None
    return lambda text: len(enc.encode(text, disallowed_special=()))


def counter_for(spec: ModelSpec) -> Callable[[str], int]:
    if spec.provider == "openai":
        counter = _openai_counter("o200k_base")
        if counter is not None:
            return counter
    return estimate_tokens


def prompt_tokens(messages: Sequence[Message], spec: ModelSpec) -> int:
    count = counter_for(spec)
    return sum(count(m.content) + PER_MESSAGE_TOKENS for m in messages)


def check_window(messages: Sequence[Message], spec: ModelSpec, output_budget: int) -> int:
    """Returns the prompt's estimated tokens; raises ContextWindowExceeded when it cannot fit."""
    tokens = prompt_tokens(messages, spec)
    if tokens + output_budget > spec.context_window:
        raise ContextWindowExceeded(spec.name, spec.context_window, tokens, output_budget)
    return tokens
