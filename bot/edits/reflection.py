"""Messages for the editor model: what failed, where the closest real lines are, what to send next."""

from __future__ import annotations

from collections.abc import Sequence

from bot.edits import fuzzy
from bot.edits.matching import Found, NotFound, locate
from bot.edits.types import BlockFailure

_SHOWN_LINES = 20


def numbered(lines: Sequence[str], start: int) -> str:
    shown = list(lines[:_SHOWN_LINES])
    width = len(str(start + len(shown)))
    out = [f"{start + 1 + k:>{width}} | {line}" for k, line in enumerate(shown)]
    if len(lines) > _SHOWN_LINES:
        out.append(f"{'':>{width}} | ... ({len(lines) - _SHOWN_LINES} more lines)")
    return "\n".join(out)


def describe_miss(
    rel: str, content: Sequence[str], search: Sequence[str], replace: Sequence[str], miss: NotFound
) -> str:
    if miss.kind == "ambiguous":
        places = ", ".join(str(p + 1) for p in miss.places[:10])
        if miss.strategy == "fuzzy":
            return (
                f"the SEARCH text matches no lines of {rel} exactly and is about as similar to "
                f"{len(miss.places)} places (starting at lines {places}); copy the lines exactly from the "
                "file and add unchanged lines around the change so that it matches only one place."
            )
        return (
            f"the SEARCH text matches {len(miss.places)} places in {rel} (starting at lines {places}); "
            "add unchanged lines around the change so that it matches only one place."
        )
    if miss.kind == "elided":
        return miss.detail
    parts = [f"the SEARCH text does not match the lines of {rel}."]
    windows = fuzzy.best_windows(content, search)
    if windows and windows[0].score >= 0.3:
        w = windows[0]
        parts.append(
            f"The most similar lines of {rel} (similarity {w.score:.2f}), {_span(w.start, w.end)}:\n"
            + numbered(content[w.start : w.end], w.start)
        )
    present = _already_present(content, replace)
    if present is not None:
        parts.append(
            f"The REPLACE text is already present in {rel} at line {present + 1}: this change may "
            "already be made; do not send this block again if so."
        )
    parts.append("Copy the SEARCH lines exactly from the file: same indentation, comments and blank lines.")
    return "\n".join(parts)


def describe_stale(rel: str, content: Sequence[str], span: tuple[int, int]) -> str:
    """A SEARCH that only matches, by similarity, lines an earlier block already changed: the lines as
    they are now, since the editor's copy of the file is the one from before its own answer."""
    start, end = span
    shown_from, shown_to = max(0, start - 2), min(len(content), end + 2)
    return (
        f"the SEARCH text is close to {_span(start, end)} of {rel}, but an earlier block of this answer "
        "already changed those lines, so placing it there would undo that block. "
        f"{_span(shown_from, shown_to)[0].upper()}{_span(shown_from, shown_to)[1:]} as they are now:\n"
        + numbered(content[shown_from:shown_to], shown_from)
        + "\nWrite the SEARCH text against these lines, or leave this block out if its change is made."
    )


def _span(start: int, end: int) -> str:
    return f"line {start + 1}" if end - start == 1 else f"lines {start + 1}-{end}"


def _already_present(content: Sequence[str], replace: Sequence[str]) -> int | None:
    if not any(x.strip() for x in replace):
        return None
    found = locate(content, replace, replace, threshold=2.0)
    if isinstance(found, Found):
        return found.segments[0].start
    return None


_NAMES = {"diff": "SEARCH/REPLACE block", "whole": "file block", "udiff": "diff hunk"}


def compose(
    failures: Sequence[BlockFailure],
    total: int,
    applied: int,
    partial: bool,
    written: bool,
    fmt: str,
    example: str = "",
) -> str | None:
    """One message for the editor; ``total`` is the number of blocks read from the answer."""
    if not failures:
        return None
    unit = _NAMES.get(fmt, "edit block")
    if total == 0:  # nothing was read as an edit: say so, with the format to use
        return "\n\n".join(_sentence(f.message) for f in failures) + f"\n\nFor example:\n{example}"
    others = "The other block was" if applied == 1 else f"The other {applied} {unit}s were"
    counted = sum(1 for f in failures if f.block)
    if counted == 0:
        head = f"Every {unit} was placed, but the files below could not be written as they would be:"
    elif partial and applied:
        state = "applied" if written else "applied cleanly (dry run)"
        head = (
            f"{counted} of {total} {unit}s failed. {others} {state} and must NOT be sent again. "
            f"Send only corrected versions of the failed {unit}s below, written against the files as they "
            "are now."
        )
    elif partial:
        head = f"{counted} of {total} {unit}s failed and none was applied. Fix them, send them again."
    else:
        head = (
            f"{counted} of {total} {unit}s failed, so no file was changed. Send the whole answer "
            f"again with every {unit} (the failed ones corrected)."
        )
    items = []
    for f in failures:
        if f.block:
            where = f", {f.path}" if f.path else ""
            at = f", answer line {f.line}" if f.line else ""
            title = f"{unit[0].upper() + unit[1:]} {f.block}{where}{at}"
        else:  # about the answer as a whole, or a file once every block was placed
            title = f.path or "The answer"
        items.append(f"## {title}: {f.kind.replace('_', ' ')}\n{_sentence(f.message)}")
    return head + "\n\n" + "\n\n".join(items)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
