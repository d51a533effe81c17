"""Forge errors: each says what the user should do; ``retryable`` marks the ones worth a re-run."""

from __future__ import annotations

from bot.errors import ForgeError


class ForgeAuthError(ForgeError):
    """The token was refused (401): missing, wrong or expired."""


class ForgePermissionError(ForgeError):
    """The token works but lacks a permission (403/404): the workflow's ``permissions:`` must grant it."""


class ForgeUnavailable(ForgeError):
    """GitHub kept failing (5xx, rate limits, network) after the bounded retries."""

    retryable = True


class ForgeConflict(ForgeError):
    """GitHub refused a change because something moved meanwhile (a branch, an existing object)."""


class ForgeNotFound(ForgeError):
    """The issue, pull request or comment does not exist."""
