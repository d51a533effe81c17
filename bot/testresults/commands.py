"""Which test runner a shell command invokes, read from its words (pure, no shell is run)."""

from __future__ import annotations

import re
import shlex
from pathlib import PurePosixPath

# A word the shell reads as an operator or redirection (`&&`, `;`, `|`, `>`), split off by words().
OPERATOR = re.compile(r"^[();<>|&]+$")
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


def runners(command: str) -> list[str]:
    """Every runner the command invokes, once each, in order: pytest, go, jest, vitest, cargo, plus the
    wrappers ``tox``/``nox`` and script runners (``npm`` ...) under the names ``env-wrapper`` / ``script``."""
    found: list[str] = []
    ws = words(command)
    installing = False  # `pip install pytest`, `npm install jest`: names of packages, not runs
    for i, word in enumerate(ws):
        base = _base(word)
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        if OPERATOR.match(word):
            installing = False
        elif word in ("install", "add"):
            installing = True
        if installing:
            continue
        if base in ("pytest", "py.test"):
            found.append("pytest")
        elif base == "go" and nxt == "test":
            found.append("go")
        elif base in ("jest", "vitest"):
            found.append(base)
        elif base == "cargo" and nxt == "test":
            found.append("cargo")
        elif base in ENV_WRAPPERS:
            found.append("env-wrapper")
        elif base in SCRIPT_RUNNERS and nxt in ("test", "run", "t"):
            found.append("script")
    return list(dict.fromkeys(found))


def simple_command_end(command: str, start: int) -> tuple[int, str]:
    """Where the simple command running at ``start`` ends (outside quotes), and what ends it: one of
    ``;&|)`` or a newline, ``>`` or ``<`` when it redirects, "" at the end of the text."""
    quote = ""
    i = start
    while i < len(command):
        char = command[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote:
                quote = ""
        elif char == "\\":
            i += 1
        elif char in "'\"":
            quote = char
        elif char in ";&|)<>\n":
            return i, char
        i += 1
    return len(command), ""
