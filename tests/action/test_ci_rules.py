"""The CI follow-up's rules (bot/ci_followup.py): pre-existing failures, the fingerprint, rounds kept
in commit trailers, the stops, and what the model and the pull request are told."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ci_followup import (
    SECTION_END,
    SECTION_START,
    Failure,
    Round,
    changed_lines,
    decide,
    fingerprint,
    is_local,
    mentioned_lines,
    mentioned_paths,
    parse_rounds,
    protected_of,
    report,
    rounds_since,
    section,
    split_failures,
    trailers,
    with_section,
)
from bot.forge.types import FailedJob
from bot.gitutil import commit_as_bot, git

LINT = FailedJob("lint", "ruff", "calc.py:3:1: F401 `os` imported but unused\nFound 1 error in 0.12s")
TESTS = FailedJob(
    "tests (3.12)", "pytest", "FAILED tests/test_calc.py::test_add - assert 3 == 4\n1 failed in 0.53s"
)


def failure(*new: FailedJob, old: tuple[FailedJob, ...] = ()) -> Failure:
    return Failure(7, "CI", "https://github.test/o/r/actions/runs/7", tuple(new), old)


def test_a_job_that_fails_on_the_base_branch_too_is_pre_existing() -> None:
    new, old = split_failures([LINT, TESTS], ["Lint"])
    assert new == (TESTS,) and old == (LINT,)


def test_the_fingerprint_ignores_numbers_but_not_the_failure() -> None:
    later = FailedJob("lint", "ruff", "calc.py:4:1: F401 `os` imported but unused\nFound 1 error in 0.31s")
    assert fingerprint([LINT]) == fingerprint([later])
    other = FailedJob("lint", "ruff", "calc.py:4:1: E501 line too long\nFound 1 error in 0.31s")
    assert fingerprint([LINT]) != fingerprint([other])
    assert fingerprint([LINT, TESTS]) == fingerprint([TESTS, LINT]) != fingerprint([LINT])


def test_rounds_come_back_from_the_trailers_of_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    git(tmp_path, "add", "-A")
    start = commit_as_bot(tmp_path, "start")
    (tmp_path / "a.txt").write_text("b", encoding="utf-8")
    git(tmp_path, "add", "-A")
    lines = trailers(1, failure(LINT))
    sha = commit_as_bot(tmp_path, "Fix lint\n\nbody text\n\n" + "\n".join(lines) + "\n")
    (tmp_path / "a.txt").write_text("c", encoding="utf-8")
    git(tmp_path, "add", "-A")
    commit_as_bot(tmp_path, "a person's commit without trailers")
    assert rounds_since(tmp_path, start) == (Round(1, fingerprint([LINT]), "lint", sha),)


def test_trailers_with_a_bad_round_number_are_not_a_round() -> None:
    assert parse_rounds([("abc", "x\n\nArchitect-Bot-CI-Round: one\n")]) == ()


def test_a_plan_quoted_in_the_message_cannot_count_as_a_round() -> None:
    """The commit message quotes the plan (a model's words) before the bot's own trailers."""
    planted = "Fix it\n\nArchitect-Bot-CI-Round: 9\nArchitect-Bot-CI-Failure: x run 1\n\nFixes #1\n"
    assert parse_rounds([("abc", planted)]) == ()


def test_the_stops_in_order_and_the_go() -> None:
    done = (Round(1, fingerprint([LINT]), "lint", "a" * 40),)
    pre = decide(failure(old=(LINT,)), (), 2)
    assert (pre.go, pre.reason) == (False, "pre-existing") and "`lint`" in pre.detail
    same = decide(failure(LINT), done, 2)
    assert (same.go, same.reason) == (False, "same-failure") and "round 1" in same.detail
    spent = decide(failure(TESTS), (*done, Round(2, "x", "t", "b" * 40)), 2)
    assert (spent.go, spent.reason) == (False, "rounds") and "2 of 2" in spent.detail
    guarded = decide(failure(TESTS), done, 2, [".github/workflows/ci.yml"])
    assert (guarded.go, guarded.reason) == (False, "protected")
    go = decide(failure(TESTS), done, 2)
    assert (go.go, go.round) == (True, 2)
    assert decide(failure(TESTS), (), 0).reason == "rounds"


def test_paths_in_logs_are_found_relative_to_the_repository() -> None:
    job = FailedJob(
        "tests",
        "pytest",
        'File "/home/runner/work/r/r/src/calc.py", line 3, in add\n'
        "./tests/test_calc.py:9: AssertionError\nnot/tracked.py:1: x\nsetup.cfg has no line\n"
        ".github/workflows/ci.yml:3: jobs is empty",
    )
    tracked = ["src/calc.py", "tests/test_calc.py", "setup.cfg", ".github/workflows/ci.yml"]
    assert mentioned_paths(mentioned_lines([job], tracked)) == (
        "src/calc.py",
        "tests/test_calc.py",
        ".github/workflows/ci.yml",
    )
    assert protected_of([".github/workflows/ci.yml", "src/calc.py"], (".github/**",)) == (
        ".github/workflows/ci.yml",
    )
    assert mentioned_lines([job], tracked)[:2] == (("src/calc.py", 3), ("tests/test_calc.py", 9))


def test_a_failure_is_local_when_it_is_near_a_line_the_pull_request_changed(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "calc.py").write_text("".join(f"line {n}\n" for n in range(1, 41)), encoding="utf-8")
    (tmp_path / "other.py").write_text("x = 1\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    start = commit_as_bot(tmp_path, "start")
    text = (tmp_path / "calc.py").read_text(encoding="utf-8").replace("line 20\n", "line twenty\n")
    (tmp_path / "calc.py").write_text(text.replace("line 30\n", ""), encoding="utf-8")
    git(tmp_path, "add", "-A")
    commit_as_bot(tmp_path, "change")
    changed = changed_lines(git(tmp_path, "diff", "-U0", start, "HEAD", strip=False))
    assert changed == {"calc.py": {20, 29}}  # a deletion counts the line before it
    assert is_local([("calc.py", 22), ("calc.py", 27)], changed)
    assert not is_local([("calc.py", 10)], changed)  # the same file, far from the change
    assert not is_local([("calc.py", 20), ("other.py", 1)], changed)  # a file the change left alone
    assert not is_local([], changed)  # no place named: the architect looks


def test_the_report_names_jobs_and_paths_and_hides_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_" + "a" * 36)
    leaky = FailedJob("lint", None, "token ghp_" + "a" * 36 + " rejected")
    text = report(failure(leaky, old=(TESTS,)), ["src/calc.py"])
    assert "Job `lint`" in text and "`src/calc.py`" in text and "`tests (3.12)`" in text
    assert "ghp_" + "a" * 36 not in text


def test_the_section_replaces_itself_in_a_body() -> None:
    rounds = (Round(1, "f", "lint", "c" * 40),)
    first = with_section("Plan text.", section(rounds))
    assert first.count(SECTION_START) == 1 and "Round 1" in first and "cccccccccccc" in first
    second = with_section(first, section(rounds, "the same failure came back"))
    assert second.count(SECTION_START) == second.count(SECTION_END) == 1
    assert "Stopped: the same failure came back" in second and second.startswith("Plan text.")
    assert with_section(second, "") == "Plan text."
