"""Maps every SDK / transport exception the adapters may meet to one of ours, in one place.

``SDK_EXCEPTIONS`` lists the classes handled; a test checks each maps to a ``ModelError``.
Timeouts are returned as ``None`` so the caller decides between a stall and the deadline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from email.utils import parsedate_to_datetime
from time import time
from typing import Any

import anthropic
import httpx2
import openai

from bot.errors import ModelError
from bot.models.errors import ModelAPIError, ModelAuthError
from bot.secrets import redact

TIMEOUTS: tuple[type[BaseException], ...] = (
    anthropic.APITimeoutError,
    openai.APITimeoutError,
    httpx2.TimeoutException,
)
SDK_EXCEPTIONS: tuple[type[BaseException], ...] = (
    anthropic.APIStatusError,
    openai.APIStatusError,
    anthropic.APIConnectionError,
    openai.APIConnectionError,
    anthropic.APIResponseValidationError,
    openai.APIResponseValidationError,
    anthropic.APIError,
    openai.APIError,
    httpx2.TransportError,
    httpx2.DecodingError,
    httpx2.StreamError,
    json.JSONDecodeError,
    UnicodeDecodeError,
)
RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
RETRYABLE_TYPES = frozenset({"overloaded_error", "rate_limit_error", "api_error", "server_error"})


def retry_after_seconds(headers: Any) -> float | None:
    """``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date) as seconds."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time())
        except (TypeError, ValueError):
            return None


def _provider_message(err: BaseException) -> tuple[str, str | None]:
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            msg = inner.get("message")
            kind = inner.get("type")
            return (str(msg) if msg else str(err)), (str(kind) if kind else None)
    return str(err), None


def map_error(
    err: BaseException, model: str, key_env: str | None, secrets: Iterable[str | None]
) -> ModelError:
    """Our error for an SDK / transport exception (timeouts included: a retryable connection error)."""
    secrets = list(secrets)
    if isinstance(err, anthropic.APIStatusError | openai.APIStatusError):
        message, kind = _provider_message(err)
        message = redact(message, secrets)
        status = err.status_code
        if status in (401, 403):
            return ModelAuthError(model, message, env_var=key_env, status=status)
        retryable = status in RETRYABLE_STATUS or status >= 500 or (status == 200 and kind in RETRYABLE_TYPES)
        wait = retry_after_seconds(err.response.headers) if retryable else None
        return ModelAPIError(model, message, status=status, retryable=retryable, retry_after_s=wait)
    if isinstance(err, TIMEOUTS):
        return ModelAPIError(model, "read timed out", retryable=True)
    if isinstance(err, anthropic.APIConnectionError | openai.APIConnectionError | httpx2.TransportError):
        cause = err.__cause__ or err
        return ModelAPIError(model, redact(f"connection failed: {cause}", secrets), retryable=True)
    if isinstance(
        err, json.JSONDecodeError | anthropic.APIResponseValidationError | openai.APIResponseValidationError
    ):
        return ModelAPIError(model, f"malformed response from the provider: {err}", retryable=True)
    if isinstance(err, UnicodeDecodeError):  # the SDKs decode bodies and SSE lines as UTF-8
        return ModelAPIError(
            model,
            f"the provider's response is not valid UTF-8 (byte {err.object[err.start : err.start + 1]!r} "
            f"at {err.start}); a proxy or gateway may be re-encoding it: check the base URL",
            retryable=False,  # re-encoding does not go away by asking again
        )
    if isinstance(err, httpx2.DecodingError | httpx2.StreamError):
        return ModelAPIError(model, f"broken response stream: {err}", retryable=True)
    if isinstance(err, anthropic.APIError | openai.APIError):
        message, kind = _provider_message(err)
        return ModelAPIError(model, redact(message, secrets), retryable=kind in RETRYABLE_TYPES)
    return ModelAPIError(model, redact(f"{type(err).__name__}: {err}", secrets), retryable=False)
