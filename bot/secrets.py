"""Known secrets are masked wherever the bot writes text: prompts, PR bodies, logs, comments."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)", re.I)
MASK = "[redacted]"
_MIN_LEN = 8  # shorter values would mask ordinary words


def is_secret_name(name: str) -> bool:
    """Whether an environment variable's name says it holds a secret (API keys, tokens, passwords)."""
    return bool(_SECRET_NAME.search(name))


def secret_values(environ: dict[str, str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    values = {v for k, v in env.items() if is_secret_name(k) and len(v) >= _MIN_LEN}
    return sorted(values, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str | None] | None = None) -> str:
    """Masks each secret (by default: those in the environment), and the 8+ character runs of it
    that providers like to echo back ("sk-abc...wxyz")."""
    for secret in secret_values() if secrets is None else secrets:
        if not secret or len(secret) < _MIN_LEN:
            continue
        text = text.replace(secret, MASK)
        for size in (16, 12, 8):
            for start in range(len(secret) - size + 1):
                chunk = secret[start : start + size]
                if chunk in text:
                    text = text.replace(chunk, MASK)
    return text
