"""What a run may spend and what it did: this thread's ledger carried forward, metered models, and
the run's cost cap narrowed to what is left of the day's budget."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.action import texts
from bot.action.ledger import LedgerError, Spend, parse_ledger
from bot.action.preflight import DayBudget
from bot.action.status import status_marker
from bot.config import Settings
from bot.forge.types import Comment
from bot.models.metered import MeteredModel, OnSpend
from bot.models.types import Models

log = logging.getLogger(__name__)


def earlier_spend(comments: Iterable[Comment], number: int) -> dict[str, Spend]:
    """The ledger of the bot's status comment among ``comments`` (thread ``number``); {} when there is
    none or it cannot be read (a warning, and the run records afresh)."""
    tag = f"<!-- {status_marker(number)} -->"
    # the comment the forge will edit: a bot's, the token's own first
    mine = sorted((c for c in comments if c.is_bot and tag in c.body), key=lambda c: (not c.is_self, c.id))
    if not mine:
        return {}
    try:
        return parse_ledger(mine[0].body)
    except LedgerError as err:
        log.warning("%s (status comment %d)", err, mine[0].id)
        return {}


def metered(models: Models, on_spend: OnSpend) -> Models:
    architect = models.architect
    return Models(
        editor=MeteredModel(models.editor, on_spend),
        architect=MeteredModel(architect, on_spend) if architect is not None else None,
    )


def run_cap(per_run_usd: float | None, budget: DayBudget | None) -> float | None:
    """This run's cost cap: ``max-cost-usd``, narrowed to what is left of the day's budget."""
    if budget is None:
        return per_run_usd
    if per_run_usd is None:
        return budget.remaining_usd
    return min(per_run_usd, budget.remaining_usd)


def narrowed(settings: Settings, budget: DayBudget | None) -> tuple[Settings, str]:
    """``settings`` whose ``max_cost_usd`` is the run's cap, and a note for the status comment when
    the day's budget made it lower ("" otherwise). The pipeline enforces ``max_cost_usd``."""
    cap = run_cap(settings.max_cost_usd, budget)
    if budget is None or cap is None or cap == settings.max_cost_usd:
        return settings, ""
    log.info("this run's cost cap: $%.4f, what is left of today's budget", cap)
    note = texts.day_budget_note(cap, budget.remaining_usd, budget.cap_usd)
    return settings.model_copy(update={"max_cost_usd": cap}), note
