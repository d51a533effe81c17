"""Reading the run's event from the environment GitHub sets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import UsageError
from bot.event_file import read_event
from bot.events import Trigger, route
from bot.run_options import RunOptions
from tests.events.helpers import EVENTS


def test_reads_a_real_event_file_and_routes_it() -> None:
    event = read_event(
        {"GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": str(EVENTS / "issues.labeled.json")}
    )
    assert event.name == "issues" and event.payload["label"]["name"] == "architect"
    assert isinstance(route(event.name, event.payload, RunOptions()), Trigger)


def test_schedule_file_as_github_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text('{"schedule": "17 3 * * 1"}')
    event = read_event({"GITHUB_EVENT_NAME": "schedule", "GITHUB_EVENT_PATH": str(path)})
    assert event.payload == {"schedule": "17 3 * * 1"}


def test_empty_file_is_an_empty_payload(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("")
    assert read_event({"GITHUB_EVENT_NAME": "push", "GITHUB_EVENT_PATH": str(path)}).payload == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "is not JSON (Expecting property name"), ("[1, 2]", "holds a list, not a JSON object")],
)
def test_bad_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "event.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=re.escape(message)):
        read_event({"GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": str(path)})


def test_missing_environment(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="GITHUB_EVENT_NAME is not set"):
        read_event({})
    with pytest.raises(UsageError, match="GITHUB_EVENT_PATH is not set for the issues event"):
        read_event({"GITHUB_EVENT_NAME": "issues"})
    with pytest.raises(UsageError, match="cannot read the event file"):
        read_event({"GITHUB_EVENT_NAME": "issues", "GITHUB_EVENT_PATH": str(tmp_path / "missing.json")})
