"""Rendering map entries as an outline: ``path:`` then indented signature lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.context.tags import Definition, FileTags


@dataclass(frozen=True)
class MapEntry:
    path: str
    definition: Definition | None  # None: the file has no definitions, show its path alone
    score: float


def render_entries(tags: dict[str, FileTags], entries: Sequence[MapEntry], order: Sequence[str]) -> str:
    """``path:`` lines, each followed by its chosen signatures (and their enclosing definitions)."""
    chosen: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        chosen[entry.path].add(entry.definition.line if entry.definition else -1)
    lines: list[str] = []
    for path in order:
        wanted = chosen.get(path)
        if wanted is None:
            continue
        lines.append(f"{path}:")
        lines.extend(_outline(tags[path].definitions, wanted))
    return "\n".join(lines) + ("\n" if lines else "")


def _outline(definitions: Sequence[Definition], wanted: set[int]) -> list[str]:
    lines: list[str] = []
    stack: list[tuple[Definition, bool]] = []  # enclosing definitions and whether they were printed
    for definition in definitions:
        while stack and stack[-1][0].depth >= definition.depth:
            stack.pop()
        if definition.line in wanted:
            for index, (parent, printed) in enumerate(stack):
                if not printed:
                    lines.append("  " * (parent.depth + 1) + parent.signature)
                    stack[index] = (parent, True)
            lines.append("  " * (definition.depth + 1) + definition.signature)
            stack.append((definition, True))
        else:
            stack.append((definition, False))
    return lines
