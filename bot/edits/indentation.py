"""Indentation arithmetic for the matching cascade: offsets, levels, tabs and spaces."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

Lines = Sequence[str]


def expand_leading(line: str) -> str:
    lead = leading(line)
    return lead.expandtabs(8) + line[len(lead) :]


def level_mapper(window: Lines, search: Lines) -> Callable[[str], str] | None:
    """A function re-indenting lines from the search's indentation levels to the window's, or None."""
    pairs: dict[int, int] = {}
    for have, want in zip(window, search, strict=True):
        if not want.strip():
            continue
        hl, wl = leading(have), leading(want)
        if "\t" in hl + wl:
            return None
        if pairs.setdefault(len(wl), len(hl)) != len(hl):
            return None
    if not pairs:
        return None
    keys = sorted(pairs)
    values = [pairs[k] for k in keys]
    if any(b <= a for a, b in itertools.pairwise(values)):
        return None
    s0, f0 = keys[0], values[0]
    su = keys[1] - keys[0] if len(keys) > 1 else 0
    fu = values[1] - values[0] if len(keys) > 1 else 0

    def convert(line: str) -> str:
        if not line.strip():
            return line
        width = len(leading(line).expandtabs(4))
        if width in pairs:
            new = pairs[width]
        elif su:
            new = max(0, f0 + round((width - s0) * fu / su))
        else:
            new = max(0, f0 + width - s0)
        return " " * new + line.lstrip()

    return convert


def leading(s: str) -> str:
    return s[: len(s) - len(s.lstrip())]


def uniform_shift(window: Lines, search: Lines) -> tuple[str, str] | None:
    """(prefix to add, prefix to remove) turning each search line's indent into the file's, or None."""
    shift: tuple[str, str] | None = None
    for have, want in zip(window, search, strict=True):
        if not want.strip():
            continue
        hi, wi = leading(have), leading(want)
        if hi.endswith(wi) and len(hi) >= len(wi):
            this = (hi[: len(hi) - len(wi)], "")
        elif wi.endswith(hi):
            this = ("", wi[: len(wi) - len(hi)])
        else:
            return None
        if shift is None:
            shift = this
        elif shift != this:
            return None
    return shift or ("", "")


def reindent(lines: Lines, shift: tuple[str, str]) -> tuple[str, ...]:
    add, remove = shift
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
        elif remove and line.startswith(remove):
            out.append(add + line[len(remove) :])
        elif remove:
            out.append(add + line[min(len(leading(line)), len(remove)) :])
        else:
            out.append(add + line)
    return tuple(out)


def space_unit(lines: Lines) -> int:
    widths = sorted(
        {len(leading(x)) for x in lines if x.strip() and x.startswith(" ") and "\t" not in leading(x)}
    )
    return widths[0] if widths and widths[0] in (2, 3, 4, 8) else 4


def spaces_to_tabs(line: str, unit: int) -> str:
    lead = leading(line)
    if "\t" in lead:
        return line
    return "\t" * (len(lead) // unit) + " " * (len(lead) % unit) + line[len(lead) :]


def tabs_to_spaces(line: str, unit: int) -> str:
    lead = leading(line)
    return lead.replace("\t", " " * unit) + line[len(lead) :]


def first_line_shift(window: Lines, search: Lines) -> tuple[str, str]:
    have = next((x for x in window if x.strip()), "")
    want = next((x for x in search if x.strip()), "")
    hi, wi = leading(have), leading(want)
    if hi.endswith(wi):
        return (hi[: len(hi) - len(wi)], "")
    if wi.endswith(hi):
        return ("", wi[: len(wi) - len(hi)])
    return ("", "")
