"""The one error root of architect-bot.

Every error a user can meet is a ``BotError`` whose message says what to do next.
The tree stays short on purpose::

    BotError
    ├── UsageError            bad flags or arguments (CLI exit 2)
    ├── ConfigError           invalid configuration file or catalog entry (exit 2)
    ├── SandboxError          the test sandbox could not run
    │   ├── SandboxUnavailable    no Docker engine answers
    │   └── ImageUnavailable      the image is missing and cannot be pulled or built
    ├── ModelError            a model call failed (exit 3); see bot.models.errors
    ├── EditError             the editor's answer could not be applied; see bot.edits.errors
    └── ForgeError            git / GitHub operations failed

Which errors are worth retrying is decided in one place: the ``retryable`` attribute.
"""

from __future__ import annotations


class BotError(Exception):
    """Base class: ``str(err)`` is a message a user can act on."""

    exit_code: int = 1
    retryable: bool = False


class UsageError(BotError):
    exit_code = 2


class ConfigError(BotError):
    exit_code = 2


class SandboxError(BotError):
    exit_code = 2


class SandboxUnavailable(SandboxError):
    pass


class ImageUnavailable(SandboxError):
    pass


class ModelError(BotError):
    exit_code = 3


class EditError(BotError):
    exit_code = 3


class ForgeError(BotError):
    exit_code = 1
