"""Retries and error translation for GitHub API calls: the one place that decides what is retried.

Retried, bounded by ``ForgeRetryPolicy``: 5xx answers, network errors, and rate limits (primary:
``x-ratelimit-reset``; secondary and 429: ``retry-after``, else a minute as GitHub advises).
A wait longer than ``max_wait`` is not slept through: the call fails at once, saying when to re-run.
Everything else becomes a ``ForgeError`` subclass with a message that says what to do.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from github.GithubException import BadCredentialsException, GithubException, RateLimitExceededException
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from bot.errors import ForgeError
from bot.forge.errors import (
    ForgeAuthError,
    ForgeConflict,
    ForgeNotFound,
    ForgePermissionError,
    ForgeUnavailable,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
SECONDARY_DEFAULT_WAIT = 60.0


@dataclass(frozen=True)
class ForgeRetryPolicy:
    attempts: int = 5
    backoff: float = 1.0  # first wait after a 5xx or network error; doubles each time
    max_wait: float = 90.0  # longest single wait; a rate limit asking for more fails at once
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.time, repr=False)


def _headers(exc: GithubException) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (exc.headers or {}).items()}


def _message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        parts = [str(data.get("message") or "")]
        for item in data.get("errors") or []:
            if isinstance(item, dict):
                parts.append(str(item.get("message") or item.get("code") or ""))
        return " ".join(p for p in parts if p).strip()
    return str(data or "")


def is_rate_limit(exc: BaseException) -> bool:
    if isinstance(exc, RateLimitExceededException):
        return True
    if isinstance(exc, GithubException):
        return exc.status == 429 or (exc.status == 403 and "retry-after" in _headers(exc))
    return False


def wanted_wait(exc: BaseException, attempt: int, policy: ForgeRetryPolicy) -> float | None:
    """Seconds to wait before the next try, or None when ``exc`` is not worth retrying."""
    if isinstance(exc, GithubException):
        headers = _headers(exc)
        if is_rate_limit(exc):
            if "retry-after" in headers:
                return float(headers["retry-after"])
            if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
                return max(0.0, float(headers["x-ratelimit-reset"]) - policy.clock()) + 1.0
            return SECONDARY_DEFAULT_WAIT
        if exc.status >= 500:
            return policy.backoff * 2.0 ** (attempt - 1)
        return None
    if isinstance(exc, OSError):  # requests' connection errors and timeouts are OSErrors
        return policy.backoff * 2.0 ** (attempt - 1)
    return None


def call_github(what: str, needs: str, fn: Callable[[], T], policy: ForgeRetryPolicy) -> T:
    """Run ``fn`` (PyGithub calls) with retries; ``needs`` names the workflow permission ("issues: write")."""

    def retryable(exc: BaseException) -> bool:
        wait = wanted_wait(exc, 1, policy)
        return wait is not None and wait <= policy.max_wait

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        seconds = wanted_wait(exc, state.attempt_number, policy) if exc else None
        seconds = min(seconds or 0.0, policy.max_wait)
        log.warning(
            "GitHub %s while %s; retrying in %.1f s (attempt %d of %d)",
            describe(exc),
            what,
            seconds,
            state.attempt_number + 1,
            policy.attempts,
        )
        return seconds

    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait,
        retry=retry_if_exception(retryable),
        sleep=policy.sleep,
        reraise=True,
    )
    try:
        return retrying(fn)
    except GithubException as exc:
        raise translate(exc, what, needs, policy) from None
    except OSError as exc:
        raise ForgeUnavailable(
            f"Could not reach GitHub while {what} ({type(exc).__name__}) after "
            f"{policy.attempts} tries: check the network and re-run."
        ) from None


def describe(exc: BaseException | None) -> str:
    if isinstance(exc, GithubException):
        return f"answered {exc.status}" + (" (rate limit)" if is_rate_limit(exc) else "")
    return f"could not be reached ({type(exc).__name__})"


def permission_entry(exc: GithubException, needs: str) -> str:
    """The workflow ``permissions:`` line(s) to add, from GitHub's header when it sends one."""
    accepted = _headers(exc).get("x-accepted-github-permissions", "")
    entries = []
    for item in accepted.split(";"):
        scope, _, level = item.strip().partition("=")
        if scope and scope != "metadata":
            entries.append(f"{scope.replace('_', '-')}: {level}")
    return " or ".join(entries) if entries else needs


def translate(exc: GithubException, what: str, needs: str, policy: ForgeRetryPolicy) -> ForgeError:
    message = _message(exc)
    status = exc.status
    if isinstance(exc, BadCredentialsException) or status == 401:
        return ForgeAuthError(
            f"GitHub rejected the token (401 {message or 'Bad credentials'}) while {what}: "
            "check the `github-token` input (or GITHUB_TOKEN) is set, current and for "
            "this GitHub host."
        )
    if is_rate_limit(exc) or status >= 500:
        wait = wanted_wait(exc, policy.attempts, policy) or 0.0
        hint = (
            f" GitHub asks to wait {wait:.0f} s; re-run after that."
            if is_rate_limit(exc)
            else (" Re-run the workflow when GitHub is healthy again.")
        )
        return ForgeUnavailable(
            f"GitHub {describe(exc)} while {what}, after up to {policy.attempts} tries." + hint
        )
    if status == 403 or "not accessible by integration" in message.lower():
        entry = permission_entry(exc, needs)
        return ForgePermissionError(
            f"GitHub refused {what} (403 {message}): the token lacks a permission. "
            f"Add `{entry}` under `permissions:` in the workflow (or give the "
            "token that scope)."
        )
    if status == 404:
        return ForgeNotFound(
            f"GitHub answered 404 while {what}: it does not exist, or the token cannot see "
            f"it (a private repository needs `{needs}` under `permissions:` in the "
            "workflow)."
        )
    if status == 422:
        return ForgeConflict(f"GitHub refused {what} (422 {message}).")
    return ForgeError(f"GitHub answered {status} while {what}: {message}.")
