"""Property tests for what models get wrong: lost indentation, lost trailing spaces, failed blocks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.edits import apply_answer

_TEXT = st.text(alphabet="abcdefxyz_()=:,0123456789", min_size=1, max_size=20)
_INDENTED = st.tuples(st.integers(0, 3), _TEXT).map(lambda t: "    " * t[0] + t[1])
_FILE = st.lists(st.one_of(_INDENTED, st.just("")), min_size=3, max_size=30)


def block(path: str, search: list[str], replace: list[str]) -> str:
    s = "".join(x + "\n" for x in search)
    r = "".join(x + "\n" for x in replace)
    return f"{path}\n```python\n<<<<<<< SEARCH\n{s}=======\n{r}>>>>>>> REPLACE\n```\n"


def windows(content: list[str], window: list[str], key: object = None) -> int:
    f = (lambda x: x) if key is None else key  # type: ignore[operator]
    n, want = len(window), [f(x) for x in window]  # type: ignore[operator]
    return sum(1 for i in range(len(content) - n + 1) if [f(x) for x in content[i : i + n]] == want)  # type: ignore[operator]


def common_indent(lines: list[str]) -> str:
    leads = [x[: len(x) - len(x.lstrip())] for x in lines if x.strip()]
    return min(leads, key=len) if leads else ""


def run(files: dict[str, str], answer: str, partial: bool = False) -> tuple[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        for rel, text in files.items():
            (repo / rel).write_text(text)
        result = apply_answer(repo, answer, "diff", partial=partial)
        return (repo / "f.py").read_text(), result


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_FILE, data=st.data())
def test_lost_indentation_is_put_back(lines: list[str], data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(lines) - 1))
    end = data.draw(st.integers(start + 1, len(lines)))
    window = lines[start:end]
    prefix = common_indent(window)
    assume(prefix and any(x.strip() for x in window))
    assume(windows(lines, window, str.strip) == 1)
    new_body = data.draw(st.lists(st.one_of(_INDENTED, st.just("")), max_size=5))
    new = [prefix + x if x else "" for x in new_body]
    search = [x[len(prefix) :] if x.strip() else x for x in window]
    replace = [x[len(prefix) :] if x else "" for x in new]
    assume(windows(lines, search, str.rstrip) == 0)  # the model's text really is off
    got, result = run({"f.py": "\n".join(lines) + "\n"}, block("f.py", search, replace))
    assert result.well_formed, result.reflection  # type: ignore[attr-defined]
    assert got == "".join(x + "\n" for x in [*lines[:start], *new, *lines[end:]])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_FILE, data=st.data())
def test_trailing_spaces_missing_from_search_still_match(lines: list[str], data: st.DataObject) -> None:
    spaced = [x + " " * data.draw(st.integers(0, 2)) if x else x for x in lines]
    start = data.draw(st.integers(0, len(lines) - 1))
    end = data.draw(st.integers(start + 1, len(lines)))
    window = lines[start:end]
    assume(any(x.strip() for x in window) and windows(spaced, window, str.rstrip) == 1)
    new = data.draw(st.lists(_INDENTED, max_size=4))
    got, result = run({"f.py": "\n".join(spaced) + "\n"}, block("f.py", window, new))
    assert result.well_formed, result.reflection  # type: ignore[attr-defined]
    assert got == "".join(x + "\n" for x in [*spaced[:start], *new, *spaced[end:]])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_TEXT, min_size=4, max_size=30, unique=True), data=st.data())
def test_partial_applies_exactly_the_good_blocks(lines: list[str], data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(lines)), min_size=2, max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[0::2], cuts[1::2], strict=False) if b > a]
    assume(spans)
    bad = data.draw(st.lists(st.booleans(), min_size=len(spans), max_size=len(spans)))
    answer, expected = [], list(lines)
    for k, ((a, b), broken) in reversed(list(enumerate(zip(spans, bad, strict=True)))):
        new = [f"NEW {k} {x}" for x in lines[a:b]]
        search = ["QQQQ-WWWW-not-in-the-file"] if broken else lines[a:b]
        answer.insert(0, block("f.py", search, new))
        if not broken:
            expected[a:b] = new
    got, result = run({"f.py": "\n".join(lines) + "\n"}, "\n".join(answer), partial=True)
    assert got == "".join(x + "\n" for x in expected)
    failed = {f.block for f in result.failures}  # type: ignore[attr-defined]
    assert failed == {k + 1 for k, broken in enumerate(bad) if broken}
    assert result.blocks_applied == bad.count(False)  # type: ignore[attr-defined]
    if any(bad):
        assert all(f"block {k}," in result.reflection for k in failed)  # type: ignore[attr-defined]
