"""The maintainers' instruction files (bot/context/instructions.py), read through a reader of the
trusted commit's files."""

from __future__ import annotations

from bot.context.instructions import Instructions, read_instructions

FILES = {
    "AGENTS.md": "Root rule: run `make lint` before you finish.",
    "src/payments/AGENTS.md": "Payments rule: amounts are Decimal, never float.",
    "CLAUDE.md": "Claude rule: keep functions short.",
    ".github/copilot-instructions.md": "Copilot rule: type hints everywhere.",
    "CONTRIBUTING.md": (
        "# Contributing\n\n## Reporting bugs\nUse the issue template.\n\n"
        "## Code style\nBlack, 100 columns.\n\n### Naming\nsnake_case.\n\n"
        "## Tests\npytest, one file per module.\n"
    ),
    "docs/editor-rules.md": "Editor rule from a file: never reformat untouched lines.",
}


def read(path: str) -> str | None:
    return FILES.get(path)


def instructions(
    paths: list[str], budget: int = 3000, architect: str | None = None, editor: str | None = None
) -> Instructions:
    return read_instructions(
        read, paths, architect_setting=architect, editor_setting=editor, budget_tokens=budget
    )


def test_the_nearest_agents_file_wins_and_the_root_one_covers_the_rest() -> None:
    nested = instructions(["src/payments/charge.py"])
    assert "Payments rule" in nested.architect and "Root rule" not in nested.architect
    both = instructions(["src/payments/charge.py", "setup.py"])
    assert both.sources[:2] == ("src/payments/AGENTS.md", "AGENTS.md")
    assert instructions([]).sources[0] == "AGENTS.md"


def test_other_files_and_only_the_relevant_parts_of_contributing() -> None:
    got = instructions(["setup.py"])
    assert "Claude rule" in got.architect and "Copilot rule" in got.architect
    assert "CONTRIBUTING.md (Code style, Tests)" in got.sources
    assert (
        "Black, 100 columns" in got.architect
        and "snake_case" in got.architect
        and "pytest, one" in got.architect
    )
    assert "issue template" not in got.architect
    assert got.editor == ""  # the editor gets only its own instructions


def test_settings_give_text_or_a_path_and_the_editor_gets_only_its_own() -> None:
    got = instructions(["setup.py"], architect="Plan small changes.", editor="docs/editor-rules.md")
    assert "Plan small changes." in got.architect and "never reformat untouched lines" in got.architect
    assert got.editor.count("never reformat untouched lines") == 1 and "Root rule" not in got.editor
    assert "docs/editor-rules.md (`editor-instructions`)" in got.sources
    assert "`architect-instructions` in the settings" in got.sources


def test_the_budget_cuts_with_a_note() -> None:
    got = instructions(["setup.py"], budget=20)
    assert "past the 20-token budget" in got.architect
    assert "left out, the 20-token instructions budget is spent" in got.architect
    assert len(got.architect) < 400
