"""The ``whole`` format: a path line, then a fence holding the entire new content of that file."""

from __future__ import annotations

from collections.abc import Collection

from bot.edits.text import Fence, backticked_path, closes, fence_of, path_from_fence_info, path_from_line
from bot.edits.types import EditFormat, FormatPrompt, ParsedBlock

PROMPT = FormatPrompt(
    system="""\
For every file you change, write its path alone on a line (relative to the repository root, exactly
as shown to you), then a fenced code block with the ENTIRE new content of the file: every line,
changed or not. Never shorten with `...` or "rest unchanged": what you write replaces the file.
Use four backticks for the fence if the file contains three. To create a file, do the same with its
new path. Prose outside the blocks is ignored.""",
    example="""\
src/greet.py
```python
def greet(name: str) -> str:
    return f"Hello, {name}!"
```""",
)

# Fences without a path are fine when they are clearly not a file (a command, some output).
_NOT_A_FILE = frozenset({"bash", "sh", "shell", "console", "text", "output", "log", "terminal", "zsh"})


def parse(text: str, known: Collection[str] = ()) -> list[ParsedBlock]:
    lines = text.split("\n")
    blocks: list[ParsedBlock] = []
    floor = 0
    i = 0
    while i < len(lines):
        opener = fence_of(lines[i])
        if opener is None:
            i += 1
            continue
        end = _closing(lines, i, opener)
        body = lines[i + 1 : end]
        if end >= len(lines):  # unclosed fence: the answer was cut, keep what is there
            while body and not body[-1].strip():
                body.pop()
        path = _path_before(lines, floor, i, known) or path_from_fence_info(opener.info, known)
        if path is None and body:
            path = _path_comment(body[0], known)
            if path is not None:
                body = body[1:]
        if path is not None:
            blocks.append(ParsedBlock("whole", path, i + 1, (), tuple(body)))
        elif opener.info.lower() not in _NOT_A_FILE and body:
            blocks.append(
                ParsedBlock(
                    "malformed",
                    None,
                    i + 1,
                    problem=(
                        f"the fenced block at line {i + 1} has no file path: put the path alone on the line "
                        "before the opening fence"
                    ),
                )
            )
        i = floor = end + 1
    return blocks


def _closing(lines: list[str], start: int, opener: Fence) -> int:
    """The line closing the fence at ``start``; fences with an info string nested inside are skipped."""
    depth = 0
    for k in range(start + 1, len(lines)):
        f = fence_of(lines[k])
        if f is None or f.char != opener.char:
            continue
        if f.info and f.length <= opener.length:
            depth += 1
        elif depth > 0 and not f.info:
            depth -= 1  # closes the nested fence, whatever its length
        elif closes(lines[k], opener):
            return k
    return len(lines)


def _path_before(lines: list[str], floor: int, start: int, known: Collection[str]) -> str | None:
    for k in range(start - 1, max(floor, start - 3) - 1, -1):
        line = lines[k]
        if not line.strip():
            continue
        return path_from_line(line, known) or backticked_path(line, known)
    return None


def _path_comment(first: str, known: Collection[str]) -> str | None:
    """`# src/app.py` (or `// src/app.py`) as the first line inside the fence names the file."""
    s = first.strip()
    if not s.startswith(("#", "//", "--", "/*", "<!--", ";")):
        return None
    return path_from_line(s, known)


FORMAT = EditFormat("whole", parse, PROMPT)
