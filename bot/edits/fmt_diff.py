"""The ``diff`` format: SEARCH/REPLACE blocks, parsed by their markers so broken fences do not matter."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.edits.text import backticked_path, fence_of, path_from_fence_info, path_from_line
from bot.edits.types import EditFormat, FormatPrompt, ParsedBlock

# ORIGINAL/UPDATED: the older spelling some models were trained on.
SEARCH_RE = re.compile(r"^\s*<{5,9}\s*(?:SEARCH|ORIGINAL)\b[ \t:]*(?P<tail>.*)$", re.IGNORECASE)
DIVIDER_RE = re.compile(r"^\s*={5,9}\s*$")
REPLACE_RE = re.compile(r"^\s*>{5,9}\s*(?:REPLACE|UPDATED)\b.*$", re.IGNORECASE)

PROMPT = FormatPrompt(
    system="""\
Describe every change as a SEARCH/REPLACE block:
1. The file path alone on a line, exactly as shown to you, relative to the repository root.
2. An opening fence with the language, e.g. ```python (use four backticks if the code contains three).
3. A line `<<<<<<< SEARCH`, then lines copied exactly from the current file (same indentation,
   comments and blank lines), just enough of them to be unique in the file.
4. A line `=======`, then the lines that replace them.
5. A line `>>>>>>> REPLACE`, then the closing fence.
Each block replaces the first and only place its SEARCH matches; a SEARCH matching several places
is refused, so add lines until it is unique (to change every copy of the same lines on purpose,
write `<<<<<<< SEARCH ALL`). Keep blocks small: one block per change, several
blocks per file are fine, in file order. Never write `...` or "existing code" in place of lines.
To create a new file, give its path and an empty SEARCH section. To move code, use one block to
delete it and another to insert it. Only the blocks are applied; prose around them is ignored.""",
    example="""\
src/greet.py
```python
<<<<<<< SEARCH
def greet(name):
    return "Hello " + name
=======
def greet(name: str) -> str:
    return f"Hello, {name}!"
>>>>>>> REPLACE
```""",
)


def parse(text: str, known: Collection[str] = ()) -> list[ParsedBlock]:
    lines = text.split("\n")
    blocks: list[ParsedBlock] = []
    last_path: str | None = None
    floor = 0  # the previous block's end: a path is never looked for before it
    i = 0
    while i < len(lines):
        m = SEARCH_RE.match(lines[i])
        if m is None:
            i += 1
            continue
        start = i
        path, fenced = _path_before(lines, floor, start, known)
        tail = m.group("tail").strip()
        replace_all = tail.lower() in {"all", "(all)", "[all]", "all occurrences"}
        if path is None and tail and not replace_all:
            path = path_from_line(tail, known)
        path = path or last_path
        k = start + 1
        while k < len(lines) and not (SEARCH_RE.match(lines[k]) or REPLACE_RE.match(lines[k])):
            k += 1
        if k < len(lines) and SEARCH_RE.match(lines[k]):
            blocks.append(
                _malformed(
                    path,
                    start,
                    f"the block at line {start + 1} has no `>>>>>>> REPLACE` "
                    f"line before the next block at line {k + 1}",
                )
            )
            i = floor = k
            continue
        dividers = [x for x in range(start + 1, k) if DIVIDER_RE.match(lines[x])]
        if k >= len(lines) and dividers:
            # `>>>>>>> REPLACE` missing at the very end: dividers after the closing fence are not ours
            dividers = dividers[:1]
        if not dividers or len(dividers) % 2 == 0:
            problem = (
                "no `=======` line between its SEARCH and REPLACE parts"
                if not dividers
                else f"{len(dividers)} `=======` lines, so where SEARCH ends is unclear; if the file "
                "has such lines, start or end the block elsewhere"
            )
            blocks.append(_malformed(path, start, f"the block at line {start + 1} has {problem}"))
            i = floor = min(k + 1, len(lines))
            continue
        # One divider is the rule; with three or more, the file's own `=======` lines (an underline
        # in a text file) are on both sides of the change, so the middle one divides.
        j = dividers[len(dividers) // 2]
        replace = lines[j + 1 : k]
        if k >= len(lines):
            replace = _trim_unterminated(replace, fenced)
        end = min(k + 1, len(lines))
        search = lines[start + 1 : j]
        if path is None:
            blocks.append(
                _malformed(
                    None,
                    start,
                    f"the block at line {start + 1} has no file path: put the "
                    "path alone on the line before the opening fence",
                )
            )
        else:
            blocks.append(
                ParsedBlock(
                    "search_replace", path, start + 1, tuple(search), tuple(replace), replace_all=replace_all
                )
            )
            last_path = path
        i = floor = end
    return blocks


def _malformed(path: str | None, start: int, problem: str) -> ParsedBlock:
    return ParsedBlock("malformed", path, start + 1, problem=problem)


def _path_before(lines: list[str], floor: int, start: int, known: Collection[str]) -> tuple[str | None, bool]:
    """The path named just before a SEARCH marker (inside or before its fence), and whether a fence opened."""
    fenced = False
    seen = 0
    for k in range(start - 1, floor - 1, -1):
        line = lines[k]
        if not line.strip():
            continue
        seen += 1
        if seen > 4:
            break
        fence = fence_of(line)
        if fence is not None:
            if fenced:
                break  # a second fence belongs to something earlier
            fenced = True
            in_info = path_from_fence_info(fence.info, known)
            if in_info:
                return in_info, True
            continue
        candidate = path_from_line(line, known) or backticked_path(line, known)
        if candidate:
            return candidate, fenced
        break
    return None, fenced


def _trim_unterminated(replace: list[str], fenced: bool) -> list[str]:
    """`>>>>>>> REPLACE` missing at the very end: stop at the closing fence, else at trailing blanks."""
    if fenced:
        for k in range(len(replace) - 1, -1, -1):
            f = fence_of(replace[k])
            if f is not None and not f.info:
                return replace[:k]
    out = list(replace)
    while out and not out[-1].strip():
        out.pop()
    return out


def has_markers(text: str) -> bool:
    lines = text.split("\n")
    return any(SEARCH_RE.match(x) for x in lines) and any(DIVIDER_RE.match(x) for x in lines)


__all__ = ["PROMPT", "has_markers", "parse"]


FORMAT = EditFormat("diff", parse, PROMPT)
