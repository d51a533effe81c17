"""Small things a user hits (issue 17): commit subjects cut on a word with balanced code spans, PR.md
ending in a newline, `run --local`, and an auth error that says what is missing once."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands.common import add_task_args
from bot.forge.local import LocalForge
from bot.models.errors import ModelAuthError
from bot.outcome import Outcome, Status
from bot.render import commit_message
from bot.task import Issue
from tests.pipeline.helpers import make_repo


def test_a_long_subject_is_cut_on_a_word_and_keeps_its_code_spans_balanced() -> None:
    title = "`Cache.popitem()` raises `KeyError` on an empty cache instead of the documented `ValueError`"
    subject = commit_message(
        Outcome(status=Status.FIXED), Issue(title=title, body="", number=7)
    ).splitlines()[0]
    assert len(subject) <= 72
    assert subject.count("`") % 2 == 0, subject
    assert subject.endswith("…") and not subject[:-1].endswith(" ")
    words = subject.removeprefix("Fix #7: ").removesuffix("…").replace("`", "").split()
    assert all(word in title.replace("`", "").split() for word in words), subject  # no word cut


def test_a_short_subject_is_kept_whole() -> None:
    subject = commit_message(
        Outcome(status=Status.FIXED), Issue(title="add() is wrong", body="", number=3)
    ).splitlines()[0]
    assert subject == "Fix #3: add() is wrong"


def test_pr_md_ends_with_a_newline(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "calc.py").write_text("x = 1\n")
    forge = LocalForge(repo)
    done = forge.publish(repo, "architect/issue-1", "Fix\n", "# Fix #1: x\n\nbody")
    assert done.pr_path.read_text().endswith("body\n")


def test_run_accepts_local_as_a_sandbox_flag() -> None:
    parser = argparse.ArgumentParser()
    add_task_args(parser)
    assert parser.parse_args(["--issue-text", "x", "--local"]).sandbox == "local"
    assert parser.parse_args(["--issue-text", "x", "--sandbox", "docker"]).sandbox == "docker"


def test_a_missing_key_is_said_once() -> None:
    err = ModelAuthError(
        "anthropic/claude-sonnet-5-5", "no API key given", env_var="ANTHROPIC_API_KEY", status=None
    )
    assert str(err).count("no API key") == 1, str(err)
    assert "ANTHROPIC_API_KEY" in str(err)
