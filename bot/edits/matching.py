"""Where does a SEARCH go? The matching cascade, stopping at the first strategy that finds something.

exact -> trailing whitespace ignored -> uniform indentation offset (the replacement re-indented) ->
tabs/spaces converted -> leading/trailing blank lines dropped -> ``...`` elision paired ->
fuzzy line window (rapidfuzz). Several matches at the first strategy that finds any are an error
naming the places: the engine never guesses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.edits import fuzzy
from bot.edits.indentation import (
    expand_leading,
    first_line_shift,
    leading,
    level_mapper,
    reindent,
    space_unit,
    spaces_to_tabs,
    tabs_to_spaces,
    uniform_shift,
)
from bot.edits.text import is_elision

log = logging.getLogger("bot.edits")

# A second fuzzy place is a real doubt when it differs from SEARCH less than this many times as much
# as the best place does (plus a little slack): 2 characters off against 30 off is no doubt at all.
FUZZY_RIVAL_FACTOR = 3.0
FUZZY_RIVAL_SLACK = 0.01

Lines = Sequence[str]


@dataclass(frozen=True)
class Segment:
    """Lines ``start:end`` of the file become ``lines``."""

    start: int
    end: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    segments: tuple[Segment, ...]
    strategy: str
    similarity: float = 1.0


@dataclass(frozen=True)
class NotFound:
    kind: str  # no_match | ambiguous | elided
    places: tuple[int, ...] = ()  # 0-based starts of the competing matches
    strategy: str = ""
    detail: str = ""


# A strategy maps (file, search, replace) to candidate (start, replacement) pairs, window = len(search).
Strategy = Callable[[Lines, Lines, Lines], list[tuple[int, tuple[str, ...]]]]


def locate(
    content: Lines,
    search: Lines,
    replace: Lines,
    *,
    threshold: float = 0.9,
    replace_all: bool = False,
    hint: int | None = None,
) -> Found | NotFound:
    content = Haystack(content)
    for name, variant_search, variant_replace in _blank_variants(search, replace):
        for strategy_name, strategy in _STRATEGIES:
            hits = strategy(content, variant_search, variant_replace)
            if not hits:
                continue
            label = strategy_name if name == "as-is" else f"{strategy_name}+{name}"
            n = len(variant_search)
            if len(hits) == 1 or replace_all:
                return Found(_non_overlapping(hits, n), label)
            chosen = [h for h in hits if hint is not None and h[0] == hint]
            if len(chosen) == 1:
                return Found((Segment(chosen[0][0], chosen[0][0] + n, chosen[0][1]),), label + "+line-number")
            return NotFound("ambiguous", tuple(h[0] for h in hits), label)
    elided = _elision(content, search, replace, threshold)
    if elided is not None:
        return elided
    found = _fuzzy(content, search, replace, threshold, hint)
    if isinstance(found, Found) and _already_there(content, found.segments[0], search, replace):
        # SEARCH is near lines that already read like REPLACE: the change was made before.
        return NotFound("no_match", strategy="already-present")
    return found


class Haystack(list[str]):
    """The file's lines plus, computed once per search, their stripped forms."""

    def __init__(self, lines: Lines) -> None:
        super().__init__(lines)
        self._keyed: dict[Callable[[str], str], list[str]] = {}
        self._flags: dict[str, bool] = {}

    def has_tabs(self) -> bool:
        if "tabs" not in self._flags:
            self._flags["tabs"] = any(x.startswith("\t") for x in self)
        return self._flags["tabs"]

    def keyed(self, key: Callable[[str], str]) -> list[str]:
        if key not in self._keyed:
            self._keyed[key] = [key(x) for x in self]
        return self._keyed[key]


def _already_there(content: Lines, seg: Segment, search: Lines, replace: Lines) -> bool:
    have = [x.strip() for x in content[seg.start : seg.end] if x.strip()]
    return [x.strip() for x in search] != [x.strip() for x in replace] and have == [
        x.strip() for x in replace if x.strip()
    ]


def _non_overlapping(hits: list[tuple[int, tuple[str, ...]]], n: int) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for start, lines in sorted(hits):
        if out and start < out[-1].end:
            continue
        out.append(Segment(start, start + n, lines))
    return tuple(out)


def _starts(content: Lines, search: Lines, key: Callable[[str], str] | None) -> list[int]:
    """Start lines of the windows equal to ``search`` once both sides go through ``key``.

    Any key other than the identity is at least as strict as ``str.strip``: the windows equal when
    stripped are found first (the stripped file is computed once per search), then checked by ``key``.
    """
    n = len(search)
    if n == 0 or n > len(content):
        return []
    if key is None:
        return _scan(content if isinstance(content, list) else list(content), list(search))
    stripped = content.keyed(str.strip) if isinstance(content, Haystack) else [x.strip() for x in content]
    found = _scan(stripped, [x.strip() for x in search])
    if key is str.strip:
        return found
    wanted = [key(x) for x in search]
    return [i for i in found if all(key(content[i + k]) == wanted[k] for k in range(n))]


def _scan(keyed: list[str], wanted: list[str]) -> list[int]:
    n = len(wanted)
    anchor = next((k for k, x in enumerate(wanted) if x.strip()), 0)
    first = wanted[anchor]
    out = []
    pos = anchor
    last = len(keyed) - n + anchor  # the anchor line of the last possible window
    while pos <= last:
        try:
            pos = keyed.index(first, pos, last + 1)  # C-speed scan for the anchor line
        except ValueError:
            break
        i = pos - anchor
        if keyed[i : i + n] == wanted:
            out.append(i)
        pos += 1
    return out


def _exact(content: Lines, search: Lines, replace: Lines) -> list[tuple[int, tuple[str, ...]]]:
    return [(i, tuple(replace)) for i in _starts(content, search, None)]


def _rstrip(content: Lines, search: Lines, replace: Lines) -> list[tuple[int, tuple[str, ...]]]:
    return [(i, tuple(replace)) for i in _starts(content, search, str.rstrip)]


def _indent(content: Lines, search: Lines, replace: Lines) -> list[tuple[int, tuple[str, ...]]]:
    out = []
    for i in _starts(content, search, str.strip):
        shift = uniform_shift(content[i : i + len(search)], search)
        if shift is not None:
            out.append((i, reindent(replace, shift)))
    return out


def _tabs(content: Lines, search: Lines, replace: Lines) -> list[tuple[int, tuple[str, ...]]]:
    """The file indents with tabs and the model with spaces, or the other way round (or a mix)."""
    file_tabs = (
        content.has_tabs() if isinstance(content, Haystack) else any(x.startswith("\t") for x in content)
    )
    search_tabs = any(x.startswith("\t") for x in search)
    search_spaces = any(x.startswith(" ") for x in search)
    conversions: list[Callable[[str], str]] = []
    if file_tabs and search_spaces and not search_tabs:
        unit = space_unit(search)
        conversions.append(lambda s: spaces_to_tabs(s, unit))
    elif search_tabs and not file_tabs:
        unit = space_unit(content)
        conversions.append(lambda s: tabs_to_spaces(s, unit))
        conversions.append(expand_leading)  # a tab mixed into spaces: the usual 8-column tab stops
    for conv in conversions:
        new_search, new_replace = [conv(x) for x in search], [conv(x) for x in replace]
        hits = _indent(content, new_search, new_replace) or _indent_unit(content, new_search, new_replace)
        if hits:
            return hits
    return []


def _indent_unit(content: Lines, search: Lines, replace: Lines) -> list[tuple[int, tuple[str, ...]]]:
    """The model indents by another unit (2 spaces where the file uses 4): map level to level."""
    out = []
    for i in _starts(content, search, str.strip):
        mapper = level_mapper(content[i : i + len(search)], search)
        if mapper is not None:
            out.append((i, tuple(mapper(x) for x in replace)))
    return out


_STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("exact", _exact),
    ("trailing-whitespace", _rstrip),
    ("indentation", _indent),
    ("indent-unit", _indent_unit),
    ("tabs-spaces", _tabs),
)


def _blank_variants(search: Lines, replace: Lines) -> list[tuple[str, Lines, Lines]]:
    out: list[tuple[str, Lines, Lines]] = [("as-is", search, replace)]
    lead = _count_blank(search)
    trail = _count_blank(list(reversed(search)))
    if lead == len(search):
        return out
    if lead:
        out.append(("leading-blank", search[lead:], _drop_lead(replace, lead)))
    if trail:
        out.append(("trailing-blank", search[: len(search) - trail], _drop_trail(replace, trail)))
    if lead and trail:
        out.append(
            ("blank-edges", search[lead : len(search) - trail], _drop_trail(_drop_lead(replace, lead), trail))
        )
    return out


def _count_blank(lines: Lines) -> int:
    n = 0
    for x in lines:
        if x.strip():
            break
        n += 1
    return n


def _drop_lead(lines: Lines, n: int) -> Lines:
    return lines[min(n, _count_blank(lines)) :]


def _drop_trail(lines: Lines, n: int) -> Lines:
    k = min(n, _count_blank(list(reversed(lines))))
    return lines[: len(lines) - k]


def _elision(content: Lines, search: Lines, replace: Lines, threshold: float) -> Found | NotFound | None:
    """SEARCH and REPLACE both skip code with `...` lines: match and replace the pieces between them."""
    s_pieces = _split_elided(search)
    r_pieces = _split_elided(replace)
    if len(s_pieces) == 1:
        return None
    if len(s_pieces) != len(r_pieces):
        return NotFound(
            "elided",
            detail=(
                f"SEARCH skips code with `...` {len(s_pieces) - 1} time(s) but REPLACE {len(r_pieces) - 1} "
                "time(s); write the lines out in full instead of `...`"
            ),
        )
    segments: list[Segment] = []
    pos = 0
    for k, (s_piece, r_piece) in enumerate(zip(s_pieces, r_pieces, strict=True)):
        if not any(x.strip() for x in s_piece):
            if any(x.strip() for x in r_piece):
                return NotFound(
                    "elided",
                    detail="a `...` at the edge of SEARCH leaves no place for the "
                    "REPLACE lines next to it; write the lines out in full",
                )
            continue
        sub = content[pos:]
        found = locate(sub, s_piece, r_piece, threshold=2.0)  # exact-ish strategies only, no fuzzy
        if isinstance(found, NotFound) and found.kind == "ambiguous" and k > 0:
            first = min(found.places)  # after an elision, "the next place" is what `...` means
            found = locate(sub[first:], s_piece, r_piece, threshold=2.0)
            if isinstance(found, Found):
                found = Found(
                    tuple(Segment(s.start + first, s.end + first, s.lines) for s in found.segments),
                    found.strategy,
                )
        if isinstance(found, NotFound):
            if found.kind == "ambiguous":
                return NotFound("ambiguous", tuple(pos + p for p in found.places), "elision")
            return None
        for seg in found.segments:
            segments.append(Segment(seg.start + pos, seg.end + pos, seg.lines))
        pos = segments[-1].end
    if not segments:
        return None
    return Found(tuple(segments), "elision")


def _split_elided(lines: Lines) -> list[list[str]]:
    pieces: list[list[str]] = [[]]
    for line in lines:
        if is_elision(line):
            pieces.append([])
        else:
            pieces[-1].append(line)
    return pieces


def _fuzzy(
    content: Lines, search: Lines, replace: Lines, threshold: float, hint: int | None
) -> NotFound | Found:
    if threshold > 1.0 or not any(x.strip() for x in search):
        return NotFound("no_match")
    stripped = content.keyed(str.strip) if isinstance(content, Haystack) else None
    ranked = fuzzy.best_windows(content, search, stripped)
    good = [c for c in ranked if c.score >= threshold]
    if not good:
        return NotFound("no_match")
    best = good[0]
    # A rival about as close as the best is a real doubt; one much further off (another function
    # of the same shape, say) is not: the best is then clearly the place meant.
    limit = FUZZY_RIVAL_FACTOR * (1.0 - best.score) + FUZZY_RIVAL_SLACK
    rivals = [c for c in good[1:] if 1.0 - c.score < limit]
    if rivals:
        if hint is not None and best.start == hint:
            rivals = []
        else:
            return NotFound("ambiguous", tuple(sorted({best.start, *(c.start for c in rivals)})), "fuzzy")
    window = content[best.start : best.end]
    if not any(leading(x).count("\t") for x in window):  # no tabs in the file here: none from the model
        search, replace = [expand_leading(x) for x in search], [expand_leading(x) for x in replace]
    mapper = level_mapper(window, search) if len(window) == len(search) else None
    shift = first_line_shift(window, search)
    new = tuple(mapper(x) for x in replace) if mapper else reindent(replace, shift)
    log.info("fuzzy match at line %d, similarity %.3f", best.start + 1, best.score)
    return Found((Segment(best.start, best.end, new),), "fuzzy", round(best.score, 4))
