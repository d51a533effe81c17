from __future__ import annotations

import dataclasses
import subprocess

import pytest

from bot.bench import LANGUAGES, language
from bot.errors import UsageError


def test_table_covers_the_polyglot_languages() -> None:
    assert set(LANGUAGES) == {"python", "go", "rust", "javascript", "java", "cpp"}
    for name, lang in LANGUAGES.items():
        assert lang.name == name
        assert lang.test_command and lang.image and lang.probe_binary


def test_python_row() -> None:
    py = language("python")
    assert py.test_command == "python3 -m pytest -q"
    assert py.image == "architect-bot/sandbox:bookworm"
    assert py.probe_binary == "python3"


def test_probe_binary_is_a_program_the_command_runs() -> None:
    # The probe must be a program the command really needs, or "runnable" would lie.
    for lang in LANGUAGES.values():
        assert lang.probe_binary in lang.test_command.replace("&&", " ").split()


def test_unknown_language_lists_known_ones() -> None:
    with pytest.raises(UsageError, match="python"):
        language("cobol")


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        LANGUAGES["cobol"] = LANGUAGES["python"]  # type: ignore[index]


@pytest.mark.parametrize(("binary", "present"), [("sh", True), ("no-such-toolchain-xyz", False)])
def test_probe_command_reports_presence(binary: str, present: bool) -> None:
    probe = dataclasses.replace(language("go"), probe_binary=binary).probe_command
    assert (subprocess.run(["sh", "-c", probe], check=False).returncode == 0) is present
