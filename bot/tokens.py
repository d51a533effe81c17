"""Token estimates for budgeting prompts when no exact tokenizer is at hand."""

from __future__ import annotations

# Measured on source code and English prose with BPE tokenizers: about 3.6 characters a token.
# Erring low on characters-per-token over-estimates tokens, the safe side for a window check.
CHARS_PER_TOKEN = 3.6


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1
