"""Reading what models write: reasoning left in the answer, fences, file paths dressed up in markdown."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

_THINK_OPEN = re.compile(r"^[ \t]*<(think|thinking|reasoning)>", re.IGNORECASE | re.MULTILINE)
_THINK_CLOSED = re.compile(r"[ \t]*<(think|thinking|reasoning)>.*?</\1>[ \t]*\n?", re.IGNORECASE | re.DOTALL)
_THINK_CLOSE_ONLY = re.compile(r"</(think|thinking|reasoning)>[ \t]*\n?", re.IGNORECASE)

FENCE_RE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")

# A line that only says "some code was left out here": `...`, `# ... existing code ...`, `// …`.
ELISION_RE = re.compile(r"^\s*(?:#|//|--|;|/\*|<!--|\*)?\s*(?:\.\.\.|…)[^\n]*?(?:\*/|-->)?\s*$")
# The same, but only when written as a comment: bare `...` is valid code (Python's Ellipsis).
ELISION_COMMENT_RE = re.compile(
    r"^\s*(?:#|//|--|;|/\*|<!--)\s*(?:\.\.\.|…)[^\n]*?(?:\*/|-->)?\s*$"
    r"|^\s*(?:#|//|--|;|/\*|<!--)\s*(?:keep\s+|the\s+)?"
    r"(?:rest of (?:the )?(?:code|file|function|method|class|module|implementation)"
    r"|existing (?:code|lines|implementation|methods|functions|imports|content)"
    r"|(?:other|remaining) (?:code|methods|functions|lines) (?:unchanged|stays|remains)"
    r"|unchanged (?:code|lines)"
    r"|(?:code|everything else) (?:unchanged|stays the same|remains the same))\b[^\n]*$",
    re.IGNORECASE,
)

_PATH_PREFIX = re.compile(
    r"^(?:#{1,6}\s+|[-*+]\s+|//+\s*|#\s*|--\s+|;+\s*|/\*+\s*|<!--\s*|>\s*|\d+\.\s+)", re.IGNORECASE
)
_PATH_LABEL = re.compile(
    r"^(?:file\s*(?:name|path)?|path|filepath|in|edit|update|create|new file)\s*:?\s+", re.IGNORECASE
)
_BAD_PATH_CHARS = re.compile(r"[\s(){};=,<>|\"'*?$!&]")


def normalize_answer(answer: str) -> str:
    """One newline style, no BOM, no reasoning sections: what is left is prose and edit blocks.

    Reasoning comes first in an answer, so only a section opening before the first fence counts
    (a `<think>` inside a file being edited stays); a lone `</think>` means the chat template
    emitted the opening tag, and everything before it is thinking.
    """
    text = answer.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    while True:
        opened = _THINK_OPEN.search(text)
        if opened is None or opened.start() > _first_fence(text):
            break
        closed = _THINK_CLOSED.match(text, opened.start())
        if closed is None:  # unclosed: the tag goes, the rest stays (blocks usually follow it)
            text = text[: opened.start()] + text[opened.end() :]
            break
        text = text[: closed.start()] + text[closed.end() :]
    close = _THINK_CLOSE_ONLY.search(text)
    if close is not None and not _THINK_OPEN.search(text[: close.start()]):
        before = text[: close.start()]
        fences = sum(1 for line in before.split("\n") if FENCE_RE.match(line))
        if fences % 2 == 0:  # a `</think>` inside an open fence is file content, not the end of thinking
            text = text[close.end() :]
    return text


def _first_fence(text: str) -> int:
    m = re.search(r"^[ \t]{0,3}(?:```|~~~|<{5,9}\s*SEARCH|--- )", text, re.MULTILINE)
    return m.start() if m else len(text)


@dataclass(frozen=True)
class Fence:
    char: str
    length: int
    info: str


def fence_of(line: str) -> Fence | None:
    m = FENCE_RE.match(line)
    if m is None:
        return None
    fence = m.group("fence")
    return Fence(fence[0], len(fence), m.group("info").strip())


def closes(line: str, opener: Fence) -> bool:
    f = fence_of(line)
    return f is not None and f.char == opener.char and f.length >= opener.length and not f.info


def path_from_line(line: str, known: Collection[str] = ()) -> str | None:
    """The file path a line names, stripped of markdown and comment dressing, or None."""
    s = line.strip()
    for _ in range(3):
        before = s
        s = _PATH_PREFIX.sub("", s).strip()
        s = _PATH_LABEL.sub("", s).strip()
        s = s.strip("*_`'\"").strip()
        s = re.sub(r"(?:\*/|-->)$", "", s).strip()
        s = s.rstrip(":").strip().strip("*_`'\"")
        s = re.sub(
            r"\s+\((?:new|new file|modified|changed|updated|created|edited)[^)]*\)$", "", s, flags=re.I
        )
        s = s.rstrip(":").strip().strip("*_`'\"")
        if s == before:
            break
    return s if looks_like_path(s, known) else None


def looks_like_path(s: str, known: Collection[str] = ()) -> bool:
    if not s or len(s) > 300 or _BAD_PATH_CHARS.search(s):
        return False
    if s.startswith(("<<<", "===", ">>>", "```", "~~~", "@@")):
        return False
    if s in known or s.lstrip("./") in known:
        return True
    name = s.rstrip("/").rsplit("/", 1)[-1]
    if not name or name in {".", ".."}:
        return False
    has_ext = bool(re.search(r"\.[A-Za-z0-9_+-]{1,12}$", name)) and not name.endswith("..")
    return has_ext or "/" in s or name in _EXTENSIONLESS


_EXTENSIONLESS = frozenset(
    {
        "Makefile",
        "Dockerfile",
        "Containerfile",
        "Rakefile",
        "Gemfile",
        "Procfile",
        "LICENSE",
        "README",
        "Justfile",
        "Vagrantfile",
        "CODEOWNERS",
        "BUILD",
        "WORKSPACE",
        "Jenkinsfile",
    }
)


def path_from_fence_info(info: str, known: Collection[str] = ()) -> str | None:
    """```` ```python:src/app.py ```` or ```` ```src/app.py ````: a path in the fence's info string."""
    if not info:
        return None
    for token in re.split(r"[\s:]+", info):
        if ("/" in token or "." in token) and looks_like_path(token, known):
            return token
    if info in known:
        return info
    return None


def backticked_path(line: str, known: Collection[str] = ()) -> str | None:
    tokens = [t for t in re.findall(r"`([^`\s]+)`", line) if looks_like_path(t, known)]
    return tokens[0] if len(set(tokens)) == 1 else None


def is_elision(line: str) -> bool:
    return bool(ELISION_RE.match(line))


def is_elision_comment(line: str) -> bool:
    return bool(ELISION_COMMENT_RE.match(line))
