from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bench import Exercise, SuiteListing, load_suite
from bot.errors import UsageError

GOOD_FILES = ("thing.py", "thing_test.py", ".meta/example.py", ".docs/instructions.md")


def config_with(**overrides: list[str]) -> dict[str, object]:
    files = {
        "solution": ["thing.py"],
        "test": ["thing_test.py"],
        "example": [".meta/example.py"],
        **overrides,
    }
    return {"authors": [], "files": files}


GOOD_CONFIG = config_with()


def make_exercise(
    root: Path,
    name: str,
    *,
    lang: str = "python",
    config: object = GOOD_CONFIG,
    files: tuple[str, ...] = GOOD_FILES,
) -> Path:
    ex = root / lang / "exercises" / "practice" / name
    for rel in files:
        (ex / rel).parent.mkdir(parents=True, exist_ok=True)
        (ex / rel).write_text(f"# {rel}\n", encoding="utf-8")
    if config is not None:
        (ex / ".meta").mkdir(parents=True, exist_ok=True)
        text = config if isinstance(config, str) else json.dumps(config)
        (ex / ".meta" / "config.json").write_text(text, encoding="utf-8")
    return ex


def reasons(listing: SuiteListing) -> dict[str, str]:
    return {s.path.name: s.reason for s in listing.skipped}


def test_builtin_suite_loads_cleanly(builtin_suite: SuiteListing) -> None:
    assert builtin_suite.skipped == ()
    assert len(builtin_suite.exercises) >= 22
    names = [e.name for e in builtin_suite.exercises]
    assert names == sorted(names)
    for ex in builtin_suite.exercises:
        assert ex.lang == "python"
        assert ex.example_files == (".meta/example.py",)
        assert len(ex.solution_files) == 1 and len(ex.test_files) == 1
        assert ex.test_files[0] == ex.solution_files[0].replace(".py", "_test.py")
        assert ex.instructions.startswith("# ")


def test_valid_fixture_fields(tmp_path: Path) -> None:
    ex_dir = make_exercise(tmp_path, "thing")
    ex = load_suite(tmp_path).exercises[0]
    assert ex == Exercise(
        lang="python",
        name="thing",
        path=ex_dir,
        instructions="# .docs/instructions.md\n",
        solution_files=("thing.py",),
        test_files=("thing_test.py",),
        example_files=(".meta/example.py",),
    )
    assert ex.key == "python/thing"


def test_instruction_parts_joined_in_order(tmp_path: Path) -> None:
    ex_dir = make_exercise(tmp_path, "thing")
    (ex_dir / ".docs" / "instructions.append.md").write_text("APPEND\n", encoding="utf-8")
    (ex_dir / ".docs" / "introduction.md").write_text("INTRO\n", encoding="utf-8")
    text = load_suite(tmp_path).exercises[0].instructions
    assert text == "INTRO\n\n# .docs/instructions.md\n\nAPPEND\n"


def test_broken_exercises_are_skipped_with_reasons(tmp_path: Path) -> None:
    make_exercise(tmp_path, "good")
    make_exercise(tmp_path, "no-config", config=None)
    make_exercise(tmp_path, "bad-json", config="{not json")
    make_exercise(tmp_path, "no-files-key", config={"authors": []})
    make_exercise(tmp_path, "missing-test", files=("thing.py", ".meta/example.py", ".docs/instructions.md"))
    make_exercise(tmp_path, "empty-solution", config=config_with(solution=[]))
    make_exercise(tmp_path, "escapes", config=config_with(test=["../x_test.py"]))
    make_exercise(tmp_path, "no-docs", files=("thing.py", "thing_test.py", ".meta/example.py"))
    listing = load_suite(tmp_path)
    assert [e.name for e in listing.exercises] == ["good"]
    why = reasons(listing)
    assert why["no-config"] == "missing .meta/config.json"
    assert why["bad-json"].startswith(".meta/config.json is not valid JSON")
    assert "'files'" in why["no-files-key"]
    assert why["missing-test"] == "files.test lists thing_test.py, which does not exist"
    assert "files.solution" in why["empty-solution"]
    assert "leaves the exercise folder" in why["escapes"]
    assert why["no-docs"] == "missing .docs/instructions.md"
    assert len(listing.skipped) == 7


def test_language_and_pattern_filters(tmp_path: Path) -> None:
    for name in ("alpha-one", "alpha-two", "beta"):
        make_exercise(tmp_path, name)
    make_exercise(tmp_path, "alpha-go", lang="go")
    assert [e.key for e in load_suite(tmp_path, lang="go").exercises] == ["go/alpha-go"]
    assert [e.name for e in load_suite(tmp_path, lang="python", pattern="alpha-*").exercises] == [
        "alpha-one",
        "alpha-two",
    ]
    assert [e.key for e in load_suite(tmp_path, pattern="beta, go/*").exercises] == [
        "go/alpha-go",
        "python/beta",
    ]
    assert load_suite(tmp_path, lang="rust").exercises == ()


def test_filtered_out_broken_exercise_is_not_reported(tmp_path: Path) -> None:
    make_exercise(tmp_path, "good")
    make_exercise(tmp_path, "broken", config=None)
    assert load_suite(tmp_path, pattern="good").skipped == ()


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--suite"):
        load_suite(tmp_path / "nowhere")


def test_folder_without_the_layout_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "python" / "exercises").mkdir(parents=True)
    with pytest.raises(UsageError, match="exercises/practice"):
        load_suite(tmp_path)


def test_workspace_copies_all_but_meta_and_junk(tmp_path: Path) -> None:
    junk = ("helpers/data.txt", "__pycache__/thing.cpython-311.pyc", ".pytest_cache/README.md", "x.pyc")
    ex_dir = make_exercise(tmp_path / "suite", "thing", files=GOOD_FILES + junk)
    ex = load_suite(tmp_path / "suite").exercises[0]
    ws = ex.workspace(tmp_path / "ws")
    copied = sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file())
    assert copied == [".docs/instructions.md", "helpers/data.txt", "thing.py", "thing_test.py"]
    assert (ex_dir / ".meta" / "example.py").exists()
    with pytest.raises(UsageError, match="not empty"):
        ex.workspace(ws)


def test_visible_files_hide_tests_unless_asked(tmp_path: Path) -> None:
    make_exercise(tmp_path, "thing")
    ex = load_suite(tmp_path).exercises[0]
    assert ex.visible_files() == ("thing.py",)
    assert ex.visible_files(show_tests=True) == ("thing.py", "thing_test.py")


def test_reference_solution_maps_example_onto_solution(builtin_suite: SuiteListing) -> None:
    for ex in builtin_suite.exercises:
        ref = ex.reference_solution()
        assert list(ref) == list(ex.solution_files)
        assert ref[ex.solution_files[0]] == (ex.path / ".meta" / "example.py").read_text(encoding="utf-8")


def test_reference_solution_pairs_several_files_by_name(tmp_path: Path) -> None:
    config = config_with(solution=["src/a.js", "src/b.js"], test=["t.js"], example=[".meta/b.js"])
    files = ("src/a.js", "src/b.js", "t.js", ".meta/b.js", ".docs/instructions.md")
    make_exercise(tmp_path, "multi", config=config, files=files)
    ex = load_suite(tmp_path).exercises[0]
    assert ex.reference_solution() == {"src/b.js": "# .meta/b.js\n"}


def test_reference_solution_pairs_by_suffix_when_names_differ(tmp_path: Path) -> None:
    config = config_with(
        solution=["src/lib.rs", "Cargo.toml"], test=["tests/t.rs"], example=[".meta/example.rs"]
    )
    files = ("src/lib.rs", "Cargo.toml", "tests/t.rs", ".meta/example.rs", ".docs/instructions.md")
    make_exercise(tmp_path, "rusty", lang="rust", config=config, files=files)
    ex = load_suite(tmp_path).exercises[0]
    assert ex.reference_solution() == {"src/lib.rs": "# .meta/example.rs\n"}
