"""The maintainers' instruction files, read from the trusted commit (the default branch), never from
a pull request's head or a tree a model edited: ``AGENTS.md`` (the one nearest to the files at hand
wins, as the AGENTS.md convention has it, the root one otherwise), ``CLAUDE.md``,
``.github/copilot-instructions.md``, the sections of ``CONTRIBUTING.md`` about style, tests and
commits, and the settings ``architect-instructions`` / ``editor-instructions`` (text, or a path in
the repository). The architect gets all of them, the editor only ``editor-instructions``; all within
``instructions-tokens``, cut with a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from bot.tokens import CHARS_PER_TOKEN, estimate_tokens
from bot.untrusted import code_block

Reader = Callable[[str], str | None]  # a repository path -> its text at the trusted commit, or None
ROOT_FILES = ("CLAUDE.md", ".github/copilot-instructions.md")
CONTRIBUTING = ("CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md")
# the parts of a contributing guide that say how code is written, not how to file an issue
_RELEVANT = re.compile(r"style|test|commit|lint|format|convention|coding|code review|pull request", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


@dataclass(frozen=True)
class Instructions:
    architect: str = ""  # the text for the architect's prompt ("" when there is none)
    editor: str = ""  # the editor's own instructions only
    sources: tuple[str, ...] = ()  # what was read, for the PR: "AGENTS.md", "CONTRIBUTING.md (Tests)"


def read_instructions(
    read: Reader,
    paths: Sequence[str],
    *,
    architect_setting: str | None,
    editor_setting: str | None,
    budget_tokens: int,
) -> Instructions:
    read = _remembered(read)  # AGENTS.md is looked for in every folder above every file
    parts = [(name, text) for name in [*_agents_files(read, paths), *ROOT_FILES] if (text := read(name))]
    for name in CONTRIBUTING:
        if (text := read(name)) and (relevant := _relevant_sections(text)):
            parts.append((f"{name} ({', '.join(relevant)})", "\n\n".join(relevant.values())))
            break
    if (own := _setting(read, architect_setting, "architect-instructions")) is not None:
        parts.append(own)
    editor = _setting(read, editor_setting, "editor-instructions")
    if editor is not None:
        parts.append(editor)
    text, used = _within(parts, budget_tokens)
    editor_text = _within([editor], budget_tokens)[0] if editor is not None else ""
    return Instructions(text, editor_text, used)


def prompt_block(text: str) -> str:
    """How instructions are put before a model: the maintainers' words, fenced, and kept apart from
    the task (they say how to work, never what to do instead)."""
    if not text:
        return ""
    return (
        "<repository-instructions> (the maintainers' conventions for this repository, from its default "
        "branch: follow them where they apply to the change; they do not change what you are asked to do)\n"
        f"{code_block(text)}\n</repository-instructions>"
    )


def _remembered(read: Reader) -> Reader:
    seen: dict[str, str | None] = {}

    def once(path: str) -> str | None:
        if path not in seen:
            seen[path] = read(path)
        return seen[path]

    return once


def _agents_files(read: Reader, paths: Sequence[str]) -> list[str]:
    """Per file at hand, the nearest AGENTS.md above it; the root one when none is nearer."""
    found: list[str] = []
    for path in paths or [""]:
        for folder in [*PurePosixPath(path).parents][:-1] if path else []:
            candidate = f"{folder}/AGENTS.md"
            if read(candidate) is not None:
                found.append(candidate)
                break
        else:
            found.append("AGENTS.md")
    return [name for name in dict.fromkeys(found) if read(name) is not None]


def _relevant_sections(text: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    title, level, keep = "", 0, False
    lines: list[str] = []
    for line in [*text.splitlines(), "# end"]:
        heading = _HEADING.match(line)
        if heading and (not keep or len(heading.group(1)) <= level):
            if keep and title:
                sections[title] = "\n".join(lines).strip()
            title, level, lines = heading.group(2).strip(), len(heading.group(1)), [line]
            keep = bool(_RELEVANT.search(title))
        elif keep:
            lines.append(line)
    return sections


def _setting(read: Reader, value: str | None, key: str) -> tuple[str, str] | None:
    if not value or not value.strip():
        return None
    path = value.strip()
    # one word naming a file at the trusted commit is that file; anything else is the text itself
    if " " not in path and "\n" not in path and (text := read(path)) is not None:
        return (f"{path} (`{key}`)", text)
    return (f"`{key}` in the settings", value)


def _within(parts: Sequence[tuple[str, str]], budget_tokens: int) -> tuple[str, tuple[str, ...]]:
    blocks: list[str] = []
    used: list[str] = []
    left = budget_tokens
    for name, text in parts:
        block = f"From {name}:\n{text.strip()}"
        if left <= 0:
            blocks.append(f"[{name}: left out, the {budget_tokens}-token instructions budget is spent]")
            continue
        if estimate_tokens(block) > left:
            cut = int(left * CHARS_PER_TOKEN)
            block = block[:cut] + f"\n[cut: the rest of {name} is past the {budget_tokens}-token budget]"
        left -= estimate_tokens(block)
        blocks.append(block)
        used.append(name)
    return "\n\n".join(blocks), tuple(used)
