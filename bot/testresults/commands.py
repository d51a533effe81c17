"""Which test runner a shell command invokes, read from its words (pure, no shell is run)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Invocation:
    """One runner found in a command: ``runner`` and the index of its word in ``words(command)``."""

    runner: str
    index: int


# Wrappers that run tests in an environment of their own or through a script the bot cannot see.
ENV_WRAPPERS = frozenset({"tox", "nox"})
SCRIPT_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})


def words(command: str) -> list[str]:
    """The command's words as the shell would split them, with ``&&``, ``;``, ``|`` as words of their own."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        return list(lexer)
    except ValueError:  # an unbalanced quote: the plain split is still a fair reading
        return command.split()


def _base(word: str) -> str:
    return PurePosixPath(word).name


def invocations(command: str) -> list[Invocation]:
    """Every runner the command invokes, in order: pytest, go, jest, vitest, cargo, plus the wrappers
    ``tox``/``nox`` and script runners (``npm`` ...) under the names ``env-wrapper`` / ``script``."""
    found: list[Invocation] = []
    ws = words(command)
    for i, word in enumerate(ws):
        base = _base(word)
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        if base in ("pytest", "py.test"):
            found.append(Invocation("pytest", i))
        elif base == "go" and nxt == "test":
            found.append(Invocation("go", i))
        elif base in ("jest", "vitest"):
            found.append(Invocation(base, i))
        elif base == "cargo" and nxt == "test":
            found.append(Invocation("cargo", i))
        elif base in ENV_WRAPPERS:
            found.append(Invocation("env-wrapper", i))
        elif base in SCRIPT_RUNNERS and nxt in ("test", "run", "t"):
            found.append(Invocation("script", i))
    return found
