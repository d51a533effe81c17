"""The ``udiff`` format: unified diffs. Hunks are located by their context, not trusted line numbers.

`unidiff` reads well-formed diffs (and so checks the hunk counts); diffs with wrong counts or
number-less ``@@ ... @@`` headers, as models write them, are read by the lenient reader below.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

from bot.edits.text import fence_of
from bot.edits.types import EditFormat, FormatPrompt, ParsedBlock

PROMPT = FormatPrompt(
    system="""\
Write every change as a unified diff, like `diff -U3`, inside a ```diff fence:
- `--- a/PATH` and `+++ b/PATH` lines with the path relative to the repository root;
- then hunks: a `@@ ... @@` line, then the lines: ` ` (space) for unchanged context, `-` for removed,
  `+` for added. Give 2-3 unchanged lines around each change so the hunk can be found; line numbers
  are optional. Copy context and removed lines exactly, with their indentation.
- Never write `...` for skipped lines: start a new hunk instead.
- A new file: `--- /dev/null` and `+++ b/PATH`, every line added.""",
    example="""\
```diff
--- a/src/greet.py
+++ b/src/greet.py
@@ -1,2 +1,2 @@
-def greet(name):
-    return "Hello " + name
+def greet(name: str) -> str:
+    return f"Hello, {name}!"
```""",
)

_HUNK_RE = re.compile(r"^@@+\s*(?:-(\d+)(?:,(\d+))?\s+\+(\d+)(?:,(\d+))?)?.*?(?:@@+.*)?$")
_SKIP = re.compile(
    r"^(diff --git |index |new file mode|deleted file mode|old mode|new mode|similarity |"
    r"rename |Binary files)"
)


@dataclass
class _Hunk:
    line: int
    hint: int | None
    body: list[str] = field(default_factory=list)


def parse(text: str, known: Collection[str] = ()) -> list[ParsedBlock]:
    lines = text.split("\n")
    blocks: list[ParsedBlock] = []
    i = 0
    while i < len(lines):
        if not (lines[i].startswith("--- ") and _next_plus(lines, i) is not None):
            i += 1
            continue
        plus = _next_plus(lines, i)
        assert plus is not None
        old, new = _header_path(lines[i][4:]), _header_path(lines[plus][4:])
        hunks, end = _read_hunks(lines, plus + 1)
        blocks.extend(_to_blocks(lines, i, plus, end, old, new, hunks, known))
        i = max(end, plus + 1)
    return blocks


def has_diff(text: str) -> bool:
    lines = text.split("\n")
    return any(x.startswith("@@") for x in lines) and any(
        x.startswith("--- ") and _next_plus(lines, k) is not None for k, x in enumerate(lines)
    )


def _next_plus(lines: list[str], i: int) -> int | None:
    for k in range(i + 1, min(i + 3, len(lines))):
        if lines[k].startswith("+++ "):
            return k
        if lines[k].strip():
            return None
    return None


def _header_path(raw: str) -> str:
    path = raw.split("\t", 1)[0].strip()
    return path.strip("`'\"")


def _read_hunks(lines: list[str], i: int) -> tuple[list[_Hunk], int]:
    hunks: list[_Hunk] = []
    current: _Hunk | None = None
    while i < len(lines):
        line = lines[i]
        if line.startswith("--- ") and _next_plus(lines, i) is not None:
            break
        m = _HUNK_RE.match(line) if line.startswith("@@") else None
        if m is not None:
            current = _Hunk(i + 1, int(m.group(1)) if m.group(1) else None)
            hunks.append(current)
        elif _SKIP.match(line) and current is None:
            pass
        elif line[:1] in (" ", "-", "+") or line == "" or line.startswith("\\"):
            if current is None:  # hunk lines without an @@ header: models forget it
                current = _Hunk(i + 1, None)
                hunks.append(current)
            current.body.append(line)
        elif current is not None and _changes_follow(lines, i + 1):
            current.body.append(" " + line)  # a context line that lost its leading space
        else:
            break
        i += 1
    for hunk in hunks:  # blank lines after a hunk are prose separators, not context
        while hunk.body and hunk.body[-1] == "":
            hunk.body.pop()
    return hunks, i


def _changes_follow(lines: list[str], i: int) -> bool:
    """More `+`/`-` lines of this hunk come before any fence, header or end: the hunk goes on."""
    for k in range(i, min(i + 50, len(lines))):
        line = lines[k]
        if fence_of(line) is not None or (line.startswith("--- ") and _next_plus(lines, k) is not None):
            return False
        if line.startswith(("+", "-", "@@")):
            return True
    return False


def _to_blocks(
    lines: list[str],
    minus: int,
    plus: int,
    end: int,
    old: str,
    new: str,
    hunks: list[_Hunk],
    known: Collection[str],
) -> list[ParsedBlock]:
    path = _strip_prefix(new if new != "/dev/null" else old, "b/" if new != "/dev/null" else "a/", known)
    if new == "/dev/null":
        problem = f"the diff at line {minus + 1} deletes {path}; deleting files is not supported: "
        return [
            ParsedBlock(
                "malformed", path, minus + 1, problem=problem + "leave the file or empty it with a hunk"
            )
        ]
    if not hunks:
        problem = f"the diff for {path} at line {minus + 1} has no hunks (`@@` lines followed by changes)"
        return [ParsedBlock("malformed", path, minus + 1, problem=problem)]
    strict = _strict_hunks("\n".join(lines[minus:end]) + "\n")
    out: list[ParsedBlock] = []
    for n, hunk in enumerate(hunks):
        body = [x for x in hunk.body if not x.startswith("\\")]
        search = tuple(x[1:] if x else "" for x in body if x[:1] in (" ", "-", ""))
        replace = tuple(x[1:] if x else "" for x in body if x[:1] in (" ", "+", ""))
        hint = hunk.hint
        if strict is not None and len(strict) == len(hunks):
            search, replace, hint = strict[n]
        if not any(x[:1] in ("-", "+") for x in body) and strict is None:
            continue  # context only: nothing to do
        out.append(
            ParsedBlock("hunk", path, hunk.line, search, replace, hint_line=hint, creates=old == "/dev/null")
        )
    return out


def _strict_hunks(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...], int | None]] | None:
    """The hunks as `unidiff` reads them, when the diff is well-formed enough for it."""
    try:
        patch = PatchSet(text)
    except (UnidiffParseError, ValueError, IndexError):
        return None
    if len(patch) != 1:
        return None
    out = []
    for hunk in patch[0]:
        search = tuple(str(x.value).rstrip("\n") for x in hunk if x.is_context or x.is_removed)
        replace = tuple(str(x.value).rstrip("\n") for x in hunk if x.is_context or x.is_added)
        out.append((search, replace, int(hunk.source_start) or None))
    return out


def _strip_prefix(path: str, prefix: str, known: Collection[str]) -> str:
    if path.startswith(prefix) and path not in known:
        return path[len(prefix) :]
    if path.startswith(("a/", "b/")) and path not in known and path[2:] in known:
        return path[2:]
    return path


FORMAT = EditFormat("udiff", parse, PROMPT)
