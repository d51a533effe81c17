"""The file budget: files shown whole while they fit, as slices when one is too large.

Shared by the context the architect sees first, the files it asks for (``NEED FILE:``) and the
files the editor is given, so no path into a prompt escapes the budget.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.context.files import read_text
from bot.context.grammars import language_for
from bot.context.mentions import Mentions, find_mentions
from bot.context.slices import slice_file
from bot.context.tags import FileTags, extract_tags
from bot.tokens import estimate_tokens
from bot.untrusted import backticks_for

log = logging.getLogger(__name__)

# No one file may take more than this share of the file budget whole; a larger one is sliced.
PER_FILE_SHARE = 0.4
# Share of the file budget that weak evidence may not spend: keeps the whole prompt (files and
# map) under 25k tokens at the default budgets.
WEAK_RESERVE = 0.15
# Reasons too weak to bring a file's tests along or to spend the reserve.
WEAK = ("imported by", "used by", "uses ")


@dataclass(frozen=True)
class ContextFile:
    path: str
    content: str
    reason: str  # "named in issue" | "defines <sym>" | "test of <path>" | "requested" | "ranked <n> ..."
    # 1-based inclusive line ranges shown exactly when the file is sliced; () when shown whole
    spans: tuple[tuple[int, int], ...] = ()
    sliced: bool = False  # content is slices and an outline (maybe the outline alone), not the file

    def render(self) -> str:
        if self.sliced:
            return f"### {self.path} ({self.reason}; slices)\n{self.content}"
        fence = backticks_for(self.content)
        body = self.content if self.content.endswith("\n") or not self.content else self.content + "\n"
        return f"### {self.path} ({self.reason})\n{fence}{language_for(self.path) or ''}\n{body}{fence}\n"


class FileBudget:
    """Files added in priority order while they fit: whole when under the per-file budget, as
    slices (the definitions the issue, a traceback or the plan names) when not."""

    def __init__(
        self,
        root: Path,
        tags: Mapping[str, FileTags],
        mentions: Mentions,
        budget: int,
        per_file: int,
    ) -> None:
        self.root, self.tags, self.lines = root, tags, mentions.lines
        # code-like names before plain words: they get the slices first when a budget is tight
        code = mentions.code_identifiers
        self.names: tuple[str, ...] = (*sorted(code), *sorted(mentions.words - code))
        self.left, self.per_file = budget, per_file
        self.reserve = int(budget * WEAK_RESERVE)
        self.taken: set[str] = set()

    def add(
        self, path: str, reason: str, group: list[ContextFile], *, slices: bool = True, always: bool = False
    ) -> bool:
        """Add ``path`` to ``group`` if it fits; ``always``: show its outline even when no slice
        matches a name (a file asked for by path)."""
        if path in self.taken:
            return False
        # weak evidence gets only what it leaves of the budget beyond the reserve
        room = self.left - self.reserve if reason.startswith(WEAK) else self.left
        text = read_text(self.root, path)
        if text is None:
            return False
        file = ContextFile(path, text, reason)
        cost = estimate_tokens(file.render())
        if cost > min(room, self.per_file):
            if not slices:
                return False
            tags = self.tags.get(path) or extract_tags(path, text)
            lines = self.lines.get(path, ())
            sliced = slice_file(path, text, tags, self.names, lines, min(room, self.per_file))
            file = ContextFile(path, sliced.text, reason, sliced.spans, sliced=True)
            cost = estimate_tokens(file.render())
            if not (sliced.matched or always) or cost > room:
                log.debug("context: %s (%d tokens) does not fit the file budget", path, cost)
                return False
        self.left -= cost
        self.taken.add(path)
        group.append(file)
        return True


def render_within(root: Path, paths: Sequence[str], hint: str, file_tokens: int, reason: str) -> str:
    """``paths`` for a prompt within ``file_tokens``: each whole when it fits its share, else as
    slices of the definitions ``hint`` (the issue, the plan) names and an outline of the rest."""
    mentions = find_mentions(hint, paths)
    budget = FileBudget(root, {}, mentions, file_tokens, int(file_tokens * PER_FILE_SHARE))
    blocks: list[str] = []
    for path in paths:
        shown: list[ContextFile] = []
        if budget.add(path, reason, shown, always=True):
            blocks.append(shown[0].render())
        else:
            blocks.append(f"### {path} ({reason}; not shown: the prompt's file budget is spent)\n")
    return "\n".join(blocks)
