"""A file too large for its budget, shown as slices: the definitions that matter, exact, with their
line numbers, plus an outline of the rest.

A slice is the exact text of a run of lines, so an edit block copied from it matches the real
file; its line numbers let a reader place it. Which lines: the definitions of the names the
issue, a traceback or the plan mentions (each with its decorators), the lines a traceback points
at, a few lines around each, and the header of every enclosing class or function, so a method is
never shown without the class it belongs to.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.context.grammars import language_for
from bot.context.tags import Definition, FileTags
from bot.tokens import estimate_tokens

CONTEXT_LINES = 3  # around each slice: enough to anchor an edit block at its edge
# A long definition shows its head: the signature, docstring and first statements say what it is.
MAX_DEFINITION_LINES = 120
HEAD_LINES = 40
TRACEBACK_LINES = 8  # around a line a traceback points at
_CLOSERS = ("}", ")", "]", "end")


@dataclass(frozen=True)
class Sliced:
    text: str  # the rendered slices and outline (no heading)
    spans: tuple[tuple[int, int], ...]  # 1-based inclusive line ranges shown exactly
    matched: bool  # whether any slice (each shows a mentioned name or traceback line) fitted


def definition_spans(
    lines: Sequence[str], definitions: Sequence[Definition]
) -> dict[Definition, tuple[int, int]]:
    """Each definition's lines: from its first decorator to the last line indented under it."""
    spans: dict[Definition, tuple[int, int]] = {}
    for definition in definitions:
        index = definition.line - 1
        if not 0 <= index < len(lines):
            continue
        indent = _indent(lines[index])
        start = index
        while start > 0 and lines[start - 1].strip().startswith("@") and _indent(lines[start - 1]) == indent:
            start -= 1
        end = index
        for later in range(index + 1, len(lines)):
            text = lines[later]
            if not text.strip():
                continue
            if _indent(text) <= indent:
                if text.strip().startswith(_CLOSERS):
                    end = later  # a brace language's closing line belongs to the block
                break
            end = later
        spans[definition] = (start + 1, end + 1)
    return spans


def slice_file(
    path: str, text: str, tags: FileTags, names: Sequence[str], lines_wanted: Collection[int], budget: int
) -> Sliced:
    """Slices of ``text`` for ``names`` (most important first) and ``lines_wanted`` within about
    ``budget`` tokens; the lines a traceback points at come first."""
    lines = text.splitlines()
    spans = definition_spans(lines, tags.definitions)
    wanted: list[tuple[int, int]] = []  # priority order: traceback lines first, then named definitions
    for line in sorted(lines_wanted):
        if 1 <= line <= len(lines):
            wanted.extend(_enclosing(spans, line))
            wanted.append((max(1, line - TRACEBACK_LINES), min(len(lines), line + TRACEBACK_LINES)))
    by_name: dict[str, list[tuple[Definition, tuple[int, int]]]] = {}
    for definition, span in spans.items():
        by_name.setdefault(definition.name, []).append((definition, span))
    for definition, (start, end) in (found for name in names for found in by_name.get(name, ())):
        wanted.extend(_enclosing(spans, definition.line, inside_only=True))
        if end - start + 1 > MAX_DEFINITION_LINES:
            end = start + HEAD_LINES - 1
        wanted.append((max(1, start - CONTEXT_LINES), min(len(lines), end + CONTEXT_LINES)))
    chosen: list[tuple[int, int]] = []
    for span in wanted:
        trial = _merge([*chosen, span])
        if _cost(path, lines, trial) <= budget * 3 // 4:  # a quarter of the budget stays for the outline
            chosen = trial
    outline = _outline(tags.definitions, chosen, budget - _cost(path, lines, chosen))
    body = _render(path, lines, chosen)
    header = (
        f"(this file has {len(lines)} lines, too many to show whole: below are exact slices of it with "
        "their line numbers, then an outline of the rest; ask for a definition by name to see more)\n"
    )
    parts = [header + body]
    if outline:
        parts.append("Outline of the lines not shown (line: signature):\n" + outline)
    return Sliced("\n".join(parts), tuple(chosen), matched=bool(chosen))


def _enclosing(
    spans: dict[Definition, tuple[int, int]], line: int, *, inside_only: bool = False
) -> list[tuple[int, int]]:
    """The header lines of the definitions around ``line``, outermost first."""
    found = [
        (start, definition.line)
        for definition, (start, end) in spans.items()
        if start <= line <= end and (definition.line < line if inside_only else definition.line <= line)
    ]
    return sorted(found)


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(path: str, lines: Sequence[str], spans: Sequence[tuple[int, int]]) -> str:
    language = language_for(path) or ""
    blocks = []
    for start, end in spans:
        chunk = "\n".join(lines[start - 1 : end]) + "\n"
        fence = "```"
        while fence in chunk:
            fence += "`"
        blocks.append(f"Lines {start}-{end}:\n{fence}{language}\n{chunk}{fence}\n")
    return "".join(blocks)


def _cost(path: str, lines: Sequence[str], spans: Sequence[tuple[int, int]]) -> int:
    return estimate_tokens(_render(path, lines, spans))


def _outline(definitions: Sequence[Definition], shown: Sequence[tuple[int, int]], budget: int) -> str:
    """Signatures of the definitions outside the slices, top-level and their members, in order."""
    out: list[str] = []
    spent = 0
    for definition in definitions:
        if definition.depth > 1 or any(start <= definition.line <= end for start, end in shown):
            continue
        entry = f"{definition.line}: {'  ' * definition.depth}{definition.signature}"
        cost = estimate_tokens(entry) + 1
        if spent + cost > budget:
            out.append("(more definitions not listed)")
            break
        out.append(entry)
        spent += cost
    return "\n".join(out) + ("\n" if out else "")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
