"""Nothing can be written outside the repository, into .git/, or into protected paths, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.edits import FORMATS, EditPolicy, apply_answer


def create_answer(fmt: str, path: str) -> str:
    if fmt == "diff":
        return f"{path}\n```\n<<<<<<< SEARCH\n=======\npwned = 1\n>>>>>>> REPLACE\n```\n"
    if fmt == "whole":
        return f"{path}\n```\npwned = 1\n```\n"
    return f"```diff\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1 @@\n+pwned = 1\n```\n"


def edit_answer(fmt: str, path: str, old: str) -> str:
    if fmt == "diff":
        return f"{path}\n```\n<<<<<<< SEARCH\n{old}\n=======\npwned = 1\n>>>>>>> REPLACE\n```\n"
    if fmt == "whole":
        return f"{path}\n```\npwned = 1\n```\n"
    return f"```diff\n--- a/{path}\n+++ b/{path}\n@@ ... @@\n-{old}\n+pwned = 1\n```\n"


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """tmp/outside (must never change) and tmp/repo with symlinks pointing out and into .git."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.py").write_text("secret = 1\n")
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "app.py").write_text("x = 1\n")
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text("[core]\n")
    (repo / "sub" / ".git").mkdir(parents=True)
    (repo / "sub" / ".git" / "config").write_text("[core]\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("name: ci\n")
    (repo / "link").symlink_to(outside, target_is_directory=True)
    (repo / "linkfile.py").symlink_to(outside / "evil.py")
    (repo / "dangling.py").symlink_to(outside / "not-yet.py")
    (repo / "gitlink").symlink_to(repo / ".git" / "config")
    (repo / "wf").symlink_to(repo / ".github" / "workflows", target_is_directory=True)
    return tmp_path


def everything(root: Path) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {}
    for p in sorted(root.rglob("*")):
        key = p.relative_to(root).as_posix()
        if p.is_symlink():
            out[key] = "-> " + str(p.readlink())
        elif p.is_file():
            out[key] = p.read_bytes()
    return out


# Paths `git add` refuses (verify_path with core.protectNTFS / core.protectHFS, on by default):
# written to disk they would pass the engine and then sink the whole run at commit time.
GIT_REFUSES = [
    ".git./hooks/post-checkout",
    ".git../hooks/x",
    "git~1/hooks/x",
    "GIT~1/config",
    ".g\u200cit/hooks/x",
    ".\u200dgit\ufeff/config",
    "src/./new.py",
    "src/sub/../new.py",
]
# names with a space or a colon: only a diff header carries them (other formats call the line no path)
GIT_REFUSES_IN_DIFF_HEADERS = [".git /hooks/x", "sub/.Git. ./config", ".git::$INDEX_ALLOCATION/hooks/x"]
CREATE_TARGETS = [
    ("../outside/new.py", "unsafe_path"),
    ("src/../../outside/new.py", "unsafe_path"),
    ("{outside}/new.py", "unsafe_path"),
    ("~/new.py", "unsafe_path"),
    ("C:\\\\Windows\\\\new.py", "unsafe_path"),
    ("link/new.py", "unsafe_path"),
    ("dangling.py", "unsafe_path"),
    (".git/hooks/post-checkout", "unsafe_path"),
    (".GIT/hooks/post-checkout", "unsafe_path"),
    ("sub/.git/hooks/post-checkout", "unsafe_path"),
    (".github/workflows/new.yml", "protected"),
    (".GitHub/Workflows/new.yml", "protected"),
    ("wf/new.yml", "protected"),
    *((path, "unsafe_path") for path in GIT_REFUSES),
]
EDIT_TARGETS = [
    ("link/evil.py", "secret = 1", "unsafe_path"),
    ("linkfile.py", "secret = 1", "unsafe_path"),
    ("{outside}/evil.py", "secret = 1", "unsafe_path"),
    (".git/config", "[core]", "unsafe_path"),
    ("gitlink", "[core]", "unsafe_path"),
    (".github/workflows/ci.yml", "name: ci", "protected"),
    ("wf/ci.yml", "name: ci", "protected"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("target", "kind"), CREATE_TARGETS)
def test_creating_outside_or_protected_is_refused(world: Path, fmt: str, target: str, kind: str) -> None:
    path = target.format(outside=world / "outside")
    before = everything(world)
    result = apply_answer(world / "repo", create_answer(fmt, path), fmt, partial=True)
    assert [f.kind for f in result.failures] == [kind], result.failures
    assert not result.written
    assert everything(world) == before


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("target", "old", "kind"), EDIT_TARGETS)
def test_editing_outside_or_protected_is_refused(
    world: Path, fmt: str, target: str, old: str, kind: str
) -> None:
    path = target.format(outside=world / "outside")
    before = everything(world)
    result = apply_answer(world / "repo", edit_answer(fmt, path, old), fmt, partial=True)
    assert [f.kind for f in result.failures] == [kind], result.failures
    assert everything(world) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_refused_block_blocks_the_whole_answer(world: Path, fmt: str) -> None:
    answer = edit_answer(fmt, "src/app.py", "x = 1") + "\n" + create_answer(fmt, "../outside/new.py")
    before = everything(world)
    result = apply_answer(world / "repo", answer, fmt)
    assert {f.kind for f in result.failures} == {"unsafe_path"}
    assert everything(world) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_protected_paths_open_when_allowed(world: Path, fmt: str) -> None:
    policy = EditPolicy(allow_protected=True)
    result = apply_answer(
        world / "repo", edit_answer(fmt, ".github/workflows/ci.yml", "name: ci"), fmt, policy=policy
    )
    assert result.well_formed, result.reflection
    assert (world / "repo" / ".github" / "workflows" / "ci.yml").read_text() == "pwned = 1\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_dot_git_stays_closed_even_when_protected_paths_are_allowed(world: Path, fmt: str) -> None:
    policy = EditPolicy(allow_protected=True, protected_globs=())
    result = apply_answer(world / "repo", edit_answer(fmt, ".git/config", "[core]"), fmt, policy=policy)
    assert [f.kind for f in result.failures] == ["unsafe_path"]
    assert (world / "repo" / ".git" / "config").read_text() == "[core]\n"


@pytest.mark.parametrize("target", GIT_REFUSES_IN_DIFF_HEADERS)
def test_a_path_git_refuses_in_a_diff_header_is_refused(world: Path, target: str) -> None:
    before = everything(world)
    result = apply_answer(world / "repo", create_answer("udiff", target), "udiff", partial=True)
    assert [f.kind for f in result.failures] == ["unsafe_path"], result.failures
    assert everything(world) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_path_git_refuses_fails_its_block_and_the_rest_still_applies(world: Path, fmt: str) -> None:
    answer = edit_answer(fmt, "src/app.py", "x = 1") + "\n" + create_answer(fmt, "git~1/hooks/post-checkout")
    result = apply_answer(world / "repo", answer, fmt, partial=True)
    assert [f.kind for f in result.failures] == ["unsafe_path"]
    assert result.changed_files == ("src/app.py",)
    assert result.reflection is not None and "git~1/hooks/post-checkout" in result.reflection
    assert not (world / "repo" / "git~1").exists()


def test_the_repositorys_own_absolute_path_is_read_as_relative(world: Path) -> None:
    repo = world / "repo"
    answer = edit_answer("diff", f"{repo.resolve()}/src/app.py", "x = 1")
    result = apply_answer(repo, answer, "diff")
    assert result.well_formed, result.reflection
    assert (repo / "src" / "app.py").read_text() == "pwned = 1\n"
