"""The spend ledger: what each run cost, kept hidden in the bot's status comment.

No other storage is needed: the status comment (one per issue or pull request, edited in place)
ends with one HTML comment that GitHub does not show,

    <!-- architect-bot:spend {"8123456789.1":{"day":"2026-11-23","usd":0.0216}} -->

mapping a run key (workflow run id and attempt) to the UTC day the run started and the US dollars
its model calls cost. Each run carries the entries it found forward and adds or updates its own,
so re-rendering the comment never loses one; the day's total is the sum over the repository's
status comments (see ``bot.action.preflight``).
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.errors import ForgeError

LEDGER_MARK = "architect-bot:spend"
# newest kept: a ledger never grows past GitHub's 65,536-character comment limit
MAX_ENTRIES = 300
_LEDGER = re.compile(r"<!--\s*" + re.escape(LEDGER_MARK) + r"\s(?P<data>.*?)-->", re.DOTALL)


class LedgerError(ForgeError):
    """A status comment's spend ledger cannot be read (edited by hand)."""


@dataclass(frozen=True)
class Spend:
    day: str  # UTC date of the run, YYYY-MM-DD
    usd: float


def run_key(env: Mapping[str, str]) -> str:
    """One key per workflow run attempt (a re-run attempt spends again); a unique one outside Actions."""
    run_id = env.get("GITHUB_RUN_ID", "").strip()
    if not run_id:
        return f"local-{uuid.uuid4().hex[:12]}"
    return f"{run_id}.{env.get('GITHUB_RUN_ATTEMPT', '').strip() or '1'}"


def parse_ledger(body: str) -> dict[str, Spend]:
    """The entries of the ledger in ``body`` (none when it has no ledger); LedgerError when malformed."""
    found = _LEDGER.search(body)
    if found is None:
        return {}
    try:
        data = json.loads(found["data"])
    except json.JSONDecodeError as err:
        raise LedgerError(_fix_hint(f"is not JSON ({err.msg})")) from err
    if not isinstance(data, dict):
        raise LedgerError(_fix_hint("is not a JSON object"))
    entries: dict[str, Spend] = {}
    for key, value in data.items():
        entries[key] = _entry(key, value)
    return entries


def _entry(key: str, value: object) -> Spend:
    if not isinstance(value, dict) or set(value) != {"day", "usd"}:
        raise LedgerError(_fix_hint(f'has entry {key!r} without exactly "day" and "usd"'))
    day, usd = value["day"], value["usd"]
    if not isinstance(usd, int | float) or isinstance(usd, bool) or not math.isfinite(usd) or usd < 0:
        raise LedgerError(_fix_hint(f"has entry {key!r} whose usd is not a non-negative number"))
    try:
        if not isinstance(day, str) or date.fromisoformat(day).isoformat() != day:
            raise ValueError(day)
    except ValueError as err:
        raise LedgerError(_fix_hint(f"has entry {key!r} whose day is not YYYY-MM-DD")) from err
    return Spend(day, float(usd))


def _fix_hint(problem: str) -> str:
    return (
        f"the spend ledger (<!-- {LEDGER_MARK} ... -->) of an architect-bot status comment {problem}; "
        "it is ignored: restore the line or delete it from the comment"
    )


def render_ledger(entries: Mapping[str, Spend]) -> str:
    """The hidden line that ``parse_ledger`` reads back (the newest MAX_ENTRIES entries)."""
    kept = list(entries.items())[-MAX_ENTRIES:]
    data = {key: {"day": s.day, "usd": round(s.usd, 6)} for key, s in kept}
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    # ">" only occurs inside JSON strings, where \u003e means the same: "-->" can never end it early
    return f"<!-- {LEDGER_MARK} {text.replace('>', chr(92) + 'u003e')} -->"


def spent_on(day: str, entries: Iterable[Spend]) -> float:
    return sum(s.usd for s in entries if s.day == day)
