"""The dataclasses at the seams of the edit engine: policy in, result out, parsed blocks between."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

# The edit formats, each one module (bot/edits/fmt_<name>.py) exposing its ``FORMAT`` record.
EditFormatName = Literal["diff", "whole", "udiff"]
FORMATS: tuple[EditFormatName, ...] = get_args(EditFormatName)

BlockKind = Literal["search_replace", "whole", "hunk", "malformed"]


# Workflows and this bot's own settings live under .github/: an edit there could change what CI or the
# next run is allowed to do, so it is never the editor's to make (settings add to this, never remove).
DEFAULT_PROTECTED = (".github/**",)


@dataclass(frozen=True)
class EditPolicy:
    """What the engine may change; the defaults suit a bot working on someone else's repository."""

    protected_globs: tuple[str, ...] = DEFAULT_PROTECTED
    allow_protected: bool = False
    editable: frozenset[str] | None = None
    readonly_globs: tuple[str, ...] = ()
    max_file_bytes: int = 1_000_000
    fuzzy_threshold: float = 0.9
    allow_create: bool = True


@dataclass(frozen=True)
class FormatPrompt:
    """The editor's instructions for one format: rules for the system prompt and one short example."""

    system: str
    example: str


@dataclass(frozen=True)
class ParsedBlock:
    """One edit as the model wrote it, format-independent.

    ``search`` empty with kind ``search_replace`` means "create this file"; a ``hunk`` may carry the
    line number the model gave (``hint_line``, 1-based) and ``creates`` for ``--- /dev/null``.
    ``problem`` is set (and kind is ``malformed``) when the block could not be read.
    """

    kind: BlockKind
    path: str | None
    line: int
    search: tuple[str, ...] = ()
    replace: tuple[str, ...] = ()
    replace_all: bool = False
    hint_line: int | None = None
    creates: bool = False
    problem: str | None = None


Parser = Callable[[str, Collection[str]], list[ParsedBlock]]  # (answer, known paths) -> blocks


@dataclass(frozen=True)
class EditFormat:
    """One edit format: how the editor is told to write it and how its answer is read."""

    name: EditFormatName
    parse: Parser
    prompt: FormatPrompt


@dataclass(frozen=True)
class BlockFailure:
    """Why one block was not applied; ``message`` is written for the editor model."""

    block: int
    kind: str
    path: str | None
    line: int
    message: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class AppliedBlock:
    """How one block was placed: which strategy of the matching cascade found it."""

    block: int
    path: str
    strategy: str
    similarity: float = 1.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class ApplyResult:
    well_formed: bool
    changed_files: tuple[str, ...]
    diff: str
    blocks_parsed: int
    blocks_applied: int
    blocks_failed: int
    failures: tuple[BlockFailure, ...]
    reflection: str | None
    written: bool
    format_used: str = "diff"
    applied: tuple[AppliedBlock, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "well_formed": self.well_formed,
            "changed_files": list(self.changed_files),
            "diff": self.diff,
            "blocks_parsed": self.blocks_parsed,
            "blocks_applied": self.blocks_applied,
            "blocks_failed": self.blocks_failed,
            "failures": [f.to_dict() for f in self.failures],
            "reflection": self.reflection,
            "written": self.written,
            "format_used": self.format_used,
            "applied": [a.to_dict() for a in self.applied],
        }
