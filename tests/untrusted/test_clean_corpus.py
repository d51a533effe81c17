"""`clean()` against a corpus of ways to hide text from a reader of GitHub: one file per trick.

In each file, every word starting with HIDDEN sits where GitHub shows nothing and must be gone after
`clean()`; every word starting with SHOWN is displayed and must survive. ``\\u{XXXX}`` stands for the
character XXXX, so invisible characters stay visible to whoever edits the corpus.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from bot.untrusted import clean

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*.md"))


def expand(text: str) -> str:
    return re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), text)


def invisible(char: str) -> bool:
    """Format characters (zero-width, bidi, tags) and variation selectors: nothing a reader sees."""
    code = ord(char)
    return unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_hidden_text_goes_and_shown_text_stays(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    cleaned = clean(expand(source))
    for word in re.findall(r"HIDDEN\w*", source):
        assert word not in cleaned, f"{path.name}: {word!r} survived:\n{cleaned}"
    for word in re.findall(r"SHOWN\w*", source):
        assert word in cleaned, f"{path.name}: {word!r} was removed:\n{cleaned}"
    assert not [hex(ord(c)) for c in cleaned if invisible(c)]


def test_the_corpus_covers_each_trick() -> None:
    assert len(FILES) >= 14
    assert all("HIDDEN" in p.read_text() or "SHOWN" in p.read_text() for p in FILES)
