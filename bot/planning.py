"""The architect's plan on its own (`architect-bot plan`, `/architect plan`) and the reader of the
files it asks for (``NEED FILE:``), which the full pipeline shares: one path, so the plan a user asks
for is the plan `fix` would have made, with the same files, budgets and cost cap."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

from bot.architect import Plan, make_plan
from bot.config import Settings, call_settings
from bot.context import build_context, list_source_files, render_within, resolve_request
from bot.context.instructions import Instructions, Reader, prompt_block, read_instructions
from bot.editor import inside
from bot.errors import ModelError
from bot.models.metered import CountedModel
from bot.models.types import Completion
from bot.outcome import Usage
from bot.ports import Model, OnDelta


def requested_files_reader(
    workdir: Path, issue_text: str, settings: Settings
) -> Callable[[Sequence[str]], str]:
    """What the architect is shown when it asks for files: those of the repository they name (a bare
    ``more.py`` finds the one file ending in it; nothing outside it), at most ``max_extra_files``,
    through the file budget (a 170 KB module comes as slices)."""

    def read(paths: Sequence[str]) -> str:
        known = list_source_files(workdir)
        found = {p: resolve_request(workdir, known, p) for p in paths}
        real = list(dict.fromkeys(path for path in found.values() if path is not None))
        shown, cut = real[: settings.max_extra_files], real[settings.max_extra_files :]
        missing = [p for p, path in found.items() if path is None]
        note = f"\n\nThese do not exist in the repository: {', '.join(missing)}" if missing else ""
        if cut:
            note += f"\n\nNot shown (at most {len(shown)} extra files): {', '.join(cut)}"
        text = render_within(workdir, shown, issue_text, settings.file_tokens, "requested")
        return "The files you asked for:\n\n" + text + note

    return read


def instructions_at(read: Reader, paths: Sequence[str], settings: Settings) -> Instructions:
    """The maintainers' instructions for a run about ``paths``, from the files ``read`` gives (those
    of the trusted commit)."""
    return read_instructions(
        read,
        paths,
        architect_setting=settings.architect_instructions,
        editor_setting=settings.editor_instructions,
        budget_tokens=settings.instructions_tokens,
    )


def tree_reader(tree: Path) -> Reader:
    """Files of a checkout of the trusted commit (`plan` reads them from one)."""

    def read(path: str) -> str | None:
        file = tree / path
        if not inside(tree, path) or not file.is_file():
            return None
        return file.read_text(encoding="utf-8", errors="replace")

    return read


class CostCapReached(ModelError):
    """The run's `max-cost-usd` is spent."""


def over_cap(spent: float, cap: float | None) -> str | None:
    """What to say once ``spent`` passed the run's `max-cost-usd`; None while within it."""
    if cap is not None and spent > cap:
        return f"cost budget spent: ${spent:.4f} of ${cap:.4f}"
    return None


@dataclass(frozen=True)
class PlanOnly:
    plan: Plan
    usage: Usage

    @property
    def cost(self) -> str:
        return "unknown" if self.usage.cost_usd is None else f"${self.usage.cost_usd:.4f}"


def plan_only(
    architect: Model,
    tree: Path,
    issue_text: str,
    settings: Settings,
    *,
    instructions: str = "",
    on_delta: OnDelta | None = None,
) -> PlanOnly:
    """The plan for ``issue_text`` from the files of ``tree`` (a checkout of the commit a fix would
    start from). Files the architect asks for are read from ``tree``; the cost cap stops it."""
    context = build_context(
        tree, issue_text, map_tokens=settings.map_tokens, file_tokens=settings.file_tokens
    )
    spent: list[Completion] = []

    def count(completion: Completion) -> None:
        spent.append(completion)
        if (message := over_cap(sum(c.cost_usd or 0.0 for c in spent), settings.max_cost_usd)) is not None:
            raise CostCapReached(message)

    conventions = instructions_at(tree_reader(tree), [f.path for f in context.files], settings)
    plan = make_plan(
        CountedModel(architect, count),
        issue_text,
        "\n\n".join(filter(None, (prompt_block(conventions.architect), context.render()))),
        call_settings(settings, "architect"),
        instructions=instructions,
        read_extra=requested_files_reader(tree, issue_text, settings),
        on_delta=on_delta,
    )
    usage = reduce(Usage.add, plan.completions, Usage(model=architect.name, role="architect"))
    return PlanOnly(plan, usage)
