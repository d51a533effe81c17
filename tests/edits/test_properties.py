"""Property tests: random edits in each format apply exactly; garbage never escapes or half-applies."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.edits import FORMATS, apply_answer

# Line text free of what the formats use as syntax (fences, markers, diff prefixes, elisions).
_LINE = st.text(alphabet="abcdefgxyz_ ()[]{}:;,'\"#/*\t0123456789", min_size=0, max_size=30).map(str.rstrip)
_LINES = st.lists(_LINE, min_size=1, max_size=25)
PATHS = ("src/app.py", "lib/util.py", "main.py")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: tuple[str, ...]


def count(content: list[str], window: list[str]) -> int:
    n = len(window)
    return sum(1 for i in range(len(content) - n + 1) if content[i : i + n] == window)


@st.composite
def edited_file(draw: st.DrawFn) -> tuple[list[str], list[Edit]]:
    lines = draw(_LINES)
    cuts = sorted(draw(st.sets(st.integers(0, len(lines)), min_size=2, max_size=6)))
    edits = []
    for a, b in zip(cuts[0::2], cuts[1::2], strict=False):
        if b > a:
            edits.append(Edit(a, b, tuple(draw(st.lists(_LINE, max_size=5)))))
    return lines, edits


def expected_after(lines: list[str], edits: list[Edit]) -> list[str]:
    out = list(lines)
    for e in reversed(edits):
        out[e.start : e.end] = list(e.new)
    return out


def render(fmt: str, path: str, lines: list[str], edits: list[Edit], numbered: bool) -> str:
    if fmt == "whole":
        body = "\n".join(expected_after(lines, edits))
        return f"{path}\n```\n{body}\n```\n"
    if fmt == "diff":
        out = []
        for e in edits:
            search = "".join(x + "\n" for x in lines[e.start : e.end])
            replace = "".join(x + "\n" for x in e.new)
            out.append(f"{path}\n```\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n```\n")
        return "Some prose.\n\n" + "\n".join(out)
    hunks = []
    shift = 0
    for e in edits:
        old_len, new_len = e.end - e.start, len(e.new)
        head = f"@@ -{e.start + 1},{old_len} +{e.start + 1 + shift},{new_len} @@" if numbered else "@@ ... @@"
        body = [f"-{x}" for x in lines[e.start : e.end]] + [f"+{x}" for x in e.new]
        hunks.append("\n".join([head, *body]))
        shift += new_len - old_len
    return f"```diff\n--- a/{path}\n+++ b/{path}\n" + "\n".join(hunks) + "\n```\n"


def placeable(lines: list[str], edits: list[Edit]) -> bool:
    """Every SEARCH is non-blank and unique in the file as it is when its turn comes."""
    current = list(lines)
    offset = 0
    for e in edits:
        window = lines[e.start : e.end]
        if not any(x.strip() for x in window) or count(current, window) != 1:
            return False
        current[e.start + offset : e.end + offset] = list(e.new)
        offset += len(e.new) - (e.end - e.start)
    return True


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=edited_file(),
    fmt=st.sampled_from(FORMATS),
    path=st.sampled_from(PATHS),
    crlf=st.booleans(),
    final_newline=st.booleans(),
    numbered=st.booleans(),
)
def test_rendered_edits_apply_exactly(
    data: tuple[list[str], list[Edit]], fmt: str, path: str, crlf: bool, final_newline: bool, numbered: bool
) -> None:
    lines, edits = data
    assume(edits)
    if fmt != "whole":
        assume(placeable(lines, edits))
    assume(len(lines) > 1 or final_newline or not crlf)  # a file without any line ending has no style
    assume(final_newline or lines[-1] != "")  # "a\n" is ["a"] with a final newline, not ["a", ""] without
    nl = "\r\n" if crlf else "\n"
    after = expected_after(lines, edits)
    assume(any(x.strip() for x in after) or fmt != "whole")  # an empty whole file is refused
    end = nl if final_newline else ""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((nl.join(lines) + end).encode())
        result = apply_answer(repo, render(fmt, path, lines, edits, numbered), fmt)
        assert result.well_formed, result.reflection
        got = target.read_bytes().decode()
    want_end = end if after else ""
    if fmt == "whole" and not after:
        want_end = ""
    assert got == nl.join(after) + want_end
    assert {a.strategy for a in result.applied} <= {"exact", "whole", "exact+line-number"}


_FRAGMENTS = st.sampled_from(
    [
        "<<<<<<< SEARCH",
        "=======",
        ">>>>>>> REPLACE",
        "```",
        "```python",
        "````",
        "<think>",
        "</think>",
        "src/app.py",
        "../evil.py",
        "/tmp/evil.py",
        ".git/config",
        ".github/workflows/ci.yml",
        "link/evil.py",
        "linkfile.py",
        "--- a/src/app.py",
        "+++ b/src/app.py",
        "--- /dev/null",
        "+++ /dev/null",
        "@@ -1,2 +1,2 @@",
        "@@ ... @@",
        "-x = 1",
        "+x = 2",
        " y = 2",
        "x = 1",
        "y = 2",
        "",
        "...",
        "# ... existing code ...",
        "**src/app.py**",
        "app.py",
        "new/file.py",
        "\ufeff",
        "\r",
        "\t",
    ]
)
_GARBAGE = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=40).map("\n".join)


def tree(root: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=_GARBAGE, fmt=st.sampled_from(FORMATS), partial=st.booleans())
def test_garbage_never_escapes_nor_half_applies(answer: str, fmt: str, partial: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        outside = base / "outside"
        outside.mkdir()
        (outside / "evil.py").write_text("secret = 1\n")
        repo = base / "repo"
        (repo / "src").mkdir(parents=True)
        (repo / ".git").mkdir()
        (repo / ".git" / "config").write_text("[core]\n")
        (repo / ".github" / "workflows").mkdir(parents=True)
        (repo / ".github" / "workflows" / "ci.yml").write_text("name: ci\n")
        (repo / "src" / "app.py").write_text("x = 1\ny = 2\n")
        (repo / "link").symlink_to(outside, target_is_directory=True)
        (repo / "linkfile.py").symlink_to(outside / "evil.py")
        before_repo, before_all = tree(repo), tree(base)

        result = apply_answer(repo, answer, fmt, partial=partial)

        after_all = tree(base)
        outside_before = {k: v for k, v in before_all.items() if not k.startswith("repo/")}
        outside_after = {k: v for k, v in after_all.items() if not k.startswith("repo/")}
        assert outside_after == outside_before
        assert (repo / ".git" / "config").read_text() == "[core]\n"
        assert (repo / ".github" / "workflows" / "ci.yml").read_text() == "name: ci\n"
        assert not list(repo.rglob("*.edit-tmp"))
        if not result.well_formed and not partial:
            assert tree(repo) == before_repo
            assert not result.written
        assert result.written == (tree(repo) != before_repo)
        assert result.blocks_failed == len(result.failures)
        assert (result.reflection is None) == result.well_formed


_VALID = {
    "diff": "src/app.py\n```python\n<<<<<<< SEARCH\nx = 1\n=======\nx = 3\n>>>>>>> REPLACE\n```\n",
    "whole": "src/app.py\n```python\nx = 3\ny = 2\n```\n",
    "udiff": "```diff\n--- a/src/app.py\n+++ b/src/app.py\n@@ -1,2 +1,2 @@\n-x = 1\n+x = 3\n y = 2\n```\n",
}


@st.composite
def mutated_answer(draw: st.DrawFn) -> tuple[str, str]:
    """A valid answer, then lines deleted, duplicated, swapped or replaced by fragments."""
    fmt = draw(st.sampled_from(FORMATS))
    lines = (_VALID[fmt] * draw(st.integers(1, 3))).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace"]))
        k = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[k]
        elif op == "duplicate":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        else:
            lines[k] = draw(_FRAGMENTS)
    return fmt, "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated_answer(), partial=st.booleans())
def test_mutated_answers_apply_fully_or_not_at_all(case: tuple[str, str], partial: bool) -> None:
    fmt, answer = case
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        (repo / "src").mkdir()
        (repo / "src" / "app.py").write_text("x = 1\ny = 2\n")
        before = tree(repo)
        result = apply_answer(repo, answer, fmt, partial=partial)
        after = tree(repo)
    if not partial and not result.well_formed:
        assert after == before
    assert result.written == (after != before)
    assert set(after) - set(before) <= {f for f in after if not f.startswith(".git")}
    if result.well_formed:
        assert result.blocks_failed == 0 and result.reflection is None
