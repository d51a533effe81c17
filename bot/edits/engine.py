"""`apply_answer`: parse an editor answer, place every block in memory, write only what may be written."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from bot.edits import fmt_diff, fmt_udiff, fmt_whole, matching, reflection
from bot.edits.diffing import unified_diff
from bot.edits.errors import AnswerNotText, RepoNotFound, UnknownFormat
from bot.edits.files import FileText, Unreadable, commit, discard, load, split_lines, stage
from bot.edits.paths import Refused, RepoIndex, check_syntax, clean, real_target, resolve_existing
from bot.edits.text import is_elision_comment, normalize_answer, path_from_line
from bot.edits.types import (
    FORMATS,
    AppliedBlock,
    ApplyResult,
    BlockFailure,
    EditPolicy,
    FormatPrompt,
    ParsedBlock,
)

log = logging.getLogger("bot.edits")

Parser = Callable[[str, Collection[str]], list[ParsedBlock]]
_PARSERS: dict[str, Parser] = {"diff": fmt_diff.parse, "whole": fmt_whole.parse, "udiff": fmt_udiff.parse}
_PROMPTS: dict[str, FormatPrompt] = {
    "diff": fmt_diff.PROMPT,
    "whole": fmt_whole.PROMPT,
    "udiff": fmt_udiff.PROMPT,
}


def format_prompt(fmt: str) -> FormatPrompt:
    _check_format(fmt)
    return _PROMPTS[fmt]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown edit format {fmt!r}: use one of {', '.join(FORMATS)}")


class _Failed(Exception):
    def __init__(self, kind: str, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.path = kind, message, path


@dataclass
class _State:
    rel: str
    real: Path
    text: FileText
    created: bool
    shift: int = 0  # lines added by the hunks applied so far (line-number hints move by it)


@dataclass
class _Workspace:
    """The in-memory copy of every file the answer touches."""

    index: RepoIndex
    policy: EditPolicy
    states: dict[str, _State] = field(default_factory=dict)

    def created_paths(self) -> frozenset[str]:
        return frozenset(rel for rel, s in self.states.items() if s.created)

    def apply(self, number: int, block: ParsedBlock) -> AppliedBlock:
        if block.kind == "malformed" or block.path is None:
            raise _Failed("malformed", block.problem or "the block could not be read", block.path)
        raw = _relative(self.index, clean(block.path))
        try:
            check_syntax(raw)
        except Refused as err:
            raise _Failed(err.kind, str(err), raw) from None
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
            raise _Failed(err.kind, str(err), rel) from None
        state = self._state(real_rel, real)
        if state is None and (creating or block.kind == "whole") and not self.policy.allow_create:
            raise _Failed(
                "create_refused",
                f"`{rel}` does not exist and creating files is not allowed here; edit existing files only",
                rel,
            )
        if state is None and not (creating or block.kind == "whole"):
            raise _Failed("unknown_file", _unknown(self.index, raw), raw)
        work = state.text.copy() if state is not None else FileText.new([])
        strategy, similarity, added = self._edit(work, block, state, real_rel, creating)
        self._check_encodable(work, block.replace, real_rel)
        if state is None:
            self.states[real_rel] = _State(real_rel, real, work, created=True)
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

    def _state(self, real_rel: str, real: Path) -> _State | None:
        if real_rel in self.states:
            return self.states[real_rel]
        if not real.exists():
            return None
        try:
            text = load(real, self.policy.max_file_bytes)
        except Unreadable as err:
            raise _Failed(err.kind, f"`{real_rel}` {err}; it cannot be edited", real_rel) from None
        except OSError as err:
            raise _Failed("unreadable", f"`{real_rel}` cannot be read ({err.strerror})", real_rel) from None
        state = _State(real_rel, real, text, created=False)
        self.states[real_rel] = state
        return state

    def _edit(
        self, work: FileText, block: ParsedBlock, state: _State | None, rel: str, creating: bool
    ) -> tuple[str, float, int]:
        if block.kind == "whole":
            elided = _elided_line(block.replace, work.lines)
            if elided is not None:
                raise _Failed(
                    "elided",
                    f"the new content of {rel} contains `{elided}` in place of real lines; "
                    "the whole format needs every line of the file, written out",
                    rel,
                )
            if not any(x.strip() for x in block.replace) and any(x.strip() for x in work.lines):
                raise _Failed(
                    "empty",
                    f"the block for {rel} is empty, which would erase the file; the whole format needs "
                    "the entire new content of the file",
                    rel,
                )
            work.replace_all(_without_path_label(block.replace, rel, work.lines))
            return ("whole", 1.0, 0)
        if creating:
            if any(x.strip() for x in work.lines):
                raise _Failed(
                    "file_exists",
                    f"{rel} already exists and is not empty, so an empty SEARCH cannot "
                    "create it; put lines copied from the file in SEARCH to change it",
                    rel,
                )
            work.replace_all(block.replace)
            return ("create", 1.0, 0)
        elided = _elided_line(block.replace, work.lines, block.search)
        if elided is not None:
            raise _Failed(
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
                raise _Failed(
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
            raise _Failed(found.kind, message, rel)
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
            raise _Failed(
                "encoding",
                f"the new text of {rel} has characters its encoding ({work.encoding}) "
                "cannot store; use only characters the file already uses",
                rel,
            ) from None

    def changed(self) -> list[_State]:
        return [s for s in self.states.values() if s.created or s.text.text() != s.text.original]

    def encode(self, states: list[_State]) -> tuple[dict[str, bytes], list[BlockFailure]]:
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

    def write(self, states: list[_State], payloads: dict[str, bytes]) -> tuple[list[_State], str | None]:
        """Stage every file, then move them all in place; returns what was written and any error.

        A failure while staging (the likely one: permissions, disk full) leaves the tree untouched.
        """
        staged: list[tuple[Path, _State]] = []
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
        written: list[_State] = []
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


def _diff(states: list[_State]) -> str:
    out: list[str] = []
    for s in sorted(states, key=lambda x: x.rel):
        before = _with_ends(s.text.original if not s.created else "")
        after = list(map(operator.add, s.text.lines, s.text.endings))
        old_name = "/dev/null" if s.created else f"a/{s.rel}"
        out.append(unified_diff(before, after, old_name, f"b/{s.rel}", origin=s.text.origin))
    return "".join(out)


def _with_ends(text: str) -> list[str]:
    lines, ends = split_lines(text)
    return list(map(operator.add, lines, ends))


def _pick_format(text: str, fmt: str) -> str:
    """A model that answers in another format than asked is read in the format it used."""
    has_sr, has_ud = fmt_diff.has_markers(text), fmt_udiff.has_diff(text)
    used = fmt
    if fmt != "diff" and has_sr and not has_ud:
        used = "diff"
    elif fmt != "udiff" and has_ud and not has_sr:
        used = "udiff"
    if used != fmt:
        log.warning("the answer is in the %s format, not %s as asked: reading it as %s", used, fmt, used)
    return used


def apply_answer(
    repo: Path,
    answer: str,
    fmt: str = "diff",
    *,
    partial: bool = False,
    policy: EditPolicy | None = None,
    dry_run: bool = False,
) -> ApplyResult:
    """Apply an editor answer to the work tree at ``repo``; model mistakes go in the result, never raised."""
    _check_format(fmt)
    if not isinstance(answer, str):
        raise AnswerNotText(f"the answer must be text, not {type(answer).__name__}: decode it (UTF-8) first")
    repo = Path(repo)
    if not repo.is_dir():
        raise RepoNotFound(f"{repo} is not a directory: give the repository's work tree")
    policy = policy or EditPolicy()
    index = RepoIndex.build(repo.resolve())
    text = normalize_answer(answer)
    used = _pick_format(text, fmt)
    blocks = _PARSERS[used](text, index.file_set)
    ws = _Workspace(index, policy)
    failures: list[BlockFailure] = []
    applied: list[AppliedBlock] = []
    done: dict[tuple[str | None, tuple[str, ...], tuple[str, ...]], str] = {}
    for number, block in enumerate(blocks, 1):
        key = (block.path, block.search, block.replace)
        if block.kind != "malformed" and key in done:
            # The same block twice (models repeat themselves): it is one change, already made.
            applied.append(AppliedBlock(number, done[key], "duplicate"))
            continue
        try:
            applied.append(ws.apply(number, block))
            done[key] = applied[-1].path
        except _Failed as err:
            failures.append(BlockFailure(number, err.kind, err.path, block.line, err.message))
    if not blocks:
        failures.append(BlockFailure(0, "malformed", None, 0, _no_blocks(used)))
    keep = partial or not failures
    changed = ws.changed() if keep else []
    payloads, problems = ws.encode(changed)
    failures += problems
    if problems and not partial:
        keep, changed = False, []
    changed = [s for s in changed if s.rel in payloads]
    dropped = {p.path for p in problems}
    applied = [a for a in applied if a.path not in dropped]
    written = False
    if changed and not dry_run:
        done_states, error = ws.write(changed, payloads)
        written = bool(done_states)
        if error is not None:
            failures.append(
                BlockFailure(0, "write_failed", None, 0, f"the files could not be written: {error}")
            )
            changed = done_states
    parsed = sum(1 for b in blocks if b.kind != "malformed")
    result_failures = tuple(failures)
    return ApplyResult(
        well_formed=not failures,
        changed_files=tuple(sorted(s.rel for s in changed)),
        diff=_diff(changed),
        blocks_parsed=parsed,
        blocks_applied=len(applied) if keep else 0,
        blocks_failed=len(result_failures),
        failures=result_failures,
        reflection=reflection.compose(
            result_failures, len(blocks), len(applied), partial, written, used, _PROMPTS[used].example
        ),
        written=written,
        format_used=used,
        applied=tuple(applied) if keep else (),
    )


def _no_blocks(fmt: str) -> str:
    what = {
        "diff": "no SEARCH/REPLACE block was found",
        "whole": "no file block (a path line followed by a fenced block) was found",
        "udiff": "no unified diff (`--- a/path`, `+++ b/path`, `@@` hunks) was found",
    }[fmt]
    return f"{what} in the answer; answer with edit blocks in the required format."
