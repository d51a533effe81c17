"""A repository's PR template receives the bot's body (tampering: tests/tamper/)."""

from __future__ import annotations

from bot.action.publish import fill_template


def test_template_gets_the_body_under_its_first_heading() -> None:
    template = "## Description\n\n<!-- what and why -->\n\n## Checklist\n- [ ] tests\n"
    filled = fill_template(template, "The plan.\n\nFixes #1")
    assert filled.index("## Description") < filled.index("The plan.") < filled.index("## Checklist")
    assert filled.endswith("- [ ] tests\n")
    assert fill_template(None, "body") == "body"
    assert fill_template("Please describe.", "body").startswith("body\n\n---\n\nPlease describe.")
