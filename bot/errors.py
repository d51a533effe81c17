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


class SetupFailed(SandboxError):
    """The setup command failed: no test ran, and no edit can be judged by tests that did not run."""

    def __init__(self, command: str, exit_code: int | None, timed_out: bool, output: str) -> None:
        how = "timed out" if timed_out else f"failed (exit {exit_code})"
        tail = "\n".join(output.strip().splitlines()[-20:])
        self.command, self.how = command, how
        self.last_line = next((line for line in reversed(output.splitlines()) if line.strip()), "").strip()
        super().__init__(
            f"the setup command `{command}` {how}, so no test ran. Fix the install (or the setup-command "
            f"setting) and run again; its output ends with:\n{tail}"
        )


class ModelError(BotError):
    exit_code = 3


class EditError(BotError):
    exit_code = 3


class ForgeError(BotError):
    exit_code = 1
