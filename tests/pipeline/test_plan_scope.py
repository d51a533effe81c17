"""The plan against the diff (bot/plan_scope.py): what is listed, and what binds."""

from __future__ import annotations

from bot.plan_scope import PlanScope


def test_files_outside_and_untouched_are_listed_tests_marked() -> None:
    scope = PlanScope(("calc.py", "docs/calc.md"), ("calc.py", "tests/test_calc.py", "setup.py"))
    assert scope.outside == ("tests/test_calc.py", "setup.py")
    assert scope.untouched == ("docs/calc.md",)
    assert scope.strays == ("setup.py",)  # a test for the planned change is welcome
    assert scope.lines() == [
        "Changed, not in the plan: `tests/test_calc.py` (a test)",
        "Changed, not in the plan: `setup.py`",
        "In the plan, not changed: `docs/calc.md`",
    ]


def test_a_diff_that_is_the_plan_lists_nothing() -> None:
    assert PlanScope(("calc.py",), ("calc.py",), by_person=True).lines() == []
