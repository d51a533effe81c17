"""The in-memory copy of the files an answer touches: each block is placed on it, checked, kept."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.edits import matching, reflection
from bot.edits.files import FileText, Unreadable, commit, discard, load, stage
from bot.edits.paths import Refused, RepoIndex, check_syntax, clean, real_target, resolve_existing
from bot.edits.text import is_elision_comment, path_from_line
from bot.edits.types import AppliedBlock, BlockFailure, EditPolicy, ParsedBlock

log = logging.getLogger("bot.edits")


class Failed(Exception):
    def __init__(self, kind: str, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.path = kind, message, path


@dataclass
class FileState:
    rel: str
    real: Path
    text: FileText
    created: bool
    shift: int = 0  # lines added by the hunks applied so far (line-number hints move by it)


@dataclass
class Workspace:
    """The in-memory copy of every file the answer touches."""

    index: RepoIndex
    policy: EditPolicy
    states: dict[str, FileState] = field(default_factory=dict)

    def created_paths(self) -> frozenset[str]:
        return frozenset(rel for rel, s in self.states.items() if s.created)

    def apply(self, number: int, block: ParsedBlock) -> AppliedBlock:
        if block.kind == "malformed" or block.path is None:
            raise Failed("malformed", block.problem or "the block could not be read", block.path)
        raw = _relative(self.index, clean(block.path))
        try:
            check_syntax(raw)
        except Refused as err:
            raise Failed(err.kind, str(err), raw) from None
        creating = block.creates or (
            block.kind == "search_replace" and not any(x.strip() for x in block.search)
        )
        if block.kind == "hunk" and not block.search and not creating:
            # only added lines for a file that is not there: a new file without `--- /dev/null`
            creating = resolve_existing(self.index, raw, self.created_paths()) is None
        rel = self._target(raw, block, creating)
        try:
            real, real_rel = real_target(self.index, rel, self.policy)
        except Refused as err:
            raise Failed(err.kind, str(err), rel) from None
        state = self._state(real_rel, real)
        if state is None and (creating or block.kind == "whole") and not self.policy.allow_create:
            raise Failed(
                "create_refused",
                f"`{rel}` does not exist and creating files is not allowed here; edit existing files only",
                rel,
            )
        if state is None and not (creating or block.kind == "whole"):
            raise Failed("unknown_file", _unknown(self.index, raw), raw)
        work = state.text.copy() if state is not None else FileText.new([])
        strategy, similarity, added = self._edit(work, block, state, real_rel, creating)
        self._check_encodable(work, block.replace, real_rel)
        if state is None:
            self.states[real_rel] = FileState(real_rel, real, work, created=True)
        else:
            state.text = work
            state.shift += added
        return AppliedBlock(number, real_rel, strategy, similarity)

    def _target(self, raw: str, block: ParsedBlock, creating: bool) -> str:
        existing = resolve_existing(self.index, raw, self.created_paths())
        if creating:
            return raw  # a new file goes exactly where the model said
        if existing is not None:
            if existing != raw:
                log.info("path %s resolved to %s", raw, existing)
            return existing
        return raw

    def _state(self, real_rel: str, real: Path) -> FileState | None:
        if real_rel in self.states:
            return self.states[real_rel]
        if not real.exists():
            return None
        try:
            text = load(real, self.policy.max_file_bytes)
        except Unreadable as err:
            raise Failed(err.kind, f"`{real_rel}` {err}; it cannot be edited", real_rel) from None
        except OSError as err:
            raise Failed("unreadable", f"`{real_rel}` cannot be read ({err.strerror})", real_rel) from None
        state = FileState(real_rel, real, text, created=False)
        self.states[real_rel] = state
        return state

    def _edit(
        self, work: FileText, block: ParsedBlock, state: FileState | None, rel: str, creating: bool
    ) -> tuple[str, float, int]:
        if block.kind == "whole":
            elided = _elided_line(block.replace, work.lines)
            if elided is not None:
                raise Failed(
                    "elided",
                    f"the new content of {rel} contains `{elided}` in place of real lines; "
                    "the whole format needs every line of the file, written out",
                    rel,
                )
            if not any(x.strip() for x in block.replace) and any(x.strip() for x in work.lines):
                raise Failed(
                    "empty",
                    f"the block for {rel} is empty, which would erase the file; the whole format needs "
                    "the entire new content of the file",
                    rel,
                )
            work.replace_all(_without_path_label(block.replace, rel, work.lines))
            return ("whole", 1.0, 0)
        if creating:
            if any(x.strip() for x in work.lines):
                raise Failed(
                    "file_exists",
                    f"{rel} already exists and is not empty, so an empty SEARCH cannot "
                    "create it; put lines copied from the file in SEARCH to change it",
                    rel,
                )
            work.replace_all(block.replace)
            return ("create", 1.0, 0)
        elided = _elided_line(block.replace, work.lines, block.search)
        if elided is not None:
            raise Failed(
                "elided",
                f"REPLACE contains `{elided}` in place of real lines, which would delete "
                "them; write out every line that REPLACE should contain",
                rel,
            )
        hint = None
        if block.hint_line is not None and state is not None:
            hint = max(0, block.hint_line - 1 + state.shift)
        if not block.search:  # a udiff hunk with only added lines
            if hint is None:
                raise Failed(
                    "no_match",
                    "the hunk has no context or removed lines, so it cannot be placed; "
                    "include 2-3 unchanged lines around the addition",
                    rel,
                )
            at = min(hint + 1 if block.hint_line else 0, len(work.lines))
            work.splice(at, at, block.replace)
            return ("line-number", 1.0, len(block.replace))
        found = matching.locate(
            work.lines,
            block.search,
            block.replace,
            threshold=self.policy.fuzzy_threshold,
            replace_all=block.replace_all,
            hint=hint,
        )
        if isinstance(found, matching.NotFound):
            message = reflection.describe_miss(rel, work.lines, block.search, block.replace, found)
            raise Failed(found.kind, message, rel)
        if found.strategy != "exact" and (changed := _changed_by_this_answer(work, found)) is not None:
            # a SEARCH written against the old text matches, by similarity, lines an earlier block
            # rewrote: replacing them would silently undo that block
            raise Failed("stale", reflection.describe_stale(rel, work.lines, changed), rel)
        added = 0
        for seg in sorted(found.segments, key=lambda s: s.start, reverse=True):
            work.splice(seg.start, seg.end, seg.lines)
            added += len(seg.lines) - (seg.end - seg.start)
        if found.strategy != "exact":
            log.info("block placed in %s by %s (similarity %.3f)", rel, found.strategy, found.similarity)
        return (found.strategy, found.similarity, added)

    def _check_encodable(self, work: FileText, new_lines: tuple[str, ...], rel: str) -> None:
        """The new lines must fit the file's encoding (the size is checked once, before writing)."""
        try:
            "\n".join(new_lines).encode(work.encoding)
        except UnicodeEncodeError:
            raise Failed(
                "encoding",
                f"the new text of {rel} has characters its encoding ({work.encoding}) "
                "cannot store; use only characters the file already uses",
                rel,
            ) from None

    def changed(self) -> list[FileState]:
        return [s for s in self.states.values() if s.created or s.text.text() != s.text.original]

    def encode(self, states: list[FileState]) -> tuple[dict[str, bytes], list[BlockFailure]]:
        """The bytes of every changed file, or why a file cannot be written as it now is."""
        payloads: dict[str, bytes] = {}
        problems: list[BlockFailure] = []
        for s in states:
            try:
                data = s.text.encoded()
            except UnicodeEncodeError:
                problems.append(
                    BlockFailure(
                        0,
                        "encoding",
                        s.rel,
                        0,
                        f"the new text of {s.rel} does not fit its encoding ({s.text.encoding})",
                    )
                )
                continue
            if len(data) > self.policy.max_file_bytes:
                problems.append(
                    BlockFailure(
                        0,
                        "too_large",
                        s.rel,
                        0,
                        f"{s.rel} would be {len(data)} bytes, above "
                        f"the {self.policy.max_file_bytes}-byte limit",
                    )
                )
                continue
            payloads[s.rel] = data
        return payloads, problems

    def write(
        self, states: list[FileState], payloads: dict[str, bytes]
    ) -> tuple[list[FileState], str | None]:
        """Stage every file, then move them all in place; returns what was written and any error.

        A failure while staging (the likely one: permissions, disk full) leaves the tree untouched.
        """
        staged: list[tuple[Path, FileState]] = []
        try:
            for s in states:
                parent = s.real.parent
                if s.created:
                    parent.mkdir(parents=True, exist_ok=True)
                    # the directories just made must still be inside the repository
                    parent.resolve().relative_to(self.index.root)
                staged.append((stage(s.real, payloads[s.rel], s.text.mode), s))
        except (OSError, ValueError) as err:
            for tmp, _ in staged:
                discard(tmp)
            return [], str(err)
        written: list[FileState] = []
        for k, (tmp, s) in enumerate(staged):
            try:
                commit(tmp, s.real)
            except OSError as err:
                for later, _ in staged[k:]:
                    discard(later)
                return written, str(err)
            written.append(s)
        return written, None


def _elided_line(new: tuple[str, ...], existing: list[str], also: tuple[str, ...] = ()) -> str | None:
    suspects = [line.strip() for line in new if is_elision_comment(line)]
    if not suspects:
        return None
    have = {x.strip() for x in existing} | {x.strip() for x in also}
    return next((line for line in suspects if line not in have), None)


def _without_path_label(new: tuple[str, ...], rel: str, old: list[str]) -> tuple[str, ...]:
    """`# src/app.py` as the first line of a whole file, naming the file itself, is a label the
    model added (unless the file already starts with it)."""
    if (
        not new
        or (old and old[0] == new[0])
        or not new[0].lstrip().startswith(("#", "//", "--", "/*", "<!--"))
    ):
        return new
    named = path_from_line(new[0])
    if named is not None and clean(named) in (rel, rel.rsplit("/", 1)[-1]):
        return new[1:]
    return new


def _relative(index: RepoIndex, path: str) -> str:
    """An absolute path that names a repository file is read as that file; any other stays absolute
    (and is refused): `/src/app.py` for `src/app.py`, or the repository's own absolute path."""
    if not path.startswith("/"):
        return path
    root = index.root.as_posix().rstrip("/") + "/"
    if path.startswith(root):
        return path[len(root) :]
    stripped = path.lstrip("/")
    return stripped if stripped in index.file_set else path


def _unknown(index: RepoIndex, raw: str) -> str:
    name = raw.rsplit("/", 1)[-1]
    several = [
        f for f in index.files if f.endswith("/" + raw) or ("/" not in raw and f.rsplit("/", 1)[-1] == name)
    ]
    if len(several) > 1:
        listed = ", ".join(several[:8])
        return (
            f"`{raw}` matches several files ({listed}); give the full path relative to the repository root."
        )
    near = index.closest(raw)
    hint = f" The closest existing paths: {', '.join(near)}." if near else ""
    return (
        f"`{raw}` does not exist in the repository and the block does not create it (to create a file, "
        f"give an empty SEARCH).{hint} Use a path exactly as shown, relative to the repository root."
    )


def _changed_by_this_answer(work: FileText, found: matching.Found) -> tuple[int, int] | None:
    """The span (start, end) of ``found`` holding lines an earlier block of this answer wrote; None
    when every line is as loaded, or the file is new (all its lines are the answer's)."""
    if not any(o >= 0 for o in work.origin):
        return None
    for seg in found.segments:
        if any(work.origin[i] < 0 for i in range(seg.start, seg.end)):
            return seg.start, seg.end
    return None
