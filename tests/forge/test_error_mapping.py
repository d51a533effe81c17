"""Every PyGithub exception the adapter can meet becomes one of ours, with a message that says what to do."""

from __future__ import annotations

import pytest
from github.GithubException import (
    BadCredentialsException,
    GithubException,
    RateLimitExceededException,
    UnknownObjectException,
)

from bot.errors import ForgeError
from bot.forge.errors import (
    ForgeAuthError,
    ForgeConflict,
    ForgeNotFound,
    ForgePermissionError,
    ForgeUnavailable,
)
from bot.forge.retry import ForgeRetryPolicy, translate, wanted_wait

POLICY = ForgeRetryPolicy(attempts=3, clock=lambda: 1_000.0)
CASES = [
    (BadCredentialsException(401, {"message": "Bad credentials"}, {}), ForgeAuthError, "github-token"),
    (
        RateLimitExceededException(
            403, {"message": "You have exceeded a secondary rate limit"}, {"Retry-After": "60"}
        ),
        ForgeUnavailable,
        "wait 60 s",
    ),
    (
        GithubException(429, {"message": "Too Many Requests"}, {"retry-after": "5"}),
        ForgeUnavailable,
        "wait 5 s",
    ),
    (
        RateLimitExceededException(
            403,
            {"message": "API rate limit exceeded"},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1600"},
        ),
        ForgeUnavailable,
        "wait 601 s",
    ),
    (GithubException(502, {"message": "Server Error"}, {}), ForgeUnavailable, "Re-run the workflow"),
    (
        GithubException(
            403,
            {"message": "Resource not accessible by integration"},
            {"x-accepted-github-permissions": "issues=write; pull_requests=write"},
        ),
        ForgePermissionError,
        "`issues: write or pull-requests: write` under `permissions:`",
    ),
    (
        GithubException(403, {"message": "Resource not accessible by integration"}, {}),
        ForgePermissionError,
        "`issues: write`",
    ),
    (UnknownObjectException(404, {"message": "Not Found"}, {}), ForgeNotFound, "`issues: write` under"),
    (
        GithubException(
            422,
            {"message": "Validation Failed", "errors": [{"message": "A pull request already exists"}]},
            {},
        ),
        ForgeConflict,
        "A pull request already exists",
    ),
    (GithubException(418, {"message": "I'm a teapot"}, {}), ForgeError, "418"),
]


@pytest.mark.parametrize(("exc", "kind", "says"), CASES)
def test_each_github_exception_maps_to_a_forge_error(
    exc: GithubException, kind: type[ForgeError], says: str
) -> None:
    err = translate(exc, "commenting on #1", "issues: write", POLICY)
    assert type(err) is kind
    assert says in str(err)
    assert "commenting on #1" in str(err)


def test_only_transient_failures_are_retried() -> None:
    assert wanted_wait(GithubException(500, {}, {}), 2, POLICY) == 2.0
    assert wanted_wait(ConnectionResetError(), 1, POLICY) == 1.0
    assert wanted_wait(GithubException(404, {"message": "Not Found"}, {}), 1, POLICY) is None
    assert wanted_wait(ValueError("a bug"), 1, POLICY) is None
