"""The plan against the diff: which files the change touched that the plan did not name, and which
named files it left alone. A plan a person wrote or edited (`/architect plan`, edit, `/architect go`)
binds the change: a file outside it makes the pull request a draft (bot/review_flags.py).

Tests are the exception: a test file the plan did not name is listed, but never makes a draft,
since tests for the planned change are what a maintainer asks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.context.testfiles import is_test_file


@dataclass(frozen=True)
class PlanScope:
    planned: tuple[str, ...]  # the files the plan names
    changed: tuple[str, ...]  # the files the diff touches
    by_person: bool = False  # the plan was written or edited by a person: it binds the change

    @property
    def outside(self) -> tuple[str, ...]:
        return tuple(path for path in self.changed if path not in self.planned)

    @property
    def untouched(self) -> tuple[str, ...]:
        return tuple(path for path in self.planned if path not in self.changed)

    @property
    def strays(self) -> tuple[str, ...]:
        """Files outside the plan that are not tests: what a binding plan does not allow."""
        return tuple(path for path in self.outside if not is_test_file(path))

    def lines(self) -> list[str]:
        """The PR's "Plan vs diff" lines; none when the diff is exactly the plan."""
        lines = [
            f"Changed, not in the plan: `{path}`" + (" (a test)" if is_test_file(path) else "")
            for path in self.outside
        ]
        lines += [f"In the plan, not changed: `{path}`" for path in self.untouched]
        return lines
