"""The spend ledger in the status comment: reading, writing, carrying earlier runs forward."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.action.ledger import (
    MAX_ENTRIES,
    LedgerError,
    Spend,
    parse_ledger,
    render_ledger,
    run_key,
    spent_on,
)
from bot.action.preflight import DayBudget, utc_midnight
from bot.action.spending import earlier_spend, narrowed, run_cap
from bot.action.status import StatusComment, status_marker
from bot.config import Settings
from bot.forge.types import Comment

HAND_WRITTEN = (
    "<!-- architect-bot:status:7 -->\n### architect-bot\n\n✅ Fixed.\n\n"
    '<!-- architect-bot:spend {"900.1":{"day":"2026-11-22","usd":0.5},'
    '"901.2":{"day":"2026-11-23","usd":0.0216}} -->'
)


def test_a_hand_written_ledger_reads_in_order() -> None:
    assert parse_ledger(HAND_WRITTEN) == {
        "900.1": Spend("2026-11-22", 0.5),
        "901.2": Spend("2026-11-23", 0.0216),
    }
    assert list(parse_ledger(HAND_WRITTEN)) == ["900.1", "901.2"]


def test_render_then_parse_gives_the_entries_back() -> None:
    entries = {"1.1": Spend("2026-11-23", 0.1234567), "local-ab>c": Spend("2026-11-22", 0.0)}
    line = render_ledger(entries)
    assert line.startswith("<!-- architect-bot:spend {") and line.endswith("} -->")
    assert line.count("-->") == 1  # a ">" in a key cannot close the HTML comment early
    assert parse_ledger(f"text before\n{line}\ntext after") == {
        "1.1": Spend("2026-11-23", 0.123457),
        "local-ab>c": Spend("2026-11-22", 0.0),
    }


def test_a_body_without_a_ledger_has_no_entries() -> None:
    assert parse_ledger("<!-- architect-bot:status:1 -->\n### architect-bot") == {}


@pytest.mark.parametrize(
    "data",
    [
        "{not json",
        "[1, 2]",
        '{"1.1": 0.5}',
        '{"1.1": {"day": "2026-11-23"}}',
        '{"1.1": {"day": "2026-11-23", "usd": -1}}',
        '{"1.1": {"day": "2026-11-23", "usd": "0.5"}}',
        '{"1.1": {"day": "2026-11-23", "usd": true}}',
        '{"1.1": {"day": "2026-11-23", "usd": NaN}}',
        '{"1.1": {"day": "23.11.2026", "usd": 0.5}}',
        '{"1.1": {"day": "2026-11-23", "usd": 0.5, "note": "x"}}',
    ],
)
def test_a_hand_edited_ledger_is_refused_with_what_to_do(data: str) -> None:
    with pytest.raises(LedgerError, match="restore the line or delete it"):
        parse_ledger(f"<!-- architect-bot:spend {data} -->")


def test_only_the_newest_entries_are_kept() -> None:
    entries = {f"{n}.1": Spend("2026-11-23", 0.01) for n in range(MAX_ENTRIES + 5)}
    kept = parse_ledger(render_ledger(entries))
    assert len(kept) == MAX_ENTRIES and "4.1" not in kept and f"{MAX_ENTRIES + 4}.1" in kept


def test_spent_on_counts_one_day_only() -> None:
    entries = parse_ledger(HAND_WRITTEN).values()
    assert spent_on("2026-11-23", entries) == pytest.approx(0.0216)
    assert spent_on("2026-11-21", entries) == 0


def test_run_key_is_the_run_and_its_attempt() -> None:
    assert run_key({"GITHUB_RUN_ID": "8123", "GITHUB_RUN_ATTEMPT": "2"}) == "8123.2"
    assert run_key({"GITHUB_RUN_ID": "8123"}) == "8123.1"
    outside = run_key({})
    assert outside.startswith("local-") and outside != run_key({})


def test_the_status_comment_carries_earlier_runs_and_adds_its_own() -> None:
    written: list[str] = []
    earlier = parse_ledger(HAND_WRITTEN)
    status = StatusComment(written.append, ledger=earlier, run=("902.1", "2026-11-23"), min_interval_s=0)

    status.stage("plan")
    assert parse_ledger(written[-1]) == earlier  # nothing spent yet: no entry of its own
    status.spend(0.004)
    status.spend(0.006)
    status.done("plan")

    assert parse_ledger(written[-1]) == {**earlier, "902.1": Spend("2026-11-23", 0.01)}
    assert "architect-bot:spend" not in written[-1].split("<!--")[0]  # hidden: only inside a comment


def test_a_rerun_of_the_same_run_replaces_its_entry() -> None:
    written: list[str] = []
    earlier = {"902.1": Spend("2026-11-23", 0.5), "903.1": Spend("2026-11-23", 0.1)}
    status = StatusComment(written.append, ledger=earlier, run=("902.1", "2026-11-23"))
    status.spend(0.2)
    status.stage("plan")
    assert list(parse_ledger(written[-1]).items()) == [
        ("903.1", Spend("2026-11-23", 0.1)),
        ("902.1", Spend("2026-11-23", 0.2)),
    ]


def _comment(body: str, *, is_self: bool = True, is_bot: bool | None = None, id: int = 1) -> Comment:
    author = "github-actions[bot]" if is_self else "mallory"
    return Comment(id, author, body, is_bot=is_self if is_bot is None else is_bot, is_self=is_self)


def test_earlier_spend_reads_only_the_bots_own_status_comment_of_the_thread(
    caplog: pytest.LogCaptureFixture,
) -> None:
    mine = _comment(HAND_WRITTEN)
    forged = _comment(HAND_WRITTEN.replace('"usd":0.5', '"usd":99'), is_self=False)
    assert earlier_spend([forged, mine], 7) == parse_ledger(HAND_WRITTEN)
    assert earlier_spend([mine], 8) == {}  # another thread's marker
    with caplog.at_level(logging.WARNING):
        assert earlier_spend([_comment(HAND_WRITTEN.replace('"usd":0.5', '"usd":"x"'))], 7) == {}
    assert "spend ledger" in caplog.text


def test_earlier_spend_falls_back_to_an_apps_status_comment_as_the_forge_does() -> None:
    app = _comment(HAND_WRITTEN, is_self=False, is_bot=True, id=5)  # an App token cannot tell its login
    assert earlier_spend([app], 7) == parse_ledger(HAND_WRITTEN)
    own = _comment(HAND_WRITTEN.replace('"usd":0.5', '"usd":0.75'), id=9)
    assert earlier_spend([app, own], 7)["900.1"] == Spend("2026-11-22", 0.75)  # the token's own first


def test_status_marker_names_the_thread() -> None:
    assert status_marker(12) == "architect-bot:status:12"


def _budget(cap: float, spent: float) -> DayBudget:
    return DayBudget(cap_usd=cap, spent_usd=spent, day="2026-11-23", minutes_left=60)


def test_the_run_cap_is_what_is_left_of_the_day_when_that_is_less() -> None:
    assert run_cap(None, None) is None
    assert run_cap(0.5, None) == 0.5
    assert run_cap(None, _budget(1.0, 0.25)) == 0.75
    assert run_cap(0.5, _budget(1.0, 0.75)) == pytest.approx(0.25)
    assert run_cap(0.5, _budget(1.0, 0.25)) == 0.5


def test_narrowed_settings_say_why() -> None:
    settings = Settings(max_cost_usd=0.5)
    same, note = narrowed(settings, _budget(1.0, 0.25))
    assert same is settings and note == ""
    smaller, note = narrowed(settings, _budget(1.0, 0.9))
    assert smaller.max_cost_usd == pytest.approx(0.1)
    assert "$0.1000" in note and "$1.00" in note and "max-cost-usd-per-day" in note


def test_utc_midnight_is_the_start_of_the_utc_day() -> None:
    from datetime import timedelta, timezone

    late_in_tokyo = datetime(
        2026, 11, 24, 8, 30, tzinfo=timezone(timedelta(hours=9))
    )  # 23:30 UTC on the 23rd
    assert utc_midnight(late_in_tokyo) == datetime(2026, 11, 23, tzinfo=UTC)


class _Stop(BaseException):
    pass


def test_a_run_stopped_midway_still_records_what_it_spent() -> None:
    written: list[str] = []
    clock = iter(range(100)).__next__
    status = StatusComment(
        written.append, run=("905.1", "2026-11-23"), clock=lambda: float(clock()), min_interval_s=1000
    )
    status.stage("edit (try 1)")
    status.spend(0.03)  # throttled: not written yet
    assert "architect-bot:spend" not in written[-1]
    with pytest.raises(_Stop), status.failing_on(_Stop):
        raise _Stop("the run took longer than timeout-minutes")
    assert "Stopped" in written[-1]
    assert parse_ledger(written[-1]) == {"905.1": Spend("2026-11-23", 0.03)}
