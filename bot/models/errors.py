"""Errors of the model layer, all ``bot.errors.ModelError``::

    ModelError
    ├── ModelAPIError           the provider answered with an error (status, its message, retryable?)
    │   └── ModelAuthError      401/403: the key is missing or refused; names the env var to set
    ├── GuardStopped            a runaway-thinking guard stopped the stream (partial Completion kept)
    ├── ContextWindowExceeded   the prompt plus the output budget cannot fit the model's window
    └── ReplayMissing           a replay transcript has no recording for this request

``retryable`` is the one switch the retry policy reads (see ``bot.models.retry``).
"""

from __future__ import annotations

from bot.errors import ModelError
from bot.models.types import Completion, GuardKind


class ModelAPIError(ModelError):
    def __init__(
        self,
        model: str,
        message: str,
        *,
        status: int | None = None,
        retryable: bool = False,
        retry_after_s: float | None = None,
    ) -> None:
        self.model = model
        self.status = status
        self.provider_message = message
        self.retryable = retryable
        self.retry_after_s = retry_after_s
        # what streamed before a failure mid-answer: the provider bills it, so the run counts it
        self.partial: Completion | None = None
        where = f"HTTP {status}" if status is not None else "connection"
        hint = (
            "temporary; retries were exhausted, try again later"
            if retryable
            else "check the model name, the request and the base URL"
        )
        super().__init__(f"{model}: provider error ({where}): {message} ({hint})")


class ModelAuthError(ModelAPIError):
    def __init__(self, model: str, message: str, *, env_var: str | None, status: int | None = 401) -> None:
        super().__init__(model, message, status=status, retryable=False)
        self.env_var = env_var
        todo = f"set {env_var} to a valid API key" if env_var else "pass a valid API key"
        what = f"the provider refused the API key (HTTP {status}): {message}" if status else message
        self.args = (f"{model}: {what}; {todo}",)


class GuardStopped(ModelError):
    """A guard stopped the stream; ``partial`` holds what arrived so far."""

    def __init__(self, model: str, guard: GuardKind, partial: Completion, detail: str = "") -> None:
        self.model = model
        self.guard = guard
        self.partial = partial
        self.tokens = partial.reasoning_tokens + partial.answer_tokens
        self.seconds = partial.total_seconds
        # a stalled connection is worth another try; a model that loops or overruns is not
        self.retryable = guard is GuardKind.STALL
        what = {
            GuardKind.REASONING_TOKENS: "the reasoning-token cap",
            GuardKind.ANSWER_TOKENS: "the answer-token cap (the answer outgrew the output budget asked for)",
            GuardKind.DEADLINE: "the wall-clock deadline",
            GuardKind.LOOP: "the loop detector (the reasoning kept repeating itself)",
            GuardKind.STALL: "the stall timeout (no bytes arrived)",
        }[guard]
        super().__init__(
            f"{model}: stopped by {what} after {self.tokens} tokens and {self.seconds:.1f} s"
            + (f" ({detail})" if detail else "")
            + "; raise the limit in the call settings or pick another model"
        )


class ContextWindowExceeded(ModelError):
    def __init__(self, model: str, window: int, prompt_tokens: int, output_tokens: int) -> None:
        self.model = model
        self.window = window
        self.prompt_tokens = prompt_tokens
        self.output_tokens = output_tokens
        super().__init__(
            f"{model}: the prompt (~{prompt_tokens} tokens) plus the output budget ({output_tokens} tokens) "
            f"does not fit the context window of {window} tokens. If the model's server runs it with a "
            f"larger window, say so in the config file: `models: {{{model}: {{context_window: N}}}}`; "
            "else shorten the prompt (fewer files: `file_tokens`, `map_tokens`) or lower `max_output_tokens`"
        )


class ReplayMissing(ModelError):
    def __init__(self, path: str, fingerprint: str, last_message: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        start = last_message[:120].replace("\n", " ")
        super().__init__(
            f"replay {path}: no recording for request {fingerprint} (last message starts: {start!r}); "
            "re-record with ARCHITECT_RECORD=<file> against a real model or add an entry"
        )
