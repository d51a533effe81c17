"""`apply_answer`: parse an editor answer, place every block in memory, write only what may be written."""

from __future__ import annotations

import logging
import operator
from pathlib import Path

from bot.edits import fmt_diff, fmt_udiff, fmt_whole, reflection
from bot.edits.diffing import unified_diff
from bot.edits.errors import AnswerNotText, RepoNotFound, UnknownFormat
from bot.edits.files import split_lines
from bot.edits.paths import RepoIndex
from bot.edits.text import normalize_answer
from bot.edits.types import (
    FORMATS,
    AppliedBlock,
    ApplyResult,
    BlockFailure,
    EditFormat,
    EditPolicy,
    FormatPrompt,
)
from bot.edits.workspace import Failed, FileState, Workspace

log = logging.getLogger("bot.edits")

REGISTRY: dict[str, EditFormat] = {f.name: f for f in (fmt_diff.FORMAT, fmt_whole.FORMAT, fmt_udiff.FORMAT)}


def format_prompt(fmt: str) -> FormatPrompt:
    _check_format(fmt)
    return REGISTRY[fmt].prompt


def _check_format(fmt: str) -> None:
    if fmt not in REGISTRY:
        raise UnknownFormat(f"unknown edit format {fmt!r}: use one of {', '.join(FORMATS)}")


def _diff(states: list[FileState]) -> str:
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
    blocks = REGISTRY[used].parse(text, index.file_set)
    ws = Workspace(index, policy)
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
        except Failed as err:
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
            result_failures, len(blocks), len(applied), partial, written, used, REGISTRY[used].prompt.example
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
